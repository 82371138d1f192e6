//! Names of derived types that say what the type is: after the schema's
//! `title` when the type is shared, never a component's or an endpoint's
//! name, with their parts following a renamed parent.

use super::shape::title_words;
use super::{Lower, NameClass};
use crate::ir::{Role, TypeId, TypeRef};
use crate::naming;
use openapiv3::{ReferenceOr, Schema};

impl Lower<'_> {
    /// A type used from several places of its scope is better named by its
    /// schema's `title` (`CreateToken` + `account_owner_specs` ->
    /// `CreateTokenAccountOwner`) than after the first place that used
    /// it, unless a component or another type has that name (several
    /// schemas titled `payment_method_options_param` would be told apart
    /// only by numbers), or the title says nothing (`param`).
    pub(super) fn name_shared(&mut self, t: &TypeRef, schema: &Schema, text: &str, scope: &str) {
        let TypeRef::Named(id) = t else { return };
        if self.classes[id.0] != NameClass::Derived {
            return;
        }
        let hint = self.types[id.0].name.clone();
        let Some(name) = self.title_name(schema, text, scope, self.types[id.0].role, &hint) else { return };
        // A name another type already has would only be told apart by a number.
        if self.titled.contains(&name) || self.name_in_use(&name) {
            return;
        }
        self.titled.insert(name.clone());
        self.rename_with_parts(*id, name);
    }

    /// The name a schema's title gives a shared type in `scope`, if the
    /// title says something and the name was free when this schema (by its
    /// `text`) first wanted it: decided once, so that every use of the
    /// schema agrees, and another schema of the same title is named by its
    /// place. A component's or an endpoint's name is avoided as the other
    /// derived types avoid it (`UpdateAccountCapabilityParam`).
    pub(super) fn title_name(
        &mut self,
        schema: &Schema,
        text: &str,
        scope: &str,
        role: Role,
        hint: &str,
    ) -> Option<String> {
        let title = schema.schema_data.title.as_deref().and_then(title_words)?;
        let name = self.unreserved(format!("{scope}{}", naming::pascal(title)), role);
        let owner = match self.title_owners.get(&name) {
            Some(owner) => owner.as_deref(),
            None => {
                // A type named so by its place (`payment_method_options`
                // titled `payment_method_options_param`) has the name: its
                // fields of the same title cannot.
                let free = name != hint && !self.name_in_use(&name);
                self.title_owners.insert(name.clone(), free.then(|| text.to_owned()));
                free.then_some(text)
            }
        };
        (owner == Some(text)).then_some(name)
    }

    /// A type shared by same-named fields of different parents is named
    /// after what they have in common: `setup_future_usage` of both `affirm`
    /// and `giropay` options is `...PaymentMethodOptionsSetupFutureUsage`,
    /// not `...PaymentMethodOptionsAffirmSetupFutureUsage` (`hint` is the
    /// name the new place would give it, after `field`). Kept when that
    /// name is taken.
    pub(super) fn name_common(&mut self, t: &TypeRef, hint: &str, field: &str) {
        let TypeRef::Named(id) = t else { return };
        let current = &self.types[id.0].name;
        if self.classes[id.0] != NameClass::Derived || self.titled.contains(current) {
            return;
        }
        let name = common_name(current, hint, &naming::pascal(field));
        if name == *current
            || name.is_empty()
            || self.reserved_names.contains(&naming::type_name(&name))
            || self.name_in_use(&name)
        {
            return;
        }
        self.rename_with_parts(*id, name);
    }

    /// Whether a type wants `name` now.
    fn name_in_use(&self, name: &str) -> bool {
        self.names_in_use.get(name).is_some_and(|&n| n > 0)
    }

    /// Renames one type, keeping [`Lower::name_in_use`] right.
    fn rename_type(&mut self, id: usize, name: String) -> String {
        *self.names_in_use.entry(name.clone()).or_default() += 1;
        let old = std::mem::replace(&mut self.types[id].name, name);
        if let Some(n) = self.names_in_use.get_mut(&old) {
            *n -= 1;
        }
        old
    }

    /// Renames type `id`, and the types lowered as its parts (named
    /// `{old}Address`, `{old}Dob`, ...) follow it
    /// (`CreateTokenAccountOwnerAddress`, not `...AdditionalOwnersN0Address`).
    /// Only those made while it was lowered are its parts.
    fn rename_with_parts(&mut self, id: TypeId, name: String) {
        let old = self.rename_type(id.0, name.clone());
        let end = self.parts_end.get(&id).copied().unwrap_or(self.types.len());
        for t in id.0 + 1..end {
            if self.classes[t] != NameClass::Derived {
                continue;
            }
            // `{old}Address` is a part; `{old}1` (another name that merely
            // starts the same way) is not.
            let part = self.types[t]
                .name
                .strip_prefix(old.as_str())
                .filter(|rest| rest.starts_with(|c: char| c.is_ascii_uppercase()));
            if let Some(rest) = part.map(str::to_owned) {
                self.rename_type(t, format!("{name}{rest}"));
            }
        }
    }

    /// `name` for a derived type, or, when a component or an endpoint's
    /// parameter struct has it (those are the names users look for first),
    /// the same with a word saying what the derived type is: a value sent
    /// as a parameter (`CreateAccount` + `bank_account` ->
    /// `CreateAccountBankAccountParam`, as `CreateAccountBankAccount` is
    /// the parameters of `Account::create_bank_account`) or the type of a
    /// response field (`PaymentIntentPaymentMethodOptionsCardField`). Its
    /// parts are named after it, so they never meet the other type's parts.
    pub(super) fn unreserved(&self, name: String, role: Role) -> String {
        if !self.reserved_names.contains(&naming::type_name(&name)) {
            return name;
        }
        match role {
            Role::Params => format!("{name}Param"),
            Role::Response => format!("{name}Field"),
        }
    }

    /// Reserves the names of the component schemas that become types (an
    /// alias, a map or a list, leaves its name free); endpoints' parameter
    /// structs are added with [`Lower::reserve_name`] once named.
    pub(super) fn reserve_component_names(&mut self) {
        let components = self.spec.doc.components.iter().flat_map(|c| &c.schemas);
        let named = components.filter(|(_, s)| matches!(s, ReferenceOr::Item(s) if self.is_named_shape(s)));
        let names: Vec<String> = named.map(|(k, _)| naming::type_name(&naming::pascal(k))).collect();
        self.reserved_names.extend(names);
    }

    /// Adds a name derived types must not take (see [`Lower::unreserved`]).
    pub(super) fn reserve_name(&mut self, name: String) {
        self.reserved_names.insert(name);
    }
}

/// The words two names share at the start, then `tail` (the field both
/// are named after): `AbcAffirmSetupFutureUsage` and
/// `AbcGiropaySetupFutureUsage` with tail `SetupFutureUsage` give
/// `AbcSetupFutureUsage`. `a` when either does not end with `tail` or
/// nothing comes before it in both.
fn common_name(a: &str, b: &str, tail: &str) -> String {
    let (Some(ha), Some(hb)) = (a.strip_suffix(tail), b.strip_suffix(tail)) else { return a.to_owned() };
    let (wa, wb) = (naming::pascal_words(ha), naming::pascal_words(hb));
    let head = wa.iter().zip(&wb).take_while(|(x, y)| x == y).count();
    if head == 0 || tail.is_empty() {
        return a.to_owned();
    }
    wa[..head].concat() + tail
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_names_drop_the_words_that_differ() {
        let tail = "SetupFutureUsage";
        assert_eq!(common_name("AbcAffirmSetupFutureUsage", "AbcGiropaySetupFutureUsage", tail), "AbcSetupFutureUsage");
        // The parents' own words stay theirs (`AcssDebit`, `SepaDebit`).
        assert_eq!(
            common_name("AbcAcssDebitSetupFutureUsage", "AbcSepaDebitSetupFutureUsage", tail),
            "AbcSetupFutureUsage"
        );
        assert_eq!(common_name("CreateXShippingAddress", "CreateXBillingDetailsAddress", "Address"), "CreateXAddress");
        // Not named after that field, or nothing in common before it: kept.
        assert_eq!(common_name("CreateXFoo", "CreateXBar", "Foo"), "CreateXFoo");
        assert_eq!(common_name("CreateXAddress", "UpdateXAddress", "Address"), "CreateXAddress");
    }
}
