//! Spec descriptions to rustdoc Markdown.
//!
//! Stripe descriptions mix HTML (`<p>`, `<code>`, `<a href>`, lists) with
//! Markdown, contain `%s`, bare URLs and brackets. This turns them into
//! Markdown lines that rustdoc renders without warnings and that never
//! become doctests. The text is only ever copied, never used as a template.

/// Where relative links in Stripe's descriptions point.
const SITE: &str = "https://stripe.com";

/// Converts one description into doc lines (no leading `///`).
pub fn lines(description: &str) -> Vec<String> {
    let markdown = html_to_markdown(description);
    let mut out: Vec<String> = Vec::new();
    let mut in_fence = false;
    for raw in markdown.lines() {
        let line = raw.trim_end();
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") {
            // Fences stay fences but never compile as doctests.
            out.push(if in_fence { "```".into() } else { "```text".into() });
            in_fence = !in_fence;
            continue;
        }
        if in_fence {
            out.push(line.to_owned());
            continue;
        }
        // Indentation would make rustdoc see a code block (and a doctest).
        let text = sanitize(trimmed);
        if text.is_empty() && out.last().is_none_or(|l: &String| l.is_empty()) {
            continue;
        }
        out.push(text);
    }
    if in_fence {
        out.push("```".into());
    }
    while out.last().is_some_and(|l| l.is_empty()) {
        out.pop();
    }
    out
}

/// Escapes what rustdoc would misread in one line of prose: stray brackets
/// (broken intra-doc links), angle brackets (HTML tags), bare URLs.
fn sanitize(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let chars: Vec<char> = line.chars().collect();
    let mut i = 0;
    let mut in_code = false;
    while i < chars.len() {
        let c = chars[i];
        if c == '`' {
            in_code = !in_code;
            out.push(c);
            i += 1;
            continue;
        }
        if in_code {
            out.push(c);
            i += 1;
            continue;
        }
        match c {
            '[' => {
                // Keep Markdown links `[text](url)`; escape other brackets.
                if let Some(close) = find_link_end(&chars, i) {
                    let text: String = chars[i + 1..close].iter().collect();
                    let (url, next) = link_url(&chars, close + 1);
                    out.push('[');
                    out.push_str(&sanitize(&text));
                    out.push_str("](");
                    out.push_str(&absolute(&url));
                    out.push(')');
                    i = next;
                    continue;
                }
                out.push_str("\\[");
            }
            ']' => out.push_str("\\]"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            'h' if starts_with_url(&chars[i..]) => {
                let end = chars[i..]
                    .iter()
                    .position(|c| c.is_whitespace() || matches!(c, ')' | '"' | '\'' | '<' | '>'))
                    .map_or(chars.len(), |p| i + p);
                let mut url: String = chars[i..end].iter().collect();
                let mut tail = String::new();
                while url.ends_with(['.', ',', ';', ':', '!', '?']) {
                    if let Some(c) = url.pop() {
                        tail.insert(0, c);
                    }
                }
                out.push('<');
                out.push_str(&url);
                out.push('>');
                out.push_str(&tail);
                i = end;
                continue;
            }
            _ => out.push(c),
        }
        i += 1;
    }
    if in_code {
        // An unbalanced backtick would swallow the next line.
        out.push('`');
    }
    out
}

fn starts_with_url(chars: &[char]) -> bool {
    let s: String = chars.iter().take(8).collect();
    s.starts_with("https://") || s.starts_with("http://")
}

/// For `[` at `open`: the index of the `]` that is directly followed by `(`.
fn find_link_end(chars: &[char], open: usize) -> Option<usize> {
    let mut depth = 0usize;
    for (j, &c) in chars.iter().enumerate().skip(open) {
        match c {
            '[' => depth += 1,
            ']' => {
                depth -= 1;
                if depth == 0 {
                    return (chars.get(j + 1) == Some(&'(') && chars[j + 2..].contains(&')')).then_some(j);
                }
            }
            _ => {}
        }
    }
    None
}

/// Reads `(url)` starting at `open` (the `(`); returns the url and the index
/// after `)`.
fn link_url(chars: &[char], open: usize) -> (String, usize) {
    let mut depth = 0usize;
    let mut url = String::new();
    for (j, &c) in chars.iter().enumerate().skip(open) {
        match c {
            '(' => {
                depth += 1;
                if depth > 1 {
                    url.push(c);
                }
            }
            ')' => {
                depth -= 1;
                if depth == 0 {
                    return (url, j + 1);
                }
                url.push(c);
            }
            c => url.push(c),
        }
    }
    (url, chars.len())
}

/// Stripe's links are relative to its site (`/docs/api`), to the API
/// reference (`#card_object`) or to the docs (`radar/review`).
fn absolute(url: &str) -> String {
    let url = url.trim().replace(' ', "%20");
    if url.starts_with('/') {
        format!("{SITE}{url}")
    } else if url.starts_with('#') {
        format!("{SITE}/docs/api{url}")
    } else if url.contains("://") || url.starts_with("mailto:") || url.is_empty() {
        url
    } else {
        format!("{SITE}/docs/{url}")
    }
}

/// Turns the HTML Stripe uses in descriptions into Markdown. Unknown tags
/// are dropped, their text kept.
pub fn html_to_markdown(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    let mut rest = input;
    let mut link_stack: Vec<Option<String>> = Vec::new();
    let mut list_depth = 0usize;
    while let Some(lt) = rest.find('<') {
        out.push_str(&decode_entities(&rest[..lt]));
        let after = &rest[lt..];
        let Some(gt) = after.find('>') else {
            out.push_str(&decode_entities(after));
            rest = "";
            break;
        };
        let tag_text = &after[1..gt];
        let Some(tag) = Tag::parse(tag_text) else {
            // Not a tag (`a < b`): keep the text.
            out.push('<');
            rest = &after[1..];
            continue;
        };
        rest = &after[gt + 1..];
        match (tag.name.as_str(), tag.closing) {
            ("p" | "div", false) => paragraph(&mut out),
            ("p" | "div", true) => paragraph(&mut out),
            ("br", _) => out.push('\n'),
            ("code" | "tt" | "kbd", _) => out.push('`'),
            ("strong" | "b", _) => out.push_str("**"),
            ("em" | "i", _) => out.push('*'),
            ("ul" | "ol", false) => {
                list_depth += 1;
                paragraph(&mut out);
            }
            ("ul" | "ol", true) => {
                list_depth = list_depth.saturating_sub(1);
                paragraph(&mut out);
            }
            ("li", false) => {
                if !out.ends_with('\n') && !out.is_empty() {
                    out.push('\n');
                }
                out.push_str("- ");
            }
            ("li", true) => out.push('\n'),
            ("a", false) => {
                let href = tag.href;
                if href.is_some() {
                    out.push('[');
                }
                link_stack.push(href);
            }
            ("a", true) => {
                if let Some(Some(href)) = link_stack.pop() {
                    out.push_str("](");
                    out.push_str(&absolute(&href));
                    out.push(')');
                }
            }
            ("pre", false) => {
                paragraph(&mut out);
                out.push_str("```\n");
            }
            ("pre", true) => {
                out.push_str("\n```\n");
            }
            (h, false) if is_heading(h) => paragraph(&mut out),
            (h, true) if is_heading(h) => paragraph(&mut out),
            _ => {}
        }
    }
    out.push_str(&decode_entities(rest));
    let _ = list_depth;
    out
}

fn is_heading(name: &str) -> bool {
    matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
}

fn paragraph(out: &mut String) {
    let trimmed = out.trim_end_matches([' ', '\n']).len();
    out.truncate(trimmed);
    if !out.is_empty() {
        out.push_str("\n\n");
    }
}

struct Tag {
    name: String,
    closing: bool,
    href: Option<String>,
}

impl Tag {
    fn parse(text: &str) -> Option<Tag> {
        let (closing, body) = match text.strip_prefix('/') {
            Some(b) => (true, b),
            None => (false, text),
        };
        // `a < b`: a tag name follows `<` (or `</`) directly.
        if !body.starts_with(|c: char| c.is_ascii_alphabetic()) {
            return None;
        }
        let body = body.trim_end_matches('/').trim();
        let name: String =
            body.chars().take_while(|c| c.is_ascii_alphanumeric()).collect::<String>().to_ascii_lowercase();
        if name.is_empty() || !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
            return None;
        }
        let attrs = &body[name.len()..];
        if !attrs.is_empty() && !attrs.starts_with(char::is_whitespace) {
            return None;
        }
        let href = attrs.find("href=").and_then(|i| {
            let v = &attrs[i + 5..];
            let quote = v.chars().next()?;
            if quote == '"' || quote == '\'' {
                v[1..].find(quote).map(|end| decode_entities(&v[1..1 + end]))
            } else {
                Some(v.split_whitespace().next().unwrap_or("").to_owned())
            }
        });
        Some(Tag { name, closing, href })
    }
}

/// Decodes the HTML entities that appear in descriptions.
pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp..];
        let end = after.find(';').filter(|&e| e <= 10);
        let decoded = end.and_then(|e| {
            let name = &after[1..e];
            let ch = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" | "#39" => Some('\''),
                "nbsp" => Some(' '),
                _ => name.strip_prefix('#').and_then(|n| {
                    let code = match n.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok(),
                        None => n.parse().ok(),
                    };
                    code.and_then(char::from_u32)
                }),
            };
            ch.map(|c| (c, e))
        });
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = &after[e + 1..];
            }
            None => {
                out.push('&');
                rest = &after[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_paragraphs_code_and_links() {
        let got = lines(
            "<p>Creates a <code>charge</code>. See <a href=\"/docs/api#errors\">errors</a>.</p><p>Second &amp; last.</p>",
        );
        assert_eq!(
            got,
            ["Creates a `charge`. See [errors](https://stripe.com/docs/api#errors).", "", "Second & last."]
        );
    }

    #[test]
    fn lists_become_markdown_items() {
        let got = lines("<p>One of:</p><ul><li><code>a</code></li><li>b</li></ul>");
        assert_eq!(got, ["One of:", "", "- `a`", "- b"]);
    }

    #[test]
    fn percent_s_is_kept_verbatim() {
        assert_eq!(lines("Amount in %s refunded."), ["Amount in %s refunded."]);
    }

    #[test]
    fn indentation_and_fences_never_make_doctests() {
        let got = lines("Example:\n\n    let x = 1;\n```\nfn main() {}\n```");
        assert_eq!(got, ["Example:", "", "let x = 1;", "```text", "fn main() {}", "```"]);
    }

    #[test]
    fn brackets_urls_and_angles_are_escaped() {
        assert_eq!(
            lines("Use [this](/docs/x) or [that] at https://stripe.com/docs. a < b > c"),
            ["Use [this](https://stripe.com/docs/x) or \\[that\\] at <https://stripe.com/docs>. a &lt; b &gt; c"]
        );
    }

    #[test]
    fn unbalanced_backtick_is_closed() {
        assert_eq!(lines("a `b"), ["a `b`"]);
    }

    #[test]
    fn relative_links_point_at_stripe() {
        assert_eq!(
            lines("[card](#card_object), [reviews](radar/review), [x](https://x.test/a)"),
            [
                "[card](https://stripe.com/docs/api#card_object), [reviews](https://stripe.com/docs/radar/review), [x](https://x.test/a)"
            ]
        );
    }

    #[test]
    fn numeric_entities() {
        assert_eq!(decode_entities("&#8217;&#x41;&bogus;"), "\u{2019}A&bogus;");
    }
}
