//! Spec to IR: resolves `$ref`s, decides Rust types, records how each type
//! is to be named.
//!
//! The only stage that sees both the OpenAPI model and the IR. Work happens
//! in passes: component schemas (`schema`), operations (`ops`), whole-graph
//! fixes (`graph`: recursion boxing); then every type is named once, by
//! `naming::types`, from the hint recorded where it was made (no type is
//! renamed); then ids, modules, gates and sections, docs (`fill_docs`,
//! `final_docs`) and decoding (`dispatch`).

mod check;
mod cx;
mod deleted;
mod dispatch;
mod event;
mod fill_docs;
mod final_docs;
mod graph;
mod ids;
mod op_names;
mod ops;
mod schema;
mod sections;
mod shape;
mod sharing;
mod unions;
mod v2_errors;

use crate::error::{Error, Warning};
use crate::ir::{Api, Module, ModuleId, Operation, Role, TypeDef, TypeId, TypeKind, TypeRef};
use crate::naming::types::Hint;
use crate::naming::{self, Kind, Namespace};
use crate::spec::Spec;
use std::collections::BTreeMap;

/// State of a component schema during lowering.
#[derive(Debug, Clone)]
enum Component {
    /// Becomes (or is becoming) this named type.
    Named(TypeId),
    /// Is only an alias of another type (a primitive, a map, ...).
    Alias(TypeRef),
    /// Being lowered right now (to catch alias cycles).
    InProgress,
}

/// The component schemas: what each became, and how deep their lowering
/// is nested (see `schema::EAGER_DEPTH`).
struct Components<'s> {
    by_name: BTreeMap<&'s str, Component>,
    /// How many component schemas are being lowered inside one another.
    depth: usize,
    /// How many of those are aliases (see `Component::Alias`).
    aliasing: usize,
    /// Component types reserved but not yet filled.
    deferred: Vec<(TypeId, &'s openapiv3::Schema, cx::Cx)>,
}

/// The resource modules, created as schemas and paths ask for them.
struct Modules {
    list: Vec<Module>,
    /// Modules by the snake_case form of the name that asked for them.
    by_name: BTreeMap<String, ModuleId>,
    /// Module names, one namespace per path (`v2::core` has its own).
    names: BTreeMap<Vec<String>, Namespace>,
    features: Namespace,
}

pub(crate) struct Lower<'s> {
    spec: &'s Spec,
    /// Refuse what the standard forbids but Stripe's specs do (see `Options::strict`).
    strict: bool,
    /// The types made, indexed by [`TypeId`].
    types: Vec<TypeDef>,
    /// How each type is to be named (`naming::types` names them all once
    /// lowering is done), indexed by [`TypeId`].
    hints: Vec<Hint>,
    components: Components<'s>,
    modules: Modules,
    /// Which inline schemas are one type (see `sharing`).
    sharing: sharing::Sharing,
    operations: Vec<Operation>,
    warnings: Vec<Warning>,
    /// Live object type -> the union of it and its synthesized deleted form.
    deleted_forms: BTreeMap<TypeId, TypeId>,
    /// The event resource, if the spec has one.
    event: Option<TypeId>,
}

/// Lowers a parsed spec into the IR.
pub fn lower(spec: &Spec, strict: bool) -> Result<(Api, Vec<Warning>), Error> {
    let mut lw = Lower {
        spec,
        strict,
        types: Vec::new(),
        hints: Vec::new(),
        components: Components { by_name: BTreeMap::new(), depth: 0, aliasing: 0, deferred: Vec::new() },
        modules: Modules {
            list: Vec::new(),
            by_name: BTreeMap::new(),
            names: BTreeMap::new(),
            features: Namespace::new(Kind::Feature),
        },
        sharing: sharing::Sharing::default(),
        operations: Vec::new(),
        warnings: Vec::new(),
        deleted_forms: BTreeMap::new(),
        event: None,
    };
    lw.lower_components()?;
    let v2_error_code = lw.lower_v2_errors()?;
    lw.event = lw.find_event();
    lw.lower_operations()?;
    let event = lw.event.map(|id| lw.prepare_event(id));
    graph::box_recursion(&mut lw.types);
    // Every type is named once, here, from its hint, in its module's
    // namespace.
    let paths: Vec<&[String]> = lw.types.iter().map(|t| lw.modules.list[t.module.0].path.as_slice()).collect();
    let (names, mut type_names) = naming::types::give(&lw.hints, &paths);
    for (def, name) in lw.types.iter_mut().zip(names) {
        def.name = name;
    }
    lw.describe_deleted_unions();
    if let Some(event) = &event {
        lw.fill_event_objects(event);
    }
    lw.assign_ids(&mut type_names);
    let mut modules = lw.finish_modules();
    let features = graph::assign_gates(&mut lw.types, &modules, &lw.operations);
    let v2_event = lw.v2_event();
    sections::assign(&mut modules, &lw.types, &lw.operations, event.as_ref(), v2_error_code, v2_event);
    fill_docs::fill(&mut lw.types, &modules, &lw.operations);
    let info = &spec.doc.info;
    let mut api = Api {
        version: info.version.clone(),
        title: info.title.clone(),
        doc: info.description.as_deref().map(crate::docs::lines).unwrap_or_default(),
        types: lw.types,
        modules,
        operations: lw.operations,
        features,
        event,
        v2_error_code,
        v2_event,
    };
    dispatch::decide(&mut api);
    final_docs::write(&mut api);
    check::check(&api, &spec.file)?;
    Ok((api, lw.warnings))
}

impl<'s> Lower<'s> {
    fn warn(&mut self, pointer: impl Into<String>, message: impl Into<String>) {
        self.warnings.push(Warning { pointer: pointer.into(), message: message.into() });
    }

    fn invalid(&self, pointer: &str, message: impl Into<String>) -> Error {
        Error::Invalid { file: self.spec.file.clone(), pointer: pointer.to_owned(), message: message.into() }
    }

    /// The module named after `raw` (a component schema name, or the first
    /// word of a path), created on first use; names that case-convert alike
    /// share a module.
    fn module(&mut self, raw: &str) -> ModuleId {
        let key = naming::snake(raw);
        let m = &mut self.modules;
        if let Some(id) = m.by_name.get(&key) {
            return *id;
        }
        let id = ModuleId(m.list.len());
        let (path, leaf) = naming::namespaced(raw);
        let name =
            m.names.entry(path.clone()).or_insert_with(|| Namespace::new(Kind::Module)).claim(&naming::snake(leaf));
        // Features are one flat list: a namespaced module's says where it
        // is (`v2_core_event_destination`).
        let feature = m.features.claim(&if path.is_empty() { name.clone() } else { key.clone() });
        m.list.push(Module {
            path,
            name,
            feature,
            is_resource: false,
            doc: Vec::new(),
            types: Vec::new(),
            operations: Vec::new(),
            sections: Vec::new(),
            can_be_empty: false,
        });
        m.by_name.insert(key, id);
        id
    }

    /// Adds a type, to be named by `hint`. Its name is empty until every
    /// type is named, except a component's, an endpoint's parameters' or
    /// one the generator fixes, which lowering may need to read (owners of
    /// endpoints, union members named after them).
    fn add_type(&mut self, mut def: TypeDef, hint: Hint) -> TypeId {
        let id = TypeId(self.types.len());
        def.name = match &hint {
            Hint::Component(n) | Hint::Params(n) | Hint::Fixed(n) | Hint::Path(n) => n.clone(),
            Hint::Derived(_) | Hint::Around { .. } => String::new(),
        };
        self.modules.list[def.module.0].types.push(id);
        self.sharing.made(&hint);
        self.types.push(def);
        self.hints.push(hint);
        id
    }

    /// Adds a type whose kind is filled in later (for recursion).
    fn reserve_type(&mut self, hint: Hint, module: ModuleId, origin: String, role: Role) -> TypeId {
        let kind = TypeKind::Struct(crate::ir::Struct { fields: Vec::new(), id_field: None });
        self.add_type(TypeDef::new(String::new(), module, origin, role, kind), hint)
    }

    /// The v2 API's event type, when the spec retrieves it
    /// (`GET /v2/core/events/{id}`).
    fn v2_event(&self) -> Option<TypeId> {
        let Some(Component::Named(id)) = self.components.by_name.get("v2.core.event") else { return None };
        let retrieves = self.operations.iter().any(|op| {
            op.method == crate::ir::Method::Get && op.path == "/v2/core/events/{id}" && op.response.named() == Some(*id)
        });
        retrieves.then_some(*id)
    }

    /// Sorts modules by name and marks the resources (owners of endpoints).
    fn finish_modules(&mut self) -> Vec<Module> {
        let mut modules = std::mem::take(&mut self.modules.list);
        for op in &self.operations {
            let m = self.types[op.owner.0].module;
            modules[m.0].is_resource = true;
        }
        // Renumber modules in name order so output order never depends on
        // the order schemas were reached. Modules left empty (those of
        // component schemas that are only aliases, such as a list envelope)
        // are dropped: nothing can refer to them.
        let mut order: Vec<usize> =
            (0..modules.len()).filter(|&m| !modules[m].types.is_empty() || !modules[m].operations.is_empty()).collect();
        order.sort_by(|&a, &b| (&modules[a].path, &modules[a].name).cmp(&(&modules[b].path, &modules[b].name)));
        let mut new_index = vec![0; modules.len()];
        for (new, &old) in order.iter().enumerate() {
            new_index[old] = new;
        }
        for t in &mut self.types {
            t.module = ModuleId(new_index[t.module.0]);
        }
        let mut slots: Vec<Option<Module>> = modules.into_iter().map(Some).collect();
        let mut out = Vec::with_capacity(slots.len());
        for &old in &order {
            if let Some(m) = slots[old].take() {
                out.push(m);
            }
        }
        out
    }
}
