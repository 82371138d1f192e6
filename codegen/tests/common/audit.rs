//! A cheap stand-in for the compiler, fast enough for every case of a
//! property test: every generated Rust file must parse, and no two items,
//! fields, variants, methods, arguments or features may share a name where
//! Rust (or cargo) would refuse them. Names that would shadow what the
//! generated code relies on (the runtime's exports, prelude types, the
//! crates it uses) are refused too. The compiler still checks a sample.

use std::collections::{BTreeMap, BTreeSet};
use syn::{FnArg, ImplItem, Item, Pat, Type};

/// Prelude names generated code uses without a path.
const PRELUDE: &[&str] = &["Box", "Err", "From", "Into", "None", "Ok", "Option", "Result", "Some", "String", "Vec"];

/// What is wrong with a generated crate, or `Ok`.
pub fn audit(out: &codegen::Output) -> Result<(), String> {
    let mut problems = Vec::new();
    let mut crate_types: BTreeMap<String, String> = BTreeMap::new();
    let mut methods: BTreeMap<(String, String), String> = BTreeMap::new();
    let mut runtime_exports = BTreeSet::new();
    let mut modules = BTreeSet::new();
    let mut dependencies = BTreeSet::new();
    for f in &out.files {
        if f.path == "Cargo.toml" {
            check_manifest(&f.contents, &mut dependencies, &mut problems);
            continue;
        }
        if !f.path.ends_with(".rs") {
            continue;
        }
        let file = match syn::parse_file(&f.contents) {
            Ok(file) => file,
            Err(e) => {
                problems.push(format!("{}: does not parse: {e}", f.path));
                continue;
            }
        };
        if f.path == "src/runtime/mod.rs" {
            for item in &file.items {
                match item {
                    Item::Use(u) => collect_use_names(&u.tree, &mut runtime_exports),
                    Item::Type(t) => {
                        runtime_exports.insert(t.ident.to_string());
                    }
                    _ => {}
                }
            }
        }
        // The runtime is hand-written and compiled on its own; the rest is
        // what the generator names.
        if f.path.starts_with("src/runtime/") {
            continue;
        }
        let mut items = BTreeSet::new();
        for item in &file.items {
            if let Some(name) = item_name(item) {
                // Items gated by `cfg` may appear twice (a stub and the full type).
                if !items.insert((name.clone(), cfg_of(item))) {
                    problems.push(format!("{}: two items named `{name}`", f.path));
                }
                let is_type = matches!(item, Item::Struct(_) | Item::Enum(_) | Item::Type(_));
                if is_type && f.path.starts_with("src/resources/") {
                    if let Some(other) = crate_types.get(&name) {
                        if other != &f.path {
                            problems.push(format!("type `{name}` is defined in {other} and {}", f.path));
                        }
                    }
                    crate_types.insert(name.clone(), f.path.clone());
                }
                if let Item::Mod(_) = item {
                    if f.path == "src/resources/mod.rs" {
                        modules.insert(name);
                    }
                }
            }
            match item {
                Item::Struct(s) => {
                    let mut fields = BTreeSet::new();
                    for field in &s.fields {
                        if let Some(id) = &field.ident {
                            if !fields.insert(id.to_string()) {
                                problems.push(format!("{}: struct `{}` has two fields `{id}`", f.path, s.ident));
                            }
                        }
                    }
                }
                Item::Enum(e) => {
                    let mut variants = BTreeSet::new();
                    for v in &e.variants {
                        if !variants.insert(v.ident.to_string()) {
                            problems.push(format!("{}: enum `{}` has two variants `{}`", f.path, e.ident, v.ident));
                        }
                    }
                }
                Item::Impl(imp) if imp.trait_.is_none() => {
                    let Type::Path(p) = &*imp.self_ty else { continue };
                    let Some(owner) = p.path.segments.last().map(|s| s.ident.to_string()) else { continue };
                    for it in &imp.items {
                        let ImplItem::Fn(func) = it else { continue };
                        let name = func.sig.ident.to_string();
                        let key = (owner.clone(), name.clone());
                        if let Some(other) = methods.insert(key, f.path.clone()) {
                            problems.push(format!("`{owner}::{name}` is defined in {other} and {}", f.path));
                        }
                        let mut args = BTreeSet::new();
                        for arg in &func.sig.inputs {
                            let FnArg::Typed(t) = arg else { continue };
                            let Pat::Ident(id) = &*t.pat else { continue };
                            if !args.insert(id.ident.to_string()) {
                                problems.push(format!("`{owner}::{name}` has two arguments `{}`", id.ident));
                            }
                        }
                    }
                }
                _ => {}
            }
        }
    }
    for name in crate_types.keys() {
        if runtime_exports.contains(name) {
            problems.push(format!("type `{name}` takes the name of a runtime export"));
        }
        if PRELUDE.contains(&name.as_str()) {
            problems.push(format!("type `{name}` shadows the prelude"));
        }
    }
    for m in &modules {
        if dependencies.contains(m) || ["std", "core", "alloc", "runtime", "resources"].contains(&m.as_str()) {
            problems.push(format!("module `{m}` takes the name of a crate or of the crate's own module"));
        }
    }
    if problems.is_empty() { Ok(()) } else { Err(problems.join("\n")) }
}

fn item_name(item: &Item) -> Option<String> {
    Some(match item {
        Item::Struct(s) => s.ident.to_string(),
        Item::Enum(e) => e.ident.to_string(),
        Item::Fn(f) => f.sig.ident.to_string(),
        Item::Const(c) => c.ident.to_string(),
        Item::Static(s) => s.ident.to_string(),
        Item::Type(t) => t.ident.to_string(),
        Item::Mod(m) => m.ident.to_string(),
        Item::Trait(t) => t.ident.to_string(),
        _ => return None,
    })
}

/// The `cfg` attributes of an item, as text.
fn cfg_of(item: &Item) -> String {
    let attrs = match item {
        Item::Struct(s) => &s.attrs,
        Item::Enum(e) => &e.attrs,
        _ => return String::new(),
    };
    attrs.iter().filter(|a| a.path().is_ident("cfg")).map(|a| quote::ToTokens::to_token_stream(a).to_string()).collect()
}

fn collect_use_names(tree: &syn::UseTree, out: &mut BTreeSet<String>) {
    match tree {
        syn::UseTree::Path(p) => collect_use_names(&p.tree, out),
        syn::UseTree::Name(n) => {
            out.insert(n.ident.to_string());
        }
        syn::UseTree::Rename(r) => {
            out.insert(r.rename.to_string());
        }
        syn::UseTree::Group(g) => g.items.iter().for_each(|t| collect_use_names(t, out)),
        syn::UseTree::Glob(_) => {}
    }
}

/// Features and dependency names of the generated manifest.
fn check_manifest(text: &str, dependencies: &mut BTreeSet<String>, problems: &mut Vec<String>) {
    let mut section = "";
    let mut features = BTreeSet::new();
    for line in text.lines() {
        let line = line.trim();
        if line.starts_with('[') {
            section = line;
            continue;
        }
        let Some((key, _)) = line.split_once(" = ") else { continue };
        match section {
            "[features]" if !features.insert(key.to_owned()) => {
                problems.push(format!("Cargo.toml: two features named `{key}`"));
            }
            "[dependencies]" => {
                dependencies.insert(key.replace('-', "_"));
            }
            _ => {}
        }
    }
}
