//! The three-way merge of a form's save with what another tab saved meanwhile (team.md: two
//! tabs never overwrite each other's work without the user seeing it; issue 14 item 2).
//!
//! A form remembers the values it started from (`base`). When it is saved, the record may hold
//! other values (`theirs`: another tab saved first, or the session re-ran the save on fresh data
//! after a conflict). Field by field: a field only the user changed takes the user's value, a
//! field only the other side changed keeps theirs, and a field both changed to different values
//! is refused with a problem that names the field and both values; then nothing is saved.

use crate::core::problem::ProblemCode;
use crate::core::problem::{Place, Problem, Problems};

/// The problem code of a field both sides changed to different values; its arguments are their
/// value and the user's, as the user would read them.
pub const CHANGED_ELSEWHERE: ProblemCode = ProblemCode::EditChangedElsewhere;

/// The one rule of a three-way merge of a single value, used by the forms here and by the team's
/// merge of records (`core::team::merge`): equal sides agree; a side still at the base takes the
/// other's value; otherwise both changed it differently and `None` says so. An unknown base
/// (`None`) means nobody can tell which side changed, so any difference is a conflict.
pub fn three_way<T: PartialEq + Clone>(base: Option<&T>, theirs: &T, mine: &T) -> Option<T> {
    if mine == theirs || base == Some(mine) {
        Some(theirs.clone())
    } else if base == Some(theirs) {
        Some(mine.clone())
    } else {
        None
    }
}

/// How a field's value is named in a conflict message.
pub trait Shown {
    fn shown(&self) -> String;
}

impl Shown for String {
    fn shown(&self) -> String {
        self.clone()
    }
}

impl Shown for f64 {
    fn shown(&self) -> String {
        self.to_string()
    }
}

impl Shown for bool {
    fn shown(&self) -> String {
        self.to_string()
    }
}

impl<T: std::fmt::Display> Shown for Option<T> {
    fn shown(&self) -> String {
        self.as_ref().map(ToString::to_string).unwrap_or_default()
    }
}

/// Merges the fields of one form, collecting every conflict so that the user sees all of them
/// at once.
pub struct Merge<'a> {
    place: &'a dyn Fn(&str) -> Place,
    pub problems: Problems,
}

impl<'a> Merge<'a> {
    /// `place` says where a conflicting field is (a header field, or a field of one line).
    pub fn new(place: &'a dyn Fn(&str) -> Place) -> Self {
        Merge {
            place,
            problems: Problems::new(),
        }
    }

    /// The merged value of one field (see the module documentation). On a conflict the user's
    /// value is returned, but a problem is recorded, so the merge as a whole is refused.
    pub fn field<T: PartialEq + Clone + Shown>(
        &mut self,
        name: &str,
        base: &T,
        theirs: &T,
        mine: &T,
    ) -> T {
        three_way(Some(base), theirs, mine).unwrap_or_else(|| {
            self.problems.push(
                Problem::error((self.place)(name), CHANGED_ELSEWHERE)
                    .with(theirs.shown())
                    .with(mine.shown()),
            );
            mine.clone()
        })
    }

    /// The merged value, or every conflict.
    pub fn finish<T>(self, merged: T) -> Result<T, Problems> {
        if self.problems.is_empty() {
            Ok(merged)
        } else {
            Err(self.problems)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header_field(name: &str) -> Place {
        Place::Field(name.to_string())
    }

    /// What a merge of one text field gives: the merged value, or (theirs, yours) of a clash.
    type Outcome = Result<&'static str, (&'static str, &'static str)>;

    /// (base, theirs, mine) → the outcome.
    #[test]
    fn each_field_takes_the_side_that_changed_it_and_a_clash_is_refused_with_both_values() {
        let cases: [(&str, &str, &str, Outcome); 6] = [
            ("a", "a", "a", Ok("a")),
            ("a", "a", "mine", Ok("mine")),
            ("a", "theirs", "a", Ok("theirs")),
            ("a", "same", "same", Ok("same")),
            ("a", "theirs", "mine", Err(("theirs", "mine"))),
            ("a", "", "mine", Err(("", "mine"))),
        ];
        for (base, theirs, mine, expected) in cases {
            let place = header_field;
            let mut merge = Merge::new(&place);
            let value = merge.field(
                "description",
                &base.to_string(),
                &theirs.to_string(),
                &mine.to_string(),
            );
            let got = merge.finish(value).map_err(|problems| {
                assert_eq!(problems.len(), 1);
                assert_eq!(problems[0].code, CHANGED_ELSEWHERE);
                assert_eq!(problems[0].place, header_field("description"));
                (problems[0].args[0].clone(), problems[0].args[1].clone())
            });
            let expected = expected
                .map(str::to_string)
                .map_err(|(t, y)| (t.to_string(), y.to_string()));
            assert_eq!(
                got, expected,
                "base {base:?}, theirs {theirs:?}, mine {mine:?}"
            );
        }
    }

    #[test]
    fn every_clashing_field_is_named_not_only_the_first() {
        let place = header_field;
        let mut merge = Merge::new(&place);
        merge.field("unit_cost", &1.0, &2.0, &3.0);
        merge.field("date", &None::<u32>, &Some(1), &Some(2));
        merge.field(
            "subject",
            &"s".to_string(),
            &"s".to_string(),
            &"t".to_string(),
        );
        let problems = merge.finish(()).unwrap_err();
        let named: Vec<(&Place, &[String])> =
            problems.iter().map(|p| (&p.place, &p.args[..])).collect();
        assert_eq!(
            named,
            [
                (
                    &header_field("unit_cost"),
                    &["2".to_string(), "3".to_string()][..]
                ),
                (
                    &header_field("date"),
                    &["1".to_string(), "2".to_string()][..]
                ),
            ]
        );
    }
}
