//! Expandable fields: an id by default, the whole object when the request
//! asked for it with `expand`.

use super::id::Id;
use super::params::HasId;
use serde::de::value::MapAccessDeserializer;
use serde::de::{self, Deserialize, Deserializer, MapAccess, Visitor};
use serde::{Serialize, Serializer};
use std::fmt;
use std::marker::PhantomData;

/// A field Stripe sends as an id, or as the object when expanded
/// (`expand[]=customer`, `expand[]=data.customer` on lists, nested with
/// dots: `invoice.subscription`).
#[derive(Clone, Debug, PartialEq)]
pub enum Expandable<T> {
    /// Not expanded: the object's id.
    Id(Id<T>),
    /// Expanded: the object itself.
    Object(Box<T>),
}

impl<T> Expandable<T> {
    /// Whether the object was expanded.
    pub fn is_object(&self) -> bool {
        matches!(self, Expandable::Object(_))
    }

    /// The expanded object, if it was expanded.
    pub fn as_object(&self) -> Option<&T> {
        match self {
            Expandable::Object(o) => Some(o),
            Expandable::Id(_) => None,
        }
    }

    /// The expanded object, if it was expanded.
    pub fn into_object(self) -> Option<T> {
        match self {
            Expandable::Object(o) => Some(*o),
            Expandable::Id(_) => None,
        }
    }
}

impl<T: HasId> Expandable<T> {
    /// The id, whether or not the object was expanded (empty if an expanded
    /// object carries no id), typed: a customer's id is a `CustomerId`.
    pub fn id(&self) -> Id<T> {
        match self {
            Expandable::Id(id) => id.clone(),
            Expandable::Object(o) => Id::new(o.id().unwrap_or_default()),
        }
    }
}

impl<T: Serialize> Serialize for Expandable<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Expandable::Id(id) => serializer.serialize_str(id.as_str()),
            Expandable::Object(o) => o.serialize(serializer),
        }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Expandable<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for V<T> {
            type Value = Expandable<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an id string or an expanded object")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(Expandable::Id(Id::new(v)))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
                Ok(Expandable::Id(Id::new(v)))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                T::deserialize(MapAccessDeserializer::new(map)).map(|o| Expandable::Object(Box::new(o)))
            }
        }
        deserializer.deserialize_any(V(PhantomData))
    }
}
