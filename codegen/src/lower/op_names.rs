//! Endpoint names: which type owns each endpoint and what its function and
//! its parameters struct are called, from the path's shape.
//!
//! Naming rules (documented in the README, so users can guess names):
//! - A path with no parameter, or only a trailing one
//!   (`/v1/charges`, `/v1/charges/{charge}`, `/v1/balance/history`), belongs
//!   to the resource it returns: `list` (GET of a list), `retrieve` (GET),
//!   `create` (POST to a collection), `update` (POST to an object), `delete`.
//! - A path that continues after an id (`/v1/charges/{charge}/refunds`)
//!   belongs to the resource of its prefix (`Charge`). A POST whose last
//!   segment returns the object it acts on is an action (`capture`,
//!   `close_dispute`); anything else is the verb plus the segments
//!   (`list_refunds`, `retrieve_refund`, `delete_discount`).
//! - `x-stripeOperations` in the spec, when present, decides instead.
//! - When two endpoints of one type get the same name, the one whose path
//!   starts with the type's plural keeps it; the others get the path words
//!   that tell them apart (`retrieve_account` for `GET /v1/account`).

use super::Lower;
use super::shape::SRef;
use super::shape::{Shape, shape};
use crate::ir::{Method, PathSegment, TypeId};
use crate::naming::{self, Kind, Namespace};
use openapiv3::{PathItem, ReferenceOr};
use std::collections::BTreeMap;

/// What a response returns, seen before lowering: the component schema
/// and whether it comes in a list envelope.
#[derive(Debug, Clone, Copy)]
pub(super) struct Returns<'s> {
    pub(super) resource: Option<&'s str>,
    pub(super) is_list: bool,
}

pub(super) struct RawOp<'s> {
    pub(super) path: &'s str,
    pub(super) method: Method,
    pub(super) op: &'s openapiv3::Operation,
    pub(super) item: &'s PathItem,
    pub(super) pointer: String,
    pub(super) segs: Vec<Seg<'s>>,
    pub(super) returns: Returns<'s>,
    pub(super) response: Option<SRef<'s>>,
    pub(super) owner: Option<&'s str>,
    pub(super) name: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Seg<'p> {
    Static(&'p str),
    Param(&'p str),
}

pub(super) fn segments(path: &str) -> Vec<Seg<'_>> {
    let mut segs: Vec<Seg<'_>> = path
        .split('/')
        .filter(|s| !s.is_empty())
        .map(|s| match s.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
            Some(p) => Seg::Param(p),
            None => Seg::Static(s),
        })
        .collect();
    let is_version = |s: &str| s.len() > 1 && s.starts_with('v') && s[1..].chars().all(|c| c.is_ascii_digit());
    if matches!(segs.first(), Some(Seg::Static(v)) if is_version(v)) {
        segs.remove(0);
    }
    segs
}

/// A path with its parameters replaced by `{}`, to find endpoints on the
/// same path whatever their parameters are called.
pub(super) fn normalized(segs: &[Seg<'_>]) -> String {
    segs.iter()
        .map(|s| match s {
            Seg::Static(s) => *s,
            Seg::Param(_) => "{}",
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// A path template split into literal text and parameters, each named
/// as a Rust argument distinct from the others.
pub(super) fn template(path: &str) -> Vec<PathSegment> {
    let mut out = Vec::new();
    let mut rest = path;
    // Distinct from the other arguments (`{client}`, a repeated name).
    let mut args = Namespace::new(Kind::Argument);
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}').map(|c| open + c) else { break };
        if open > 0 {
            out.push(PathSegment::Literal(rest[..open].to_owned()));
        }
        let wire = &rest[open + 1..close];
        let rust = args.claim(&naming::snake(wire));
        out.push(PathSegment::Param { rust, wire: wire.to_owned(), id: None });
        rest = &rest[close + 1..];
    }
    if !rest.is_empty() {
        out.push(PathSegment::Literal(rest.to_owned()));
    }
    out
}

impl<'s> Lower<'s> {
    /// Owner and function name from the path shape (see module docs).
    pub(super) fn infer_name(&self, r: &RawOp<'s>, endpoints: &Endpoints<'s>) -> (Option<&'s str>, String) {
        let segs = &r.segs;
        let first_param = segs.iter().position(|s| matches!(s, Seg::Param(_)));
        let trailing_only = first_param.is_none_or(|p| p + 1 == segs.len());
        if !trailing_only {
            let p = first_param.unwrap_or(0);
            let prefix_owner = endpoints.resource_at(&normalized(&segs[..=p]));
            if let Some(owner) = prefix_owner {
                let tail = &segs[p + 1..];
                // An action: POST to `<object path>/<verb>` answering that object.
                if let (Method::Post | Method::Put, Some(Seg::Static(last))) = (r.method, tail.last()) {
                    let parent = normalized(&segs[..segs.len() - 1]);
                    let acts_on_parent = endpoints
                        .resource_at(&parent)
                        .zip(r.returns.resource)
                        .is_some_and(|(a, b)| self.same_resource(a, b));
                    // The v2 API's verbs on an object are actions whatever
                    // they answer (`event_destinations/{id}/ping` answers an
                    // event), as Stripe's SDKs name them.
                    let v2_verb = r.path.starts_with("/v2/") && tail.len() == 1;
                    if acts_on_parent || v2_verb {
                        // Joined before casing, so keyword escaping applies
                        // to the whole name only (`create_return`, not `create_return_`).
                        let mut words = vec![(*last).to_owned()];
                        words.extend(statics(&tail[..tail.len() - 1]).map(naming::singular));
                        return (Some(owner), naming::snake(&words.join("_")));
                    }
                }
                let verb = base_verb(r, endpoints);
                let words: Vec<&str> = statics(tail).collect();
                let mut name = vec![verb.to_owned()];
                for (i, w) in words.iter().enumerate() {
                    let keep_plural = verb == "list" && i + 1 == words.len();
                    name.push(if keep_plural { (*w).to_owned() } else { naming::singular(w) });
                }
                return (Some(owner), naming::snake(&name.join("_")));
            }
        }
        // A fixed word beside the resource's `{id}` (`/v1/customers/search`,
        // `/v1/invoices/upcoming`) names the endpoint, rather than taking
        // the verb the `{id}` path needs.
        if let [.., Seg::Static(last)] = segs.as_slice() {
            if segs.len() >= 2 {
                let sibling = format!("{}/{{}}", normalized(&segs[..segs.len() - 1]));
                let same = endpoints.resource_at(&sibling).zip(r.returns.resource).is_some_and(|(a, b)| a == b);
                if same {
                    return (r.returns.resource, naming::snake(last));
                }
            }
        }
        // A v2 DELETE answers a generic deleted object (`v2.deleted_object`):
        // it belongs to what a GET of the same path answers.
        if r.method == Method::Delete && r.path.starts_with("/v2/") {
            if let Some(owner) = endpoints.resource_at(&normalized(segs)) {
                return (Some(owner), "delete".to_owned());
            }
        }
        (r.returns.resource, base_verb(r, endpoints).to_owned())
    }

    /// Whether endpoints answering `a` and `b` act on the same object
    /// (equal, or `a` is a polymorphic schema with `b` among its members).
    fn same_resource(&self, a: &str, b: &str) -> bool {
        if a == b {
            return true;
        }
        let Some(ReferenceOr::Item(schema)) = self.spec.doc.components.as_ref().and_then(|c| c.schemas.get(a)) else {
            return false;
        };
        match shape(schema) {
            Shape::AnyOf(members) => members
                .iter()
                .any(|m| matches!(m, ReferenceOr::Reference { reference } if reference.rsplit('/').next() == Some(b))),
            _ => false,
        }
    }
}

pub(super) fn statics<'a, 'p>(segs: &'a [Seg<'p>]) -> impl Iterator<Item = &'p str> + 'a {
    segs.iter().filter_map(|s| match s {
        Seg::Static(s) => Some(*s),
        Seg::Param(_) => None,
    })
}

/// Endpoints by normalized path: what each returns.
pub(super) struct Endpoints<'s> {
    by_path: BTreeMap<String, Vec<(Method, Returns<'s>)>>,
}

impl<'s> Endpoints<'s> {
    /// The single object an endpoint path answers with (GET first).
    fn resource_at(&self, path: &str) -> Option<&'s str> {
        let ops = self.by_path.get(path)?;
        let single =
            |m: &Method, r: &Returns<'s>| (!r.is_list).then_some(r.resource).flatten().filter(|_| *m == Method::Get);
        ops.iter()
            .find_map(|(m, r)| single(m, r))
            .or_else(|| ops.iter().find_map(|(_, r)| (!r.is_list).then_some(r.resource).flatten()))
    }

    fn has_single_get(&self, path: &str) -> bool {
        self.by_path.get(path).is_some_and(|ops| ops.iter().any(|(m, r)| *m == Method::Get && !r.is_list))
    }
}

pub(super) fn endpoint_index<'s>(raw: &[RawOp<'s>]) -> Endpoints<'s> {
    let mut by_path: BTreeMap<String, Vec<(Method, Returns<'s>)>> = BTreeMap::new();
    for r in raw {
        by_path.entry(normalized(&r.segs)).or_default().push((r.method, r.returns));
    }
    Endpoints { by_path }
}

pub(super) fn base_verb(r: &RawOp<'_>, endpoints: &Endpoints<'_>) -> &'static str {
    let ends_with_param = matches!(r.segs.last(), Some(Seg::Param(_)));
    match r.method {
        Method::Get if r.returns.is_list => "list",
        Method::Get => "retrieve",
        Method::Delete => "delete",
        Method::Post | Method::Put | Method::Patch => {
            if ends_with_param || endpoints.has_single_get(&normalized(&r.segs)) { "update" } else { "create" }
        }
    }
}

/// Gives every (owner type, name) pair to one endpoint (see module docs),
/// claiming the names in each owner's namespace of methods (`methods`).
/// `owners[i]` is the type of `raw[i]`, `owner_names[i]` its snake_case name.
pub(super) fn resolve_collisions(
    raw: &mut [RawOp<'_>],
    owners: &[TypeId],
    owner_names: &[String],
    mut methods: BTreeMap<TypeId, Namespace>,
) {
    let mut groups: BTreeMap<(TypeId, String), Vec<usize>> = BTreeMap::new();
    for (i, r) in raw.iter().enumerate() {
        groups.entry((owners[i], r.name.clone())).or_default().push(i);
    }
    // Every name first goes to one endpoint: the natural names are claimed
    // before any clash is resolved.
    let mut first: BTreeMap<(TypeId, String), String> = BTreeMap::new();
    for (owner, ns) in &mut methods {
        let wanted: Vec<String> = groups.keys().filter(|(o, _)| o == owner).map(|(_, n)| n.clone()).collect();
        let claimed = ns.claim_each(wanted.iter().cloned());
        first.extend(wanted.into_iter().zip(claimed).map(|(w, c)| ((*owner, w), c)));
    }
    for ((owner, name), mut members) in groups {
        let owner_snake = owner_names[members[0]].clone();
        let rank = |r: &RawOp<'_>| {
            let first = match statics(&r.segs).next() {
                Some(first) if first == naming::plural(&owner_snake) => 0,
                Some(first) if first == owner_snake => 1,
                _ => 2,
            };
            // Then the bare collection or a path ending in an id, before a
            // path ending in some other fixed word.
            let fixed_tail = matches!(r.segs.last(), Some(Seg::Static(_))) && statics(&r.segs).count() > 1;
            (first, fixed_tail)
        };
        members.sort_by(|&a, &b| {
            (rank(&raw[a]), raw[a].path, raw[a].method).cmp(&(rank(&raw[b]), raw[b].path, raw[b].method))
        });
        if let Some(claimed) = first.get(&(owner, name.clone())) {
            raw[members[0]].name = claimed.clone();
        }
        let canonical: Vec<String> = statics(&raw[members[0]].segs).map(str::to_owned).collect();
        let Some(ns) = methods.get_mut(&owner) else { continue };
        for &i in &members[1..] {
            let own: Vec<&str> = statics(&raw[i].segs).collect();
            let mut distinct: Vec<&str> = own.iter().copied().filter(|s| !canonical.iter().any(|c| c == s)).collect();
            if distinct.is_empty() {
                distinct = own.into_iter().take(1).collect();
            }
            let suffix = distinct.join("_");
            let with_words = if suffix.is_empty() { name.clone() } else { naming::snake(&format!("{name}_{suffix}")) };
            raw[i].name = ns.claim(&with_words);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_segments_drop_the_version() {
        assert_eq!(
            segments("/v1/charges/{charge}/capture"),
            [Seg::Static("charges"), Seg::Param("charge"), Seg::Static("capture")]
        );
        assert_eq!(normalized(&segments("/v1/charges/{id}")), "charges/{}");
    }

    #[test]
    fn templates_split_into_literals_and_params() {
        assert_eq!(
            template("/v1/charges/{charge}/refunds/{refund}"),
            [
                PathSegment::Literal("/v1/charges/".into()),
                PathSegment::Param { rust: "charge".into(), wire: "charge".into(), id: None },
                PathSegment::Literal("/refunds/".into()),
                PathSegment::Param { rust: "refund".into(), wire: "refund".into(), id: None },
            ]
        );
    }

    #[test]
    fn path_arguments_never_clash() {
        let names: Vec<String> = template("/v1/x/{client}/y/{params}/z/{id}/w/{id}")
            .into_iter()
            .filter_map(|s| match s {
                PathSegment::Param { rust, .. } => Some(rust),
                PathSegment::Literal(_) => None,
            })
            .collect();
        assert_eq!(names, ["client_2", "params_2", "id", "id_2"]);
    }
}
