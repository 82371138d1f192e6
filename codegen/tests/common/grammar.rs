//! A grammar of Stripe-like specs for property tests: component schemas
//! (tagged resources, deleted forms, string enums, polymorphic unions) and
//! endpoints (collections, objects, actions, nested lists, deletes) built
//! from schemas of every shape the dialect uses (expandable fields,
//! unsettable params, maps, metadata, nullable values, `allOf`, `anyOf`),
//! with names drawn from pools full of the clashes that broke generators:
//! case folding, keywords, prelude and runtime names, symbols, digits,
//! non-ASCII and empty names.

mod document;

use proptest::prelude::*;
use proptest::sample::{Index, select};
use serde_json::{Map, Value, json};

/// Component schema names.
const COMPONENTS: &[&str] = &[
    "charge",
    "customer",
    "card",
    "bank_account",
    "source",
    "invoice",
    "line_item",
    "payment_intent",
    "fooBar",
    "foo_bar",
    "FOO_BAR",
    "foo-bar",
    "foo.bar",
    "option",
    "result",
    "string",
    "vec",
    "error",
    "list",
    "client",
    "expandable",
    "metadata",
    "request_builder",
    "self",
    "type",
    "serde",
    "std",
    "default",
    "full",
    "unrecognized",
    "deleted",
    "runtime",
    "resources",
    "",
    "_",
    "0",
    "3d_secure",
    "ñandú",
    "日本",
    "Charge",
    "charges",
];

/// Property and parameter names.
const PROPERTIES: &[&str] = &[
    "amount",
    "currency",
    "description",
    "type",
    "self",
    "ref",
    "fooBar",
    "foo_bar",
    "FOO_BAR",
    "foo-bar",
    "foo.bar",
    "new",
    "set_new",
    "clone",
    "client",
    "params",
    "",
    "_",
    "0",
    "3d_secure",
    "metadata",
    "expand",
    "deleted",
    "status",
    "source",
    "data",
    "has_more",
    "url",
    "ñ",
    "id",
    "object",
    "value",
    "limit",
    "default",
    "into",
];

/// Enum values.
const VALUES: &[&str] = &[
    "a",
    "A",
    "fooBar",
    "foo_bar",
    "foo-bar",
    "",
    "_",
    "-",
    "0",
    "00",
    "unrecognized",
    "Unrecognized",
    "self",
    "Etc/GMT+1",
    "Etc/GMT-1",
    "日本",
    "succeeded",
    "as_str",
    "Empty",
];

/// Fixed path words (besides component names).
const WORDS: &[&str] = &["capture", "refunds", "search", "upcoming", "lines", "dispute", "", "x.y", "ñ"];

/// A schema, with references as indexes into the component list.
#[derive(Clone, Debug)]
pub enum S {
    Str,
    Int,
    Time,
    Num,
    Bool,
    Any,
    Enum(Vec<&'static str>),
    Ref(Index),
    Object(Vec<(&'static str, S, bool)>),
    Array(Box<S>),
    Map(Box<S>),
    Metadata,
    Expandable(Vec<Index>),
    Union(Vec<Index>),
    Unsettable(Box<S>),
    Nullable(Box<S>),
    AnyOf(Vec<S>),
    AllOf(Vec<S>),
    Titled(&'static str, Box<S>),
}

/// A component schema.
#[derive(Clone, Debug)]
pub struct Component {
    pub name: &'static str,
    pub shape: ComponentShape,
}

/// What a component is.
#[derive(Clone, Debug)]
pub enum ComponentShape {
    /// An object with `id` and `object` (a resource), optionally its
    /// deleted form (`deleted: true` required), with these properties.
    Resource { props: Vec<(&'static str, S, bool)>, deleted_form: bool, resource_id: bool },
    /// Any other schema.
    Plain(S),
}

/// An endpoint.
#[derive(Clone, Debug)]
pub struct Op {
    pub path: PathShape,
    pub method: &'static str,
    pub params: Vec<(&'static str, S, bool)>,
    pub response: Response,
}

/// The shape of an endpoint's path.
#[derive(Clone, Debug)]
pub enum PathShape {
    /// `/v1/{plural}`
    Collection(Index),
    /// `/v1/{plural}/{param}`
    Object(Index, &'static str),
    /// `/v1/{plural}/{param}/{word}`
    Action(Index, &'static str, &'static str),
    /// `/v1/{plural}/{param}/{word}/{param2}`
    Nested(Index, &'static str, &'static str, &'static str),
    /// `/v1/{word}`
    Word(&'static str),
}

/// What an endpoint answers.
#[derive(Clone, Debug)]
pub enum Response {
    Ref(Index),
    List(Index),
    Search(Index),
    AnyOf(Vec<Index>),
    Inline(S),
    Nothing,
}

/// A whole spec.
#[derive(Clone, Debug)]
pub struct Spec {
    pub components: Vec<Component>,
    pub ops: Vec<Op>,
    /// An `event` resource, with the event types listed on its `type`.
    pub event: Option<Vec<&'static str>>,
}

fn leaf() -> impl Strategy<Value = S> + Clone {
    prop_oneof![
        4 => Just(S::Str),
        2 => Just(S::Int),
        1 => Just(S::Time),
        1 => Just(S::Num),
        2 => Just(S::Bool),
        1 => Just(S::Any),
        1 => Just(S::Metadata),
        2 => prop::collection::vec(select(VALUES), 1..5).prop_map(S::Enum),
        4 => any::<Index>().prop_map(S::Ref),
    ]
}

fn props(inner: impl Strategy<Value = S> + Clone) -> impl Strategy<Value = Vec<(&'static str, S, bool)>> {
    prop::collection::vec((select(PROPERTIES), inner, any::<bool>()), 1..5)
}

/// Any schema, nested a few levels.
pub fn schema() -> impl Strategy<Value = S> + Clone {
    leaf().prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            3 => props(inner.clone()).prop_map(S::Object),
            2 => inner.clone().prop_map(|s| S::Array(Box::new(s))),
            1 => inner.clone().prop_map(|s| S::Map(Box::new(s))),
            2 => prop::collection::vec(any::<Index>(), 1..3).prop_map(S::Expandable),
            2 => prop::collection::vec(any::<Index>(), 2..4).prop_map(S::Union),
            2 => inner.clone().prop_map(|s| S::Unsettable(Box::new(s))),
            2 => inner.clone().prop_map(|s| S::Nullable(Box::new(s))),
            1 => prop::collection::vec(inner.clone(), 2..4).prop_map(S::AnyOf),
            1 => prop::collection::vec(props(inner.clone()).prop_map(S::Object), 1..3).prop_map(S::AllOf),
            1 => (select(VALUES), inner).prop_map(|(t, s)| S::Titled(t, Box::new(s))),
        ]
    })
}

fn component() -> impl Strategy<Value = (ComponentShape, &'static str)> {
    let shape = prop_oneof![
        3 => (props(schema()), any::<bool>(), any::<bool>())
            .prop_map(|(props, deleted_form, resource_id)| ComponentShape::Resource { props, deleted_form, resource_id }),
        1 => schema().prop_map(ComponentShape::Plain),
    ];
    (shape, select(COMPONENTS))
}

fn path() -> impl Strategy<Value = PathShape> {
    prop_oneof![
        2 => any::<Index>().prop_map(PathShape::Collection),
        3 => (any::<Index>(), select(PROPERTIES)).prop_map(|(c, p)| PathShape::Object(c, p)),
        2 => (any::<Index>(), select(PROPERTIES), select(WORDS)).prop_map(|(c, p, w)| PathShape::Action(c, p, w)),
        1 => (any::<Index>(), select(PROPERTIES), select(WORDS), select(PROPERTIES))
            .prop_map(|(c, p, w, q)| PathShape::Nested(c, p, w, q)),
        1 => select(WORDS).prop_map(PathShape::Word),
    ]
}

fn response() -> impl Strategy<Value = Response> {
    prop_oneof![
        4 => any::<Index>().prop_map(Response::Ref),
        2 => any::<Index>().prop_map(Response::List),
        1 => any::<Index>().prop_map(Response::Search),
        1 => prop::collection::vec(any::<Index>(), 2..3).prop_map(Response::AnyOf),
        1 => schema().prop_map(Response::Inline),
        1 => Just(Response::Nothing),
    ]
}

fn op() -> impl Strategy<Value = Op> {
    (
        path(),
        select(&["get", "post", "delete"][..]),
        prop::collection::vec((select(PROPERTIES), schema(), any::<bool>()), 0..4),
        response(),
    )
        .prop_map(|(path, method, params, response)| Op { path, method, params, response })
}

/// A spec of 1 to 6 components and up to 6 endpoints.
pub fn spec() -> impl Strategy<Value = Spec> {
    let event = prop::option::of(prop::collection::vec(select(VALUES), 0..4));
    (prop::collection::vec(component(), 1..7), prop::collection::vec(op(), 0..7), event).prop_map(
        |(components, ops, event)| {
            let mut seen = Vec::new();
            let components = components
                .into_iter()
                .filter(|(_, name)| {
                    let new = !seen.contains(name);
                    seen.push(name);
                    new
                })
                .map(|(shape, name)| Component { name, shape })
                .collect();
            Spec { components, ops, event }
        },
    )
}
