//! The layout of the surface file: the containers (the file, the type
//! list, each type, its member lists, the endpoint list) are indented one
//! entry per line; each field, variant and endpoint is one line of JSON.

use super::surface::Surface;
use serde::Serialize;
use serde_json::ser::Formatter;
use std::io;

/// The text of the surface file, ending in a newline.
pub(super) fn surface_file(surface: &Surface, generated: &str) -> String {
    let mut out = String::from("{\n");
    out.push_str(&format!("  \"@generated\": {},\n", line(&generated)));
    out.push_str(&format!("  \"format\": {},\n", surface.format));
    out.push_str(&format!("  \"version\": {},\n", line(&surface.version)));
    out.push_str("  \"types\": [");
    for (i, t) in surface.types.iter().enumerate() {
        out.push_str(if i == 0 { "\n    {\n" } else { ",\n    {\n" });
        out.push_str(&format!("      \"name\": {},\n", line(&t.name)));
        out.push_str(&format!("      \"role\": {},\n", line(&t.role)));
        out.push_str(&format!("      \"kind\": {}", line(&t.kind)));
        if !t.fields.is_empty() {
            out.push_str(",\n      \"fields\": ");
            list(&mut out, &t.fields, "      ");
        }
        if !t.variants.is_empty() {
            out.push_str(",\n      \"variants\": ");
            list(&mut out, &t.variants, "      ");
        }
        out.push_str("\n    }");
    }
    out.push_str(if surface.types.is_empty() { "],\n" } else { "\n  ],\n" });
    out.push_str("  \"operations\": ");
    list(&mut out, &surface.operations, "  ");
    out.push_str("\n}\n");
    out
}

/// `[`, one item per line indented one step deeper than `indent`, `]`.
fn list<T: Serialize>(out: &mut String, items: &[T], indent: &str) {
    if items.is_empty() {
        out.push_str("[]");
        return;
    }
    out.push('[');
    for (i, item) in items.iter().enumerate() {
        out.push_str(if i == 0 { "\n" } else { ",\n" });
        out.push_str(indent);
        out.push_str("  ");
        out.push_str(&line(item));
    }
    out.push('\n');
    out.push_str(indent);
    out.push(']');
}

/// One value as one line of JSON, with a space after `:` and `,`.
fn line<T: Serialize + ?Sized>(value: &T) -> String {
    let mut buf = Vec::new();
    let mut ser = serde_json::Serializer::with_formatter(&mut buf, Spaced);
    // The surface holds strings, booleans, integers and unit enums only,
    // which always serialize; the output of serde_json is UTF-8.
    value.serialize(&mut ser).expect("surface items always serialize to JSON");
    String::from_utf8(buf).expect("serde_json writes UTF-8")
}

/// serde_json's compact layout with a space after each separator.
struct Spaced;

impl Formatter for Spaced {
    fn begin_array_value<W: ?Sized + io::Write>(&mut self, writer: &mut W, first: bool) -> io::Result<()> {
        if first { Ok(()) } else { writer.write_all(b", ") }
    }

    fn begin_object_key<W: ?Sized + io::Write>(&mut self, writer: &mut W, first: bool) -> io::Result<()> {
        if first { Ok(()) } else { writer.write_all(b", ") }
    }

    fn begin_object_value<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        writer.write_all(b": ")
    }
}
