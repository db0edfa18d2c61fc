//! Segments: the header with its interaction defaults (`header`), the lines (`lines`), the
//! criteria steps: Add, Reduce, Refine, manual lines, reuse of a logged segment, Go Back
//! (`steps`), saved criteria (`saved`), and the other segment functions: mailing group,
//! opportunities, CSV rows (`tools`).
//!
//! The rules are those of reference-bc.md §2, with the decisions of product.md §3:
//!
//! * Every step is planned by one function ([`Db::preview`] and [`Db::apply_action`] both call
//!   it), so a preview cannot differ from what applying the step does.
//! * A step records the line numbers it inserted and exact copies of the lines it removed, so
//!   Go Back restores lines exactly, overrides, comments and letters included (product.md §3,
//!   where the reference rebuilds them from the header).
//! * Replaying saved criteria runs the very same planner, so Refine honours "entire companies"
//!   on replay (the reference's defect in §2.5 is not copied).
//!
//! Lines are kept sorted by line number, which only grows: new lines are appended after the last
//! one in steps of 10000, as in Business Central.
//!
//! Every operation that changes one stored segment goes through `Db::edit_segment`, so that
//! each finds the segment (or reports it gone) and stamps and stores the edited copy the same way.

mod header;
mod lines;
mod saved;
mod steps;
mod tools;

pub use header::{header_line_language, resolve_correspondence_type, HeaderEdit};
pub use lines::LineEdit;
pub use steps::Preview;

use crate::core::changes::{Changes, Record, RecordKey};
use crate::core::db::Db;
use crate::core::ids::SegmentId;
use crate::core::model::Segment;
use crate::core::problem::ProblemCode;
use crate::core::problem::{Problem, Problems};
use chrono::NaiveDateTime;

/// The step between the line numbers of new lines (reference-bc.md §1.7).
pub const LINE_NO_STEP: u32 = 10_000;

/// The longest segment description accepted, in characters (reference-bc.md §1.6).
pub const DESCRIPTION_MAX_CHARS: usize = 100;

impl Db {
    /// The segment with this id.
    pub fn segment(&self, id: SegmentId) -> Option<&Segment> {
        self.segments.get(&id)
    }

    /// The stored segment `id`, or the problem every segment operation reports when it is gone
    /// (deleted or logged meanwhile, perhaps in another tab).
    pub(crate) fn existing_segment(&self, id: SegmentId) -> Result<&Segment, Problems> {
        self.segment(id).ok_or_else(|| unknown_segment(id))
    }

    /// Edits a copy of segment `id`: `edit` changes it or refuses (then nothing changes), and the
    /// copy, marked modified at `now`, is the one record of the returned change set.
    fn edit_segment(
        &self,
        id: SegmentId,
        now: NaiveDateTime,
        edit: impl FnOnce(&mut Segment) -> Result<(), Problems>,
    ) -> Result<Changes, Problems> {
        let mut segment = self.existing_segment(id)?.clone();
        edit(&mut segment)?;
        segment.stamps.modified = now;
        Ok(segment_changes(segment))
    }

    /// Deletes a segment with its lines and criteria history (reference-bc.md §1.6).
    /// Opportunities created from it stay.
    pub fn delete_segment(&self, id: SegmentId) -> Result<Changes, Problems> {
        self.existing_segment(id)?;
        let mut changes = Changes::new();
        changes.delete(RecordKey::Segment(id));
        Ok(changes)
    }
}

fn unknown_segment(id: SegmentId) -> Problems {
    vec![Problem::record(ProblemCode::SegmentUnknown).with(id)]
}

fn segment_changes(segment: Segment) -> Changes {
    let mut changes = Changes::new();
    changes.put(Record::Segment(segment));
    changes
}

/// Whether a cost or duration is a number a person could have meant: finite and not negative.
fn number_ok(value: f64) -> bool {
    value.is_finite() && value >= 0.0
}
