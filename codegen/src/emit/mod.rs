//! IR to tokens: one token stream per generated Rust file, built with
//! `quote!` only. Spec text only ever appears inside string literals.

mod enums;
mod event;
mod ops;
mod structs;
mod tokens;
mod types;
mod unions;

use crate::ir::{Api, Module};
use proc_macro2::TokenStream;
use quote::quote;
use tokens::{ident, inner_doc_attrs};

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
        // A module whose every type is feature-gated is empty with its
        // features off; its re-export then has nothing to import.
        let can_be_empty = m.types.iter().all(|t| matches!(api.ty(*t).gate, crate::ir::Gate::When { stub: false, .. }));
        let allow = can_be_empty.then(|| quote!(#[allow(unused_imports, reason = "empty when its features are off")]));
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
    let types = m.types.iter().map(|id| types::type_def(api, api.ty(*id)));
    // Endpoints grouped by owner, in operation order.
    let mut owners: Vec<crate::ir::TypeId> = Vec::new();
    for op in &m.operations {
        let owner = api.operations[op.0].owner;
        if !owners.contains(&owner) {
            owners.push(owner);
        }
    }
    let impls = owners.iter().map(|owner| {
        let name = ident(&api.ty(*owner).name);
        let fns = m
            .operations
            .iter()
            .map(|op| &api.operations[op.0])
            .filter(|op| op.owner == *owner)
            .map(|op| ops::operation(api, op));
        // Endpoints come with their resource's feature.
        let feature = &m.feature;
        quote! {
            #[cfg(feature = #feature)]
            impl #name {
                #(#fns)*
            }
        }
    });
    let event = api.event.filter(|e| m.types.contains(&e.event)).map(|e| event::entry_points(api, &e));
    let tokens = quote! {
        #docs
        #(#types)*
        #(#impls)*
        #event
    };
    RustFile { path: format!("src/resources/{}.rs", m.name), tokens }
}
