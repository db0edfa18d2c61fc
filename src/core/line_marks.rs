//! What sets one segment line apart from the others: its own letter, and the values in which it
//! differs from what the header gives a new line for its contact today (its overrides,
//! reference-bc.md §2.8). The segment page marks such lines in the table, so that a user sees at
//! a glance which contacts will not get the common letter or values.
//!
//! The comment is not counted: every line may carry one, and the table shows it in a column of
//! its own.

use crate::core::db::Db;
use crate::core::model::{Evaluation, Segment, SegmentLine};

/// The values of a line that differ from the header, by the names of the line's fields as
/// [`crate::core::segment::LineEdit`] calls them, in the order of the line form.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineMarks {
    /// The line carries its own edited copy of the letter.
    pub own_letter: bool,
    /// The fields whose value is not the one the header gives this contact.
    pub overrides: Vec<&'static str>,
}

impl LineMarks {
    /// Whether the line is like any new line of its contact would be.
    pub fn is_plain(&self) -> bool {
        !self.own_letter && self.overrides.is_empty()
    }
}

impl Db {
    /// The marks of `line` of `segment`. A line whose contact no longer exists is compared with
    /// the header alone (no contact-specific language, type or salesperson), since that is what
    /// it would get now.
    pub fn line_marks(&self, segment: &Segment, line: &SegmentLine) -> LineMarks {
        let fresh = match self.contact(line.contact) {
            Some(contact) => self.new_segment_line(segment, contact, line.line_no),
            None => {
                let mut bare = crate::core::model::Contact {
                    id: line.contact,
                    ..Default::default()
                };
                bare.company = line.company;
                self.new_segment_line(segment, &bare, line.line_no)
            }
        };
        let mut overrides = Vec::new();
        let mut differs = |name: &'static str, different: bool| {
            if different {
                overrides.push(name);
            }
        };
        differs("template", line.template != fresh.template);
        differs("description", line.description != fresh.description);
        differs("subject", line.subject != fresh.subject);
        differs("salesperson", line.salesperson != fresh.salesperson);
        differs(
            "correspondence_type",
            line.correspondence_type != fresh.correspondence_type,
        );
        differs("language", line.language != fresh.language);
        differs("date", line.date != fresh.date);
        differs("cost", line.cost.to_bits() != fresh.cost.to_bits());
        differs(
            "duration_min",
            line.duration_min.to_bits() != fresh.duration_min.to_bits(),
        );
        differs(
            "information_flow",
            line.information_flow != fresh.information_flow,
        );
        differs("initiated_by", line.initiated_by != fresh.initiated_by);
        differs("evaluation", line.evaluation != Evaluation::None);
        differs("attempt_failed", line.attempt_failed);
        LineMarks {
            own_letter: line.letter.is_some(),
            overrides,
        }
    }
}
