//! The OpenAPI document as written: parsing (JSON or YAML, chosen by
//! content), version check, and `$ref` resolution with JSON pointers.
//! Knows nothing about Rust.

mod guards;

use crate::error::Error;
use guards::{check_duplicate_keys, check_nesting};
use openapiv3::{OpenAPI, Parameter, ReferenceOr, RequestBody, Response, Schema};

/// A parsed spec and the file name used in error messages.
#[derive(Debug)]
pub struct Spec {
    /// The document.
    pub doc: OpenAPI,
    /// File name as the caller gave it.
    pub file: String,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Format {
    Json,
    Yaml,
}

impl Format {
    fn of(text: &str) -> Format {
        match text.trim_start_matches('\u{feff}').trim_start().chars().next() {
            Some('{') | Some('[') => Format::Json,
            _ => Format::Yaml,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Format::Json => "JSON",
            Format::Yaml => "YAML",
        }
    }
}

/// Appends one reference token to a JSON pointer, escaping `~` and `/`.
pub fn pointer_push(base: &str, token: &str) -> String {
    let mut out = String::with_capacity(base.len() + token.len() + 1);
    out.push_str(base);
    out.push('/');
    for c in token.chars() {
        match c {
            '~' => out.push_str("~0"),
            '/' => out.push_str("~1"),
            c => out.push(c),
        }
    }
    out
}

fn pointer_of(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut p = String::from("#");
    for seg in path.iter() {
        match seg {
            Segment::Seq { index } => p = pointer_push(&p, &index.to_string()),
            Segment::Map { key } => p = pointer_push(&p, key),
            Segment::Enum { variant } => p = pointer_push(&p, variant),
            Segment::Unknown => p.push_str("/?"),
        }
    }
    p
}

/// A YAML syntax error as reported for the spec file. Some have no
/// location (serde_yaml's limit on expanding aliases): those are about the
/// whole document, `#`.
fn yaml_syntax(e: &serde_yaml::Error, file: &str) -> Error {
    let message = strip_location(&e.to_string());
    match e.location() {
        Some(l) => Error::Syntax {
            file: file.to_owned(),
            format: Format::Yaml.name(),
            line: l.line(),
            column: l.column(),
            message,
        },
        None => Error::Shape {
            file: file.to_owned(),
            pointer: "#".into(),
            line: 0,
            column: 0,
            message: format!("not valid {}: {message}", Format::Yaml.name()),
        },
    }
}

/// serde_json's line and column, with column 0 (an error at the very
/// start of a line, such as an early end of the text) made 1: columns are
/// 1-based.
fn json_location(line: usize, column: usize) -> (usize, usize) {
    (line, column.max(1))
}

/// Parses spec text (JSON when it starts with `{`, otherwise YAML).
pub fn parse(text: &str, file: &str) -> Result<Spec, Error> {
    let text = text.trim_start_matches('\u{feff}');
    let format = Format::of(text);
    check_nesting(text, format, file)?;
    if format == Format::Json {
        // YAML's duplicate keys are refused by `check_nesting`'s read.
        check_duplicate_keys(text, file)?;
    }
    let parsed = match format {
        Format::Json => {
            let mut de = serde_json::Deserializer::from_str(text);
            serde_path_to_error::deserialize::<_, OpenAPI>(&mut de).map_err(|e| {
                let pointer = pointer_of(e.path());
                let inner = e.into_inner();
                let (line, column) = json_location(inner.line(), inner.column());
                (pointer, line, column, strip_location(&inner.to_string()))
            })
        }
        Format::Yaml => {
            let de = serde_yaml::Deserializer::from_str(text);
            serde_path_to_error::deserialize::<_, OpenAPI>(de).map_err(|e| {
                let pointer = pointer_of(e.path());
                let inner = e.into_inner();
                let (line, column) = inner.location().map_or((0, 0), |l| (l.line(), l.column()));
                let message = strip_yaml_path(&pointer, &strip_location(&inner.to_string()));
                (pointer, line, column, message)
            })
        }
    };
    match parsed {
        Ok(doc) => {
            check_version(Some(&doc.openapi), file)?;
            Ok(Spec { doc, file: file.to_owned() })
        }
        // Only on failure: find out whether the text is malformed, is not
        // OpenAPI 3.0, or is 3.0 with a value of the wrong shape.
        Err((pointer, line, column, message)) => Err(diagnose(text, format, file).err().unwrap_or(Error::Shape {
            file: file.to_owned(),
            pointer,
            line,
            column,
            message,
        })),
    }
}

/// Serde messages say " at line L column C" (at the end, or for some YAML
/// errors in the middle); we report the location apart, so it goes.
fn strip_location(msg: &str) -> String {
    let mut out = String::with_capacity(msg.len());
    let mut rest = msg;
    while let Some(i) = rest.find(" at line ") {
        let after = &rest[i + " at line ".len()..];
        let digits = |s: &str| s.len() - s.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        let line_len = digits(after);
        let tail = &after[line_len..];
        let column = tail.strip_prefix(" column ").map(|t| (t, digits(t))).filter(|(_, n)| *n > 0);
        match column {
            Some((t, n)) if line_len > 0 => {
                out.push_str(&rest[..i]);
                rest = &t[n..];
            }
            _ => {
                out.push_str(&rest[..i + 1]);
                rest = &rest[i + 1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// serde_yaml starts messages with its own (dotted, often shorter) path to
/// the value, `components.schemas: invalid type...`; the pointer says it
/// better, so a prefix that is part of the pointer goes.
fn strip_yaml_path(pointer: &str, msg: &str) -> String {
    let Some((prefix, rest)) = msg.split_once(": ") else { return msg.to_owned() };
    let tokens: Vec<&str> = pointer.trim_start_matches('#').split('/').filter(|t| !t.is_empty()).collect();
    let is_part = (1..=tokens.len()).any(|k| tokens[..k].join(".") == prefix);
    if is_part { rest.to_owned() } else { msg.to_owned() }
}

/// Re-reads text that failed to parse as OpenAPI, as plain data, to tell a
/// syntax error or a wrong version from a shape error.
fn diagnose(text: &str, format: Format, file: &str) -> Result<(), Error> {
    let version = match format {
        Format::Json => {
            let v: serde_json::Value = serde_json::from_str(text).map_err(|e| {
                let (line, column) = json_location(e.line(), e.column());
                Error::Syntax {
                    file: file.to_owned(),
                    format: format.name(),
                    line,
                    column,
                    message: strip_location(&e.to_string()),
                }
            })?;
            if !v.is_object() {
                return Err(not_a_mapping(file));
            }
            let swagger = v.get("swagger").map(|s| format!("swagger: {s}"));
            v.get("openapi").map(|o| o.to_string()).or(swagger)
        }
        Format::Yaml => {
            let v: serde_yaml::Value = serde_yaml::from_str(text).map_err(|e| yaml_syntax(&e, file))?;
            if !v.is_mapping() {
                return Err(not_a_mapping(file));
            }
            let text_of = |o: &serde_yaml::Value| match o.as_str() {
                Some(s) => format!("{s:?}"),
                None => serde_yaml::to_string(o).unwrap_or_default().trim().to_owned(),
            };
            // A Swagger (OpenAPI 2) document says so in `swagger`.
            let swagger = v.get("swagger").map(|s| format!("swagger: {}", text_of(s)));
            v.get("openapi").map(text_of).or(swagger)
        }
    };
    match version {
        None => Err(Error::UnsupportedVersion { file: file.to_owned(), found: "(missing)".into() }),
        Some(v) if !v.trim_matches('"').starts_with("3.0") => {
            Err(Error::UnsupportedVersion { file: file.to_owned(), found: v })
        }
        Some(_) => Ok(()),
    }
}

fn not_a_mapping(file: &str) -> Error {
    Error::Shape {
        file: file.to_owned(),
        pointer: "#".into(),
        line: 1,
        column: 1,
        message: "an OpenAPI document must be a mapping at the top level".into(),
    }
}

fn check_version(version: Option<&str>, file: &str) -> Result<(), Error> {
    match version {
        Some(v) if v.starts_with("3.0") => Ok(()),
        Some(v) => Err(Error::UnsupportedVersion { file: file.to_owned(), found: format!("{v:?}") }),
        None => Err(Error::UnsupportedVersion { file: file.to_owned(), found: "(missing)".into() }),
    }
}

/// Longest chain of `$ref`s to `$ref`s we follow.
const MAX_REF_CHAIN: usize = 64;

impl Spec {
    fn unresolved(&self, at: &str, reference: &str, reason: impl Into<String>) -> Error {
        Error::UnresolvedRef {
            file: self.file.clone(),
            pointer: at.to_owned(),
            reference: reference.to_owned(),
            reason: reason.into(),
        }
    }

    /// Splits `#/components/<section>/<name>` into its name, checking the section.
    fn component_name<'r>(&self, reference: &'r str, section: &str, at: &str) -> Result<&'r str, Error> {
        let Some(local) = reference.strip_prefix("#/components/") else {
            return Err(self.unresolved(at, reference, "only local references to #/components/... are supported"));
        };
        match local.split_once('/') {
            Some((s, name)) if s == section && !name.contains('/') => Ok(name),
            Some((s, _)) if s != section => {
                Err(self.unresolved(at, reference, format!("expected a reference into #/components/{section}")))
            }
            _ => Err(self.unresolved(at, reference, "malformed reference")),
        }
    }

    /// Follows a schema `$ref` (and chains of them) to a named component
    /// schema. Returns the component name and the schema.
    pub fn schema_component<'s>(&'s self, reference: &str, at: &str) -> Result<(&'s str, &'s Schema), Error> {
        let mut chain: Vec<&str> = vec![reference];
        let mut current = reference;
        loop {
            let name = self.component_name(current, "schemas", at)?;
            let schemas = self.doc.components.as_ref().map(|c| &c.schemas);
            let Some((key, found)) = schemas.and_then(|s| s.get_key_value(name)) else {
                return Err(self.unresolved(at, current, "no such schema in #/components/schemas"));
            };
            match found {
                ReferenceOr::Item(schema) => return Ok((key.as_str(), schema)),
                ReferenceOr::Reference { reference: next } => {
                    self.check_chain(&mut chain, next, at, reference)?;
                    current = next;
                }
            }
        }
    }

    /// Adds `next` to a chain of `$ref`s being followed from `first`,
    /// refusing a cycle (naming every link) or an overlong chain.
    fn check_chain<'r>(&self, chain: &mut Vec<&'r str>, next: &'r str, at: &str, first: &str) -> Result<(), Error> {
        let cyclic = chain.contains(&next);
        chain.push(next);
        if cyclic {
            return Err(self.unresolved(at, first, format!("cyclic chain of $ref: {}", chain.join(" -> "))));
        }
        if chain.len() > MAX_REF_CHAIN {
            return Err(self.unresolved(at, first, format!("chain of more than {MAX_REF_CHAIN} $refs")));
        }
        Ok(())
    }

    /// Resolves a parameter (inline or `$ref`).
    pub fn parameter<'s>(&'s self, p: &'s ReferenceOr<Parameter>, at: &str) -> Result<&'s Parameter, Error> {
        self.resolve(p, at, "parameters", |c| &c.parameters)
    }

    /// Resolves a request body (inline or `$ref`).
    pub fn request_body<'s>(&'s self, b: &'s ReferenceOr<RequestBody>, at: &str) -> Result<&'s RequestBody, Error> {
        self.resolve(b, at, "requestBodies", |c| &c.request_bodies)
    }

    /// Resolves a response (inline or `$ref`).
    pub fn response<'s>(&'s self, r: &'s ReferenceOr<Response>, at: &str) -> Result<&'s Response, Error> {
        self.resolve(r, at, "responses", |c| &c.responses)
    }

    fn resolve<'s, T>(
        &'s self,
        item: &'s ReferenceOr<T>,
        at: &str,
        section: &str,
        table: impl Fn(&'s openapiv3::Components) -> &'s indexmap::IndexMap<String, ReferenceOr<T>>,
    ) -> Result<&'s T, Error> {
        let mut chain: Vec<&str> = Vec::new();
        let mut current = item;
        loop {
            match current {
                ReferenceOr::Item(t) => return Ok(t),
                ReferenceOr::Reference { reference } => {
                    let first = chain.first().copied().unwrap_or(reference);
                    if chain.is_empty() {
                        chain.push(reference);
                    } else {
                        self.check_chain(&mut chain, reference, at, first)?;
                    }
                    let name = self.component_name(reference, section, at)?;
                    current = self.doc.components.as_ref().and_then(|c| table(c).get(name)).ok_or_else(|| {
                        self.unresolved(at, reference, format!("no such entry in #/components/{section}"))
                    })?;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointer_tokens_are_escaped() {
        assert_eq!(pointer_push("#/paths", "/v1/charges"), "#/paths/~1v1~1charges");
        assert_eq!(pointer_push("#", "a~b"), "#/a~0b");
    }

    #[test]
    fn locations_are_taken_out_of_messages() {
        assert_eq!(strip_location("expected value at line 3 column 11"), "expected value");
        assert_eq!(
            strip_location("did not find expected ',' or ']' at line 4 column 10, while parsing a flow sequence"),
            "did not find expected ',' or ']', while parsing a flow sequence"
        );
        assert_eq!(strip_location("look at line endings"), "look at line endings");
        assert_eq!(strip_location("at line 3 column 1"), "at line 3 column 1");
    }

    #[test]
    fn yaml_paths_that_repeat_the_pointer_go() {
        assert_eq!(strip_yaml_path("#/components/schemas/a", "components.schemas: bad"), "bad");
        assert_eq!(strip_yaml_path("#/info", "info: invalid type"), "invalid type");
        assert_eq!(strip_yaml_path("#/info", "expected: a map"), "expected: a map");
    }

    #[test]
    fn format_is_chosen_by_content() {
        assert_eq!(Format::of("  {\"openapi\": 1}"), Format::Json);
        assert_eq!(Format::of("openapi: 3.0.0"), Format::Yaml);
        assert_eq!(Format::of("\u{feff}{}"), Format::Json);
    }
}
