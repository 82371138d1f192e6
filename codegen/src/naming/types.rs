//! Type names, given once after lowering from what lowering recorded about
//! each type (a [`Hint`]), by the rules the README states:
//!
//! - a component schema is its key in PascalCase; an endpoint's parameters
//!   struct is named by the endpoint rules (`CreateCharge`); names the
//!   generator makes (`EventType`) are held as firmly;
//! - an inline type is named after where it is used: its holder's final name
//!   and the field (`ChargeOutcome`), an item's singular (`ChargeLine`), a
//!   map's `Value`, a union member's kind; so a part always follows its
//!   holder, whatever the holder is finally called;
//! - one shared by several places of a request is named after its `title`
//!   (`CreateTokenAccountOwner`) when the title says something and no other
//!   type has that name; one shared by same-named fields of different
//!   holders is named after what they have in common
//!   (`...PaymentMethodOptionsSetupFutureUsage`); otherwise after its first
//!   place;
//! - a derived name that a component or a parameters struct has says what
//!   it is instead: `Param` for a value sent, `Field` for a field read;
//! - a derived name longer than [`MAX_DERIVED`] characters keeps the name it
//!   is derived from (the component or endpoint it belongs to) and as many
//!   of its last words as fit, at least one, so names stay bounded however
//!   deep a spec nests;
//! - a name two types still want is told apart by a number, in type order.
//!
//! No name is changed after it is given, and no name is taken apart to find
//! another: a derived name is built from its holder's final name.

use super::{Kind, Namespace, pascal, pascal_words, plural, singular, type_name};
use crate::ir::{Role, TypeId};
use std::collections::{BTreeMap, BTreeSet};

/// The longest derived name, in characters, before its middle words are
/// left out (see the module docs). Component names are the spec's and are
/// kept whole.
pub(crate) const MAX_DERIVED: usize = 100;

/// What lowering records about how a type is to be named.
#[derive(Debug, Clone)]
pub(crate) enum Hint {
    /// A component schema: its key in PascalCase.
    Component(String),
    /// An endpoint's parameters struct, named by the endpoint rules.
    Params(String),
    /// A name the generator gives (`EventType`), held like a component's.
    Fixed(String),
    /// The owner of endpoints that answer no named object, named after
    /// their path's first word (`/v1/accounts/...` -> `Account`); yields
    /// to components and parameters structs.
    Path(String),
    /// Named after the places it is used.
    Derived(Derived),
    /// `{prefix}{base's name}{suffix}`: `DeletedCustomer`, `CustomerOrDeleted`.
    Around {
        /// The type it is named after.
        base: TypeId,
        /// Put before that name.
        prefix: &'static str,
        /// Put after it.
        suffix: &'static str,
    },
}

/// A type named after where it is used.
#[derive(Debug, Clone)]
pub(crate) struct Derived {
    /// Where it is used: the first place made it; a shared type has more.
    pub uses: Vec<Place>,
    /// Whether it is sent or read: a name a component or an endpoint has
    /// takes `Param` or `Field`.
    pub role: Role,
    /// The name its `title` gives it when it is shared (`{Scope}{Title}`).
    pub title: Option<Place>,
}

/// A place a type is used: a name and the words that follow it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct Place {
    /// What it is named after.
    pub base: Base,
    /// The words that follow.
    pub steps: Vec<Step>,
}

/// What a [`Place`] starts from.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum Base {
    /// Another type's final name.
    Type(TypeId),
    /// A name of its own (an endpoint's `CreateChargeResponse`, a schema
    /// that is only an alias).
    Name(String),
}

/// One step from a holder's name to a part's.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum Step {
    /// A word (PascalCase: a field's name, `Value`, a member's kind).
    Word(String),
    /// One item of the collection named so far: its last word singular
    /// (`ChargeLines` -> `ChargeLine`), or `Item` added when the singular is
    /// the same.
    Item,
}

impl Place {
    /// A place starting at type `t`.
    pub(crate) fn of(t: TypeId) -> Place {
        Place { base: Base::Type(t), steps: Vec::new() }
    }

    /// A place starting at name `name`.
    pub(crate) fn named(name: impl Into<String>) -> Place {
        Place { base: Base::Name(name.into()), steps: Vec::new() }
    }

    /// This place followed by `step`.
    pub(crate) fn then(&self, step: Step) -> Place {
        let mut steps = self.steps.clone();
        steps.push(step);
        Place { base: self.base.clone(), steps }
    }

    /// This place followed by `word`.
    pub(crate) fn word(&self, word: impl Into<String>) -> Place {
        self.then(Step::Word(word.into()))
    }
}

/// A name being built: the name it is derived from, and the words added.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Built {
    root: String,
    words: Vec<String>,
}

impl Built {
    fn text(&self) -> String {
        let mut s = self.root.clone();
        self.words.iter().for_each(|w| s.push_str(w));
        s
    }

    fn step(mut self, step: &Step) -> Built {
        match step {
            Step::Word(w) => self.words.push(w.clone()),
            Step::Item => {
                let last = self.words.last_mut().unwrap_or(&mut self.root);
                let one = singular(last);
                if one == *last {
                    self.words.push("Item".into());
                } else {
                    *last = one;
                }
            }
        }
        self
    }

    /// At most [`MAX_DERIVED`] characters: the root and the last words
    /// that fit, at least one.
    fn bounded(mut self) -> Built {
        if self.text().len() <= MAX_DERIVED {
            return self;
        }
        let mut kept: Vec<String> = Vec::new();
        let mut len = self.root.len();
        while let Some(w) = self.words.pop() {
            if !kept.is_empty() && len + w.len() > MAX_DERIVED {
                break;
            }
            len += w.len();
            kept.push(w);
        }
        kept.reverse();
        self.words = kept;
        self
    }
}

/// `{Verb}{Owner}{Rest}`, the owner plural when the endpoint answers a
/// collection of it (a list or search results): `create` on `Charge` ->
/// `CreateCharge`, `list` -> `ListCharges`, `search` -> `SearchCharges`,
/// `list_refunds` -> `ListChargeRefunds` (the path words say what is listed).
pub(crate) fn params_name(fn_name: &str, owner: &str, owner_snake: &str, collection: bool) -> String {
    let (verb, rest) = fn_name.split_once('_').unwrap_or((fn_name, ""));
    if collection && rest.is_empty() {
        return format!("{}{}", pascal(verb), pascal(&plural(owner_snake)));
    }
    let rest = if rest.is_empty() { String::new() } else { pascal(rest) };
    format!("{}{owner}{rest}", pascal(verb))
}

/// The name of the id type of objects of type `name` (`ChargeId`),
/// claimed in its namespace `path` after every type's name.
pub(crate) fn id_type_name(path: &[String], name: &str, names: &mut TypeNames) -> String {
    names.claim(path, &type_name(&format!("{name}Id")))
}

/// The name a place gives before the final names are known: `base` (a
/// holder's first name) and the steps. Lowering decides with it which
/// schemas are one type (a title whose name another type has does not
/// make one type of schemas under differently named fields).
pub(crate) fn provisional(base: &str, steps: &[Step]) -> String {
    steps.iter().fold(Built { root: base.to_owned(), words: Vec::new() }, Built::step).text()
}

/// The type names of each namespace (the crate's root, `v2::core`, ...).
#[derive(Default)]
pub(crate) struct TypeNames(BTreeMap<Vec<String>, Namespace>);

impl TypeNames {
    /// Claims `name` in namespace `path` (see [`Namespace::claim`]).
    pub(crate) fn claim(&mut self, path: &[String], name: &str) -> String {
        let kind = if path.is_empty() { Kind::Type } else { Kind::NamespacedType };
        self.0.entry(path.to_vec()).or_insert_with(|| Namespace::new(kind)).claim(name)
    }
}

/// Gives every type its final name, from `hints` (indexed by [`TypeId`]),
/// in its namespace `paths[type]`: the names are distinct within a
/// namespace and valid Rust type names; the namespaces hold them (for the
/// id types, claimed after).
pub(crate) fn give(hints: &[Hint], paths: &[&[String]]) -> (Vec<String>, TypeNames) {
    let reserved: BTreeSet<(Vec<String>, String)> = hints
        .iter()
        .zip(paths)
        .filter_map(|(h, p)| match h {
            Hint::Component(n) | Hint::Params(n) => Some((p.to_vec(), type_name(n))),
            _ => None,
        })
        .collect();
    let mut namer = Namer { hints, paths, reserved, built: vec![None; hints.len()], taken: BTreeSet::new() };
    namer.taken.extend(namer.reserved.iter().cloned());
    for t in 0..hints.len() {
        namer.build(TypeId(t));
    }
    let wanted: Vec<String> = namer.built.into_iter().map(|b| b.map(|b| b.text()).unwrap_or_default()).collect();
    // Components first, then parameters structs, then the rest, each in
    // type order: a number goes to the later of two that want one name.
    let class = |h: &Hint| match h {
        Hint::Component(_) | Hint::Fixed(_) => 0,
        Hint::Params(_) => 1,
        Hint::Derived(_) | Hint::Around { .. } | Hint::Path(_) => 2,
    };
    let mut order: Vec<usize> = (0..hints.len()).collect();
    order.sort_by_key(|&i| (class(&hints[i]), i));
    let mut names = TypeNames::default();
    let mut out = vec![String::new(); hints.len()];
    for i in order {
        out[i] = names.claim(paths[i], &type_name(&wanted[i]));
    }
    (out, names)
}

/// The naming pass's state: each type's name once built.
struct Namer<'h> {
    hints: &'h [Hint],
    /// Each type's namespace.
    paths: &'h [&'h [String]],
    /// The components' and endpoints' names, which derived types avoid,
    /// by namespace.
    reserved: BTreeSet<(Vec<String>, String)>,
    built: Vec<Option<Built>>,
    /// Names given so far: a title or a common name is taken only if free.
    taken: BTreeSet<(Vec<String>, String)>,
}

impl Namer<'_> {
    /// The name of `t`, building first what it is named after. A type is
    /// named after others, never after itself (a part is inside its
    /// holder), so the walk ends; it goes by an explicit stack, not
    /// recursion, however deep the parts nest.
    fn build(&mut self, t: TypeId) {
        let mut visiting = BTreeSet::new();
        let mut stack = vec![(t, false)];
        while let Some((t, ready)) = stack.pop() {
            if self.built[t.0].is_some() {
                continue;
            }
            if !ready {
                visiting.insert(t);
                let missing: Vec<TypeId> = self
                    .depends_on(t)
                    .into_iter()
                    .filter(|d| self.built[d.0].is_none() && !visiting.contains(d))
                    .collect();
                stack.push((t, true));
                stack.extend(missing.into_iter().map(|d| (d, false)));
                continue;
            }
            let b = self.name_of(t);
            self.taken.insert((self.paths[t.0].to_vec(), b.text()));
            self.built[t.0] = Some(b);
        }
    }

    fn depends_on(&self, t: TypeId) -> Vec<TypeId> {
        let places: Vec<&Place> = match &self.hints[t.0] {
            Hint::Derived(d) => d.uses.iter().chain(&d.title).collect(),
            Hint::Around { base, .. } => return vec![*base],
            _ => return Vec::new(),
        };
        places
            .into_iter()
            .filter_map(|p| match p.base {
                Base::Type(b) => Some(b),
                Base::Name(_) => None,
            })
            .collect()
    }

    /// Where a place's words start: a type's name as built (a type not
    /// built, which only a cycle could leave, by nothing), or a name.
    fn base(&self, base: &Base) -> Built {
        match base {
            Base::Type(t) => self.built[t.0].clone().unwrap_or(Built { root: String::new(), words: Vec::new() }),
            Base::Name(n) => Built { root: n.clone(), words: Vec::new() },
        }
    }

    fn place(&self, p: &Place) -> Built {
        p.steps.iter().fold(self.base(&p.base), Built::step).bounded()
    }

    fn is_reserved(&self, t: TypeId, b: &Built) -> bool {
        self.reserved.contains(&(self.paths[t.0].to_vec(), type_name(&b.text())))
    }

    /// `b`, the name of type `t`, or with the word saying what it is when a
    /// component or an endpoint of its namespace has that name.
    fn unreserved(&self, t: TypeId, b: Built, role: Role) -> Built {
        if !self.is_reserved(t, &b) {
            return b;
        }
        let word = match role {
            Role::Params => "Param",
            Role::Response => "Field",
        };
        Built { root: b.root, words: b.words.into_iter().chain([word.to_owned()]).collect() }.bounded()
    }

    fn name_of(&self, t: TypeId) -> Built {
        let whole = |n: &str| Built { root: n.to_owned(), words: Vec::new() };
        let d = match &self.hints[t.0] {
            Hint::Component(n) | Hint::Params(n) | Hint::Fixed(n) | Hint::Path(n) => return whole(n),
            Hint::Around { base, prefix, suffix } => {
                return whole(&format!("{prefix}{}{suffix}", self.base(&Base::Type(*base)).text()));
            }
            Hint::Derived(d) => d,
        };
        let first = self.unreserved(t, self.place(&d.uses[0]), d.role);
        if d.uses.len() < 2 {
            return first;
        }
        let free = |b: &Built| !self.taken.contains(&(self.paths[t.0].to_vec(), b.text())) && b.text() != first.text();
        if let Some(title) = &d.title {
            let named = self.unreserved(t, self.place(title), d.role);
            if free(&named) {
                return named;
            }
            return first;
        }
        // Shared by same-named fields: what their places have in common.
        let places: Vec<Built> = d.uses.iter().map(|p| self.place(p)).collect();
        match common(&places) {
            Some(c) if free(&c) && !self.is_reserved(t, &c) => c,
            _ => first,
        }
    }
}

/// What places ending in the same word have in common: their root, the
/// words they share from the start, and that last word
/// (`AbcAffirmSetupFutureUsage`, `AbcGiropaySetupFutureUsage` ->
/// `AbcSetupFutureUsage`). `None` when the roots or the last words differ.
fn common(places: &[Built]) -> Option<Built> {
    let first = places.first()?;
    let tail = first.words.last()?;
    if places.iter().any(|p| p.root != first.root || p.words.last() != Some(tail)) {
        return None;
    }
    // Words of the part between root and tail, split as PascalCase.
    let heads: Vec<Vec<&str>> =
        places.iter().map(|p| p.words[..p.words.len() - 1].iter().flat_map(|w| pascal_words(w)).collect()).collect();
    let shared = (0..heads[0].len()).take_while(|&i| heads.iter().all(|h| h.get(i) == heads[0].get(i))).count();
    let mut words: Vec<String> = heads[0][..shared].iter().map(|w| (*w).to_owned()).collect();
    words.push(tail.clone());
    Some(Built { root: first.root.clone(), words })
}

/// The first name the type namespace gives: for tests and callers that
/// need one name alone.
#[cfg(test)]
fn names_for(hints: &[Hint]) -> Vec<String> {
    let root: Vec<&[String]> = vec![&[]; hints.len()];
    give(hints, &root).0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn derived(uses: Vec<Place>) -> Hint {
        Hint::Derived(Derived { uses, role: Role::Response, title: None })
    }

    #[test]
    fn params_struct_names() {
        assert_eq!(params_name("create", "Charge", "charge", false), "CreateCharge");
        assert_eq!(params_name("list", "Charge", "charge", true), "ListCharges");
        assert_eq!(params_name("list", "BalanceTransaction", "balance_transaction", true), "ListBalanceTransactions");
        assert_eq!(params_name("search", "PaymentIntent", "payment_intent", true), "SearchPaymentIntents");
        assert_eq!(params_name("list_refunds", "Charge", "charge", true), "ListChargeRefunds");
        assert_eq!(params_name("close_dispute", "Charge", "charge", false), "CloseChargeDispute");
    }

    #[test]
    fn parts_follow_their_holders_final_names() {
        let hints = vec![
            Hint::Component("Charge".into()),
            derived(vec![Place::of(TypeId(0)).word("Outcome")]),
            derived(vec![Place::of(TypeId(1)).word("Rule")]),
            derived(vec![Place::of(TypeId(0)).word("Lines").then(Step::Item)]),
        ];
        assert_eq!(names_for(&hints), ["Charge", "ChargeOutcome", "ChargeOutcomeRule", "ChargeLine"]);
    }

    #[test]
    fn a_reserved_name_says_what_the_type_is() {
        let hints = vec![
            Hint::Params("CreateSubscription".into()),
            Hint::Params("CreateSubscriptionItem".into()),
            Hint::Derived(Derived {
                uses: vec![Place::of(TypeId(0)).word("Items").then(Step::Item)],
                role: Role::Params,
                title: None,
            }),
            derived(vec![Place::of(TypeId(2)).word("Price")]),
        ];
        assert_eq!(names_for(&hints)[2..], ["CreateSubscriptionItemParam", "CreateSubscriptionItemParamPrice"]);
    }

    #[test]
    fn shared_types_take_their_title_or_what_their_places_share() {
        let scope = Place::of(TypeId(0));
        let hints = vec![
            Hint::Params("CreateToken".into()),
            Hint::Derived(Derived {
                uses: vec![scope.word("AdditionalOwners").then(Step::Item), scope.word("Owner")],
                role: Role::Params,
                title: Some(scope.word("AccountOwner")),
            }),
            derived(vec![Place::of(TypeId(1)).word("Address")]),
            Hint::Component("Options".into()),
            derived(vec![
                Place::of(TypeId(3)).word("Affirm").word("SetupFutureUsage"),
                Place::of(TypeId(3)).word("Giropay").word("SetupFutureUsage"),
            ]),
        ];
        let names = names_for(&hints);
        assert_eq!(names[1..3], ["CreateTokenAccountOwner", "CreateTokenAccountOwnerAddress"]);
        assert_eq!(names[4], "OptionsSetupFutureUsage");
    }

    #[test]
    fn deep_names_keep_their_root_and_last_words() {
        let mut hints = vec![Hint::Component("Root".into())];
        for i in 0..40 {
            hints.push(derived(vec![Place::of(TypeId(i)).word(format!("Level{i}Field"))]));
        }
        let names = names_for(&hints);
        for n in &names {
            assert!(n.len() <= MAX_DERIVED, "{n} is {} long", n.len());
            assert!(n.starts_with("Root"), "{n}");
        }
        assert!(names[40].ends_with("Level39Field"), "{}", names[40]);
        // Distinct, numbered only where the kept words meet.
        let distinct: BTreeSet<&String> = names.iter().collect();
        assert_eq!(distinct.len(), names.len());
    }

    #[test]
    fn an_endpoint_name_over_the_limit_keeps_one_word() {
        let long = "A".repeat(MAX_DERIVED + 5);
        let hints = vec![Hint::Component(long.clone()), derived(vec![Place::of(TypeId(0)).word("Status")])];
        assert_eq!(names_for(&hints)[1], format!("{long}Status"));
    }
}
