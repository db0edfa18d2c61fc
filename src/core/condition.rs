//! Condition trees: field filters combined with AND, OR and NOT.
//!
//! Business Central can only AND its filter sections, with OR inside one expression
//! (reference-bc.md §2.2); product.md §3 asks for AND / OR / NOT groups beyond that. A
//! [`Condition`] is generic over the field type `F`, so the same tree serves the contact's own
//! fields, profile answers and interaction log entries; the caller supplies how to read a field of
//! one record as a [`Value`].
//!
//! The empty groups follow the usual logic identities: an empty `And` is true (no condition left to
//! fail) and an empty `Or` is false (no alternative to pass). A UI that lets a user create an empty
//! group therefore gets "everything" from an empty AND group and "nothing" from an empty OR group.

use serde::{Deserialize, Serialize};

use crate::core::filter::{Filter, Value};

/// A tree of field filters. Each [`Filter`] carries its own source text and field kind, so a
/// serialised tree is readable and re-validated when loaded.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Condition<F> {
    /// The field's value must pass the filter.
    Field { field: F, filter: Filter },
    /// Every child must match; an empty list matches everything.
    And(Vec<Condition<F>>),
    /// At least one child must match; an empty list matches nothing.
    Or(Vec<Condition<F>>),
    /// The child must not match.
    Not(Box<Condition<F>>),
}

impl<F> Condition<F> {
    /// A leaf testing one field.
    pub fn field(field: F, filter: Filter) -> Self {
        Condition::Field { field, filter }
    }

    /// Whether the record that `value_of` reads passes the tree.
    ///
    /// `value_of` returns a value borrowed from the record (lifetime `'v`), not from the field
    /// name, so a closure such as `|field| contact.value(field)` fits. Groups stop at the first
    /// child that decides them, so a field is read only when it can change the answer.
    pub fn matches<'v>(&self, value_of: &impl Fn(&F) -> Value<'v>) -> bool {
        match self {
            Condition::Field { field, filter } => filter.matches(&value_of(field)),
            Condition::And(children) => children.iter().all(|child| child.matches(value_of)),
            Condition::Or(children) => children.iter().any(|child| child.matches(value_of)),
            Condition::Not(child) => !child.matches(value_of),
        }
    }

    /// Every field the tree tests, in order of appearance and with repeats, so a caller can check
    /// that each one exists before evaluating against many records.
    pub fn fields(&self) -> Vec<&F> {
        let mut fields = Vec::new();
        self.collect_fields(&mut fields);
        fields
    }

    fn collect_fields<'a>(&'a self, fields: &mut Vec<&'a F>) {
        match self {
            Condition::Field { field, .. } => fields.push(field),
            Condition::And(children) | Condition::Or(children) => {
                for child in children {
                    child.collect_fields(fields);
                }
            }
            Condition::Not(child) => child.collect_fields(fields),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::filter::{parse, FieldKind};
    use std::collections::HashMap;

    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
    enum Field {
        City,
        Employees,
        Active,
    }

    fn field_kind(field: Field) -> FieldKind {
        match field {
            Field::City => FieldKind::Text,
            Field::Employees => FieldKind::Number,
            Field::Active => FieldKind::Bool,
        }
    }

    fn leaf(field: Field, expr: &str) -> Condition<Field> {
        Condition::field(field, parse(expr, field_kind(field)).unwrap())
    }

    /// A record as the caller would hold it: the values borrow from it, not from the field.
    struct Company {
        city: String,
        employees: Option<f64>,
        active: bool,
    }

    fn acme() -> Company {
        Company {
            city: "Tampere".into(),
            employees: Some(120.0),
            active: true,
        }
    }

    /// Evaluates `condition` against `company` and asserts the answer.
    fn check(condition: &Condition<Field>, company: &Company, expected: bool) {
        let value_of = |field: &Field| match field {
            Field::City => Value::Text(&company.city),
            Field::Employees => company.employees.map_or(Value::Empty, Value::Number),
            Field::Active => Value::Bool(company.active),
        };
        assert_eq!(condition.matches(&value_of), expected, "{condition:?}");
    }

    #[test]
    fn field_condition_applies_its_filter_to_the_field_value() {
        check(&leaf(Field::City, "Tampere|Turku"), &acme(), true);
        check(&leaf(Field::City, "Helsinki"), &acme(), false);
        check(&leaf(Field::Employees, "100.."), &acme(), true);
    }

    #[test]
    fn and_requires_every_child() {
        let both = Condition::And(vec![
            leaf(Field::City, "Tampere"),
            leaf(Field::Employees, ">100"),
        ]);
        check(&both, &acme(), true);
        let one_fails = Condition::And(vec![
            leaf(Field::City, "Tampere"),
            leaf(Field::Employees, ">500"),
        ]);
        check(&one_fails, &acme(), false);
    }

    #[test]
    fn or_requires_one_child() {
        let either = Condition::Or(vec![leaf(Field::City, "Turku"), leaf(Field::Active, "Yes")]);
        check(&either, &acme(), true);
        let neither = Condition::Or(vec![leaf(Field::City, "Turku"), leaf(Field::Active, "No")]);
        check(&neither, &acme(), false);
    }

    #[test]
    fn not_inverts_its_child() {
        check(
            &Condition::Not(Box::new(leaf(Field::City, "Tampere"))),
            &acme(),
            false,
        );
        check(
            &Condition::Not(Box::new(leaf(Field::City, "Turku"))),
            &acme(),
            true,
        );
    }

    #[test]
    fn empty_and_matches_everything() {
        check(&Condition::And(vec![]), &acme(), true);
    }

    #[test]
    fn empty_or_matches_nothing() {
        check(&Condition::Or(vec![]), &acme(), false);
        check(
            &Condition::Not(Box::new(Condition::Or(vec![]))),
            &acme(),
            true,
        );
    }

    #[test]
    fn groups_nest() {
        // Active companies in Tampere or Turku that do not have fewer than 50 employees.
        let tree = Condition::And(vec![
            leaf(Field::Active, "Yes"),
            Condition::Or(vec![
                leaf(Field::City, "Tampere"),
                leaf(Field::City, "Turku"),
            ]),
            Condition::Not(Box::new(leaf(Field::Employees, "<50"))),
        ]);
        check(&tree, &acme(), true);
        let small = Company {
            employees: Some(10.0),
            ..acme()
        };
        check(&tree, &small, false);
    }

    #[test]
    fn missing_value_is_empty_and_not_turns_a_non_match_into_a_match() {
        let unknown = Company {
            employees: None,
            ..acme()
        };
        check(&leaf(Field::Employees, "''"), &unknown, true);
        check(&leaf(Field::Employees, "<50"), &unknown, false);
        check(
            &Condition::Not(Box::new(leaf(Field::Employees, "<50"))),
            &unknown,
            true,
        );
    }

    #[test]
    fn fields_lists_every_tested_field_in_order() {
        let tree = Condition::Or(vec![
            leaf(Field::City, "A"),
            Condition::Not(Box::new(Condition::And(vec![
                leaf(Field::Employees, "1"),
                leaf(Field::City, "B"),
            ]))),
        ]);
        assert_eq!(
            tree.fields(),
            vec![&Field::City, &Field::Employees, &Field::City]
        );
    }

    #[test]
    fn value_of_may_borrow_from_a_record_that_outlives_only_the_call() {
        let record: HashMap<String, String> =
            HashMap::from([("city".to_owned(), "Oulu".to_owned())]);
        let tree = Condition::field("city".to_owned(), parse("@oulu", FieldKind::Text).unwrap());
        let value_of = |name: &String| {
            record
                .get(name)
                .map_or(Value::Empty, |text| Value::Text(text))
        };
        assert!(tree.matches(&value_of));
    }

    #[test]
    fn condition_round_trips_through_json() {
        let tree = Condition::And(vec![
            leaf(Field::City, "@*pere"),
            Condition::Not(Box::new(Condition::Or(vec![leaf(
                Field::Employees,
                "..10",
            )]))),
        ]);
        let json = serde_json::to_string(&tree).unwrap();
        let back: Condition<Field> = serde_json::from_str(&json).unwrap();
        assert_eq!(back, tree);
        check(&back, &acme(), true);
    }

    #[test]
    fn loading_a_condition_with_a_malformed_filter_fails() {
        let json = r#"{"Field":{"field":"Employees","filter":{"kind":"Number","source":"1..x"}}}"#;
        assert!(serde_json::from_str::<Condition<Field>>(json).is_err());
    }
}
