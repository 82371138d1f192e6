//! Tokens for named types: dispatches to structs, string enums and unions
//! (each in a module of its own), with what they share.

use super::tokens::{doc_attrs, full_cfg, ident};
use crate::ir::{Api, Gate, TypeDef, TypeKind};
use proc_macro2::TokenStream;
use quote::quote;

/// All items for one named type.
pub(super) fn type_def(api: &Api, def: &TypeDef) -> TokenStream {
    let docs = doc_attrs(&def.doc);
    // A stub keeps the type itself; its parts are gated one by one.
    let stub = matches!(def.gate, Gate::When { stub: true, .. });
    let item_cfg = if stub { None } else { full_cfg(def) };
    let alias = id_alias(def, item_cfg.clone());
    let item = match &def.kind {
        TypeKind::Struct(s) => super::structs::structure(api, def, s, docs, item_cfg),
        TypeKind::Enum(e) => super::enums::string_enum(def, e, docs, item_cfg),
        TypeKind::Union(u) => super::unions::union(api, def, u, docs, item_cfg),
        TypeKind::Untagged(u) => super::unions::untagged(api, def, u, docs, item_cfg),
    };
    quote!(#item #alias)
}

/// `pub type ChargeId = crate::Id<Charge>;`, where the type has one. It
/// exists wherever the type does (a stub's too).
fn id_alias(def: &TypeDef, cfg: Option<TokenStream>) -> Option<TokenStream> {
    let id = def.id_alias.as_ref()?;
    let alias = ident(&id.name);
    let name = ident(&def.name);
    let docs = doc_attrs(&id.doc);
    Some(quote! {
        #docs
        #cfg
        pub type #alias = crate::Id<#name>;
    })
}
