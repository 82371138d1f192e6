//! Where each item of a module goes, by the features that compile it: the
//! items compiled always at the file's top level, the others in one inner
//! module per feature set (`gated`), stubs in one per feature set they
//! stand in for (`stubs`), and what a type shares with its stub (`HasId`,
//! its id type) after them. A file reads: the type, its stub, its
//! endpoints. Decided once gates are final; docs link across sections by
//! path (see `fill_docs`).

use crate::ir::{EventTypes, Gate, Item, Module, Operation, Section, TypeDef, TypeId, TypeKind, When};
use std::collections::BTreeMap;

/// Fills every module's sections and says which can be empty.
pub(super) fn assign(
    modules: &mut [Module],
    types: &[TypeDef],
    ops: &[Operation],
    event: Option<&EventTypes>,
    v2_error_code: Option<TypeId>,
    v2_event: Option<TypeId>,
) {
    for module in modules.iter_mut() {
        let mut top = Vec::new();
        // What a type and its stub share, after both.
        let mut shared = Vec::new();
        let mut gated: BTreeMap<Vec<String>, Vec<Item>> = BTreeMap::new();
        let mut stubs: BTreeMap<Vec<String>, Vec<Item>> = BTreeMap::new();
        for &t in &module.types {
            let def = &types[t.0];
            match &def.gate {
                Gate::Always => top.extend([Item::Type(t), Item::Parts(t)]),
                // A stubbed union is the same type with or without its
                // features: only its members are gated.
                Gate::When { stub: true, .. } if matches!(def.kind, TypeKind::Union(_)) => {
                    top.extend([Item::Type(t), Item::Parts(t)])
                }
                Gate::When { features, stub: true } => {
                    gated.entry(features.clone()).or_default().push(Item::Type(t));
                    stubs.entry(features.clone()).or_default().push(Item::Stub(t));
                    shared.push(Item::Parts(t));
                }
                Gate::When { features, stub: false } => {
                    gated.entry(features.clone()).or_default().extend([Item::Type(t), Item::Parts(t)])
                }
            }
        }
        // Endpoints come with their module's feature, grouped by owner in
        // operation order.
        let mut owners: Vec<TypeId> = Vec::new();
        for op in &module.operations {
            let owner = ops[op.0].owner;
            if !owners.contains(&owner) {
                owners.push(owner);
            }
        }
        if !owners.is_empty() {
            gated.entry(vec![module.feature.clone()]).or_default().extend(owners.into_iter().map(Item::Endpoints));
        }
        // `ApiError::v2_code` comes with the enum it answers, the typed
        // fetches of event notifications with the event's endpoints.
        let extras = [
            v2_error_code.map(|c| (Item::V2ErrorCode(c), types[c.0].gate.clone())),
            v2_event.map(|e| {
                (Item::NotificationFetch(e), Gate::When { features: vec![module.feature.clone()], stub: false })
            }),
        ];
        for (item, gate) in extras.into_iter().flatten() {
            let (Item::V2ErrorCode(t) | Item::NotificationFetch(t)) = item else { continue };
            if !module.types.contains(&t) {
                continue;
            }
            match gate {
                Gate::When { features, .. } => gated.entry(features).or_default().push(item),
                Gate::Always => top.push(item),
            }
        }
        if let Some(e) = event.filter(|e| module.types.contains(&e.event)) {
            match &types[e.event.0].gate {
                Gate::When { features, .. } => gated.entry(features.clone()).or_default().push(Item::EventEntryPoints),
                Gate::Always => top.push(Item::EventEntryPoints),
            }
        }
        let section = |name: String, when: When, items: Vec<Item>| {
            let exports = items.iter().any(|i| match i {
                Item::Type(_) | Item::Stub(_) => true,
                Item::Parts(t) => types[t.0].id_alias.is_some(),
                Item::Endpoints(_) | Item::EventEntryPoints | Item::V2ErrorCode(_) | Item::NotificationFetch(_) => {
                    false
                }
            });
            Section { name, when, items, exports }
        };
        let mut sections = vec![section(String::new(), When::Always, top)];
        let numbered = |base: &str, k: usize| if k == 0 { base.to_owned() } else { format!("{base}_{}", k + 1) };
        for (k, (features, items)) in gated.into_iter().enumerate() {
            sections.push(section(numbered("gated", k), When::Any(features), items));
        }
        for (k, (features, items)) in stubs.into_iter().enumerate() {
            sections.push(section(numbered("stubs", k), When::NotAny(features), items));
        }
        if !shared.is_empty() {
            sections.push(section(String::new(), When::Always, shared));
        }
        // Parts of a type with neither a `HasId` impl nor an id type are
        // nothing: the top level is empty if all it holds is those.
        let always = sections.iter().filter(|s| s.when == When::Always).flat_map(|s| &s.items);
        module.can_be_empty = always.clone().all(|i| match i {
            Item::Parts(t) => {
                let def = &types[t.0];
                def.id_alias.is_none() && !matches!(&def.kind, TypeKind::Struct(s) if s.id_field.is_some())
            }
            _ => false,
        });
        module.sections = sections;
    }
}

/// The section of each type's full definition (`(module, section)`),
/// indexed by [`TypeId`]: docs name an item by itself only within its
/// section (where it is in scope), and by path elsewhere.
pub(super) fn scopes(modules: &[Module], count: usize) -> Vec<(usize, usize)> {
    let mut out = vec![(usize::MAX, usize::MAX); count];
    for (m, module) in modules.iter().enumerate() {
        for (s, section) in module.sections.iter().enumerate() {
            for item in &section.items {
                if let Item::Type(t) = item {
                    out[t.0] = (m, s);
                }
            }
        }
    }
    out
}
