//! The README's quick start is the quickstart example (which the workspace
//! build compiles), word for word.

#[test]
fn readme_quick_start_is_the_compiled_example() {
    let root = xtask::root();
    let readme = std::fs::read_to_string(root.join("README.md")).expect("README.md is readable");
    let example =
        std::fs::read_to_string(root.join("templates/examples/quickstart.rs")).expect("quickstart example exists");
    let section = readme.split("## Quick start").nth(1).expect("README has a Quick start section");
    let block = section.split("```rust\n").nth(1).and_then(|b| b.split("\n```").next()).expect("a rust code block");
    assert_eq!(
        block.trim_end(),
        example.trim_end(),
        "README quick start and templates/examples/quickstart.rs differ; keep them identical"
    );
}
