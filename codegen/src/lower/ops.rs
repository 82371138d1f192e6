//! Operations to endpoints: which type owns each endpoint, its function name,
//! its parameters struct and its response type.
//!
//! Naming rules (documented in the README, so users can guess names):
//! - A path with no parameter, or only a trailing one
//!   (`/v1/charges`, `/v1/charges/{charge}`, `/v1/balance/history`), belongs
//!   to the resource it returns: `list` (GET of a list), `retrieve` (GET),
//!   `create` (POST to a collection), `update` (POST to an object), `delete`.
//! - A path that continues after an id (`/v1/charges/{charge}/refunds`)
//!   belongs to the resource of its prefix (`Charge`). A POST whose last
//!   segment returns the object it acts on is an action (`capture`,
//!   `close_dispute`); anything else is the verb plus the segments
//!   (`list_refunds`, `retrieve_refund`, `delete_discount`).
//! - `x-stripeOperations` in the spec, when present, decides instead.
//! - When two endpoints of one type get the same name, the one whose path
//!   starts with the type's plural keeps it; the others get the path words
//!   that tell them apart (`retrieve_account` for `GET /v1/account`).

use super::schema::{Cx, Prop};
use super::shape::{SRef, Shape, description, envelope, object_tag, shape};
use super::{Lower, NameClass};
use crate::error::Error;
use crate::ir::{Method, Operation, PathSegment, Role, TypeDef, TypeId, TypeKind, TypeRef};
use crate::naming::{self, Kind, Namespace};
use crate::spec::pointer_push;
use openapiv3::{Parameter, ParameterSchemaOrContent, PathItem, ReferenceOr, Schema};
use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Seg<'p> {
    Static(&'p str),
    Param(&'p str),
}

fn segments(path: &str) -> Vec<Seg<'_>> {
    let mut segs: Vec<Seg<'_>> = path
        .split('/')
        .filter(|s| !s.is_empty())
        .map(|s| match s.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
            Some(p) => Seg::Param(p),
            None => Seg::Static(s),
        })
        .collect();
    let is_version = |s: &str| s.len() > 1 && s.starts_with('v') && s[1..].chars().all(|c| c.is_ascii_digit());
    if matches!(segs.first(), Some(Seg::Static(v)) if is_version(v)) {
        segs.remove(0);
    }
    segs
}

/// A path with its parameters replaced by `{}`, to find endpoints on the
/// same path whatever their parameters are called.
fn normalized(segs: &[Seg<'_>]) -> String {
    segs.iter()
        .map(|s| match s {
            Seg::Static(s) => *s,
            Seg::Param(_) => "{}",
        })
        .collect::<Vec<_>>()
        .join("/")
}

fn template(path: &str) -> Vec<PathSegment> {
    let mut out = Vec::new();
    let mut rest = path;
    // Distinct from the other arguments (`{client}`, a repeated name).
    let mut args = Namespace::new(Kind::Argument);
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}').map(|c| open + c) else { break };
        if open > 0 {
            out.push(PathSegment::Literal(rest[..open].to_owned()));
        }
        let wire = &rest[open + 1..close];
        let rust = args.claim(&naming::snake(wire));
        out.push(PathSegment::Param { rust, wire: wire.to_owned(), id: None });
        rest = &rest[close + 1..];
    }
    if !rest.is_empty() {
        out.push(PathSegment::Literal(rest.to_owned()));
    }
    out
}

/// What a response returns, seen before lowering: the component schema
/// and whether it comes in a list envelope.
#[derive(Debug, Clone, Copy)]
struct Returns<'s> {
    resource: Option<&'s str>,
    is_list: bool,
}

struct RawOp<'s> {
    path: &'s str,
    method: Method,
    op: &'s openapiv3::Operation,
    item: &'s PathItem,
    pointer: String,
    segs: Vec<Seg<'s>>,
    returns: Returns<'s>,
    response: Option<SRef<'s>>,
    owner: Option<&'s str>,
    name: String,
}

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
                if self.opts.strict {
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

    /// Owner and function name from the path shape (see module docs).
    fn infer_name(&self, r: &RawOp<'s>, endpoints: &Endpoints<'s>) -> (Option<&'s str>, String) {
        let segs = &r.segs;
        let first_param = segs.iter().position(|s| matches!(s, Seg::Param(_)));
        let trailing_only = first_param.is_none_or(|p| p + 1 == segs.len());
        if !trailing_only {
            let p = first_param.unwrap_or(0);
            let prefix_owner = endpoints.resource_at(&normalized(&segs[..=p]));
            if let Some(owner) = prefix_owner {
                let tail = &segs[p + 1..];
                // An action: POST to `<object path>/<verb>` answering that object.
                if let (Method::Post | Method::Put, Some(Seg::Static(last))) = (r.method, tail.last()) {
                    let parent = normalized(&segs[..segs.len() - 1]);
                    let acts_on_parent = endpoints
                        .resource_at(&parent)
                        .zip(r.returns.resource)
                        .is_some_and(|(a, b)| self.same_resource(a, b));
                    if acts_on_parent {
                        // Joined before casing, so keyword escaping applies
                        // to the whole name only (`create_return`, not `create_return_`).
                        let mut words = vec![(*last).to_owned()];
                        words.extend(statics(&tail[..tail.len() - 1]).map(naming::singular));
                        return (Some(owner), naming::snake(&words.join("_")));
                    }
                }
                let verb = base_verb(r, endpoints);
                let words: Vec<&str> = statics(tail).collect();
                let mut name = vec![verb.to_owned()];
                for (i, w) in words.iter().enumerate() {
                    let keep_plural = verb == "list" && i + 1 == words.len();
                    name.push(if keep_plural { (*w).to_owned() } else { naming::singular(w) });
                }
                return (Some(owner), naming::snake(&name.join("_")));
            }
        }
        // A fixed word beside the resource's `{id}` (`/v1/customers/search`,
        // `/v1/invoices/upcoming`) names the endpoint, rather than taking
        // the verb the `{id}` path needs.
        if let [.., Seg::Static(last)] = segs.as_slice() {
            if segs.len() >= 2 {
                let sibling = format!("{}/{{}}", normalized(&segs[..segs.len() - 1]));
                let same = endpoints.resource_at(&sibling).zip(r.returns.resource).is_some_and(|(a, b)| a == b);
                if same {
                    return (r.returns.resource, naming::snake(last));
                }
            }
        }
        (r.returns.resource, base_verb(r, endpoints).to_owned())
    }

    /// Whether endpoints answering `a` and `b` act on the same object
    /// (equal, or `a` is a polymorphic schema with `b` among its members).
    fn same_resource(&self, a: &str, b: &str) -> bool {
        if a == b {
            return true;
        }
        let Some(ReferenceOr::Item(schema)) = self.spec.doc.components.as_ref().and_then(|c| c.schemas.get(a)) else {
            return false;
        };
        match shape(schema) {
            Shape::AnyOf(members) => members
                .iter()
                .any(|m| matches!(m, ReferenceOr::Reference { reference } if reference.rsplit('/').next() == Some(b))),
            _ => false,
        }
    }

    fn lower_operation(&mut self, r: RawOp<'s>, owner: TypeId) -> Result<(), Error> {
        let owner_name = self.types[owner.0].name.clone();
        let module = self.types[owner.0].module;
        let params_name = params_name(&r.name, &owner_name, &naming::snake(&owner_name), r.returns.is_list);
        let response = match r.response {
            Some(s) => {
                let cx = Cx {
                    pointer: r.pointer.clone(),
                    hint: format!("{params_name}Response"),
                    module,
                    role: Role::Response,
                    field: None,
                    scope: format!("{params_name}Response"),
                };
                let t = self.type_of(s, &cx)?.0;
                if r.method == Method::Delete { self.or_deleted(t, s, &r.pointer)? } else { t }
            }
            None => TypeRef::Json,
        };
        let is_list = matches!(response, TypeRef::List(_) | TypeRef::SearchList(_));
        let multipart = self.is_multipart(r.op, &r.pointer)?;
        let host = self.own_host(&r);
        let expandable = super::graph::reaches_expandable(&self.types, &response);
        let (props, required) = self.params_of(&r, expandable)?;
        let params = if props.is_empty() {
            None
        } else {
            // Its doc names the endpoint, by final names: the emitter writes it.
            let id = self.reserve_type(params_name.clone(), module, r.pointer.clone(), Role::Params, NameClass::Params);
            let cx = Cx {
                pointer: r.pointer.clone(),
                hint: params_name.clone(),
                module,
                role: Role::Params,
                field: None,
                scope: params_name,
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
        let id = crate::ir::OpId(self.operations.len());
        self.modules[module.0].operations.push(id);
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
        let word = statics(&r.segs).next().unwrap_or("api");
        let base = naming::singular(word);
        let component = self.spec.doc.components.as_ref().and_then(|c| c.schemas.get_key_value(base.as_str()));
        if let Some((key, _)) = component {
            if let TypeRef::Named(id) = self.component_ref(key, &r.pointer)? {
                return Ok(id);
            }
        }
        let name = naming::pascal(&base);
        if let Some(existing) = self.types.iter().position(|t| t.name == name && t.origin.starts_with("#/paths")) {
            return Ok(TypeId(existing));
        }
        let module = self.module(&base);
        self.modules[module.0].is_resource = true;
        let id = self.add_type(
            TypeDef {
                name,
                doc: vec![format!("Endpoints under `/{word}` that return no named object.")],
                module,
                origin: pointer_push("#/paths", r.path),
                role: Role::Response,
                kind: TypeKind::Struct(crate::ir::Struct { fields: Vec::new(), id_field: None }),
                gate: crate::ir::Gate::Always,
                id_alias: None,
            },
            NameClass::Derived,
        );
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
        for (list, base) in [(&r.op.parameters, r.pointer.clone()), (&r.item.parameters, String::new())] {
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

fn statics<'a, 'p>(segs: &'a [Seg<'p>]) -> impl Iterator<Item = &'p str> + 'a {
    segs.iter().filter_map(|s| match s {
        Seg::Static(s) => Some(*s),
        Seg::Param(_) => None,
    })
}

/// The data items of a list envelope schema.
fn list_data_items(schema: &Schema) -> Option<SRef<'_>> {
    let Shape::Object { props, .. } = shape(schema) else { return None };
    envelope(&props).and_then(|(_, items)| items)
}

/// Endpoints by normalized path: what each returns.
struct Endpoints<'s> {
    by_path: BTreeMap<String, Vec<(Method, Returns<'s>)>>,
}

impl<'s> Endpoints<'s> {
    /// The single object an endpoint path answers with (GET first).
    fn resource_at(&self, path: &str) -> Option<&'s str> {
        let ops = self.by_path.get(path)?;
        let single =
            |m: &Method, r: &Returns<'s>| (!r.is_list).then_some(r.resource).flatten().filter(|_| *m == Method::Get);
        ops.iter()
            .find_map(|(m, r)| single(m, r))
            .or_else(|| ops.iter().find_map(|(_, r)| (!r.is_list).then_some(r.resource).flatten()))
    }

    fn has_single_get(&self, path: &str) -> bool {
        self.by_path.get(path).is_some_and(|ops| ops.iter().any(|(m, r)| *m == Method::Get && !r.is_list))
    }
}

fn endpoint_index<'s>(raw: &[RawOp<'s>]) -> Endpoints<'s> {
    let mut by_path: BTreeMap<String, Vec<(Method, Returns<'s>)>> = BTreeMap::new();
    for r in raw {
        by_path.entry(normalized(&r.segs)).or_default().push((r.method, r.returns));
    }
    Endpoints { by_path }
}

fn base_verb(r: &RawOp<'_>, endpoints: &Endpoints<'_>) -> &'static str {
    let ends_with_param = matches!(r.segs.last(), Some(Seg::Param(_)));
    match r.method {
        Method::Get if r.returns.is_list => "list",
        Method::Get => "retrieve",
        Method::Delete => "delete",
        Method::Post | Method::Put | Method::Patch => {
            if ends_with_param || endpoints.has_single_get(&normalized(&r.segs)) { "update" } else { "create" }
        }
    }
}

/// `{Verb}{Owner}{Rest}`, the owner plural when the endpoint answers a
/// collection of it (a list or search results): `create` on `Charge` ->
/// `CreateCharge`, `list` -> `ListCharges`, `search` -> `SearchCharges`,
/// `list_refunds` -> `ListChargeRefunds` (the path words say what is listed).
fn params_name(fn_name: &str, owner: &str, owner_snake: &str, collection: bool) -> String {
    let (verb, rest) = fn_name.split_once('_').unwrap_or((fn_name, ""));
    if collection && rest.is_empty() {
        return format!("{}{}", naming::pascal(verb), naming::pascal(&naming::plural(owner_snake)));
    }
    let rest = if rest.is_empty() { String::new() } else { naming::pascal(rest) };
    format!("{}{owner}{rest}", naming::pascal(verb))
}

/// Gives every (owner type, name) pair to one endpoint (see module docs),
/// claiming the names in each owner's namespace of methods (`methods`).
/// `owners[i]` is the type of `raw[i]`, `owner_names[i]` its snake_case name.
fn resolve_collisions(
    raw: &mut [RawOp<'_>],
    owners: &[TypeId],
    owner_names: &[String],
    mut methods: BTreeMap<TypeId, Namespace>,
) {
    let mut groups: BTreeMap<(TypeId, String), Vec<usize>> = BTreeMap::new();
    for (i, r) in raw.iter().enumerate() {
        groups.entry((owners[i], r.name.clone())).or_default().push(i);
    }
    // Every name first goes to one endpoint: the natural names are claimed
    // before any clash is resolved.
    let mut first: BTreeMap<(TypeId, String), String> = BTreeMap::new();
    for (owner, ns) in &mut methods {
        let wanted: Vec<String> = groups.keys().filter(|(o, _)| o == owner).map(|(_, n)| n.clone()).collect();
        let claimed = ns.claim_each(wanted.iter().cloned());
        first.extend(wanted.into_iter().zip(claimed).map(|(w, c)| ((*owner, w), c)));
    }
    for ((owner, name), mut members) in groups {
        let owner_snake = owner_names[members[0]].clone();
        let rank = |r: &RawOp<'_>| {
            let first = match statics(&r.segs).next() {
                Some(first) if first == naming::plural(&owner_snake) => 0,
                Some(first) if first == owner_snake => 1,
                _ => 2,
            };
            // Then the bare collection or a path ending in an id, before a
            // path ending in some other fixed word.
            let fixed_tail = matches!(r.segs.last(), Some(Seg::Static(_))) && statics(&r.segs).count() > 1;
            (first, fixed_tail)
        };
        members.sort_by(|&a, &b| {
            (rank(&raw[a]), raw[a].path, raw[a].method).cmp(&(rank(&raw[b]), raw[b].path, raw[b].method))
        });
        if let Some(claimed) = first.get(&(owner, name.clone())) {
            raw[members[0]].name = claimed.clone();
        }
        let canonical: Vec<String> = statics(&raw[members[0]].segs).map(str::to_owned).collect();
        let Some(ns) = methods.get_mut(&owner) else { continue };
        for &i in &members[1..] {
            let own: Vec<&str> = statics(&raw[i].segs).collect();
            let mut distinct: Vec<&str> = own.iter().copied().filter(|s| !canonical.iter().any(|c| c == s)).collect();
            if distinct.is_empty() {
                distinct = own.into_iter().take(1).collect();
            }
            let suffix = distinct.join("_");
            let with_words = if suffix.is_empty() { name.clone() } else { naming::snake(&format!("{name}_{suffix}")) };
            raw[i].name = ns.claim(&with_words);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_segments_drop_the_version() {
        assert_eq!(
            segments("/v1/charges/{charge}/capture"),
            [Seg::Static("charges"), Seg::Param("charge"), Seg::Static("capture")]
        );
        assert_eq!(normalized(&segments("/v1/charges/{id}")), "charges/{}");
    }

    #[test]
    fn templates_split_into_literals_and_params() {
        assert_eq!(
            template("/v1/charges/{charge}/refunds/{refund}"),
            [
                PathSegment::Literal("/v1/charges/".into()),
                PathSegment::Param { rust: "charge".into(), wire: "charge".into(), id: None },
                PathSegment::Literal("/refunds/".into()),
                PathSegment::Param { rust: "refund".into(), wire: "refund".into(), id: None },
            ]
        );
    }

    #[test]
    fn path_arguments_never_clash() {
        let names: Vec<String> = template("/v1/x/{client}/y/{params}/z/{id}/w/{id}")
            .into_iter()
            .filter_map(|s| match s {
                PathSegment::Param { rust, .. } => Some(rust),
                PathSegment::Literal(_) => None,
            })
            .collect();
        assert_eq!(names, ["client_2", "params_2", "id", "id_2"]);
    }

    #[test]
    fn params_struct_names() {
        assert_eq!(params_name("create", "Charge", "charge", false), "CreateCharge");
        assert_eq!(params_name("list", "Charge", "charge", true), "ListCharges");
        assert_eq!(params_name("list", "BalanceTransaction", "balance_transaction", true), "ListBalanceTransactions");
        assert_eq!(params_name("search", "PaymentIntent", "payment_intent", true), "SearchPaymentIntents");
        assert_eq!(params_name("list_refunds", "Charge", "charge", true), "ListChargeRefunds");
        assert_eq!(params_name("close_dispute", "Charge", "charge", false), "CloseChargeDispute");
    }
}
