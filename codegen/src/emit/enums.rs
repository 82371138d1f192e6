//! Tokens for string enums that keep the values they do not know: the
//! enum, and its conversions from the runtime's `string_enum!` table.

use super::tokens::{doc_attrs, ident};
use crate::ir::{StringEnum, TypeDef, UNKNOWN_VARIANT};
use proc_macro2::TokenStream;
use quote::quote;

pub(super) fn string_enum(def: &TypeDef, e: &StringEnum, docs: TokenStream) -> TokenStream {
    let name = ident(&def.name);
    let unknown = ident(UNKNOWN_VARIANT);
    let variants = e.variants.iter().map(|v| {
        let docs = doc_attrs(&v.doc);
        let vn = ident(&v.rust);
        quote!(#docs #vn,)
    });
    let table = e.variants.iter().map(|v| {
        let vn = ident(&v.rust);
        let w = &v.wire;
        quote!(#vn = #w)
    });
    quote! {
        #docs
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            /// A value this version of the crate does not know, kept as sent.
            #unknown(String),
        }
        crate::runtime::macros::string_enum!(#name { #(#table),* });
    }
}
