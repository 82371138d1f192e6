//! A drawn [`Spec`] written out as an OpenAPI document in Stripe's dialect.

use super::*;

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
