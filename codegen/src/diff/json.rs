//! JSON one entry per line: the pieces the surface file is laid out with
//! (`surface::Surface::to_json`), so version control shows one line per
//! change.

use serde::Serialize;
use serde_json::ser::Formatter;
use std::io;

/// `[`, one item per line indented one step deeper than `indent`, `]`.
pub(super) fn list<T: Serialize>(out: &mut String, items: &[T], indent: &str) {
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
pub(super) fn line<T: Serialize + ?Sized>(value: &T) -> String {
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
