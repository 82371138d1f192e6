//! The one place that turns wire names into Rust names.
//!
//! Takes strings from the spec (property names, schema names, enum values,
//! path segments) and gives valid, distinct Rust identifiers. Every function
//! here is total: any input string yields an identifier, so no spec can make
//! the emitter produce invalid Rust.

mod namespace;
pub(crate) mod types;

pub(crate) use namespace::{DELETED_VARIANT, Kind, Namespace, RESERVED_FEATURES, methods_of, params_methods, std_like};

use heck::{ToSnakeCase, ToUpperCamelCase};
use std::collections::BTreeMap;

/// Every Rust keyword (strict, reserved and edition-dependent). A name in
/// this table gets a trailing underscore (`type` -> `type_`, `Self` -> `Self_`),
/// which works for all of them, unlike raw identifiers (`r#self` is invalid).
const KEYWORDS: &[&str] = &[
    "Self", "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate", "do", "dyn",
    "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "macro",
    "match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return", "self", "static", "struct", "super",
    "trait", "true", "try", "type", "typeof", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Whether `s` is a Rust keyword (in any edition we might be compiled with).
pub fn is_keyword(s: &str) -> bool {
    KEYWORDS.binary_search(&s).is_ok()
}

const DIGITS: [&str; 10] = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];

/// How much of a name's punctuation is spelled out as words.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Spell {
    /// Only symbols that carry meaning (`+`, `*`, `@`, ...).
    Meaningful,
    /// Also the separators `-`, `.`, `/`, `:` and space: tells apart values
    /// that collide otherwise (`a-b`, `a.b`).
    Separators,
    /// Also `_`: for names made only of punctuation.
    Everything,
}

/// Symbols that carry meaning and must survive case conversion
/// (`Etc/GMT+1` and `Etc/GMT-1` must not both become `EtcGmt1`).
fn symbol_word(c: char, spell: Spell) -> Option<&'static str> {
    Some(match c {
        '+' => "plus",
        '*' => "star",
        '@' => "at",
        '%' => "percent",
        '&' => "and",
        '#' => "hash",
        '=' => "eq",
        '<' => "lt",
        '>' => "gt",
        '!' => "not",
        '-' if spell >= Spell::Separators => "minus",
        '.' if spell >= Spell::Separators => "dot",
        '/' if spell >= Spell::Separators => "slash",
        ':' if spell >= Spell::Separators => "colon",
        ' ' if spell >= Spell::Separators => "space",
        '_' if spell == Spell::Everything => "underscore",
        _ => return None,
    })
}

/// Latin letters with diacritics and ligatures, by their plain spelling
/// (`é` -> `e`, `ß` -> `ss`), so `état` reads `etat`.
fn latin(c: char) -> Option<&'static str> {
    const TABLE: &[(&str, &str)] = &[
        ("ÀÁÂÃÄÅĀĂĄ", "A"),
        ("àáâãäåāăą", "a"),
        ("ÇĆĈĊČ", "C"),
        ("çćĉċč", "c"),
        ("ÐĎĐ", "D"),
        ("ðďđ", "d"),
        ("ÈÉÊËĒĔĖĘĚ", "E"),
        ("èéêëēĕėęě", "e"),
        ("ĜĞĠĢ", "G"),
        ("ĝğġģ", "g"),
        ("ĤĦ", "H"),
        ("ĥħ", "h"),
        ("ÌÍÎÏĨĪĬĮİ", "I"),
        ("ìíîïĩīĭįı", "i"),
        ("Ĵ", "J"),
        ("ĵ", "j"),
        ("Ķ", "K"),
        ("ķ", "k"),
        ("ĹĻĽĿŁ", "L"),
        ("ĺļľŀł", "l"),
        ("ÑŃŅŇ", "N"),
        ("ñńņňŉ", "n"),
        ("ÒÓÔÕÖØŌŎŐ", "O"),
        ("òóôõöøōŏő", "o"),
        ("ŔŖŘ", "R"),
        ("ŕŗř", "r"),
        ("ŚŜŞŠ", "S"),
        ("śŝşš", "s"),
        ("ŢŤŦ", "T"),
        ("ţťŧ", "t"),
        ("ÙÚÛÜŨŪŬŮŰŲ", "U"),
        ("ùúûüũūŭůűų", "u"),
        ("Ŵ", "W"),
        ("ŵ", "w"),
        ("ÝŶŸ", "Y"),
        ("ýÿŷ", "y"),
        ("ŹŻŽ", "Z"),
        ("źżž", "z"),
        ("Æ", "Ae"),
        ("æ", "ae"),
        ("Œ", "Oe"),
        ("œ", "oe"),
        ("Þ", "Th"),
        ("þ", "th"),
        ("ß", "ss"),
    ];
    TABLE.iter().find(|(chars, _)| chars.contains(c)).map(|(_, plain)| *plain)
}

/// Splits `raw` into words that case conversion can join: letters and
/// digits stay, Latin letters lose their diacritics, symbols are spelled as
/// `spell` says, other characters become `u` and their code point
/// (`日本` -> `u65e5 u672c`) and the rest separate words.
fn words(raw: &str, spell: Spell) -> String {
    let mut out = String::with_capacity(raw.len() + 8);
    let push_word = |out: &mut String, w: &str| {
        out.push('_');
        out.push_str(w);
        out.push('_');
    };
    for c in raw.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if let Some(w) = symbol_word(c, spell) {
            push_word(&mut out, w);
        } else if let Some(plain) = latin(c) {
            out.push_str(plain);
        } else if !c.is_ascii() && !c.is_whitespace() {
            push_word(&mut out, &format!("u{:x}", c as u32));
        } else {
            out.push('_');
        }
    }
    out
}

/// Makes a cased string into an identifier: leading digits are handled, an
/// empty result gets `fallback`, keywords get a trailing underscore.
fn finish(mut s: String, upper: bool, fallback: &str) -> String {
    if s.is_empty() {
        return fallback.to_owned();
    }
    if let Some(first) = s.chars().next().filter(char::is_ascii_digit) {
        if s.chars().all(|c| c.is_ascii_digit() || c == '_') {
            // Purely numeric names ("0" ... "30"): a short prefix.
            s.insert(0, if upper { 'N' } else { 'n' });
        } else {
            // "3d_secure" -> "three_d_secure": spell the leading digit.
            let word = DIGITS[(first as u8 - b'0') as usize];
            let rest = &s[1..];
            s = if upper {
                format!("{}{}", word.to_upper_camel_case(), rest.to_upper_camel_case())
            } else {
                format!("{word}_{}", rest.trim_start_matches('_'))
            };
        }
    }
    if is_keyword(&s) {
        s.push('_');
    }
    s
}

/// The words of `raw` cased by `case`; a name made only of symbols (`-`,
/// `/`, `_`) is spelled out (`Minus`) rather than falling back to a
/// placeholder that says nothing about it.
fn cased(raw: &str, case: impl Fn(&str) -> String) -> String {
    let plain = case(&words(raw, Spell::Meaningful));
    if plain.is_empty() { case(&words(raw, Spell::Everything)) } else { plain }
}

/// `snake_case` identifier for a field, module or function.
pub fn snake(raw: &str) -> String {
    finish(cased(raw, |w| w.to_snake_case()), false, "field")
}

/// `UpperCamelCase` identifier for a type or variant.
pub fn pascal(raw: &str) -> String {
    finish(cased(raw, |w| w.to_upper_camel_case()), true, "Empty")
}

/// Like [`pascal`] but spells every separating symbol; used to tell apart
/// values that collide under [`pascal`].
fn pascal_verbose(raw: &str) -> String {
    finish(words(raw, Spell::Separators).to_upper_camel_case(), true, "Empty")
}

/// A Rust name together with the wire name it came from, so that a serde
/// rename is emitted exactly when the two differ.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Named {
    /// The Rust identifier.
    pub rust: String,
    /// The name on the wire.
    pub wire: String,
}

/// `name` with the number `n` appended after `sep`, without the underscore
/// that only escaped a keyword: `Self_` -> `Self2` (`Self_2` trips the
/// camel-case lint), `type_` -> `type_2` (not `type__2`).
pub(crate) fn numbered(name: &str, sep: &str, n: usize) -> String {
    let stem = name.strip_suffix('_').filter(|s| is_keyword(s)).unwrap_or(name);
    format!("{stem}{sep}{n}")
}

/// A type name assembled from [`pascal`] pieces (`Self_` + `Config`): the
/// keyword-escaping underscores are dropped once the name is no longer a
/// keyword (`SelfConfig`), so the camel-case lint stays quiet. [`pascal`]
/// never makes any other underscore.
pub fn type_name(assembled: &str) -> String {
    let joined: String = assembled.chars().filter(|&c| c != '_').collect();
    if is_keyword(&joined) { format!("{joined}_") } else { joined }
}

/// Field names for a set of properties, distinct even when two wire names
/// case-convert to the same identifier (the later ones, in the given order,
/// get a numeric suffix).
pub fn field_names<'a>(wire: impl IntoIterator<Item = &'a str>) -> Vec<Named> {
    let raw: Vec<&str> = wire.into_iter().collect();
    let rust = Namespace::new(Kind::Field).claim_each(raw.iter().map(|w| snake(w)));
    raw.into_iter().zip(rust).map(|(w, r)| Named { rust: r, wire: w.to_owned() }).collect()
}

/// Variant names for enum values, claimed in `names` (which knows the
/// reserved variants): [`pascal`], and for values that collide under it or
/// are reserved, [`pascal_verbose`]; the namespace resolves what is left.
pub fn variant_names<'a>(wire: impl IntoIterator<Item = &'a str>, names: &mut Namespace) -> Vec<Named> {
    let raw: Vec<&str> = wire.into_iter().collect();
    let plain: Vec<String> = raw.iter().map(|w| pascal(w)).collect();
    let mut count: BTreeMap<&str, usize> = BTreeMap::new();
    for p in &plain {
        *count.entry(p.as_str()).or_default() += 1;
    }
    let chosen: Vec<String> = raw
        .iter()
        .zip(&plain)
        .map(|(w, p)| if count[p.as_str()] > 1 || !names.is_free(p) { pascal_verbose(w) } else { p.clone() })
        .collect();
    let rust = names.claim_each(chosen);
    raw.into_iter().zip(rust).map(|(w, r)| Named { rust: r, wire: w.to_owned() }).collect()
}

/// Singular form of an English path word, good enough for Stripe's
/// collection names (`charges` -> `charge`, `bank_accounts` ->
/// `bank_account`, `histories` -> `history`, `addresses` -> `address`).
pub fn singular(word: &str) -> String {
    let w = word;
    if let Some(stem) = w.strip_suffix("ies") {
        return format!("{stem}y");
    }
    for suffix in ["sses", "shes", "ches", "xes"] {
        if w.ends_with(suffix) {
            return w[..w.len() - 2].to_owned();
        }
    }
    if w.ends_with("ss") || w.ends_with("us") || w.ends_with("is") {
        return w.to_owned();
    }
    w.strip_suffix('s').unwrap_or(w).to_owned()
}

/// Plural of a snake_case name for list parameter structs
/// (`charge` -> `charges`, `country_spec` -> `country_specs`).
pub fn plural(word: &str) -> String {
    if word.ends_with('y') && !word.ends_with("ay") && !word.ends_with("ey") && !word.ends_with("oy") {
        format!("{}ies", &word[..word.len() - 1])
    } else if word.ends_with('s') || word.ends_with('x') || word.ends_with("sh") || word.ends_with("ch") {
        format!("{word}es")
    } else {
        format!("{word}s")
    }
}

/// Where a schema's names live: Stripe's v2 schemas are namespaced by
/// dots (`v2.core.event_destination`), and keep that tree in Rust
/// (`v2::core`, leaf `event_destination`); any other name is the crate
/// root's (`checkout.session` is the root's `checkout.session`).
pub fn namespaced(raw: &str) -> (Vec<String>, &str) {
    match raw.strip_prefix("v2.") {
        Some(rest) => {
            let mut parts: Vec<&str> = rest.split('.').collect();
            let leaf = parts.pop().unwrap_or(rest);
            let path = std::iter::once("v2".to_owned()).chain(parts.into_iter().map(snake)).collect();
            (path, leaf)
        }
        None => (Vec::new(), raw),
    }
}

/// The words of a PascalCase name: `CreateChargeShipping` -> `Create`,
/// `Charge`, `Shipping`.
pub(crate) fn pascal_words(name: &str) -> Vec<&str> {
    let mut words = Vec::new();
    let mut start = 0;
    for (i, c) in name.char_indices().skip(1) {
        if c.is_ascii_uppercase() {
            words.push(&name[start..i]);
            start = i;
        }
    }
    words.push(&name[start..]);
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keyword_table_is_sorted_for_binary_search() {
        let mut sorted = KEYWORDS.to_vec();
        sorted.sort_unstable();
        assert_eq!(sorted, KEYWORDS);
    }

    #[test]
    fn tricky_field_names() {
        let cases = [
            ("type", "type_"),
            ("ref", "ref_"),
            ("self", "self_"),
            ("crate", "crate_"),
            ("super", "super_"),
            ("gen", "gen_"),
            ("async", "async_"),
            ("await", "await_"),
            ("dyn", "dyn_"),
            ("try", "try_"),
            ("3d_secure", "three_d_secure"),
            ("0", "n0"),
            ("30", "n30"),
            ("", "field"),
            ("address_line1", "address_line1"),
            ("billingDetails", "billing_details"),
            ("line-items", "line_items"),
            ("a+b", "a_plus_b"),
        ];
        for (wire, rust) in cases {
            assert_eq!(snake(wire), rust, "snake({wire:?})");
        }
    }

    #[test]
    fn tricky_type_names() {
        let cases = [
            ("charge", "Charge"),
            ("balance_transaction", "BalanceTransaction"),
            ("three_d_secure", "ThreeDSecure"),
            ("3d_secure", "ThreeDSecure"),
            ("self", "Self_"),
            ("Self", "Self_"),
            ("*", "Star"),
            ("", "Empty"),
            ("0", "N0"),
            ("en-US", "EnUs"),
        ];
        for (wire, rust) in cases {
            assert_eq!(pascal(wire), rust, "pascal({wire:?})");
        }
    }

    #[test]
    fn colliding_enum_values_stay_distinct() {
        let got =
            variant_names(["Etc/GMT+1", "Etc/GMT-1", "Etc/GMT1", "etc_gmt_1"], &mut Namespace::new(Kind::Variant));
        let rust: Vec<&str> = got.iter().map(|n| n.rust.as_str()).collect();
        assert_eq!(rust, ["EtcGmtPlus1", "EtcSlashGmtMinus1", "EtcSlashGmt1", "EtcGmt1"]);
        let again = variant_names(["a-b", "a_b", "a.b"], &mut Namespace::new(Kind::Variant));
        let rust: Vec<&str> = again.iter().map(|n| n.rust.as_str()).collect();
        assert_eq!(rust, ["AMinusB", "AB", "ADotB"]);
    }

    #[test]
    fn reserved_variant_names_are_avoided() {
        let got = variant_names(["unrecognized", "self", ""], &mut Namespace::new(Kind::Variant));
        let rust: Vec<&str> = got.iter().map(|n| n.rust.as_str()).collect();
        assert_eq!(rust, ["UnrecognizedValue", "Self_", "Empty"]);
    }

    #[test]
    fn colliding_field_names_get_suffixes() {
        let got = field_names(["fooBar", "foo_bar", "foo-bar"]);
        let rust: Vec<&str> = got.iter().map(|n| n.rust.as_str()).collect();
        assert_eq!(rust, ["foo_bar", "foo_bar_2", "foo_bar_3"]);
        assert_ne!(got[1].rust, got[1].wire);
    }

    #[test]
    fn numbers_replace_the_keyword_underscore() {
        assert_eq!(numbered("Self_", "", 2), "Self2");
        assert_eq!(numbered("type_", "_", 2), "type_2");
        assert_eq!(numbered("charge", "_", 3), "charge_3");
        let got = variant_names(["Self", "self"], &mut Namespace::new(Kind::Variant));
        let rust: Vec<&str> = got.iter().map(|n| n.rust.as_str()).collect();
        assert_eq!(rust, ["Self_", "Self2"]);
        let got = field_names(["self", "Self"]);
        let rust: Vec<&str> = got.iter().map(|n| n.rust.as_str()).collect();
        assert_eq!(rust, ["self_", "self_2"]);
    }

    #[test]
    fn assembled_type_names_lose_keyword_underscores() {
        assert_eq!(type_name("Self_"), "Self_");
        assert_eq!(type_name("Self_Config"), "SelfConfig");
        assert_eq!(type_name("CreateSelf_"), "CreateSelf");
        assert_eq!(type_name("Self_2"), "Self2");
        assert_eq!(type_name("ChargeOutcome"), "ChargeOutcome");
    }

    #[test]
    fn symbol_only_names_are_spelled_out() {
        assert_eq!(pascal("-"), "Minus");
        assert_eq!(pascal("/"), "Slash");
        assert_eq!(snake("-"), "minus");
        assert_eq!(pascal(""), "Empty");
        assert_eq!(pascal("_"), "Underscore");
        assert_eq!(snake("__"), "underscore_underscore");
    }

    #[test]
    fn non_ascii_names_read() {
        assert_eq!(pascal("ñandú"), "Nandu");
        assert_eq!(snake("état"), "etat");
        assert_eq!(snake("Straße"), "strasse");
        assert_eq!(pascal("日本"), "U65e5U672c");
        assert_eq!(snake("🙂"), "u1f642");
        assert_eq!(snake("a\u{a0}b"), "a_b");
    }

    #[test]
    fn singular_and_plural() {
        for (p, s) in [
            ("charges", "charge"),
            ("bank_accounts", "bank_account"),
            ("histories", "history"),
            ("addresses", "address"),
            ("refunds", "refund"),
            ("status", "status"),
            ("balance", "balance"),
        ] {
            assert_eq!(singular(p), s, "singular({p})");
        }
        for (s, p) in [("charge", "charges"), ("history", "histories"), ("address", "addresses"), ("key", "keys")] {
            assert_eq!(plural(s), p, "plural({s})");
        }
    }
}
