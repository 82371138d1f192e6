//! Tokens for polymorphic objects (chosen by their `object` and `deleted`
//! fields) and untagged values (tried in order).

use super::tokens::{cfg_any, doc_attrs, ident, payload, ty};
use crate::ir::{
    Api, NeedsDeleted, Role, Struct, TypeDef, TypeKind, TypeRef, UNKNOWN_VARIANT, Union, UnionArm, UnionVariant,
    Untagged,
};
use proc_macro2::TokenStream;
use quote::quote;

pub(super) fn union(api: &Api, def: &TypeDef, u: &Union, docs: TokenStream) -> TokenStream {
    let name = ident(&def.name);
    let unknown = ident(UNKNOWN_VARIANT);
    let member_cfg = |v: &UnionVariant| (!v.only_with.is_empty()).then(|| cfg_any(&v.only_with));
    let variants = u.variants.iter().map(|v| {
        let vn = ident(&v.rust);
        let t = payload(api, &TypeRef::Named(v.ty));
        let docs = doc_attrs(&v.doc);
        let vcfg = member_cfg(v);
        quote!(#docs #vcfg #vn(#t),)
    });
    // A member for the runtime's `union!` (`Name`, `Name(crate::Type)`
    // when the root has not its type under its name, with `no_id` when its
    // type has no id field), and its cfg.
    let member = |i: usize| {
        let v = &u.variants[i];
        let vn = ident(&v.rust);
        let path = api.type_path(v.ty);
        let t = (path != v.rust).then(|| {
            let t = super::tokens::path(&path);
            quote!((#t))
        });
        let no_id =
            (!matches!(&api.ty(v.ty).kind, TypeKind::Struct(Struct { id_field: Some(_), .. }))).then(|| quote!(no_id));
        (member_cfg(v), quote!(#vn #t #no_id))
    };
    let pattern = |arm: &UnionArm| match (&arm.object, arm.deleted) {
        (None, Some(d)) => quote!((_, #d)),
        (None, None) => quote!(_),
        (Some(tag), Some(d)) => quote!((#tag, #d)),
        (Some(tag), None) => quote!((#tag, _)),
    };
    let one = u.arms.iter().filter(|a| a.members.len() == 1).map(|arm| {
        let p = pattern(arm);
        let (vcfg, m) = member(arm.members[0]);
        quote!(#vcfg #p => #m,)
    });
    let many = u.arms.iter().filter(|a| a.members.len() > 1).map(|arm| {
        let p = pattern(arm);
        let ms = arm.members.iter().map(|&i| {
            let (vcfg, m) = member(i);
            quote!(#vcfg #m)
        });
        quote!(#p => [#(#ms),*],)
    });
    let deleted = match &u.needs_deleted {
        NeedsDeleted::Never => quote!(none),
        NeedsDeleted::Always => quote!(any),
        NeedsDeleted::Tags(tags) => quote!([#(#tags),*]),
    };
    quote! {
        #docs
        #[derive(Clone, Debug, PartialEq, serde::Serialize)]
        #[serde(untagged)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            /// An object of a type this version of the crate does not know, kept as JSON.
            #unknown(serde_json::Value),
        }
        crate::runtime::macros::union!(#name {
            one { #(#one)* }
            many { #(#many)* }
            deleted #deleted
        });
    }
}

pub(super) fn untagged(api: &Api, def: &TypeDef, u: &Untagged, docs: TokenStream) -> TokenStream {
    let name = ident(&def.name);
    let variants = u.variants.iter().map(|v| {
        let vn = ident(&v.rust);
        let p = payload(api, &v.ty);
        let docs = doc_attrs(&v.doc);
        quote!(#docs #vn(#p),)
    });
    let derives = match def.role {
        Role::Response => quote!(#[derive(Clone, Debug, PartialEq, serde::Deserialize, serde::Serialize)]),
        Role::Params => quote!(#[derive(Clone, Debug, PartialEq, serde::Serialize)]),
    };
    // `From` for the members that convert: `params.source = Some(token.id.into())`.
    let froms = u.variants.iter().filter(|v| v.from).map(|v| {
        let vn = ident(&v.rust);
        let inner = ty(api, &v.ty);
        let (arg, wrap) = match &v.ty {
            TypeRef::Named(_) => (inner, quote!(Box::new(value))),
            _ => (inner, quote!(value)),
        };
        let from_str = matches!(v.ty, TypeRef::String).then(|| {
            quote! {
                impl From<&str> for #name {
                    fn from(value: &str) -> Self {
                        Self::#vn(value.to_owned())
                    }
                }
            }
        });
        quote! {
            impl From<#arg> for #name {
                fn from(value: #arg) -> Self {
                    Self::#vn(#wrap)
                }
            }
            #from_str
        }
    });
    quote! {
        #docs
        #derives
        #[serde(untagged)]
        pub enum #name {
            #(#variants)*
        }
        #(#froms)*
    }
}
