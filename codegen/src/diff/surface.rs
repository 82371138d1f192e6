//! The API surface: what a user of the generated crate can name (types,
//! fields, enum values, endpoints), with every type written as Rust text.
//!
//! Built from the IR and written into the crate as [`SURFACE_FILE`], so the
//! next `cargo xtask generate` knows what the previous crate offered and can
//! say what an API upgrade changes. Deterministic: types sorted by name,
//! operations by owner and function name.

use crate::ir::{Api, Role, TypeDef, TypeKind, TypeRef};
use crate::render::OutFile;
use serde::{Deserialize, Serialize};

/// Where the surface is written, relative to the generated crate's root.
pub const SURFACE_FILE: &str = "api-surface.json";

/// The value of [`Surface::format`] this generator reads and writes.
pub const SURFACE_FORMAT: u32 = 1;

/// Everything in the generated crate that user code can name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Surface {
    /// Version of this file's layout ([`SURFACE_FORMAT`]).
    pub format: u32,
    /// The Stripe API version the crate pins.
    pub version: String,
    /// Every named type, sorted by name.
    pub types: Vec<TypeSurface>,
    /// Every endpoint, sorted by owner type and function name.
    pub operations: Vec<OperationSurface>,
}

/// A named type.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TypeSurface {
    /// Rust type name.
    pub name: String,
    /// Whether it is decoded from responses or sent as parameters.
    pub role: SurfaceRole,
    /// Its shape.
    pub kind: SurfaceKind,
    /// Fields of a struct, sorted by wire name.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldSurface>,
    /// Variants of an enum (sorted by wire value), union or untagged value
    /// (sorted by Rust name).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub variants: Vec<VariantSurface>,
}

/// Whether a type is received or sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SurfaceRole {
    /// Decoded from responses.
    Response,
    /// Sent as request parameters.
    Params,
}

/// The shape of a named type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SurfaceKind {
    /// A struct with named fields (`#[non_exhaustive]`).
    Struct,
    /// A string enum (`#[non_exhaustive]`, keeps unknown values).
    Enum,
    /// A polymorphic object (`#[non_exhaustive]`).
    Union,
    /// A value of one of several shapes (an exhaustive enum).
    Untagged,
}

impl SurfaceKind {
    /// The word used in changelog entries.
    pub fn word(self) -> &'static str {
        match self {
            SurfaceKind::Struct => "struct",
            SurfaceKind::Enum => "enum",
            SurfaceKind::Union => "polymorphic enum",
            SurfaceKind::Untagged => "untagged enum",
        }
    }
}

/// A struct field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldSurface {
    /// Rust field name.
    pub rust: String,
    /// Wire (JSON or form) name.
    pub wire: String,
    /// The field's Rust type, e.g. `Option<Expandable<Customer>>`.
    pub ty: String,
    /// Whether the field must be given (params) or is always present (responses).
    pub required: bool,
    /// Whether the field may be `null` on the wire.
    pub nullable: bool,
    /// Whether the type holds an `Expandable` (an id or the expanded object).
    pub expandable: bool,
}

impl FieldSurface {
    /// Whether the Rust type is an `Option` (params: not an argument of `new`).
    pub fn is_option(&self) -> bool {
        self.ty.starts_with("Option<")
    }
}

/// A variant of an enum, union or untagged value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VariantSurface {
    /// Rust variant name.
    pub rust: String,
    /// The string on the wire (string enums), or the `object` tag (unions).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wire: Option<String>,
    /// The payload's Rust type (unions and untagged values).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ty: Option<String>,
}

/// An endpoint: an associated function of its owner type.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OperationSurface {
    /// The type whose associated function it is.
    pub owner: String,
    /// Rust function name.
    pub fn_name: String,
    /// HTTP method, upper case.
    pub method: String,
    /// Path template, e.g. `/v1/charges/{charge}/capture`.
    pub path: String,
    /// Parameters struct, if the endpoint takes one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub params: Option<String>,
    /// The decoded response's Rust type.
    pub response: String,
}

/// A surface file that cannot be read.
#[derive(Debug, thiserror::Error)]
pub enum SurfaceError {
    /// Not JSON, or not the shape of a surface.
    #[error("{file}:{line}:{column}: not an API surface file: {message}")]
    Syntax {
        /// File name as given by the caller.
        file: String,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What the parser said.
        message: String,
    },
    /// Written by a generator with another layout.
    #[error("{file}: #/format: surface format {found} is not the supported format {SURFACE_FORMAT}")]
    Format {
        /// File name as given by the caller.
        file: String,
        /// The format found.
        found: u32,
    },
}

impl Surface {
    /// The surface of an API.
    pub fn of(api: &Api) -> Surface {
        let mut types: Vec<TypeSurface> = api.types.iter().map(|t| type_surface(api, t)).collect();
        types.sort_by(|a, b| a.name.cmp(&b.name));
        let mut operations: Vec<OperationSurface> = api
            .operations
            .iter()
            .map(|op| OperationSurface {
                owner: api.ty(op.owner).name.clone(),
                fn_name: op.fn_name.clone(),
                method: op.method.as_str().to_owned(),
                path: op.path.clone(),
                params: op.params.map(|p| api.ty(p).name.clone()),
                response: rust_type(api, &op.response),
            })
            .collect();
        operations.sort_by(|a, b| (&a.owner, &a.fn_name).cmp(&(&b.owner, &b.fn_name)));
        Surface { format: SURFACE_FORMAT, version: api.version.clone(), types, operations }
    }

    /// The surface as the text of [`SURFACE_FILE`]: JSON whose first key
    /// says which spec it was generated from, one field, variant or
    /// endpoint per line (so version control shows one line per change).
    pub fn to_json(&self, spec_name: &str) -> String {
        let generated = crate::render::header("", spec_name, &self.version);
        surface_file(self, generated.trim())
    }

    /// Reads the text of a [`SURFACE_FILE`]; `file` names it in errors.
    pub fn from_json(text: &str, file: &str) -> Result<Surface, SurfaceError> {
        let surface: Surface = serde_json::from_str(text).map_err(|e| SurfaceError::Syntax {
            file: file.to_owned(),
            line: e.line(),
            column: e.column(),
            message: e.to_string(),
        })?;
        if surface.format != SURFACE_FORMAT {
            return Err(SurfaceError::Format { file: file.to_owned(), found: surface.format });
        }
        Ok(surface)
    }
}

/// The [`SURFACE_FILE`] of the crate generated from `api`.
pub fn file(api: &Api, spec_name: &str) -> OutFile {
    OutFile { path: SURFACE_FILE.to_owned(), contents: Surface::of(api).to_json(spec_name) }
}

fn type_surface(api: &Api, def: &TypeDef) -> TypeSurface {
    let role = match def.role {
        Role::Response => SurfaceRole::Response,
        Role::Params => SurfaceRole::Params,
    };
    let (kind, mut fields, mut variants) = match &def.kind {
        TypeKind::Struct(s) => {
            let fields = s
                .fields
                .iter()
                .map(|f| FieldSurface {
                    rust: f.rust.clone(),
                    wire: f.wire.clone(),
                    ty: rust_type(api, &f.ty),
                    required: f.required,
                    nullable: f.nullable,
                    expandable: has_expandable(&f.ty),
                })
                .collect();
            (SurfaceKind::Struct, fields, Vec::new())
        }
        TypeKind::Enum(e) => {
            let variants = e
                .variants
                .iter()
                .map(|v| VariantSurface { rust: v.rust.clone(), wire: Some(v.wire.clone()), ty: None })
                .collect();
            (SurfaceKind::Enum, Vec::new(), variants)
        }
        TypeKind::Union(u) => {
            let variants = u
                .variants
                .iter()
                .map(|v| VariantSurface {
                    rust: v.rust.clone(),
                    wire: v.object.clone(),
                    ty: Some(api.ty(v.ty).name.clone()),
                })
                .collect();
            (SurfaceKind::Union, Vec::new(), variants)
        }
        TypeKind::Untagged(u) => {
            let variants = u
                .variants
                .iter()
                .map(|v| VariantSurface { rust: v.rust.clone(), wire: None, ty: Some(rust_type(api, &v.ty)) })
                .collect();
            (SurfaceKind::Untagged, Vec::new(), variants)
        }
    };
    fields.sort_by(|a, b| a.wire.cmp(&b.wire));
    match kind {
        SurfaceKind::Enum => variants.sort_by(|a, b| (&a.wire, &a.rust).cmp(&(&b.wire, &b.rust))),
        _ => variants.sort_by(|a, b| a.rust.cmp(&b.rust)),
    }
    TypeSurface { name: def.name.clone(), role, kind, fields, variants }
}

/// The text of the surface file, ending in a newline. The containers (the
/// file, the type list, each type, its member lists, the endpoint list) are
/// indented one entry per line; each field, variant and endpoint is one
/// line of JSON.
fn surface_file(surface: &Surface, generated: &str) -> String {
    let mut out = String::from("{\n");
    out.push_str(&format!("  \"@generated\": {},\n", super::json::line(&generated)));
    out.push_str(&format!("  \"format\": {},\n", surface.format));
    out.push_str(&format!("  \"version\": {},\n", super::json::line(&surface.version)));
    out.push_str("  \"types\": [");
    for (i, t) in surface.types.iter().enumerate() {
        out.push_str(if i == 0 { "\n    {\n" } else { ",\n    {\n" });
        out.push_str(&format!("      \"name\": {},\n", super::json::line(&t.name)));
        out.push_str(&format!("      \"role\": {},\n", super::json::line(&t.role)));
        out.push_str(&format!("      \"kind\": {}", super::json::line(&t.kind)));
        if !t.fields.is_empty() {
            out.push_str(",\n      \"fields\": ");
            super::json::list(&mut out, &t.fields, "      ");
        }
        if !t.variants.is_empty() {
            out.push_str(",\n      \"variants\": ");
            super::json::list(&mut out, &t.variants, "      ");
        }
        out.push_str("\n    }");
    }
    out.push_str(if surface.types.is_empty() { "],\n" } else { "\n  ],\n" });
    out.push_str("  \"operations\": ");
    super::json::list(&mut out, &surface.operations, "  ");
    out.push_str("\n}\n");
    out
}

/// Whether `Expandable` appears anywhere in a type.
fn has_expandable(t: &TypeRef) -> bool {
    t.layers().any(|l| matches!(l, TypeRef::Expandable(_)))
}

/// A type as a user of the crate writes it (crate items without `crate::`).
pub fn rust_type(api: &Api, t: &TypeRef) -> String {
    let spelling = t.spelling(api);
    let mut out = spelling.user_path().to_owned();
    if !spelling.args.is_empty() {
        let args: Vec<String> = spelling.args.iter().map(|a| rust_type(api, a)).collect();
        out.push('<');
        out.push_str(&args.join(", "));
        out.push('>');
    }
    out
}
