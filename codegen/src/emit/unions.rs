//! Tokens for polymorphic objects (chosen by their `object` and `deleted`
//! fields) and untagged values (tried in order).

use super::tokens::{full_cfg, ident, payload, ty};
use crate::ir::{Api, Role, Struct, TypeDef, TypeKind, TypeRef, UNKNOWN_VARIANT, Union, Untagged};
use proc_macro2::TokenStream;
use quote::quote;

pub(super) fn union(api: &Api, def: &TypeDef, u: &Union, docs: TokenStream, cfg: Option<TokenStream>) -> TokenStream {
    let name = ident(&def.name);
    let name_str = &def.name;
    let unknown = ident(UNKNOWN_VARIANT);
    // A member is there when its type is compiled in full.
    let member_cfg = |ty: crate::ir::TypeId| full_cfg(api.ty(ty));
    let variants = u.variants.iter().map(|v| {
        let vn = ident(&v.rust);
        let t = payload(api, &TypeRef::Named(v.ty));
        let doc = match &v.object {
            Some(o) if v.deleted => format!(" A deleted `{o}`."),
            Some(o) => format!(" An object with `object: \"{o}\"`."),
            None => " A member object.".to_owned(),
        };
        let vcfg = member_cfg(v.ty);
        quote!(#[doc = #doc] #vcfg #vn(#t),)
    });
    // Dispatch on (object, deleted); members sharing a tag are tried in
    // order, and an object no member accepts is kept as JSON.
    let mut arms = Vec::new();
    let mut seen: Vec<(Option<&str>, bool)> = Vec::new();
    // A deleted form without a tag stands for any deleted object; it is
    // matched first, before the live members' `(tag, _)` arms.
    let any_deleted = u.variants.iter().find(|v| v.deleted && v.object.is_none());
    if let Some(v) = any_deleted {
        let vn = ident(&v.rust);
        let t = ty(api, &TypeRef::Named(v.ty));
        let vcfg = member_cfg(v.ty);
        arms.push(quote! {
            #vcfg
            (_, true) => Self::#vn(Box::new(<#t as serde::Deserialize>::deserialize(deserializer)?)),
        });
        seen.push((None, true));
    }
    for v in &u.variants {
        let key = (v.object.as_deref(), v.deleted);
        if seen.contains(&key) {
            continue;
        }
        seen.push(key);
        let mut same: Vec<_> = u.variants.iter().filter(|w| w.object == v.object && w.deleted == v.deleted).collect();
        // Members sharing a tag are tried widest first: the first that
        // decodes wins, and a narrow member would drop the wide one's fields.
        let width = |t: crate::ir::TypeId| match &api.ty(t).kind {
            TypeKind::Struct(s) => s.fields.len(),
            _ => 0,
        };
        same.sort_by_key(|w| std::cmp::Reverse(width(w.ty)));
        let has_deleted_twin = u.variants.iter().any(|w| w.object == v.object && w.deleted != v.deleted);
        let tag = v.object.clone().unwrap_or_default();
        let pattern = if has_deleted_twin {
            let d = v.deleted;
            quote!((#tag, #d))
        } else {
            quote!((#tag, _))
        };
        if same.len() == 1 {
            let vn = ident(&v.rust);
            let t = ty(api, &TypeRef::Named(v.ty));
            let vcfg = member_cfg(v.ty);
            arms.push(quote! {
                #vcfg
                #pattern => Self::#vn(Box::new(<#t as serde::Deserialize>::deserialize(deserializer)?)),
            });
        } else {
            let tries = same.iter().map(|w| {
                let vn = ident(&w.rust);
                let t = ty(api, &TypeRef::Named(w.ty));
                let wcfg = member_cfg(w.ty);
                quote! {
                    #wcfg
                    if let Ok(v) = <#t as serde::Deserialize>::deserialize(&value) {
                        return Ok(Self::#vn(Box::new(v)));
                    }
                }
            });
            arms.push(quote! {
                #pattern => {
                    let value = <serde_json::Value as serde::Deserialize>::deserialize(deserializer)?;
                    #(#tries)*
                    Self::#unknown(value)
                }
            });
        }
    }
    let mut needs_deleted: Vec<&str> =
        u.variants.iter().filter(|v| v.deleted).filter_map(|v| v.object.as_deref()).collect();
    needs_deleted.sort_unstable();
    needs_deleted.dedup();
    let needs_deleted_fn = if any_deleted.is_some() {
        Some(quote! {
            fn needs_deleted(_object: &str) -> bool {
                true
            }
        })
    } else {
        (!needs_deleted.is_empty()).then(|| {
            quote! {
                fn needs_deleted(object: &str) -> bool {
                    matches!(object, #(#needs_deleted)|*)
                }
            }
        })
    };
    let ids = u.variants.iter().map(|v| {
        let vn = ident(&v.rust);
        let vcfg = member_cfg(v.ty);
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
    let variants = u.variants.iter().map(|(vname, t)| {
        let vn = ident(vname);
        let p = payload(api, t);
        let doc = format!(" {}", untagged_doc(api, t));
        quote!(#[doc = #doc] #vn(#p),)
    });
    let derives = match def.role {
        Role::Response => quote!(#[derive(Clone, Debug, PartialEq, serde::Deserialize, serde::Serialize)]),
        Role::Params => quote!(#[derive(Clone, Debug, PartialEq, serde::Serialize)]),
    };
    // `From` for every member type that only one variant holds, so a value
    // converts with `.into()` (`params.source = Some(token.id.into())`).
    // Compared as Rust types: `Integer` and `Timestamp` members are both `i64`.
    // A member that is the union itself (a recursive schema) has `From<T>
    // for T` already, from the standard library.
    let rust_types: Vec<String> = u.variants.iter().map(|(_, t)| ty(api, t).to_string()).collect();
    let itself = quote!(crate::#name).to_string();
    let froms = u
        .variants
        .iter()
        .zip(&rust_types)
        .filter(|(_, r)| rust_types.iter().filter(|o| o == r).count() == 1 && **r != itself)
        .map(|(v, _)| v)
        .map(|(vname, t)| {
            let vn = ident(vname);
            let inner = ty(api, t);
            let (arg, wrap) = match t {
                TypeRef::Named(_) => (inner, quote!(Box::new(value))),
                _ => (inner, quote!(value)),
            };
            let from_str = matches!(t, TypeRef::String).then(|| {
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

/// What a member of an untagged value is, in words: "As an integer.",
/// "As a `ChargeShipping`." (code, not a link: the type may be compiled
/// under other features than the value).
fn untagged_doc(api: &Api, t: &TypeRef) -> String {
    format!("As {}.", what(api, t))
}

fn what(api: &Api, t: &TypeRef) -> String {
    match t {
        TypeRef::Bool => "a boolean".to_owned(),
        TypeRef::Int => "an integer".to_owned(),
        TypeRef::Float => "a number".to_owned(),
        TypeRef::String => "a string".to_owned(),
        TypeRef::Timestamp => "a Unix timestamp in seconds".to_owned(),
        TypeRef::Currency => "a currency code".to_owned(),
        TypeRef::Id(_) => "an id".to_owned(),
        TypeRef::Json => "any JSON value".to_owned(),
        TypeRef::Metadata => "metadata".to_owned(),
        TypeRef::File => "a file".to_owned(),
        TypeRef::Named(id) => format!("a `{}`", api.ty(*id).name),
        TypeRef::Vec(_) => "a list".to_owned(),
        TypeRef::Map(_) => "a map of values by key".to_owned(),
        TypeRef::Expandable(_) => "an id or the expanded object".to_owned(),
        TypeRef::Option(inner) | TypeRef::Boxed(inner) | TypeRef::Unsettable(inner) => what(api, inner),
        TypeRef::List(_) | TypeRef::SearchList(_) => "a page of a list".to_owned(),
        TypeRef::EventData(_) => "an event's data".to_owned(),
        TypeRef::EventRequest => "an event's request".to_owned(),
    }
}
