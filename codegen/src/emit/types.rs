//! Tokens for named types: structs, string enums, polymorphic unions and
//! untagged values, with their serde impls.

use super::{doc_attrs, full_cfg, ty};
use crate::ir::{
    Api, Field, Gate, Operation, Role, StringEnum, Struct, TypeDef, TypeKind, TypeRef, UNKNOWN_VARIANT, Union, Untagged,
};
use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

pub(super) fn ident(s: &str) -> Ident {
    Ident::new(s, Span::call_site())
}

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
    match &def.kind {
        TypeKind::Struct(s) => structure(api, def, s, docs, item_cfg),
        TypeKind::Enum(e) => string_enum(def, e, docs, item_cfg),
        TypeKind::Union(u) => union(api, def, u, docs, item_cfg),
        TypeKind::Untagged(u) => untagged(api, def, u, docs, item_cfg),
    }
}

fn field_doc(f: &Field, role: Role) -> Vec<String> {
    if !f.doc.is_empty() {
        return f.doc.clone();
    }
    vec![match role {
        Role::Params => format!("The `{}` parameter.", f.wire),
        Role::Response => format!("The `{}` field.", f.wire),
    }]
}

fn structure(api: &Api, def: &TypeDef, s: &Struct, docs: TokenStream, cfg: Option<TokenStream>) -> TokenStream {
    let name = ident(&def.name);
    // In a stub every field but the id is compiled only with the features.
    let field_cfg = match &def.gate {
        Gate::When { stub: true, .. } => full_cfg(def),
        _ => None,
    };
    let fields = s.fields.iter().map(|f| {
        let field_cfg = (s.id_field.as_ref() != Some(&f.rust)).then(|| field_cfg.clone()).flatten();
        let docs = doc_attrs(&field_doc(f, def.role));
        let fname = ident(&f.rust);
        let fty = ty(api, &f.ty);
        let wire = &f.wire;
        let rename = (f.rust != f.wire).then(|| quote!(#[serde(rename = #wire)]));
        // Absent optional fields stay absent when re-serialized; required
        // nullable ones stay `null`: a decoded object round-trips.
        let skip = (matches!(f.ty, TypeRef::Option(_)) && !f.required)
            .then(|| quote!(#[serde(default, skip_serializing_if = "Option::is_none")]));
        quote! {
            #docs
            #field_cfg
            #rename
            #skip
            pub #fname: #fty,
        }
    });
    let has_id = s.id_field.as_ref().map(|id| {
        let field = ident(id);
        let value = match s.fields.iter().find(|f| &f.rust == id).map(|f| &f.ty) {
            Some(TypeRef::Option(_)) => quote!(self.#field.as_deref()),
            _ => quote!(Some(&self.#field)),
        };
        quote! {
            #cfg
            impl crate::HasId for #name {
                fn id(&self) -> Option<&str> {
                    #value
                }
            }
        }
    });
    match def.role {
        Role::Response => quote! {
            #docs
            #cfg
            #[derive(Clone, Debug, PartialEq, serde::Deserialize, serde::Serialize)]
            #[non_exhaustive]
            pub struct #name {
                #(#fields)*
            }
            #has_id
        },
        Role::Params => {
            let required: Vec<&Field> = s.fields.iter().filter(|f| !matches!(f.ty, TypeRef::Option(_))).collect();
            let default = required.is_empty().then(|| quote!(Default,));
            let args = required.iter().map(|f| {
                let n = ident(&f.rust);
                match &f.ty {
                    TypeRef::String => quote!(#n: impl Into<String>),
                    other => {
                        let t = ty(api, other);
                        quote!(#n: #t)
                    }
                }
            });
            let inits = s.fields.iter().map(|f| {
                let n = ident(&f.rust);
                match &f.ty {
                    TypeRef::Option(_) => quote!(#n: None,),
                    TypeRef::String => quote!(#n: #n.into(),),
                    _ => quote!(#n,),
                }
            });
            let new_doc = if required.is_empty() {
                " Parameters with every field unset (the same as `Default::default()`)."
            } else {
                " Parameters with the required fields set and every optional field unset."
            };
            let too_many = (required.len() > 7).then(|| quote!(#[allow(clippy::too_many_arguments)]));
            // Builder-style setters for the optional fields:
            // `CreateCharge::new(2000, "usd").customer("cus_1").capture(false)`.
            let setters = s.fields.iter().filter_map(|f| {
                let (TypeRef::Option(inner), Some(setter)) = (&f.ty, &f.setter) else { return None };
                let n = ident(&f.rust);
                let setter_name = ident(setter);
                let t = ty(api, inner);
                let doc = format!(" Sets `{}`.", f.wire);
                // Names come from the API; some look like std conventions.
                let risky = ["as_", "to_", "is_", "from_", "into_"].iter().any(|p| setter.starts_with(p))
                    || matches!(
                        setter.as_str(),
                        "add"
                            | "sub"
                            | "mul"
                            | "div"
                            | "rem"
                            | "neg"
                            | "not"
                            | "next"
                            | "hash"
                            | "eq"
                            | "cmp"
                            | "deref"
                            | "borrow"
                            | "drop"
                            | "index"
                            | "shl"
                            | "shr"
                            | "bitand"
                            | "bitor"
                            | "bitxor"
                            | "clone"
                            | "default"
                            | "from_str"
                            | "partial_cmp"
                            | "as_ref"
                            | "as_mut"
                    );
                let allow =
                    risky.then(|| quote!(#[allow(clippy::should_implement_trait, clippy::wrong_self_convention)]));
                Some(quote! {
                    #[doc = #doc]
                    #allow
                    pub fn #setter_name(mut self, value: impl Into<#t>) -> Self {
                        self.#n = Some(value.into());
                        self
                    }
                })
            });
            quote! {
                #docs
                #cfg
                #[derive(Clone, Debug, #default PartialEq, serde::Serialize)]
                #[non_exhaustive]
                pub struct #name {
                    #(#fields)*
                }
                #cfg
                impl #name {
                    #[doc = #new_doc]
                    #too_many
                    pub fn new(#(#args),*) -> Self {
                        Self { #(#inits)* }
                    }
                    #(#setters)*
                }
            }
        }
    }
}

fn string_enum(def: &TypeDef, e: &StringEnum, docs: TokenStream, cfg: Option<TokenStream>) -> TokenStream {
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
        #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
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

/// Variant payload: named types are boxed (keeps the enum small and
/// breaks recursion), everything else is held directly.
fn payload(api: &Api, t: &TypeRef) -> TokenStream {
    let inner = ty(api, t);
    match t {
        TypeRef::Named(_) => quote!(Box<#inner>),
        _ => inner,
    }
}

fn union(api: &Api, def: &TypeDef, u: &Union, docs: TokenStream, cfg: Option<TokenStream>) -> TokenStream {
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

fn untagged(api: &Api, def: &TypeDef, u: &Untagged, docs: TokenStream, cfg: Option<TokenStream>) -> TokenStream {
    let name = ident(&def.name);
    let variants = u.variants.iter().map(|(vname, t)| {
        let vn = ident(vname);
        let p = payload(api, t);
        let doc = format!(" The `{vname}` form.");
        quote!(#[doc = #doc] #vn(#p),)
    });
    let derives = match def.role {
        Role::Response => quote!(#[derive(Clone, Debug, PartialEq, serde::Deserialize, serde::Serialize)]),
        Role::Params => quote!(#[derive(Clone, Debug, PartialEq, serde::Serialize)]),
    };
    // `From` for every member type that only one variant holds, so a value
    // converts with `.into()` (`params.source = Some(token.id.into())`).
    // Compared as Rust types: `Integer` and `Timestamp` members are both `i64`.
    let rust_types: Vec<String> = u.variants.iter().map(|(_, t)| ty(api, t).to_string()).collect();
    let froms = u
        .variants
        .iter()
        .zip(&rust_types)
        .filter(|(_, r)| rust_types.iter().filter(|o| o == r).count() == 1)
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
