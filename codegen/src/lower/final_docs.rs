//! Every doc comment the crate carries, final: after `fill_docs` has found
//! the spec's own words where it could, this pass writes the docs that
//! follow from what an item is (a setter says what it sets, a parameters
//! struct names its endpoint, a stub says which feature brings the rest)
//! and names what is still undescribed by its wire name, so the emitter
//! only copies docs.

use crate::ir::{Api, Gate, Operation, Role, TypeDef, TypeKind, TypeRef, UnionVariant};

/// Writes the docs of every type, field, member, endpoint and module of
/// `api`, and the crate's own.
pub(super) fn write(api: &mut Api) {
    api.doc = crate_doc(api);
    let scopes = super::sections::scopes(&api.modules, api.types.len());
    for i in 0..api.types.len() {
        let endpoint = api.operations.iter().find(|op| op.params == Some(crate::ir::TypeId(i)));
        let doc = type_doc(api, &api.types[i], endpoint.map(|op| (op, scopes[op.owner.0] == scopes[i])));
        let members = member_docs(api, &api.types[i]);
        let def = &mut api.types[i];
        def.doc = doc;
        if matches!(def.gate, Gate::When { stub: true, .. }) {
            def.stub_doc = stub_doc(def);
        }
        if let Some(alias) = &mut def.id_alias {
            alias.doc = vec![match def.kind {
                TypeKind::Union(_) => format!("The id of a [`{}`], whichever of its kinds it is.", def.name),
                _ => format!("The id of a [`{}`].", def.name),
            }];
        }
        match &mut def.kind {
            TypeKind::Struct(s) => s.fields.iter_mut().for_each(|f| field_docs(f, def.role)),
            TypeKind::Enum(e) => {
                for v in &mut e.variants {
                    v.doc = vec![format!("`{}`", v.wire.replace('`', "'"))];
                }
            }
            TypeKind::Union(u) => u.variants.iter_mut().zip(members).for_each(|(v, doc)| v.doc = doc),
            TypeKind::Untagged(u) => u.variants.iter_mut().zip(members).for_each(|(v, doc)| v.doc = doc),
        }
    }
    for op in &mut api.operations {
        if op.is_list {
            op.doc.push(String::new());
            op.doc.push(
                "Await the returned builder for one page, or call `.paginate()` on it for a stream of every item."
                    .into(),
            );
        }
    }
    for m in &mut api.modules {
        if m.doc.is_empty() {
            m.doc = vec![format!("Types and endpoints of `{}`.", m.name)];
        }
    }
}

/// The crate's docs: what it is, the spec's description, where to start.
fn crate_doc(api: &Api) -> Vec<String> {
    let mut doc = vec![format!("Typed async client for the {} (API version `{}`).", api.title, api.version)];
    if !api.doc.is_empty() {
        doc.push(String::new());
        doc.extend(api.doc.iter().cloned());
    }
    doc.push(String::new());
    doc.push("Start with [`Client`]; every resource type has its endpoints as associated functions (`Charge::create(&client, &params)`), which return a [`RequestBuilder`] to `.await`.".into());
    doc
}

/// A type's docs: a parameters struct names its endpoint (by path when its
/// owner is not in scope: `endpoint` says whether it is); an undescribed
/// type says what it is.
fn type_doc(api: &Api, def: &TypeDef, endpoint: Option<(&Operation, bool)>) -> Vec<String> {
    if let Some((op, in_scope)) = endpoint {
        let path = format!("{}::{}", api.ty(op.owner).name, op.fn_name);
        let from_root = format!("{}::{}", api.type_path(op.owner), op.fn_name);
        let link = if in_scope { format!("[`{path}`]") } else { format!("[`{path}`](crate::{from_root})") };
        return vec![format!("Parameters of {link} (`{} {}`).", op.method.as_str(), op.path)];
    }
    if !def.doc.is_empty() {
        return def.doc.clone();
    }
    vec![match def.role {
        Role::Params => format!("The `{}` parameters.", def.name),
        Role::Response => format!("The `{}` object.", def.name),
    }]
}

/// A stub's docs: the type's, and that only its id is there.
fn stub_doc(def: &TypeDef) -> Vec<String> {
    let Gate::When { features, .. } = &def.gate else { return Vec::new() };
    let list = features.iter().map(|f| format!("`{f}`")).collect::<Vec<_>>().join(" or ");
    let mut doc = def.doc.clone();
    doc.push(String::new());
    doc.push(format!(
        "Only the id: the object itself comes with the cargo feature {list}, which is off. An expanded object still decodes; its other fields are ignored."
    ));
    doc
}

/// A field's docs, its setter's (in the spec's words for the field) and
/// its unsetter's; an undescribed field is named by its wire name.
fn field_docs(f: &mut crate::ir::Field, role: Role) {
    if let Some(setter) = &mut f.setter {
        setter.doc = vec![match f.doc.first().filter(|d| !d.trim().is_empty()) {
            Some(first) => format!("Sets `{}`: {}", f.wire, lowercase_first(first.trim())),
            None => format!("Sets `{}`.", f.wire),
        }];
    }
    if let Some(unsetter) = &mut f.unsetter {
        unsetter.doc = vec![format!("Clears `{}`: sends it empty, which removes its value.", f.wire)];
    }
    if f.doc.is_empty() {
        f.doc = vec![match role {
            Role::Params => format!("The `{}` parameter.", f.wire),
            Role::Response => format!("The `{}` field.", f.wire),
        }];
    }
}

/// The docs of a union's or an untagged value's members, in order.
fn member_docs(api: &Api, def: &TypeDef) -> Vec<Vec<String>> {
    match &def.kind {
        TypeKind::Union(u) => u.variants.iter().map(|v| vec![union_member_doc(v)]).collect(),
        // Code, not a link: the type may be compiled under other features
        // than the value.
        TypeKind::Untagged(u) => u.variants.iter().map(|v| vec![format!("As {}.", what(api, &v.ty))]).collect(),
        _ => Vec::new(),
    }
}

fn union_member_doc(v: &UnionVariant) -> String {
    match &v.object {
        Some(o) if v.deleted => format!("A deleted `{o}`."),
        Some(o) => format!("An object with `object: \"{o}\"`."),
        None => "A member object.".to_owned(),
    }
}

/// What a value of type `t` is, in words ("an integer", "a `ChargeShipping`").
fn what(api: &Api, t: &TypeRef) -> String {
    match t {
        TypeRef::Bool => "a boolean".to_owned(),
        TypeRef::Int => "an integer".to_owned(),
        TypeRef::Float => "a number".to_owned(),
        TypeRef::String => "a string".to_owned(),
        TypeRef::Timestamp => "a Unix timestamp in seconds".to_owned(),
        TypeRef::Int64 => "a 64-bit integer".to_owned(),
        TypeRef::Decimal => "a decimal number".to_owned(),
        TypeRef::DateTime => "a date and time".to_owned(),
        TypeRef::Currency => "a currency code".to_owned(),
        TypeRef::Id(_) => "an id".to_owned(),
        TypeRef::Json => "any JSON value".to_owned(),
        TypeRef::Metadata => "metadata".to_owned(),
        TypeRef::File => "a file".to_owned(),
        TypeRef::Named(id) => format!("a `{}`", api.ty(*id).name),
        TypeRef::Vec(_) => "a list".to_owned(),
        TypeRef::Map(_) => "a map of values by key".to_owned(),
        TypeRef::Expandable(_) => "an id or the expanded object".to_owned(),
        TypeRef::Option(inner) | TypeRef::Boxed(inner) | TypeRef::Unsettable(inner) => what(api, inner),
        TypeRef::List(_) | TypeRef::SearchList(_) | TypeRef::V2List(_) => "a page of a list".to_owned(),
        TypeRef::EventData(_) => "an event's data".to_owned(),
        TypeRef::EventRequest => "an event's request".to_owned(),
    }
}

/// `text` with its first letter in lower case, unless it starts a word in
/// capitals (`ID`, `ISO`) or code.
fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    match (chars.next(), chars.next()) {
        (Some(first), Some(second)) if first.is_uppercase() && !second.is_uppercase() => {
            format!("{}{}", first.to_lowercase(), &text[first.len_utf8()..])
        }
        _ => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_setter_says_what_it_sets_in_lower_case() {
        assert_eq!(lowercase_first("The amount."), "the amount.");
        assert_eq!(lowercase_first("ID of the customer."), "ID of the customer.");
        assert_eq!(lowercase_first("`id`"), "`id`");
    }
}
