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
    api.modules.len() + 2
}

/// The `i`th Rust file (`lib.rs`, `resources/mod.rs`, then one per module).
/// Files are independent, so they can be emitted on separate threads.
pub fn file(api: &Api, i: usize) -> RustFile {
    match i {
        0 => lib_rs(api),
        1 => resources_mod(api),
        m => module_file(api, &api.modules[m - 2]),
    }
}

/// A rough cost of emitting file `i` (for spreading files over threads).
pub fn file_weight(api: &Api, i: usize) -> usize {
    match i {
        0 | 1 => 1,
        m => {
            let module = &api.modules[m - 2];
            module.types.len() * 4 + module.operations.len() * 8 + 1
        }
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

fn resources_mod(api: &Api) -> RustFile {
    let mods = api.modules.iter().map(|m| {
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
    let tokens = quote! {
        //! Every resource of the API, one module each; all items are also
        //! re-exported at the crate root.
        #(#mods)*
    };
    RustFile { path: "src/resources/mod.rs".into(), tokens }
}

fn module_file(api: &Api, m: &Module) -> RustFile {
    let docs = inner_doc_attrs(&m.doc);
    let sections = m.sections.iter().map(|section| {
        let items = section.items.iter().map(|item| match *item {
            Item::Type(t) => types::full(api, api.ty(t)),
            Item::Parts(t) => types::parts(api.ty(t)),
            Item::Stub(t) => structs::stub(api, api.ty(t)),
            Item::Endpoints(owner) => {
                let name = ident(&api.ty(owner).name);
                let fns = m
                    .operations
                    .iter()
                    .map(|op| &api.operations[op.0])
                    .filter(|op| op.owner == owner)
                    .map(|op| ops::operation(api, op));
                quote! {
                    impl crate::#name {
                        #(#fns)*
                    }
                }
            }
            Item::EventEntryPoints => api.event.map(|e| event::entry_points(api, &e)).unwrap_or_default(),
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
    RustFile { path: format!("src/resources/{}.rs", m.name), tokens }
}
