//! The intermediate representation: everything the emitter needs, with all
//! names final and all order fixed. Built by `lower`, read by `emit` (and by
//! the changelog diff). Knows nothing about OpenAPI and nothing about tokens.

use std::borrow::Cow;

/// Name of the fallback variant of every string enum and union: a value or
/// object this version of the crate does not know.
pub const UNKNOWN_VARIANT: &str = "Unrecognized";

/// Name of the variant holding the deleted form that the generator adds to
/// a union (`{Name}OrDeleted`).
pub const DELETED_VARIANT: &str = "Deleted";

/// A whole API, ready to emit.
#[derive(Debug, Clone)]
pub struct Api {
    /// `info.version`: the Stripe API version the crate pins (`API_VERSION`).
    pub version: String,
    /// `info.title`.
    pub title: String,
    /// The crate's docs (from `info.title` and `info.description`), as
    /// Markdown lines.
    pub doc: Vec<String>,
    /// Every named type. [`TypeId`] indexes this.
    pub types: Vec<TypeDef>,
    /// Modules in emission order (sorted by name).
    pub modules: Vec<Module>,
    /// Every endpoint. [`OpId`] indexes this.
    pub operations: Vec<Operation>,
    /// The crate's resource features, sorted (one per resource module).
    pub features: Vec<String>,
    /// The event resource and the types made for it, when the spec has one.
    pub event: Option<EventTypes>,
}

/// The event resource and its typed parts.
#[derive(Debug, Clone, Copy)]
pub struct EventTypes {
    /// The event itself.
    pub event: TypeId,
    /// What `data.object` can be: a union of the crate's tagged objects.
    pub object: TypeId,
    /// The known event types.
    pub kind: TypeId,
}

/// Index into [`Api::types`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TypeId(pub usize);

/// Index into [`Api::operations`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct OpId(pub usize);

/// Index into [`Api::modules`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ModuleId(pub usize);

/// One generated file under `src/resources/`, named after a component schema.
#[derive(Debug, Clone)]
pub struct Module {
    /// Module (and file) name, a snake_case identifier.
    pub name: String,
    /// Cargo feature that enables this module's endpoints.
    pub feature: String,
    /// Whether this module is a resource (an `x-resourceId` schema or the
    /// owner of operations): resources get a cargo feature of their own.
    pub is_resource: bool,
    /// Module documentation.
    pub doc: Vec<String>,
    /// Types defined here, in emission order.
    pub types: Vec<TypeId>,
    /// Endpoints defined here (as associated functions of their owner type).
    pub operations: Vec<OpId>,
    /// What the file holds, by the features that compile it: the items
    /// compiled always, then one section per feature set (see [`Section`]).
    pub sections: Vec<Section>,
    /// Whether the module can be empty (every item gated, none stubbed):
    /// its re-export then imports nothing.
    pub can_be_empty: bool,
}

/// Items of a module compiled under one condition. Those compiled always
/// are the file's top level; the others sit in a private inner module
/// (`gated`, `stubs`) behind one `cfg`, re-exported whole, so a file has a
/// `cfg` per section rather than per item.
#[derive(Debug, Clone)]
pub struct Section {
    /// The inner module's name; empty for the top level.
    pub name: String,
    /// When its items are compiled.
    pub when: When,
    /// Its items, in emission order.
    pub items: Vec<Item>,
    /// Whether it defines names to re-export (types, id types), rather than
    /// only `impl` blocks.
    pub exports: bool,
}

/// When a [`Section`] is compiled.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum When {
    /// Always.
    Always,
    /// When any of these features is on (sorted).
    Any(Vec<String>),
    /// When none of these features is on (sorted): stubs.
    NotAny(Vec<String>),
}

/// What a [`Section`] holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Item {
    /// A type in full, with its decoding and conversions.
    Type(TypeId),
    /// A type's `HasId` impl (a struct's) and its id type: beside the type,
    /// or at the top level when it has a stub (both share them).
    Parts(TypeId),
    /// A type's stub: the struct with only its id.
    Stub(TypeId),
    /// The endpoints whose owner is this type (`impl Charge { .. }`).
    Endpoints(TypeId),
    /// The event's entry points (`Event::from_slice`,
    /// `Webhook::construct_event`).
    EventEntryPoints,
}

/// A named Rust type.
#[derive(Debug, Clone)]
pub struct TypeDef {
    /// Rust type name, unique in the crate.
    pub name: String,
    /// Doc comment, Markdown lines.
    pub doc: Vec<String>,
    /// The module that defines it.
    pub module: ModuleId,
    /// Where it came from (a JSON pointer), for error messages and docs.
    pub origin: String,
    /// Whether values of this type are sent (params) or received (responses).
    pub role: Role,
    /// Its shape.
    pub kind: TypeKind,
    /// Which cargo features compile it.
    pub gate: Gate,
    /// Its id type (`ChargeId` for `Charge`), when objects of this type
    /// have ids.
    pub id_alias: Option<IdAlias>,
    /// The docs of its stub (see [`Gate`]), when it has one.
    pub stub_doc: Vec<String>,
}

impl TypeDef {
    /// A type with no docs, no id type and no fields yet, compiled always
    /// until gates are assigned.
    pub fn new(name: String, module: ModuleId, origin: String, role: Role, kind: TypeKind) -> Self {
        TypeDef {
            name,
            doc: Vec::new(),
            module,
            origin,
            role,
            kind,
            gate: Gate::Always,
            id_alias: None,
            stub_doc: Vec::new(),
        }
    }
}

/// The id type of objects of a type: `pub type ChargeId = Id<Charge>;`.
#[derive(Debug, Clone)]
pub struct IdAlias {
    /// Its name (`ChargeId`).
    pub name: String,
    /// Its doc comment.
    pub doc: Vec<String>,
}

/// When a type is compiled, in terms of the crate's resource features.
///
/// A feature compiles its resource's types, endpoints and parameters and
/// everything they hold by value. What they only reference through an
/// [`TypeRef::Expandable`] is compiled as a stub when its own feature is off:
/// the type exists with just its `id` (an expanded object still decodes,
/// its other fields are ignored), and enabling the feature adds the fields.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Gate {
    /// Always compiled in full (needed by every feature, or by none).
    #[default]
    Always,
    /// Compiled in full when one of these features is on.
    When {
        /// Feature names, sorted.
        features: Vec<String>,
        /// Whether the type exists as a stub when none of them is on.
        stub: bool,
    },
}

/// Whether a type is decoded from responses or encoded into requests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Decoded from API responses (Deserialize + Serialize).
    Response,
    /// Encoded into requests (Serialize only).
    Params,
}

/// The shape of a named type.
#[derive(Debug, Clone)]
pub enum TypeKind {
    /// A struct with named fields.
    Struct(Struct),
    /// A string enum that keeps unknown values.
    Enum(StringEnum),
    /// A polymorphic object told apart by its `object` (and `deleted`) field.
    Union(Union),
    /// A value of one of several shapes, tried in order (e.g. integer or range).
    Untagged(Untagged),
}

impl TypeKind {
    /// Every type a value of this kind holds: the types of its fields, its
    /// members and its variants.
    pub fn children(&self) -> Vec<TypeRef> {
        match self {
            TypeKind::Struct(s) => s.fields.iter().map(|f| f.ty.clone()).collect(),
            TypeKind::Union(u) => u.variants.iter().map(|v| TypeRef::Named(v.ty)).collect(),
            TypeKind::Untagged(u) => u.variants.iter().map(|v| v.ty.clone()).collect(),
            TypeKind::Enum(_) => Vec::new(),
        }
    }
}

/// A struct with named fields.
#[derive(Debug, Clone)]
pub struct Struct {
    /// Fields in wire-name order.
    pub fields: Vec<Field>,
    /// Name of the string `id` field when the type has one (for pagination
    /// cursors).
    pub id_field: Option<String>,
}

/// A struct field.
#[derive(Debug, Clone)]
pub struct Field {
    /// Rust field name.
    pub rust: String,
    /// Wire (JSON or form) name.
    pub wire: String,
    /// Doc comment, Markdown lines.
    pub doc: Vec<String>,
    /// Full field type, including the `Option` for optional fields.
    pub ty: TypeRef,
    /// Whether the field must be given (params) or is always present
    /// (responses).
    pub required: bool,
    /// Whether the field may be `null` on the wire.
    pub nullable: bool,
    /// Its builder-style setter (optional fields of params structs).
    pub setter: Option<FieldMethod>,
    /// The method that clears it (`Unsettable` fields of params structs):
    /// `unset_description()` sends `description=`.
    pub unsetter: Option<FieldMethod>,
}

/// A method generated for a field (a setter, or what clears it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldMethod {
    /// Its name.
    pub name: String,
    /// Its doc comment.
    pub doc: Vec<String>,
    /// Whether its name looks like a standard-library convention
    /// (`as_ref`, `from_str`, `next`): clippy's lints for those are allowed
    /// on it, since the name comes from the API.
    pub std_like: bool,
}

/// A string enum.
#[derive(Debug, Clone)]
pub struct StringEnum {
    /// Variants in wire-value order.
    pub variants: Vec<Variant>,
}

/// A string enum variant.
#[derive(Debug, Clone)]
pub struct Variant {
    /// Rust variant name.
    pub rust: String,
    /// The string on the wire.
    pub wire: String,
    /// Its doc comment.
    pub doc: Vec<String>,
}

/// A polymorphic object.
#[derive(Debug, Clone)]
pub struct Union {
    /// Members in spec order.
    pub variants: Vec<UnionVariant>,
    /// Whether each member is compiled only with its own feature, and the
    /// union never pulls one in (the object of an event: any resource).
    pub by_feature: bool,
    /// How an object is decoded: the first arm whose tag matches lists the
    /// members to try, in order.
    pub arms: Vec<UnionArm>,
    /// Which objects are read with their `deleted` field (see
    /// [`NeedsDeleted`]).
    pub needs_deleted: NeedsDeleted,
}

impl Union {
    /// A union of these members; how it decodes is decided later
    /// (`lower::dispatch`), once the members are final.
    pub fn new(variants: Vec<UnionVariant>, by_feature: bool) -> Self {
        Union { variants, by_feature, arms: Vec::new(), needs_deleted: NeedsDeleted::Never }
    }
}

impl UnionVariant {
    /// A member of type `ty` tagged `object`, without docs.
    pub fn new(rust: String, ty: TypeId, object: Option<String>, deleted: bool) -> Self {
        UnionVariant { rust, ty, object, deleted, doc: Vec::new(), only_with: Vec::new() }
    }
}

impl UntaggedVariant {
    /// A member holding `ty`, without docs, not yet converting.
    pub fn new(rust: String, ty: TypeRef) -> Self {
        UntaggedVariant { rust, ty, doc: Vec::new(), from: false }
    }
}

impl Variant {
    /// A variant for wire value `wire`, without docs.
    pub fn new(rust: String, wire: String) -> Self {
        Variant { rust, wire, doc: Vec::new() }
    }
}

/// One way of decoding a [`Union`]'s object.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnionArm {
    /// The `object` it matches; `None` for any.
    pub object: Option<String>,
    /// The `deleted` it matches; `None` for either.
    pub deleted: Option<bool>,
    /// Indexes into [`Union::variants`], tried in this order (the first
    /// that decodes wins; an object none accepts is kept as JSON).
    pub members: Vec<usize>,
}

/// Which objects of a union the decoder must read `deleted` for before
/// choosing a member.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NeedsDeleted {
    /// None: no member is a deleted form.
    Never,
    /// Every object (a deleted form without a tag stands for any).
    Always,
    /// Objects with these tags, sorted.
    Tags(Vec<String>),
}

/// One member of a [`Union`].
#[derive(Debug, Clone)]
pub struct UnionVariant {
    /// Rust variant name.
    pub rust: String,
    /// The member type.
    pub ty: TypeId,
    /// The `object` value that selects this member, if known.
    pub object: Option<String>,
    /// Whether this member is the `deleted: true` form of its object.
    pub deleted: bool,
    /// Its doc comment.
    pub doc: Vec<String>,
    /// The features without which this member is left out (sorted; none
    /// when it is compiled wherever the union is).
    pub only_with: Vec<String>,
}

/// A value of one of several shapes.
#[derive(Debug, Clone)]
pub struct Untagged {
    /// Members, tried in this order when decoding.
    pub variants: Vec<UntaggedVariant>,
}

/// One member of an [`Untagged`] value.
#[derive(Debug, Clone)]
pub struct UntaggedVariant {
    /// Rust variant name.
    pub rust: String,
    /// What it holds.
    pub ty: TypeRef,
    /// Its doc comment.
    pub doc: Vec<String>,
    /// Whether the value converts from what it holds (`From`): when no
    /// other member holds the same Rust type and it is not the value
    /// itself.
    pub from: bool,
}

/// A use of a type.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TypeRef {
    /// `bool`.
    Bool,
    /// `i64`.
    Int,
    /// `f64`.
    Float,
    /// `String`.
    String,
    /// A Unix timestamp in seconds (`i64`).
    Timestamp,
    /// Any JSON value.
    Json,
    /// A file to upload (multipart requests only).
    File,
    /// A three-letter currency code (`crate::Currency`).
    Currency,
    /// The id of objects of a named type (`crate::Id<T>`, spelled by the
    /// type's id alias, `ChargeId`).
    Id(TypeId),
    /// Stripe metadata: string keys to string values.
    Metadata,
    /// A named type.
    Named(TypeId),
    /// `Vec<T>`.
    Vec(Box<TypeRef>),
    /// A map from strings to `T`.
    Map(Box<TypeRef>),
    /// `Option<T>`.
    Option(Box<TypeRef>),
    /// `Box<T>` (breaks recursion).
    Boxed(Box<TypeRef>),
    /// An id or the expanded object.
    Expandable(Box<TypeRef>),
    /// A list envelope of `T`.
    List(Box<TypeRef>),
    /// A search result envelope of `T` (paged by `next_page`).
    SearchList(Box<TypeRef>),
    /// A request value that can also be sent as the empty string to unset it.
    Unsettable(Box<TypeRef>),
    /// An event's `data`: `data.object` as `T` (a union of the crate's
    /// resources), kept as JSON too, and `previous_attributes`.
    EventData(Box<TypeRef>),
    /// An event's `request`, read from any API version's form of it.
    EventRequest,
}

impl TypeRef {
    /// Wraps `self` in `Option`.
    pub fn optional(self) -> TypeRef {
        match self {
            TypeRef::Option(_) => self,
            other => TypeRef::Option(Box::new(other)),
        }
    }

    /// The type this one wraps (`T` of `Vec<T>`), if it wraps one: the one
    /// way to walk a type.
    pub fn inner(&self) -> Option<&TypeRef> {
        match self {
            TypeRef::Vec(t)
            | TypeRef::Map(t)
            | TypeRef::Option(t)
            | TypeRef::Boxed(t)
            | TypeRef::Expandable(t)
            | TypeRef::List(t)
            | TypeRef::SearchList(t)
            | TypeRef::Unsettable(t)
            | TypeRef::EventData(t) => Some(t),
            TypeRef::Bool
            | TypeRef::Int
            | TypeRef::Float
            | TypeRef::String
            | TypeRef::Timestamp
            | TypeRef::Json
            | TypeRef::File
            | TypeRef::Currency
            | TypeRef::Id(_)
            | TypeRef::Metadata
            | TypeRef::Named(_)
            | TypeRef::EventRequest => None,
        }
    }

    /// This type and every type it wraps, outermost first.
    pub fn layers(&self) -> impl Iterator<Item = &TypeRef> {
        std::iter::successors(Some(self), |t| t.inner())
    }

    /// How many types are nested in one another: `String` is 1,
    /// `Option<Vec<String>>` is 3.
    pub fn depth(&self) -> usize {
        self.layers().count()
    }

    /// The named type this type mentions, directly or inside wrappers (an
    /// id mentions the type it identifies).
    pub fn named(&self) -> Option<TypeId> {
        self.layers().find_map(|t| match t {
            TypeRef::Named(id) | TypeRef::Id(id) => Some(*id),
            _ => None,
        })
    }

    /// How this type is written in Rust: the one printer of types. The
    /// emitter turns it into tokens, the API surface into text.
    pub fn spelling<'a>(&'a self, api: &'a Api) -> Spelling<'a> {
        let fixed = |path: &'static str, args: Vec<Cow<'a, TypeRef>>| Spelling { path: Cow::Borrowed(path), args };
        let one = |path: &'static str, inner: &'a TypeRef| fixed(path, vec![Cow::Borrowed(inner)]);
        match self {
            TypeRef::Bool => fixed("bool", vec![]),
            TypeRef::Int => fixed("i64", vec![]),
            TypeRef::Float => fixed("f64", vec![]),
            TypeRef::String => fixed("String", vec![]),
            TypeRef::Timestamp => fixed("crate::Timestamp", vec![]),
            TypeRef::Json => fixed("serde_json::Value", vec![]),
            TypeRef::File => fixed("crate::FileContents", vec![]),
            TypeRef::Metadata => fixed("crate::Metadata", vec![]),
            TypeRef::Currency => fixed("crate::Currency", vec![]),
            TypeRef::EventRequest => fixed("crate::EventRequest", vec![]),
            TypeRef::Id(id) => match &api.ty(*id).id_alias {
                Some(alias) => Spelling { path: Cow::Owned(format!("crate::{}", alias.name)), args: vec![] },
                None => fixed("crate::Id", vec![Cow::Owned(TypeRef::Named(*id))]),
            },
            TypeRef::Named(id) => Spelling { path: Cow::Owned(format!("crate::{}", api.ty(*id).name)), args: vec![] },
            TypeRef::Vec(inner) => one("Vec", inner),
            TypeRef::Map(inner) => {
                fixed("std::collections::BTreeMap", vec![Cow::Owned(TypeRef::String), Cow::Borrowed(&**inner)])
            }
            TypeRef::Option(inner) => one("Option", inner),
            TypeRef::Boxed(inner) => one("Box", inner),
            TypeRef::Expandable(inner) => one("crate::Expandable", inner),
            TypeRef::List(inner) => one("crate::List", inner),
            TypeRef::SearchList(inner) => one("crate::SearchList", inner),
            TypeRef::Unsettable(inner) => one("crate::Unsettable", inner),
            TypeRef::EventData(inner) => one("crate::EventData", inner),
        }
    }
}

/// A type as Rust writes it: a path (`crate::Expandable`,
/// `std::collections::BTreeMap`, `bool`) and its generic arguments.
#[derive(Debug, Clone, PartialEq)]
pub struct Spelling<'a> {
    /// The path as generated code writes it: the crate's own items start
    /// with `crate::`.
    pub path: Cow<'a, str>,
    /// The generic arguments, in order (none for a plain name).
    pub args: Vec<Cow<'a, TypeRef>>,
}

impl Spelling<'_> {
    /// The path as a user of the crate writes it: the crate's items and
    /// `std` collections by their names (`Expandable`, `BTreeMap`).
    pub fn user_path(&self) -> &str {
        let path: &str = &self.path;
        path.strip_prefix("crate::").or_else(|| path.strip_prefix("std::collections::")).unwrap_or(path)
    }
}

/// HTTP method of an endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Method {
    /// GET: parameters in the query string.
    Get,
    /// POST: parameters in a form body.
    Post,
    /// DELETE: parameters in the query string.
    Delete,
    /// PUT: parameters in a form body.
    Put,
    /// PATCH: parameters in a form body.
    Patch,
}

impl Method {
    /// Upper-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Delete => "DELETE",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
        }
    }
}

/// One endpoint.
#[derive(Debug, Clone)]
pub struct Operation {
    /// HTTP method.
    pub method: Method,
    /// Path template, e.g. `/v1/charges/{charge}/capture`.
    pub path: String,
    /// The path split into literal text and parameters, in order.
    pub segments: Vec<PathSegment>,
    /// The type whose associated function this is.
    pub owner: TypeId,
    /// Rust function name (`create`, `list_refunds`, ...).
    pub fn_name: String,
    /// Parameters struct, absent when the operation takes none.
    pub params: Option<TypeId>,
    /// Whether `params` has a required field (so it cannot be `Default`).
    pub params_required: bool,
    /// Decoded response type.
    pub response: TypeRef,
    /// Whether this endpoint returns a list envelope (and can be paginated).
    pub is_list: bool,
    /// Whether the body is `multipart/form-data` (file uploads).
    pub multipart: bool,
    /// A host of its own (`https://files.stripe.com` for uploads), from the
    /// operation's `servers`.
    pub host: Option<String>,
    /// Doc comment, Markdown lines.
    pub doc: Vec<String>,
}

/// A piece of a path template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathSegment {
    /// Literal text, e.g. `/v1/charges/`.
    Literal(String),
    /// A parameter: Rust argument name and wire name.
    Param {
        /// Rust argument name.
        rust: String,
        /// Name in the path template.
        wire: String,
        /// The type whose id it is (`/v1/charges/{charge}` takes a
        /// `ChargeId`), when the path names an object the API can retrieve.
        id: Option<TypeId>,
    },
}

impl Api {
    /// The type with this id.
    pub fn ty(&self, id: TypeId) -> &TypeDef {
        &self.types[id.0]
    }

    /// Counts for the generator's summary line: (types, operations).
    pub fn counts(&self) -> (usize, usize) {
        (self.types.len(), self.operations.len())
    }
}
