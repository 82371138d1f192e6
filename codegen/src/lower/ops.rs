//! Operations to endpoints: which type owns each endpoint, its function name,
//! its parameters struct and its response type.
//!
//! How endpoints are named is `op_names`'s.

use super::Lower;
use super::cx::{Cx, Prop};
use super::op_names::{RawOp, Returns, endpoint_index, resolve_collisions, segments, statics, template};
use super::shape::{SRef, Shape, description, envelope, object_tag, shape};
use crate::error::Error;
use crate::ir::{Method, Operation, Role, TypeDef, TypeId, TypeKind, TypeRef};
use crate::naming::types::{Hint, Place, params_name};
use crate::naming::{self, Namespace};
use crate::spec::pointer_push;
use openapiv3::{Parameter, ParameterSchemaOrContent, PathItem, ReferenceOr, Schema};
use std::collections::BTreeMap;

const METHODS: [(Method, &str); 5] = [
    (Method::Get, "get"),
    (Method::Post, "post"),
    (Method::Delete, "delete"),
    (Method::Put, "put"),
    (Method::Patch, "patch"),
];

impl<'s> Lower<'s> {
    pub(super) fn lower_operations(&mut self) -> Result<(), Error> {
        let mut raw = self.collect_operations()?;
        self.check_operation_ids(&raw)?;
        let stripe_ops = self.stripe_operations();
        let endpoints = endpoint_index(&raw);
        for r in raw.iter_mut() {
            let (owner, name) = match stripe_ops.get(&(r.method, r.path)) {
                Some((component, method_name)) => (Some(*component), naming::snake(method_name)),
                None => self.infer_name(r, &endpoints),
            };
            r.owner = owner;
            r.name = name;
        }
        // Owner types first: two endpoints collide when they land on the
        // same type, whichever way their owner was found.
        let mut owners = Vec::with_capacity(raw.len());
        for r in &raw {
            owners.push(self.owner_type(r)?);
        }
        let owner_names: Vec<String> = owners.iter().map(|o| naming::snake(&self.types[o.0].name)).collect();
        let methods: BTreeMap<TypeId, Namespace> =
            owners.iter().map(|o| (*o, naming::methods_of(&self.types[o.0].kind, self.event == Some(*o)))).collect();
        resolve_collisions(&mut raw, &owners, &owner_names, methods);
        for (r, owner) in raw.into_iter().zip(owners) {
            self.lower_operation(r, owner)?;
        }
        Ok(())
    }

    fn collect_operations(&self) -> Result<Vec<RawOp<'s>>, Error> {
        let mut paths: Vec<(&'s String, &'s ReferenceOr<PathItem>)> = self.spec.doc.paths.paths.iter().collect();
        paths.sort_by(|a, b| a.0.cmp(b.0));
        let mut out = Vec::new();
        for (path, item) in paths {
            // Stripe publishes paths that only carry parameter overrides
            // for SDK generators; they are not endpoints.
            if path.contains("x-stripeParametersOverride") {
                continue;
            }
            let pointer = pointer_push("#/paths", path);
            let item = match item {
                ReferenceOr::Item(i) => i,
                ReferenceOr::Reference { reference } => {
                    return Err(Error::UnresolvedRef {
                        file: self.spec.file.clone(),
                        pointer,
                        reference: reference.clone(),
                        reason: "references to path items are not supported".into(),
                    });
                }
            };
            for (method, key) in METHODS {
                let op = match method {
                    Method::Get => item.get.as_ref(),
                    Method::Post => item.post.as_ref(),
                    Method::Delete => item.delete.as_ref(),
                    Method::Put => item.put.as_ref(),
                    Method::Patch => item.patch.as_ref(),
                };
                let Some(op) = op else { continue };
                let op_pointer = pointer_push(&pointer, key);
                let response = self.success_schema(op, &op_pointer)?;
                let returns = match response {
                    Some(r) => self.returns(r, &op_pointer)?,
                    None => Returns { resource: None, is_list: false },
                };
                out.push(RawOp {
                    path,
                    method,
                    op,
                    item,
                    pointer: op_pointer,
                    segs: segments(path),
                    returns,
                    response,
                    owner: None,
                    name: String::new(),
                });
            }
        }
        Ok(out)
    }

    /// Duplicate operationIds break the OpenAPI rule that they be unique.
    /// Names here come from paths, so they are harmless: a warning, or an
    /// error in strict mode.
    fn check_operation_ids(&mut self, raw: &[RawOp<'s>]) -> Result<(), Error> {
        let mut seen: BTreeMap<&str, &str> = BTreeMap::new();
        for r in raw {
            let Some(id) = r.op.operation_id.as_deref() else { continue };
            if let Some(first) = seen.get(id) {
                if self.strict {
                    return Err(Error::DuplicateOperationId {
                        file: self.spec.file.clone(),
                        pointer: r.pointer.clone(),
                        id: id.to_owned(),
                        first: (*first).to_owned(),
                    });
                }
                let msg = format!("duplicate operationId `{id}` (first used at {first})");
                self.warn(r.pointer.clone(), msg);
            } else {
                seen.insert(id, &r.pointer);
            }
        }
        Ok(())
    }

    /// `x-stripeOperations` on component schemas: (method, path) -> (schema, method name).
    fn stripe_operations(&self) -> BTreeMap<(Method, &'s str), (&'s str, &'s str)> {
        let mut out = BTreeMap::new();
        let Some(components) = self.spec.doc.components.as_ref() else { return out };
        // By schema name, so that when two schemas claim an endpoint the
        // same one wins whatever order the document lists them in.
        let mut schemas: Vec<(&'s String, &'s ReferenceOr<Schema>)> = components.schemas.iter().collect();
        schemas.sort_by(|a, b| a.0.cmp(b.0));
        for (name, schema) in schemas {
            let ReferenceOr::Item(schema) = schema else { continue };
            let Some(ops) = schema.schema_data.extensions.get("x-stripeOperations").and_then(|v| v.as_array()) else {
                continue;
            };
            for op in ops {
                let (Some(m), Some(path), Some(method_name)) = (
                    op.get("operation").and_then(|v| v.as_str()),
                    op.get("path").and_then(|v| v.as_str()),
                    op.get("method_name").and_then(|v| v.as_str()),
                ) else {
                    continue;
                };
                let Some((method, _)) = METHODS.iter().find(|(_, k)| k.eq_ignore_ascii_case(m)) else { continue };
                // Borrow the path from the document itself so it lives long enough.
                if let Some((p, _)) = self.spec.doc.paths.paths.get_key_value(path) {
                    out.entry((*method, p.as_str())).or_insert((name.as_str(), method_name));
                }
            }
        }
        out
    }

    /// The schema of the success response (the lowest 2xx with JSON).
    fn success_schema(&self, op: &'s openapiv3::Operation, at: &str) -> Result<Option<SRef<'s>>, Error> {
        let mut codes: Vec<(&openapiv3::StatusCode, &'s ReferenceOr<openapiv3::Response>)> =
            op.responses.responses.iter().collect();
        codes.sort_by_key(|(c, _)| c.to_string());
        for (code, resp) in codes {
            let is_success = match code {
                openapiv3::StatusCode::Code(c) => (200..300).contains(c),
                openapiv3::StatusCode::Range(r) => *r == 2,
            };
            if !is_success {
                continue;
            }
            let resp_at = pointer_push(&pointer_push(at, "responses"), &code.to_string());
            let resp = self.spec.response(resp, &resp_at)?;
            let media =
                resp.content.iter().find(|(k, _)| k.starts_with("application/json")).or_else(|| resp.content.first());
            if let Some((_, media)) = media {
                return Ok(media.schema.as_ref().map(SRef::from));
            }
            return Ok(None);
        }
        Ok(None)
    }

    /// Which component a response returns, without lowering anything.
    fn returns(&self, s: SRef<'s>, at: &str) -> Result<Returns<'s>, Error> {
        let none = Returns { resource: None, is_list: false };
        match s {
            SRef::Ref(r) => {
                let (key, schema) = self.spec.schema_component(r, at)?;
                if let Some(item) = list_data_items(schema) {
                    let inner = self.returns(item, at)?;
                    return Ok(Returns { resource: inner.resource, is_list: true });
                }
                Ok(Returns { resource: Some(self.undeleted(key, schema)), is_list: false })
            }
            SRef::Item(schema) => {
                if let Some(item) = list_data_items(schema) {
                    let inner = self.returns(item, at)?;
                    return Ok(Returns { resource: inner.resource, is_list: true });
                }
                match shape(schema) {
                    Shape::AnyOf(m) | Shape::AllOf(m) if m.len() == 1 => self.returns(SRef::from(&m[0]), at),
                    // `anyOf: [customer, deleted_customer]`: still the customer.
                    Shape::AnyOf(m) => {
                        let mut resource = None;
                        for member in m {
                            let r = self.returns(SRef::from(member), at)?;
                            if r.is_list || r.resource.is_none() || (resource.is_some() && resource != r.resource) {
                                return Ok(none);
                            }
                            resource = r.resource;
                        }
                        Ok(Returns { resource, is_list: false })
                    }
                    _ => Ok(none),
                }
            }
        }
    }

    /// For the deleted form of an object (`deleted_customer`: `object:
    /// "customer"`, `deleted: true`), the component of the object itself.
    fn undeleted(&self, key: &'s str, schema: &'s Schema) -> &'s str {
        let (Some(tag), true) = object_tag(schema) else { return key };
        let Some(components) = self.spec.doc.components.as_ref() else { return key };
        let mut candidates: Vec<&'s str> = components
            .schemas
            .iter()
            .filter_map(|(name, s)| match s {
                ReferenceOr::Item(s) if object_tag(s) == (Some(tag), false) => Some(name.as_str()),
                _ => None,
            })
            .collect();
        candidates.sort_by_key(|name| (*name != tag, *name));
        candidates.first().copied().unwrap_or(key)
    }

    fn lower_operation(&mut self, r: RawOp<'s>, owner: TypeId) -> Result<(), Error> {
        let owner_name = self.types[owner.0].name.clone();
        let module = self.types[owner.0].module;
        let params_name = params_name(&r.name, &owner_name, &naming::snake(&owner_name), r.returns.is_list);
        let response = match r.response {
            Some(s) => {
                let name = format!("{params_name}Response");
                let cx = Cx {
                    pointer: r.pointer.clone(),
                    place: Place::named(name.clone()),
                    module,
                    role: Role::Response,
                    field: None,
                    scope: (name.clone(), Place::named(name)),
                };
                let t = self.type_of(s, &cx)?.0;
                if r.method == Method::Delete { self.or_deleted(t, s, &r.pointer)? } else { t }
            }
            None => TypeRef::Json,
        };
        let is_list = matches!(response, TypeRef::List(_) | TypeRef::SearchList(_) | TypeRef::V2List(_));
        let multipart = self.is_multipart(r.op, &r.pointer)?;
        let host = self.own_host(&r);
        let expandable = super::graph::reaches_expandable(&self.types, &response);
        let (props, required) = self.params_of(&r, expandable)?;
        let params = if props.is_empty() {
            None
        } else {
            let id = self.reserve_type(Hint::Params(params_name.clone()), module, r.pointer.clone(), Role::Params);
            let cx = Cx {
                pointer: r.pointer.clone(),
                place: Place::of(id),
                module,
                role: Role::Params,
                field: None,
                scope: (params_name, Place::of(id)),
            };
            self.fill_props(id, props, &required, &cx)?;
            Some(id)
        };
        let params_required = params.is_some_and(|id| match &self.types[id.0].kind {
            TypeKind::Struct(s) => s.fields.iter().any(|f| f.required),
            _ => false,
        });
        let mut doc =
            r.op.description
                .as_deref()
                .filter(|d| !d.trim().is_empty())
                .or(r.op.summary.as_deref())
                .map(crate::docs::lines)
                .unwrap_or_default();
        if !doc.is_empty() {
            doc.push(String::new());
        }
        doc.push(format!("`{} {}`", r.method.as_str(), r.path));
        let codes = self.error_codes_of(r.op);
        if !codes.is_empty() {
            let list: Vec<String> = codes.iter().map(|c| format!("`{c}`")).collect();
            doc.push(String::new());
            doc.push(format!(
                "Error codes it answers besides the common ones (`ApiError::v2_code`): {}.",
                list.join(", ")
            ));
        }
        let id = crate::ir::OpId(self.operations.len());
        self.modules.list[module.0].operations.push(id);
        self.operations.push(Operation {
            method: r.method,
            path: r.path.to_owned(),
            segments: template(r.path),
            owner,
            fn_name: r.name,
            params,
            params_required,
            response,
            is_list,
            multipart,
            host,
            doc,
        });
        Ok(())
    }

    /// Whether an operation's body is only offered as `multipart/form-data`
    /// (file uploads).
    fn is_multipart(&self, op: &'s openapiv3::Operation, at: &str) -> Result<bool, Error> {
        let Some(body) = &op.request_body else { return Ok(false) };
        let body = self.spec.request_body(body, &pointer_push(at, "requestBody"))?;
        let multipart = body.content.keys().any(|k| k.starts_with("multipart/"));
        let form =
            body.content.keys().any(|k| k == "application/x-www-form-urlencoded" || k.starts_with("application/json"));
        Ok(multipart && !form)
    }

    /// The host an operation's own `servers` name (Stripe serves uploads
    /// from `https://files.stripe.com`), when it is an https URL.
    fn own_host(&mut self, r: &RawOp<'s>) -> Option<String> {
        let server = r.op.servers.first()?;
        let url = server.url.trim_end_matches('/');
        let ok = url.starts_with("https://") && !url["https://".len()..].contains(['/', '?', '#', '{']);
        if !ok {
            self.warn(
                r.pointer.clone(),
                format!("server URL {url:?} is not an https host; the client's base URL is used"),
            );
            return None;
        }
        Some(url.to_owned())
    }

    /// The named type that owns an endpoint: the resource found by the
    /// naming rules; else the resource the path starts with
    /// (`/v1/accounts` -> `Account`); else a namespace type named after
    /// that first path word.
    fn owner_type(&mut self, r: &RawOp<'s>) -> Result<TypeId, Error> {
        if let Some(name) = r.owner {
            if let TypeRef::Named(id) = self.component_ref(name, &r.pointer)? {
                return Ok(id);
            }
        }
        // A v2 path's first word is its namespace (`/v2/billing/...`): the
        // word after it names the owner, in that namespace.
        let words: Vec<&str> = statics(&r.segs).collect();
        let (word, raw) = match words.as_slice() {
            [namespace, word, ..] if r.path.starts_with("/v2/") => {
                (*word, format!("v2.{namespace}.{}", naming::singular(word)))
            }
            [word, ..] => (*word, naming::singular(word)),
            [] => ("api", "api".to_owned()),
        };
        let base = naming::singular(word);
        let component = self.spec.doc.components.as_ref().and_then(|c| c.schemas.get_key_value(raw.as_str()));
        if let Some((key, _)) = component {
            if let TypeRef::Named(id) = self.component_ref(key, &r.pointer)? {
                return Ok(id);
            }
        }
        let name = naming::pascal(&base);
        let module = self.module(&raw);
        let existing =
            self.types.iter().position(|t| t.name == name && t.module == module && t.origin.starts_with("#/paths"));
        if let Some(existing) = existing {
            return Ok(TypeId(existing));
        }
        self.modules.list[module.0].is_resource = true;
        let kind = TypeKind::Struct(crate::ir::Struct { fields: Vec::new(), id_field: None });
        let mut def = TypeDef::new(String::new(), module, pointer_push("#/paths", r.path), Role::Response, kind);
        def.doc = vec![format!("Endpoints under `/{word}` that return no named object.")];
        let id = self.add_type(def, Hint::Path(name));
        Ok(id)
    }

    /// Query parameters and body properties, in that order; `expand` only
    /// when the response has something to expand.
    fn params_of(&self, r: &RawOp<'s>, expandable: bool) -> Result<(Vec<Prop<'s>>, Vec<String>), Error> {
        let mut props: Vec<Prop<'s>> = Vec::new();
        let mut required: Vec<String> = Vec::new();
        let keep = |name: &str| expandable || name != "expand";
        // Operation parameters override path-item parameters of the same name.
        let mut params: Vec<(&'s Parameter, String)> = Vec::new();
        let item_pointer = pointer_push("#/paths", r.path);
        for (list, base) in [(&r.op.parameters, r.pointer.clone()), (&r.item.parameters, item_pointer)] {
            for (i, p) in list.iter().enumerate() {
                let at = pointer_push(&pointer_push(&base, "parameters"), &i.to_string());
                let p = self.spec.parameter(p, &at)?;
                if !params.iter().any(|(q, _)| q.parameter_data_ref().name == p.parameter_data_ref().name) {
                    params.push((p, at));
                }
            }
        }
        for (p, at) in params {
            let Parameter::Query { parameter_data: d, .. } = p else { continue };
            if !keep(&d.name) || props.iter().any(|q| q.wire == d.name) {
                continue;
            }
            let schema = match &d.format {
                ParameterSchemaOrContent::Schema(s) => SRef::from(s),
                ParameterSchemaOrContent::Content(_) => {
                    return Err(self.invalid(&at, "parameters with `content` instead of `schema` are not supported"));
                }
            };
            if d.required {
                required.push(d.name.clone());
            }
            props.push(Prop { wire: &d.name, schema, doc: d.description.as_deref().filter(|s| !s.trim().is_empty()) });
        }
        if let Some(body) = &r.op.request_body {
            let at = pointer_push(&r.pointer, "requestBody");
            let body = self.spec.request_body(body, &at)?;
            let media = ["application/x-www-form-urlencoded", "multipart/form-data", "application/json"]
                .iter()
                .find_map(|m| body.content.get(*m).map(|c| (*m, c)));
            if let Some((media_type, content)) = media {
                if let Some(schema) = &content.schema {
                    let at = pointer_push(&pointer_push(&pointer_push(&at, "content"), media_type), "schema");
                    let schema: &'s Schema = match schema {
                        ReferenceOr::Reference { reference } => self.spec.schema_component(reference, &at)?.1,
                        ReferenceOr::Item(s) => s,
                    };
                    if let Shape::Object { props: body_props, required: body_required, .. } = shape(schema) {
                        for (wire, s) in body_props {
                            if !keep(wire) || props.iter().any(|q| q.wire == wire) {
                                continue;
                            }
                            let doc = match s {
                                SRef::Item(s) => description(s),
                                SRef::Ref(_) => None,
                            };
                            props.push(Prop { wire, schema: s, doc });
                        }
                        required.extend(body_required.iter().cloned());
                    }
                }
            }
        }
        Ok((props, required))
    }
}

/// The data items of a list envelope schema.
fn list_data_items(schema: &Schema) -> Option<SRef<'_>> {
    let Shape::Object { props, .. } = shape(schema) else { return None };
    envelope(&props).and_then(|(_, items)| items)
}
