//! The code every string enum, response object and polymorphic object
//! would otherwise repeat, written once. Generated files call these with a table of names
//! (`string_enum!(ChargeStatus { Failed = "failed", ... })`), which keeps
//! them short to read, quick to generate and small to parse.

/// `as_str`, `From<&str>`, `FromStr`, `Display`, `Serialize` and
/// `Deserialize` for a string enum whose last variant is
/// `Unrecognized(String)`: a value the table does not list is kept as sent.
#[allow(unused_macros, reason = "which types exist depends on the spec and the features")]
macro_rules! string_enum {
    ($name:ident {}) => {
        impl $name {
            /// The value as it appears on the wire.
            pub fn as_str(&self) -> &str {
                let Self::Unrecognized(other) = self;
                other
            }
        }
        impl From<&str> for $name {
            fn from(value: &str) -> Self {
                Self::Unrecognized(value.to_owned())
            }
        }
        $crate::runtime::macros::string_enum!(@traits $name);
    };
    ($name:ident { $($variant:ident = $wire:literal),+ $(,)? }) => {
        $crate::runtime::macros::string_enum!(@as_str $name { $($variant = $wire),+ });
        impl From<&str> for $name {
            fn from(value: &str) -> Self {
                match value {
                    $($wire => Self::$variant,)+
                    other => Self::Unrecognized(other.to_owned()),
                }
            }
        }
        $crate::runtime::macros::string_enum!(@traits $name);
    };
    // A long list sorted by wire value (currencies): `From<&str>` finds a
    // value by binary search instead of comparing with each in turn.
    (sorted $name:ident { $($variant:ident = $wire:literal),+ $(,)? }) => {
        impl $name {
            /// The wire values, sorted, and their variants in the same order.
            const WIRE: &'static [(&'static str, $name)] = &[$(($wire, $name::$variant)),+];
        }
        $crate::runtime::macros::string_enum!(@as_str $name { $($variant = $wire),+ });
        impl From<&str> for $name {
            fn from(value: &str) -> Self {
                match Self::WIRE.binary_search_by(|(wire, _)| (*wire).cmp(value)) {
                    Ok(i) => Self::WIRE[i].1.clone(),
                    Err(_) => Self::Unrecognized(value.to_owned()),
                }
            }
        }
        $crate::runtime::macros::string_enum!(@traits $name);
    };
    (@as_str $name:ident { $($variant:ident = $wire:literal),+ }) => {
        impl $name {
            /// The value as it appears on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    $(Self::$variant => $wire,)+
                    Self::Unrecognized(other) => other,
                }
            }
        }
    };
    (@traits $name:ident) => {
        impl std::str::FromStr for $name {
            type Err = std::convert::Infallible;
            fn from_str(value: &str) -> Result<Self, Self::Err> {
                Ok(Self::from(value))
            }
        }
        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }
        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                $crate::runtime::de::string_enum(deserializer)
            }
        }
    };
}

/// `Deserialize` for a response object: a map visitor that reads each
/// listed field (`field`, or `field = "wire"` when the names differ) into a
/// slot and ignores unknown keys; a
/// missing required field or a repeated field is an error, as with serde's
/// derive. Leaner to compile than the derive (no field enum, no sequence
/// form).
#[allow(unused_macros, reason = "which types exist depends on the spec and the features")]
macro_rules! object {
    ($name:ident, required { $($req:ident $(= $req_wire:literal)?),* $(,)? }, optional { $($opt:ident $(= $opt_wire:literal)?),* $(,)? }) => {
        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                #[allow(non_camel_case_types, reason = "no generated type has this name")]
                struct __Visitor;
                impl<'de> serde::de::Visitor<'de> for __Visitor {
                    type Value = $name;
                    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        f.write_str(concat!("struct ", stringify!($name)))
                    }
                    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<$name, A::Error> {
                        $(let mut $req = None;)*
                        $(let mut $opt = None;)*
                        while let Some(key) = map.next_key::<$crate::runtime::de::Key<'de>>()? {
                            match key.as_str() {
                                $($crate::runtime::macros::wire!($req $(= $req_wire)?) => {
                                    $crate::runtime::de::field(&mut map, &mut $req, $crate::runtime::macros::wire!($req $(= $req_wire)?))?
                                })*
                                $($crate::runtime::macros::wire!($opt $(= $opt_wire)?) => {
                                    $crate::runtime::de::field(&mut map, &mut $opt, $crate::runtime::macros::wire!($opt $(= $opt_wire)?))?
                                })*
                                _ => $crate::runtime::de::skip(&mut map)?,
                            }
                        }
                        Ok($name {
                            $($req: $crate::runtime::de::required($req, $crate::runtime::macros::wire!($req $(= $req_wire)?))?,)*
                            $($opt: $crate::runtime::de::optional($opt),)*
                        })
                    }
                }
                deserializer.deserialize_map(__Visitor)
            }
        }
    };
}

/// `Union` (decoding chosen by the `object` and `deleted` fields),
/// `Deserialize` and `HasId` for a polymorphic object: an enum whose last
/// variant is `Unrecognized(serde_json::Value)` and whose others hold a
/// boxed type of the crate's root. `one` lists the `(object, deleted)`
/// patterns that name one member, decoded straight from the input; `many`
/// those shared by several, buffered and tried in order (the first that
/// decodes wins). Anything else, or what no member accepts, is kept as
/// JSON. A member is its variant's name, with its type in parentheses when
/// the crate's root has not that type under that name
/// (`Deleted(crate::DeletedCard)`), and `no_id` when the type has no id
/// field; `deleted` says for
/// which objects `deleted` must be read first (`none`, `any`, or a list of
/// tags).
#[allow(unused_macros, reason = "which types exist depends on the spec and the features")]
macro_rules! union {
    ($name:ident {
        one { $($(#[$c1:meta])* $p1:pat => $v1:ident $(($t1:ty))? $($n1:ident)?),* $(,)? }
        many { $($p2:pat => [$($(#[$c2:meta])* $v2:ident $(($t2:ty))? $($n2:ident)?),+ $(,)?]),* $(,)? }
        deleted $deleted:tt
    }) => {
        impl $crate::runtime::de::Union for $name {
            $crate::runtime::macros::union!(@needs_deleted $deleted);
            fn decode<'de, D: serde::Deserializer<'de>>(object: &str, deleted: bool, deserializer: D) -> Result<Self, D::Error> {
                Ok(match (object, deleted) {
                    $($(#[$c1])* $p1 => Self::$v1(Box::new(
                        <$crate::runtime::macros::union!(@ty $v1 $($t1)?) as serde::Deserialize>::deserialize(deserializer)?,
                    )),)*
                    $($p2 => {
                        let value = <serde_json::Value as serde::Deserialize>::deserialize(deserializer)?;
                        $($(#[$c2])* if let Ok(v) =
                            <$crate::runtime::macros::union!(@ty $v2 $($t2)?) as serde::Deserialize>::deserialize(&value)
                        {
                            return Ok(Self::$v2(Box::new(v)));
                        })+
                        Self::Unrecognized(value)
                    })*
                    _ => Self::Unrecognized(<serde_json::Value as serde::Deserialize>::deserialize(deserializer)?),
                })
            }
            fn unrecognized(value: serde_json::Value) -> Self {
                Self::Unrecognized(value)
            }
        }
        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                $crate::runtime::de::union(deserializer, stringify!($name))
            }
        }
        impl $crate::HasId for $name {
            fn id(&self) -> Option<&str> {
                match self {
                    $($(#[$c1])* Self::$v1(v) => $crate::runtime::macros::union!(@id v $($n1)?),)*
                    $($($(#[$c2])* Self::$v2(v) => $crate::runtime::macros::union!(@id v $($n2)?),)+)*
                    Self::Unrecognized(v) => v.get("id").and_then(serde_json::Value::as_str),
                }
            }
        }
    };
    (@ty $v:ident) => {
        $crate::$v
    };
    (@ty $v:ident $t:ty) => {
        $t
    };
    (@needs_deleted none) => {};
    (@needs_deleted any) => {
        fn needs_deleted(_object: &str) -> bool {
            true
        }
    };
    (@needs_deleted [$($tag:literal),+ $(,)?]) => {
        fn needs_deleted(object: &str) -> bool {
            matches!(object, $($tag)|+)
        }
    };
    (@id $v:ident) => {
        $crate::HasId::id(&**$v)
    };
    (@id $v:ident no_id) => {{
        let _ = $v;
        None
    }};
}

/// The wire name of a field: its Rust name, or the name given after `=`.
#[allow(unused_macros, reason = "which types exist depends on the spec and the features")]
macro_rules! wire {
    ($field:ident) => {
        stringify!($field)
    };
    ($field:ident = $wire:literal) => {
        $wire
    };
}

#[allow(unused_imports, reason = "a spec may have no string enums or no objects")]
pub(crate) use {object, string_enum, union, wire};
