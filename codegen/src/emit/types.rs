//! Tokens for named types: dispatches to structs, string enums and unions
//! (each in a module of its own), with what they share.

use super::tokens::{doc_attrs, full_cfg, ident};
use crate::ir::{Api, Gate, Operation, Role, TypeDef, TypeKind};
use proc_macro2::TokenStream;
use quote::quote;

/// All items for one named type; `endpoint` is the operation whose
/// parameters it is, if any.
pub(super) fn type_def(api: &Api, def: &TypeDef, endpoint: Option<&Operation>) -> TokenStream {
    let mut doc = def.doc.clone();
    if let Some(op) = endpoint {
        let owner = &api.ty(op.owner).name;
        doc = vec![format!("Parameters of [`{owner}::{}`] (`{} {}`).", op.fn_name, op.method.as_str(), op.path)];
    }
    if doc.is_empty() {
        doc.push(match def.role {
            Role::Params => format!("The `{}` parameters.", def.name),
            Role::Response => format!("The `{}` object.", def.name),
        });
    }
    let docs = doc_attrs(&doc);
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
    let alias = ident(def.id_alias.as_ref()?);
    let name = ident(&def.name);
    let doc = match &def.kind {
        TypeKind::Union(_) => format!(" The id of a [`{}`], whichever of its kinds it is.", def.name),
        _ => format!(" The id of a [`{}`].", def.name),
    };
    Some(quote! {
        #[doc = #doc]
        #cfg
        pub type #alias = crate::Id<#name>;
    })
}
