//! Saved criteria (reference-bc.md §2.5): saving a segment's steps under a code, and replaying
//! them, through the very planner the steps use, against today's data.

use super::steps::{Mode, Preview};
use super::DESCRIPTION_MAX_CHARS;
use crate::core::changes::{Changes, Record, RecordKey};
use crate::core::db::Db;
use crate::core::ids::{Code, SegmentId};
use crate::core::model::*;
use crate::core::problem::ProblemCode;
use crate::core::problem::{Problem, Problems};
use chrono::NaiveDateTime;
use std::collections::HashSet;

impl Db {
    /// Saves the segment's criteria actions under a code (reference-bc.md §2.5). Needs at
    /// least one action; the code must be new.
    pub fn save_criteria(
        &self,
        id: SegmentId,
        code: &str,
        description: &str,
    ) -> Result<Changes, Problems> {
        let segment = self.existing_segment(id)?;
        let mut problems = Vec::new();
        if segment.history.is_empty() {
            problems.push(Problem::record(ProblemCode::SegmentNoCriteria));
        }
        let code = Code::new(code);
        if code.is_empty() {
            problems.push(Problem::field(
                "code",
                ProblemCode::SavedCriteriaCodeRequired,
            ));
        } else if code.as_str().chars().count() > Code::MAX_LEN {
            problems
                .push(Problem::field("code", ProblemCode::SavedCriteriaCodeTooLong).with(&code));
        } else if self.saved_criteria.contains_key(&code) {
            problems.push(Problem::field("code", ProblemCode::SavedCriteriaCodeExists).with(&code));
        }
        if description.trim().chars().count() > DESCRIPTION_MAX_CHARS {
            problems.push(Problem::field(
                "description",
                ProblemCode::SavedCriteriaDescriptionTooLong,
            ));
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        let saved = SavedCriteria {
            code,
            description: description.trim().to_string(),
            actions: segment
                .history
                .iter()
                .map(|step| step.action.clone())
                .collect(),
        };
        let mut changes = Changes::new();
        changes.put(Record::SavedCriteria(saved));
        Ok(changes)
    }

    /// Deletes saved criteria.
    pub fn delete_saved_criteria(&self, code: &Code) -> Result<Changes, Problems> {
        if !self.saved_criteria.contains_key(code) {
            return Err(vec![
                Problem::record(ProblemCode::SavedCriteriaUnknown).with(code)
            ]);
        }
        let mut changes = Changes::new();
        changes.delete(RecordKey::SavedCriteria(code.clone()));
        Ok(changes)
    }

    /// Who would join and who would leave if the saved criteria were replayed now, compared
    /// with the segment's current lines (product.md §3).
    pub fn reuse_criteria_preview(&self, id: SegmentId, code: &Code) -> Result<Preview, Problems> {
        let segment = self.existing_segment(id)?;
        let mut replayed = segment.clone();
        self.replay(&mut replayed, code)?;
        // Line numbers of removed lines can be handed out again, so a number alone does not
        // say which line it is; walking the replayed steps in order does.
        let original: HashSet<u32> = segment.lines.iter().map(|line| line.line_no).collect();
        let mut inserted = HashSet::new();
        let mut leave = Vec::new();
        for step in &replayed.history[segment.history.len()..] {
            for line in &step.removed {
                if original.contains(&line.line_no) && !inserted.contains(&line.line_no) {
                    leave.push((line.line_no, line.contact));
                }
            }
            inserted.extend(step.inserted.iter().copied());
        }
        leave.sort_by_key(|(line_no, _)| *line_no);
        Ok(Preview {
            join: replayed
                .lines
                .iter()
                .filter(|line| inserted.contains(&line.line_no))
                .map(|line| line.contact)
                .collect(),
            leave: leave.into_iter().map(|(_, contact)| contact).collect(),
        })
    }

    /// Replays saved criteria (reference-bc.md §2.5) against today's data, each action as a new
    /// step that Go Back can undo.
    pub fn reuse_criteria(
        &self,
        id: SegmentId,
        code: &Code,
        now: NaiveDateTime,
    ) -> Result<Changes, Problems> {
        self.edit_segment(id, now, |segment| self.replay(segment, code))
    }

    fn replay(&self, segment: &mut Segment, code: &Code) -> Result<(), Problems> {
        let saved = self
            .saved_criteria
            .get(code)
            .ok_or_else(|| vec![Problem::record(ProblemCode::SavedCriteriaUnknown).with(code)])?;
        for action in &saved.actions {
            let plan = self.plan(segment, action, Mode::Replay)?;
            self.execute(segment, action.clone(), plan)?;
        }
        Ok(())
    }
}
