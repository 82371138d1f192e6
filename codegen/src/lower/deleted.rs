//! Deleted forms: what a DELETE answers when the spec only describes the
//! live object (Stripe's 2018 specs have no `deleted_*` schemas), so a
//! delete that happened never fails to decode.

use super::Lower;
use super::shape::{SRef, object_tag};
use crate::error::Error;
use crate::ir::{Field, Role, TypeDef, TypeId, TypeKind, TypeRef, Union, UnionVariant};
use crate::naming::types::Hint;
use crate::naming::{DELETED_VARIANT, Kind, Namespace};
use openapiv3::ReferenceOr;

impl<'s> Lower<'s> {
    /// What a DELETE answers: Stripe sends `{id, object, deleted: true}`
    /// for a deleted object, but some endpoints (cancelling a subscription)
    /// answer the object itself. A spec that gives the live object and no
    /// deleted form (Stripe's 2018 specs) gets both, told apart by
    /// `deleted`, so a delete that happened never fails to decode.
    pub(super) fn or_deleted(&mut self, t: TypeRef, schema: SRef<'s>, at: &str) -> Result<TypeRef, Error> {
        let TypeRef::Named(live) = &t else { return Ok(t) };
        if let TypeKind::Union(u) = &self.types[live.0].kind {
            // A polymorphic answer (a customer's source): any deleted member.
            if u.variants.iter().any(|v| v.deleted) {
                return Ok(t);
            }
            return Ok(TypeRef::Named(self.union_or_deleted(*live)));
        }
        let SRef::Ref(reference) = schema else { return Ok(t) };
        let (_, target) = self.spec.schema_component(reference, at)?;
        let (Some(tag), false) = object_tag(target) else { return Ok(t) };
        let has_deleted_form = self
            .spec
            .doc
            .components
            .iter()
            .flat_map(|c| c.schemas.values())
            .any(|s| matches!(s, ReferenceOr::Item(s) if object_tag(s) == (Some(tag), true)));
        if has_deleted_form || !matches!(self.types[live.0].kind, TypeKind::Struct(_)) {
            return Ok(t);
        }
        if let Some(existing) = self.deleted_forms.get(live) {
            return Ok(TypeRef::Named(*existing));
        }
        let live = *live;
        let name = self.types[live.0].name.clone();
        let module = self.types[live.0].module;
        let origin = format!("{}/x-deleted", self.types[live.0].origin);
        let deleted = self.deleted_struct(live, format!("What Stripe answers for a deleted `{tag}`."));
        let variant = Namespace::new(Kind::Variant).reserving([DELETED_VARIANT]).claim(&name);
        let kind = TypeKind::Union(Union::new(
            vec![
                UnionVariant::new(variant, live, Some(tag.to_owned()), false),
                UnionVariant::new(DELETED_VARIANT.into(), deleted, Some(tag.to_owned()), true),
            ],
            false,
        ));
        let mut def = TypeDef::new(String::new(), module, origin, Role::Response, kind);
        def.doc = vec![format!(
            "A `{tag}` as a DELETE answers it: the deleted form, or the object itself where deleting changes it instead."
        )];
        let union = self.add_type(def, Hint::Around { base: live, prefix: "", suffix: "OrDeleted" });
        self.deleted_forms.insert(live, union);
        Ok(TypeRef::Named(union))
    }

    /// `Deleted{Name}`: `{id, object, deleted}`, what Stripe answers for a
    /// deleted object, in the module of the live type.
    fn deleted_struct(&mut self, live: TypeId, doc: String) -> TypeId {
        let field = |rust: &str, ty: TypeRef, doc: &str| Field {
            rust: rust.to_owned(),
            wire: rust.to_owned(),
            doc: vec![doc.to_owned()],
            ty,
            required: true,
            nullable: false,
            setter: None,
            unsetter: None,
        };
        let def = &self.types[live.0];
        let doc = if doc.is_empty() { Vec::new() } else { vec![doc] };
        let kind = TypeKind::Struct(crate::ir::Struct {
            fields: vec![
                field("deleted", TypeRef::Bool, "Always `true`."),
                field("id", TypeRef::String, "The id of the deleted object."),
                field("object", TypeRef::String, "The type of the deleted object."),
            ],
            id_field: Some("id".into()),
        });
        let mut deleted =
            TypeDef::new(String::new(), def.module, format!("{}/x-deleted", def.origin), Role::Response, kind);
        deleted.doc = doc;
        self.add_type(deleted, Hint::Around { base: live, prefix: "Deleted", suffix: "" })
    }

    /// `{Union}OrDeleted`: the union's members, or any of them deleted.
    fn union_or_deleted(&mut self, live: TypeId) -> TypeId {
        if let Some(existing) = self.deleted_forms.get(&live) {
            return *existing;
        }
        let module = self.types[live.0].module;
        let origin = format!("{}/x-deleted", self.types[live.0].origin);
        // Its docs name the union, once it has its name.
        let deleted = self.deleted_struct(live, String::new());
        let mut variants = match &self.types[live.0].kind {
            TypeKind::Union(u) => u.variants.clone(),
            _ => Vec::new(),
        };
        // The members keep their names unless one is the deleted variant's.
        let mut names = Namespace::new(Kind::Variant).reserving([DELETED_VARIANT]);
        let claimed = names.claim_each(variants.iter().map(|v| v.rust.clone()));
        for (v, name) in variants.iter_mut().zip(claimed) {
            v.rust = name;
        }
        variants.push(UnionVariant::new(DELETED_VARIANT.into(), deleted, None, true));
        let kind = TypeKind::Union(Union::new(variants, false));
        let def = TypeDef::new(String::new(), module, origin, Role::Response, kind);
        let union = self.add_type(def, Hint::Around { base: live, prefix: "", suffix: "OrDeleted" });
        self.deleted_forms.insert(live, union);
        union
    }

    /// The docs of the deleted forms made for unions, which name the union:
    /// written once every type has its name.
    pub(super) fn describe_deleted_unions(&mut self) {
        for (&live, &union) in &self.deleted_forms {
            if !matches!(self.types[live.0].kind, TypeKind::Union(_)) {
                continue;
            }
            let name = self.types[live.0].name.clone();
            self.types[union.0].doc =
                vec![format!("A `{name}` as a DELETE answers it: the object, or its deleted form.")];
            let deleted = match &self.types[union.0].kind {
                TypeKind::Union(u) => u.variants.iter().find(|v| v.deleted).map(|v| v.ty),
                _ => None,
            };
            if let Some(d) = deleted {
                self.types[d.0].doc = vec![format!("What Stripe answers for a deleted member of `{name}`.")];
            }
        }
    }
}
