//! Schemas of several shapes: `allOf` merged into one object, `anyOf` and
//! `oneOf` as expandable fields, clearable parameters, unions told apart by
//! `object`, or untagged values tried in order.

use super::Lower;
use super::cx::{Cx, Merged};
use super::shape::{SRef, Shape, expansion_targets, is_empty_string_enum, member_kind_name, object_tag, shape};
use crate::error::Error;
use crate::ir::{Role, TypeId, TypeKind, TypeRef, Union, UnionVariant, Untagged, UntaggedVariant};
use crate::naming::types::Place;
use crate::naming::{self, Kind, Namespace};
use openapiv3::{ReferenceOr, Schema, SchemaKind};

/// An `anyOf` member with its index.
type Member<'s> = (usize, &'s ReferenceOr<Schema>);

impl<'s> Lower<'s> {
    /// Properties and required names of all `allOf` members merged (later
    /// members override earlier ones).
    pub(super) fn merge_all_of(&mut self, members: &'s [ReferenceOr<Schema>], cx: &Cx) -> Result<Merged<'s>, Error> {
        let mut props: Vec<(&'s str, SRef<'s>)> = Vec::new();
        let mut required = Vec::new();
        for (i, m) in members.iter().enumerate() {
            let at = cx.at("allOf").at(&i.to_string());
            let schema = match m {
                ReferenceOr::Reference { reference } => self.spec.schema_component(reference, &at.pointer)?.1,
                ReferenceOr::Item(s) => s,
            };
            match shape(schema) {
                Shape::Object { props: p, required: r, .. } => {
                    for (k, v) in p {
                        props.retain(|(name, _)| *name != k);
                        props.push((k, v));
                    }
                    required.extend(r.iter().cloned());
                }
                Shape::Any => {}
                _ => {
                    return Err(self.invalid(&at.pointer, "allOf members must be objects to be merged"));
                }
            }
        }
        Ok((props, required))
    }

    pub(super) fn any_of(
        &mut self,
        schema: &'s Schema,
        members: &'s [ReferenceOr<Schema>],
        cx: &Cx,
    ) -> Result<(TypeRef, bool), Error> {
        let pointer = cx.at(if matches!(schema.schema_kind, SchemaKind::OneOf { .. }) { "oneOf" } else { "anyOf" });
        let (empties, rest): (Vec<Member<'s>>, Vec<Member<'s>>) =
            members.iter().enumerate().partition(|(_, m)| matches!(m, ReferenceOr::Item(s) if is_empty_string_enum(s)));
        if rest.is_empty() {
            // Only "" is allowed: a string.
            return Ok((TypeRef::String, false));
        }
        // `anyOf: [T, enum: [""]]` in a request: T, or "" to unset.
        if cx.role == Role::Params && !empties.is_empty() {
            let (inner, _) = if rest.len() == 1 {
                self.type_of(SRef::from(rest[0].1), &pointer.at(&rest[0].0.to_string()))?
            } else {
                let id = self.new_type(cx, schema);
                let only: Vec<&'s ReferenceOr<Schema>> = rest.iter().map(|(_, m)| *m).collect();
                self.fill_members(id, &only, &pointer)?;
                (TypeRef::Named(id), false)
            };
            return Ok((TypeRef::Unsettable(Box::new(inner)), false));
        }
        // Expandable: an id, or the object(s) in `x-expansionResources`.
        if cx.role == Role::Response {
            let targets = expansion_targets(schema).or_else(|| {
                let first_is_string = matches!(&members[0], ReferenceOr::Item(s) if matches!(shape(s), Shape::Str));
                let others_are_refs =
                    members.len() > 1 && members[1..].iter().all(|m| matches!(m, ReferenceOr::Reference { .. }));
                (first_is_string && others_are_refs).then(|| {
                    members[1..]
                        .iter()
                        .filter_map(|m| match m {
                            ReferenceOr::Reference { reference } => Some(reference.as_str()),
                            ReferenceOr::Item(_) => None,
                        })
                        .collect()
                })
            });
            if let Some(targets) = targets.filter(|t| !t.is_empty()) {
                let ecx = cx.at("x-expansionResources");
                let inner = if targets.len() == 1 {
                    self.type_of(SRef::Ref(targets[0]), &ecx)?.0
                } else {
                    let id = self.new_type(cx, schema);
                    self.fill_union_from_refs(id, &targets, &ecx)?;
                    TypeRef::Named(id)
                };
                return Ok((TypeRef::Expandable(Box::new(inner)), false));
            }
        }
        if rest.len() == 1 {
            return self.type_of(SRef::from(rest[0].1), &pointer.at(&rest[0].0.to_string()));
        }
        let id = self.new_type(cx, schema);
        let only: Vec<&'s ReferenceOr<Schema>> = rest.iter().map(|(_, m)| *m).collect();
        self.fill_members(id, &only, &pointer)?;
        Ok((TypeRef::Named(id), false))
    }

    /// Fills a named `anyOf` component (or a synthesized one).
    pub(super) fn fill_any_of(&mut self, id: TypeId, members: &'s [ReferenceOr<Schema>], cx: &Cx) -> Result<(), Error> {
        let rest: Vec<&'s ReferenceOr<Schema>> =
            members.iter().filter(|m| !matches!(m, ReferenceOr::Item(s) if is_empty_string_enum(s))).collect();
        self.fill_members(id, &rest, &cx.at("anyOf"))
    }

    pub(super) fn fill_union_from_refs(&mut self, id: TypeId, refs: &[&'s str], cx: &Cx) -> Result<(), Error> {
        let members: Vec<SRef<'s>> = refs.iter().map(|r| SRef::Ref(r)).collect();
        self.fill_members_sref(id, &members, cx)
    }

    pub(super) fn fill_members(
        &mut self,
        id: TypeId,
        members: &[&'s ReferenceOr<Schema>],
        cx: &Cx,
    ) -> Result<(), Error> {
        let members: Vec<SRef<'s>> = members.iter().map(|m| SRef::from(*m)).collect();
        self.fill_members_sref(id, &members, cx)
    }

    /// A polymorphic object when every member is an object tagged by
    /// `object`; otherwise a value tried against each member in turn.
    pub(super) fn fill_members_sref(&mut self, id: TypeId, members: &[SRef<'s>], cx: &Cx) -> Result<(), Error> {
        // First look, without lowering anything, so no orphan types appear.
        let mut resolved: Vec<(SRef<'s>, &'s Schema, String)> = Vec::with_capacity(members.len());
        for (i, m) in members.iter().enumerate() {
            let at = cx.at(&i.to_string());
            let (schema, name) = match m {
                SRef::Ref(r) => {
                    let (key, s) = self.spec.schema_component(r, &at.pointer)?;
                    (s, naming::pascal(key))
                }
                SRef::Item(s) => (*s, member_kind_name(s)),
            };
            resolved.push((*m, schema, name));
        }
        let tags: Vec<(Option<&'s str>, bool)> = resolved.iter().map(|(_, s, _)| object_tag(s)).collect();
        let all_tagged = tags.iter().all(|(t, _)| t.is_some());
        let mut variants: Vec<(String, TypeRef, Option<&'s str>, bool)> = Vec::new();
        for (i, ((m, _, name), (tag, deleted))) in resolved.into_iter().zip(tags).enumerate() {
            let name = match (all_tagged, m) {
                (true, SRef::Item(_)) => naming::pascal(tag.unwrap_or("object")),
                _ => name,
            };
            let mcx = Cx { place: Place::of(id).word(name.clone()), field: None, ..cx.at(&i.to_string()) };
            let (t, nullable) = self.type_of(m, &mcx)?;
            let t = if nullable && !all_tagged { t.optional() } else { t };
            if !variants.iter().any(|(_, x, ..)| *x == t) {
                variants.push((name, t, tag, deleted));
            }
        }
        let names = Namespace::new(Kind::Variant).claim_each(variants.iter().map(|(n, ..)| n.clone()));
        let union: Option<Vec<UnionVariant>> = all_tagged
            .then(|| {
                names
                    .iter()
                    .zip(&variants)
                    .map(|(rust, (_, t, tag, deleted))| match t {
                        TypeRef::Named(ty) => {
                            Some(UnionVariant::new(rust.clone(), *ty, tag.map(str::to_owned), *deleted))
                        }
                        _ => None,
                    })
                    .collect()
            })
            .flatten();
        self.types[id.0].kind = match union {
            Some(variants) => TypeKind::Union(Union::new(variants, false)),
            None => TypeKind::Untagged(Untagged {
                variants: names.into_iter().zip(variants).map(|(n, (_, t, ..))| UntaggedVariant::new(n, t)).collect(),
            }),
        };
        Ok(())
    }
}
