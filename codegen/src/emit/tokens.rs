//! The pieces of tokens every emitter uses: identifiers, doc and `cfg`
//! attributes, and the spelling of a type.

use crate::ir::{Api, TypeRef};
use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

/// An identifier (names in the IR are valid Rust already).
pub(super) fn ident(s: &str) -> Ident {
    Ident::new(s, Span::call_site())
}

/// `crate::` and a path from the crate's root (`v2::core::Event`).
pub(super) fn path(from_root: &str) -> TokenStream {
    let segments = from_root.split("::").map(ident);
    quote!(crate #(::#segments)*)
}

/// `#[doc = "..."]` attributes, one per line, so they print as `///`.
pub(super) fn doc_attrs(lines: &[String]) -> TokenStream {
    let attrs = lines.iter().map(|l| {
        let text = if l.is_empty() { String::new() } else { format!(" {l}") };
        quote!(#[doc = #text])
    });
    quote!(#(#attrs)*)
}

/// `#![doc = "..."]` attributes (a module's own docs), one per line.
pub(super) fn inner_doc_attrs(lines: &[String]) -> TokenStream {
    let attrs = lines.iter().map(|l| {
        let text = if l.is_empty() { String::new() } else { format!(" {l}") };
        quote!(#![doc = #text])
    });
    quote!(#(#attrs)*)
}

/// `#[cfg(...)]` true when any of `features` is on.
pub(super) fn cfg_any(features: &[String]) -> TokenStream {
    match features {
        [one] => quote!(#[cfg(feature = #one)]),
        many => quote!(#[cfg(any(#(feature = #many),*))]),
    }
}

/// `#[cfg(...)]` true when none of `features` is on.
pub(super) fn cfg_none(features: &[String]) -> TokenStream {
    match features {
        [one] => quote!(#[cfg(not(feature = #one))]),
        many => quote!(#[cfg(not(any(#(feature = #many),*)))]),
    }
}

/// The Rust type for a use of a type, as [`TypeRef::spelling`] writes it.
pub(super) fn ty(api: &Api, t: &TypeRef) -> TokenStream {
    let spelling = t.spelling(api);
    let path = spelling.path.split("::").map(|segment| match segment {
        "crate" => quote!(crate),
        name => {
            let name = ident(name);
            quote!(#name)
        }
    });
    let path = quote!(#(#path)::*);
    if spelling.args.is_empty() {
        return path;
    }
    let args = spelling.args.iter().map(|a| ty(api, a));
    quote!(#path<#(#args),*>)
}

/// Variant payload: named types are boxed (keeps the enum small and
/// breaks recursion), everything else is held directly.
pub(super) fn payload(api: &Api, t: &TypeRef) -> TokenStream {
    let inner = ty(api, t);
    match t {
        TypeRef::Named(_) => quote!(Box<#inner>),
        _ => inner,
    }
}
