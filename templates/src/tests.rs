//! Tests of the runtime's macros as generated crates use them: on types at
//! the crate root, where generated types live (this file is the runtime
//! crate's own; it is not copied into generated crates).

use crate::runtime::macros::{object, string_enum, union};
use crate::{HasId, Id};

/// A tagged object with an id.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub(crate) struct Card {
    pub id: Id<Card>,
    pub brand: Option<Brand>,
    pub last4: String,
}
object!(Card, required { id, last4 }, optional { brand });

impl HasId for Card {
    fn id(&self) -> Option<&str> {
        Some(self.id.as_str())
    }
}

/// A second object with the tag `card`, narrower than [`Card`].
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub(crate) struct CardPreview {
    pub id: String,
    pub kind: String,
}
object!(CardPreview, required { id, kind = "type" }, optional {});

impl HasId for CardPreview {
    fn id(&self) -> Option<&str> {
        Some(&self.id)
    }
}

/// A deleted object, without an id field of its own kind.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub(crate) struct DeletedCard {
    pub deleted: bool,
}
object!(DeletedCard, required { deleted }, optional {});

/// A string enum.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Brand {
    Visa,
    Unrecognized(String),
}
string_enum!(Brand { Visa = "visa" });

#[derive(Clone, Debug, PartialEq, serde::Serialize)]
#[serde(untagged)]
enum Source {
    Card(Box<Card>),
    Preview(Box<CardPreview>),
    Deleted(Box<DeletedCard>),
    Unrecognized(serde_json::Value),
}
union!(Source {
    one { ("card", true) => Deleted(crate::DeletedCard) no_id }
    many { ("card", false) => [Card, Preview(crate::CardPreview)] }
    deleted ["card"]
});

#[derive(Clone, Debug, PartialEq, serde::Serialize)]
#[serde(untagged)]
enum AnyDeleted {
    Card(Box<Card>),
    Deleted(Box<DeletedCard>),
    Unrecognized(serde_json::Value),
}
union!(AnyDeleted {
    one { (_, true) => Deleted(crate::DeletedCard) no_id, ("card", _) => Card }
    many {}
    deleted any
});

fn source(json: &str) -> Source {
    serde_json::from_str(json).expect("decodes")
}

#[test]
fn the_widest_member_that_decodes_wins() {
    let card = source(r#"{"object":"card","id":"card_1","last4":"4242","brand":"visa"}"#);
    assert!(matches!(&card, Source::Card(c) if c.brand == Some(Brand::Visa) && c.last4 == "4242"));
    assert_eq!(card.id(), Some("card_1"));
    // Not a `Card` (no `last4`), but a preview.
    let preview = source(r#"{"object":"card","id":"card_2","type":"x"}"#);
    assert!(matches!(&preview, Source::Preview(p) if p.kind == "x"));
    assert_eq!(preview.id(), Some("card_2"));
}

#[test]
fn deleted_is_read_where_a_tag_has_a_deleted_form() {
    let gone = source(r#"{"object":"card","id":"card_3","deleted":true}"#);
    assert!(matches!(gone, Source::Deleted(_)));
    assert_eq!(gone.id(), None, "a member without an id field has none");
}

#[test]
fn what_no_member_accepts_is_kept_as_json() {
    let other = source(r#"{"object":"bank_account","id":"ba_1"}"#);
    assert!(matches!(&other, Source::Unrecognized(v) if v["object"] == "bank_account"));
    assert_eq!(other.id(), Some("ba_1"));
    let broken = source(r#"{"object":"card","id":"card_4"}"#);
    assert!(matches!(broken, Source::Unrecognized(_)));
}

#[test]
fn a_deleted_form_without_a_tag_stands_for_any() {
    let any: AnyDeleted = serde_json::from_str(r#"{"object":"whatever","deleted":true}"#).expect("decodes");
    assert!(matches!(any, AnyDeleted::Deleted(_)));
    let card: AnyDeleted = serde_json::from_str(r#"{"object":"card","id":"card_5","last4":"1"}"#).expect("decodes");
    assert!(matches!(card, AnyDeleted::Card(_)));
}

#[test]
fn string_enums_keep_values_they_do_not_know() {
    assert_eq!(Brand::from("visa"), Brand::Visa);
    assert_eq!(Brand::from("amex"), Brand::Unrecognized("amex".into()));
    assert_eq!(Brand::from("amex").as_str(), "amex");
}
