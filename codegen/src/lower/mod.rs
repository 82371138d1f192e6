//! Spec to IR: resolves `$ref`s, names everything, decides Rust types.
//!
//! The only stage that sees both the OpenAPI model and the IR. Work happens
//! in passes: component schemas (`schema`), operations (`ops`), then whole-
//! graph fixes (`graph`: recursion boxing, unused `expand`, module edges) and
//! finally the one naming pass that makes every type name unique.

mod check;
mod deleted;
mod derived_names;
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
mod unions;

use crate::error::{Error, Warning};
use crate::ir::{Api, Module, ModuleId, Operation, Role, TypeDef, TypeId, TypeKind, TypeRef};
use crate::naming::{self, Kind, Namespace};
use crate::spec::Spec;
use std::collections::BTreeMap;

/// How strongly a type's name is held when two types want the same one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum NameClass {
    /// A schema in `#/components/schemas`: the names users see first.
    Component,
    /// An operation's parameters struct.
    Params,
    /// A name derived from a parent (inline objects, enums, unions).
    Derived,
}

/// What makes two inline schemas one type: scope, params side, property
/// role, holding field (unless a title names the type), schema text.
type InlineKey = (String, bool, u8, String, String);

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

pub(crate) struct Lower<'s> {
    spec: &'s Spec,
    /// Refuse what the standard forbids but Stripe's specs do (see `Options::strict`).
    strict: bool,
    types: Vec<TypeDef>,
    classes: Vec<NameClass>,
    components: BTreeMap<&'s str, Component>,
    modules: Vec<Module>,
    /// Modules by the snake_case form of the name that asked for them.
    module_by_name: BTreeMap<String, ModuleId>,
    module_names: Namespace,
    feature_names: Namespace,
    operations: Vec<Operation>,
    warnings: Vec<Warning>,
    /// How many component schemas are being lowered inside one another.
    depth: usize,
    /// How many of those are aliases (see `Component::Alias`).
    aliasing: usize,
    /// Component types reserved but not yet filled (see `schema::EAGER_DEPTH`).
    deferred: Vec<(TypeId, &'s openapiv3::Schema, schema::Cx)>,
    /// Inline schemas already lowered: identical inline schemas of one
    /// scope share a type.
    inline_types: std::collections::HashMap<InlineKey, (TypeRef, bool)>,
    /// Names a derived type must not take: those of the component schemas
    /// and of the endpoints' parameter structs (added before the endpoints
    /// are lowered).
    reserved_names: std::collections::BTreeSet<String>,
    /// How many types want each provisional name (kept by `add_type` and
    /// `rename_type`, so a name is looked up, not searched for).
    names_in_use: std::collections::HashMap<String, usize>,
    /// Names given to shared types after their `title`: a second schema
    /// with the same title keeps the name of where it was first used.
    titled: std::collections::BTreeSet<String>,
    /// Where the types made while lowering each inline type end (its
    /// parts are the ones between).
    parts_end: BTreeMap<TypeId, usize>,
    /// Names wanted by titles, and the schema (its text) each went to, if
    /// it was free when first wanted.
    title_owners: BTreeMap<String, Option<String>>,
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
        classes: Vec::new(),
        components: BTreeMap::new(),
        modules: Vec::new(),
        module_by_name: BTreeMap::new(),
        module_names: Namespace::new(Kind::Module),
        feature_names: Namespace::new(Kind::Feature),
        operations: Vec::new(),
        warnings: Vec::new(),
        depth: 0,
        aliasing: 0,
        deferred: Vec::new(),
        inline_types: std::collections::HashMap::new(),
        reserved_names: std::collections::BTreeSet::new(),
        names_in_use: std::collections::HashMap::new(),
        titled: std::collections::BTreeSet::new(),
        title_owners: BTreeMap::new(),
        parts_end: BTreeMap::new(),
        deleted_forms: BTreeMap::new(),
        event: None,
    };
    lw.reserve_component_names();
    lw.lower_components()?;
    lw.event = lw.find_event();
    lw.lower_operations()?;
    let event = lw.event.map(|id| lw.prepare_event(id));
    graph::box_recursion(&mut lw.types);
    let mut type_names = lw.finalize_names();
    if let Some(event) = &event {
        lw.fill_event_objects(event);
    }
    lw.assign_ids(&mut type_names);
    let mut modules = lw.finish_modules();
    let features = graph::assign_gates(&mut lw.types, &modules, &lw.operations);
    sections::assign(&mut modules, &lw.types, &lw.operations, event.as_ref());
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
        if let Some(id) = self.module_by_name.get(&key) {
            return *id;
        }
        let id = ModuleId(self.modules.len());
        let name = self.module_names.claim(&key);
        let feature = self.feature_names.claim(&name);
        self.modules.push(Module {
            name,
            feature,
            is_resource: false,
            doc: Vec::new(),
            types: Vec::new(),
            operations: Vec::new(),
            sections: Vec::new(),
            can_be_empty: false,
        });
        self.module_by_name.insert(key, id);
        id
    }

    /// Adds a named type with a provisional (desired) name.
    fn add_type(&mut self, def: TypeDef, class: NameClass) -> TypeId {
        let id = TypeId(self.types.len());
        self.modules[def.module.0].types.push(id);
        *self.names_in_use.entry(def.name.clone()).or_default() += 1;
        self.types.push(def);
        self.classes.push(class);
        id
    }

    /// Reserves a type id whose kind is filled in later (for recursion).
    fn reserve_type(&mut self, name: String, module: ModuleId, origin: String, role: Role, class: NameClass) -> TypeId {
        let kind = TypeKind::Struct(crate::ir::Struct { fields: Vec::new(), id_field: None });
        self.add_type(TypeDef::new(name, module, origin, role, kind), class)
    }

    /// Makes every type name unique, claiming them in the crate's type
    /// namespace: components first (by schema name), then params structs,
    /// then derived names, each in creation order. Names assembled from a
    /// keyword-escaped piece (`Self_` + `Config`) lose the escaping underscore.
    /// Returns the namespace, for names claimed after the types' own.
    fn finalize_names(&mut self) -> Namespace {
        let mut order: Vec<usize> = (0..self.types.len()).collect();
        order.sort_by_key(|&i| (self.classes[i], i));
        let mut names = Namespace::new(Kind::Type);
        for i in order {
            self.types[i].name = names.claim(&naming::type_name(&self.types[i].name));
        }
        names
    }

    /// Sorts modules by name and marks the resources (owners of endpoints).
    fn finish_modules(&mut self) -> Vec<Module> {
        let mut modules = std::mem::take(&mut self.modules);
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
        order.sort_by(|&a, &b| modules[a].name.cmp(&modules[b].name));
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
