//! Tokens for polymorphic objects (chosen by their `object` and `deleted`
//! fields) and untagged values (tried in order).

use super::tokens::{cfg_any, doc_attrs, ident, payload, ty};
use crate::ir::{
    Api, NeedsDeleted, Role, Struct, TypeDef, TypeKind, TypeRef, UNKNOWN_VARIANT, Union, UnionVariant, Untagged,
};
use proc_macro2::TokenStream;
use quote::quote;

pub(super) fn union(api: &Api, def: &TypeDef, u: &Union, docs: TokenStream, cfg: Option<TokenStream>) -> TokenStream {
    let name = ident(&def.name);
    let name_str = &def.name;
    let unknown = ident(UNKNOWN_VARIANT);
    let member_cfg = |v: &UnionVariant| (!v.only_with.is_empty()).then(|| cfg_any(&v.only_with));
    let variants = u.variants.iter().map(|v| {
        let vn = ident(&v.rust);
        let t = payload(api, &TypeRef::Named(v.ty));
        let docs = doc_attrs(&v.doc);
        let vcfg = member_cfg(v);
        quote!(#docs #vcfg #vn(#t),)
    });
    let arms = u.arms.iter().map(|arm| {
        let pattern = match (&arm.object, arm.deleted) {
            (None, Some(d)) => quote!((_, #d)),
            (None, None) => quote!(_),
            (Some(tag), Some(d)) => quote!((#tag, #d)),
            (Some(tag), None) => quote!((#tag, _)),
        };
        match arm.members.as_slice() {
            [one] => {
                let v = &u.variants[*one];
                let vn = ident(&v.rust);
                let t = ty(api, &TypeRef::Named(v.ty));
                let vcfg = member_cfg(v);
                quote! {
                    #vcfg
                    #pattern => Self::#vn(Box::new(<#t as serde::Deserialize>::deserialize(deserializer)?)),
                }
            }
            many => {
                let tries = many.iter().map(|&i| {
                    let w = &u.variants[i];
                    let vn = ident(&w.rust);
                    let t = ty(api, &TypeRef::Named(w.ty));
                    let wcfg = member_cfg(w);
                    quote! {
                        #wcfg
                        if let Ok(v) = <#t as serde::Deserialize>::deserialize(&value) {
                            return Ok(Self::#vn(Box::new(v)));
                        }
                    }
                });
                quote! {
                    #pattern => {
                        let value = <serde_json::Value as serde::Deserialize>::deserialize(deserializer)?;
                        #(#tries)*
                        Self::#unknown(value)
                    }
                }
            }
        }
    });
    let needs_deleted_fn = match &u.needs_deleted {
        NeedsDeleted::Never => None,
        NeedsDeleted::Always => Some(quote! {
            fn needs_deleted(_object: &str) -> bool {
                true
            }
        }),
        NeedsDeleted::Tags(tags) => Some(quote! {
            fn needs_deleted(object: &str) -> bool {
                matches!(object, #(#tags)|*)
            }
        }),
    };
    let ids = u.variants.iter().map(|v| {
        let vn = ident(&v.rust);
        let vcfg = member_cfg(v);
        match &api.ty(v.ty).kind {
            TypeKind::Struct(Struct { id_field: Some(_), .. }) => {
                quote!(#vcfg Self::#vn(v) => crate::HasId::id(&**v),)
            }
            _ => quote!(#vcfg Self::#vn(_) => None,),
        }
    });
    quote! {
        #docs
        #cfg
        #[derive(Clone, Debug, PartialEq, serde::Serialize)]
        #[serde(untagged)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            /// An object of a type this version of the crate does not know, kept as JSON.
            #unknown(serde_json::Value),
        }
        #cfg
        impl crate::runtime::de::Union for #name {
            #needs_deleted_fn
            fn decode<'de, D: serde::Deserializer<'de>>(object: &str, deleted: bool, deserializer: D) -> Result<Self, D::Error> {
                Ok(match (object, deleted) {
                    #(#arms)*
                    _ => Self::#unknown(<serde_json::Value as serde::Deserialize>::deserialize(deserializer)?),
                })
            }
            fn unrecognized(value: serde_json::Value) -> Self {
                Self::#unknown(value)
            }
        }
        #cfg
        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                crate::runtime::de::union(deserializer, #name_str)
            }
        }
        #cfg
        impl crate::HasId for #name {
            fn id(&self) -> Option<&str> {
                match self {
                    #(#ids)*
                    Self::#unknown(v) => v.get("id").and_then(serde_json::Value::as_str),
                }
            }
        }
    }
}

pub(super) fn untagged(
    api: &Api,
    def: &TypeDef,
    u: &Untagged,
    docs: TokenStream,
    cfg: Option<TokenStream>,
) -> TokenStream {
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
                #cfg
                impl From<&str> for #name {
                    fn from(value: &str) -> Self {
                        Self::#vn(value.to_owned())
                    }
                }
            }
        });
        quote! {
            #cfg
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
        #cfg
        #derives
        #[serde(untagged)]
        pub enum #name {
            #(#variants)*
        }
        #(#froms)*
    }
}
