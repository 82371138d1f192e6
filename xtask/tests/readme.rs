//! The README's quick start and webhook section are examples (which the
//! workspace build compiles and the examples test runs), word for word.

/// The first Rust block of README section `heading` equals `example`
/// (under `templates/extras/examples`, or `templates/extras/v2/examples`
/// for a path starting with `v2/`).
fn section_is_example(heading: &str, example: &str) {
    let root = xtask::root();
    let readme = std::fs::read_to_string(root.join("README.md")).expect("README.md is readable");
    let path = match example.strip_prefix("v2/") {
        Some(v2) => root.join("templates/extras/v2/examples").join(v2),
        None => root.join("templates/extras/examples").join(example),
    };
    let example = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let section = readme.split(heading).nth(1).unwrap_or_else(|| panic!("README has no {heading:?} section"));
    let block = section.split("```rust\n").nth(1).and_then(|b| b.split("\n```").next()).expect("a rust code block");
    assert_eq!(
        block.trim_end(),
        example.trim_end(),
        "README {heading:?} and {} differ; keep them identical",
        path.display()
    );
}

#[test]
fn readme_quick_start_is_the_compiled_example() {
    section_is_example("## Quick start", "quickstart.rs");
}

#[test]
fn readme_webhook_section_is_the_compiled_example() {
    section_is_example("## Webhooks", "verify_webhook.rs");
}

#[test]
fn readme_v2_sections_are_the_compiled_examples() {
    section_is_example("### Meter events", "v2/v2_meter_events.rs");
    section_is_example("### Event destinations", "v2/v2_event_destinations.rs");
    section_is_example("### Thin events", "v2/v2_thin_event.rs");
    section_is_example("### Raw requests", "v2/v2_raw_request.rs");
}
