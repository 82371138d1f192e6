//! Checks on the spec text before anything recursive reads it: nesting
//! depth (so no stack overflows) and duplicate JSON keys (which the OpenAPI
//! model would otherwise panic on). Malformed text passes; the parse
//! reports it.

use super::{Format, json_location, pointer_push, yaml_syntax};
use crate::error::Error;

/// Deepest nesting of mappings and sequences a spec may have: just under
/// the JSON reader's own limit (128), so the error names the place. Stripe's
/// 2018 specs nest about 21 deep; newer ones nest deeper. Reading, lowering
/// and printing recurse once per level; the generator runs on a thread with
/// a large stack ([`crate::STACK_SIZE`]), so this depth is safe even in debug
/// builds, and anything deeper is refused rather than overflowing.
pub const MAX_NESTING: usize = 120;

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
pub(super) fn check_nesting(text: &str, format: Format, file: &str) -> Result<(), Error> {
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

/// Refuses a JSON object with a key twice, naming its pointer and place.
///
/// serde_json keeps the last value silently, and openapiv3 panics on such
/// an object where a `$ref` may stand (its lenient second parse succeeds
/// where the first failed). Malformed text passes: the parse reports it.
/// Runs after [`check_nesting`], so its recursion is bounded.
pub(super) fn check_duplicate_keys(text: &str, file: &str) -> Result<(), Error> {
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
