//! The comparison itself: one function per level (types, fields, variants,
//! endpoints), each deciding what is breaking by one rule: code that
//! compiled against the old crate can stop compiling or stop decoding.

use super::surface::{FieldSurface, OperationSurface, SurfaceKind, SurfaceRole, TypeSurface, VariantSurface};
use super::{Change, ChangeKind, Surface};
use std::collections::BTreeMap;

/// Every change from `old` to `new`, unsorted.
pub(super) fn changes(old: &Surface, new: &Surface) -> Vec<Change> {
    let mut out = Vec::new();
    let old_types: BTreeMap<&str, &TypeSurface> = old.types.iter().map(|t| (t.name.as_str(), t)).collect();
    let new_types: BTreeMap<&str, &TypeSurface> = new.types.iter().map(|t| (t.name.as_str(), t)).collect();
    for (name, t) in &old_types {
        if !new_types.contains_key(name) {
            let what = format!("{} removed", type_word(t));
            out.push(change(ChangeKind::TypeRemoved, name, what, Some("code naming it stops compiling")));
        }
    }
    for (name, t) in &new_types {
        match old_types.get(name) {
            None => {
                let what = format!("{} added", type_word(t));
                out.push(change(ChangeKind::TypeAdded, name, what, None));
            }
            Some(o) => compare_type(o, t, &mut out),
        }
    }
    let key = |op: &OperationSurface| (op.owner.clone(), op.fn_name.clone());
    let old_ops: BTreeMap<_, &OperationSurface> = old.operations.iter().map(|o| (key(o), o)).collect();
    let new_ops: BTreeMap<_, &OperationSurface> = new.operations.iter().map(|o| (key(o), o)).collect();
    for (k, op) in &old_ops {
        if !new_ops.contains_key(k) {
            let what = format!("endpoint removed (`{} {}`)", op.method, op.path);
            out.push(change(ChangeKind::OperationRemoved, &op_item(op), what, Some("code calling it stops compiling")));
        }
    }
    for (k, op) in &new_ops {
        match old_ops.get(k) {
            None => {
                let what = format!("endpoint added (`{} {}`)", op.method, op.path);
                out.push(change(ChangeKind::OperationAdded, &op_item(op), what, None));
            }
            Some(o) => compare_operation(o, op, &mut out),
        }
    }
    out
}

/// A change; `breaking` is the reason it breaks code, `None` when it does not.
fn change(kind: ChangeKind, item: &str, description: String, breaking: Option<&str>) -> Change {
    Change {
        category: kind.category(),
        item: item.to_owned(),
        kind,
        description,
        breaking: breaking.is_some(),
        reason: breaking.map(str::to_owned).unwrap_or_else(|| not_breaking(kind).to_owned()),
    }
}

/// Why a change of this kind that breaks nothing is safe.
fn not_breaking(kind: ChangeKind) -> &'static str {
    match kind {
        ChangeKind::TypeAdded | ChangeKind::OperationAdded => "new items do not affect existing code",
        ChangeKind::FieldAdded | ChangeKind::ExpandableFieldAdded => {
            "response structs are `#[non_exhaustive]` and only read by user code"
        }
        ChangeKind::ParamAdded => "a new `Option` field is `None` unless set",
        ChangeKind::VariantAdded => "the enum is `#[non_exhaustive]` and keeps unknown values",
        _ => "the Rust type is unchanged",
    }
}

fn type_word(t: &TypeSurface) -> &'static str {
    match (t.kind, t.role) {
        (SurfaceKind::Struct, SurfaceRole::Params) => "parameters struct",
        (kind, _) => kind.word(),
    }
}

fn role_word(role: SurfaceRole) -> &'static str {
    match role {
        SurfaceRole::Response => "response type",
        SurfaceRole::Params => "parameters type",
    }
}

fn compare_type(old: &TypeSurface, new: &TypeSurface, out: &mut Vec<Change>) {
    let name = new.name.as_str();
    if old.kind != new.kind {
        let what = format!("changed from {} to {}", old.kind.word(), new.kind.word());
        let why = format!("code using it as a {} stops compiling", old.kind.word());
        out.push(change(ChangeKind::TypeKindChanged, name, what, Some(&why)));
        return;
    }
    if old.role != new.role {
        let what = format!("changed from a {} to a {}", role_word(old.role), role_word(new.role));
        let why = match new.role {
            SurfaceRole::Params => "it can no longer be decoded from a response",
            SurfaceRole::Response => "it loses its `new(..)` constructor",
        };
        out.push(change(ChangeKind::TypeRoleChanged, name, what, Some(why)));
    }
    match new.kind {
        SurfaceKind::Struct => compare_fields(new, &old.fields, &new.fields, out),
        SurfaceKind::Enum => compare_enum_values(name, &old.variants, &new.variants, out),
        SurfaceKind::Union | SurfaceKind::Untagged => compare_members(new, &old.variants, &new.variants, out),
    }
}

fn compare_fields(ty: &TypeSurface, old: &[FieldSurface], new: &[FieldSurface], out: &mut Vec<Change>) {
    let params = ty.role == SurfaceRole::Params;
    let label = if params { "parameter" } else { "field" };
    let old_by_wire: BTreeMap<&str, &FieldSurface> = old.iter().map(|f| (f.wire.as_str(), f)).collect();
    let new_by_wire: BTreeMap<&str, &FieldSurface> = new.iter().map(|f| (f.wire.as_str(), f)).collect();
    for (wire, f) in &old_by_wire {
        if !new_by_wire.contains_key(wire) {
            let item = format!("{}::{}", ty.name, f.rust);
            let (kind, why) = if params {
                (ChangeKind::ParamRemoved, "code setting it stops compiling")
            } else {
                (ChangeKind::FieldRemoved, "code reading it stops compiling")
            };
            out.push(change(kind, &item, format!("{label} removed"), Some(why)));
        }
    }
    for (wire, f) in &new_by_wire {
        let item = format!("{}::{}", ty.name, f.rust);
        match old_by_wire.get(wire) {
            None if params && !f.is_option() => {
                let what = format!("required parameter added (`{}`)", f.ty);
                let why = format!("`{}::new(..)` takes it as a new argument", ty.name);
                out.push(change(ChangeKind::ParamAdded, &item, what, Some(&why)));
            }
            None if params => {
                let what = format!("optional parameter added (`{}`)", f.ty);
                out.push(change(ChangeKind::ParamAdded, &item, what, None));
            }
            None if f.expandable => {
                let what = format!("expandable field added (`{}`)", f.ty);
                out.push(change(ChangeKind::ExpandableFieldAdded, &item, what, None));
            }
            None => out.push(change(ChangeKind::FieldAdded, &item, format!("field added (`{}`)", f.ty), None)),
            Some(o) => compare_field(ty, label, o, f, out),
        }
    }
}

fn compare_field(ty: &TypeSurface, label: &str, old: &FieldSurface, new: &FieldSurface, out: &mut Vec<Change>) {
    let item = format!("{}::{}", ty.name, old.rust);
    if old.rust != new.rust {
        let what = format!("{label} renamed to `{}` (wire name `{}`)", new.rust, new.wire);
        out.push(change(ChangeKind::FieldRenamed, &item, what, Some("code using the old name stops compiling")));
    }
    let type_changed = old.ty != new.ty;
    let types = format!("`{}` -> `{}`", old.ty, new.ty);
    // A change of presence or nullability breaks code exactly when it
    // changes the Rust type (adds or drops the `Option`); for parameters
    // that also changes the arguments of `new(..)`.
    let presence_reason = || -> String {
        if !type_changed {
            return format!("its Rust type stays `{}`", new.ty);
        }
        match (ty.role, old.is_option(), new.is_option()) {
            (SurfaceRole::Params, true, false) => format!("`{}::new(..)` takes it as a new argument", ty.name),
            (SurfaceRole::Params, false, true) => format!("`{}::new(..)` no longer takes it as an argument", ty.name),
            (SurfaceRole::Response, true, false) => "code that handles it as an `Option` stops compiling".to_owned(),
            (SurfaceRole::Response, false, true) => "code that uses it as a plain value stops compiling".to_owned(),
            _ => "code using the old type stops compiling".to_owned(),
        }
    };
    let mut explained = false;
    let mut flag = |kind: ChangeKind, what: String, out: &mut Vec<Change>| {
        let what = if type_changed { format!("{what}: {types}") } else { what };
        let why = presence_reason();
        out.push(change(kind, &item, what, type_changed.then_some(why.as_str())));
        explained = true;
    };
    match (old.required, new.required) {
        (false, true) => flag(ChangeKind::BecameRequired, format!("{label} became required"), out),
        (true, false) => flag(ChangeKind::BecameOptional, format!("{label} became optional"), out),
        _ => {}
    }
    match (old.nullable, new.nullable) {
        (false, true) => flag(ChangeKind::BecameNullable, format!("{label} became nullable"), out),
        (true, false) => flag(ChangeKind::BecameNonNullable, format!("{label} is no longer nullable"), out),
        _ => {}
    }
    match (old.expandable, new.expandable) {
        (false, true) => {
            let why = "code using its old type stops compiling; `Expandable::id()` gives the id";
            out.push(change(
                ChangeKind::BecameExpandable,
                &item,
                format!("{label} became expandable: {types}"),
                Some(why),
            ));
            return;
        }
        (true, false) => {
            let why = "code using it as an `Expandable` stops compiling";
            let what = format!("{label} is no longer expandable: {types}");
            out.push(change(ChangeKind::NoLongerExpandable, &item, what, Some(why)));
            return;
        }
        _ => {}
    }
    // Report the type itself when more than the `Option` around it changed
    // (or when it changed with no flag to explain it).
    if type_changed && (strip_option(&old.ty) != strip_option(&new.ty) || !explained) {
        let what = format!("type changed: {types}");
        out.push(change(ChangeKind::FieldTypeChanged, &item, what, Some("code using the old type stops compiling")));
    }
}

fn strip_option(ty: &str) -> &str {
    ty.strip_prefix("Option<").and_then(|t| t.strip_suffix('>')).unwrap_or(ty)
}

/// String enum values, matched by wire value.
fn compare_enum_values(name: &str, old: &[VariantSurface], new: &[VariantSurface], out: &mut Vec<Change>) {
    let wire = |v: &VariantSurface| v.wire.clone().unwrap_or_default();
    let old_by_wire: BTreeMap<String, &VariantSurface> = old.iter().map(|v| (wire(v), v)).collect();
    let new_by_wire: BTreeMap<String, &VariantSurface> = new.iter().map(|v| (wire(v), v)).collect();
    for (w, v) in &old_by_wire {
        if !new_by_wire.contains_key(w) {
            let item = format!("{name}::{}", v.rust);
            let why = "code naming the variant stops compiling; the value now decodes as `Unrecognized`";
            out.push(change(ChangeKind::VariantRemoved, &item, format!("enum value `{w}` removed"), Some(why)));
        }
    }
    for (w, v) in &new_by_wire {
        match old_by_wire.get(w) {
            None => {
                let item = format!("{name}::{}", v.rust);
                out.push(change(ChangeKind::VariantAdded, &item, format!("enum value `{w}` added"), None));
            }
            Some(o) if o.rust != v.rust => {
                let item = format!("{name}::{}", o.rust);
                let what = format!("enum value `{w}` renamed to `{}`", v.rust);
                let why = "code naming the old variant stops compiling";
                out.push(change(ChangeKind::VariantRenamed, &item, what, Some(why)));
            }
            Some(_) => {}
        }
    }
}

/// Members of unions (non-exhaustive) and untagged values (exhaustive),
/// matched by Rust variant name.
fn compare_members(ty: &TypeSurface, old: &[VariantSurface], new: &[VariantSurface], out: &mut Vec<Change>) {
    let old_by_name: BTreeMap<&str, &VariantSurface> = old.iter().map(|v| (v.rust.as_str(), v)).collect();
    let new_by_name: BTreeMap<&str, &VariantSurface> = new.iter().map(|v| (v.rust.as_str(), v)).collect();
    let payload = |v: &VariantSurface| v.ty.clone().unwrap_or_default();
    for (n, v) in &old_by_name {
        if !new_by_name.contains_key(n) {
            let item = format!("{}::{n}", ty.name);
            let what = format!("variant removed (`{}`)", payload(v));
            out.push(change(ChangeKind::VariantRemoved, &item, what, Some("code naming the variant stops compiling")));
        }
    }
    for (n, v) in &new_by_name {
        let item = format!("{}::{n}", ty.name);
        match old_by_name.get(n) {
            None => {
                let what = format!("variant added (`{}`)", payload(v));
                let why = (ty.kind == SurfaceKind::Untagged)
                    .then_some("the enum is exhaustive: a `match` without a wildcard arm stops compiling");
                out.push(change(ChangeKind::VariantAdded, &item, what, why));
            }
            Some(o) if o.ty != v.ty => {
                let what = format!("variant type changed: `{}` -> `{}`", payload(o), payload(v));
                let why = "code using the old payload type stops compiling";
                out.push(change(ChangeKind::VariantTypeChanged, &item, what, Some(why)));
            }
            Some(_) => {}
        }
    }
}

fn op_item(op: &OperationSurface) -> String {
    format!("{}::{}", op.owner, op.fn_name)
}

/// A path with its parameter names blanked: renaming a path parameter
/// changes nothing a caller writes.
fn path_shape(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut in_param = false;
    for c in path.chars() {
        match c {
            '{' => {
                in_param = true;
                out.push_str("{}");
            }
            '}' => in_param = false,
            _ if in_param => {}
            _ => out.push(c),
        }
    }
    out
}

fn compare_operation(old: &OperationSurface, new: &OperationSurface, out: &mut Vec<Change>) {
    let item = op_item(new);
    if old.method != new.method {
        let what = format!("HTTP method changed: `{}` -> `{}`", old.method, new.method);
        out.push(change(ChangeKind::OperationMethodChanged, &item, what, Some("calls now send a different request")));
    }
    if path_shape(&old.path) != path_shape(&new.path) {
        let what = format!("path changed: `{}` -> `{}`", old.path, new.path);
        out.push(change(ChangeKind::OperationPathChanged, &item, what, Some("calls now go to another endpoint")));
    }
    if old.params != new.params {
        let what = match (&old.params, &new.params) {
            (Some(o), Some(n)) => format!("parameters type changed: `{o}` -> `{n}`"),
            (None, Some(n)) => format!("now takes parameters (`{n}`)"),
            (Some(o), None) => format!("no longer takes parameters (`{o}`)"),
            (None, None) => String::new(),
        };
        out.push(change(ChangeKind::OperationParamsChanged, &item, what, Some("the function's arguments change")));
    }
    if old.response != new.response {
        let what = format!("response type changed: `{}` -> `{}`", old.response, new.response);
        let why = "code using the returned value's old type stops compiling";
        out.push(change(ChangeKind::OperationResponseChanged, &item, what, Some(why)));
    }
}
