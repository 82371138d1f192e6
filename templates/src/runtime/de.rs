//! Decoding helpers the generated types call: string enums that keep
//! unknown values, and polymorphic objects chosen by their `object` (and
//! `deleted`) field in a single pass, with any serde deserializer.

use serde::de::value::MapAccessDeserializer;
use serde::de::{self, DeserializeSeed, Deserializer, IntoDeserializer, MapAccess, Visitor};
use serde_json::Value;
use std::fmt;
use std::marker::PhantomData;

/// Decodes a string enum through `From<&str>` (unknown values are kept by
/// the generated `From` impl).
#[allow(dead_code, reason = "called by generated string enums; a spec may have none")]
pub(crate) fn string_enum<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: for<'a> From<&'a str>,
{
    struct V<T>(PhantomData<T>);
    impl<T: for<'a> From<&'a str>> Visitor<'_> for V<T> {
        type Value = T;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a string")
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
            Ok(T::from(v))
        }
    }
    deserializer.deserialize_str(V(PhantomData))
}

/// A key of an object being decoded, borrowed from the input when it can
/// be. The generated `Deserialize` impls of objects match on it.
#[allow(dead_code, reason = "read by generated objects; a spec may have none")]
pub(crate) struct Key<'de>(std::borrow::Cow<'de, str>);

#[allow(dead_code, reason = "read by generated objects; a spec may have none")]
impl Key<'_> {
    /// The key.
    pub(crate) fn as_str(&self) -> &str {
        &self.0
    }
}

impl<'de> serde::Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a field name")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(std::borrow::Cow::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Key<'de>, E> {
                Ok(Key(std::borrow::Cow::Owned(v.to_owned())))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Key<'de>, E> {
                Ok(Key(std::borrow::Cow::Owned(v)))
            }
        }
        deserializer.deserialize_str(V)
    }
}

/// Reads the value of field `name` into its slot; a second value for the
/// same field is an error, as with serde's derive.
#[allow(dead_code, reason = "called by generated objects; a spec may have none")]
pub(crate) fn field<'de, A, T>(map: &mut A, slot: &mut Option<T>, name: &'static str) -> Result<(), A::Error>
where
    A: MapAccess<'de>,
    T: serde::Deserialize<'de>,
{
    if slot.is_some() {
        return Err(de::Error::duplicate_field(name));
    }
    *slot = Some(map.next_value()?);
    Ok(())
}

/// Skips the value of a field the object does not know.
#[allow(dead_code, reason = "called by generated objects; a spec may have none")]
pub(crate) fn skip<'de, A: MapAccess<'de>>(map: &mut A) -> Result<(), A::Error> {
    map.next_value::<de::IgnoredAny>()?;
    Ok(())
}

/// The value of required field `name`, or serde's "missing field" error.
#[allow(dead_code, reason = "called by generated objects; a spec may have none")]
pub(crate) fn required<T, E: de::Error>(slot: Option<T>, name: &'static str) -> Result<T, E> {
    slot.ok_or_else(|| E::missing_field(name))
}

/// The value of an optional field: absent and `null` are both `None`.
#[allow(dead_code, reason = "called by generated objects; a spec may have none")]
pub(crate) fn optional<T>(slot: Option<Option<T>>) -> Option<T> {
    slot.flatten()
}

/// A polymorphic object: generated for every `anyOf` of tagged objects.
#[allow(dead_code, reason = "implemented by generated unions; a spec may have none")]
pub(crate) trait Union: Sized {
    /// Whether telling members apart needs `deleted` for this `object`
    /// value (both the object and its deleted form are members).
    fn needs_deleted(_object: &str) -> bool {
        false
    }

    /// Decodes the member for (`object`, `deleted`) from `deserializer`.
    fn decode<'de, D: Deserializer<'de>>(object: &str, deleted: bool, deserializer: D) -> Result<Self, D::Error>;

    /// The value kept as JSON (an object the crate has no type for, or one
    /// that did not decode as its type).
    fn unrecognized(value: Value) -> Self;
}

/// Decodes a [`Union`]: reads keys until `object` (and `deleted`, when it
/// matters) is known, keeping them, then hands the kept keys followed by
/// the rest of the map to the chosen member. Stripe sends `object` second,
/// so usually only `id` is kept.
#[allow(dead_code, reason = "called by generated unions; a spec may have none")]
pub(crate) fn union<'de, D: Deserializer<'de>, T: Union>(deserializer: D, name: &'static str) -> Result<T, D::Error> {
    deserializer.deserialize_map(UnionVisitor::<T> { name, marker: PhantomData })
}

#[allow(dead_code, reason = "used by `union`")]
struct UnionVisitor<T> {
    name: &'static str,
    marker: PhantomData<T>,
}

impl<'de, T: Union> Visitor<'de> for UnionVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a {} object", self.name)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
        let mut kept: Vec<(String, Value)> = Vec::new();
        let mut object: Option<String> = None;
        let mut deleted: Option<bool> = None;
        let mut ended = false;
        loop {
            if let Some(o) = &object {
                if deleted.is_some() || !T::needs_deleted(o) {
                    break;
                }
            }
            let Some(key) = map.next_key::<String>()? else {
                ended = true;
                break;
            };
            let value: Value = map.next_value()?;
            match key.as_str() {
                "object" => object = Some(value.as_str().unwrap_or_default().to_owned()),
                "deleted" => deleted = Some(value.as_bool().unwrap_or(false)),
                _ => {}
            }
            kept.push((key, value));
        }
        let replay = Replay { kept: kept.into_iter(), pending: None, rest: (!ended).then_some(map) };
        let object = object.unwrap_or_default();
        T::decode(&object, deleted.unwrap_or(false), MapAccessDeserializer::new(replay))
    }
}

/// The kept entries, then the rest of the original map.
///
/// A kept value is decoded from JSON already read, out of reach of the
/// caller's path tracking (`serde_path_to_error`), so an error in it names
/// its key itself.
#[allow(dead_code, reason = "used by `union`")]
struct Replay<A> {
    kept: std::vec::IntoIter<(String, Value)>,
    pending: Option<(String, Value)>,
    rest: Option<A>,
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for Replay<A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, A::Error> {
        if let Some((k, v)) = self.kept.next() {
            let key = seed.deserialize(k.as_str().into_deserializer()).map(Some);
            self.pending = Some((k, v));
            return key;
        }
        match &mut self.rest {
            Some(rest) => rest.next_key_seed(seed),
            None => Ok(None),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, A::Error> {
        if let Some((k, v)) = self.pending.take() {
            return seed.deserialize(v).map_err(|e| de::Error::custom(format_args!("field `{k}`: {e}")));
        }
        match &mut self.rest {
            Some(rest) => rest.next_value_seed(seed),
            None => Err(de::Error::custom("value requested past the end of the object")),
        }
    }
}

/// Decodes `T` from a JSON body; on failure, where (a path such as
/// `outcome.type`, empty at the top) and why.
///
/// The body is checked as UTF-8 once and read as text, so serde_json does not
/// check each string again; only a failure pays for decoding a second time
/// with path tracking.
pub(crate) fn from_json<T: serde::de::DeserializeOwned>(body: &[u8]) -> Result<T, (String, String)> {
    let Ok(text) = std::str::from_utf8(body) else {
        // Not UTF-8: serde_json says where, with the path to it.
        let mut de = serde_json::Deserializer::from_slice(body);
        return Err(match serde_path_to_error::deserialize::<_, T>(&mut de) {
            Err(e) => (e.path().to_string(), e.into_inner().to_string()),
            Ok(_) => (String::new(), "the body is not UTF-8".to_owned()),
        });
    };
    serde_json::from_str::<T>(text).map_err(|plain| {
        let mut de = serde_json::Deserializer::from_str(text);
        match serde_path_to_error::deserialize::<_, T>(&mut de) {
            Err(e) => (e.path().to_string(), e.into_inner().to_string()),
            // Characters after the value: `from_str` refuses them too.
            Ok(_) => (String::new(), plain.to_string()),
        }
    })
}
