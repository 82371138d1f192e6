//! The shapes of named types: structs, string enums, unions and values of
//! several shapes, with their members.

use super::{TypeId, TypeRef};

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
