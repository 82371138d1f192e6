//! Typed ids: `Id<Charge>` (spelled `ChargeId` by the generated code) is a
//! charge's id and nothing else, so passing a customer's id where a charge's
//! is expected does not compile. An id is a string underneath: built from
//! any string you have, shown, compared and serialized as one.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::borrow::Borrow;
use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::marker::PhantomData;
use std::ops::Deref;

/// The id of an object of type `T` (`ch_...` for a charge). For a
/// polymorphic `T` (a source that may be a card or a bank account) it is
/// the id of any of them.
///
/// ```
/// # struct Charge;
/// use stripe_client::Id;
/// let id: Id<Charge> = "ch_123".into();
/// assert_eq!(id, "ch_123");
/// assert_eq!(id.to_string(), "ch_123");
/// ```
///
/// Ids of different kinds do not mix:
///
/// ```compile_fail,E0308
/// # struct Charge;
/// # struct Customer;
/// use stripe_client::Id;
/// fn refund(charge: Id<Charge>) {}
/// let customer: Id<Customer> = "cus_123".into();
/// refund(customer); // a customer's id is not a charge's
/// ```
pub struct Id<T> {
    value: String,
    marker: PhantomData<fn() -> T>,
}

impl<T> Id<T> {
    /// An id from its string.
    pub fn new(value: impl Into<String>) -> Self {
        Id { value: value.into(), marker: PhantomData }
    }

    /// The id as a string.
    pub fn as_str(&self) -> &str {
        &self.value
    }

    /// The id's string.
    pub fn into_string(self) -> String {
        self.value
    }
}

impl<T> Clone for Id<T> {
    fn clone(&self) -> Self {
        Id::new(self.value.clone())
    }
}

impl<T> PartialEq for Id<T> {
    fn eq(&self, other: &Self) -> bool {
        self.value == other.value
    }
}

impl<T> Eq for Id<T> {}

impl<T> PartialOrd for Id<T> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl<T> Ord for Id<T> {
    fn cmp(&self, other: &Self) -> Ordering {
        self.value.cmp(&other.value)
    }
}

impl<T> Hash for Id<T> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.value.hash(state);
    }
}

impl<T> PartialEq<str> for Id<T> {
    fn eq(&self, other: &str) -> bool {
        self.value == other
    }
}

impl<T> PartialEq<&str> for Id<T> {
    fn eq(&self, other: &&str) -> bool {
        self.value == *other
    }
}

impl<T> PartialEq<String> for Id<T> {
    fn eq(&self, other: &String) -> bool {
        &self.value == other
    }
}

impl<T> PartialEq<Id<T>> for str {
    fn eq(&self, other: &Id<T>) -> bool {
        self == other.value
    }
}

impl<T> PartialEq<Id<T>> for &str {
    fn eq(&self, other: &Id<T>) -> bool {
        *self == other.value
    }
}

impl<T> PartialEq<Id<T>> for String {
    fn eq(&self, other: &Id<T>) -> bool {
        *self == other.value
    }
}

impl<T> fmt::Debug for Id<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.value, f)
    }
}

impl<T> fmt::Display for Id<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.value)
    }
}

impl<T> Deref for Id<T> {
    type Target = str;
    fn deref(&self) -> &str {
        &self.value
    }
}

impl<T> AsRef<str> for Id<T> {
    fn as_ref(&self) -> &str {
        &self.value
    }
}

impl<T> Borrow<str> for Id<T> {
    fn borrow(&self) -> &str {
        &self.value
    }
}

impl<T> From<&str> for Id<T> {
    fn from(value: &str) -> Self {
        Id::new(value)
    }
}

impl<T> From<String> for Id<T> {
    fn from(value: String) -> Self {
        Id::new(value)
    }
}

impl<T> From<&String> for Id<T> {
    fn from(value: &String) -> Self {
        Id::new(value.as_str())
    }
}

impl<T> From<&Id<T>> for Id<T> {
    fn from(value: &Id<T>) -> Self {
        value.clone()
    }
}

impl<T> From<Id<T>> for String {
    fn from(value: Id<T>) -> Self {
        value.value
    }
}

impl<T> Serialize for Id<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.value)
    }
}

impl<'de, T> Deserialize<'de> for Id<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(Id::new)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Charge;
    struct Customer;

    #[test]
    fn ids_are_strings_of_one_kind() {
        let a: Id<Charge> = "ch_1".into();
        let b = Id::<Charge>::new(String::from("ch_1"));
        assert_eq!(a, b);
        assert_eq!(a, "ch_1");
        assert_eq!(&*a, "ch_1");
        assert_eq!(format!("{a} {a:?}"), "ch_1 \"ch_1\"");
        let c: Id<Customer> = Id::from(&String::from("cus_1"));
        assert!(c.starts_with("cus_"));
        let set: std::collections::HashSet<Id<Charge>> = [a.clone()].into();
        assert!(set.contains("ch_1"));
        let json = serde_json::to_string(&a).unwrap();
        assert_eq!(json, "\"ch_1\"");
        let back: Id<Charge> = serde_json::from_str(&json).unwrap();
        assert_eq!(back, a);
        assert_eq!(String::from(back), "ch_1");
    }
}
