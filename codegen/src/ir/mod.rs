//! The intermediate representation: everything the emitter needs, with all
//! names final and all order fixed. Built by `lower`, read by `emit` (and by
//! the changelog diff). Knows nothing about OpenAPI and nothing about tokens.

mod kinds;
mod type_ref;

pub use kinds::*;
pub use type_ref::*;

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
    /// The codes of the v2 API's errors (`v2::ErrorCode`), when the spec
    /// has v2 errors.
    pub v2_error_code: Option<TypeId>,
    /// The v2 API's event (`v2::core::Event`), when the spec has it and the
    /// endpoint that retrieves it: event notifications fetch it typed.
    pub v2_event: Option<TypeId>,
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
    /// The namespace it sits in: empty for the crate's root, `["v2",
    /// "core"]` for Stripe's `v2.core.*` schemas. Its types' names are
    /// unique within it.
    pub path: Vec<String>,
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
    /// `ApiError::v2_code`, reading an error's code as this enum.
    V2ErrorCode(TypeId),
    /// `EventNotification::fetch_event` and `fetch_related_object`, typed:
    /// the full event is this type.
    NotificationFetch(TypeId),
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

    /// The path of a type from the crate's root: its name, after its
    /// namespace's (`v2::core::EventDestination`, `Charge`).
    pub fn type_path(&self, id: TypeId) -> String {
        let def = self.ty(id);
        self.in_namespace(def.module, &def.name)
    }

    /// `name` as seen from the crate's root when it sits in `module`'s namespace.
    pub fn in_namespace(&self, module: ModuleId, name: &str) -> String {
        match self.modules.get(module.0).map(|m| &m.path) {
            Some(path) if !path.is_empty() => format!("{}::{name}", path.join("::")),
            _ => name.to_owned(),
        }
    }

    /// The namespaces below the root that modules sit in, each with every
    /// namespace above it (`v2`, `v2::core`), sorted.
    pub fn namespaces(&self) -> Vec<Vec<String>> {
        let mut out: Vec<Vec<String>> =
            self.modules.iter().flat_map(|m| (1..=m.path.len()).map(|n| m.path[..n].to_vec())).collect();
        out.sort();
        out.dedup();
        out
    }

    /// Counts for the generator's summary line: (types, operations).
    pub fn counts(&self) -> (usize, usize) {
        (self.types.len(), self.operations.len())
    }
}
