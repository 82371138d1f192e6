//! Stripe's v2 errors: `v2.error` and its variants `v2.error.*` (150 in
//! the 2026 spec), each an `{"error": {type, code, message, ...}}` whose
//! `code` is one value. They are not types of their own (a request's error
//! is the runtime's `ApiError`, whatever its variant): their codes make one
//! enum, `v2::ErrorCode`, which keeps codes it does not know; a variant that
//! adds fields (`duplicate_person_id`) makes a struct of its error object,
//! read with `ApiError::details`; and an endpoint's docs list the codes it
//! may answer.

use super::Lower;
use super::cx::Cx;
use super::shape::{SRef, Shape, shape};
use crate::error::Error;
use crate::ir::{Role, TypeId};
use crate::naming;
use crate::naming::types::{Hint, Place};
use crate::spec::pointer_push;
use openapiv3::{ReferenceOr, Schema};

/// The fields every v2 error object has; a variant with others gets a struct.
const COMMON_FIELDS: &[&str] = &["code", "doc_url", "message", "type", "user_message"];

/// Whether a component schema is one of the v2 errors.
pub(super) fn is_v2_error(key: &str) -> bool {
    key == "v2.error" || key.starts_with("v2.error.")
}

impl<'s> Lower<'s> {
    /// Makes `v2::ErrorCode` and the structs of variants with fields of
    /// their own, when the spec has v2 errors; returns the enum.
    pub(super) fn lower_v2_errors(&mut self) -> Result<Option<TypeId>, Error> {
        let Some(components) = self.spec.doc.components.as_ref() else { return Ok(None) };
        let mut keys: Vec<&'s str> = components.schemas.keys().map(String::as_str).filter(|k| is_v2_error(k)).collect();
        if keys.is_empty() {
            return Ok(None);
        }
        keys.sort_unstable();
        let module = self.module("v2.error");
        let mut codes: Vec<&'s str> = Vec::new();
        for key in keys {
            let Some(ReferenceOr::Item(schema)) = components.schemas.get(key) else { continue };
            let Some(error) = error_object(schema) else { continue };
            let Shape::Object { props, required, .. } = shape(error) else { continue };
            codes.extend(codes_of(error));
            let extra = props.iter().any(|(name, _)| !COMMON_FIELDS.contains(name));
            let Some(variant) = key.strip_prefix("v2.error.").filter(|_| extra) else { continue };
            let pointer =
                pointer_push(&pointer_push(&pointer_push("#/components/schemas", key), "properties"), "error");
            let name = naming::pascal(variant);
            let id = self.reserve_type(Hint::Component(name.clone()), module, pointer.clone(), Role::Response);
            self.types[id.0].doc = vec![format!(
                "The error object of a `{variant}` error, with the fields it adds: read it with `ApiError::details`."
            )];
            let cx = Cx {
                pointer,
                place: Place::of(id),
                module,
                role: Role::Response,
                field: None,
                scope: (name, Place::of(id)),
            };
            let props = props.into_iter().filter(|(name, _)| *name != "code" && *name != "type").collect();
            let required: Vec<String> = required.iter().filter(|r| *r != "code" && *r != "type").cloned().collect();
            self.fill_struct(id, props, &required, &cx)?;
        }
        codes.sort_unstable();
        codes.dedup();
        let id = self.reserve_type(
            Hint::Fixed("ErrorCode".into()),
            module,
            "#/components/schemas/v2.error".into(),
            Role::Response,
        );
        self.types[id.0].doc = vec![
            "The code of a v2 error (`ApiError::v2_code`): the codes Stripe's v2 API documents; one this crate does not know is kept as `Unrecognized`.".into(),
        ];
        self.fill_enum(id, &codes);
        Ok(Some(id))
    }

    /// The error codes an endpoint's error response names (its `default`
    /// response's v2 error variants).
    pub(super) fn error_codes_of(&self, op: &'s openapiv3::Operation) -> Vec<&'s str> {
        let Some(ReferenceOr::Item(default)) = op.responses.default.as_ref() else { return Vec::new() };
        let Some(media) = default.content.get("application/json") else { return Vec::new() };
        let Some(ReferenceOr::Item(schema)) = media.schema.as_ref() else { return Vec::new() };
        let Shape::AnyOf(members) = shape(schema) else { return Vec::new() };
        let mut codes: Vec<&'s str> = members
            .iter()
            .filter_map(|m| match m {
                ReferenceOr::Reference { reference } => reference.strip_prefix("#/components/schemas/"),
                ReferenceOr::Item(_) => None,
            })
            .filter(|key| key.starts_with("v2.error."))
            .filter_map(|key| match self.spec.doc.components.as_ref()?.schemas.get(key)? {
                ReferenceOr::Item(s) => error_object(s),
                ReferenceOr::Reference { .. } => None,
            })
            .flat_map(codes_of)
            .collect();
        codes.sort_unstable();
        codes.dedup();
        codes
    }
}

/// The `error` object of a v2 error schema.
fn error_object(schema: &Schema) -> Option<&Schema> {
    let Shape::Object { props, .. } = shape(schema) else { return None };
    props.into_iter().find_map(|(name, p)| match (name, p) {
        ("error", SRef::Item(s)) => Some(s),
        _ => None,
    })
}

/// The values its `code` may take.
fn codes_of(error: &Schema) -> Vec<&str> {
    let Shape::Object { props, .. } = shape(error) else { return Vec::new() };
    props
        .into_iter()
        .find_map(|(name, p)| match (name, p) {
            ("code", SRef::Item(s)) => match shape(s) {
                Shape::StrEnum(values) => Some(values),
                _ => None,
            },
            _ => None,
        })
        .unwrap_or_default()
}
