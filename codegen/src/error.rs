//! Errors the generator reports about a spec. Each names the file, where in
//! it (line/column, or a JSON pointer such as
//! `#/components/schemas/charge/properties/source`) and why.

/// A problem with the input spec.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The text is neither valid JSON nor valid YAML.
    #[error("{file}:{line}:{column}: not valid {format}: {message}")]
    Syntax {
        /// Spec file name as given by the caller.
        file: String,
        /// `JSON` or `YAML`.
        format: &'static str,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What the parser said.
        message: String,
    },
    /// The document parses but does not have the shape of an OpenAPI document.
    #[error("{file}{}: {pointer}: {message}", location(*line, *column))]
    Shape {
        /// Spec file name.
        file: String,
        /// JSON pointer of the offending value.
        pointer: String,
        /// 1-based line (0 when unknown).
        line: usize,
        /// 1-based column (0 when unknown).
        column: usize,
        /// What is wrong.
        message: String,
    },
    /// `openapi` is missing or not a 3.0.x version.
    #[error("{file}: #/openapi: unsupported OpenAPI version {found} (this generator reads OpenAPI 3.0.x)")]
    UnsupportedVersion {
        /// Spec file name.
        file: String,
        /// The version found, quoted, or `(missing)`.
        found: String,
    },
    /// A `$ref` that points nowhere.
    #[error("{file}: {pointer}: unresolved reference `{reference}`: {reason}")]
    UnresolvedRef {
        /// Spec file name.
        file: String,
        /// JSON pointer of the `$ref`.
        pointer: String,
        /// The reference text.
        reference: String,
        /// Why it could not be followed.
        reason: String,
    },
    /// Two operations share an operationId (refused in strict mode only).
    #[error("{file}: {pointer}: duplicate operationId `{id}` (first used at {first})")]
    DuplicateOperationId {
        /// Spec file name.
        file: String,
        /// JSON pointer of the second operation.
        pointer: String,
        /// The operationId.
        id: String,
        /// JSON pointer of the first operation.
        first: String,
    },
    /// Anything else the generator cannot make sense of.
    #[error("{file}: {pointer}: {message}")]
    Invalid {
        /// Spec file name.
        file: String,
        /// JSON pointer of the offending value.
        pointer: String,
        /// What is wrong.
        message: String,
    },
    /// A bug in the generator (it produced tokens that are not valid Rust).
    #[error("internal generator error: {message}")]
    Internal {
        /// What went wrong.
        message: String,
    },
}

/// `:line:column`, or nothing when the line is not known (0).
fn location(line: usize, column: usize) -> String {
    if line == 0 { String::new() } else { format!(":{line}:{column}") }
}

/// Something the generator handled but the spec author may want to know.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// JSON pointer of the place in the spec.
    pub pointer: String,
    /// What happened.
    pub message: String,
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.pointer, self.message)
    }
}
