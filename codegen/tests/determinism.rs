//! The same spec always gives the same bytes: run to run, and whatever
//! order the spec lists its schemas and paths in (names and collisions are
//! decided by sorted keys, never by document order).

mod common;

use std::path::Path;

/// Panics with the first differing file when two outputs differ.
fn assert_same(what: &str, a: &codegen::Output, b: &codegen::Output) {
    let paths = |o: &codegen::Output| o.files.iter().map(|f| f.path.clone()).collect::<Vec<_>>();
    assert_eq!(paths(a), paths(b), "{what}: different file lists");
    for (x, y) in a.files.iter().zip(&b.files) {
        assert!(
            x.contents == y.contents,
            "{what}: {} differs:\n--- first\n{}\n--- second\n{}",
            x.path,
            x.contents,
            y.contents
        );
    }
    let warnings = |o: &codegen::Output| o.warnings.iter().map(ToString::to_string).collect::<Vec<_>>();
    assert_eq!(warnings(a), warnings(b), "{what}: different warnings");
}

#[test]
fn generating_twice_gives_identical_files() {
    for path in common::fixtures() {
        let first = common::generate(&path);
        let second = common::generate(&path);
        assert_same(&path.display().to_string(), &first, &second);
    }
}

/// Checked-in variants of `fixtures/names.yaml`: one with the keys of
/// `components/schemas`, `paths` and the top level reversed, one with them
/// interleaved and written as JSON. When `names.yaml` changes, rewrite both
/// from it (same content, only the key order differs).
#[test]
fn reordered_variants_of_a_fixture_give_identical_files() {
    let fixture = common::fixtures_dir().join("names.yaml");
    let expected = common::generate(&fixture);
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/reordered");
    for variant in ["names.reversed.yaml", "names.shuffled.json"] {
        let text = std::fs::read_to_string(dir.join(variant)).expect("variant is readable");
        // Same spec name, so the file headers match too.
        let got = codegen::generate(&text, &common::options(&fixture)).unwrap_or_else(|e| panic!("{variant}: {e}"));
        assert_same(variant, &expected, &got);
    }
}

/// Reverses the keys of the mapping at `key` in `map`, if there is one.
fn reverse_keys(map: &mut serde_yaml::Mapping, key: &str) {
    if let Some(serde_yaml::Value::Mapping(inner)) = map.get_mut(key) {
        let entries: Vec<(serde_yaml::Value, serde_yaml::Value)> = std::mem::take(inner).into_iter().collect();
        inner.extend(entries.into_iter().rev());
    }
}

#[test]
fn every_fixture_with_schemas_and_paths_reversed_gives_identical_files() {
    for path in common::fixtures() {
        let text = std::fs::read_to_string(&path).expect("fixture is readable");
        let mut doc: serde_yaml::Value = serde_yaml::from_str(&text).expect("fixture is YAML");
        let serde_yaml::Value::Mapping(top) = &mut doc else { panic!("{}: not a mapping", path.display()) };
        reverse_keys(top, "paths");
        if let Some(serde_yaml::Value::Mapping(components)) = top.get_mut("components") {
            reverse_keys(components, "schemas");
        }
        let reversed = serde_yaml::to_string(&doc).expect("serializable");
        let got = codegen::generate(&reversed, &common::options(&path)).unwrap_or_else(|e| panic!("{e}"));
        assert_same(&format!("{} reversed", path.display()), &common::generate(&path), &got);
    }
}
