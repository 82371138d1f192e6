//! Tokens for string enums that keep the values they do not know.

use super::types::ident;
use crate::ir::{StringEnum, TypeDef, UNKNOWN_VARIANT};
use proc_macro2::TokenStream;
use quote::quote;

pub(super) fn string_enum(def: &TypeDef, e: &StringEnum, docs: TokenStream, cfg: Option<TokenStream>) -> TokenStream {
    let name = ident(&def.name);
    let unknown = ident(UNKNOWN_VARIANT);
    let variants = e.variants.iter().map(|v| {
        let doc = format!(" `{}`", v.wire.replace('`', "'"));
        let vn = ident(&v.rust);
        quote!(#[doc = #doc] #vn,)
    });
    let as_str = e.variants.iter().map(|v| {
        let vn = ident(&v.rust);
        let w = &v.wire;
        quote!(Self::#vn => #w,)
    });
    let from = e.variants.iter().map(|v| {
        let vn = ident(&v.rust);
        let w = &v.wire;
        quote!(#w => Self::#vn,)
    });
    // With no known values (a spec that lists none), a `match` would have
    // its fallback arm alone.
    let (as_str_body, from_body) = if e.variants.is_empty() {
        (quote!(let Self::#unknown(other) = self; other), quote!(Self::#unknown(value.to_owned())))
    } else {
        (
            quote!(match self { #(#as_str)* Self::#unknown(other) => other, }),
            quote!(match value { #(#from)* other => Self::#unknown(other.to_owned()), }),
        )
    };
    quote! {
        #docs
        #cfg
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            /// A value this version of the crate does not know, kept as sent.
            #unknown(String),
        }
        #cfg
        impl #name {
            /// The value as it appears on the wire.
            pub fn as_str(&self) -> &str {
                #as_str_body
            }
        }
        #cfg
        impl From<&str> for #name {
            fn from(value: &str) -> Self {
                #from_body
            }
        }
        #cfg
        impl std::str::FromStr for #name {
            type Err = std::convert::Infallible;
            fn from_str(value: &str) -> Result<Self, Self::Err> {
                Ok(Self::from(value))
            }
        }
        #cfg
        impl std::fmt::Display for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
        #cfg
        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }
        #cfg
        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                crate::runtime::de::string_enum(deserializer)
            }
        }
    }
}
