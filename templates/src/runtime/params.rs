//! Value types shared by requests and responses: metadata (with Stripe's
//! limits checked before a request is sent), unsettable parameters,
//! timestamps and ids.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::BTreeMap;

/// A Unix timestamp in seconds, as Stripe sends them.
pub type Timestamp = i64;

/// Objects that have an `id` (used for pagination cursors and
/// [`Expandable::id`](crate::Expandable::id)).
pub trait HasId {
    /// The object's id, if it has one.
    fn id(&self) -> Option<&str>;
}

/// The most keys a metadata map may have.
pub const METADATA_MAX_KEYS: usize = 20;
/// The longest metadata key, in characters.
pub const METADATA_MAX_KEY_CHARS: usize = 40;
/// The longest metadata value, in characters.
pub const METADATA_MAX_VALUE_CHARS: usize = 500;

/// Marks a [`Metadata`] value for the form encoder, which checks the limits;
/// JSON serializes it as a plain map.
pub(crate) const METADATA_TOKEN: &str = "$stripe_client::private::Metadata";

/// Key-value pairs attached to an object.
///
/// In requests, Stripe's limits apply and are checked before anything is
/// sent: at most 20 keys, keys up to 40 characters, values up to 500. To
/// remove one key on update, send it with an empty value
/// ([`Metadata::unset`]); to clear all metadata, send
/// [`Unsettable::Unset`] where the parameter allows it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Metadata(BTreeMap<String, String>);

impl Metadata {
    /// An empty map.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets `key` to `value`.
    pub fn insert(&mut self, key: impl Into<String>, value: impl Into<String>) -> &mut Self {
        self.0.insert(key.into(), value.into());
        self
    }

    /// Marks `key` for removal: it is sent with an empty value.
    pub fn unset(&mut self, key: impl Into<String>) -> &mut Self {
        self.0.insert(key.into(), String::new());
        self
    }

    /// The value for `key`.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.0.get(key).map(String::as_str)
    }

    /// The number of keys.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are no keys.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The pairs in key order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }

    /// The underlying map.
    pub fn into_inner(self) -> BTreeMap<String, String> {
        self.0
    }

    /// Checks Stripe's limits; the error names the offending key.
    pub(crate) fn check(&self) -> Result<(), String> {
        if self.0.len() > METADATA_MAX_KEYS {
            return Err(format!("has {} keys; at most {METADATA_MAX_KEYS} are allowed", self.0.len()));
        }
        for (k, v) in &self.0 {
            if k.is_empty() {
                return Err("has an empty key".into());
            }
            let kc = k.chars().count();
            if kc > METADATA_MAX_KEY_CHARS {
                return Err(format!("key `{k}` has {kc} characters; at most {METADATA_MAX_KEY_CHARS} are allowed"));
            }
            let vc = v.chars().count();
            if vc > METADATA_MAX_VALUE_CHARS {
                return Err(format!(
                    "value of `{k}` has {vc} characters; at most {METADATA_MAX_VALUE_CHARS} are allowed"
                ));
            }
        }
        Ok(())
    }
}

impl<K: Into<String>, V: Into<String>> FromIterator<(K, V)> for Metadata {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(iter: I) -> Self {
        Metadata(iter.into_iter().map(|(k, v)| (k.into(), v.into())).collect())
    }
}

impl<K: Into<String>, V: Into<String>, const N: usize> From<[(K, V); N]> for Metadata {
    fn from(pairs: [(K, V); N]) -> Self {
        pairs.into_iter().collect()
    }
}

impl From<BTreeMap<String, String>> for Metadata {
    fn from(map: BTreeMap<String, String>) -> Self {
        Metadata(map)
    }
}

impl Serialize for Metadata {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_newtype_struct(METADATA_TOKEN, &self.0)
    }
}

impl<'de> Deserialize<'de> for Metadata {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        BTreeMap::deserialize(deserializer).map(Metadata)
    }
}

/// Marks a [`FileContents`] for the form encoder.
pub(crate) const FILE_TOKEN: &str = "$stripe_client::private::FileContents";

/// A file to upload (the `file` parameter of `POST /v1/files`): its name,
/// its media type and its contents. Cheap to clone (the contents are
/// shared), so a retried upload sends the same bytes without copying them.
#[derive(Clone, PartialEq, Eq)]
pub struct FileContents {
    /// The file name sent with it (`receipt.pdf`).
    pub name: String,
    /// Its media type (`application/pdf`), when known.
    pub content_type: Option<String>,
    /// The contents.
    pub bytes: std::sync::Arc<[u8]>,
}

impl FileContents {
    /// A file called `name` with these contents.
    pub fn new(name: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Self {
        FileContents { name: name.into(), content_type: None, bytes: bytes.into().into() }
    }

    /// Sets the media type (`image/png`, `application/pdf`).
    pub fn content_type(mut self, content_type: impl Into<String>) -> Self {
        self.content_type = Some(content_type.into());
        self
    }
}

impl std::fmt::Debug for FileContents {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FileContents")
            .field("name", &self.name)
            .field("content_type", &self.content_type)
            .field("bytes", &self.bytes.len())
            .finish()
    }
}

impl Serialize for FileContents {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // The form encoder takes the file out of the text parameters; any
        // other serializer sees the name, media type and bytes.
        serializer.serialize_newtype_struct(FILE_TOKEN, &(&self.name, &self.content_type, Bytes(&self.bytes)))
    }
}

/// A byte slice serialized as bytes (serde writes a plain slice as a list).
struct Bytes<'a>(&'a [u8]);

impl Serialize for Bytes<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_bytes(self.0)
    }
}

/// A request parameter that can also be cleared.
///
/// `Set(value)` sends the value; `Unset` sends an empty string, which is
/// how Stripe's API removes a value (`description=`).
#[derive(Clone, Debug, PartialEq)]
pub enum Unsettable<T> {
    /// Send this value.
    Set(T),
    /// Clear the field (sent as an empty string).
    Unset,
}

impl<T> From<T> for Unsettable<T> {
    fn from(value: T) -> Self {
        Unsettable::Set(value)
    }
}

impl From<&str> for Unsettable<String> {
    fn from(value: &str) -> Self {
        Unsettable::Set(value.to_owned())
    }
}

impl<T: Serialize> Serialize for Unsettable<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Unsettable::Set(v) => v.serialize(serializer),
            Unsettable::Unset => serializer.serialize_str(""),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metadata_limits() {
        let ok: Metadata = (0..20).map(|i| (format!("k{i}"), "v")).collect();
        assert!(ok.check().is_ok());
        let too_many: Metadata = (0..21).map(|i| (format!("k{i}"), "v")).collect();
        assert!(too_many.check().unwrap_err().contains("21 keys"));
        let long_key = Metadata::from([("k".repeat(41), "v")]);
        assert!(long_key.check().unwrap_err().contains("41 characters"));
        let edge = Metadata::from([("é".repeat(40), "ü".repeat(500))]);
        assert!(edge.check().is_ok(), "limits count characters, not bytes");
        let long_value = Metadata::from([("k", "v".repeat(501))]);
        assert!(long_value.check().unwrap_err().contains("501 characters"));
    }

    #[test]
    fn metadata_is_a_plain_map_in_json() {
        let m = Metadata::from([("order_id", "6735")]);
        assert_eq!(serde_json::to_string(&m).unwrap(), r#"{"order_id":"6735"}"#);
        let back: Metadata = serde_json::from_str(r#"{"a":"b"}"#).unwrap();
        assert_eq!(back.get("a"), Some("b"));
    }
}
