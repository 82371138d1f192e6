//! Docs where the spec has none, in the spec's own words where it has them
//! elsewhere.
//!
//! Stripe's published specs describe most response fields but few nested
//! request parameters (`address[city]` has no description; the `address`
//! object's `city` does). Run once the types have their final names and
//! gates, this pass:
//!
//! 1. gives an undescribed field the description of the same field in the
//!    response struct that best matches its own (most field names in common:
//!    at least half of its fields, and two, or one when the type names end
//!    alike in two words; then the name that ends most alike, then fewest
//!    fields besides), when every such best match that describes the field
//!    says the same thing, or else the most used of them does (request
//!    structs are not asked: their words are often about one endpoint,
//!    "when the existing value is being changed");
//! 2. gives the range filters Stripe uses in list endpoints (`gt`, `gte`,
//!    `lt`, `lte`) the words of Stripe's API reference;
//! 3. gives an undescribed field that holds a described type the type's
//!    description;
//! 4. gives an undescribed type the description of the field that holds it,
//!    or says which field holds it ("The type of [`PaymentMethodDetails::oxxo`]."),
//!    which union has it as a form, or which endpoint answers it.
//!
//! What is left undescribed the emitter names by its wire name.

use crate::ir::{Gate, Module, Operation, TypeDef, TypeId, TypeKind, TypeRef};
use std::cmp::Reverse;
use std::collections::{BTreeMap, BTreeSet};

/// Fills the docs the spec leaves empty (see the module docs).
pub(super) fn fill(types: &mut [TypeDef], modules: &[Module], ops: &[Operation]) {
    let holders = holders(types);
    borrow_field_docs(types, &holders);
    range_filter_docs(types);
    type_docs_for_fields(types);
    let scopes = super::sections::scopes(modules, types.len());
    holder_docs(types, &holders, modules, ops, &scopes);
}

/// What holds a type: (holder, its field, how), in type order.
type Holders = Vec<Vec<(usize, Option<usize>, Holding)>>;

/// What holds each type, indexed by [`TypeId`]. Only docs change in this
/// pass, so it is found once.
fn holders(types: &[TypeDef]) -> Holders {
    let mut holders: Holders = vec![Vec::new(); types.len()];
    for (i, def) in types.iter().enumerate() {
        let mut hold = |t: &TypeRef, field: Option<usize>| {
            if let Some((target, how)) = held(t) {
                let how = if field.is_some() { how } else { Holding::Member };
                holders[target.0].push((i, field, how));
            }
        };
        match &def.kind {
            TypeKind::Struct(s) => s.fields.iter().enumerate().for_each(|(k, f)| hold(&f.ty, Some(k))),
            TypeKind::Union(u) => u.variants.iter().for_each(|v| hold(&TypeRef::Named(v.ty), None)),
            TypeKind::Untagged(u) => u.variants.iter().for_each(|v| hold(&v.ty, None)),
            TypeKind::Enum(_) => {}
        }
    }
    holders
}

/// The fields of a struct type, if it is one.
fn fields(def: &TypeDef) -> &[crate::ir::Field] {
    match &def.kind {
        TypeKind::Struct(s) => &s.fields,
        _ => &[],
    }
}

/// Step 1: descriptions of the same field in the best-matching struct.
fn borrow_field_docs(types: &mut [TypeDef], holders: &Holders) {
    // Which structs have a field of each wire name.
    let mut by_wire: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, def) in types.iter().enumerate().filter(|(_, d)| d.role == crate::ir::Role::Response) {
        for f in fields(def) {
            by_wire.entry(f.wire.as_str()).or_default().push(i);
        }
    }
    // How many fields hold each type.
    let uses: Vec<usize> = holders.iter().map(|list| list.iter().filter(|(_, k, _)| k.is_some()).count()).collect();
    let mut found: Vec<(usize, usize, Vec<String>)> = Vec::new();
    // Names in common with each struct, counted in place: `touched` lists
    // the ones to read and reset.
    let mut counts = vec![0usize; types.len()];
    let mut touched: Vec<usize> = Vec::new();
    for (i, def) in types.iter().enumerate() {
        let own = fields(def);
        if own.iter().all(|f| !f.doc.is_empty()) {
            continue;
        }
        for f in own {
            for &j in by_wire.get(f.wire.as_str()).into_iter().flatten() {
                if j != i {
                    if counts[j] == 0 {
                        touched.push(j);
                    }
                    counts[j] += 1;
                }
            }
        }
        touched.sort_unstable();
        let overlap: Vec<(usize, usize)> = touched.drain(..).map(|j| (j, std::mem::take(&mut counts[j]))).collect();
        let best = overlap.iter().map(|&(_, n)| n).max().unwrap_or(0);
        // Of the structs with the most names in common, those whose name
        // ends most like this one's (`...OptionsGiropay` and
        // `PaymentMethodOptionsGiropay`), then those with the fewest other
        // fields: a Japanese address is not the best match of an address.
        let rank = |j: usize| (Reverse(common_tail(&def.name, &types[j].name)), fields(&types[j]).len());
        let Some(closest) = overlap.iter().filter(|&&(_, n)| n == best).map(|&(j, _)| rank(j)).min() else {
            continue;
        };
        // One name in common is a match only when the type names end alike
        // in two words or more (`Settings` alone says little).
        if best * 2 < own.len() || (best < 2 && closest.0.0 < 2) {
            continue;
        }
        let matches: Vec<usize> =
            overlap.iter().filter(|&&(j, n)| n == best && rank(j) == closest).map(|&(j, _)| j).collect();
        for (k, f) in own.iter().enumerate() {
            if !f.doc.is_empty() {
                continue;
            }
            let said: BTreeSet<&Vec<String>> = matches
                .iter()
                .filter_map(|&j| fields(&types[j]).iter().find(|g| g.wire == f.wire))
                .map(|g| &g.doc)
                .filter(|doc| !doc.is_empty())
                .collect();
            let said: Vec<&Vec<String>> = said.into_iter().collect();
            let doc = match said[..] {
                [] => continue,
                [doc] => doc,
                // They disagree: the most used of them speaks for the
                // shape (`Address`, not a tax product's postal address).
                _ => {
                    let most = matches.iter().map(|&j| uses[j]).max().unwrap_or(0);
                    let mut speakers = matches.iter().filter(|&&j| uses[j] == most);
                    match (speakers.next(), speakers.next()) {
                        (Some(&j), None) => match fields(&types[j]).iter().find(|g| g.wire == f.wire) {
                            Some(g) if !g.doc.is_empty() => &g.doc,
                            _ => continue,
                        },
                        _ => continue,
                    }
                }
            };
            found.push((i, k, doc.clone()));
        }
    }
    set_field_docs(types, found);
}

/// Gives field `k` of type `i` its doc, for each `(i, k, doc)`.
fn set_field_docs(types: &mut [TypeDef], found: Vec<(usize, usize, Vec<String>)>) {
    for (i, k, doc) in found {
        if let TypeKind::Struct(s) = &mut types[i].kind {
            s.fields[k].doc = doc;
        }
    }
}

/// Step 2: a struct of nothing but range bounds is a range filter, and
/// Stripe's API reference says what each bound is.
fn range_filter_docs(types: &mut [TypeDef]) {
    const BOUNDS: [(&str, &str); 4] = [
        ("gt", "Minimum value to filter by (exclusive)."),
        ("gte", "Minimum value to filter by (inclusive)."),
        ("lt", "Maximum value to filter by (exclusive)."),
        ("lte", "Maximum value to filter by (inclusive)."),
    ];
    for def in types {
        let TypeKind::Struct(s) = &mut def.kind else { continue };
        let bound = |wire: &str| BOUNDS.iter().find(|(w, _)| *w == wire).map(|(_, doc)| *doc);
        if s.fields.is_empty() || !s.fields.iter().all(|f| bound(&f.wire).is_some()) {
            continue;
        }
        for f in &mut s.fields {
            if let (true, Some(doc)) = (f.doc.is_empty(), bound(&f.wire)) {
                f.doc = vec![doc.to_owned()];
            }
        }
    }
}

/// Step 3: an undescribed field holding a type the spec describes takes
/// that description (before step 4 gives types words from their fields).
fn type_docs_for_fields(types: &mut [TypeDef]) {
    let mut found: Vec<(usize, usize, Vec<String>)> = Vec::new();
    for (i, def) in types.iter().enumerate() {
        for (k, f) in fields(def).iter().enumerate() {
            if let (true, Some((t, Holding::Value))) = (f.doc.is_empty(), held(&f.ty)) {
                if !types[t.0].doc.is_empty() {
                    found.push((i, k, types[t.0].doc.clone()));
                }
            }
        }
    }
    set_field_docs(types, found);
}

/// How a type is held.
#[derive(Clone, Copy)]
enum Holding {
    /// A field's value is the type (perhaps optional, boxed, clearable or
    /// expandable).
    Value,
    /// A field is a list of it.
    Item,
    /// A field is a map to it.
    MapValue,
    /// It is one of the forms of a union (or of a value of several shapes).
    Member,
}

/// Step 4: an undescribed type takes the words of the first field holding
/// it that has any, or says what holds it.
fn holder_docs(
    types: &mut [TypeDef],
    holders: &Holders,
    modules: &[Module],
    ops: &[Operation],
    scopes: &[(usize, usize)],
) {
    let params: BTreeSet<TypeId> = ops.iter().filter_map(|op| op.params).collect();
    let mut found: Vec<(usize, Vec<String>)> = Vec::new();
    for (t, def) in types.iter().enumerate() {
        if !def.doc.is_empty() || params.contains(&TypeId(t)) {
            continue;
        }
        let list = &holders[t];
        let Some(&(h, k, how)) = list.first() else {
            // Held by nothing: what an endpoint answers, if anything.
            let mut answering = ops.iter().filter(|op| op.response.named() == Some(TypeId(t)));
            if let Some(op) = answering.next() {
                // The endpoint exists with its module's feature.
                let feature = &modules[types[op.owner.0].module.0].feature;
                let link = matches!(&def.gate, Gate::When { features, stub: false } if features == std::slice::from_ref(feature));
                let endpoint =
                    reference(&types[op.owner.0], modules, Some(&op.fn_name), link, scopes[op.owner.0] == scopes[t]);
                let doc = match answering.count() {
                    0 => format!("What {endpoint} answers (`{} {}`).", op.method.as_str(), op.path),
                    1 => format!("What {endpoint} and one other endpoint answer."),
                    more => format!("What {endpoint} and {more} other endpoints answer."),
                };
                found.push((t, vec![doc]));
            }
            continue;
        };
        // Words first: a described field that holds the value itself;
        // otherwise what holds it.
        let described = list.iter().find_map(|&(h, k, how)| {
            let f = &fields(&types[h])[k?];
            (matches!(how, Holding::Value) && !f.doc.is_empty()).then_some(&f.doc)
        });
        let doc = match described {
            Some(doc) => doc.clone(),
            None => {
                let holder = &types[h];
                let field = k.map(|k| fields(holder)[k].rust.as_str());
                let place = reference(holder, modules, field, link(holder, def), scopes[h] == scopes[t]);
                vec![match how {
                    Holding::Value => format!("The type of {place}."),
                    Holding::Item => format!("The type of the items of {place}."),
                    Holding::MapValue => format!("The type of the values of {place}."),
                    Holding::Member => format!("One of the forms of {place}."),
                }]
            }
        };
        found.push((t, doc));
    }
    for (t, doc) in found {
        types[t].doc = doc;
    }
}

/// The named type a field holds, and how.
fn held(ty: &TypeRef) -> Option<(TypeId, Holding)> {
    let mut how = Holding::Value;
    for layer in ty.layers() {
        match layer {
            TypeRef::Named(id) => return Some((*id, how)),
            TypeRef::Vec(_) => how = Holding::Item,
            TypeRef::Map(_) => how = Holding::MapValue,
            TypeRef::Option(_) | TypeRef::Boxed(_) | TypeRef::Unsettable(_) | TypeRef::Expandable(_) => {}
            _ => return None,
        }
    }
    None
}

/// Whether `holder` and its fields exist wherever `def` does, so that
/// `def`'s docs may link to them (rustdoc refuses a link to an item compiled out).
fn link(holder: &TypeDef, def: &TypeDef) -> bool {
    match (&holder.gate, &def.gate) {
        (Gate::Always, _) => true,
        (Gate::When { features: theirs, .. }, Gate::When { features: ours, stub: false }) => {
            ours.iter().all(|f| theirs.contains(f))
        }
        _ => false,
    }
}

/// `holder::item` (a field or a method, or the holder itself when `item` is
/// `None`) as a link when `link`, else as code. Within the holder's section
/// of its module the name alone resolves; elsewhere the link says where it
/// points.
fn reference(holder: &TypeDef, modules: &[Module], item: Option<&str>, link: bool, same_scope: bool) -> String {
    let (name, namespace) = (&holder.name, &modules[holder.module.0].path);
    let with_item = |holder: &str| match item {
        Some(item) => format!("{holder}::{item}"),
        None => holder.to_owned(),
    };
    let from_root = namespace.iter().map(String::as_str).chain([name.as_str()]).collect::<Vec<_>>().join("::");
    match (link, same_scope) {
        (false, _) => format!("`{}`", with_item(name)),
        (true, true) => format!("[`{}`]", with_item(name)),
        (true, false) => format!("[`{}`](crate::{})", with_item(name), with_item(&from_root)),
    }
}

/// How many words two type names end with in common
/// (`CreateChargeShipping` and `ChargeShipping`: 2).
fn common_tail(a: &str, b: &str) -> usize {
    let (a, b) = (crate::naming::pascal_words(a), crate::naming::pascal_words(b));
    a.iter().rev().zip(b.iter().rev()).take_while(|(x, y)| x == y).count()
}
