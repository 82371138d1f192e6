//! Docs where the spec has none (fixture `borrowed_docs.yaml`): what each
//! rule of `lower/fill_docs.rs` gives, asserted by name so that a change of
//! rule fails here with the type and field it touched.

mod common;

use codegen::ir::{Api, TypeKind};

fn api() -> Api {
    let path = common::fixtures_dir().join("borrowed_docs.yaml");
    let text = std::fs::read_to_string(&path).expect("fixture is readable");
    codegen::load(&text, &common::options(&path)).expect("fixture lowers").0
}

fn type_doc(api: &Api, name: &str) -> String {
    let def = api.types.iter().find(|t| t.name == name).unwrap_or_else(|| panic!("no type {name}"));
    def.doc.join("\n")
}

fn field_doc(api: &Api, ty: &str, field: &str) -> String {
    let def = api.types.iter().find(|t| t.name == ty).unwrap_or_else(|| panic!("no type {ty}"));
    let TypeKind::Struct(s) = &def.kind else { panic!("{ty} is not a struct") };
    let f = s.fields.iter().find(|f| f.wire == field).unwrap_or_else(|| panic!("no field {ty}.{field}"));
    f.doc.join("\n")
}

#[test]
fn parameters_take_the_words_of_the_response_object_they_match() {
    let api = api();
    assert_eq!(field_doc(&api, "CreateShopAddress", "city"), "City, district, suburb, town, or village.");
    // Best matches disagree (address, postal_address): the most used speaks.
    assert_eq!(field_doc(&api, "CreateShopAddress", "state"), "State, county, province, or region.");
    // The Japanese address matches all four names; the plain one has no `town`.
    assert_eq!(field_doc(&api, "CreateShopJapan", "state"), "Prefecture.");
    // One field in common, and names that end alike.
    assert_eq!(
        field_doc(&api, "CreateShopMethodOptionsGiropay", "setup_future_usage"),
        "Whether to save the payment method for later."
    );
    // Nothing matches: no words are made up, the field is named.
    assert_eq!(field_doc(&api, "CreateShop", "code"), "The `code` parameter.");
}

#[test]
fn range_bounds_say_what_they_bound() {
    let api = api();
    assert_eq!(field_doc(&api, "ListShopsCreatedObject", "gte"), "Minimum value to filter by (inclusive).");
    assert_eq!(field_doc(&api, "ListShopsCreatedObject", "lt"), "Maximum value to filter by (exclusive).");
}

#[test]
fn undescribed_types_say_what_holds_them() {
    let api = api();
    // A described holder field lends its words.
    assert_eq!(type_doc(&api, "CreateShopAddress"), "The shop's address.");
    // An undescribed one is named; a link only where it cannot break, by
    // name within the module, by path across modules.
    assert_eq!(type_doc(&api, "ShopOpening"), "The type of [`Shop::opening`].");
    assert_eq!(type_doc(&api, "ShopOpeningDay"), "The type of the items of [`ShopOpening::days`].");
    assert_eq!(type_doc(&api, "ShopBadge"), "The type of [`Shop::badge`](crate::Shop::badge).");
    assert_eq!(type_doc(&api, "CreateShopJapan"), "The type of `CreateShop::japan`.");
    assert_eq!(type_doc(&api, "ListShopsCreatedObject"), "One of the forms of [`ListShopsCreated`].");
    assert_eq!(
        type_doc(&api, "CreateShopVerifyResponse"),
        "What `Shop::create_verify` answers (`POST /v1/shops/{shop}/verify`)."
    );
    assert_eq!(type_doc(&api, "Address"), "A postal address.");
    // A field holding a described type takes the type's words.
    assert_eq!(field_doc(&api, "Shop", "japan"), "A Japanese address.");
}
