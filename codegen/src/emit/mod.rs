//! IR to tokens: one token stream per generated Rust file, built with
//! `quote!` only. Spec text only ever appears inside string literals.

mod enums;
mod event;
mod ops;
mod structs;
mod tokens;
mod types;
mod unions;

use crate::ir::{Api, Item, Module, When};
use proc_macro2::TokenStream;
use quote::quote;
use tokens::{cfg_any, cfg_none, ident, inner_doc_attrs};

/// A Rust file to render: path relative to the crate root, and its tokens.
pub struct RustFile {
    /// e.g. `src/resources/charge.rs`.
    pub path: String,
    /// The file's items.
    pub tokens: TokenStream,
}

/// How many Rust files [`file`] can emit.
pub fn file_count(api: &Api) -> usize {
    api.modules.len() + api.namespaces().len() + 2
}

/// The `i`th Rust file (`lib.rs`, `resources/mod.rs`, one per module, then
/// one per namespace: `resources/v2/core/mod.rs`). Files are independent,
/// so they can be emitted on separate threads.
pub fn file(api: &Api, i: usize) -> RustFile {
    match i {
        0 => lib_rs(api),
        1 => namespace_mod(api, &[]),
        m if m - 2 < api.modules.len() => module_file(api, &api.modules[m - 2]),
        n => namespace_mod(api, &api.namespaces()[n - 2 - api.modules.len()]),
    }
}

/// A rough cost of emitting file `i` (for spreading files over threads).
pub fn file_weight(api: &Api, i: usize) -> usize {
    match i.checked_sub(2).and_then(|m| api.modules.get(m)) {
        Some(module) => module.types.len() * 4 + module.operations.len() * 8 + 1,
        None => 1,
    }
}

fn lib_rs(api: &Api) -> RustFile {
    let docs = inner_doc_attrs(&api.doc);
    let version = &api.version;
    let version_doc = format!(
        " The Stripe API version this crate was generated for, sent as `Stripe-Version` unless overridden: `{version}`."
    );
    let tokens = quote! {
        #docs
        #![deny(missing_docs)]
        #![forbid(unsafe_code)]
        // Stripe's objects hold one another in long cycles (a transfer
        // lists its reversals, each expandable to its transfer): rustdoc's
        // search for auto traits walks them deeper than the default 128.
        #![recursion_limit = "256"]

        #[rustfmt::skip]
        pub mod resources;
        mod runtime;

        pub use resources::*;
        pub use runtime::*;

        #[doc = #version_doc]
        pub const API_VERSION: &str = #version;
    };
    RustFile { path: "src/lib.rs".into(), tokens }
}

/// `resources/mod.rs` (the root namespace) or a namespace's `mod.rs`: its
/// namespaces below it, and its modules, each re-exported whole into it.
fn namespace_mod(api: &Api, path: &[String]) -> RustFile {
    let below = api.namespaces().into_iter().filter(|n| n.len() == path.len() + 1 && n.starts_with(path)).map(|n| {
        let name = n.last().cloned().unwrap_or_default();
        let doc = format!(" The `{}` namespace of the API.", n.join("."));
        let n = ident(&name);
        quote! {
            #[doc = #doc]
            pub mod #n;
        }
    });
    let mods = api.modules.iter().filter(|m| m.path == path).map(|m| {
        let n = ident(&m.name);
        let doc = format!(" The `{}` module.", m.name);
        let allow =
            m.can_be_empty.then(|| quote!(#[allow(unused_imports, reason = "empty when its features are off")]));
        quote! {
            #[doc = #doc]
            pub mod #n;
            #allow
            pub use #n::*;
        }
    });
    let (docs, file) = if path.is_empty() {
        let namespaced = (!api.namespaces().is_empty()).then(|| {
            quote! {
                //!
                //! Namespaced resources (Stripe's `v2.core.*`) are re-exported in their
                //! namespace (`v2::core`) instead.
            }
        });
        (
            quote! {
                //! Every resource of the API, one module each; all items are also
                //! re-exported at the crate root.
                #namespaced
            },
            "src/resources/mod.rs".to_owned(),
        )
    } else {
        let doc = format!(
            " The `{}` namespace of the API: its resources, one module each, re-exported here.",
            path.join(".")
        );
        (quote!(#![doc = #doc]), format!("src/resources/{}/mod.rs", path.join("/")))
    };
    let tokens = quote! {
        #docs
        #(#below)*
        #(#mods)*
    };
    RustFile { path: file, tokens }
}

fn module_file(api: &Api, m: &Module) -> RustFile {
    let docs = inner_doc_attrs(&m.doc);
    let sections = m.sections.iter().map(|section| {
        let items = section.items.iter().map(|item| match *item {
            Item::Type(t) => types::full(api, api.ty(t)),
            Item::Parts(t) => types::parts(api.ty(t)),
            Item::Stub(t) => structs::stub(api, api.ty(t)),
            Item::Endpoints(owner) => {
                let name = tokens::path(&api.type_path(owner));
                let fns = m
                    .operations
                    .iter()
                    .map(|op| &api.operations[op.0])
                    .filter(|op| op.owner == owner)
                    .map(|op| ops::operation(api, op));
                quote! {
                    impl #name {
                        #(#fns)*
                    }
                }
            }
            Item::EventEntryPoints => api.event.map(|e| event::entry_points(api, &e)).unwrap_or_default(),
            Item::NotificationFetch(event) => {
                let event = tokens::path(&api.type_path(event));
                // Typed when the crate has the related object's type (the
                // objects of v1 events), JSON otherwise.
                let related = match &api.event {
                    Some(e) => tokens::path(&api.type_path(e.object)),
                    None => quote!(serde_json::Value),
                };
                quote! {
                    impl crate::EventNotification {
                        /// The full event (`GET /v2/core/events/{id}`), in the notification's context.
                        pub fn fetch_event(&self, client: &crate::Client) -> crate::RequestBuilder<#event> {
                            self.fetch_event_as(client)
                        }
                        /// The object the event is about (a GET of its `url`), in the
                        /// notification's context: typed when this crate has its type and
                        /// its feature, JSON otherwise; `None` when the event is about none.
                        pub fn fetch_related_object(&self, client: &crate::Client) -> Option<crate::RequestBuilder<#related>> {
                            self.fetch_related_object_as(client)
                        }
                    }
                }
            }
            Item::V2ErrorCode(code) => {
                let code = tokens::path(&api.type_path(code));
                quote! {
                    impl crate::ApiError {
                        /// The error's code as a v2 error code: the codes Stripe's v2 API
                        /// documents, and any other kept as `Unrecognized`.
                        pub fn v2_code(&self) -> Option<#code> {
                            self.code.as_ref().map(|c| #code::from(c.as_str()))
                        }
                    }
                }
            }
        });
        let cfg = match &section.when {
            When::Always => return quote!(#(#items)*),
            When::Any(features) => cfg_any(features),
            When::NotAny(features) => cfg_none(features),
        };
        let name = ident(&section.name);
        let export = section.exports.then(|| quote!(#cfg pub use #name::*;));
        quote! {
            #cfg
            mod #name {
                #(#items)*
            }
            #export
        }
    });
    let tokens = quote! {
        #docs
        #(#sections)*
    };
    let dir: String = m.path.iter().map(|p| format!("{p}/")).collect();
    RustFile { path: format!("src/resources/{dir}{}.rs", m.name), tokens }
}
