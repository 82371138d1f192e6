//! Typed ids: an object's `id` field, the ids of expandable fields and the
//! path parameters that name an object get the id type of that object
//! (`ChargeId`, an alias of `Id<Charge>`), so mixing them up does not
//! compile.
//!
//! - Every response struct with a string `id` has ids of its own, but a
//!   deleted form (the `deleted: true` member of a union beside its live
//!   object) has the live object's ids: a deleted customer's id is a
//!   `CustomerId`.
//! - A polymorphic object (a union whose members all have ids) has ids that
//!   may be any member's: `PaymentSourceId`.
//! - A path parameter takes the id of what `GET` on the path up to it
//!   answers: `{charge}` in `/v1/charges/{charge}/refunds` is a `ChargeId`,
//!   because `GET /v1/charges/{charge}` answers a charge.
//! - A string parameter named after such an object (`charge`, `customer`)
//!   takes its id, unless its docs say a token will do too.

use super::shape::object_tag;
use super::{Component, Lower};
use crate::ir::{Method, PathSegment, Role, TypeDef, TypeId, TypeKind, TypeRef};
use crate::naming;
use openapiv3::ReferenceOr;
use std::collections::BTreeMap;

impl Lower<'_> {
    /// Types the ids (see the module docs), claiming each id type's name in
    /// the crate's type namespace `names` after every type name.
    pub(super) fn assign_ids(&mut self, names: &mut crate::naming::types::TypeNames) {
        let n = self.types.len();
        let has_id = ids_of(&self.types);
        // Whose ids a type's `id` field holds: its own, or its live form's
        // (a deleted form beside it in a union, or a component whose
        // `object` is the same as a live component's).
        let mut owner: Vec<TypeId> = (0..n).map(TypeId).collect();
        let mut live_by_tag: BTreeMap<&str, TypeId> = BTreeMap::new();
        let mut dead_by_tag: Vec<(&str, TypeId)> = Vec::new();
        for (key, schema) in self.spec.doc.components.iter().flat_map(|c| &c.schemas) {
            let (ReferenceOr::Item(schema), Some(Component::Named(t))) =
                (schema, self.components.by_name.get(key.as_str()))
            else {
                continue;
            };
            match object_tag(schema) {
                (Some(tag), false) => {
                    live_by_tag.entry(tag).or_insert(*t);
                }
                (Some(tag), true) => dead_by_tag.push((tag, *t)),
                (None, _) => {}
            }
        }
        for (tag, dead) in dead_by_tag {
            if let Some(live) = live_by_tag.get(tag).filter(|l| has_id[l.0]) {
                owner[dead.0] = *live;
            }
        }
        for def in &self.types {
            let TypeKind::Union(u) = &def.kind else { continue };
            for dead in u.variants.iter().filter(|v| v.deleted && v.object.is_some()) {
                if let Some(live) = u.variants.iter().find(|v| !v.deleted && v.object == dead.object) {
                    if has_id[live.ty.0] {
                        owner[dead.ty.0] = live.ty;
                    }
                }
            }
        }
        let mut aliased = vec![false; n];
        for (i, def) in self.types.iter_mut().enumerate() {
            let TypeKind::Struct(s) = &mut def.kind else { continue };
            let Some(id_field) = s.id_field.clone() else { continue };
            if !has_id[i] {
                continue;
            }
            let typed = TypeRef::Id(owner[i]);
            aliased[owner[i].0] = true;
            for f in s.fields.iter_mut().filter(|f| f.rust == id_field) {
                f.ty = match &f.ty {
                    TypeRef::Option(_) => typed.clone().optional(),
                    _ => typed.clone(),
                };
            }
        }
        // What GET answers at each path, to type the path parameters.
        let retrieved: BTreeMap<String, TypeId> = self
            .operations
            .iter()
            .filter(|op| op.method == Method::Get)
            .filter_map(|op| Some((op.path.clone(), self.retrieved(&op.response, &has_id)?)))
            .collect();
        for op in &mut self.operations {
            let mut prefix = String::new();
            for seg in &mut op.segments {
                match seg {
                    PathSegment::Literal(text) => prefix.push_str(text),
                    PathSegment::Param { wire, id, .. } => {
                        prefix.push_str(&format!("{{{wire}}}"));
                        *id = retrieved.get(&prefix).map(|t| owner[t.0]);
                        if let Some(t) = id {
                            aliased[t.0] = true;
                        }
                    }
                }
            }
        }
        // A parameter named after an object the API retrieves by id
        // (`charge`, `customer`, `payment_intent`) takes its id, unless its
        // docs say it takes a token too (a charge's `source`).
        let by_name: BTreeMap<String, TypeId> =
            retrieved.values().map(|t| (naming::snake(&self.types[owner[t.0].0].name), owner[t.0])).collect();
        for def in &mut self.types {
            let TypeKind::Struct(s) = &mut def.kind else { continue };
            if def.role != Role::Params {
                continue;
            }
            for f in &mut s.fields {
                let Some(t) = by_name.get(&f.wire) else { continue };
                let mentions_token = f.doc.iter().any(|l| l.to_ascii_lowercase().contains("token"));
                let typed = match &f.ty {
                    TypeRef::String => TypeRef::Id(*t),
                    TypeRef::Option(inner) if **inner == TypeRef::String => TypeRef::Id(*t).optional(),
                    _ => continue,
                };
                if !mentions_token {
                    f.ty = typed;
                    aliased[t.0] = true;
                }
            }
        }
        // Expandable fields' ids (`Expandable::id`) are typed too: their
        // targets get a name for them.
        for def in &self.types {
            for t in def.kind.children() {
                if let Some(TypeRef::Expandable(inner)) = t.layers().find(|l| matches!(l, TypeRef::Expandable(_))) {
                    if let Some(target) = inner.named().filter(|t| has_id[t.0]) {
                        aliased[target.0] = true;
                    }
                }
            }
        }
        for (i, def) in self.types.iter_mut().enumerate() {
            if aliased[i] {
                let name = naming::types::id_type_name(&self.modules.list[def.module.0].path, &def.name, names);
                def.id_alias = Some(crate::ir::IdAlias { name, doc: Vec::new() });
            }
        }
    }

    /// The object whose ids name what a GET answers: the object itself, or
    /// the live member of an object-or-deleted union.
    fn retrieved(&self, response: &TypeRef, has_id: &[bool]) -> Option<TypeId> {
        let TypeRef::Named(t) = response else { return None };
        let target = match &self.types[t.0].kind {
            TypeKind::Union(u) => {
                let live: Vec<TypeId> = u.variants.iter().filter(|v| !v.deleted).map(|v| v.ty).collect();
                match live.as_slice() {
                    [one] if u.variants.iter().any(|v| v.deleted) => *one,
                    _ => *t,
                }
            }
            _ => *t,
        };
        has_id[target.0].then_some(target)
    }
}

/// Which types have ids: response structs with a string `id`, and unions
/// (not an event's object) whose members all have them.
fn ids_of(types: &[TypeDef]) -> Vec<bool> {
    let own =
        |def: &TypeDef| def.role == Role::Response && matches!(&def.kind, TypeKind::Struct(s) if s.id_field.is_some());
    let structs: Vec<bool> = types.iter().map(own).collect();
    types
        .iter()
        .zip(&structs)
        .map(|(def, &own)| {
            own || matches!(&def.kind, TypeKind::Union(u)
                if def.role == Role::Response
                    && !u.by_feature
                    && !u.variants.is_empty()
                    && u.variants.iter().all(|v| structs[v.ty.0]))
        })
        .collect()
}
