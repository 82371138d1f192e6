//! Tokens for the event resource's entry points: reading an event from a
//! webhook request (verified first) or from JSON, and comparing its API
//! version with the crate's.

use super::tokens::ident;
use crate::ir::{Api, EventTypes, TypeKind};
use proc_macro2::TokenStream;
use quote::quote;

/// `impl Event { from_slice, api_version_matches }` and
/// `impl Webhook { construct_event }`.
pub(super) fn entry_points(api: &Api, e: &EventTypes) -> TokenStream {
    let def = api.ty(e.event);
    let name = ident(&def.name);
    let name_str = &def.name;
    let from_slice_doc = " Reads an event from JSON without checking where it came from: for events fetched from the API or verified already. A webhook request goes through [`Webhook::construct_event`](crate::Webhook::construct_event), which checks its signature first.";
    let api_version = match &def.kind {
        TypeKind::Struct(s) => s.fields.iter().find(|f| f.wire == "api_version").map(|f| ident(&f.rust)),
        _ => None,
    };
    let matches = api_version.map(|field| {
        quote! {
            /// Whether this event was rendered at [`API_VERSION`](crate::API_VERSION), the version
            /// this crate's types describe.
            ///
            /// Webhook endpoints render events at the API version they were created with (or the
            /// account's default), not at the version a client sends. When the two differ, an
            /// object may decode with fields missing, or not at all: then `data.object` is
            /// `Unrecognized`, with `data.object_error` saying why and `data.raw_object` holding
            /// the JSON. To fix it, create the webhook endpoint with this crate's API version
            /// (`api_version` when creating it, or in the Dashboard), or regenerate the crate from
            /// the spec of the endpoint's version.
            pub fn api_version_matches(&self) -> bool {
                self.#field.as_deref() == Some(crate::API_VERSION)
            }
        }
    });
    let construct_doc = format!(
        " Checks the `Stripe-Signature` header of a webhook request against the raw body ([`Webhook::verify`](crate::Webhook::verify)), then reads the body as an [`{name_str}`](crate::{name_str})."
    );
    quote! {
        impl crate::#name {
            #[doc = #from_slice_doc]
            // Inline: decoding every resource is instantiated only in the
            // crates that read events, not in this one.
            #[inline]
            pub fn from_slice(json: &[u8]) -> Result<Self, crate::WebhookError> {
                crate::runtime::webhook::parse_v1_event(json)
            }
            #matches
        }
        impl crate::Webhook {
            #[doc = #construct_doc]
            ///
            /// `payload` must be the body exactly as received (bytes, before any JSON parsing);
            /// `signature` is the `Stripe-Signature` header, `None` when the request had none.
            #[inline]
            pub fn construct_event<'a>(
                &self,
                payload: &[u8],
                signature: impl Into<Option<&'a str>>,
            ) -> Result<crate::#name, crate::WebhookError> {
                self.verify(payload, signature)?;
                crate::#name::from_slice(payload)
            }
        }
    }
}
