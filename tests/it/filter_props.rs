//! Properties of the filter language that must hold for every input, not only the examples in
//! `src/core/filter.rs`: parsing and matching never panic (a panic in wasm kills the app while the
//! user types), errors point inside the expression, and the operators keep their meaning.

use chrono::{Datelike, NaiveDate};
use proptest::prelude::*;
use segmentti::core::condition::Condition;
use segmentti::core::filter::{parse, quote, FieldKind, Filter, Value};

const KINDS: [FieldKind; 4] = [
    FieldKind::Text,
    FieldKind::Number,
    FieldKind::Date,
    FieldKind::Bool,
];

/// Characters that filters are made of, so random strings often parse and reach deep paths.
const FILTERISH: &str = r"[a-zA-Z0-9äöÄÖ|&<>=.,*@?'() \-]{0,30}";

/// An expression over one kind's operand shapes, with operators, ranges, `&`, `|` and groups, so
/// that many generated expressions are valid for numbers, dates and booleans too.
fn expression_of(operand: BoxedStrategy<String>) -> impl Strategy<Value = String> {
    let comparison =
        ("(|@|<>|<|<=|>|>=|=)", operand.clone()).prop_map(|(op, a)| format!("{op}{a}"));
    let range = (
        proptest::option::of(operand.clone()),
        proptest::option::of(operand),
    )
        .prop_map(|(a, b)| format!("{}..{}", a.unwrap_or_default(), b.unwrap_or_default()));
    let term = prop_oneof![3 => comparison, 1 => range];
    let group = (any::<bool>(), term).prop_map(
        |(paren, term)| {
            if paren {
                format!("({term})")
            } else {
                term
            }
        },
    );
    proptest::collection::vec((group, "( ?[|&] ?)"), 1..5).prop_map(|terms| {
        let mut expr = String::new();
        for (i, (term, joiner)) in terms.iter().enumerate() {
            if i > 0 {
                expr.push_str(joiner);
            }
            expr.push_str(term);
        }
        expr
    })
}

fn typed_expression() -> impl Strategy<Value = String> {
    let empty = || Just("''".to_owned());
    prop_oneof![
        expression_of(prop_oneof![4 => "-?[0-9]{1,4}([.,][0-9]{1,2})?", 1 => empty()].boxed()),
        expression_of(
            prop_oneof![
                2 => "[12]?[0-9]\\.[1-9]\\.20[0-9]{2}",
                2 => "20[0-9]{2}-0[1-9]-[0-2][0-9]",
                1 => empty(),
            ]
            .boxed()
        ),
        expression_of(prop_oneof![4 => "(Yes|No|true|false|1|0|Kyllä|Ei)", 1 => empty()].boxed()),
        expression_of(prop_oneof![4 => "[a-zA-Z*?]{1,5}", 1 => "'[a-z|&.]{0,4}'"].boxed()),
    ]
}

fn any_expression() -> impl Strategy<Value = String> {
    prop_oneof![any::<String>(), FILTERISH, typed_expression()]
}

fn any_date() -> impl Strategy<Value = NaiveDate> {
    // Covers the whole range chrono supports, so year edges are exercised too.
    (NaiveDate::MIN.num_days_from_ce()..=NaiveDate::MAX.num_days_from_ce())
        .prop_map(|days| NaiveDate::from_num_days_from_ce_opt(days).unwrap())
}

/// An owned stand-in for [`Value`], because proptest needs owned values.
#[derive(Debug, Clone)]
enum OwnedValue {
    Text(String),
    Number(f64),
    Date(NaiveDate),
    Bool(bool),
    Empty,
}

impl OwnedValue {
    fn as_value(&self) -> Value<'_> {
        match self {
            OwnedValue::Text(text) => Value::Text(text),
            OwnedValue::Number(number) => Value::Number(*number),
            OwnedValue::Date(date) => Value::Date(*date),
            OwnedValue::Bool(flag) => Value::Bool(*flag),
            OwnedValue::Empty => Value::Empty,
        }
    }
}

fn any_value() -> impl Strategy<Value = OwnedValue> {
    prop_oneof![
        any::<String>().prop_map(OwnedValue::Text),
        FILTERISH.prop_map(OwnedValue::Text),
        any::<f64>().prop_map(OwnedValue::Number),
        (-10_000i32..10_000).prop_map(|n| OwnedValue::Number(f64::from(n) / 4.0)),
        Just(OwnedValue::Number(f64::NAN)),
        Just(OwnedValue::Number(f64::INFINITY)),
        any_date().prop_map(OwnedValue::Date),
        any::<bool>().prop_map(OwnedValue::Bool),
        Just(OwnedValue::Empty),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn parsing_never_panics_and_errors_point_inside_the_expression(expr in any_expression()) {
        for kind in KINDS {
            match parse(&expr, kind) {
                Ok(filter) => prop_assert_eq!(filter.source(), expr.as_str()),
                Err(error) => {
                    prop_assert!(error.position <= expr.chars().count(), "{:?}", error);
                    prop_assert!(error.kind.code().as_str().starts_with("filter."));
                }
            }
        }
    }

    #[test]
    fn a_parsed_filter_never_panics_on_any_value(
        expr in any_expression(),
        values in proptest::collection::vec(any_value(), 1..8),
    ) {
        for kind in KINDS {
            if let Ok(filter) = parse(&expr, kind) {
                for value in &values {
                    let _ = filter.matches(&value.as_value());
                }
            }
        }
    }

    #[test]
    fn a_parsed_filter_survives_a_round_trip_through_json(expr in any_expression()) {
        for kind in KINDS {
            if let Ok(filter) = parse(&expr, kind) {
                let json = serde_json::to_string(&filter).unwrap();
                let back: Filter = serde_json::from_str(&json).unwrap();
                prop_assert_eq!(back, filter);
            }
        }
    }

    #[test]
    fn not_equal_is_the_exact_negation_of_equal(text in "[^'|&()<>=.@*?]{1,12}", value in any_value()) {
        // Both filters are built from the same operand, quoted so every character is literal.
        let quoted = quote(text.trim());
        prop_assume!(text.trim() != "");
        for kind in KINDS {
            if let (Ok(equal), Ok(not_equal)) = (parse(&quoted, kind), parse(&format!("<>{quoted}"), kind)) {
                prop_assert_ne!(equal.matches(&value.as_value()), not_equal.matches(&value.as_value()));
            }
        }
    }

    #[test]
    fn a_quoted_text_matches_exactly_itself(text in any::<String>(), other in any::<String>()) {
        let filter = parse(&quote(&text), FieldKind::Text).unwrap();
        prop_assert!(filter.matches(&Value::Text(&text)));
        prop_assert_eq!(filter.matches(&Value::Text(&other)), other == text);
    }

    #[test]
    fn at_sign_ignores_case(text in "[a-zA-ZåäöÅÄÖ ]{1,12}") {
        let filter = parse(&format!("@{}", quote(&text)), FieldKind::Text).unwrap();
        prop_assert!(filter.matches(&Value::Text(&text.to_uppercase())));
        prop_assert!(filter.matches(&Value::Text(&text.to_lowercase())));
    }

    #[test]
    fn star_part_star_matches_text_containing_the_part(
        before in "[a-z ]{0,8}", part in "[a-z]{1,4}", after in "[a-z ]{0,8}", other in "[a-z ]{1,12}",
    ) {
        let filter = parse(&format!("*{part}*"), FieldKind::Text).unwrap();
        let containing = format!("{before}{part}{after}");
        prop_assert!(filter.matches(&Value::Text(&containing)));
        prop_assert_eq!(filter.matches(&Value::Text(&other)), other.contains(&part));
    }

    #[test]
    fn a_number_written_by_rust_parses_back_to_itself(number in any::<f64>().prop_filter("finite", |n| n.is_finite())) {
        let filter = parse(&number.to_string(), FieldKind::Number).unwrap();
        prop_assert!(filter.matches(&Value::Number(number)));
    }

    #[test]
    fn range_means_at_least_the_start_and_at_most_the_end(
        from in -1000i32..1000, to in -1000i32..1000, x in -1200i32..1200,
    ) {
        let value = Value::Number(f64::from(x));
        let range = parse(&format!("{from}..{to}"), FieldKind::Number).unwrap();
        let both = parse(&format!(">={from}&<={to}"), FieldKind::Number).unwrap();
        prop_assert_eq!(range.matches(&value), both.matches(&value));
        prop_assert_eq!(range.matches(&value), from <= x && x <= to);
        let open_start = parse(&format!("..{to}"), FieldKind::Number).unwrap();
        prop_assert_eq!(open_start.matches(&value), x <= to);
        let open_end = parse(&format!("{from}.."), FieldKind::Number).unwrap();
        prop_assert_eq!(open_end.matches(&value), from <= x);
    }

    #[test]
    fn a_date_in_either_format_matches_that_day(date in any_date().prop_filter("four-digit year", |d| (1000..=9999).contains(&d.year()))) {
        let iso = date.format("%Y-%m-%d").to_string();
        let finnish = format!("{}.{}.{}", date.day(), date.month(), date.year());
        for expr in [iso, finnish] {
            let filter = parse(&expr, FieldKind::Date).unwrap();
            prop_assert!(filter.matches(&Value::Date(date)), "{}", expr);
            prop_assert!(!filter.matches(&Value::Date(date.succ_opt().unwrap_or(NaiveDate::MIN))));
        }
    }

    #[test]
    fn a_condition_of_random_filters_never_panics(
        exprs in proptest::collection::vec(FILTERISH, 1..6),
        value in any_value(),
    ) {
        let leaves: Vec<Condition<usize>> = exprs
            .iter()
            .enumerate()
            .filter_map(|(i, expr)| parse(expr, FieldKind::Text).ok().map(|f| Condition::field(i, f)))
            .collect();
        let tree = Condition::Or(vec![
            Condition::And(leaves.clone()),
            Condition::Not(Box::new(Condition::Or(leaves))),
        ]);
        let value_of = |_: &usize| value.as_value();
        let _ = tree.matches(&value_of);
    }
}
