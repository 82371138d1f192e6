//! A grammar of Stripe-like specs for property tests: component schemas
//! (tagged resources, deleted forms, string enums, polymorphic unions) and
//! endpoints (collections, objects, actions, nested lists, deletes) built
//! from schemas of every shape the dialect uses (expandable fields,
//! unsettable params, maps, metadata, nullable values, `allOf`, `anyOf`),
//! with names drawn from pools full of the clashes that broke generators:
//! case folding, keywords, prelude and runtime names, symbols, digits,
//! non-ASCII and empty names.

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

impl Spec {
    fn name(&self, i: &Index) -> &'static str {
        self.components[i.index(self.components.len())].name
    }

    fn reference(&self, i: &Index) -> Value {
        json!({"$ref": format!("#/components/schemas/{}", pointer_token(self.name(i)))})
    }

    fn schema(&self, s: &S) -> Value {
        match s {
            S::Str => json!({"type": "string"}),
            S::Int => json!({"type": "integer"}),
            S::Time => json!({"type": "integer", "format": "unix-time"}),
            S::Num => json!({"type": "number"}),
            S::Bool => json!({"type": "boolean"}),
            S::Any => json!({}),
            S::Enum(values) => json!({"type": "string", "enum": values}),
            S::Ref(i) => self.reference(i),
            S::Object(props) => self.object(props, &[]),
            S::Array(items) => json!({"type": "array", "items": self.schema(items)}),
            S::Map(values) => json!({"type": "object", "additionalProperties": self.schema(values)}),
            S::Metadata => json!({"type": "object", "additionalProperties": {"type": "string"}}),
            S::Expandable(targets) => {
                let mut members = vec![json!({"type": "string", "maxLength": 5000})];
                members.extend(targets.iter().map(|t| self.reference(t)));
                json!({"anyOf": members, "x-expansionResources": {"oneOf": targets.iter().map(|t| self.reference(t)).collect::<Vec<_>>()}})
            }
            S::Union(members) => json!({"anyOf": members.iter().map(|m| self.reference(m)).collect::<Vec<_>>()}),
            S::Unsettable(inner) => json!({"anyOf": [self.schema(inner), {"type": "string", "enum": [""]}]}),
            S::Nullable(inner) => {
                let mut v = self.schema(inner);
                if let Value::Object(m) = &mut v {
                    if m.contains_key("$ref") {
                        return json!({"anyOf": [v], "nullable": true});
                    }
                    m.insert("nullable".into(), Value::Bool(true));
                }
                v
            }
            S::AnyOf(members) => json!({"anyOf": members.iter().map(|m| self.schema(m)).collect::<Vec<_>>()}),
            S::AllOf(members) => json!({"allOf": members.iter().map(|m| self.schema(m)).collect::<Vec<_>>()}),
            S::Titled(title, inner) => {
                let mut v = self.schema(inner);
                if let Value::Object(m) = &mut v {
                    if !m.contains_key("$ref") {
                        m.insert("title".into(), Value::from(*title));
                    }
                }
                v
            }
        }
    }

    fn object(&self, props: &[(&'static str, S, bool)], fixed: &[(&str, Value, bool)]) -> Value {
        let mut properties = Map::new();
        let mut required = Vec::new();
        for (name, schema, req) in fixed {
            properties.insert((*name).to_owned(), schema.clone());
            if *req {
                required.push(Value::from(*name));
            }
        }
        for (name, s, req) in props {
            if properties.contains_key(*name) {
                continue;
            }
            properties.insert((*name).to_owned(), self.schema(s));
            if *req {
                required.push(Value::from(*name));
            }
        }
        let mut v = json!({"type": "object", "properties": properties});
        if !required.is_empty() {
            v["required"] = Value::Array(required);
        }
        v
    }

    fn component(&self, c: &Component) -> Value {
        match &c.shape {
            ComponentShape::Resource { props, resource_id, .. } => {
                let mut v = self.object(
                    props,
                    &[
                        ("id", json!({"type": "string"}), true),
                        ("object", json!({"type": "string", "enum": [c.name]}), true),
                    ],
                );
                if *resource_id {
                    v["x-resourceId"] = Value::from(c.name);
                }
                v
            }
            ComponentShape::Plain(s) => self.schema(s),
        }
    }

    fn path(&self, p: &PathShape) -> String {
        let plural = |i: &Index| format!("{}s", self.name(i));
        match p {
            PathShape::Collection(c) => format!("/v1/{}", plural(c)),
            PathShape::Object(c, param) => format!("/v1/{}/{{{param}}}", plural(c)),
            PathShape::Action(c, param, word) => format!("/v1/{}/{{{param}}}/{word}", plural(c)),
            PathShape::Nested(c, param, word, param2) => {
                format!("/v1/{}/{{{param}}}/{word}/{{{param2}}}", plural(c))
            }
            PathShape::Word(word) => format!("/v1/{word}"),
        }
    }

    fn response(&self, r: &Response) -> Option<Value> {
        let envelope = |kind: &str, items: Value| {
            json!({
                "type": "object",
                "properties": {
                    "data": {"type": "array", "items": items},
                    "has_more": {"type": "boolean"},
                    "object": {"type": "string", "enum": [kind]},
                    "url": {"type": "string"},
                    "next_page": {"type": "string", "nullable": true},
                },
                "required": ["data", "has_more", "object", "url"],
            })
        };
        Some(match r {
            Response::Ref(i) => self.reference(i),
            Response::List(i) => envelope("list", self.reference(i)),
            Response::Search(i) => envelope("search_result", self.reference(i)),
            Response::AnyOf(members) => json!({"anyOf": members.iter().map(|m| self.reference(m)).collect::<Vec<_>>()}),
            Response::Inline(s) => self.schema(s),
            Response::Nothing => return None,
        })
    }

    /// The spec as an OpenAPI document.
    pub fn document(&self) -> Value {
        let mut schemas = Map::new();
        for c in &self.components {
            schemas.insert(c.name.to_owned(), self.component(c));
            if let ComponentShape::Resource { deleted_form: true, .. } = c.shape {
                schemas.insert(
                    format!("deleted_{}", c.name),
                    json!({
                        "type": "object",
                        "properties": {
                            "deleted": {"type": "boolean", "enum": [true]},
                            "id": {"type": "string"},
                            "object": {"type": "string", "enum": [c.name]},
                        },
                        "required": ["deleted", "id", "object"],
                    }),
                );
            }
        }
        if let Some(types) = &self.event {
            let kind =
                if types.is_empty() { json!({"type": "string"}) } else { json!({"type": "string", "enum": types}) };
            schemas.insert(
                "event".into(),
                json!({
                    "type": "object",
                    "properties": {
                        "id": {"type": "string"},
                        "object": {"type": "string", "enum": ["event"]},
                        "api_version": {"type": "string", "nullable": true},
                        "created": {"type": "integer"},
                        "data": {"type": "object", "properties": {"object": {"type": "object"}, "previous_attributes": {"type": "object"}}, "required": ["object"]},
                        "request": {"anyOf": [{"type": "object", "properties": {"id": {"type": "string", "nullable": true}}}], "nullable": true},
                        "type": kind,
                    },
                    "required": ["id", "object", "created", "data", "type"],
                    "x-resourceId": "event",
                }),
            );
        }
        let mut paths: Map<String, Value> = Map::new();
        for (n, op) in self.ops.iter().enumerate() {
            let path = self.path(&op.path);
            let item = paths.entry(path.clone()).or_insert_with(|| json!({}));
            if item.get(op.method).is_some() {
                continue;
            }
            let mut parameters: Vec<Value> = path_params(&path)
                .into_iter()
                .map(|p| json!({"in": "path", "name": p, "required": true, "schema": {"type": "string"}}))
                .collect();
            let mut operation = json!({"operationId": format!("op{n}")});
            if op.method == "post" {
                if !op.params.is_empty() {
                    operation["requestBody"] = json!({"content": {"application/x-www-form-urlencoded": {"schema": self.object(&op.params, &[])}}});
                }
            } else {
                for (name, s, req) in &op.params {
                    parameters.push(json!({"in": "query", "name": name, "required": req, "schema": self.schema(s)}));
                }
            }
            operation["parameters"] = Value::Array(parameters);
            let mut ok = json!({"description": "ok"});
            if let Some(schema) = self.response(&op.response) {
                ok["content"] = json!({"application/json": {"schema": schema}});
            }
            operation["responses"] = json!({"200": ok});
            item[op.method] = operation;
        }
        json!({
            "openapi": "3.0.0",
            "info": {"title": "random", "version": "2024-04-10"},
            "paths": paths,
            "components": {"schemas": schemas},
        })
    }
}

/// A name as a JSON pointer token (`~` and `/` escaped).
fn pointer_token(name: &str) -> String {
    name.replace('~', "~0").replace('/', "~1")
}

/// The parameter names of a path template.
fn path_params(path: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = path;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else { break };
        out.push(rest[open + 1..open + close].to_owned());
        rest = &rest[open + close + 1..];
    }
    out
}
