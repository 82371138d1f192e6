//! Which inline schemas are one type. Stripe repeats parameter shapes many
//! times (31 identical `additional_owners` entries in one 2018 request), and
//! one type for them keeps the crate small and its names few. Identical
//! inline schemas (same text) share a type within one scope (a component
//! schema or an endpoint), on one side (sent or read), under fields of one
//! name; under fields of different names only when a title names them, as
//! a type is named after the field that holds it.

use crate::ir::TypeRef;
use crate::naming::types::{Base, Hint, Place, provisional};
use std::collections::{BTreeMap, HashMap, HashSet};

/// What makes two inline schemas one type.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(super) struct InlineKey {
    /// The component schema or endpoint they are part of: a type's name never
    /// depends on other endpoints (and stays the same across API versions that
    /// leave this one alone).
    pub scope: String,
    /// Whether they are sent (parameters) or read.
    pub params: bool,
    /// How the property that holds them lowers (see [`FieldRole`]).
    pub field_role: FieldRole,
    /// The name of the field that holds them; empty when a title names them.
    pub holder: String,
    /// The schema's text.
    pub text: String,
}

/// The property names that change how a schema lowers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum FieldRole {
    /// `metadata`: a map of strings is `Metadata`.
    Metadata,
    /// `object`: a one-value enum is the object's tag, a plain string.
    Object,
    /// Any other name.
    Other,
}

impl FieldRole {
    pub(super) fn of(field: Option<&str>) -> FieldRole {
        match field {
            Some("metadata") => FieldRole::Metadata,
            Some("object") => FieldRole::Object,
            _ => FieldRole::Other,
        }
    }
}

/// The inline types made so far, who owns each title, and the first name
/// each type's place gives it (see [`provisional`]).
#[derive(Default)]
pub(super) struct Sharing {
    /// Inline schemas lowered already, and whether each may be `null`.
    pub types: HashMap<InlineKey, (TypeRef, bool)>,
    /// A title's name in a scope goes to the first schema (by its text) that
    /// has that title there, if no type had that name then: another schema
    /// of the same title, or any when the name was had, is named by its place.
    title_owners: BTreeMap<(String, String), Option<String>>,
    /// Each type's first name, indexed by `TypeId`.
    first_names: Vec<String>,
    /// Those names, to look up.
    had: HashSet<String>,
}

impl Sharing {
    /// Notes the first name of the type just made, from its hint.
    pub(super) fn made(&mut self, hint: &Hint) {
        let name = match hint {
            Hint::Component(n) | Hint::Params(n) | Hint::Fixed(n) | Hint::Path(n) => n.clone(),
            Hint::Derived(d) => self.place_name(&d.uses[0]),
            Hint::Around { base, prefix, suffix } => format!("{prefix}{}{suffix}", self.first_names[base.0]),
        };
        self.had.insert(name.clone());
        self.first_names.push(name);
    }

    /// The first name a place gives.
    pub(super) fn place_name(&self, place: &Place) -> String {
        let base = match &place.base {
            Base::Type(t) => self.first_names.get(t.0).map(String::as_str).unwrap_or_default(),
            Base::Name(n) => n.as_str(),
        };
        provisional(base, &place.steps)
    }

    /// Whether the schema `text` whose title gives it the name at `named`
    /// in `scope`, used at `place`, is the one that title names: the first
    /// schema there with that title, when no type had the name (a type
    /// named so by its place keeps it: `payment_method_options` titled
    /// `payment_method_options_param` is not its fields' of that title).
    pub(super) fn owns_title(&mut self, scope: &str, named: &Place, place: &Place, text: &str) -> bool {
        let name = self.place_name(named);
        let free = name != self.place_name(place) && !self.had.contains(&name);
        let owner = self.title_owners.entry((scope.to_owned(), name)).or_insert_with(|| free.then(|| text.to_owned()));
        owner.as_deref() == Some(text)
    }
}
