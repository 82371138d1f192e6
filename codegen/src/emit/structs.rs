//! Tokens for structs: response objects (with their decoding) and
//! parameters (with `new` and a setter per optional field).

use super::tokens::{doc_attrs, ident, ty};
use crate::ir::{Api, Field, Role, Struct, TypeDef, TypeKind, TypeRef};
use proc_macro2::TokenStream;
use quote::quote;

pub(super) fn structure(api: &Api, def: &TypeDef, s: &Struct, docs: TokenStream) -> TokenStream {
    match def.role {
        Role::Response => {
            let all: Vec<&Field> = s.fields.iter().collect();
            object(api, def, &all, &docs)
        }
        Role::Params => params(api, def, s, docs),
    }
}

/// A response object's stub (an expandable target whose features are off):
/// a second definition holding only the `id`.
pub(super) fn stub(api: &Api, def: &TypeDef) -> TokenStream {
    let TypeKind::Struct(s) = &def.kind else { return TokenStream::new() };
    let id_only: Vec<&Field> = s.fields.iter().filter(|f| s.id_field.as_ref() == Some(&f.rust)).collect();
    object(api, def, &id_only, &doc_attrs(&def.stub_doc))
}

/// `impl HasId`, for a struct with an id field.
pub(super) fn has_id(def: &TypeDef, s: &Struct) -> Option<TokenStream> {
    let name = ident(&def.name);
    let id = s.id_field.as_ref()?;
    let field = ident(id);
    let value = match s.fields.iter().find(|f| &f.rust == id).map(|f| &f.ty) {
        Some(TypeRef::Option(_)) => quote!(self.#field.as_deref()),
        _ => quote!(Some(self.#field.as_str())),
    };
    Some(quote! {
        impl crate::HasId for #name {
            fn id(&self) -> Option<&str> {
                #value
            }
        }
    })
}

/// A response struct and its decoding (the runtime's `object!`, given the
/// required and the optional fields with their wire names).
fn object(api: &Api, def: &TypeDef, fields: &[&Field], docs: &TokenStream) -> TokenStream {
    let name = ident(&def.name);
    let decls = fields.iter().map(|f| {
        let docs = doc_attrs(&f.doc);
        let fname = ident(&f.rust);
        let fty = ty(api, &f.ty);
        let wire = &f.wire;
        let rename = (f.rust != f.wire).then(|| quote!(#[serde(rename = #wire)]));
        // Absent optional fields stay absent when re-serialized; required
        // nullable ones stay `null`: a decoded object round-trips.
        let skip = (matches!(f.ty, TypeRef::Option(_)) && !f.required)
            .then(|| quote!(#[serde(skip_serializing_if = "Option::is_none")]));
        quote! {
            #docs
            #rename
            #skip
            pub #fname: #fty,
        }
    });
    let (optional, required): (Vec<&&Field>, Vec<&&Field>) =
        fields.iter().partition(|f| matches!(f.ty, TypeRef::Option(_)));
    let entry = |f: &&&Field| {
        let fname = ident(&f.rust);
        let wire = &f.wire;
        if f.rust == f.wire { quote!(#fname) } else { quote!(#fname = #wire) }
    };
    let required = required.iter().map(entry);
    let optional = optional.iter().map(entry);
    quote! {
        #docs
        #[derive(Clone, Debug, PartialEq, serde::Serialize)]
        #[non_exhaustive]
        pub struct #name {
            #(#decls)*
        }
        crate::runtime::macros::object!(#name, required { #(#required),* }, optional { #(#optional),* });
    }
}

/// A params struct with `new` (the required fields) and a setter per
/// optional field.
fn params(api: &Api, def: &TypeDef, s: &Struct, docs: TokenStream) -> TokenStream {
    let name = ident(&def.name);
    let fields = s.fields.iter().map(|f| {
        let docs = doc_attrs(&f.doc);
        let fname = ident(&f.rust);
        let fty = ty(api, &f.ty);
        let wire = &f.wire;
        let rename = (f.rust != f.wire).then(|| quote!(#[serde(rename = #wire)]));
        let skip = (matches!(f.ty, TypeRef::Option(_)) && !f.required)
            .then(|| quote!(#[serde(skip_serializing_if = "Option::is_none")]));
        quote! {
            #docs
            #rename
            #skip
            pub #fname: #fty,
        }
    });

    let required: Vec<&Field> = s.fields.iter().filter(|f| !matches!(f.ty, TypeRef::Option(_))).collect();
    let default = required.is_empty().then(|| quote!(Default,));
    let args = required.iter().map(|f| {
        let n = ident(&f.rust);
        match &f.ty {
            TypeRef::String => quote!(#n: impl Into<String>),
            TypeRef::Currency => quote!(#n: impl Into<crate::Currency>),
            TypeRef::Id(_) => {
                let t = ty(api, &f.ty);
                quote!(#n: impl Into<#t>)
            }
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
            TypeRef::String | TypeRef::Currency | TypeRef::Id(_) => quote!(#n: #n.into(),),
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
        let setter_name = ident(&setter.name);
        let t = ty(api, inner);
        let doc = doc_attrs(&setter.doc);
        let allow =
            setter.std_like.then(|| quote!(#[allow(clippy::should_implement_trait, clippy::wrong_self_convention)]));
        // A clearable field's setter takes the value, like every other
        // setter; clearing it is its own method.
        let (t, value) = match inner.as_ref() {
            TypeRef::Unsettable(set) => (ty(api, set), quote!(crate::Unsettable::Set(value.into()))),
            _ => (t, quote!(value.into())),
        };
        let unset = f.unsetter.as_ref().map(|u| {
            let docs = doc_attrs(&u.doc);
            let u = ident(&u.name);
            quote! {
                #docs
                pub fn #u(mut self) -> Self {
                    self.#n = Some(crate::Unsettable::Unset);
                    self
                }
            }
        });
        Some(quote! {
            #doc
            #allow
            pub fn #setter_name(mut self, value: impl Into<#t>) -> Self {
                self.#n = Some(#value);
                self
            }
            #unset
        })
    });
    quote! {
        #docs
        #[derive(Clone, Debug, #default PartialEq, serde::Serialize)]
        #[non_exhaustive]
        pub struct #name {
            #(#fields)*
        }
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
