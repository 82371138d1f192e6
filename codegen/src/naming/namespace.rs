//! The naming authority: every name the generator picks is claimed in a
//! [`Namespace`], which knows the names that are not free (keywords are
//! escaped by casing; the reserved tables are here) and resolves every clash
//! by one rule:
//!
//! 1. a free name is kept as desired;
//! 2. a reserved name first takes its kind's escape (`Error` ->
//!    `ErrorObject`, an enum value `Unrecognized` -> `UnrecognizedValue`,
//!    a module `serde` -> `serde_resource`);
//! 3. then the caller's alternatives, in order (the spelled-out form of an
//!    enum value, the distinguishing path words of an endpoint);
//! 4. then the smallest free number from 2 (`Charge2`, `foo_bar_2`).
//!
//! Batches ([`Namespace::claim_all`]) first hand every natural name to its
//! first asker, so a number never takes the name a later member wants.

use super::{is_keyword, numbered};
pub(crate) use crate::ir::{DELETED_VARIANT, UNKNOWN_VARIANT};
use std::collections::BTreeSet;

/// Names the runtime exports at the crate root (`pub use runtime::*`).
pub(crate) const RUNTIME_EXPORTS: &[&str] = &[
    "API_VERSION",
    "ApiError",
    "Client",
    "ClientBuilder",
    "Currency",
    "DecodeError",
    "Error",
    "ErrorCode",
    "ErrorKind",
    "ErrorType",
    "EventData",
    "EventRequest",
    "Expandable",
    "FileContents",
    "HasId",
    "Id",
    "List",
    "ListStream",
    "Metadata",
    "ObjectError",
    "RequestBuilder",
    "RequestOptions",
    "Response",
    "Result",
    "SearchList",
    "V2List",
    "Int64",
    "Decimal",
    "DateTime",
    "ParseValueError",
    "EventNotification",
    "RelatedObject",
    "MeterEventSender",
    "Method",
    "Timestamp",
    "Unsettable",
    "Webhook",
    "BlockingIter",
    "WebhookError",
    "WebhookErrorKind",
];

/// Types, traits and variants of the standard prelude that generated code
/// names without a path: a generated type of that name would shadow them in
/// its module (and at the crate root, through the re-exports).
const PRELUDE: &[&str] = &[
    "AsMut",
    "AsRef",
    "Box",
    "Clone",
    "Copy",
    "Default",
    "DoubleEndedIterator",
    "Drop",
    "Eq",
    "Err",
    "ExactSizeIterator",
    "Extend",
    "Fn",
    "FnMut",
    "FnOnce",
    "From",
    "FromIterator",
    "Hash",
    "Into",
    "IntoIterator",
    "Iterator",
    "None",
    "Ok",
    "Option",
    "Ord",
    "PartialEq",
    "PartialOrd",
    "Send",
    "Sized",
    "Some",
    "String",
    "Sync",
    "ToOwned",
    "ToString",
    "TryFrom",
    "TryInto",
    "Unpin",
    "Vec",
];

/// Module names that generated code reaches by path: the crates it uses,
/// the standard library and the crate's own top-level modules. A resource
/// module of one of these names would make those paths ambiguous.
const RESERVED_MODULES: &[&str] = &[
    "alloc",
    "core",
    "fastrand",
    "futures_core",
    "percent_encoding",
    "reqwest",
    "resources",
    "runtime",
    "rustls",
    "serde",
    "serde_json",
    "serde_path_to_error",
    "std",
    "thiserror",
    "tokio",
    "tracing",
    "uuid",
];

/// Cargo features the crate defines besides the resource features.
pub(crate) const RESERVED_FEATURES: &[&str] = &["default", "full", "blocking"];

/// Names of the arguments every endpoint function takes besides its path
/// parameters.
pub(crate) const ENDPOINT_ARGS: &[&str] = &["client", "params"];

/// Inherent methods the emitter gives a string enum.
const ENUM_METHODS: &[&str] = &["as_str"];

/// Methods of the traits generated types implement or users call on them
/// (`Clone`, `PartialEq`, `Debug`, serde, `HasId`, conversions). An inherent
/// function of the same name would shadow them: `params.clone()` would call a
/// setter named `clone`.
const TRAIT_METHODS: &[&str] = &[
    "as_ref",
    "borrow",
    "borrow_mut",
    "clone",
    "clone_from",
    "clone_into",
    "cmp",
    "default",
    "deserialize",
    "eq",
    "fmt",
    "from",
    "from_str",
    "hash",
    "id",
    "into",
    "ne",
    "partial_cmp",
    "serialize",
    "to_owned",
    "to_string",
    "try_from",
    "try_into",
    "type_id",
];

/// Methods the emitter gives the event resource.
const EVENT_METHODS: &[&str] = &["api_version_matches", "from_slice"];

/// The namespace of a type's associated functions (its endpoints), with the
/// methods the emitter gives a type of this kind (or the event) reserved.
pub(crate) fn methods_of(kind: &crate::ir::TypeKind, is_event: bool) -> Namespace {
    let own: &[&str] = match kind {
        crate::ir::TypeKind::Enum(_) => ENUM_METHODS,
        _ if is_event => EVENT_METHODS,
        _ => &[],
    };
    Namespace::new(Kind::Method).reserving(own.iter().chain(TRAIT_METHODS).copied())
}

/// Whether a method name looks like a standard-library convention that
/// clippy holds methods to (`as_`/`to_`/`into_`/`is_`/`from_` prefixes,
/// operator and iterator trait methods): a setter named so by the API is
/// allowed those lints, as its name is not ours to choose.
pub(crate) fn std_like(name: &str) -> bool {
    const STD_METHODS: &[&str] = &[
        "add",
        "sub",
        "mul",
        "div",
        "rem",
        "neg",
        "not",
        "next",
        "hash",
        "eq",
        "cmp",
        "deref",
        "borrow",
        "drop",
        "index",
        "shl",
        "shr",
        "bitand",
        "bitor",
        "bitxor",
        "clone",
        "default",
        "from_str",
        "partial_cmp",
        "as_ref",
        "as_mut",
    ];
    ["as_", "to_", "is_", "from_", "into_"].iter().any(|p| name.starts_with(p)) || STD_METHODS.contains(&name)
}

/// The namespace of a params struct's methods: `new` and one setter per
/// optional field.
pub(crate) fn params_methods() -> Namespace {
    Namespace::new(Kind::Method).reserving(TRAIT_METHODS.iter().copied().chain(["new"]))
}

/// What a namespace holds: decides its reserved names and escapes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Type names of the crate's root (all are re-exported there beside
    /// the runtime's).
    Type,
    /// Type names of a namespace below the root (`v2::core`), which only
    /// the prelude's names would shadow.
    NamespacedType,
    /// Resource module names.
    Module,
    /// Cargo feature names.
    Feature,
    /// Fields of one struct.
    Field,
    /// Associated functions and methods of one type.
    Method,
    /// Arguments of one function.
    Argument,
    /// Variants of one enum.
    Variant,
}

impl Kind {
    fn reserved(self) -> Vec<&'static str> {
        match self {
            Kind::Type => RUNTIME_EXPORTS.iter().chain(PRELUDE).copied().collect(),
            Kind::NamespacedType => PRELUDE.to_vec(),
            Kind::Module => RESERVED_MODULES.to_vec(),
            Kind::Feature => RESERVED_FEATURES.to_vec(),
            Kind::Argument => ENDPOINT_ARGS.to_vec(),
            Kind::Variant => vec![UNKNOWN_VARIANT],
            Kind::Field | Kind::Method => Vec::new(),
        }
    }

    /// What a reserved name becomes, for kinds with a readable escape.
    fn escape(self, name: &str) -> Option<String> {
        match self {
            Kind::Type | Kind::NamespacedType => Some(format!("{name}Object")),
            Kind::Variant => Some(format!("{name}Value")),
            Kind::Module | Kind::Feature => Some(format!("{name}_resource")),
            Kind::Field | Kind::Method | Kind::Argument => None,
        }
    }

    /// What separates a name from its number.
    fn separator(self) -> &'static str {
        match self {
            Kind::Type | Kind::NamespacedType | Kind::Variant => "",
            _ => "_",
        }
    }
}

/// A set of names of one kind in one scope; see the module docs for the rule.
#[derive(Debug, Clone)]
pub(crate) struct Namespace {
    kind: Kind,
    reserved: BTreeSet<String>,
    taken: BTreeSet<String>,
}

impl Namespace {
    /// An empty namespace with its kind's reserved names.
    pub(crate) fn new(kind: Kind) -> Self {
        let reserved = kind.reserved().into_iter().map(str::to_owned).collect();
        Namespace { kind, reserved, taken: BTreeSet::new() }
    }

    /// Also reserves `names` (names this scope uses for other things: a
    /// type's own methods, a deleted variant).
    pub(crate) fn reserving<'a>(mut self, names: impl IntoIterator<Item = &'a str>) -> Self {
        self.reserved.extend(names.into_iter().map(str::to_owned));
        self
    }

    /// Whether `name` may no longer be claimed.
    pub(crate) fn is_free(&self, name: &str) -> bool {
        !self.taken.contains(name) && !self.reserved.contains(name) && !is_keyword(name)
    }

    /// Claims `desired` (already cased for this kind), or the first free
    /// name the rule gives.
    pub(crate) fn claim(&mut self, desired: &str) -> String {
        self.claim_or(desired, &[])
    }

    /// Claims `desired`, trying `alternatives` before numbers.
    pub(crate) fn claim_or(&mut self, desired: &str, alternatives: &[String]) -> String {
        let name = self.resolve(desired, alternatives, &BTreeSet::new());
        self.taken.insert(name.clone());
        name
    }

    /// Claims a batch of names, each with its alternatives: every name
    /// that is free and asked for first is kept, the others are resolved in
    /// order without taking any name another member of the batch asked for.
    pub(crate) fn claim_all(&mut self, desired: &[(String, Vec<String>)]) -> Vec<String> {
        let wanted: BTreeSet<String> = desired.iter().map(|(d, _)| d.clone()).collect();
        let mut out: Vec<Option<String>> = vec![None; desired.len()];
        for (slot, (d, _)) in out.iter_mut().zip(desired) {
            if self.is_free(d) {
                self.taken.insert(d.clone());
                *slot = Some(d.clone());
            }
        }
        for (slot, (d, alternatives)) in out.iter_mut().zip(desired) {
            if slot.is_none() {
                let name = self.resolve(d, alternatives, &wanted);
                self.taken.insert(name.clone());
                *slot = Some(name);
            }
        }
        out.into_iter().flatten().collect()
    }

    /// Claims a batch of names without alternatives.
    pub(crate) fn claim_each(&mut self, desired: impl IntoIterator<Item = String>) -> Vec<String> {
        let batch: Vec<(String, Vec<String>)> = desired.into_iter().map(|d| (d, Vec::new())).collect();
        self.claim_all(&batch)
    }

    fn resolve(&self, desired: &str, alternatives: &[String], avoid: &BTreeSet<String>) -> String {
        let ok = |name: &str| self.is_free(name) && !avoid.contains(name);
        if ok(desired) {
            return desired.to_owned();
        }
        let base = match self.reserved.contains(desired) || is_keyword(desired) {
            true => self.kind.escape(desired).unwrap_or_else(|| desired.to_owned()),
            false => desired.to_owned(),
        };
        if base != desired && ok(&base) {
            return base;
        }
        if let Some(alt) = alternatives.iter().find(|a| ok(a)) {
            return alt.clone();
        }
        (2..).map(|n| numbered(&base, self.kind.separator(), n)).find(|c| ok(c)).unwrap_or(base)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(v: &[String]) -> Vec<&str> {
        v.iter().map(String::as_str).collect()
    }

    #[test]
    fn free_names_are_kept_and_clashes_numbered() {
        let mut ns = Namespace::new(Kind::Type);
        assert_eq!(ns.claim("Charge"), "Charge");
        assert_eq!(ns.claim("Charge"), "Charge2");
        assert_eq!(ns.claim("Charge"), "Charge3");
        let mut f = Namespace::new(Kind::Field);
        assert_eq!(f.claim("foo_bar"), "foo_bar");
        assert_eq!(f.claim("foo_bar"), "foo_bar_2");
    }

    #[test]
    fn reserved_names_take_their_kinds_escape() {
        let mut ns = Namespace::new(Kind::Type);
        for (desired, got) in [
            ("Error", "ErrorObject"),
            ("Client", "ClientObject"),
            ("Option", "OptionObject"),
            ("String", "StringObject"),
            ("Vec", "VecObject"),
            ("Result", "ResultObject"),
        ] {
            assert_eq!(ns.claim(desired), got, "{desired}");
        }
        assert_eq!(ns.claim("Error"), "ErrorObject2");
        let mut m = Namespace::new(Kind::Module);
        assert_eq!(m.claim("serde"), "serde_resource");
        assert_eq!(m.claim("runtime"), "runtime_resource");
        let mut v = Namespace::new(Kind::Variant).reserving([DELETED_VARIANT]);
        assert_eq!(v.claim("Unrecognized"), "UnrecognizedValue");
        assert_eq!(v.claim("Deleted"), "DeletedValue");
        let mut a = Namespace::new(Kind::Argument);
        assert_eq!(a.claim("client"), "client_2");
        assert_eq!(a.claim("params"), "params_2");
        let mut feat = Namespace::new(Kind::Feature);
        assert_eq!(feat.claim("default"), "default_resource");
        assert_eq!(feat.claim("default_resource"), "default_resource_2");
    }

    #[test]
    fn alternatives_come_before_numbers() {
        let mut ns = Namespace::new(Kind::Method).reserving(["new"]);
        assert_eq!(ns.claim_or("new", &["set_new".into()]), "set_new");
        assert_eq!(ns.claim("list"), "list");
        assert_eq!(ns.claim_or("list", &["list_account".into()]), "list_account");
        assert_eq!(ns.claim_or("list", &["list_account".into()]), "list_2");
    }

    #[test]
    fn batches_never_take_a_name_a_member_wants() {
        let mut ns = Namespace::new(Kind::Field);
        let got = ns.claim_each(["a".into(), "a".into(), "a_2".into()]);
        assert_eq!(names(&got), ["a", "a_3", "a_2"]);
        let mut v = Namespace::new(Kind::Variant);
        let got = v.claim_each(["Unrecognized".into(), "UnrecognizedValue".into(), "A".into(), "A".into()]);
        assert_eq!(names(&got), ["UnrecognizedValue2", "UnrecognizedValue", "A", "A2"]);
    }

    #[test]
    fn keywords_escaped_by_casing_are_numbered_without_the_underscore() {
        let mut ns = Namespace::new(Kind::Field);
        assert_eq!(ns.claim("type_"), "type_");
        assert_eq!(ns.claim("type_"), "type_2");
        let mut t = Namespace::new(Kind::Type);
        assert_eq!(t.claim("Self_"), "Self_");
        assert_eq!(t.claim("Self_"), "Self2");
    }
}
