//! Mutations of fixture specs for the hostile-spec property tests: keys
//! deleted, values of another type, `$ref`s pointed elsewhere or added.

use proptest::prelude::*;
use serde_json::{Value, json};

/// A way to spoil one value of a spec.
#[derive(Clone, Debug)]
pub enum Mutation {
    /// Deletes a key of the mapping at this node (if it is one).
    DeleteKey(prop::sample::Index, prop::sample::Index),
    /// Puts this value at the node.
    Replace(prop::sample::Index, Value),
    /// Points a `$ref` somewhere else.
    Retarget(prop::sample::Index, String),
    /// Adds a `$ref` to a component next to what the node has.
    AddRef(prop::sample::Index, prop::sample::Index),
}

/// Values of every JSON type, including ones no schema position takes.
pub fn any_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        Just(json!(1e308)),
        prop::sample::select(vec!["", "x", "object", "string", "array", "#/components/schemas/x", "3.0.0", "%s"])
            .prop_map(Value::from),
        "\\PC{0,8}".prop_map(Value::from),
    ];
    leaf.prop_recursive(2, 12, 3, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..3).prop_map(Value::Array),
            prop::collection::btree_map(
                prop::sample::select(vec!["type", "properties", "items", "$ref", "anyOf", "enum", "required", "x"]),
                inner,
                0..3
            )
            .prop_map(|m| Value::Object(m.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())),
        ]
    })
}

pub fn mutation() -> impl Strategy<Value = Mutation> {
    let targets = prop::sample::select(vec![
        "#/components/schemas/charge".to_owned(),
        "#/components/schemas/customer".to_owned(),
        "#/components/schemas/nowhere".to_owned(),
        "#/components/schemas/".to_owned(),
        "#/components/schemas/a/properties/b".to_owned(),
        "#/components/parameters/expand".to_owned(),
        "#/paths".to_owned(),
        "#".to_owned(),
        String::new(),
        "https://example.com/spec.yaml#/x".to_owned(),
        "#/components/schemas/~1~0%20".to_owned(),
    ]);
    prop_oneof![
        (any::<prop::sample::Index>(), any::<prop::sample::Index>()).prop_map(|(n, k)| Mutation::DeleteKey(n, k)),
        (any::<prop::sample::Index>(), any_value()).prop_map(|(n, v)| Mutation::Replace(n, v)),
        (any::<prop::sample::Index>(), targets).prop_map(|(n, t)| Mutation::Retarget(n, t)),
        (any::<prop::sample::Index>(), any::<prop::sample::Index>()).prop_map(|(n, c)| Mutation::AddRef(n, c)),
    ]
}

/// Every node of `v`, as JSON pointers, parents before children.
pub fn nodes(v: &Value) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![(v, String::new())];
    while let Some((v, at)) = stack.pop() {
        match v {
            Value::Object(m) => {
                stack.extend(m.iter().map(|(k, c)| (c, format!("{at}/{}", k.replace('~', "~0").replace('/', "~1")))))
            }
            Value::Array(a) => stack.extend(a.iter().enumerate().map(|(i, c)| (c, format!("{at}/{i}")))),
            _ => {}
        }
        out.push(at);
    }
    out
}

pub fn apply(doc: &mut Value, m: &Mutation) {
    let all = nodes(doc);
    let components: Vec<String> = doc
        .pointer("/components/schemas")
        .and_then(Value::as_object)
        .map(|s| s.keys().cloned().collect())
        .unwrap_or_default();
    match m {
        Mutation::DeleteKey(n, k) => {
            if let Some(Value::Object(map)) = doc.pointer_mut(n.get(&all).as_str()) {
                if !map.is_empty() {
                    let key = k.get(&map.keys().cloned().collect::<Vec<_>>()).clone();
                    map.remove(&key);
                }
            }
        }
        Mutation::Replace(n, value) => {
            if let Some(slot) = doc.pointer_mut(n.get(&all).as_str()) {
                *slot = value.clone();
            }
        }
        Mutation::Retarget(n, target) => {
            let refs: Vec<&String> = all.iter().filter(|p| p.ends_with("/$ref")).collect();
            if !refs.is_empty() {
                if let Some(slot) = doc.pointer_mut(n.get(&refs).as_str()) {
                    *slot = Value::from(target.as_str());
                }
            }
        }
        Mutation::AddRef(n, c) => {
            if components.is_empty() {
                return;
            }
            let target = format!("#/components/schemas/{}", c.get(&components));
            if let Some(Value::Object(map)) = doc.pointer_mut(n.get(&all).as_str()) {
                map.insert("$ref".into(), Value::from(target));
            }
        }
    }
}
