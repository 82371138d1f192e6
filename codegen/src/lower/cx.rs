//! Where the lowering of a schema is (`Cx`), and what it passes between
//! its steps: the state the schema, union, operation and v2-error passes
//! share, kept apart from any one of them.

use super::shape::SRef;
use crate::ir::{ModuleId, Role};
use crate::naming::types::{Place, Step};
use crate::spec::pointer_push;

/// Merged `allOf` members: properties and required names.
pub(super) type Merged<'s> = (Vec<(&'s str, SRef<'s>)>, Vec<String>);

/// A property or parameter that becomes a struct field.
pub(super) struct Prop<'s> {
    /// Wire name.
    pub wire: &'s str,
    /// Its schema.
    pub schema: SRef<'s>,
    /// Its description, if any.
    pub doc: Option<&'s str>,
}

/// Where we are while lowering a schema.
#[derive(Clone)]
pub(super) struct Cx {
    /// JSON pointer of the schema.
    pub pointer: String,
    /// Where a type made here is used: its name follows from it.
    pub place: Place,
    /// Module new types go into.
    pub module: ModuleId,
    /// Request or response side.
    pub role: Role,
    /// Wire name of the property this schema belongs to, if any.
    pub field: Option<String>,
    /// The component schema or operation this schema is part of (see
    /// `sharing`), and the place a title names a type after there.
    pub scope: (String, Place),
}

impl Cx {
    pub(super) fn at(&self, token: &str) -> Cx {
        Cx { pointer: pointer_push(&self.pointer, token), ..self.clone() }
    }

    pub(super) fn items(&self) -> Cx {
        Cx { place: self.place.then(Step::Item), ..self.at("items") }
    }
}
