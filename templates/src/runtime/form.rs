//! Stripe's form encoding: any `Serialize` value to `key=value` pairs with
//! bracket notation (`metadata[order_id]=6735`, `expand[0]=customer`,
//! `items[0][price]=p1`), booleans as `true`/`false`, `None` omitted. Used
//! for POST bodies and GET query strings alike.

use super::form_parts::{FileCapture, FormError, KeyEncoder};
use super::params::{FILE_TOKEN, FileContents, METADATA_TOKEN};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde::ser::{self, Impossible, Serialize};

/// Encodes a struct or map into pairs.
pub(crate) fn to_pairs<T: Serialize + ?Sized>(value: &T) -> Result<Vec<(String, String)>, FormError> {
    let form = to_form(value)?;
    match form.files.first() {
        Some((key, _)) => {
            Err(FormError { path: key.clone(), message: "a file can only be sent in a multipart request".into() })
        }
        None => Ok(form.pairs),
    }
}

/// What a value encodes to: text pairs, and files for a multipart body.
#[derive(Default)]
pub(crate) struct Form {
    pub pairs: Vec<(String, String)>,
    pub files: Vec<(String, FileContents)>,
}

/// Encodes a struct or map into pairs and files (for multipart requests).
pub(crate) fn to_form<T: Serialize + ?Sized>(value: &T) -> Result<Form, FormError> {
    let mut out = Form::default();
    value.serialize(Encoder { out: &mut out, key: String::new() })?;
    Ok(out)
}

/// Characters left as they are: unreserved ones; `[` and `]` too in keys,
/// which Stripe reads literally and which keep the wire readable.
const VALUE: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'.').remove(b'~');
const KEY: &AsciiSet = &VALUE.remove(b'[').remove(b']');

fn encode_into(out: &mut String, s: &str, set: &'static AsciiSet) {
    for piece in utf8_percent_encode(s, set) {
        // application/x-www-form-urlencoded writes spaces as `+`.
        out.push_str(&piece.replace("%20", "+"));
    }
}

/// Percent-encodes pairs as `k1=v1&k2=v2`.
pub(crate) fn encode(pairs: &[(String, String)]) -> String {
    let mut out = String::new();
    for (i, (k, v)) in pairs.iter().enumerate() {
        if i > 0 {
            out.push('&');
        }
        encode_into(&mut out, k, KEY);
        out.push('=');
        encode_into(&mut out, v, VALUE);
    }
    out
}

struct Encoder<'a> {
    out: &'a mut Form,
    key: String,
}

impl Encoder<'_> {
    fn push(self, value: String) -> Result<(), FormError> {
        if self.key.is_empty() {
            return Err(self.error("a bare value cannot be form-encoded; expected a struct or map"));
        }
        self.out.pairs.push((self.key, value));
        Ok(())
    }

    fn error(&self, message: impl Into<String>) -> FormError {
        FormError { path: self.key.clone(), message: message.into() }
    }

    fn child(&mut self, name: &str) -> Encoder<'_> {
        let key = if self.key.is_empty() { name.to_owned() } else { format!("{}[{name}]", self.key) };
        Encoder { out: self.out, key }
    }
}

/// Adds the parameter path to an error raised deeper down.
fn at(mut e: FormError, key: &str) -> FormError {
    if e.path.is_empty() {
        e.path = key.to_owned();
    }
    e
}

impl<'a> ser::Serializer for Encoder<'a> {
    type Ok = ();
    type Error = FormError;
    type SerializeSeq = Seq<'a>;
    type SerializeTuple = Seq<'a>;
    type SerializeTupleStruct = Seq<'a>;
    type SerializeTupleVariant = Impossible<(), FormError>;
    type SerializeMap = Map<'a>;
    type SerializeStruct = Map<'a>;
    type SerializeStructVariant = Impossible<(), FormError>;

    fn serialize_bool(self, v: bool) -> Result<(), FormError> {
        self.push(if v { "true" } else { "false" }.into())
    }
    fn serialize_i8(self, v: i8) -> Result<(), FormError> {
        self.push(v.to_string())
    }
    fn serialize_i16(self, v: i16) -> Result<(), FormError> {
        self.push(v.to_string())
    }
    fn serialize_i32(self, v: i32) -> Result<(), FormError> {
        self.push(v.to_string())
    }
    fn serialize_i64(self, v: i64) -> Result<(), FormError> {
        self.push(v.to_string())
    }
    fn serialize_u8(self, v: u8) -> Result<(), FormError> {
        self.push(v.to_string())
    }
    fn serialize_u16(self, v: u16) -> Result<(), FormError> {
        self.push(v.to_string())
    }
    fn serialize_u32(self, v: u32) -> Result<(), FormError> {
        self.push(v.to_string())
    }
    fn serialize_u64(self, v: u64) -> Result<(), FormError> {
        self.push(v.to_string())
    }
    fn serialize_f32(self, v: f32) -> Result<(), FormError> {
        self.serialize_f64(f64::from(v))
    }
    fn serialize_f64(self, v: f64) -> Result<(), FormError> {
        if !v.is_finite() {
            return Err(self.error(format!("{v} is not a number Stripe accepts")));
        }
        self.push(v.to_string())
    }
    fn serialize_char(self, v: char) -> Result<(), FormError> {
        self.push(v.to_string())
    }
    fn serialize_str(self, v: &str) -> Result<(), FormError> {
        self.push(v.to_owned())
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<(), FormError> {
        Err(self.error("bytes cannot be form-encoded"))
    }
    fn serialize_none(self) -> Result<(), FormError> {
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), FormError> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), FormError> {
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), FormError> {
        Ok(())
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result<(), FormError> {
        self.push(variant.to_owned())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, name: &'static str, value: &T) -> Result<(), FormError> {
        if name == FILE_TOKEN {
            let file = value.serialize(FileCapture::default()).map_err(|e| at(e, &self.key))?;
            self.out.files.push((self.key, file));
            return Ok(());
        }
        if name == METADATA_TOKEN {
            // Stripe's metadata limits, checked before anything is sent.
            let mut form = Form::default();
            value.serialize(Encoder { out: &mut form, key: String::new() })?;
            let map: super::params::Metadata = form.pairs.into_iter().collect();
            map.check().map_err(|m| self.error(m))?;
        }
        let key = self.key.clone();
        value.serialize(self).map_err(|e| at(e, &key))
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        value: &T,
    ) -> Result<(), FormError> {
        value.serialize(self)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Seq<'a>, FormError> {
        Ok(Seq { out: self.out, key: self.key, index: 0 })
    }
    fn serialize_tuple(self, len: usize) -> Result<Seq<'a>, FormError> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _: &'static str, len: usize) -> Result<Seq<'a>, FormError> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, FormError> {
        Err(self.error("tuple variants cannot be form-encoded"))
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Map<'a>, FormError> {
        Ok(Map { out: self.out, key: self.key, pending: None })
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Map<'a>, FormError> {
        self.serialize_map(None)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, FormError> {
        Err(self.error("struct variants cannot be form-encoded"))
    }
}

pub(crate) struct Seq<'a> {
    out: &'a mut Form,
    key: String,
    index: usize,
}

impl Seq<'_> {
    fn element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), FormError> {
        if self.key.is_empty() {
            return Err(FormError {
                path: String::new(),
                message: "a bare list cannot be form-encoded; expected a struct or map".into(),
            });
        }
        let key = format!("{}[{}]", self.key, self.index);
        self.index += 1;
        value.serialize(Encoder { out: self.out, key: key.clone() }).map_err(|e| at(e, &key))
    }
}

impl ser::SerializeSeq for Seq<'_> {
    type Ok = ();
    type Error = FormError;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), FormError> {
        self.element(value)
    }
    fn end(self) -> Result<(), FormError> {
        Ok(())
    }
}

impl ser::SerializeTuple for Seq<'_> {
    type Ok = ();
    type Error = FormError;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), FormError> {
        self.element(value)
    }
    fn end(self) -> Result<(), FormError> {
        Ok(())
    }
}

impl ser::SerializeTupleStruct for Seq<'_> {
    type Ok = ();
    type Error = FormError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), FormError> {
        self.element(value)
    }
    fn end(self) -> Result<(), FormError> {
        Ok(())
    }
}

pub(crate) struct Map<'a> {
    out: &'a mut Form,
    key: String,
    pending: Option<String>,
}

impl Map<'_> {
    fn field<T: Serialize + ?Sized>(&mut self, name: &str, value: &T) -> Result<(), FormError> {
        let mut parent = Encoder { out: self.out, key: self.key.clone() };
        let child = parent.child(name);
        let key = child.key.clone();
        value.serialize(child).map_err(|e| at(e, &key))
    }
}

impl ser::SerializeMap for Map<'_> {
    type Ok = ();
    type Error = FormError;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), FormError> {
        self.pending = Some(key.serialize(KeyEncoder)?);
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), FormError> {
        let name = self
            .pending
            .take()
            .ok_or_else(|| FormError { path: self.key.clone(), message: "map value without a key".into() })?;
        self.field(&name, value)
    }
    fn end(self) -> Result<(), FormError> {
        Ok(())
    }
}

impl ser::SerializeStruct for Map<'_> {
    type Ok = ();
    type Error = FormError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, name: &'static str, value: &T) -> Result<(), FormError> {
        self.field(name, value)
    }
    fn end(self) -> Result<(), FormError> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Metadata, Unsettable};
    use serde::Serialize;

    #[derive(Serialize)]
    struct Item {
        price: String,
        quantity: Option<i64>,
    }

    #[derive(Serialize)]
    struct Params {
        amount: i64,
        capture: Option<bool>,
        description: Option<Unsettable<String>>,
        expand: Option<Vec<String>>,
        items: Vec<Item>,
        metadata: Option<Metadata>,
        skipped: Option<String>,
    }

    fn params() -> Params {
        Params {
            amount: 2000,
            capture: Some(false),
            description: Some(Unsettable::Unset),
            expand: Some(vec!["customer".into(), "invoice.subscription".into()]),
            items: vec![Item { price: "p1".into(), quantity: Some(2) }],
            metadata: Some(Metadata::from([("order_id", "6735"), ("note", "a b&c=d")])),
            skipped: None,
        }
    }

    #[test]
    fn bracket_notation_on_the_wire() {
        let pairs = to_pairs(&params()).unwrap();
        assert_eq!(
            encode(&pairs),
            "amount=2000&capture=false&description=&expand[0]=customer&expand[1]=invoice.subscription\
             &items[0][price]=p1&items[0][quantity]=2&metadata[note]=a+b%26c%3Dd&metadata[order_id]=6735"
        );
    }

    #[test]
    fn metadata_limits_name_the_parameter() {
        let mut p = params();
        p.metadata = Some((0..21).map(|i| (format!("k{i}"), "v")).collect());
        let err = to_pairs(&p).unwrap_err();
        assert_eq!(err.path, "metadata");
        assert!(err.message.contains("21 keys"), "{err}");
    }

    #[test]
    fn non_ascii_and_reserved_characters_are_escaped() {
        let pairs = vec![("name[first]".to_owned(), "Zoë/?#[]".to_owned())];
        assert_eq!(encode(&pairs), "name[first]=Zo%C3%AB%2F%3F%23%5B%5D");
    }

    #[test]
    fn bare_values_are_refused() {
        assert!(to_pairs(&5).is_err());
        assert!(to_pairs(&vec![1]).is_err());
        assert!(to_pairs(&f64::NAN).is_err());
    }
}
