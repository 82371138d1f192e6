//! Tokens for named types: dispatches to structs, string enums and unions
//! (each in a module of its own), with what they share.

use super::tokens::{doc_attrs, ident};
use crate::ir::{Api, TypeDef, TypeKind};
use proc_macro2::TokenStream;
use quote::quote;

/// A type in full: its definition, decoding and conversions.
pub(super) fn full(api: &Api, def: &TypeDef) -> TokenStream {
    let docs = doc_attrs(&def.doc);
    match &def.kind {
        TypeKind::Struct(s) => super::structs::structure(api, def, s, docs),
        TypeKind::Enum(e) => super::enums::string_enum(def, e, docs),
        TypeKind::Union(u) => super::unions::union(api, def, u, docs),
        TypeKind::Untagged(u) => super::unions::untagged(api, def, u, docs),
    }
}

/// A type's `HasId` impl (structs with an id field; a union's comes with
/// its decoding) and its id type, `pub type ChargeId = crate::Id<Charge>;`.
pub(super) fn parts(def: &TypeDef) -> TokenStream {
    let has_id = match &def.kind {
        TypeKind::Struct(s) => super::structs::has_id(def, s),
        _ => None,
    };
    let alias = def.id_alias.as_ref().map(|id| {
        let alias = ident(&id.name);
        let name = ident(&def.name);
        let docs = doc_attrs(&id.doc);
        quote! {
            #docs
            pub type #alias = crate::Id<#name>;
        }
    });
    quote!(#has_id #alias)
}
