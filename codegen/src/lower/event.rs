//! Events: the spec's `event` resource becomes a typed envelope that reads
//! events of any API version, older or newer than the crate's.
//!
//! - `type` is a forward-compatible enum (`EventType`) whose known values
//!   come from the spec: the event's own `type` enum, and the lists of
//!   event types newer specs give where webhook endpoints are configured
//!   (`enabled_events`);
//! - `data` is the runtime's `EventData<EventObject>`: `data.object`
//!   chosen by its own `object` field among the crate's resources (a union
//!   whose members each come with their own feature), kept as JSON too, and
//!   never failing the event when it does not decode;
//! - `request` reads both its forms (a string before 2017-05-25, an object
//!   since), `api_version` may be null or absent.

use super::shape::{SRef, Shape, object_tag, shape};
use super::{Component, Lower};
use crate::ir::{EventTypes, Role, StringEnum, TypeDef, TypeId, TypeKind, TypeRef, Union, UnionVariant, Variant};
use crate::naming::types::Hint;
use crate::naming::{self, Kind, Namespace};
use openapiv3::{ReferenceOr, Schema};
use std::collections::BTreeSet;

/// Objects that are never what an event is about.
const NOT_EVENT_OBJECTS: &[&str] = &["event", "list", "search_result"];

impl<'s> Lower<'s> {
    /// The component that is the event resource: tagged `object: "event"`,
    /// with `type` and `data`.
    pub(super) fn find_event(&self) -> Option<TypeId> {
        let components = self.spec.doc.components.as_ref()?;
        let mut keys: Vec<&String> = components.schemas.keys().collect();
        keys.sort();
        keys.into_iter().find_map(|key| {
            let ReferenceOr::Item(schema) = components.schemas.get(key)? else { return None };
            let Shape::Object { props, .. } = shape(schema) else { return None };
            let has = |name: &str| props.iter().any(|(p, _)| *p == name);
            if object_tag(schema) != (Some("event"), false) || !has("type") || !has("data") {
                return None;
            }
            match self.components.by_name.get(key.as_str()) {
                Some(Component::Named(id)) if matches!(self.types[id.0].kind, TypeKind::Struct(_)) => Some(*id),
                _ => None,
            }
        })
    }

    /// Rewires the event's fields and makes `EventType` and `EventObject`
    /// (whose members are filled by [`Lower::fill_event_objects`] once type
    /// names are final).
    pub(super) fn prepare_event(&mut self, event: TypeId) -> EventTypes {
        let module = self.types[event.0].module;
        let origin = self.types[event.0].origin.clone();
        let mut values: BTreeSet<String> = self.event_type_values().into_iter().collect();
        values.remove("*");
        let mut variant_names = Namespace::new(Kind::Variant);
        let variants = naming::variant_names(values.iter().map(String::as_str), &mut variant_names)
            .into_iter()
            .map(|n| Variant::new(n.rust, n.wire))
            .collect();
        let mut kind_def = TypeDef::new(
            "EventType".into(),
            module,
            format!("{origin}/properties/type"),
            Role::Response,
            TypeKind::Enum(StringEnum { variants }),
        );
        kind_def.doc = vec![
            "What happened, as `resource.change` (`charge.succeeded`). Stripe adds event types over time: a type this crate does not know is kept as `Unrecognized`.".into(),
        ];
        // A spec that lists the types on the event's `type` made an enum
        // for it already: that type becomes `EventType`.
        let existing = self.field_type(event, "type").filter(|id| matches!(self.types[id.0].kind, TypeKind::Enum(_)));
        let kind = match existing {
            Some(id) => {
                self.types[id.0] = TypeDef { module: self.types[id.0].module, ..kind_def };
                self.hints[id.0] = Hint::Fixed("EventType".into());
                id
            }
            None => self.add_type(kind_def, Hint::Fixed("EventType".into())),
        };
        let mut object_def = TypeDef::new(
            "EventObject".into(),
            module,
            format!("{origin}/properties/data/properties/object"),
            Role::Response,
            TypeKind::Union(Union::new(Vec::new(), true)),
        );
        object_def.doc = vec![
            "What an event is about: `data.object`, as the crate's type for its `object` field.".into(),
            String::new(),
            "A variant exists when its resource's cargo feature is on. An object of another type, or one that does not decode as its type (see `EventData::object_error`), is `Unrecognized` with its JSON.".into(),
        ];
        let object = self.add_type(object_def, Hint::Fixed("EventObject".into()));
        if let TypeKind::Struct(s) = &mut self.types[event.0].kind {
            for f in &mut s.fields {
                let optional = matches!(f.ty, TypeRef::Option(_));
                match f.wire.as_str() {
                    "type" => f.ty = TypeRef::Named(kind),
                    "data" => {
                        let data = TypeRef::EventData(Box::new(TypeRef::Named(object)));
                        f.ty = if optional { data.optional() } else { data };
                    }
                    "request" => {
                        f.ty = TypeRef::EventRequest.optional();
                        f.required = false;
                    }
                    "api_version" => {
                        f.ty = TypeRef::String.optional();
                        f.required = false;
                        f.nullable = true;
                    }
                    _ => {}
                }
            }
        }
        EventTypes { event, object, kind }
    }

    /// The named type of field `wire` of struct `id`, if it has one.
    fn field_type(&self, id: TypeId, wire: &str) -> Option<TypeId> {
        let TypeKind::Struct(s) = &self.types[id.0].kind else { return None };
        s.fields.iter().find(|f| f.wire == wire).and_then(|f| f.ty.named())
    }

    /// `EventObject`'s members: every tagged object of the crate, named
    /// after its (final) type.
    pub(super) fn fill_event_objects(&mut self, types: &EventTypes) {
        let Some(components) = self.spec.doc.components.as_ref() else { return };
        let mut keys: Vec<&String> = components.schemas.keys().collect();
        keys.sort();
        let mut members: Vec<(TypeId, String)> = Vec::new();
        for key in keys {
            let Some(ReferenceOr::Item(schema)) = components.schemas.get(key) else { continue };
            let (Some(tag), false) = object_tag(schema) else { continue };
            // v1 events carry v1 objects; the v2 API's are fetched by thin
            // events' `related_object`.
            if NOT_EVENT_OBJECTS.contains(&tag) || key.starts_with("v2.") {
                continue;
            }
            let Some(Component::Named(id)) = self.components.by_name.get(key.as_str()) else { continue };
            if matches!(self.types[id.0].kind, TypeKind::Struct(_)) && !members.iter().any(|(m, _)| m == id) {
                members.push((*id, tag.to_owned()));
            }
        }
        let mut names = Namespace::new(Kind::Variant);
        let claimed = names.claim_each(members.iter().map(|(id, _)| self.types[id.0].name.clone()));
        let variants = members
            .into_iter()
            .zip(claimed)
            .map(|((ty, tag), rust)| UnionVariant::new(rust, ty, Some(tag), false))
            .collect();
        self.types[types.object.0].kind = TypeKind::Union(Union::new(variants, true));
    }

    /// Event types the spec lists: the event's `type` enum, and every
    /// `enabled_events` list of a component or a request body.
    fn event_type_values(&self) -> Vec<String> {
        let mut out = Vec::new();
        let enum_values = |s: SRef<'s>, out: &mut Vec<String>| {
            let SRef::Item(schema) = s else { return };
            let schema: &Schema = match shape(schema) {
                Shape::Array(Some(SRef::Item(items))) => items,
                _ => schema,
            };
            if let Shape::StrEnum(values) = shape(schema) {
                out.extend(values.iter().map(|v| (*v).to_owned()));
            }
        };
        let mut objects: Vec<&'s Schema> = Vec::new();
        if let Some(components) = self.spec.doc.components.as_ref() {
            objects.extend(components.schemas.values().filter_map(|s| match s {
                ReferenceOr::Item(s) => Some(s),
                ReferenceOr::Reference { .. } => None,
            }));
        }
        for item in self.spec.doc.paths.paths.values() {
            let ReferenceOr::Item(item) = item else { continue };
            for op in item.iter().map(|(_, op)| op) {
                let Some(ReferenceOr::Item(body)) = &op.request_body else { continue };
                objects.extend(body.content.values().filter_map(|m| match &m.schema {
                    Some(ReferenceOr::Item(s)) => Some(s),
                    _ => None,
                }));
            }
        }
        for schema in objects {
            let Shape::Object { props, .. } = shape(schema) else { continue };
            let is_event = object_tag(schema) == (Some("event"), false);
            for (name, p) in props {
                if name == "enabled_events" || (is_event && name == "type") {
                    enum_values(p, &mut out);
                }
            }
        }
        out
    }
}
