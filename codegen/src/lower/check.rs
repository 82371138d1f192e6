//! The last pass of lowering: the IR must be expressible as Rust. Every
//! name is a valid identifier and unique where Rust requires it (types in
//! the crate, fields in a struct, variants in an enum, functions on a type,
//! arguments of a function, modules, features). The naming authority
//! ([`crate::naming::Namespace`]) makes this so; if a spec ever finds a way
//! around it, generation stops here with the place in the spec rather than
//! writing a crate that does not compile.

use crate::error::Error;
use crate::ir::{Api, PathSegment, TypeKind, UNKNOWN_VARIANT};
use crate::naming::is_keyword;
use crate::spec::pointer_push;
use std::collections::BTreeMap;

/// Checks `api`; `file` names the spec in errors.
pub(super) fn check(api: &Api, file: &str) -> Result<(), Error> {
    let fail = |pointer: &str, message: String| Error::Invalid {
        file: file.to_owned(),
        pointer: pointer.to_owned(),
        message: format!("cannot be expressed in Rust: {message}"),
    };
    // Type names are unique within their namespace (the root, `v2::core`).
    let mut types: BTreeMap<String, &str> = BTreeMap::new();
    for def in &api.types {
        let at = def.origin.as_str();
        ident(&def.name).map_err(|m| fail(at, format!("type name {m}")))?;
        let path = api.in_namespace(def.module, &def.name);
        if let Some(first) = types.insert(path.clone(), at) {
            return Err(fail(at, format!("two types are named `{path}` (the other is at {first})")));
        }
        if let Some(alias) = def.id_alias.as_ref().map(|a| a.name.as_str()) {
            ident(alias).map_err(|m| fail(at, format!("id type name {m}")))?;
            let path = api.in_namespace(def.module, alias);
            if let Some(first) = types.insert(path.clone(), at) {
                return Err(fail(at, format!("two types are named `{path}` (the other is at {first})")));
            }
        }
        let names: Vec<&str> = match &def.kind {
            TypeKind::Struct(s) => s.fields.iter().map(|f| f.rust.as_str()).collect(),
            TypeKind::Enum(e) => e.variants.iter().map(|v| v.rust.as_str()).chain([UNKNOWN_VARIANT]).collect(),
            TypeKind::Union(u) => u.variants.iter().map(|v| v.rust.as_str()).chain([UNKNOWN_VARIANT]).collect(),
            TypeKind::Untagged(u) => u.variants.iter().map(|v| v.rust.as_str()).collect(),
        };
        unique(&names).map_err(|m| fail(at, format!("`{}` has {m}", def.name)))?;
        if let TypeKind::Struct(s) = &def.kind {
            let setters: Vec<&str> = s
                .fields
                .iter()
                .flat_map(|f| [f.setter.as_ref(), f.unsetter.as_ref()])
                .flatten()
                .map(|m| m.name.as_str())
                .chain(["new"])
                .collect();
            unique(&setters).map_err(|m| fail(at, format!("`{}` has {m}", def.name)))?;
        }
    }
    let mut methods: BTreeMap<(usize, &str), &str> = BTreeMap::new();
    for op in &api.operations {
        let at = &pointer_push(&pointer_push("#/paths", &op.path), &op.method.as_str().to_ascii_lowercase());
        if let Some(first) = methods.insert((op.owner.0, op.fn_name.as_str()), &op.path) {
            let owner = &api.ty(op.owner).name;
            return Err(fail(at, format!("`{owner}::{}` would be both `{first}` and `{}`", op.fn_name, op.path)));
        }
        let mut args: Vec<&str> = vec!["client", "params"];
        args.extend(op.segments.iter().filter_map(|s| match s {
            PathSegment::Param { rust, .. } => Some(rust.as_str()),
            PathSegment::Literal(_) => None,
        }));
        unique(&args).map_err(|m| fail(at, format!("`{}` has {m}", op.fn_name)))?;
    }
    for m in &api.modules {
        ident(&m.name).map_err(|e| fail("#/components/schemas", format!("module name {e}")))?;
    }
    let modules: Vec<String> =
        api.modules.iter().map(|m| m.path.iter().chain([&m.name]).cloned().collect::<Vec<_>>().join("::")).collect();
    let mut seen = std::collections::BTreeSet::new();
    if let Some(twice) = modules.iter().find(|m| !seen.insert(*m)) {
        return Err(fail("#/components/schemas", format!("the crate has two modules named `{twice}`")));
    }
    let mut features: Vec<&str> = api.modules.iter().map(|m| m.feature.as_str()).collect();
    features.extend(crate::naming::RESERVED_FEATURES);
    unique(&features).map_err(|m| fail("#/components/schemas", format!("the manifest has {m}")))?;
    Ok(())
}

/// Whether every name is a valid identifier and they are distinct.
fn unique(names: &[&str]) -> Result<(), String> {
    let mut seen = std::collections::BTreeSet::new();
    for n in names {
        ident(n)?;
        if !seen.insert(*n) {
            return Err(format!("two items named `{n}`"));
        }
    }
    Ok(())
}

/// Whether `name` is a valid, non-keyword Rust identifier.
fn ident(name: &str) -> Result<(), String> {
    let mut chars = name.chars();
    let valid = chars.next().is_some_and(|c| c == '_' || c.is_ascii_alphabetic())
        && chars.all(|c| c == '_' || c.is_ascii_alphanumeric())
        && name != "_"
        && !is_keyword(name);
    if valid { Ok(()) } else { Err(format!("`{name}` is not an identifier")) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_and_clashes_are_found() {
        assert!(ident("charge").is_ok());
        assert!(ident("Self_").is_ok());
        for bad in ["", "_", "type", "3d", "a-b", "ñ"] {
            assert!(ident(bad).is_err(), "{bad:?}");
        }
        assert!(unique(&["a", "b"]).is_ok());
        assert_eq!(unique(&["a", "b", "a"]), Err("two items named `a`".into()));
    }

    fn field(rust: &str) -> crate::ir::Field {
        crate::ir::Field {
            rust: rust.into(),
            wire: rust.into(),
            doc: Vec::new(),
            ty: crate::ir::TypeRef::String,
            required: true,
            nullable: false,
            setter: None,
            unsetter: None,
        }
    }

    #[test]
    fn a_clash_is_an_error_at_the_place_in_the_spec() {
        let def = crate::ir::TypeDef::new(
            "Charge".into(),
            crate::ir::ModuleId(0),
            "#/components/schemas/charge".into(),
            crate::ir::Role::Response,
            TypeKind::Struct(crate::ir::Struct { fields: vec![field("amount"), field("amount")], id_field: None }),
        );
        let mut api = Api {
            version: "2018-01-23".into(),
            title: "t".into(),
            doc: Vec::new(),
            types: vec![def],
            modules: Vec::new(),
            operations: Vec::new(),
            features: Vec::new(),
            event: None,
            v2_error_code: None,
            v2_event: None,
        };
        let err = check(&api, "spec.yaml").expect_err("two fields named `amount`");
        assert_eq!(
            err.to_string(),
            "spec.yaml: #/components/schemas/charge: cannot be expressed in Rust: `Charge` has two items named `amount`"
        );
        if let TypeKind::Struct(s) = &mut api.types[0].kind {
            s.fields[1].rust = "type".into();
        }
        let err = check(&api, "spec.yaml").expect_err("a keyword");
        assert!(err.to_string().ends_with("`type` is not an identifier"), "{err}");
        if let TypeKind::Struct(s) = &mut api.types[0].kind {
            s.fields[1].rust = "kind".into();
        }
        assert!(check(&api, "spec.yaml").is_ok());
    }
}
