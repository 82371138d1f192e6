//! Tokens for structs: response objects (with their decoding) and
//! parameters (with `new` and a setter per optional field).

use super::types::{field_doc, ident};
use super::{doc_attrs, full_cfg, ty};
use crate::ir::{Api, Field, Gate, Role, Struct, TypeDef, TypeRef};
use proc_macro2::TokenStream;
use quote::quote;

pub(super) fn structure(
    api: &Api,
    def: &TypeDef,
    s: &Struct,
    docs: TokenStream,
    cfg: Option<TokenStream>,
) -> TokenStream {
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
