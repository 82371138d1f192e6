//! The serializers for what a form holds besides parameters: map keys
//! (strings, numbers, unit variants) and file contents (taken back out of
//! `FileContents`' serialized form). Anything else is refused, with the
//! form encoding's one error type.

use super::params::FileContents;
use serde::ser::{self, Impossible, Serialize};
use std::fmt::Display;

/// Why a value could not be encoded; `path` is the parameter (`metadata`,
/// `items[0][price]`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FormError {
    pub path: String,
    pub message: String,
}

impl Display for FormError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

impl std::error::Error for FormError {}

impl ser::Error for FormError {
    fn custom<T: Display>(msg: T) -> Self {
        FormError { path: String::new(), message: msg.to_string() }
    }
}

/// Serializer methods that refuse what they are given with `$err`.
macro_rules! refuse {
    ($err:expr; $($name:ident($($arg:ty),*) -> $ret:ty;)*) => {
        $(fn $name(self $(, _: $arg)*) -> Result<$ret, FormError> {
            Err($err)
        })*
    };
}

/// The generic serializer methods, refused with `$err`.
macro_rules! refuse_generic {
    ($err:expr; $ok:ty) => {
        fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, _: &T) -> Result<$ok, FormError> {
            Err($err)
        }
        fn serialize_newtype_variant<T: Serialize + ?Sized>(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            _: &T,
        ) -> Result<$ok, FormError> {
            Err($err)
        }
    };
}

/// Takes a [`FileContents`] back out of its serialized form: the tuple
/// `(name, content_type, bytes)` that `FileContents::serialize` writes.
#[derive(Default)]
pub(super) struct FileCapture {
    name: Option<String>,
    content_type: Option<String>,
    bytes: Option<std::sync::Arc<[u8]>>,
    index: usize,
}

fn bad_file() -> FormError {
    FormError { path: String::new(), message: "not a file upload".into() }
}

impl ser::SerializeTuple for FileCapture {
    type Ok = FileContents;
    type Error = FormError;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), FormError> {
        match (self.index, value.serialize(FilePart)?) {
            (0, FilePart::Text(t)) => self.name = Some(t),
            (1, FilePart::Text(t)) => self.content_type = Some(t),
            (1, FilePart::None) => {}
            (2, FilePart::Bytes(b)) => self.bytes = Some(b.into()),
            _ => return Err(bad_file()),
        }
        self.index += 1;
        Ok(())
    }
    fn end(self) -> Result<FileContents, FormError> {
        match (self.name, self.bytes) {
            (Some(name), Some(bytes)) => Ok(FileContents { name, content_type: self.content_type, bytes }),
            _ => Err(bad_file()),
        }
    }
}

impl ser::Serializer for FileCapture {
    type Ok = FileContents;
    type Error = FormError;
    type SerializeSeq = Impossible<FileContents, FormError>;
    type SerializeTuple = Self;
    type SerializeTupleStruct = Impossible<FileContents, FormError>;
    type SerializeTupleVariant = Impossible<FileContents, FormError>;
    type SerializeMap = Impossible<FileContents, FormError>;
    type SerializeStruct = Impossible<FileContents, FormError>;
    type SerializeStructVariant = Impossible<FileContents, FormError>;

    fn serialize_tuple(self, _: usize) -> Result<Self, FormError> {
        Ok(self)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, _: &T) -> Result<FileContents, FormError> {
        Err(bad_file())
    }
    refuse_generic!(bad_file(); FileContents);
    refuse! { bad_file();
        serialize_bool(bool) -> FileContents;
        serialize_i8(i8) -> FileContents;
        serialize_i16(i16) -> FileContents;
        serialize_i32(i32) -> FileContents;
        serialize_i64(i64) -> FileContents;
        serialize_u8(u8) -> FileContents;
        serialize_u16(u16) -> FileContents;
        serialize_u32(u32) -> FileContents;
        serialize_u64(u64) -> FileContents;
        serialize_f32(f32) -> FileContents;
        serialize_f64(f64) -> FileContents;
        serialize_char(char) -> FileContents;
        serialize_str(&str) -> FileContents;
        serialize_bytes(&[u8]) -> FileContents;
        serialize_none() -> FileContents;
        serialize_unit() -> FileContents;
        serialize_unit_struct(&'static str) -> FileContents;
        serialize_unit_variant(&'static str, u32, &'static str) -> FileContents;
        serialize_seq(Option<usize>) -> Self::SerializeSeq;
        serialize_tuple_struct(&'static str, usize) -> Self::SerializeTupleStruct;
        serialize_tuple_variant(&'static str, u32, &'static str, usize) -> Self::SerializeTupleVariant;
        serialize_map(Option<usize>) -> Self::SerializeMap;
        serialize_struct(&'static str, usize) -> Self::SerializeStruct;
        serialize_struct_variant(&'static str, u32, &'static str, usize) -> Self::SerializeStructVariant;
    }
}

/// One element of a file's tuple.
enum FilePart {
    Text(String),
    None,
    Bytes(Vec<u8>),
}

struct FilePartSerializer;
#[allow(non_upper_case_globals)]
const FilePart: FilePartSerializer = FilePartSerializer;

impl ser::Serializer for FilePartSerializer {
    type Ok = FilePart;
    type Error = FormError;
    type SerializeSeq = Impossible<FilePart, FormError>;
    type SerializeTuple = Impossible<FilePart, FormError>;
    type SerializeTupleStruct = Impossible<FilePart, FormError>;
    type SerializeTupleVariant = Impossible<FilePart, FormError>;
    type SerializeMap = Impossible<FilePart, FormError>;
    type SerializeStruct = Impossible<FilePart, FormError>;
    type SerializeStructVariant = Impossible<FilePart, FormError>;

    fn serialize_str(self, v: &str) -> Result<FilePart, FormError> {
        Ok(FilePart::Text(v.to_owned()))
    }
    fn serialize_none(self) -> Result<FilePart, FormError> {
        Ok(FilePart::None)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, v: &T) -> Result<FilePart, FormError> {
        v.serialize(self)
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<FilePart, FormError> {
        Ok(FilePart::Bytes(v.to_vec()))
    }
    refuse_generic!(bad_file(); FilePart);
    refuse! { bad_file();
        serialize_bool(bool) -> FilePart;
        serialize_i8(i8) -> FilePart;
        serialize_i16(i16) -> FilePart;
        serialize_i32(i32) -> FilePart;
        serialize_i64(i64) -> FilePart;
        serialize_u8(u8) -> FilePart;
        serialize_u16(u16) -> FilePart;
        serialize_u32(u32) -> FilePart;
        serialize_u64(u64) -> FilePart;
        serialize_f32(f32) -> FilePart;
        serialize_f64(f64) -> FilePart;
        serialize_char(char) -> FilePart;
        serialize_unit() -> FilePart;
        serialize_unit_struct(&'static str) -> FilePart;
        serialize_unit_variant(&'static str, u32, &'static str) -> FilePart;
        serialize_seq(Option<usize>) -> Self::SerializeSeq;
        serialize_tuple(usize) -> Self::SerializeTuple;
        serialize_tuple_struct(&'static str, usize) -> Self::SerializeTupleStruct;
        serialize_tuple_variant(&'static str, u32, &'static str, usize) -> Self::SerializeTupleVariant;
        serialize_map(Option<usize>) -> Self::SerializeMap;
        serialize_struct(&'static str, usize) -> Self::SerializeStruct;
        serialize_struct_variant(&'static str, u32, &'static str, usize) -> Self::SerializeStructVariant;
    }
}

/// Map keys: strings, numbers and unit variants only.
pub(super) struct KeyEncoder;

fn bad_key() -> FormError {
    FormError { path: String::new(), message: "map keys must be strings".into() }
}

impl ser::Serializer for KeyEncoder {
    type Ok = String;
    type Error = FormError;
    type SerializeSeq = Impossible<String, FormError>;
    type SerializeTuple = Impossible<String, FormError>;
    type SerializeTupleStruct = Impossible<String, FormError>;
    type SerializeTupleVariant = Impossible<String, FormError>;
    type SerializeMap = Impossible<String, FormError>;
    type SerializeStruct = Impossible<String, FormError>;
    type SerializeStructVariant = Impossible<String, FormError>;

    fn serialize_str(self, v: &str) -> Result<String, FormError> {
        Ok(v.to_owned())
    }
    fn serialize_char(self, v: char) -> Result<String, FormError> {
        Ok(v.to_string())
    }
    fn serialize_i64(self, v: i64) -> Result<String, FormError> {
        Ok(v.to_string())
    }
    fn serialize_u64(self, v: u64) -> Result<String, FormError> {
        Ok(v.to_string())
    }
    fn serialize_i32(self, v: i32) -> Result<String, FormError> {
        Ok(v.to_string())
    }
    fn serialize_u32(self, v: u32) -> Result<String, FormError> {
        Ok(v.to_string())
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, v: &'static str) -> Result<String, FormError> {
        Ok(v.to_owned())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, v: &T) -> Result<String, FormError> {
        v.serialize(self)
    }
    fn serialize_bool(self, _: bool) -> Result<String, FormError> {
        Err(bad_key())
    }
    fn serialize_i8(self, v: i8) -> Result<String, FormError> {
        Ok(v.to_string())
    }
    fn serialize_i16(self, v: i16) -> Result<String, FormError> {
        Ok(v.to_string())
    }
    fn serialize_u8(self, v: u8) -> Result<String, FormError> {
        Ok(v.to_string())
    }
    fn serialize_u16(self, v: u16) -> Result<String, FormError> {
        Ok(v.to_string())
    }
    fn serialize_f32(self, _: f32) -> Result<String, FormError> {
        Err(bad_key())
    }
    fn serialize_f64(self, _: f64) -> Result<String, FormError> {
        Err(bad_key())
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<String, FormError> {
        Err(bad_key())
    }
    fn serialize_none(self) -> Result<String, FormError> {
        Err(bad_key())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, v: &T) -> Result<String, FormError> {
        v.serialize(self)
    }
    fn serialize_unit(self) -> Result<String, FormError> {
        Err(bad_key())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<String, FormError> {
        Err(bad_key())
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<String, FormError> {
        Err(bad_key())
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, FormError> {
        Err(bad_key())
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, FormError> {
        Err(bad_key())
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeTupleStruct, FormError> {
        Err(bad_key())
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, FormError> {
        Err(bad_key())
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, FormError> {
        Err(bad_key())
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeStruct, FormError> {
        Err(bad_key())
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, FormError> {
        Err(bad_key())
    }
}
