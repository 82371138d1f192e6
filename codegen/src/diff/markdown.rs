//! A [`Changelog`] as a Markdown section: a `##` heading, a summary line,
//! then "Breaking changes" (always) and "Added", "Removed", "Changed"
//! (each when not empty). Breaking entries appear both in "Breaking
//! changes" and in their own section, so each section is complete.

use super::{Category, Changelog};

impl Changelog {
    /// The changelog as Markdown, ending in a newline.
    pub fn to_markdown(&self) -> String {
        let mut out = format!("## Stripe API {} -> {}\n\n", self.from, self.to);
        if self.is_empty() {
            out.push_str("No changes to types, fields, parameters, enum values or endpoints");
            if self.version_changed() {
                out.push_str(&format!(
                    ": only the pinned API version changes (`API_VERSION`, sent as `Stripe-Version`, is now `{}`).\n",
                    self.to
                ));
            } else {
                out.push_str(", and the API version is the same.\n");
            }
            return out;
        }
        let s = &self.summary;
        let total = s.added + s.removed + s.changed;
        let plural = |n: usize, one: &str, many: &str| if n == 1 { one.to_owned() } else { many.to_owned() };
        out.push_str(&format!(
            "{total} {}: {} added, {} removed, {} changed; **{} breaking**.\n",
            plural(total, "change", "changes"),
            s.added,
            s.removed,
            s.changed,
            s.breaking
        ));
        out.push_str("\n### Breaking changes\n\n");
        if s.breaking == 0 {
            out.push_str("None: code that compiled against the previous crate still compiles.\n");
        } else {
            for c in self.breaking() {
                out.push_str(&c.bullet());
                out.push('\n');
            }
        }
        for category in [Category::Added, Category::Removed, Category::Changed] {
            let mut entries = self.changes.iter().filter(|c| c.category == category).peekable();
            if entries.peek().is_none() {
                continue;
            }
            out.push_str(&format!("\n### {}\n\n", category.heading()));
            for c in entries {
                out.push_str(&c.bullet());
                out.push('\n');
            }
        }
        out
    }
}
