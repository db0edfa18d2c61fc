//! Segment lines: a new line's values, editing and saving a line (with the merge against
//! another tab's save), a line's template and letter, and how line numbers are handed out.

use super::header::{
    header_line_language, header_line_subject, resolve_correspondence_type, template_has_letter,
};
use super::{number_ok, DESCRIPTION_MAX_CHARS, LINE_NO_STEP};
use crate::core::changes::Changes;
use crate::core::db::Db;
use crate::core::ids::{Code, SegmentId};
use crate::core::merge::Merge;
use crate::core::model::*;
use crate::core::problem::ProblemCode;
use crate::core::problem::{Place, Problem, Problems};
use chrono::{NaiveDate, NaiveDateTime};

/// The line fields a user edits directly (reference-bc.md §2.8). The template and the letter of
/// a line have their own operations.
#[derive(Debug, Clone, PartialEq)]
pub struct LineEdit {
    pub description: String,
    pub subject: String,
    pub salesperson: Option<Code>,
    pub language: String,
    pub correspondence_type: CorrespondenceType,
    pub cost: f64,
    pub duration_min: f64,
    pub information_flow: InformationFlow,
    pub initiated_by: InitiatedBy,
    pub date: Option<NaiveDate>,
    pub evaluation: Evaluation,
    pub attempt_failed: bool,
    pub comment: String,
}

impl LineEdit {
    /// The line as it is now, to be changed and passed back.
    pub fn of(line: &SegmentLine) -> Self {
        LineEdit {
            description: line.description.clone(),
            subject: line.subject.clone(),
            salesperson: line.salesperson.clone(),
            language: line.language.clone(),
            correspondence_type: line.correspondence_type,
            cost: line.cost,
            duration_min: line.duration_min,
            information_flow: line.information_flow,
            initiated_by: line.initiated_by,
            date: line.date,
            evaluation: line.evaluation,
            attempt_failed: line.attempt_failed,
            comment: line.comment.clone(),
        }
    }
}

pub(super) fn line_problem(line_no: u32, field: Option<&str>, code: ProblemCode) -> Problem {
    Problem::error(
        Place::Line {
            line_no,
            field: field.map(str::to_string),
        },
        code,
    )
}

impl Db {
    /// A new line for `contact` (reference-bc.md §2.1): the header's values, then the
    /// contact-specific ones: company, salesperson (the header's, else the contact's),
    /// correspondence type and language (§2.8) and the subject of that language.
    pub fn new_segment_line(
        &self,
        segment: &Segment,
        contact: &Contact,
        line_no: u32,
    ) -> SegmentLine {
        let template = segment
            .template
            .as_ref()
            .and_then(|code| self.templates.get(code));
        let language = header_line_language(segment, template, Some(contact));
        SegmentLine {
            line_no,
            contact: contact.id,
            company: contact.company_no(),
            description: segment.description.clone(),
            subject: header_line_subject(segment, template, &language),
            salesperson: segment
                .salesperson
                .clone()
                .or_else(|| contact.salesperson.clone()),
            template: segment.template.clone(),
            group: segment.group.clone(),
            language,
            correspondence_type: resolve_correspondence_type(segment, template, Some(contact)),
            cost: segment.unit_cost,
            duration_min: segment.unit_duration_min,
            information_flow: segment.information_flow,
            initiated_by: segment.initiated_by,
            date: segment.date,
            evaluation: Evaluation::None,
            attempt_failed: false,
            comment: String::new(),
            letter: None,
            opportunity: None,
        }
    }

    /// Changes the editable fields of one line; these are its overrides of the header.
    pub fn update_segment_line(
        &self,
        id: SegmentId,
        line_no: u32,
        edit: LineEdit,
        now: NaiveDateTime,
    ) -> Result<Changes, Problems> {
        self.edit_segment(id, now, |segment| {
            let index = line_index(segment, line_no)?;
            let line = &segment.lines[index];
            let mut problems = Vec::new();
            if edit.description.trim().chars().count() > DESCRIPTION_MAX_CHARS {
                problems.push(line_problem(
                    line_no,
                    Some("description"),
                    ProblemCode::SegmentDescriptionTooLong,
                ));
            }
            if edit.salesperson != line.salesperson {
                if let Some(code) = &edit.salesperson {
                    if !self.salespeople.contains_key(code) {
                        problems.push(
                            line_problem(
                                line_no,
                                Some("salesperson"),
                                ProblemCode::SegmentSalespersonUnknown,
                            )
                            .with(code),
                        );
                    }
                }
            }
            for (field, value) in [("cost", edit.cost), ("duration_min", edit.duration_min)] {
                if !number_ok(value) {
                    problems.push(line_problem(
                        line_no,
                        Some(field),
                        ProblemCode::SegmentNumberInvalid,
                    ));
                }
            }
            if !problems.is_empty() {
                return Err(problems);
            }
            let line = &mut segment.lines[index];
            line.description = edit.description.trim().to_string();
            line.subject = edit.subject;
            line.salesperson = edit.salesperson;
            line.language = edit.language.trim().to_lowercase();
            line.correspondence_type = edit.correspondence_type;
            line.cost = edit.cost;
            line.duration_min = edit.duration_min;
            line.information_flow = edit.information_flow;
            line.initiated_by = edit.initiated_by;
            line.date = edit.date;
            line.evaluation = edit.evaluation;
            line.attempt_failed = edit.attempt_failed;
            line.comment = edit.comment;
            Ok(())
        })
    }

    /// Saves the line form, merged with what the line holds now as
    /// [`Db::save_segment_header`] does for the header: `base` is the line as the form showed
    /// it, `edit` the user's values.
    pub fn save_segment_line(
        &self,
        id: SegmentId,
        line_no: u32,
        base: &LineEdit,
        edit: LineEdit,
        now: NaiveDateTime,
    ) -> Result<Changes, Problems> {
        let segment = self.existing_segment(id)?;
        let theirs = LineEdit::of(&segment.lines[line_index(segment, line_no)?]);
        let place = |field: &str| Place::Line {
            line_no,
            field: Some(field.to_string()),
        };
        let mut m = Merge::new(&place);
        let merged = LineEdit {
            description: m.field(
                "description",
                &base.description,
                &theirs.description,
                &edit.description,
            ),
            subject: m.field("subject", &base.subject, &theirs.subject, &edit.subject),
            salesperson: m.field(
                "salesperson",
                &base.salesperson,
                &theirs.salesperson,
                &edit.salesperson,
            ),
            language: m.field("language", &base.language, &theirs.language, &edit.language),
            correspondence_type: m.field(
                "correspondence_type",
                &base.correspondence_type,
                &theirs.correspondence_type,
                &edit.correspondence_type,
            ),
            cost: m.field("cost", &base.cost, &theirs.cost, &edit.cost),
            duration_min: m.field(
                "duration_min",
                &base.duration_min,
                &theirs.duration_min,
                &edit.duration_min,
            ),
            information_flow: m.field(
                "information_flow",
                &base.information_flow,
                &theirs.information_flow,
                &edit.information_flow,
            ),
            initiated_by: m.field(
                "initiated_by",
                &base.initiated_by,
                &theirs.initiated_by,
                &edit.initiated_by,
            ),
            date: m.field("date", &base.date, &theirs.date, &edit.date),
            evaluation: m.field(
                "evaluation",
                &base.evaluation,
                &theirs.evaluation,
                &edit.evaluation,
            ),
            attempt_failed: m.field(
                "attempt_failed",
                &base.attempt_failed,
                &theirs.attempt_failed,
                &edit.attempt_failed,
            ),
            comment: m.field("comment", &base.comment, &theirs.comment, &edit.comment),
        };
        let merged = m.finish(merged)?;
        self.update_segment_line(id, line_no, merged, now)
    }

    /// Sets or clears one line's template (reference-bc.md §2.8): group, cost, duration, flow
    /// and initiator come from the template; the description too when it was empty or the
    /// template changed; the correspondence type is resolved again (a blank result keeps the
    /// previous one); the language is the contact's when the template has a letter in it, else
    /// the template's default, and the subject follows it. The line's own letter and comment
    /// survive: they are the user's work.
    pub fn set_line_template(
        &self,
        id: SegmentId,
        line_no: u32,
        template: Option<Code>,
        now: NaiveDateTime,
    ) -> Result<Changes, Problems> {
        self.edit_segment(id, now, |segment| {
            let index = line_index(segment, line_no)?;
            let chosen = match &template {
                Some(code) => Some(self.templates.get(code).ok_or_else(|| {
                    vec![line_problem(
                        line_no,
                        Some("template"),
                        ProblemCode::SegmentTemplateUnknown,
                    )
                    .with(code)]
                })?),
                None => None,
            };
            let header = segment.clone();
            let line = &mut segment.lines[index];
            let contact = self.contacts.get(&line.contact);
            match chosen {
                None => {
                    line.template = None;
                    line.group = None;
                }
                Some(t) => {
                    let changed = line.template.as_ref() != Some(&t.code);
                    line.template = Some(t.code.clone());
                    line.group = (!t.group.is_empty()).then(|| t.group.clone());
                    if changed || line.description.is_empty() {
                        line.description = t.description.clone();
                    }
                    line.cost = t.unit_cost;
                    line.duration_min = t.unit_duration_min;
                    line.information_flow = t.information_flow;
                    line.initiated_by = t.initiated_by;
                    let resolved = resolve_correspondence_type(&header, Some(t), contact);
                    if resolved != CorrespondenceType::None {
                        line.correspondence_type = resolved;
                    }
                    if header.template.as_ref() == Some(&t.code) {
                        line.language = header_line_language(&header, Some(t), contact);
                        line.subject = header_line_subject(&header, Some(t), &line.language);
                    } else {
                        let wanted = contact.map_or("", |c| c.language.as_str());
                        line.language = if !wanted.is_empty() && template_has_letter(t, wanted) {
                            wanted.to_string()
                        } else {
                            t.language_default.clone()
                        };
                        line.subject = t
                            .letter_for(&line.language)
                            .map(|letter| letter.subject.clone())
                            .unwrap_or_default();
                    }
                }
            }
            Ok(())
        })
    }

    /// Gives one line its own copy of the letter (product.md §5), or takes it away (`None`).
    pub fn set_line_letter(
        &self,
        id: SegmentId,
        line_no: u32,
        letter: Option<LetterBody>,
        now: NaiveDateTime,
    ) -> Result<Changes, Problems> {
        self.edit_segment(id, now, |segment| {
            let index = line_index(segment, line_no)?;
            segment.lines[index].letter = letter;
            Ok(())
        })
    }
}

pub(super) fn line_index(segment: &Segment, line_no: u32) -> Result<usize, Problems> {
    // A linear search, not a binary one: it costs nothing at segment sizes and does not rely
    // on the lines being sorted, which a segment from elsewhere might not be.
    segment
        .lines
        .iter()
        .position(|line| line.line_no == line_no)
        .ok_or_else(|| vec![Problem::record(ProblemCode::SegmentLineUnknown).with(line_no)])
}

/// The number the next appended line would get.
pub(super) fn next_line_no_after(lines: &[SegmentLine]) -> u32 {
    last_line_no(lines).saturating_add(LINE_NO_STEP)
}

/// The highest line number in use, 0 for no lines.
pub(super) fn last_line_no(lines: &[SegmentLine]) -> u32 {
    lines.iter().map(|line| line.line_no).max().unwrap_or(0)
}

/// Line numbers for `count` new lines after `last`: steps of 10000, or smaller steps when the
/// numbers would run past the largest one (a huge segment); `None` when there is no room at all.
pub(super) fn new_line_numbers(last: u32, count: usize) -> Option<impl Iterator<Item = u32>> {
    let room = u64::from(u32::MAX) - u64::from(last);
    let count64 = count as u64;
    let step = if count64 * u64::from(LINE_NO_STEP) <= room {
        u64::from(LINE_NO_STEP)
    } else {
        room / (count64 + 1)
    };
    if count > 0 && step == 0 {
        return None;
    }
    Some((1..=count64).map(move |i| (u64::from(last) + i * step) as u32))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_line_numbers_step_by_ten_thousand_after_the_last() {
        let numbers: Vec<u32> = new_line_numbers(20_000, 3).unwrap().collect();
        assert_eq!(numbers, [30_000, 40_000, 50_000]);
    }

    #[test]
    fn new_line_numbers_shrink_the_step_near_the_end_and_give_up_without_room() {
        let last = u32::MAX - 100;
        let numbers: Vec<u32> = new_line_numbers(last, 4).unwrap().collect();
        assert_eq!(numbers, [last + 20, last + 40, last + 60, last + 80]);
        assert!(new_line_numbers(u32::MAX, 1).is_none());
        assert_eq!(new_line_numbers(u32::MAX, 0).unwrap().count(), 0);
    }
}
