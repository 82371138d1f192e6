//! Schemas to Rust types: component schemas become named types in a module
//! of their own; inline objects, enums and unions get names derived from
//! their parent (`Charge` + `outcome` -> `ChargeOutcome`).

use super::cx::{Cx, Prop};
use super::shape::{
    Envelope, SRef, Shape, StrFormat, description, envelope, expansion_targets, is_empty_string_enum, shape,
    title_words,
};
use super::sharing::{FieldRole, InlineKey};
use super::{Component, Lower};
use crate::error::Error;
use crate::ir::{Field, FieldMethod, Role, StringEnum, Struct, TypeId, TypeKind, TypeRef, Variant};
use crate::naming::types::{Derived, Hint, Place, Step};
use crate::naming::{self, Kind, Namespace};
use crate::spec::pointer_push;
use openapiv3::{AdditionalProperties, ReferenceOr, Schema, SchemaKind};

/// How many component schemas are lowered inside one another before the
/// next ones reached are put off (filled later from a list), which keeps
/// the stack shallow however long a chain of references is.
const EAGER_DEPTH: usize = 32;

/// How many component schemas may be lowered inside one another at all;
/// past [`EAGER_DEPTH`] only aliases (which cannot be put off) nest. Keeps
/// the stack well inside a 2 MiB thread even in debug builds.
const MAX_DEPTH: usize = 64;

/// Deepest type the generator emits (`Option<Vec<Box<T>>>` is 4 deep;
/// Stripe's are at most 5). Parsing and printing the emitted Rust recurse
/// once per level.
const MAX_TYPE_DEPTH: usize = 64;

impl<'s> Lower<'s> {
    /// Lowers every component schema, in name order.
    pub(super) fn lower_components(&mut self) -> Result<(), Error> {
        let Some(components) = self.spec.doc.components.as_ref() else { return Ok(()) };
        let mut names: Vec<&'s str> = components.schemas.keys().map(String::as_str).collect();
        names.sort_unstable();
        // The v2 errors are not types of their own (see `v2_errors`).
        for name in names.into_iter().filter(|n| !super::v2_errors::is_v2_error(n)) {
            self.component_ref(name, &format!("#/components/schemas/{name}"))?;
            self.fill_deferred()?;
        }
        Ok(())
    }

    /// Fills the component types whose lowering was put off because they
    /// were reached deep in a chain of references (see [`EAGER_DEPTH`]).
    fn fill_deferred(&mut self) -> Result<(), Error> {
        while let Some((id, schema, cx)) = self.components.deferred.pop() {
            self.fill(id, schema, &cx)?;
        }
        Ok(())
    }

    /// The type of component schema `name`, lowering it on first use.
    pub(super) fn component_ref(&mut self, name: &'s str, at: &str) -> Result<TypeRef, Error> {
        match self.components.by_name.get(name) {
            Some(Component::Named(id)) => return Ok(TypeRef::Named(*id)),
            Some(Component::Alias(t)) => return Ok(t.clone()),
            Some(Component::InProgress) => {
                return Err(self.invalid(at, format!("schema `{name}` is defined in terms of itself")));
            }
            None => {}
        }
        let reference = format!("#/components/schemas/{name}");
        let (key, schema) = self.spec.schema_component(&reference, at)?;
        let pointer = pointer_push("#/components/schemas", key);
        let module = self.module(key);
        if schema.schema_data.extensions.contains_key("x-resourceId") {
            self.modules.list[module.0].is_resource = true;
        }
        if self.modules.list[module.0].doc.is_empty() {
            self.modules.list[module.0].doc = description(schema).map(crate::docs::lines).unwrap_or_default();
        }
        // A namespaced schema is named by its leaf (`v2.core.event` ->
        // `v2::core::Event`).
        let name = naming::pascal(naming::namespaced(key).1);
        if self.is_named_shape(schema) {
            let id = self.reserve_type(Hint::Component(name.clone()), module, pointer.clone(), Role::Response);
            let cx = Cx {
                pointer,
                place: Place::of(id),
                module,
                role: Role::Response,
                field: None,
                scope: (name, Place::of(id)),
            };
            self.components.by_name.insert(key, Component::Named(id));
            if self.components.depth >= EAGER_DEPTH || self.components.aliasing > 0 {
                // A long chain of references (`a` holds a `b` holds a `c`
                // ...) would otherwise recurse once per link and overflow
                // the stack; the rest of the chain is filled from a list.
                // Inside an alias, filling now could come back to the alias
                // before it is known (`a_list` = `[a]`, `a` has an
                // `a_list`): an alias only needs the type's id.
                self.components.deferred.push((id, schema, cx));
            } else {
                self.components.depth += 1;
                let filled = self.fill(id, schema, &cx);
                self.components.depth -= 1;
                filled?;
            }
            Ok(TypeRef::Named(id))
        } else {
            // An alias is needed right away, so it cannot be put off; only
            // a chain of aliases can get this deep.
            if self.components.depth >= MAX_DEPTH {
                return Err(self.invalid(at, format!("schema `{key}` is nested more than {MAX_DEPTH} references deep")));
            }
            // What it holds is named after the alias.
            let cx = Cx {
                pointer,
                place: Place::named(name.clone()),
                module,
                role: Role::Response,
                field: None,
                scope: (name.clone(), Place::named(name)),
            };
            self.components.by_name.insert(key, Component::InProgress);
            self.components.depth += 1;
            self.components.aliasing += 1;
            let lowered = self.type_of(SRef::Item(schema), &cx);
            self.components.aliasing -= 1;
            self.components.depth -= 1;
            let (t, _) = lowered?;
            self.components.by_name.insert(key, Component::Alias(t.clone()));
            Ok(t)
        }
    }

    /// Whether a component schema becomes a named type (rather than an
    /// alias for a primitive, map, list or single reference).
    pub(super) fn is_named_shape(&self, s: &Schema) -> bool {
        match shape(s) {
            Shape::Object { props, .. } => !props.is_empty() && envelope(&props).is_none(),
            Shape::StrEnum(_) => true,
            Shape::AnyOf(members) => {
                let real = members.iter().filter(|m| !matches!(m, ReferenceOr::Item(s) if is_empty_string_enum(s)));
                real.count() > 1 && expansion_targets(s).is_none()
            }
            Shape::AllOf(members) => members.len() > 1,
            _ => false,
        }
    }

    /// Fills reserved type `id` from a schema known to have a named shape.
    fn fill(&mut self, id: TypeId, schema: &'s Schema, cx: &Cx) -> Result<(), Error> {
        self.types[id.0].doc = description(schema).map(crate::docs::lines).unwrap_or_default();
        match shape(schema) {
            Shape::Object { props, required, .. } => self.fill_struct(id, props, required, cx),
            Shape::StrEnum(values) => {
                self.fill_enum(id, &values);
                Ok(())
            }
            Shape::AnyOf(members) => self.fill_any_of(id, members, cx),
            Shape::AllOf(members) => {
                let (props, required) = self.merge_all_of(members, cx)?;
                self.fill_struct(id, props, &required, cx)
            }
            _ => Err(self.invalid(&cx.pointer, "internal: not a named shape")),
        }
    }

    /// Lowers a schema position to a type; the flag says whether the value
    /// may be `null`.
    pub(super) fn type_of(&mut self, s: SRef<'s>, cx: &Cx) -> Result<(TypeRef, bool), Error> {
        let (t, nullable) = match s {
            SRef::Ref(reference) => {
                let (name, target) = self.spec.schema_component(reference, &cx.pointer)?;
                let t = self.component_ref(name, &cx.pointer)?;
                // Metadata is metadata wherever its map type is defined.
                (self.metadata_rule(t, cx), target.schema_data.nullable)
            }
            SRef::Item(schema) => {
                let (t, inner_nullable) = self.inline(schema, cx)?;
                (t, schema.schema_data.nullable || inner_nullable)
            }
        };
        // Rendering recurses once per level of `Vec<Option<...>>`.
        if t.depth() > MAX_TYPE_DEPTH {
            let message =
                format!("the type here nests {} levels deep (at most {MAX_TYPE_DEPTH} are supported)", t.depth());
            return Err(self.invalid(&cx.pointer, message));
        }
        Ok((t, nullable))
    }

    fn metadata_rule(&self, t: TypeRef, cx: &Cx) -> TypeRef {
        let is_metadata = cx.field.as_deref() == Some("metadata");
        match t {
            TypeRef::Map(v) if is_metadata && matches!(*v, TypeRef::String | TypeRef::Json) => TypeRef::Metadata,
            other => other,
        }
    }

    /// Lowers an inline schema, sharing the type of an identical one lowered
    /// already (see `sharing`): the shared type is then used in one more
    /// place, which its name may come from.
    fn inline(&mut self, schema: &'s Schema, cx: &Cx) -> Result<(TypeRef, bool), Error> {
        let names_types = match shape(schema) {
            Shape::Object { props, .. } => !props.is_empty(),
            Shape::StrEnum(_) | Shape::AnyOf(_) | Shape::AllOf(_) => true,
            _ => false,
        };
        if !names_types {
            return self.inline_uncached(schema, cx);
        }
        let text = serde_json::to_string(schema).map_err(|e| self.invalid(&cx.pointer, e.to_string()))?;
        // A type is named after the field that holds it, so fields of other
        // names share it only when its title names it (otherwise `giropay`
        // would hold a `...PaymentMethodOptionsFpx`).
        let title = schema
            .schema_data
            .title
            .as_deref()
            .and_then(title_words)
            .map(|words| cx.scope.1.word(naming::pascal(words)))
            .filter(|named| self.sharing.owns_title(&cx.scope.0, named, &cx.place, &text));
        let key = InlineKey {
            scope: cx.scope.0.clone(),
            params: cx.role == Role::Params,
            field_role: FieldRole::of(cx.field.as_deref()),
            holder: if title.is_some() { String::new() } else { cx.field.clone().unwrap_or_default() },
            text,
        };
        if let Some(t) = self.sharing.types.get(&key).cloned() {
            // One more place: where its name may come from (a title, or
            // what same-named fields have in common).
            if let (TypeRef::Named(id), true) = (&t.0, title.is_some() || cx.field.is_some()) {
                if let Hint::Derived(d) = &mut self.hints[id.0] {
                    d.uses.push(cx.place.clone());
                }
            }
            return Ok(t);
        }
        let t = self.inline_uncached(schema, cx)?;
        if let TypeRef::Named(id) = &t.0 {
            if let Hint::Derived(d) = &mut self.hints[id.0] {
                d.title = title;
            }
        }
        self.sharing.types.insert(key, t.clone());
        Ok(t)
    }

    fn inline_uncached(&mut self, schema: &'s Schema, cx: &Cx) -> Result<(TypeRef, bool), Error> {
        let t = match shape(schema) {
            Shape::Object { props, additional, .. } if props.is_empty() => {
                let value = match additional {
                    Some(AdditionalProperties::Schema(s)) => {
                        let vcx = Cx { place: cx.place.word("Value"), ..cx.at("additionalProperties") };
                        let (v, _) = self.type_of(SRef::from(s.as_ref()), &vcx)?;
                        v
                    }
                    _ => TypeRef::Json,
                };
                self.metadata_rule(TypeRef::Map(Box::new(value)), cx)
            }
            Shape::Object { props, required, .. } => {
                if let Some(list) = self.list_item(&props, cx)? {
                    list
                } else {
                    let id = self.new_type(cx, schema);
                    self.fill_struct(id, props, required, cx)?;
                    TypeRef::Named(id)
                }
            }
            Shape::StrEnum(values) => {
                if values.len() == 1 && cx.field.as_deref() == Some("object") {
                    TypeRef::String
                } else {
                    let id = self.new_type(cx, schema);
                    self.fill_enum(id, &values);
                    TypeRef::Named(id)
                }
            }
            Shape::Str if is_currency(schema, cx) => TypeRef::Currency,
            Shape::Str => TypeRef::String,
            // The v2 API's typed strings; v1 specs mark some strings
            // `decimal` too, which stay strings there (as they always were).
            Shape::StrOf(f) if self.modules.list[cx.module.0].path.first().is_some_and(|p| p == "v2") => match f {
                StrFormat::Int64 => TypeRef::Int64,
                StrFormat::Decimal => TypeRef::Decimal,
                StrFormat::DateTime => TypeRef::DateTime,
            },
            Shape::StrOf(_) => TypeRef::String,
            // File contents are sent, never received.
            Shape::Binary if cx.role == Role::Params => TypeRef::File,
            Shape::Binary => TypeRef::String,
            Shape::Int(Some("unix-time")) => TypeRef::Timestamp,
            Shape::Int(_) => TypeRef::Int,
            Shape::Num => TypeRef::Float,
            Shape::Bool => TypeRef::Bool,
            Shape::Array(items) => {
                let item = match items {
                    Some(i) => self.type_of(i, &cx.items())?.0,
                    None => TypeRef::Json,
                };
                TypeRef::Vec(Box::new(item))
            }
            Shape::AnyOf(members) => return self.any_of(schema, members, cx),
            Shape::AllOf(members) if members.len() == 1 => {
                return self.type_of(SRef::from(&members[0]), &cx.at("allOf").at("0"));
            }
            Shape::AllOf(members) => {
                let (props, required) = self.merge_all_of(members, cx)?;
                let id = self.new_type(cx, schema);
                self.fill_struct(id, props, &required, cx)?;
                TypeRef::Named(id)
            }
            Shape::Any => TypeRef::Json,
        };
        Ok((t, false))
    }

    /// Creates a type named after the place it is used.
    pub(super) fn new_type(&mut self, cx: &Cx, schema: &Schema) -> TypeId {
        let hint = Hint::Derived(Derived { uses: vec![cx.place.clone()], role: cx.role, title: None });
        let id = self.reserve_type(hint, cx.module, cx.pointer.clone(), cx.role);
        self.types[id.0].doc = description(schema).map(crate::docs::lines).unwrap_or_default();
        id
    }

    /// The list type when `props` is a list envelope (`{object: "list" |
    /// "search_result", data: [T], ...}`).
    fn list_item(&mut self, props: &[(&'s str, SRef<'s>)], cx: &Cx) -> Result<Option<TypeRef>, Error> {
        let Some((kind, items)) = envelope(props) else { return Ok(None) };
        let item = match items {
            Some(items) => {
                // Items of a list are named like those of an array.
                let icx =
                    Cx { place: cx.place.then(Step::Item), field: None, ..cx.at("properties").at("data").at("items") };
                self.type_of(items, &icx)?.0
            }
            None => TypeRef::Json,
        };
        Ok(Some(match kind {
            Envelope::List => TypeRef::List(Box::new(item)),
            Envelope::Search => TypeRef::SearchList(Box::new(item)),
            Envelope::V2 => TypeRef::V2List(Box::new(item)),
        }))
    }

    pub(super) fn fill_struct(
        &mut self,
        id: TypeId,
        props: Vec<(&'s str, SRef<'s>)>,
        required: &[String],
        cx: &Cx,
    ) -> Result<(), Error> {
        let props = props
            .into_iter()
            .map(|(wire, schema)| Prop {
                wire,
                schema,
                doc: match schema {
                    SRef::Item(s) => description(s),
                    SRef::Ref(_) => None,
                },
            })
            .collect();
        self.fill_props(id, props, required, cx)
    }

    /// Fills a struct from properties (or parameters), each with its doc.
    pub(super) fn fill_props(
        &mut self,
        id: TypeId,
        props: Vec<Prop<'s>>,
        required: &[String],
        cx: &Cx,
    ) -> Result<(), Error> {
        let names = naming::field_names(props.iter().map(|p| p.wire));
        let mut fields = Vec::with_capacity(props.len());
        for (Prop { wire, schema: prop, doc }, named) in props.into_iter().zip(names) {
            let pcx = Cx {
                pointer: pointer_push(&pointer_push(&cx.pointer, "properties"), wire),
                place: Place::of(id).word(naming::pascal(wire)),
                module: cx.module,
                role: cx.role,
                field: Some(wire.to_owned()),
                scope: cx.scope.clone(),
            };
            let (t, nullable) = self.type_of(prop, &pcx)?;
            let required = required.iter().any(|r| r == wire);
            let ty = if required && !nullable { t } else { t.optional() };
            fields.push(Field {
                rust: named.rust,
                wire: named.wire,
                doc: doc.map(crate::docs::lines).unwrap_or_default(),
                ty,
                required,
                nullable,
                setter: None,
                unsetter: None,
            });
        }
        if cx.role == Role::Params {
            // `CreateCharge::new(..).customer("cus_1")`: a setter per optional
            // field, named after it unless `new` (or another setter) has it.
            // A clearable one also gets `unset_{field}`, claimed after every
            // setter so a setter keeps its natural name.
            let mut methods = naming::params_methods();
            let optional: Vec<&mut Field> = fields.iter_mut().filter(|f| matches!(f.ty, TypeRef::Option(_))).collect();
            let wanted: Vec<(String, Vec<String>)> =
                optional.iter().map(|f| (f.rust.clone(), vec![format!("set_{}", f.rust)])).collect();
            for (f, name) in optional.into_iter().zip(methods.claim_all(&wanted)) {
                f.setter = Some(FieldMethod { std_like: naming::std_like(&name), name, doc: Vec::new() });
            }
            let clearable: Vec<&mut Field> = fields
                .iter_mut()
                .filter(|f| matches!(&f.ty, TypeRef::Option(t) if matches!(**t, TypeRef::Unsettable(_))))
                .collect();
            let wanted: Vec<(String, Vec<String>)> =
                clearable.iter().map(|f| (format!("unset_{}", f.rust), vec![format!("clear_{}", f.rust)])).collect();
            for (f, name) in clearable.into_iter().zip(methods.claim_all(&wanted)) {
                f.unsetter = Some(FieldMethod { std_like: naming::std_like(&name), name, doc: Vec::new() });
            }
        }
        let id_field = fields
            .iter()
            .find(|f| f.wire == "id" && matches!(strip_option(&f.ty), TypeRef::String))
            .map(|f| f.rust.clone());
        self.types[id.0].kind = TypeKind::Struct(Struct { fields, id_field });
        Ok(())
    }

    pub(super) fn fill_enum(&mut self, id: TypeId, values: &[&str]) {
        let mut unique: Vec<&str> = Vec::with_capacity(values.len());
        for v in values {
            if !unique.contains(v) {
                unique.push(v);
            }
        }
        let variants = naming::variant_names(unique, &mut Namespace::new(Kind::Variant))
            .into_iter()
            .map(|n| Variant::new(n.rust, n.wire))
            .collect();
        self.types[id.0].kind = TypeKind::Enum(StringEnum { variants });
    }
}

/// The type inside any `Option`.
pub fn strip_option(t: &TypeRef) -> &TypeRef {
    match t {
        TypeRef::Option(inner) => strip_option(inner),
        other => other,
    }
}

/// Whether a string is a currency code: the spec says so (`format:
/// currency`), or the field is named like Stripe's currency fields
/// (`currency`, `default_currency`, `presentment_currency`, ...).
fn is_currency(schema: &Schema, cx: &Cx) -> bool {
    let by_format = matches!(&schema.schema_kind,
        SchemaKind::Type(openapiv3::Type::String(s))
            if matches!(&s.format, openapiv3::VariantOrUnknownOrEmpty::Unknown(f) if f == "currency"));
    let by_name = cx.field.as_deref().is_some_and(|f| f == "currency" || f.ends_with("_currency"));
    by_format || by_name
}
