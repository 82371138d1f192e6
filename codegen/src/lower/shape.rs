//! Reading schemas: their normalized shape, whichever way the document
//! spells it, and what Stripe's extensions say about them (expansion
//! targets, `object` tags, the empty-string "unset" member).

use crate::naming;
use indexmap::IndexMap;
use openapiv3::{AdditionalProperties, ReferenceOr, Schema, SchemaKind, Type, VariantOrUnknownOrEmpty};

/// A schema position: a `$ref` or an inline schema.
#[derive(Clone, Copy)]
pub(crate) enum SRef<'s> {
    Ref(&'s str),
    Item(&'s Schema),
}

impl<'s> From<&'s ReferenceOr<Schema>> for SRef<'s> {
    fn from(r: &'s ReferenceOr<Schema>) -> Self {
        match r {
            ReferenceOr::Reference { reference } => SRef::Ref(reference),
            ReferenceOr::Item(s) => SRef::Item(s),
        }
    }
}

impl<'s> From<&'s ReferenceOr<Box<Schema>>> for SRef<'s> {
    fn from(r: &'s ReferenceOr<Box<Schema>>) -> Self {
        match r {
            ReferenceOr::Reference { reference } => SRef::Ref(reference),
            ReferenceOr::Item(s) => SRef::Item(s),
        }
    }
}

/// What a string with a `format` holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum StrFormat {
    /// `int64`: a 64-bit integer as a string.
    Int64,
    /// `decimal`: an exact decimal.
    Decimal,
    /// `date-time`: RFC 3339.
    DateTime,
}

impl StrFormat {
    fn of(format: Option<&str>) -> Option<StrFormat> {
        match format? {
            "int64" => Some(StrFormat::Int64),
            "decimal" => Some(StrFormat::Decimal),
            "date-time" => Some(StrFormat::DateTime),
            _ => None,
        }
    }
}

/// The normalized shape of a schema, whichever way the document spelled it.
pub(crate) enum Shape<'s> {
    Object {
        props: Vec<(&'s str, SRef<'s>)>,
        required: &'s [String],
        additional: Option<&'s AdditionalProperties>,
    },
    StrEnum(Vec<&'s str>),
    Str,
    /// A string of another type: `format: int64`, `decimal`, `date-time`
    /// (the v2 API's).
    StrOf(StrFormat),
    /// `type: string, format: binary`: file contents.
    Binary,
    Int(Option<&'s str>),
    Num,
    Bool,
    Array(Option<SRef<'s>>),
    AnyOf(&'s [ReferenceOr<Schema>]),
    AllOf(&'s [ReferenceOr<Schema>]),
    Any,
}

fn unknown_format<T>(f: &VariantOrUnknownOrEmpty<T>) -> Option<&str> {
    match f {
        VariantOrUnknownOrEmpty::Unknown(s) => Some(s),
        _ => None,
    }
}

fn props_of(p: &IndexMap<String, ReferenceOr<Box<Schema>>>) -> Vec<(&str, SRef<'_>)> {
    p.iter().map(|(k, v)| (k.as_str(), SRef::from(v))).collect()
}

pub(crate) fn shape(s: &Schema) -> Shape<'_> {
    match &s.schema_kind {
        SchemaKind::Type(Type::String(t)) => {
            let values: Vec<&str> = t.enumeration.iter().flatten().map(String::as_str).collect();
            if !values.is_empty() {
                Shape::StrEnum(values)
            } else if matches!(t.format, VariantOrUnknownOrEmpty::Item(openapiv3::StringFormat::Binary)) {
                Shape::Binary
            } else if matches!(t.format, VariantOrUnknownOrEmpty::Item(openapiv3::StringFormat::DateTime)) {
                Shape::StrOf(StrFormat::DateTime)
            } else if let Some(f) = StrFormat::of(unknown_format(&t.format)) {
                Shape::StrOf(f)
            } else {
                Shape::Str
            }
        }
        SchemaKind::Type(Type::Integer(t)) => Shape::Int(unknown_format(&t.format)),
        SchemaKind::Type(Type::Number(_)) => Shape::Num,
        SchemaKind::Type(Type::Boolean(_)) => Shape::Bool,
        SchemaKind::Type(Type::Object(o)) => Shape::Object {
            props: props_of(&o.properties),
            required: &o.required,
            additional: o.additional_properties.as_ref(),
        },
        SchemaKind::Type(Type::Array(a)) => Shape::Array(a.items.as_ref().map(SRef::from)),
        SchemaKind::OneOf { one_of } => Shape::AnyOf(one_of),
        SchemaKind::AnyOf { any_of } => Shape::AnyOf(any_of),
        SchemaKind::AllOf { all_of } => Shape::AllOf(all_of),
        SchemaKind::Not { .. } => Shape::Any,
        SchemaKind::Any(a) => {
            if !a.any_of.is_empty() {
                Shape::AnyOf(&a.any_of)
            } else if !a.one_of.is_empty() {
                Shape::AnyOf(&a.one_of)
            } else if !a.all_of.is_empty() {
                Shape::AllOf(&a.all_of)
            } else if !a.properties.is_empty()
                || a.typ.as_deref() == Some("object")
                || a.additional_properties.is_some()
            {
                Shape::Object {
                    props: props_of(&a.properties),
                    required: &a.required,
                    additional: a.additional_properties.as_ref(),
                }
            } else {
                match a.typ.as_deref() {
                    Some("string") => {
                        let values: Vec<&str> = a.enumeration.iter().filter_map(|v| v.as_str()).collect();
                        if !values.is_empty() {
                            Shape::StrEnum(values)
                        } else if a.format.as_deref() == Some("binary") {
                            Shape::Binary
                        } else if let Some(f) = StrFormat::of(a.format.as_deref()) {
                            Shape::StrOf(f)
                        } else {
                            Shape::Str
                        }
                    }
                    Some("integer") => Shape::Int(a.format.as_deref()),
                    Some("number") => Shape::Num,
                    Some("boolean") => Shape::Bool,
                    Some("array") => Shape::Array(a.items.as_ref().map(SRef::from)),
                    _ if a.items.is_some() => Shape::Array(a.items.as_ref().map(SRef::from)),
                    _ => Shape::Any,
                }
            }
        }
    }
}

/// Whether a schema is the "empty string" member that means "unset".
pub(super) fn is_empty_string_enum(s: &Schema) -> bool {
    matches!(shape(s), Shape::StrEnum(v) if v == [""])
}

pub(super) fn description(s: &Schema) -> Option<&str> {
    s.schema_data.description.as_deref().filter(|d| !d.trim().is_empty())
}

/// Extension strings of `x-expansionResources: {oneOf: [{$ref}]}`.
pub(super) fn expansion_targets(s: &Schema) -> Option<Vec<&str>> {
    let ext = s.schema_data.extensions.get("x-expansionResources")?;
    let members = ext.get("oneOf").or_else(|| ext.get("anyOf"))?.as_array()?;
    Some(members.iter().filter_map(|m| m.get("$ref")?.as_str()).collect())
}

/// The tag (`object` value) and deleted flag of an object schema.
/// An object is the deleted form only when `deleted: true` is required of
/// it: Stripe's SDK specs also list an optional `deleted` on live objects.
pub(super) fn object_tag(s: &Schema) -> (Option<&str>, bool) {
    let Shape::Object { props, required, .. } = shape(s) else { return (None, false) };
    let mut tag = None;
    let mut deleted = false;
    for (name, p) in props {
        let SRef::Item(p) = p else { continue };
        match name {
            "object" => {
                if let Shape::StrEnum(v) = shape(p) {
                    if v.len() == 1 {
                        tag = Some(v[0]);
                    }
                }
            }
            "deleted" if required.iter().any(|r| r == "deleted") => {
                if let SchemaKind::Type(Type::Boolean(b)) = &p.schema_kind {
                    deleted = b.enumeration == [Some(true)];
                }
            }
            _ => {}
        }
    }
    (tag, deleted)
}

/// A variant name for an inline `anyOf` member, from what it is.
pub(super) fn member_kind_name(s: &Schema) -> String {
    if let Some(title) = s.schema_data.title.as_deref().and_then(title_words) {
        return naming::pascal(title);
    }
    match shape(s) {
        Shape::Object { props, .. } if props.is_empty() => "Map".into(),
        Shape::Object { .. } => "Object".into(),
        Shape::StrEnum(_) => "Enum".into(),
        Shape::Str => "String".into(),
        Shape::StrOf(StrFormat::Int64) => "Int64".into(),
        Shape::StrOf(StrFormat::Decimal) => "Decimal".into(),
        Shape::StrOf(StrFormat::DateTime) => "DateTime".into(),
        Shape::Binary => "File".into(),
        Shape::Int(Some("unix-time")) => "Timestamp".into(),
        Shape::Int(_) => "Integer".into(),
        Shape::Num => "Number".into(),
        Shape::Bool => "Boolean".into(),
        Shape::Array(_) => "Array".into(),
        Shape::AnyOf(_) => "AnyOf".into(),
        Shape::AllOf(_) => "AllOf".into(),
        Shape::Any => "Value".into(),
    }
}

/// The kind of a list envelope.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Envelope {
    /// `{object: "list", data, has_more, url}`: paged with cursors.
    List,
    /// `{object: "search_result", data, has_more, next_page, ...}`: paged
    /// with `page`.
    Search,
    /// `{data, next_page_url, previous_page_url}`: the v2 API's, paged by
    /// the next page's URL.
    V2,
}

/// Whether `props` describe a list envelope, and its `data` items.
pub(crate) fn envelope<'s>(props: &[(&'s str, SRef<'s>)]) -> Option<(Envelope, Option<SRef<'s>>)> {
    let mut kind = None;
    let mut items = None;
    let mut has_data = false;
    for (name, p) in props {
        let SRef::Item(p) = p else { continue };
        match *name {
            "next_page_url" if kind.is_none() => kind = Some(Envelope::V2),
            "object" => {
                kind = match shape(p) {
                    Shape::StrEnum(v) if v == ["list"] => Some(Envelope::List),
                    Shape::StrEnum(v) if v == ["search_result"] => Some(Envelope::Search),
                    _ => None,
                }
            }
            "data" => {
                if let Shape::Array(i) = shape(p) {
                    has_data = true;
                    items = i;
                }
            }
            _ => {}
        }
    }
    kind.filter(|_| has_data).map(|k| (k, items))
}

/// The words of a schema title worth a name: without the `_param` or
/// `_specs` Stripe ends many with; none when nothing else is left.
pub(super) fn title_words(title: &str) -> Option<&str> {
    let words = ["_params", "_param", "_specs"].iter().fold(title, |t, end| t.strip_suffix(end).unwrap_or(t));
    let said = !words.is_empty() && !["param", "params", "specs", "object"].contains(&words);
    said.then_some(words)
}
