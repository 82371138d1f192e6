//! Snapshots of the generated code for each fixture spec in
//! `tests/fixtures/` (one small spec per concern; the comment at the top of
//! each says what it pins). Review changes with `cargo insta review`; a
//! changed snapshot fails the test.

mod common;

#[test]
fn fixtures() {
    insta::glob!("fixtures/*.yaml", |path| {
        let out = common::generate(path);
        insta::assert_snapshot!(common::resources(&out));
    });
}
