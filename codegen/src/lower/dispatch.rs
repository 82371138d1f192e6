//! How values of several shapes decode and convert, decided once the types
//! and their gates are final: a union's arms (which members an `object` /
//! `deleted` pair may be, in the order they are tried), which objects need
//! their `deleted` field read, which members exist only with some
//! features, and which members of an untagged value convert with `From`.

use crate::ir::{Api, Gate, NeedsDeleted, TypeDef, TypeKind, TypeRef, Union, UnionArm};
use std::cmp::Reverse;

/// Decides the decoding of every union and the conversions of every
/// untagged value of `api`.
pub(super) fn decide(api: &mut Api) {
    for i in 0..api.types.len() {
        match &api.types[i].kind {
            TypeKind::Union(u) => {
                let arms = arms(&api.types, u);
                let needs_deleted = needs_deleted(u);
                let only_with: Vec<Vec<String>> =
                    u.variants.iter().map(|v| only_with(&api.types[i], &api.types[v.ty.0])).collect();
                if let TypeKind::Union(u) = &mut api.types[i].kind {
                    u.arms = arms;
                    u.needs_deleted = needs_deleted;
                    u.variants.iter_mut().zip(only_with).for_each(|(v, o)| v.only_with = o);
                }
            }
            TypeKind::Untagged(u) => {
                // Compared as Rust types: `Integer` and `Timestamp` members
                // are both `i64`. A member that is the value itself (a
                // recursive schema) converts already (`From<T> for T`).
                let spelled: Vec<String> = u.variants.iter().map(|v| rust_text(api, &v.ty)).collect();
                let itself = format!("crate::{}", api.types[i].name);
                let from: Vec<bool> =
                    spelled.iter().map(|s| spelled.iter().filter(|o| *o == s).count() == 1 && *s != itself).collect();
                if let TypeKind::Untagged(u) = &mut api.types[i].kind {
                    u.variants.iter_mut().zip(from).for_each(|(v, f)| v.from = f);
                }
            }
            _ => {}
        }
    }
}

/// The arms of a union: one per `(object, deleted)` pair its members have.
/// A deleted form without a tag stands for any deleted object and comes
/// first; members sharing a pair are tried widest first (the first that
/// decodes wins, and a narrow member would drop the wide one's fields).
fn arms(types: &[TypeDef], u: &Union) -> Vec<UnionArm> {
    let mut arms = Vec::new();
    if let Some(i) = u.variants.iter().position(|v| v.deleted && v.object.is_none()) {
        arms.push(UnionArm { object: None, deleted: Some(true), members: vec![i] });
    }
    let width = |ty: crate::ir::TypeId| match &types[ty.0].kind {
        TypeKind::Struct(s) => s.fields.len(),
        _ => 0,
    };
    for v in &u.variants {
        if v.object.is_none() && v.deleted {
            continue;
        }
        let has_deleted_twin = u.variants.iter().any(|w| w.object == v.object && w.deleted != v.deleted);
        let deleted = has_deleted_twin.then_some(v.deleted);
        let object = Some(v.object.clone().unwrap_or_default());
        if arms.iter().any(|a: &UnionArm| a.object == object && (a.deleted == deleted || a.deleted.is_none())) {
            continue;
        }
        let mut members: Vec<usize> = (0..u.variants.len())
            .filter(|&j| u.variants[j].object == v.object && u.variants[j].deleted == v.deleted)
            .collect();
        members.sort_by_key(|&j| Reverse(width(u.variants[j].ty)));
        arms.push(UnionArm { object, deleted, members });
    }
    arms
}

/// Which objects need `deleted` read before a member is chosen.
fn needs_deleted(u: &Union) -> NeedsDeleted {
    if u.variants.iter().any(|v| v.deleted && v.object.is_none()) {
        return NeedsDeleted::Always;
    }
    let mut tags: Vec<String> = u.variants.iter().filter(|v| v.deleted).filter_map(|v| v.object.clone()).collect();
    tags.sort_unstable();
    tags.dedup();
    if tags.is_empty() { NeedsDeleted::Never } else { NeedsDeleted::Tags(tags) }
}

/// The features a member of `union` needs beyond the union's own: none
/// when it is compiled in full wherever the union is. (A stub union exists
/// always, so each of its members needs its own.)
fn only_with(union: &TypeDef, member: &TypeDef) -> Vec<String> {
    let Gate::When { features: theirs, .. } = &member.gate else { return Vec::new() };
    match &union.gate {
        Gate::When { features: ours, stub: false } if ours.iter().all(|f| theirs.contains(f)) => Vec::new(),
        _ => theirs.clone(),
    }
}

/// A type as Rust writes it, with its generic arguments.
fn rust_text(api: &Api, t: &TypeRef) -> String {
    let spelling = t.spelling(api);
    if spelling.args.is_empty() {
        return spelling.path.into_owned();
    }
    let args: Vec<String> = spelling.args.iter().map(|a| rust_text(api, a)).collect();
    format!("{}<{}>", spelling.path, args.join(", "))
}
