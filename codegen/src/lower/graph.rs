//! Whole-graph passes over the lowered types: boxing fields that would make
//! a type infinitely large, finding what can be expanded, and which modules
//! use which.

use crate::ir::{Gate, Module, Operation, TypeDef, TypeId, TypeKind, TypeRef};
use std::collections::BTreeSet;

/// The named types a struct holds by value (directly or in an `Option`);
/// those are the edges along which a cycle makes a type infinitely large.
fn by_value(t: &TypeRef) -> Option<TypeId> {
    match t {
        TypeRef::Named(id) => Some(*id),
        TypeRef::Option(inner) => by_value(inner),
        _ => None,
    }
}

fn wrap_box(t: TypeRef) -> TypeRef {
    match t {
        TypeRef::Option(inner) => TypeRef::Option(Box::new(wrap_box(*inner))),
        other => TypeRef::Boxed(Box::new(other)),
    }
}

/// Boxes every struct field that closes a by-value cycle (Tarjan's strongly
/// connected components; fields inside one component are boxed). Union and
/// untagged variants are always boxed by the emitter, so only struct-to-
/// struct edges matter.
pub fn box_recursion(types: &mut [TypeDef]) {
    let n = types.len();
    let edges: Vec<Vec<TypeId>> = types
        .iter()
        .map(|t| match &t.kind {
            TypeKind::Struct(s) => s.fields.iter().filter_map(|f| by_value(&f.ty)).collect(),
            _ => Vec::new(),
        })
        .collect();
    let component = tarjan(n, &edges);
    for (i, t) in types.iter_mut().enumerate() {
        let TypeKind::Struct(s) = &mut t.kind else { continue };
        for f in &mut s.fields {
            if let Some(target) = by_value(&f.ty) {
                if component[target.0] == component[i] {
                    f.ty = wrap_box(std::mem::replace(&mut f.ty, TypeRef::Json));
                }
            }
        }
    }
}

/// Strongly connected component index of every node (iterative, so deep
/// graphs cannot overflow the stack).
fn tarjan(n: usize, edges: &[Vec<TypeId>]) -> Vec<usize> {
    const UNSEEN: usize = usize::MAX;
    let mut index = vec![UNSEEN; n];
    let mut low = vec![0; n];
    let mut on_stack = vec![false; n];
    let mut stack = Vec::new();
    let mut comp = vec![UNSEEN; n];
    let mut next_index = 0;
    let mut next_comp = 0;
    for root in 0..n {
        if index[root] != UNSEEN {
            continue;
        }
        let mut work: Vec<(usize, usize)> = vec![(root, 0)];
        while let Some(&mut (v, ref mut child)) = work.last_mut() {
            if *child == 0 {
                index[v] = next_index;
                low[v] = next_index;
                next_index += 1;
                stack.push(v);
                on_stack[v] = true;
            }
            if let Some(w) = edges[v].get(*child).map(|t| t.0) {
                *child += 1;
                if index[w] == UNSEEN {
                    work.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
                continue;
            }
            work.pop();
            if let Some(&(parent, _)) = work.last() {
                low[parent] = low[parent].min(low[v]);
            }
            if low[v] == index[v] {
                while let Some(w) = stack.pop() {
                    on_stack[w] = false;
                    comp[w] = next_comp;
                    if w == v {
                        break;
                    }
                }
                next_comp += 1;
            }
        }
    }
    comp
}

/// Whether a value of type `t` can contain an expandable field, so that an
/// `expand` parameter on an endpoint returning it does something.
pub fn reaches_expandable(types: &[TypeDef], t: &TypeRef) -> bool {
    let mut seen = BTreeSet::new();
    let mut todo = vec![t.clone()];
    while let Some(t) = todo.pop() {
        if t.layers().any(|l| matches!(l, TypeRef::Expandable(_))) {
            return true;
        }
        if let Some(id) = t.named() {
            if seen.insert(id) {
                todo.extend(types[id.0].kind.children());
            }
        }
    }
    false
}

/// The named type a type refers to, as held by value (`strong`) or only
/// inside an `Expandable` or by its id (`weak`: the type must exist, a stub
/// will do).
fn split_refs(t: &TypeRef, strong: &mut Vec<TypeId>, weak: &mut Vec<TypeId>) {
    let Some(id) = t.named() else { return };
    if t.layers().any(|l| matches!(l, TypeRef::Expandable(_) | TypeRef::Id(_))) {
        weak.push(id)
    } else {
        strong.push(id)
    }
}

/// Whether `def` (type `t`) refers to `t` only by its own id field.
fn own_id(def: &TypeDef, t: TypeId) -> bool {
    let TypeKind::Struct(s) = &def.kind else { return false };
    let to_t: Vec<&TypeRef> = s.fields.iter().map(|f| &f.ty).filter(|ty| ty.named() == Some(t)).collect();
    !to_t.is_empty() && to_t.iter().all(|ty| ty.layers().any(|l| matches!(l, TypeRef::Id(_))))
}

/// What a type holds. The members of a union gated by their own features
/// (the objects of an event) are not held: each is there when its feature is.
fn type_refs(def: &TypeDef, strong: &mut Vec<TypeId>, weak: &mut Vec<TypeId>) {
    if let TypeKind::Union(u) = &def.kind {
        if u.by_feature {
            return;
        }
    }
    def.kind.children().iter().for_each(|t| split_refs(t, strong, weak));
}

/// Decides which cargo features compile each type (see [`Gate`]) and
/// returns the feature names, sorted.
///
/// Feature `F` (one per resource module) compiles its resource's type, its
/// endpoints' responses and parameters, and everything those hold by value. A type outside every feature's reach is always compiled;
/// a type every feature needs is too. A struct or union that something
/// references through `Expandable` must always exist, so when its features
/// are off it is compiled as a stub.
pub fn assign_gates(types: &mut [TypeDef], modules: &[Module], ops: &[Operation]) -> Vec<String> {
    let n = types.len();
    let mut strong: Vec<Vec<TypeId>> = Vec::with_capacity(n);
    let mut weak_target = vec![false; n];
    for (i, def) in types.iter().enumerate() {
        let (mut s, mut w) = (Vec::new(), Vec::new());
        type_refs(def, &mut s, &mut w);
        // A type's own ids need only the type itself.
        w.retain(|t| t.0 != i || !own_id(def, *t));
        for t in &w {
            weak_target[t.0] = true;
        }
        strong.push(s);
    }
    // Roots of each resource module: its component schema's type, and what
    // its endpoints send and answer. (Other types of the module, such as a
    // union only reached through an expandable field, are not roots: they
    // are compiled as far as something enabled holds them.)
    let mut roots: Vec<Vec<TypeId>> = vec![Vec::new(); modules.len()];
    for (i, def) in types.iter().enumerate() {
        let component = def.origin.strip_prefix("#/components/schemas/").is_some_and(|rest| !rest.contains('/'));
        if component {
            roots[def.module.0].push(TypeId(i));
        }
    }
    for op in ops {
        let home = types[op.owner.0].module.0;
        let mut w = Vec::new();
        split_refs(&op.response, &mut roots[home], &mut w);
        for t in w {
            weak_target[t.0] = true;
        }
        roots[home].extend(op.params);
        for seg in &op.segments {
            if let crate::ir::PathSegment::Param { id: Some(t), .. } = seg {
                weak_target[t.0] = true;
            }
        }
    }
    let resources: Vec<usize> = (0..modules.len()).filter(|&m| modules[m].is_resource).collect();
    let mut full_when: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); n];
    for (fi, &m) in resources.iter().enumerate() {
        let mut seen = vec![false; n];
        let mut todo: Vec<TypeId> = roots[m].clone();
        while let Some(t) = todo.pop() {
            if std::mem::replace(&mut seen[t.0], true) {
                continue;
            }
            full_when[t.0].insert(fi);
            todo.extend(strong[t.0].iter().copied().filter(|s| !seen[s.0]));
        }
    }
    let names: Vec<String> = resources.iter().map(|&m| modules[m].feature.clone()).collect();
    // Always compiled: what every feature reaches, and expandable targets
    // no feature reaches or that cannot be stubs (they must exist); and
    // everything those hold by value (but for union members), or an
    // always-compiled type would name a gated one. Types nothing refers to
    // at all (such as the error schema) come with `full`.
    // A params struct comes with its endpoint (whose docs it links to),
    // even when every feature reaches it.
    let params: BTreeSet<TypeId> = ops.iter().filter_map(|op| op.params).collect();
    let mut always = vec![false; n];
    let mut todo: Vec<TypeId> = (0..n)
        .filter(|&i| {
            let when = &full_when[i];
            let stub_able = matches!(types[i].kind, TypeKind::Struct(_) | TypeKind::Union(_));
            let everywhere = when.len() == resources.len() && !params.contains(&TypeId(i));
            everywhere || (weak_target[i] && (when.is_empty() || !stub_able))
        })
        .map(TypeId)
        .collect();
    while let Some(t) = todo.pop() {
        if std::mem::replace(&mut always[t.0], true) {
            continue;
        }
        // A union's members are gated one by one where it is emitted, so an
        // always-compiled union does not force its members in.
        if !matches!(types[t.0].kind, TypeKind::Union(_)) {
            todo.extend(strong[t.0].iter().copied().filter(|s| !always[s.0]));
        }
    }
    for (i, def) in types.iter_mut().enumerate() {
        let when = &full_when[i];
        def.gate = if always[i] || resources.is_empty() {
            Gate::Always
        } else if when.is_empty() {
            Gate::When { features: vec!["full".to_owned()], stub: false }
        } else {
            let mut features: Vec<String> = when.iter().map(|&f| names[f].clone()).collect();
            features.sort();
            Gate::When { features, stub: weak_target[i] }
        };
    }
    let mut sorted = names;
    sorted.sort();
    sorted
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tarjan_finds_cycles_and_singletons() {
        // 0 -> 1 -> 2 -> 0, 3 -> 3, 4 alone
        let e = |v: &[usize]| v.iter().map(|&i| TypeId(i)).collect::<Vec<_>>();
        let edges = vec![e(&[1]), e(&[2]), e(&[0]), e(&[3]), e(&[])];
        let c = tarjan(5, &edges);
        assert_eq!(c[0], c[1]);
        assert_eq!(c[1], c[2]);
        assert_ne!(c[0], c[3]);
        assert_ne!(c[3], c[4]);
    }

    #[test]
    fn tarjan_handles_deep_chains_without_recursion() {
        let n = 200_000;
        let edges: Vec<Vec<TypeId>> = (0..n).map(|i| if i + 1 < n { vec![TypeId(i + 1)] } else { vec![] }).collect();
        let c = tarjan(n, &edges);
        assert_eq!(c.iter().collect::<BTreeSet<_>>().len(), n);
    }
}
