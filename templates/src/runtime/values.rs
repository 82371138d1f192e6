//! Values Stripe's v2 API sends as JSON strings: 64-bit integers
//! (`format: int64`, as strings so no JSON parser rounds them), exact
//! decimals (`format: decimal`, never through `f64`) and RFC 3339
//! timestamps (`format: date-time`). Small newtypes rather than a date or
//! decimal crate: the crate only carries these values, and each is a few
//! dozen lines to check, against a dependency for every build.

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// A 64-bit integer sent as a JSON string (`"9007199254740993"`): the v2
/// API's `format: int64`, exact beyond what a JSON number survives. Reads
/// a JSON number too.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Int64(pub i64);

impl Int64 {
    /// The integer.
    pub fn get(self) -> i64 {
        self.0
    }
}

impl From<i64> for Int64 {
    fn from(value: i64) -> Self {
        Int64(value)
    }
}

impl From<Int64> for i64 {
    fn from(value: Int64) -> Self {
        value.0
    }
}

impl PartialEq<i64> for Int64 {
    fn eq(&self, other: &i64) -> bool {
        self.0 == *other
    }
}

impl fmt::Display for Int64 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl Serialize for Int64 {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Int64 {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Int64;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a 64-bit integer as a string")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Int64, E> {
                v.parse().map(Int64).map_err(|_| E::invalid_value(de::Unexpected::Str(v), &self))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Int64, E> {
                Ok(Int64(v))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Int64, E> {
                i64::try_from(v).map(Int64).map_err(|_| E::invalid_value(de::Unexpected::Unsigned(v), &self))
            }
        }
        deserializer.deserialize_any(V)
    }
}

/// An exact decimal number, as the v2 API sends it (`"0.0125"`): kept as
/// its text, checked to be a decimal, never converted through `f64`.
/// Equality compares the text (`"1.50"` is not `"1.5"`).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Decimal(String);

/// Why a text is not a [`Decimal`] or a [`DateTime`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseValueError {
    what: &'static str,
    text: String,
}

impl fmt::Display for ParseValueError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?} is not {}", self.text, self.what)
    }
}

impl std::error::Error for ParseValueError {}

impl Decimal {
    /// The decimal written as `text`: an optional `-`, digits, and
    /// optionally `.` and more digits.
    pub fn new(text: impl Into<String>) -> Result<Decimal, ParseValueError> {
        let text = text.into();
        let digits = text.strip_prefix('-').unwrap_or(&text);
        let (whole, fraction) = digits.split_once('.').unwrap_or((digits, "0"));
        let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        if all_digits(whole) && all_digits(fraction) {
            Ok(Decimal(text))
        } else {
            Err(ParseValueError { what: "a decimal number (like -12.345)", text })
        }
    }

    /// The decimal as written.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl From<i64> for Decimal {
    fn from(value: i64) -> Self {
        Decimal(value.to_string())
    }
}

impl FromStr for Decimal {
    type Err = ParseValueError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Decimal::new(s)
    }
}

impl fmt::Display for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for Decimal {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Decimal {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Decimal::new(text).map_err(de::Error::custom)
    }
}

/// A moment as the v2 API writes it: RFC 3339 (`2026-09-30T12:00:00.000Z`),
/// kept as its text, with its Unix time at hand.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct DateTime {
    text: String,
    unix: i64,
    nanos: u32,
}

impl DateTime {
    /// The moment written as `text` (RFC 3339: a date, `T`, a time with
    /// optional fraction, and `Z` or an offset).
    pub fn parse(text: impl Into<String>) -> Result<DateTime, ParseValueError> {
        let text = text.into();
        match parse_rfc3339(&text) {
            Some((unix, nanos)) => Ok(DateTime { text, unix, nanos }),
            None => Err(ParseValueError { what: "an RFC 3339 date-time (like 2026-09-30T12:00:00Z)", text }),
        }
    }

    /// The moment `unix` seconds after 1970-01-01T00:00:00Z, written in UTC.
    pub fn from_unix(unix: i64) -> DateTime {
        let days = unix.div_euclid(86_400);
        let secs = unix.rem_euclid(86_400);
        let (y, m, d) = civil_from_days(days);
        let text = format!("{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z", secs / 3600, secs / 60 % 60, secs % 60);
        DateTime { text, unix, nanos: 0 }
    }

    /// Seconds since 1970-01-01T00:00:00Z.
    pub fn unix_seconds(&self) -> i64 {
        self.unix
    }

    /// The fraction of the second, in nanoseconds.
    pub fn subsec_nanos(&self) -> u32 {
        self.nanos
    }

    /// The moment as written.
    pub fn as_str(&self) -> &str {
        &self.text
    }
}

impl FromStr for DateTime {
    type Err = ParseValueError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        DateTime::parse(s)
    }
}

impl fmt::Display for DateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl Serialize for DateTime {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.text)
    }
}

impl<'de> Deserialize<'de> for DateTime {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        DateTime::parse(text).map_err(de::Error::custom)
    }
}

/// `(unix seconds, nanoseconds)` of an RFC 3339 date-time.
fn parse_rfc3339(s: &str) -> Option<(i64, u32)> {
    let b = s.as_bytes();
    let num = |from: usize, len: usize| -> Option<i64> {
        let part = s.get(from..from + len)?;
        part.bytes().all(|c| c.is_ascii_digit()).then(|| part.parse().ok())?
    };
    if b.len() < 20 || b[4] != b'-' || b[7] != b'-' || !matches!(b[10], b'T' | b't' | b' ') || b[13] != b':' {
        return None;
    }
    if b[16] != b':' {
        return None;
    }
    let (year, month, day) = (num(0, 4)?, num(5, 2)?, num(8, 2)?);
    let (hour, minute, second) = (num(11, 2)?, num(14, 2)?, num(17, 2)?);
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let month_days = [31, if leap { 29 } else { 28 }, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    if !(1..=12).contains(&month) || day < 1 || day > month_days[usize::try_from(month - 1).ok()?] {
        return None;
    }
    if hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    let mut rest = &s[19..];
    let mut nanos = 0u32;
    if let Some(fraction) = rest.strip_prefix('.') {
        let digits = fraction.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return None;
        }
        for (i, c) in fraction[..digits].bytes().enumerate().take(9) {
            nanos += u32::from(c - b'0') * 10u32.pow(8 - u32::try_from(i).ok()?);
        }
        rest = &fraction[digits..];
    }
    let offset = match rest {
        "Z" | "z" => 0,
        _ => {
            let sign = match rest.as_bytes().first()? {
                b'+' => 1,
                b'-' => -1,
                _ => return None,
            };
            if rest.len() != 6 || rest.as_bytes()[3] != b':' {
                return None;
            }
            let (h, m) = (rest[1..3].parse::<i64>().ok()?, rest[4..6].parse::<i64>().ok()?);
            if h > 23 || m > 59 {
                return None;
            }
            sign * (h * 3600 + m * 60)
        }
    };
    let days = days_from_civil(year, month, day);
    Some((days * 86_400 + hour * 3600 + minute * 60 + second - offset, nanos))
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
/// algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date `days` after 1970-01-01 (the inverse of [`days_from_civil`]).
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn int64_is_a_string_on_the_wire_and_exact() {
        let big = Int64(9_007_199_254_740_993);
        assert_eq!(serde_json::to_string(&big).unwrap(), "\"9007199254740993\"");
        assert_eq!(serde_json::from_str::<Int64>("\"9007199254740993\"").unwrap(), big);
        assert_eq!(serde_json::from_str::<Int64>("-5").unwrap(), -5);
        assert!(serde_json::from_str::<Int64>("\"1.5\"").is_err());
        assert!(serde_json::from_str::<Int64>("\"99999999999999999999\"").is_err());
    }

    #[test]
    fn decimals_keep_their_text() {
        let d: Decimal = serde_json::from_str("\"0.10000000000000000555\"").unwrap();
        assert_eq!(serde_json::to_string(&d).unwrap(), "\"0.10000000000000000555\"");
        for ok in ["0", "-12.345", "100"] {
            assert!(Decimal::new(ok).is_ok(), "{ok}");
        }
        for bad in ["", "-", "1.", ".5", "1e3", "1,5", "NaN", " 1"] {
            assert!(Decimal::new(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn date_times_read_rfc_3339() {
        let t = DateTime::parse("2026-09-30T12:00:00.250Z").unwrap();
        assert_eq!(t.unix_seconds(), 1_790_769_600);
        assert_eq!(t.subsec_nanos(), 250_000_000);
        assert_eq!(DateTime::parse("2026-09-30T14:00:00+02:00").unwrap().unix_seconds(), 1_790_769_600);
        assert_eq!(DateTime::parse("1969-12-31T23:59:59Z").unwrap().unix_seconds(), -1);
        assert_eq!(DateTime::from_unix(1_790_769_600).as_str(), "2026-09-30T12:00:00Z");
        assert_eq!(DateTime::from_unix(-1).as_str(), "1969-12-31T23:59:59Z");
        for bad in ["2026-02-30T00:00:00Z", "2026-09-30", "2026-09-30T25:00:00Z", "2026-09-30T12:00:00", "x"] {
            assert!(DateTime::parse(bad).is_err(), "{bad}");
        }
        let json: DateTime = serde_json::from_str("\"2024-02-29T00:00:00Z\"").unwrap();
        assert_eq!(DateTime::from_unix(json.unix_seconds()).as_str(), "2024-02-29T00:00:00Z");
    }
}
