//! Uses of types, and how Rust spells them.

use super::{Api, TypeId};
use std::borrow::Cow;

/// A use of a type.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TypeRef {
    /// `bool`.
    Bool,
    /// `i64`.
    Int,
    /// `f64`.
    Float,
    /// `String`.
    String,
    /// A Unix timestamp in seconds (`i64`).
    Timestamp,
    /// A 64-bit integer the v2 API sends as a string (`crate::Int64`).
    Int64,
    /// An exact decimal the v2 API sends as a string (`crate::Decimal`).
    Decimal,
    /// An RFC 3339 date-time (`crate::DateTime`).
    DateTime,
    /// Any JSON value.
    Json,
    /// A file to upload (multipart requests only).
    File,
    /// A three-letter currency code (`crate::Currency`).
    Currency,
    /// The id of objects of a named type (`crate::Id<T>`, spelled by the
    /// type's id alias, `ChargeId`).
    Id(TypeId),
    /// Stripe metadata: string keys to string values.
    Metadata,
    /// A named type.
    Named(TypeId),
    /// `Vec<T>`.
    Vec(Box<TypeRef>),
    /// A map from strings to `T`.
    Map(Box<TypeRef>),
    /// `Option<T>`.
    Option(Box<TypeRef>),
    /// `Box<T>` (breaks recursion).
    Boxed(Box<TypeRef>),
    /// An id or the expanded object.
    Expandable(Box<TypeRef>),
    /// A list envelope of `T`.
    List(Box<TypeRef>),
    /// A search result envelope of `T` (paged by `next_page`).
    SearchList(Box<TypeRef>),
    /// A v2 list envelope of `T` (paged by `next_page_url`).
    V2List(Box<TypeRef>),
    /// A request value that can also be sent as the empty string to unset it.
    Unsettable(Box<TypeRef>),
    /// An event's `data`: `data.object` as `T` (a union of the crate's
    /// resources), kept as JSON too, and `previous_attributes`.
    EventData(Box<TypeRef>),
    /// An event's `request`, read from any API version's form of it.
    EventRequest,
}

impl TypeRef {
    /// Wraps `self` in `Option`.
    pub fn optional(self) -> TypeRef {
        match self {
            TypeRef::Option(_) => self,
            other => TypeRef::Option(Box::new(other)),
        }
    }

    /// The type this one wraps (`T` of `Vec<T>`), if it wraps one: the one
    /// way to walk a type.
    pub fn inner(&self) -> Option<&TypeRef> {
        match self {
            TypeRef::Vec(t)
            | TypeRef::Map(t)
            | TypeRef::Option(t)
            | TypeRef::Boxed(t)
            | TypeRef::Expandable(t)
            | TypeRef::List(t)
            | TypeRef::SearchList(t)
            | TypeRef::V2List(t)
            | TypeRef::Unsettable(t)
            | TypeRef::EventData(t) => Some(t),
            TypeRef::Bool
            | TypeRef::Int
            | TypeRef::Float
            | TypeRef::String
            | TypeRef::Timestamp
            | TypeRef::Int64
            | TypeRef::Decimal
            | TypeRef::DateTime
            | TypeRef::Json
            | TypeRef::File
            | TypeRef::Currency
            | TypeRef::Id(_)
            | TypeRef::Metadata
            | TypeRef::Named(_)
            | TypeRef::EventRequest => None,
        }
    }

    /// This type and every type it wraps, outermost first.
    pub fn layers(&self) -> impl Iterator<Item = &TypeRef> {
        std::iter::successors(Some(self), |t| t.inner())
    }

    /// How many types are nested in one another: `String` is 1,
    /// `Option<Vec<String>>` is 3.
    pub fn depth(&self) -> usize {
        self.layers().count()
    }

    /// The named type this type mentions, directly or inside wrappers (an
    /// id mentions the type it identifies).
    pub fn named(&self) -> Option<TypeId> {
        self.layers().find_map(|t| match t {
            TypeRef::Named(id) | TypeRef::Id(id) => Some(*id),
            _ => None,
        })
    }

    /// How this type is written in Rust: the one printer of types. The
    /// emitter turns it into tokens, the API surface into text.
    pub fn spelling<'a>(&'a self, api: &'a Api) -> Spelling<'a> {
        let fixed = |path: &'static str, args: Vec<Cow<'a, TypeRef>>| Spelling { path: Cow::Borrowed(path), args };
        let one = |path: &'static str, inner: &'a TypeRef| fixed(path, vec![Cow::Borrowed(inner)]);
        match self {
            TypeRef::Bool => fixed("bool", vec![]),
            TypeRef::Int => fixed("i64", vec![]),
            TypeRef::Float => fixed("f64", vec![]),
            TypeRef::String => fixed("String", vec![]),
            TypeRef::Timestamp => fixed("crate::Timestamp", vec![]),
            TypeRef::Int64 => fixed("crate::Int64", vec![]),
            TypeRef::Decimal => fixed("crate::Decimal", vec![]),
            TypeRef::DateTime => fixed("crate::DateTime", vec![]),
            TypeRef::Json => fixed("serde_json::Value", vec![]),
            TypeRef::File => fixed("crate::FileContents", vec![]),
            TypeRef::Metadata => fixed("crate::Metadata", vec![]),
            TypeRef::Currency => fixed("crate::Currency", vec![]),
            TypeRef::EventRequest => fixed("crate::EventRequest", vec![]),
            TypeRef::Id(id) => match &api.ty(*id).id_alias {
                Some(alias) => Spelling {
                    path: Cow::Owned(format!("crate::{}", api.in_namespace(api.ty(*id).module, &alias.name))),
                    args: vec![],
                },
                None => fixed("crate::Id", vec![Cow::Owned(TypeRef::Named(*id))]),
            },
            TypeRef::Named(id) => Spelling { path: Cow::Owned(format!("crate::{}", api.type_path(*id))), args: vec![] },
            TypeRef::Vec(inner) => one("Vec", inner),
            TypeRef::Map(inner) => {
                fixed("std::collections::BTreeMap", vec![Cow::Owned(TypeRef::String), Cow::Borrowed(&**inner)])
            }
            TypeRef::Option(inner) => one("Option", inner),
            TypeRef::Boxed(inner) => one("Box", inner),
            TypeRef::Expandable(inner) => one("crate::Expandable", inner),
            TypeRef::List(inner) => one("crate::List", inner),
            TypeRef::SearchList(inner) => one("crate::SearchList", inner),
            TypeRef::V2List(inner) => one("crate::V2List", inner),
            TypeRef::Unsettable(inner) => one("crate::Unsettable", inner),
            TypeRef::EventData(inner) => one("crate::EventData", inner),
        }
    }
}

/// A type as Rust writes it: a path (`crate::Expandable`,
/// `std::collections::BTreeMap`, `bool`) and its generic arguments.
#[derive(Debug, Clone, PartialEq)]
pub struct Spelling<'a> {
    /// The path as generated code writes it: the crate's own items start
    /// with `crate::`.
    pub path: Cow<'a, str>,
    /// The generic arguments, in order (none for a plain name).
    pub args: Vec<Cow<'a, TypeRef>>,
}

impl Spelling<'_> {
    /// The path as a user of the crate writes it: the crate's items and
    /// `std` collections by their names (`Expandable`, `BTreeMap`).
    pub fn user_path(&self) -> &str {
        let path: &str = &self.path;
        path.strip_prefix("crate::").or_else(|| path.strip_prefix("std::collections::")).unwrap_or(path)
    }
}
