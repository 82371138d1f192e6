//! Every way a spec can be refused: the error variant, where it points and
//! what its message says. Each message must name the file, the place in it
//! and the reason, because that is all a user sees.

use codegen::{Error, Options};

const FILE: &str = "specs/broken.yaml";

fn opts(strict: bool) -> Options {
    Options { spec_name: FILE.into(), strict, extras: false }
}

/// Generates in strict mode and returns the error, failing if there is none.
fn error_of(text: &str) -> Error {
    match codegen::generate(text, &opts(true)) {
        Ok(_) => panic!("expected an error for:\n{text}"),
        Err(e) => e,
    }
}

/// The Display text, checked to name the file and contain every `part`.
fn message(e: &Error, parts: &[&str]) -> String {
    let text = e.to_string();
    assert!(text.starts_with(FILE), "message does not start with the file name: {text}");
    for part in parts {
        assert!(text.contains(part), "message lacks `{part}`: {text}");
    }
    text
}

/// A valid document head; tests append `components` or `paths`.
const HEAD: &str = "openapi: 3.0.0\ninfo: {title: t, version: v}\n";

// --- Syntax -------------------------------------------------------------

#[test]
fn malformed_json_reports_line_and_column() {
    let e = error_of("{\n  \"openapi\": \"3.0.0\",\n  \"info\": }\n");
    let Error::Syntax { format, line, column, .. } = &e else { panic!("expected Syntax, got {e:?}") };
    assert_eq!((*format, *line, *column), ("JSON", 3, 11));
    let text = message(&e, &[":3:11:", "not valid JSON", "expected value"]);
    assert!(!text.contains("at line"), "location is given once: {text}");
}

#[test]
fn malformed_yaml_reports_line_and_column() {
    let e = error_of("openapi: 3.0.0\ninfo:\n  title: [unclosed\n  version: x\n");
    let Error::Syntax { format, line, column, .. } = &e else { panic!("expected Syntax, got {e:?}") };
    assert_eq!((*format, *line, *column), ("YAML", 4, 10));
    let text = message(&e, &[":4:10:", "not valid YAML", "did not find expected ',' or ']'"]);
    // serde_yaml puts its location in the middle of this message.
    assert!(!text.contains("at line"), "location is given once: {text}");

    let e = error_of("openapi: 3.0.0\ninfo:\n\ttitle: x\n");
    let Error::Syntax { line: 3, column: 1, .. } = &e else { panic!("expected Syntax at 3:1, got {e:?}") };
    message(&e, &[":3:1:", "not valid YAML", "cannot start any token"]);
}

#[test]
fn a_document_that_is_not_a_mapping_is_refused() {
    for text in ["just a string\n", "[1, 2]"] {
        let e = error_of(text);
        assert!(matches!(e, Error::Shape { .. }), "{e:?}");
        message(&e, &["#: ", "must be a mapping"]);
    }
}

// --- References -----------------------------------------------------------

#[test]
fn unresolved_ref_gives_its_pointer_and_text() {
    let text = format!(
        "{HEAD}paths: {{}}\ncomponents:\n  schemas:\n    charge:\n      properties:\n        customer:\n          \
         $ref: '#/components/schemas/customer'\n      type: object\n"
    );
    let e = error_of(&text);
    let Error::UnresolvedRef { pointer, reference, .. } = &e else { panic!("expected UnresolvedRef, got {e:?}") };
    assert_eq!(pointer, "#/components/schemas/charge/properties/customer");
    assert_eq!(reference, "#/components/schemas/customer");
    message(
        &e,
        &["#/components/schemas/charge/properties/customer", "`#/components/schemas/customer`", "no such schema"],
    );
}

#[test]
fn unresolved_ref_in_an_operation_points_into_paths() {
    let text = format!(
        "{HEAD}paths:\n  /v1/charges:\n    get:\n      responses:\n        '200':\n          description: OK\n          \
         content:\n            application/json:\n              schema:\n                $ref: '#/components/schemas/charge'\n"
    );
    let e = error_of(&text);
    let Error::UnresolvedRef { pointer, .. } = &e else { panic!("expected UnresolvedRef, got {e:?}") };
    assert!(pointer.starts_with("#/paths/~1v1~1charges/get"), "{pointer}");
    message(&e, &["#/paths/~1v1~1charges/get", "`#/components/schemas/charge`"]);
}

#[test]
fn a_bad_parameter_of_a_path_item_points_at_the_path_item() {
    // Parameters shared by every operation of a path sit beside them; a
    // random seed once found their errors pointed at `/parameters/0` alone.
    let text = format!(
        "{HEAD}paths:\n  /v1/charges:\n    parameters:\n      - $ref: '#/components/schemas/charge'\n    get:\n      \
         responses:\n        '200':\n          description: OK\n"
    );
    let e = error_of(&text);
    let Error::UnresolvedRef { pointer, .. } = &e else { panic!("expected UnresolvedRef, got {e:?}") };
    assert_eq!(pointer, "#/paths/~1v1~1charges/parameters/0");
    message(&e, &["#/paths/~1v1~1charges/parameters/0", "expected a reference into #/components/parameters"]);
}

#[test]
fn non_local_ref_is_refused_with_the_reason() {
    let text =
        format!("{HEAD}paths: {{}}\ncomponents:\n  schemas:\n    a:\n      $ref: 'other.yaml#/components/schemas/b'\n");
    let e = error_of(&text);
    assert!(matches!(e, Error::UnresolvedRef { .. }), "{e:?}");
    message(&e, &["#/components/schemas/a", "`other.yaml#/components/schemas/b`", "only local references"]);
}

#[test]
fn cyclic_ref_chain_names_every_link() {
    let text = format!(
        "{HEAD}paths: {{}}\ncomponents:\n  schemas:\n    a:\n      $ref: '#/components/schemas/b'\n    b:\n      \
         $ref: '#/components/schemas/c'\n    c:\n      $ref: '#/components/schemas/a'\n"
    );
    let e = error_of(&text);
    assert!(matches!(e, Error::UnresolvedRef { .. }), "{e:?}");
    message(
        &e,
        &[
            "#/components/schemas/a:",
            "cyclic chain of $ref: #/components/schemas/a -> #/components/schemas/b -> #/components/schemas/c -> \
             #/components/schemas/a",
        ],
    );
}

#[test]
fn cyclic_parameter_refs_are_refused() {
    let text = format!(
        "{HEAD}paths:\n  /v1/x:\n    get:\n      parameters:\n      - $ref: '#/components/parameters/p'\n      \
         responses: {{}}\ncomponents:\n  parameters:\n    p:\n      $ref: '#/components/parameters/q'\n    q:\n      \
         $ref: '#/components/parameters/p'\n"
    );
    let e = error_of(&text);
    assert!(matches!(e, Error::UnresolvedRef { .. }), "{e:?}");
    message(&e, &["#/paths/~1v1~1x/get/parameters/0", "cyclic chain of $ref", "#/components/parameters/q"]);
}

#[test]
fn schema_defined_in_terms_of_itself_is_refused() {
    // An alias of itself, directly and through an array: no Rust type can
    // be either.
    for (schema, at) in [
        ("a:\n      anyOf:\n      - $ref: '#/components/schemas/a'\n", "#/components/schemas/a/anyOf/0"),
        (
            "a:\n      items:\n        $ref: '#/components/schemas/a'\n      type: array\n",
            "#/components/schemas/a/items",
        ),
    ] {
        let e = error_of(&format!("{HEAD}paths: {{}}\ncomponents:\n  schemas:\n    {schema}"));
        assert!(matches!(e, Error::Invalid { .. }), "{e:?}");
        message(&e, &[at, "schema `a` is defined in terms of itself"]);
    }
}

// --- Versions ---------------------------------------------------------------

#[test]
fn versions_other_than_3_0_are_refused() {
    let cases = [
        ("swagger: '2.0'\ninfo: {title: t, version: v}\npaths: {}\n", "swagger: \"2.0\""),
        (r#"{"swagger": "2.0", "info": {"title": "t", "version": "v"}, "paths": {}}"#, "swagger: \"2.0\""),
        ("openapi: 3.1.0\ninfo: {title: t, version: v}\npaths: {}\n", "\"3.1.0\""),
        // 3.1 syntax that the 3.0 model cannot read: still a version error.
        (
            r#"{"openapi": "3.1.0", "info": {"title": "t", "version": "v"}, "paths": {},
               "components": {"schemas": {"a": {"type": ["string", "null"]}}}}"#,
            "\"3.1.0\"",
        ),
        ("openapi: 3.1\ninfo: {title: t, version: v}\npaths: {}\n", "\"3.1\""),
        ("info: {title: t, version: v}\npaths: {}\n", "(missing)"),
        (r#"{"info": {"title": "t", "version": "v"}, "paths": {}}"#, "(missing)"),
    ];
    for (text, found) in cases {
        let e = error_of(text);
        let Error::UnsupportedVersion { found: f, .. } = &e else { panic!("expected UnsupportedVersion, got {e:?}") };
        assert_eq!(f, found);
        message(&e, &["#/openapi", &format!("unsupported OpenAPI version {found}"), "3.0.x"]);
    }
}

// --- Operations -------------------------------------------------------------

const DUPLICATE_IDS: &str = "openapi: 3.0.0
info: {title: t, version: v}
paths:
  /v1/charges:
    get:
      operationId: GetCharges
      responses: {}
  /v1/refunds:
    get:
      operationId: GetCharges
      responses: {}
";

#[test]
fn duplicate_operation_id_is_an_error_in_strict_mode() {
    let e = error_of(DUPLICATE_IDS);
    let Error::DuplicateOperationId { pointer, first, id, .. } = &e else {
        panic!("expected DuplicateOperationId, got {e:?}")
    };
    assert_eq!(id, "GetCharges");
    assert_eq!(first, "#/paths/~1v1~1charges/get");
    assert_eq!(pointer, "#/paths/~1v1~1refunds/get");
    message(&e, &["#/paths/~1v1~1refunds/get", "duplicate operationId `GetCharges`", "#/paths/~1v1~1charges/get"]);
}

#[test]
fn duplicate_operation_id_is_a_warning_in_lenient_mode() {
    let out = codegen::generate(DUPLICATE_IDS, &opts(false)).expect("lenient mode accepts duplicate ids");
    assert_eq!(out.warnings.len(), 1, "{:?}", out.warnings);
    let w = &out.warnings[0];
    assert_eq!(w.pointer, "#/paths/~1v1~1refunds/get");
    assert!(w.to_string().contains("duplicate operationId `GetCharges` (first used at #/paths/~1v1~1charges/get)"));
}

// --- Shape --------------------------------------------------------------------

#[test]
fn wrong_type_in_a_schema_position_is_a_shape_error() {
    let yaml = format!("{HEAD}paths: {{}}\ncomponents:\n  schemas:\n    a:\n      properties: 5\n      type: object\n");
    let json = r#"{"openapi": "3.0.0", "info": {"title": "t", "version": "v"}, "paths": {},
        "components": {"schemas": {"a": {"type": "object", "properties": 5}}}}"#;
    for text in [yaml.as_str(), json] {
        let e = error_of(text);
        let Error::Shape { pointer, line, .. } = &e else { panic!("expected Shape, got {e:?}") };
        // The model reads schemas through untagged enums, which hide the
        // last step (`properties`) from the path.
        assert_eq!(pointer, "#/components/schemas/a");
        assert!(*line > 0, "{e:?}");
        let text = message(&e, &["#/components/schemas/a:", "invalid type: integer `5`, expected a map"]);
        assert!(!text.contains("components.schemas:"), "serde_yaml's own path is dropped: {text}");
    }
}

#[test]
fn wrong_type_at_the_top_is_a_shape_error_with_its_line() {
    let e = error_of("openapi: 3.0.0\ninfo: 5\npaths: {}\n");
    let Error::Shape { pointer, line, column, .. } = &e else { panic!("expected Shape, got {e:?}") };
    assert_eq!((pointer.as_str(), *line, *column), ("#/info", 2, 7));
    message(&e, &[":2:7: #/info: invalid type: integer `5`, expected struct Info"]);
}

// --- Depth: errors, never a stack overflow ------------------------------------

#[test]
fn ten_thousand_levels_of_json_are_refused() {
    let text = format!("{}1{}", "{\"a\":".repeat(10_000), "}".repeat(10_000));
    let e = error_of(&text);
    assert!(matches!(e, Error::Shape { line: 1, .. }), "{e:?}");
    message(&e, &[":1:", "nested more than 120 levels deep"]);
}

#[test]
fn ten_thousand_levels_of_yaml_are_refused() {
    // Block mappings, one more space of indentation per level.
    let mut block = String::with_capacity(50_100_000);
    for i in 0..10_000 {
        block.extend(std::iter::repeat_n(' ', i));
        block.push_str("a:\n");
    }
    let e = error_of(&block);
    assert!(matches!(e, Error::Syntax { format: "YAML", .. } | Error::Shape { .. }), "{e:?}");
    message(&e, &["recursion limit exceeded"]);

    // Flow mappings.
    let flow = format!("a: {}1{}\n", "{a: ".repeat(10_000), "}".repeat(10_000));
    let e = error_of(&flow);
    assert!(matches!(e, Error::Syntax { format: "YAML", .. } | Error::Shape { .. }), "{e:?}");
    message(&e, &["not valid YAML", "recursion limit exceeded"]);
}

/// `levels` schemas nested in one another (`open` ... `close`) as the type
/// of property `x` of component `a`.
fn nested_schema(open: &str, close: &str, levels: usize) -> String {
    format!(
        "{HEAD}paths: {{}}\ncomponents:\n  schemas:\n    a: {{type: object, properties: {{x: {}{{type: string}}{}}}}}\n",
        open.repeat(levels),
        close.repeat(levels)
    )
}

#[test]
fn nesting_within_the_limit_is_read() {
    // Stripe's 2018 specs nest about 21 levels; these come close to the
    // limit (120) and must neither fail nor overflow a test thread's stack.
    for (open, close, levels) in
        [("{type: object, properties: {x: ", "}}", 55), ("{anyOf: [", "]}", 55), ("{type: array, items: ", "}", 60)]
    {
        let text = nested_schema(open, close, levels);
        codegen::generate(&text, &opts(true)).unwrap_or_else(|e| panic!("{levels} x {open}: {e}"));
    }
}

#[test]
fn nesting_past_the_limit_is_refused_with_a_pointer() {
    let e = error_of(&nested_schema("{type: object, properties: {x: ", "}}", 60));
    let Error::Shape { pointer, .. } = &e else { panic!("expected Shape, got {e:?}") };
    assert!(pointer.starts_with("#/components/schemas/a/properties/x/properties/x/"), "{pointer}");
    message(&e, &["#/components/schemas/a/properties/x/properties/x/", "nested more than 120 levels deep"]);
}

#[test]
fn types_nested_too_deep_are_refused() {
    // Within the nesting limit, but `Vec<Vec<...>>` 80 deep.
    let e = error_of(&nested_schema("{type: array, items: ", "}", 80));
    assert!(matches!(e, Error::Invalid { .. }), "{e:?}");
    message(&e, &["#/components/schemas/a/properties/x/items/items/", "nests 65 levels deep"]);
}

/// `n` component schemas `s0` ... `s{n-1}`, each `link(next)`, and a last
/// one that is a plain object.
fn chain(n: usize, link: impl Fn(usize) -> String) -> String {
    let mut s = format!("{HEAD}paths: {{}}\ncomponents:\n  schemas:\n");
    for i in 0..n {
        s.push_str(&format!("    s{i}:\n{}", link(i + 1)));
    }
    s.push_str(&format!("    s{n}:\n      properties:\n        id:\n          type: string\n      type: object\n"));
    s
}

#[test]
fn a_long_chain_of_references_is_lowered_without_deep_recursion() {
    // `s0` holds an `s1` holds an `s2` ...: each is its own struct.
    let text = chain(10_000, |next| {
        format!(
            "      properties:\n        next:\n          $ref: '#/components/schemas/s{next}'\n      type: object\n"
        )
    });
    let (api, _) = codegen::load(&text, &opts(true)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(api.types.len(), 10_001);
}

#[test]
fn a_long_chain_of_aliases_is_refused() {
    // `s0` is an array of `s1`, which is an array of `s2` ...: one type
    // nested 10,000 deep.
    let text = chain(10_000, |next| {
        format!("      items:\n        $ref: '#/components/schemas/s{next}'\n      type: array\n")
    });
    let e = error_of(&text);
    assert!(matches!(e, Error::Invalid { .. }), "{e:?}");
    message(&e, &["#/components/schemas/s", "references deep"]);
}
