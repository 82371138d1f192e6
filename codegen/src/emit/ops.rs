//! Tokens for endpoints: associated functions on the owning type that
//! build a `RequestBuilder` (awaited to send).

use super::tokens::{doc_attrs, ident, ty};
use crate::ir::{Api, Method, Operation, PathSegment, TypeRef};
use proc_macro2::TokenStream;
use quote::quote;

fn method(m: Method) -> TokenStream {
    match m {
        Method::Get => quote!(reqwest::Method::GET),
        Method::Post => quote!(reqwest::Method::POST),
        Method::Delete => quote!(reqwest::Method::DELETE),
        Method::Put => quote!(reqwest::Method::PUT),
        Method::Patch => quote!(reqwest::Method::PATCH),
    }
}

/// One endpoint function.
pub(super) fn operation(api: &Api, op: &Operation) -> TokenStream {
    let docs = doc_attrs(&op.doc);
    let fname = ident(&op.fn_name);
    let response = ty(api, &op.response);
    // An id parameter takes anything that converts into that id (a typed
    // id, a reference to one, or a string the user has); any other takes a
    // string.
    let path_args = op.segments.iter().filter_map(|s| match s {
        PathSegment::Param { rust, id: Some(t), .. } => {
            let n = ident(rust);
            let id = ty(api, &TypeRef::Id(*t));
            Some(quote!(#n: impl Into<#id>))
        }
        PathSegment::Param { rust, id: None, .. } => {
            let n = ident(rust);
            Some(quote!(#n: &str))
        }
        PathSegment::Literal(_) => None,
    });
    let conversions = op.segments.iter().filter_map(|s| match s {
        PathSegment::Param { rust, id: Some(t), .. } => {
            let n = ident(rust);
            let id = ty(api, &TypeRef::Id(*t));
            Some(quote!(let #n: #id = #n.into();))
        }
        _ => None,
    });
    let parts = op.segments.iter().map(|s| match s {
        PathSegment::Literal(l) => quote!(crate::runtime::request::PathPart::Lit(#l)),
        PathSegment::Param { rust, wire, id } => {
            let n = ident(rust);
            let value = if id.is_some() { quote!(#n.as_str()) } else { quote!(#n) };
            quote!(crate::runtime::request::PathPart::Param(#wire, #value))
        }
    });
    let m = method(op.method);
    let (params_arg, with_params) = match op.params {
        Some(p) => {
            let pt = ident(&api.ty(p).name);
            let with = if op.multipart { quote!(.multipart(params)) } else { quote!(.params(params)) };
            (Some(quote!(params: &#pt)), Some(with))
        }
        None => (None, None),
    };
    let with_host = op.host.as_ref().map(|h| quote!(.host(#h)));
    let args = std::iter::once(quote!(client: &crate::Client)).chain(path_args).chain(params_arg);
    quote! {
        #docs
        #[inline]
        pub fn #fname(#(#args),*) -> crate::RequestBuilder<#response> {
            #(#conversions)*
            crate::RequestBuilder::new(client, #m, &[#(#parts),*])#with_host #with_params
        }
    }
}
