//! What changes between two API versions, in terms of the generated crate:
//! types, fields, parameters, enum values and endpoints added, removed and
//! changed, each marked breaking (code that compiled against the old crate
//! can stop compiling or stop decoding) or not, with a one-line reason.
//!
//! Takes two [`Surface`]s (built from the IR with [`Surface::of`], or read
//! back from a generated crate's [`surface::SURFACE_FILE`]) and gives a
//! [`Changelog`], rendered as Markdown or JSON. Pure and deterministic:
//! types match by name, fields by wire name, enum values by wire value,
//! endpoints by owner type and function name; the output is sorted.

mod compare;
mod json;
mod markdown;
pub mod surface;

pub use surface::Surface;

use crate::ir::Api;
use serde::Serialize;

/// Everything that changed between two versions of the API.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Changelog {
    /// The old API version.
    pub from: String,
    /// The new API version.
    pub to: String,
    /// Counts.
    pub summary: Summary,
    /// Every change, sorted by category, then item, then kind.
    pub changes: Vec<Change>,
}

/// How many changes of each category, and how many of them break code.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Changes in [`Category::Added`].
    pub added: usize,
    /// Changes in [`Category::Removed`].
    pub removed: usize,
    /// Changes in [`Category::Changed`].
    pub changed: usize,
    /// Changes (of any category) that are breaking.
    pub breaking: usize,
}

/// One change to one item of the crate.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Change {
    /// Added, removed or changed.
    pub category: Category,
    /// The Rust item as a user names it: `Charge` (a type), `Charge::refunds`
    /// (a field), `CreateCharge::destination` (a parameter),
    /// `ChargeStatus::Pending` (an enum variant), `Charge::capture` (an endpoint).
    pub item: String,
    /// What kind of change.
    pub kind: ChangeKind,
    /// What happened, one line of Markdown (`field removed`).
    pub description: String,
    /// Whether code that compiled against the old crate can stop compiling
    /// or stop decoding.
    pub breaking: bool,
    /// Why it is (or is not) breaking, one line.
    pub reason: String,
}

/// The three groups a changelog lists changes in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// Something new.
    Added,
    /// Something gone.
    Removed,
    /// Something different.
    Changed,
}

impl Category {
    /// The section heading.
    pub fn heading(self) -> &'static str {
        match self {
            Category::Added => "Added",
            Category::Removed => "Removed",
            Category::Changed => "Changed",
        }
    }
}

/// What kind of change an entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    /// A new type.
    TypeAdded,
    /// A type that is gone.
    TypeRemoved,
    /// A type that became another kind of type (struct to enum, ...).
    TypeKindChanged,
    /// A response type that became a parameters type, or the reverse.
    TypeRoleChanged,
    /// A new field of a response struct.
    FieldAdded,
    /// A new field of a response struct whose type holds an `Expandable`.
    ExpandableFieldAdded,
    /// A field of a response struct that is gone.
    FieldRemoved,
    /// A new field of a parameters struct.
    ParamAdded,
    /// A field of a parameters struct that is gone.
    ParamRemoved,
    /// A field whose Rust name changed (same wire name).
    FieldRenamed,
    /// A field whose Rust type changed.
    FieldTypeChanged,
    /// A field that became required (always present, or must be given).
    BecameRequired,
    /// A field that is no longer required.
    BecameOptional,
    /// A field that may now be `null`.
    BecameNullable,
    /// A field that may no longer be `null`.
    BecameNonNullable,
    /// An existing field whose type gained an `Expandable`.
    BecameExpandable,
    /// An existing field whose type lost its `Expandable`.
    NoLongerExpandable,
    /// A new enum value or member.
    VariantAdded,
    /// An enum value or member that is gone.
    VariantRemoved,
    /// An enum value whose Rust variant name changed.
    VariantRenamed,
    /// A member whose payload type changed.
    VariantTypeChanged,
    /// A new endpoint.
    OperationAdded,
    /// An endpoint that is gone.
    OperationRemoved,
    /// An endpoint whose HTTP method changed.
    OperationMethodChanged,
    /// An endpoint whose path changed.
    OperationPathChanged,
    /// An endpoint whose parameters type changed.
    OperationParamsChanged,
    /// An endpoint whose response type changed.
    OperationResponseChanged,
}

impl ChangeKind {
    /// The category a change of this kind is listed under.
    pub fn category(self) -> Category {
        use ChangeKind::*;
        match self {
            TypeAdded | FieldAdded | ExpandableFieldAdded | ParamAdded | VariantAdded | OperationAdded => {
                Category::Added
            }
            TypeRemoved | FieldRemoved | ParamRemoved | VariantRemoved | OperationRemoved => Category::Removed,
            TypeKindChanged
            | TypeRoleChanged
            | FieldRenamed
            | FieldTypeChanged
            | BecameRequired
            | BecameOptional
            | BecameNullable
            | BecameNonNullable
            | BecameExpandable
            | NoLongerExpandable
            | VariantRenamed
            | VariantTypeChanged
            | OperationMethodChanged
            | OperationPathChanged
            | OperationParamsChanged
            | OperationResponseChanged => Category::Changed,
        }
    }
}

/// The changelog from one API to another.
pub fn diff(old: &Api, new: &Api) -> Changelog {
    diff_surfaces(&Surface::of(old), &Surface::of(new))
}

/// The changelog from one API surface to another.
pub fn diff_surfaces(old: &Surface, new: &Surface) -> Changelog {
    let mut changes = compare::changes(old, new);
    changes.sort();
    changes.dedup();
    Changelog::new(&old.version, &new.version, changes)
}

impl Changelog {
    /// A changelog of these changes (sorted as given).
    pub fn new(from: &str, to: &str, changes: Vec<Change>) -> Changelog {
        let mut summary = Summary::default();
        for c in &changes {
            match c.category {
                Category::Added => summary.added += 1,
                Category::Removed => summary.removed += 1,
                Category::Changed => summary.changed += 1,
            }
            summary.breaking += usize::from(c.breaking);
        }
        Changelog { from: from.to_owned(), to: to.to_owned(), summary, changes }
    }

    /// Whether nothing a user can name changed (the version may have).
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    /// Whether the API version changed.
    pub fn version_changed(&self) -> bool {
        self.from != self.to
    }

    /// The breaking changes, in order.
    pub fn breaking(&self) -> impl Iterator<Item = &Change> {
        self.changes.iter().filter(|c| c.breaking)
    }

    /// The counts as one line: `3 added, 1 removed, 2 changed; 2 breaking`.
    pub fn counts_line(&self) -> String {
        let s = &self.summary;
        format!("{} added, {} removed, {} changed; {} breaking", s.added, s.removed, s.changed, s.breaking)
    }

    /// The changelog as pretty JSON (the same data as the Markdown).
    pub fn to_json(&self) -> String {
        // Strings, integers and booleans only: serializing cannot fail.
        let mut text = serde_json::to_string_pretty(self).expect("a changelog always serializes to JSON");
        text.push('\n');
        text
    }
}

impl Change {
    /// The Markdown bullet for this change (no trailing newline).
    pub fn bullet(&self) -> String {
        if self.breaking {
            format!("- **breaking** `{}`: {} ({})", self.item, self.description, self.reason)
        } else {
            format!("- `{}`: {}", self.item, self.description)
        }
    }
}
