//! The parts of an event that must read events of every API version: the
//! account's webhook endpoints may render events at a version older or
//! newer than the crate's, so what an event is about (`data.object`) never
//! makes the event itself fail to decode, and `request` is read in both of
//! its historical forms.

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Serialize, Serializer};
use serde_json::Value;
use std::fmt;

/// An event's `data`: the object the event is about, decoded as the
/// crate's type for its `object` when it can be, and always as JSON.
///
/// `object` is the typed object when this crate has a type for it (with its
/// cargo feature on) and it decodes; otherwise it is the union's
/// `Unrecognized` variant holding the JSON, and `object_error` says why a
/// known object did not decode (usually: the event was rendered at another
/// API version than the crate's; see the event's `api_version`).
#[derive(Clone, Debug, PartialEq)]
pub struct EventData<T> {
    /// `data.object`, typed.
    pub object: T,
    /// Why `data.object` did not decode as the crate's type for it, if it did not.
    pub object_error: Option<ObjectError>,
    /// `data.object` exactly as sent, as JSON text: kept without decoding
    /// it a second time (`raw_object.parse::<serde_json::Value>()` walks it).
    pub raw_object: RawJson,
    /// `data.previous_attributes`: for `*.updated` events, the attributes
    /// that changed, with their previous values.
    pub previous_attributes: Option<Value>,
}

/// JSON exactly as it was received, kept as text: read it with
/// [`RawJson::get`], or decode it (as `serde_json::Value`, or a type of your
/// own) with [`RawJson::parse`]. Two are equal when their texts are.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(transparent)]
pub struct RawJson(Box<serde_json::value::RawValue>);

impl RawJson {
    /// The JSON text, exactly as received (or as serialized from the
    /// `serde_json::Value` it was read from).
    pub fn get(&self) -> &str {
        self.0.get()
    }

    /// Decodes the JSON as `T`; `serde_json::Value` reads any of it.
    pub fn parse<T: serde::de::DeserializeOwned>(&self) -> Result<T, serde_json::Error> {
        serde_json::from_str(self.0.get())
    }
}

impl PartialEq for RawJson {
    fn eq(&self, other: &Self) -> bool {
        self.get() == other.get()
    }
}

impl Eq for RawJson {}

/// Why an event's `data.object` did not decode as the crate's type for it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ObjectError {
    object: Option<String>,
    path: String,
    message: String,
}

impl ObjectError {
    /// The object's `object` field (`"charge"`), if it has one.
    pub fn object(&self) -> Option<&str> {
        self.object.as_deref()
    }

    /// Where in the object decoding failed (`outcome.type`; empty at the top).
    pub fn path(&self) -> &str {
        &self.path
    }

    /// What serde said.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for ObjectError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.object {
            Some(o) => write!(f, "the event's `{o}` object did not decode")?,
            None => f.write_str("the event's object did not decode")?,
        }
        if !self.path.is_empty() && self.path != "." {
            write!(f, " at `{}`", self.path)?;
        }
        write!(f, ": {} (its JSON is in `raw_object`)", self.message)
    }
}

impl std::error::Error for ObjectError {}

impl<'de, T> Deserialize<'de> for EventData<T>
where
    T: crate::runtime::de::Union + serde::de::DeserializeOwned,
{
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        struct Raw {
            object: RawJson,
            #[serde(default)]
            previous_attributes: Option<Value>,
        }
        let raw = Raw::deserialize(deserializer)?;
        // The fast path decodes the text directly; only a failure pays for
        // reading it as JSON and decoding again with path tracking, `object`
        // first, to say where the object went wrong.
        let (object, object_error) = match serde_json::from_str::<T>(raw.object.get()) {
            Ok(typed) => (typed, None),
            Err(plain) => {
                let value: Value = raw.object.parse().map_err(de::Error::custom)?;
                let tracked = match &value {
                    Value::Object(map) => serde_path_to_error::deserialize::<_, T>(ObjectFirst(map)),
                    other => serde_path_to_error::deserialize::<_, T>(other),
                };
                let (path, message) = match tracked {
                    Err(e) => (e.path().to_string(), e.into_inner().to_string()),
                    Ok(_) => (String::new(), plain.to_string()),
                };
                let object = value.get("object").and_then(Value::as_str).map(str::to_owned);
                (T::unrecognized(value), Some(ObjectError { object, path, message }))
            }
        };
        Ok(EventData { object, object_error, raw_object: raw.object, previous_attributes: raw.previous_attributes })
    }
}

/// A JSON object handed to a deserializer with `object` and `deleted` first,
/// as Stripe sends them: a union then picks its member before reading the
/// other fields, so a failure in one of them is reported with its path (a
/// `Value` map iterates in key order, which would put `amount` before
/// `object` and make the union buffer it).
struct ObjectFirst<'de>(&'de serde_json::Map<String, Value>);

impl<'de> Deserializer<'de> for ObjectFirst<'de> {
    type Error = serde_json::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        let first = ["object", "deleted"];
        let mut entries: Vec<(&'de str, &'de Value)> =
            first.iter().filter_map(|k| self.0.get_key_value(*k)).map(|(k, v)| (k.as_str(), v)).collect();
        entries.extend(self.0.iter().filter(|(k, _)| !first.contains(&k.as_str())).map(|(k, v)| (k.as_str(), v)));
        visitor.visit_map(Entries { entries: entries.into_iter(), value: None })
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf option unit
        unit_struct newtype_struct seq tuple tuple_struct map struct enum identifier ignored_any
    }
}

struct Entries<'de> {
    entries: std::vec::IntoIter<(&'de str, &'de Value)>,
    value: Option<&'de Value>,
}

impl<'de> MapAccess<'de> for Entries<'de> {
    type Error = serde_json::Error;

    fn next_key_seed<K: de::DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, Self::Error> {
        let Some((key, value)) = self.entries.next() else { return Ok(None) };
        self.value = Some(value);
        seed.deserialize(de::value::BorrowedStrDeserializer::new(key)).map(Some)
    }

    fn next_value_seed<V: de::DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Self::Error> {
        let value =
            self.value.take().ok_or_else(|| <serde_json::Error as de::Error>::custom("a value before its key"))?;
        seed.deserialize(value)
    }
}

impl<T> Serialize for EventData<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let fields = if self.previous_attributes.is_some() { 2 } else { 1 };
        let mut map = serializer.serialize_map(Some(fields))?;
        map.serialize_entry("object", &self.raw_object)?;
        if let Some(previous) = &self.previous_attributes {
            map.serialize_entry("previous_attributes", previous)?;
        }
        map.end()
    }
}

/// The API request that caused an event. Events rendered at API versions
/// before 2017-05-25 give only the request's id, as a string; later ones an
/// object with the id and the idempotency key. Both read as this.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct EventRequest {
    /// The request's id (`req_...`); `None` when Stripe itself caused the
    /// event (an automatic renewal, say).
    pub id: Option<String>,
    /// The idempotency key the request was sent with, if any.
    pub idempotency_key: Option<String>,
}

impl<'de> Deserialize<'de> for EventRequest {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = EventRequest;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a request id or an object with `id` and `idempotency_key`")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<EventRequest, E> {
                Ok(EventRequest { id: Some(v.to_owned()), idempotency_key: None })
            }
            fn visit_unit<E: de::Error>(self) -> Result<EventRequest, E> {
                Ok(EventRequest::default())
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<EventRequest, A::Error> {
                let mut out = EventRequest::default();
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "id" => out.id = map.next_value()?,
                        "idempotency_key" => out.idempotency_key = map.next_value()?,
                        _ => {
                            map.next_value::<de::IgnoredAny>()?;
                        }
                    }
                }
                Ok(out)
            }
        }
        deserializer.deserialize_any(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_of_every_version_read() {
        let old: EventRequest = serde_json::from_str(r#""req_1""#).expect("a string");
        assert_eq!(old.id.as_deref(), Some("req_1"));
        let new: EventRequest =
            serde_json::from_str(r#"{"id":null,"idempotency_key":"k","extra":1}"#).expect("an object");
        assert_eq!((new.id, new.idempotency_key.as_deref()), (None, Some("k")));
        assert!(serde_json::from_str::<EventRequest>("3").is_err());
    }
}
