//! A published spec reshaped the way newer Stripe specs are: every
//! resource gets a `deleted_*` form that DELETE answers and expandable
//! fields may hold, a dotted schema name, and a search endpoint. Generating
//! and building it checks constructs the 2018 files do not have.
#![allow(missing_docs)]

use serde_json::{Value, json};

/// Rewrites `spec` (an OpenAPI document as JSON) in place.
pub fn newer_shapes(spec: &mut Value) {
    let Some(schemas) = spec.pointer_mut("/components/schemas").and_then(Value::as_object_mut) else { return };
    let mut deleted = serde_json::Map::new();
    for (name, schema) in schemas.iter() {
        let tag = schema.pointer("/properties/object/enum").and_then(Value::as_array).filter(|e| e.len() == 1);
        if let Some(tag) = tag.filter(|t| t[0] != "list") {
            deleted.insert(
                format!("deleted_{name}"),
                json!({
                    "type": "object",
                    "properties": {
                        "deleted": {"type": "boolean", "enum": [true]},
                        "id": {"type": "string"},
                        "object": {"type": "string", "enum": tag},
                    },
                    "required": ["deleted", "id", "object"],
                }),
            );
        }
    }
    if let Some(card) = schemas.get("card").cloned() {
        let mut dotted = card;
        if let Some(e) = dotted.pointer_mut("/properties/object/enum") {
            *e = json!(["issuing.card"]);
        }
        schemas.insert("issuing.card".into(), dotted);
    }
    for schema in schemas.values_mut() {
        add_deleted_expansions(schema, &deleted);
    }
    schemas.extend(deleted.clone());
    if let Some(paths) = spec.get_mut("paths").and_then(Value::as_object_mut) {
        for item in paths.values_mut() {
            let Some(response) = item.pointer_mut("/delete/responses/200/content/application~1json/schema") else {
                continue;
            };
            let target = response.get("$ref").and_then(Value::as_str).and_then(|r| r.rsplit('/').next());
            if let Some(target) = target.map(|t| format!("deleted_{t}")).filter(|d| deleted.contains_key(d)) {
                *response = json!({"$ref": format!("#/components/schemas/{target}")});
            }
        }
        paths.insert(
            "/v1/customers/search".into(),
            json!({"get": {
                "operationId": "SearchCustomers",
                "parameters": [
                    {"in": "query", "name": "query", "required": true, "schema": {"type": "string"}},
                    {"in": "query", "name": "page", "required": false, "schema": {"type": "string"}},
                ],
                "responses": {"200": {"description": "Search results.", "content": {"application/json": {"schema": {
                    "type": "object",
                    "required": ["data", "has_more", "object", "url"],
                    "properties": {
                        "data": {"type": "array", "items": {"$ref": "#/components/schemas/customer"}},
                        "has_more": {"type": "boolean"},
                        "next_page": {"type": "string", "nullable": true},
                        "object": {"type": "string", "enum": ["search_result"]},
                        "url": {"type": "string"},
                    },
                }}}}},
            }}),
        );
    }
}

/// Expandable fields may also hold the deleted form of their targets.
fn add_deleted_expansions(value: &mut Value, deleted: &serde_json::Map<String, Value>) {
    match value {
        Value::Object(map) => {
            let extra: Vec<Value> = map
                .get("x-expansionResources")
                .and_then(|e| e.get("oneOf"))
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(|m| m.get("$ref").and_then(Value::as_str))
                .filter_map(|r| r.rsplit('/').next())
                .map(|n| format!("deleted_{n}"))
                .filter(|d| deleted.contains_key(d))
                .map(|d| json!({"$ref": format!("#/components/schemas/{d}")}))
                .collect();
            if !extra.is_empty() {
                if let Some(list) = map.get_mut("anyOf").and_then(Value::as_array_mut) {
                    list.extend(extra.iter().cloned());
                }
                if let Some(list) =
                    map.get_mut("x-expansionResources").and_then(|e| e.get_mut("oneOf")).and_then(Value::as_array_mut)
                {
                    list.extend(extra.iter().cloned());
                }
            }
            for v in map.values_mut() {
                add_deleted_expansions(v, deleted);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|v| add_deleted_expansions(v, deleted)),
        _ => {}
    }
}
