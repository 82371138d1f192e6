//! Hostile specs: text cut anywhere, random mutations of the fixtures
//! (keys deleted, values of another type, lines and keys duplicated, refs
//! pointed elsewhere), random graphs of `$ref`s with cycles through every
//! schema position, refs to nowhere, wrong types in schema positions,
//! 10,000-deep nesting, YAML alias bombs, huge enums and property counts.
//!
//! Every case must end in `Ok` or an error whose message names the file
//! and a place in it (`line:column` or a `#/...` pointer), never in a
//! panic or a hang: each runs on its own thread (with the default 2 MiB
//! stack) under a time limit. Property tests draw a new seed
//! each run (printed; `PROPTEST_RNG_SEED` replays it).
//! `errors.rs` checks the exact messages of the cases it lists.

mod common;

use common::mutate::{apply, mutation};
use common::run::{LIMIT, check, config, generate, refused};
use proptest::prelude::*;
use serde_json::{Value, json};
use std::time::{Duration, Instant};

/// A document with `schemas` as its components and `paths`.
fn doc(schemas: Value, paths: Value) -> Value {
    json!({
        "openapi": "3.0.0",
        "info": {"title": "hostile", "version": "2018-01-23"},
        "paths": paths,
        "components": {"schemas": schemas},
    })
}

/// A GET of `/v1/things` answering schema `component`.
fn get_op(path: &str, component: &str) -> Value {
    json!({ path: {"get": {
        "operationId": format!("Get{}", path.replace(['/', '{', '}'], "_")),
        "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {"$ref": format!("#/components/schemas/{component}")}}}}},
    }}})
}

fn yaml(v: &Value) -> String {
    serde_yaml::to_string(v).expect("JSON values are YAML")
}

fn json_text(v: &Value) -> String {
    serde_json::to_string_pretty(v).expect("values print")
}

/// Each fixture: its text and its value (read as YAML).
fn fixtures() -> Vec<(String, Value)> {
    common::fixtures()
        .iter()
        .map(|p| {
            let text = std::fs::read_to_string(p).expect("fixture is readable");
            let value: Value = serde_yaml::from_str(&text).expect("fixtures are YAML with string keys");
            (text, value)
        })
        .collect()
}

// --- Cut anywhere -------------------------------------------------------------

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn text_cut_at_any_point(pick in any::<prop::sample::Index>(), as_json in any::<bool>(), cut in any::<prop::sample::Index>()) {
        let all = fixtures();
        let (text, value) = pick.get(&all);
        let text = if as_json { json_text(value) } else { text.clone() };
        let mut at = cut.index(text.len() + 1);
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        check(text[..at].to_owned());
    }
}

// --- Mutations of the fixtures ----------------------------------------------------

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn mutated_fixtures(
        pick in any::<prop::sample::Index>(),
        mutations in prop::collection::vec(mutation(), 1..5),
        as_json in any::<bool>(),
    ) {
        let all = fixtures();
        let mut value = pick.get(&all).1.clone();
        for m in &mutations {
            apply(&mut value, m);
        }
        check(if as_json { json_text(&value) } else { yaml(&value) });
    }

    #[test]
    fn duplicated_lines_and_keys(
        pick in any::<prop::sample::Index>(),
        lines in prop::collection::vec(any::<prop::sample::Index>(), 1..4),
        as_json in any::<bool>(),
    ) {
        let all = fixtures();
        let (text, value) = pick.get(&all);
        // In JSON, a line `"key": value,` repeated is a duplicate key.
        let text = if as_json { json_text(value) } else { text.clone() };
        let mut out: Vec<&str> = text.lines().collect();
        for line in lines {
            let i = line.index(out.len());
            out.insert(i, out[i]);
        }
        check(out.join("\n"));
    }
}

// --- Cycles of $ref -----------------------------------------------------------------

/// How one component uses the next: every schema position a `$ref` can
/// take, and a bare alias.
fn link(kind: usize, target: &str) -> Value {
    let r = json!({"$ref": format!("#/components/schemas/{target}")});
    match kind % 10 {
        0 => r,
        1 => json!({"type": "object", "properties": {"next": r}}),
        2 => json!({"type": "object", "properties": {"next": r}, "required": ["next"]}),
        3 => json!({"type": "array", "items": r}),
        4 => json!({"anyOf": [r, {"type": "string"}]}),
        5 => json!({"anyOf": [r], "nullable": true}),
        6 => json!({"allOf": [r]}),
        7 => json!({"type": "object", "additionalProperties": r}),
        8 => {
            json!({"type": "object", "properties": {"id": {"type": "string"}, "object": {"type": "string", "enum": [target]}, "next": {"anyOf": [{"type": "string"}, r], "x-expansionResources": {"oneOf": [r]}}}, "x-resourceId": target})
        }
        _ => json!({"oneOf": [r, {"type": "integer"}]}),
    }
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn random_ref_graphs_with_cycles(edges in prop::collection::vec((0..6usize, 0..10usize, 0..6usize), 1..12), as_json in any::<bool>()) {
        // Components c0..c5; each edge (from, kind, to) links `from` to
        // `to`; several edges on one component become its properties.
        let mut by_from: Vec<Vec<Value>> = vec![Vec::new(); 6];
        for (from, kind, to) in &edges {
            by_from[*from].push(link(*kind, &format!("c{to}")));
        }
        let mut schemas = serde_json::Map::new();
        for (i, links) in by_from.into_iter().enumerate() {
            let schema = match links.len() {
                0 => json!({"type": "object", "properties": {"id": {"type": "string"}}}),
                1 => links.into_iter().next().expect("one link"),
                _ => {
                    let fields: serde_json::Map<String, Value> =
                        links.into_iter().enumerate().map(|(i, l)| (format!("l{i}"), l)).collect();
                    json!({"type": "object", "properties": fields})
                }
            };
            schemas.insert(format!("c{i}"), schema);
        }
        let mut paths = get_op("/v1/c0", "c0");
        paths.as_object_mut().expect("an object").extend(get_op("/v1/c3/{id}", "c3").as_object().expect("an object").clone());
        let spec = doc(Value::Object(schemas), paths);
        check(if as_json { json_text(&spec) } else { yaml(&spec) });
    }
}

#[test]
fn cycles_of_aliases_are_refused() {
    let cases = [
        json!({"a": {"$ref": "#/components/schemas/a"}}),
        json!({"a": {"$ref": "#/components/schemas/b"}, "b": {"$ref": "#/components/schemas/a"}}),
        json!({"a": {"allOf": [{"$ref": "#/components/schemas/a"}]}}),
        json!({"a": {"anyOf": [{"$ref": "#/components/schemas/a"}]}}),
        json!({"a": {"type": "array", "items": {"$ref": "#/components/schemas/a"}}}),
    ];
    for schemas in cases {
        for paths in [json!({}), get_op("/v1/a", "a")] {
            let spec = doc(schemas.clone(), paths);
            let message = refused(yaml(&spec));
            assert!(message.contains("#/components/schemas/a"), "{message}");
        }
    }
    // A thousand aliases in a ring.
    let ring: serde_json::Map<String, Value> = (0..1000)
        .map(|i| (format!("s{i}"), json!({"$ref": format!("#/components/schemas/s{}", (i + 1) % 1000)})))
        .collect();
    refused(yaml(&doc(Value::Object(ring), get_op("/v1/s", "s0"))));
}

#[test]
fn cycles_through_other_components_are_refused() {
    for (section, value, use_it) in [
        (
            "parameters",
            json!({"p": {"$ref": "#/components/parameters/q"}, "q": {"$ref": "#/components/parameters/p"}}),
            json!({"parameters": [{"$ref": "#/components/parameters/p"}]}),
        ),
        (
            "requestBodies",
            json!({"b": {"$ref": "#/components/requestBodies/b"}}),
            json!({"requestBody": {"$ref": "#/components/requestBodies/b"}}),
        ),
        (
            "responses",
            json!({"r": {"$ref": "#/components/responses/s"}, "s": {"$ref": "#/components/responses/r"}}),
            json!({}),
        ),
    ] {
        let mut op = json!({
            "operationId": "PostThings",
            "responses": {"200": {"$ref": "#/components/responses/r"}},
        });
        op.as_object_mut().expect("an object").extend(use_it.as_object().expect("an object").clone());
        let mut spec = doc(json!({"a": {"type": "object"}}), json!({"/v1/things": {"post": op}}));
        spec["components"][section] = value;
        if section != "responses" {
            spec["components"]["responses"] = json!({"r": {"description": "ok"}});
        }
        refused(yaml(&spec));
    }
}

// --- Refs to nowhere ------------------------------------------------------------------

#[test]
fn refs_to_nowhere_are_refused_in_every_position() {
    let targets = [
        "#/components/schemas/nowhere",
        "#/components/schemas/",
        "#/components/schemas/a/properties/id",
        "#/components/parameters/a",
        "#/paths/~1v1~1a",
        "#",
        "",
        "other.yaml#/components/schemas/a",
        "https://example.com/spec.yaml",
    ];
    for target in targets {
        let r = json!({"$ref": target});
        let positions = [
            json!({"b": r}),
            json!({"b": {"type": "object", "properties": {"x": r}}}),
            json!({"b": {"type": "array", "items": r}}),
            json!({"b": {"anyOf": [r, {"type": "string"}]}}),
            json!({"b": {"allOf": [r]}}),
            json!({"b": {"type": "object", "additionalProperties": r}}),
        ];
        for mut schemas in positions {
            schemas["a"] = json!({"type": "object", "properties": {"id": {"type": "string"}}});
            let message = refused(yaml(&doc(schemas, get_op("/v1/b", "b"))));
            assert!(message.contains("#/components/schemas/b"), "{target}: {message}");
        }
        let op = json!({"/v1/a": {"post": {
            "operationId": "PostA",
            "parameters": [r],
            "responses": {"200": {"description": "ok"}},
        }}});
        refused(yaml(&doc(json!({}), op)));
        let op = json!({"/v1/a": {"post": {"operationId": "PostA", "requestBody": r, "responses": {"200": r}}}});
        refused(yaml(&doc(json!({}), op)));
    }
}

// --- Wrong types in schema positions ------------------------------------------------------

#[test]
fn wrong_types_in_schema_positions_are_refused() {
    let base = || {
        doc(
            json!({"a": {"type": "object", "properties": {"id": {"type": "string"}, "n": {"type": "array", "items": {"type": "integer"}}}, "required": ["id"]}}),
            get_op("/v1/a", "a"),
        )
    };
    let cases: [(&str, Value); 16] = [
        ("/components/schemas/a/properties", json!(5)),
        ("/components/schemas/a/properties/n/items", json!("x")),
        ("/components/schemas/a/required", json!({})),
        ("/components/schemas/a/properties/id/enum", json!(7)),
        ("/paths", json!([])),
        ("/components", json!(5)),
        ("/components/schemas", json!([])),
        ("/components/schemas/a", json!("a")),
        ("/components/schemas/a/type", json!(7)),
        ("/components/schemas/a/properties/id/nullable", json!("yes")),
        ("/components/schemas/a/properties/n/anyOf", json!({})),
        ("/components/schemas/a/properties/n/allOf", json!("x")),
        ("/components/schemas/a/additionalProperties", json!(5)),
        ("/paths/~1v1~1a/get/responses", json!([])),
        ("/paths/~1v1~1a/get/parameters", json!({})),
        ("/info", json!(null)),
    ];
    for (at, value) in cases {
        let mut spec = base();
        let (parent, key) = at.rsplit_once('/').expect("a pointer with a parent");
        let key = key.replace("~1", "/").replace("~0", "~");
        spec.pointer_mut(parent).and_then(Value::as_object_mut).expect("the parent is an object").insert(key, value);
        for text in [yaml(&spec), json_text(&spec)] {
            let message = refused(text);
            assert!(!message.contains("internal"), "{at}: {message}");
        }
    }
    // The same document unspoilt is accepted.
    assert_eq!(check(yaml(&base())), None);
}

// --- Depth --------------------------------------------------------------------------------

#[test]
fn ten_thousand_levels_anywhere_are_refused() {
    let deep_array = format!("{}1{}", "[".repeat(10_000), "]".repeat(10_000));
    // JSON: the whole document, and inside a schema of a valid document.
    refused(deep_array.clone());
    let spec = json_text(&doc(json!({"a": {"enum": "@"}}), json!({})));
    refused(spec.replace("\"@\"", &deep_array));
    // YAML block sequences in their compact form, `- - - ... 1`.
    refused(format!("openapi: 3.0.0\ninfo: {{title: t, version: v}}\npaths: {{}}\nx:\n  {}1\n", "- ".repeat(10_000)));
    // YAML flow sequences and a schema nested by `items` in YAML.
    refused(format!("openapi: 3.0.0\ninfo: {{title: t, version: v}}\npaths: {{}}\nx: {deep_array}\n"));
    let items = format!("{}{{type: string}}{}", "{type: array, items: ".repeat(10_000), "}".repeat(10_000));
    refused(format!(
        "openapi: 3.0.0\ninfo: {{title: t, version: v}}\npaths: {{}}\ncomponents: {{schemas: {{a: {items}}}}}\n"
    ));
}

#[test]
fn deep_yaml_flow_collections_end_in_linear_time() {
    // libyaml's scan of these is quadratic in their depth: 100,000 levels
    // took minutes before the generator counted them first.
    for (open, close) in [("[", "]"), ("{a: ", "}")] {
        let text = format!(
            "openapi: 3.0.0\ninfo: {{title: t, version: v}}\npaths: {}1{}\n",
            open.repeat(100_000),
            close.repeat(100_000)
        );
        let started = Instant::now();
        let message = refused(text);
        assert!(message.contains(":3:") && message.contains("recursion limit exceeded"), "{message}");
        assert!(started.elapsed() < Duration::from_secs(2), "took {:?}", started.elapsed());
    }
}

#[test]
fn yaml_alias_bombs_end_quickly() {
    // Nine levels of ten aliases each: a billion leaves if expanded.
    let mut text = String::from("openapi: 3.0.0\ninfo: {title: t, version: v}\npaths: {}\nx-a0: &a0 [lol]\n");
    for i in 1..10 {
        let refs = vec![format!("*a{}", i - 1); 10].join(", ");
        text.push_str(&format!("x-a{i}: &a{i} [{refs}]\n"));
    }
    let started = Instant::now();
    check(text.clone());
    // The same aliases used as schemas.
    let schemas = text.replace("x-a", "    s").replace("openapi", "# ").replace("paths: {}", "");
    check(format!("openapi: 3.0.0\ninfo: {{title: t, version: v}}\npaths: {{}}\ncomponents:\n  schemas:\n{schemas}"));
    assert!(started.elapsed() < LIMIT, "took {:?}", started.elapsed());
}

// --- Size -----------------------------------------------------------------------------------

#[test]
fn huge_enums_and_property_counts_are_generated_in_time() {
    let values: Vec<Value> = (0..10_000).map(|i| Value::from(format!("value_{i}"))).collect();
    let properties: serde_json::Map<String, Value> = (0..2_000)
        .map(|i| (format!("field_{i}"), json!({"type": if i % 2 == 0 { "string" } else { "integer" }})))
        .collect();
    let schemas = json!({
        "a": {"type": "object", "properties": {"kind": {"type": "string", "enum": values}}, "x-resourceId": "a"},
        "b": {"type": "object", "properties": properties, "x-resourceId": "b"},
    });
    let mut paths = get_op("/v1/a", "a");
    paths.as_object_mut().expect("an object").extend(get_op("/v1/b", "b").as_object().expect("an object").clone());
    let spec = yaml(&doc(schemas, paths));
    let started = Instant::now();
    let out = generate(spec).unwrap_or_else(|e| panic!("{e}"));
    let elapsed = started.elapsed();
    let text: String = out.files.iter().map(|f| f.contents.as_str()).collect();
    assert!(text.contains("Value9999") && text.contains("field_1999"), "every value and field is generated");
    println!("10,000 enum values and 2,000 properties generated in {elapsed:.2?}");
}
