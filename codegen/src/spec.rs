//! The OpenAPI document as written: parsing (JSON or YAML, chosen by
//! content), version check, and `$ref` resolution with JSON pointers.
//! Knows nothing about Rust.

use crate::error::Error;
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

/// Deepest nesting of mappings and sequences a spec may have. Stripe's
/// specs nest about 21 deep. Reading the OpenAPI model, lowering and
/// printing recurse once per level; in debug builds a 2 MiB thread (what
/// `std::thread::spawn` and the test harness give) overflows near 65, and
/// an overflow aborts the process instead of reporting where the problem is.
pub const MAX_NESTING: usize = 48;

fn too_deep(file: &str, pointer: String, line: usize, column: usize) -> Error {
    Error::Shape {
        file: file.to_owned(),
        pointer,
        line,
        column,
        message: format!("nested more than {MAX_NESTING} levels deep (the most this generator reads)"),
    }
}

/// Refuses text nested deeper than [`MAX_NESTING`] before anything
/// recursive reads it. Malformed text passes: the parse reports it.
fn check_nesting(text: &str, format: Format, file: &str) -> Result<(), Error> {
    match format {
        // A scan of the brackets outside strings: no parse, no recursion.
        Format::Json => {
            let (mut depth, mut line, mut column) = (0usize, 1usize, 0usize);
            let (mut in_string, mut escaped) = (false, false);
            for c in text.chars() {
                if c == '\n' {
                    line += 1;
                    column = 0;
                } else {
                    column += 1;
                }
                if in_string {
                    match c {
                        _ if escaped => escaped = false,
                        '\\' => escaped = true,
                        '"' => in_string = false,
                        _ => {}
                    }
                    continue;
                }
                match c {
                    '"' => in_string = true,
                    '{' | '[' => {
                        depth += 1;
                        if depth > MAX_NESTING {
                            return Err(too_deep(file, "#".into(), line, column));
                        }
                    }
                    '}' | ']' => depth = depth.saturating_sub(1),
                    _ => {}
                }
            }
            Ok(())
        }
        // YAML nests by indentation as well as brackets, so read it as plain
        // data (serde_yaml stops at 128 levels; deep flow collections are
        // counted first, as its scan of them is slow) and walk that
        // without recursion. Text that does not read is refused here: the
        // typed parse could overflow before reaching serde_yaml's limit.
        Format::Yaml => {
            check_flow_depth(text, file)?;
            let value = serde_yaml::from_str::<serde_yaml::Value>(text).map_err(|e| yaml_syntax(&e, file))?;
            let mut stack: Vec<(&serde_yaml::Value, usize, String)> = vec![(&value, 0, "#".into())];
            while let Some((v, depth, pointer)) = stack.pop() {
                let children: Vec<(String, &serde_yaml::Value)> = match v {
                    serde_yaml::Value::Mapping(m) => m.iter().map(|(k, v)| (yaml_key(k), v)).collect(),
                    serde_yaml::Value::Sequence(s) => s.iter().enumerate().map(|(i, v)| (i.to_string(), v)).collect(),
                    serde_yaml::Value::Tagged(t) => vec![(String::new(), &t.value)],
                    _ => continue,
                };
                if depth + 1 > MAX_NESTING {
                    return Err(too_deep(file, pointer, 0, 0));
                }
                // Scalars cannot be too deep: only containers are visited.
                let containers = children.into_iter().filter(|(_, c)| {
                    !matches!(
                        c,
                        serde_yaml::Value::Null
                            | serde_yaml::Value::Bool(_)
                            | serde_yaml::Value::Number(_)
                            | serde_yaml::Value::String(_)
                    )
                });
                for (key, child) in containers.rev() {
                    let child_pointer = if key.is_empty() { pointer.clone() } else { pointer_push(&pointer, &key) };
                    stack.push((child, depth + 1, child_pointer));
                }
            }
            Ok(())
        }
    }
}

/// serde_yaml's limit on nesting.
const YAML_DEPTH_LIMIT: usize = 128;

/// Refuses YAML flow collections (`[...]`, `{...}`) nested deeper than
/// serde_yaml reads, in one linear pass. serde_yaml refuses them too, but
/// only after a scan whose time grows with the square of their depth
/// (20,000 levels take seconds in a debug build, 100,000 minutes).
///
/// Counts only brackets where a collection can start (at the start of a
/// line, or after `:`, `-`, `?`, `,` or another bracket), and skips
/// comments, quoted scalars and block scalars, so that brackets in text
/// are not counted.
fn check_flow_depth(text: &str, file: &str) -> Result<(), Error> {
    let mut depth = 0usize;
    let mut quote: Option<char> = None;
    // Inside a block scalar (`|`, `>`): the indentation of its key's line.
    let mut block: Option<usize> = None;
    for (number, line) in text.lines().enumerate() {
        let indent = line.len() - line.trim_start_matches(' ').len();
        if let Some(parent) = block {
            if line.trim().is_empty() || indent > parent {
                continue;
            }
            block = None;
        }
        // The last character that is not a space on this line.
        let mut prev: Option<char> = None;
        let mut chars = line.char_indices().peekable();
        while let Some((at, c)) = chars.next() {
            if let Some(q) = quote {
                match c {
                    '\\' if q == '"' => {
                        chars.next();
                    }
                    '\'' if q == '\'' && chars.peek().is_some_and(|&(_, n)| n == '\'') => {
                        chars.next();
                    }
                    _ if c == q => {
                        quote = None;
                        prev = Some(c);
                    }
                    _ => {}
                }
                continue;
            }
            let starts_token = matches!(prev, None | Some(':' | '-' | '?' | ',' | '[' | '{'));
            match c {
                ' ' | '\t' => continue,
                '#' if at == 0 || line[..at].ends_with([' ', '\t']) => break,
                '"' | '\'' if starts_token => quote = Some(c),
                '|' | '>' if starts_token && depth == 0 => {
                    block = Some(indent);
                    break;
                }
                '[' | '{' if starts_token => {
                    depth += 1;
                    if depth > YAML_DEPTH_LIMIT {
                        return Err(Error::Syntax {
                            file: file.to_owned(),
                            format: Format::Yaml.name(),
                            line: number + 1,
                            column: line[..at].chars().count() + 1,
                            message: format!(
                                "recursion limit exceeded: flow collections nested more than {YAML_DEPTH_LIMIT} levels deep"
                            ),
                        });
                    }
                }
                ']' | '}' => depth = depth.saturating_sub(1),
                _ => {}
            }
            prev = Some(c);
        }
    }
    Ok(())
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

/// Refuses a JSON object with a key twice, naming its pointer and place.
///
/// serde_json keeps the last value silently, and openapiv3 panics on such
/// an object where a `$ref` may stand (its lenient second parse succeeds
/// where the first failed). Malformed text passes: the parse reports it.
/// Runs after [`check_nesting`], so its recursion is bounded.
fn check_duplicate_keys(text: &str, file: &str) -> Result<(), Error> {
    use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
    use std::cell::RefCell;

    struct Walk<'a> {
        pointer: String,
        duplicate: &'a RefCell<Option<(String, String)>>,
    }

    impl<'de> DeserializeSeed<'de> for Walk<'_> {
        type Value = ();
        fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
            d.deserialize_any(self)
        }
    }

    impl<'de> Visitor<'de> for Walk<'_> {
        type Value = ();
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("any JSON value")
        }
        fn visit_bool<E>(self, _: bool) -> Result<(), E> {
            Ok(())
        }
        fn visit_i64<E>(self, _: i64) -> Result<(), E> {
            Ok(())
        }
        fn visit_u64<E>(self, _: u64) -> Result<(), E> {
            Ok(())
        }
        fn visit_f64<E>(self, _: f64) -> Result<(), E> {
            Ok(())
        }
        fn visit_str<E>(self, _: &str) -> Result<(), E> {
            Ok(())
        }
        fn visit_unit<E>(self) -> Result<(), E> {
            Ok(())
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
            let mut i = 0usize;
            let duplicate = self.duplicate;
            while seq
                .next_element_seed(Walk { pointer: pointer_push(&self.pointer, &i.to_string()), duplicate })?
                .is_some()
            {
                i += 1;
            }
            Ok(())
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
            let mut seen = std::collections::BTreeSet::new();
            while let Some(key) = map.next_key::<String>()? {
                let pointer = pointer_push(&self.pointer, &key);
                if seen.contains(&key) {
                    *self.duplicate.borrow_mut() = Some((self.pointer.clone(), key));
                    return Err(de::Error::custom("duplicate key"));
                }
                seen.insert(key);
                map.next_value_seed(Walk { pointer, duplicate: self.duplicate })?;
            }
            Ok(())
        }
    }

    let duplicate = RefCell::new(None);
    let mut de = serde_json::Deserializer::from_str(text);
    let Err(e) = Walk { pointer: "#".into(), duplicate: &duplicate }.deserialize(&mut de) else { return Ok(()) };
    match duplicate.into_inner() {
        Some((object, key)) => {
            let (line, column) = json_location(e.line(), e.column());
            Err(Error::Shape {
                file: file.to_owned(),
                pointer: object,
                line,
                column,
                message: format!("key {key:?} appears twice in this object"),
            })
        }
        None => Ok(()),
    }
}

/// A YAML mapping key as a JSON pointer token.
fn yaml_key(k: &serde_yaml::Value) -> String {
    match k {
        serde_yaml::Value::String(s) => s.clone(),
        other => serde_yaml::to_string(other).unwrap_or_default().trim().to_owned(),
    }
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
    fn duplicate_json_keys_are_refused_with_their_object() {
        let text = "{\"openapi\": \"3.0.0\",\n \"x\": [{\"a\": 1, \"b/c\": {}, \"b/c\": 2}]}";
        let e = check_duplicate_keys(text, "f.json").unwrap_err();
        assert_eq!(e.to_string(), "f.json:2:32: #/x/0: key \"b/c\" appears twice in this object");
        assert!(check_duplicate_keys("{\"a\": {\"a\": 1}, \"b\": [1, 1]}", "f.json").is_ok());
        assert!(check_duplicate_keys("{\"a\": ", "f.json").is_ok(), "malformed text is left to the parse");
    }

    #[test]
    fn deep_yaml_flow_collections_are_refused_in_one_pass() {
        let deep = format!("a:\n  b: {}1\n", "[".repeat(YAML_DEPTH_LIMIT + 1));
        let e = check_flow_depth(&deep, "f.yaml").unwrap_err();
        assert_eq!(
            e.to_string(),
            format!(
                "f.yaml:2:{}: not valid YAML: recursion limit exceeded: flow collections nested more than 128 levels deep",
                6 + YAML_DEPTH_LIMIT
            )
        );
        let within = format!("a: {}1{}\n", "{b: ".repeat(YAML_DEPTH_LIMIT), "}".repeat(YAML_DEPTH_LIMIT));
        assert!(check_flow_depth(&within, "f.yaml").is_ok());
        // Brackets in text are not collections.
        let line = "a: see [1\n";
        let quoted = "- '[[[' \n- \"[[\\\"[\"\n";
        let block = format!("d: |\n  {}\n  - [x\ne: [1]\n", "[".repeat(200));
        let comment = format!("f: 1 # {}\n", "{".repeat(200));
        for text in [line.repeat(200), quoted.repeat(200), block, comment] {
            assert!(check_flow_depth(&text, "f.yaml").is_ok(), "{text}");
        }
    }

    #[test]
    fn format_is_chosen_by_content() {
        assert_eq!(Format::of("  {\"openapi\": 1}"), Format::Json);
        assert_eq!(Format::of("openapi: 3.0.0"), Format::Yaml);
        assert_eq!(Format::of("\u{feff}{}"), Format::Json);
    }
}
