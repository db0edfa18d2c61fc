//! Segments: the header with its interaction defaults, the lines, the criteria steps (Add,
//! Reduce, Refine, manual lines, reuse of a logged segment), Go Back, saved criteria, and the
//! other segment functions (mailing group, opportunities, CSV rows, delete).
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

use crate::core::changes::{Changes, Record, RecordKey};
use crate::core::criteria::{
    AddOptions, ContactSet, Criteria, CriteriaAction, CriteriaStep, Matcher,
};
use crate::core::db::Db;
use crate::core::ids::{Code, ContactId, LoggedSegmentId, SegmentId};
use crate::core::merge::Merge;
use crate::core::model::*;
use crate::core::problem::{Place, Problem, Problems};
use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;
use std::collections::HashSet;

/// The step between the line numbers of new lines (reference-bc.md §1.7).
pub const LINE_NO_STEP: u32 = 10_000;

/// The longest segment description accepted, in characters (reference-bc.md §1.6).
pub const DESCRIPTION_MAX_CHARS: usize = 100;

/// What a step would do: the contacts of the lines it would add, in the order the lines would
/// get, and the contacts of the lines it would remove, in line order (one entry per line).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Preview {
    pub join: Vec<ContactId>,
    pub leave: Vec<ContactId>,
}

/// The header fields a user edits directly. The interaction template has its own operation,
/// [`Db::set_segment_template`], because choosing one rewrites most of the others.
#[derive(Debug, Clone, PartialEq)]
pub struct HeaderEdit {
    pub description: String,
    pub date: Option<NaiveDate>,
    pub salesperson: Option<Code>,
    pub group: Option<Code>,
    pub language: String,
    pub subject: String,
    pub correspondence_type_default: CorrespondenceType,
    pub ignore_contact_correspondence_type: bool,
    pub unit_cost: f64,
    pub unit_duration_min: f64,
    pub information_flow: InformationFlow,
    pub initiated_by: InitiatedBy,
}

impl HeaderEdit {
    /// The header as it is now, to be changed and passed back.
    pub fn of(segment: &Segment) -> Self {
        HeaderEdit {
            description: segment.description.clone(),
            date: segment.date,
            salesperson: segment.salesperson.clone(),
            group: segment.group.clone(),
            language: segment.language.clone(),
            subject: segment.subject.clone(),
            correspondence_type_default: segment.correspondence_type_default,
            ignore_contact_correspondence_type: segment.ignore_contact_correspondence_type,
            unit_cost: segment.unit_cost,
            unit_duration_min: segment.unit_duration_min,
            information_flow: segment.information_flow,
            initiated_by: segment.initiated_by,
        }
    }
}

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

/// Whether a step is asked for by the user, or replayed from saved criteria. A replay runs
/// against today's data, so a manual step that no longer applies (the contact was deleted, or
/// is already there) does nothing instead of refusing the whole replay.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Interactive,
    Replay,
}

/// What a step will do, computed once and used both by the preview and by applying the step.
struct Plan {
    /// Contacts to add, one new line each, in line order.
    join: Vec<ContactId>,
    /// Line numbers to remove.
    leave: HashSet<u32>,
}

fn unknown_segment(id: SegmentId) -> Problems {
    vec![Problem::record("segment.unknown").with(id)]
}

fn line_problem(line_no: u32, field: Option<&str>, code: &str) -> Problem {
    Problem::error(
        Place::Line {
            line_no,
            field: field.map(str::to_string),
        },
        code,
    )
}

/// Where a new line goes among the lines one Add Contacts step inserts (reference-bc.md §2.2):
/// by company name, company no., companies before their persons, then name; the contact number
/// last, so that the order is total. Names compare case-insensitively first (as their
/// `to_lowercase` forms would), then exactly; see [`SortKey::cmp`].
#[derive(PartialEq, Eq)]
struct SortKey<'a> {
    company_name: &'a str,
    company_no: Option<ContactId>,
    is_person: bool,
    name: &'a str,
    id: ContactId,
}

impl<'a> SortKey<'a> {
    fn of(db: &'a Db, contact: &'a Contact) -> Self {
        SortKey {
            company_name: db.company_name(contact),
            company_no: contact.company_no(),
            is_person: !contact.is_company(),
            name: &contact.name,
            id: contact.id,
        }
    }
}

impl Ord for SortKey<'_> {
    fn cmp(&self, other: &Self) -> Ordering {
        folded_cmp(self.company_name, other.company_name)
            .then_with(|| self.company_name.cmp(other.company_name))
            .then_with(|| self.company_no.cmp(&other.company_no))
            .then_with(|| self.is_person.cmp(&other.is_person))
            .then_with(|| folded_cmp(self.name, other.name))
            .then_with(|| self.name.cmp(other.name))
            .then_with(|| self.id.cmp(&other.id))
    }
}

impl PartialOrd for SortKey<'_> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// `a.to_lowercase().cmp(&b.to_lowercase())`, without allocating when both are ASCII (where
/// lowercasing is byte by byte).
fn folded_cmp(a: &str, b: &str) -> Ordering {
    if a.is_ascii() && b.is_ascii() {
        a.bytes()
            .map(|c| c.to_ascii_lowercase())
            .cmp(b.bytes().map(|c| c.to_ascii_lowercase()))
    } else {
        a.to_lowercase().cmp(&b.to_lowercase())
    }
}

/// A choice's value in a conflict message. These are the variant names (e.g. `Inbound`); the
/// UI has no catalogue text for them at this level.
fn debug_text<T: std::fmt::Debug>(value: &T) -> String {
    format!("{value:?}")
}

fn number_ok(value: f64) -> bool {
    value.is_finite() && value >= 0.0
}

impl Db {
    // -----------------------------------------------------------------------------------------
    // Header

    /// The segment with this id.
    pub fn segment(&self, id: SegmentId) -> Option<&Segment> {
        self.segments.get(&id)
    }

    /// A new segment value with the header defaults (reference-bc.md §1.6): the date is today,
    /// the salesperson the given one (the user's own, as BC takes it from User Setup), and the
    /// template's defaults if a template is given. The id is the caller's; nothing is stored.
    /// [`Db::create_segment`] uses it, and so can logging for a follow-up segment.
    pub fn new_segment(
        &self,
        id: SegmentId,
        description: &str,
        salesperson: Option<Code>,
        template: Option<Code>,
        today: NaiveDate,
        now: NaiveDateTime,
    ) -> Result<Segment, Problems> {
        let mut problems = Vec::new();
        let description = description.trim();
        if description.chars().count() > DESCRIPTION_MAX_CHARS {
            problems.push(Problem::field(
                "description",
                "segment.description_too_long",
            ));
        }
        if let Some(code) = &salesperson {
            if !self.salespeople.contains_key(code) {
                problems
                    .push(Problem::field("salesperson", "segment.salesperson_unknown").with(code));
            }
        }
        let template = match &template {
            Some(code) => match self.templates.get(code) {
                Some(template) => Some(template),
                None => {
                    problems
                        .push(Problem::field("template", "segment.template_unknown").with(code));
                    None
                }
            },
            None => None,
        };
        if !problems.is_empty() {
            return Err(problems);
        }
        let mut segment = Segment {
            id,
            description: description.to_string(),
            date: Some(today),
            salesperson,
            next_line_no: LINE_NO_STEP,
            stamps: Stamps::new(now),
            ..Segment::default()
        };
        if let Some(template) = template {
            header_from_template(&mut segment, template);
        }
        Ok(segment)
    }

    /// Creates a segment (see [`Db::new_segment`]); its id comes from the counters, which are
    /// written in the same change set.
    pub fn create_segment(
        &self,
        description: &str,
        salesperson: Option<Code>,
        template: Option<Code>,
        today: NaiveDate,
        now: NaiveDateTime,
    ) -> Result<(SegmentId, Changes), Problems> {
        let mut counters = self.counters.clone();
        let id = counters.take_segment();
        let segment = self.new_segment(id, description, salesperson, template, today, now)?;
        let mut changes = Changes::new();
        changes
            .put(Record::Segment(segment))
            .put(Record::Counters(counters));
        Ok((id, changes))
    }

    /// Changes the header. With `propagate` (the user's "yes" to reference-bc.md §2.7's
    /// question), each changed value is copied to the lines whose template is the header's,
    /// unless the line overrides it (see `propagate_header`); lines with another template keep
    /// theirs. A changed subject reaches only those lines that
    /// also have the header's language and still carry the old subject, as in the reference.
    /// A changed correspondence-type default or "ignore" flag re-resolves the type of those
    /// lines (§2.8); the reference's quirk of skipping that when there is no attachment is not
    /// copied (its §8.6 calls it a silent downgrade).
    pub fn update_segment_header(
        &self,
        id: SegmentId,
        edit: HeaderEdit,
        propagate: bool,
        now: NaiveDateTime,
    ) -> Result<Changes, Problems> {
        let old = self.segment(id).ok_or_else(|| unknown_segment(id))?;
        let mut problems = Vec::new();
        let description = edit.description.trim().to_string();
        if description.chars().count() > DESCRIPTION_MAX_CHARS {
            problems.push(Problem::field(
                "description",
                "segment.description_too_long",
            ));
        }
        if edit.salesperson != old.salesperson {
            if let Some(code) = &edit.salesperson {
                if !self.salespeople.contains_key(code) {
                    problems.push(
                        Problem::field("salesperson", "segment.salesperson_unknown").with(code),
                    );
                }
            }
        }
        if edit.group != old.group {
            if let Some(code) = &edit.group {
                if !self.interaction_groups.contains_key(code) {
                    problems.push(Problem::field("group", "segment.group_unknown").with(code));
                }
            }
        }
        for (field, value) in [
            ("unit_cost", edit.unit_cost),
            ("unit_duration_min", edit.unit_duration_min),
        ] {
            if !number_ok(value) {
                problems.push(Problem::field(field, "segment.number_invalid"));
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }

        let mut segment = old.clone();
        segment.description = description;
        segment.date = edit.date;
        segment.salesperson = edit.salesperson;
        segment.group = edit.group;
        segment.language = edit.language.trim().to_lowercase();
        segment.subject = edit.subject;
        segment.correspondence_type_default = edit.correspondence_type_default;
        segment.ignore_contact_correspondence_type = edit.ignore_contact_correspondence_type;
        segment.unit_cost = edit.unit_cost;
        segment.unit_duration_min = edit.unit_duration_min;
        segment.information_flow = edit.information_flow;
        segment.initiated_by = edit.initiated_by;
        segment.stamps.modified = now;

        if propagate {
            self.propagate_header(old, &mut segment);
        }
        Ok(segment_changes(segment))
    }

    /// Saves the header form: `base` is the header as the form showed it, `edit` the user's
    /// values. The header may have changed since (another tab saved, or the session runs this
    /// again on fresh data after a conflict), so the two are merged field by field with what
    /// is stored now ([`crate::core::merge`]): a field both changed differently refuses the
    /// save, naming the field and both values, and nothing is overwritten.
    pub fn save_segment_header(
        &self,
        id: SegmentId,
        base: &HeaderEdit,
        edit: HeaderEdit,
        propagate: bool,
        now: NaiveDateTime,
    ) -> Result<Changes, Problems> {
        let theirs = HeaderEdit::of(self.segment(id).ok_or_else(|| unknown_segment(id))?);
        let place = |field: &str| Place::Field(field.to_string());
        let mut m = Merge::new(&place);
        let merged = HeaderEdit {
            description: m.field(
                "description",
                &base.description,
                &theirs.description,
                &edit.description,
            ),
            date: m.field("date", &base.date, &theirs.date, &edit.date),
            salesperson: m.field(
                "salesperson",
                &base.salesperson,
                &theirs.salesperson,
                &edit.salesperson,
            ),
            group: m.field("group", &base.group, &theirs.group, &edit.group),
            language: m.field("language", &base.language, &theirs.language, &edit.language),
            subject: m.field("subject", &base.subject, &theirs.subject, &edit.subject),
            correspondence_type_default: m.field_shown(
                "correspondence_type_default",
                &base.correspondence_type_default,
                &theirs.correspondence_type_default,
                &edit.correspondence_type_default,
                debug_text,
            ),
            ignore_contact_correspondence_type: m.field(
                "ignore_contact_correspondence_type",
                &base.ignore_contact_correspondence_type,
                &theirs.ignore_contact_correspondence_type,
                &edit.ignore_contact_correspondence_type,
            ),
            unit_cost: m.field(
                "unit_cost",
                &base.unit_cost,
                &theirs.unit_cost,
                &edit.unit_cost,
            ),
            unit_duration_min: m.field(
                "unit_duration_min",
                &base.unit_duration_min,
                &theirs.unit_duration_min,
                &edit.unit_duration_min,
            ),
            information_flow: m.field_shown(
                "information_flow",
                &base.information_flow,
                &theirs.information_flow,
                &edit.information_flow,
                debug_text,
            ),
            initiated_by: m.field_shown(
                "initiated_by",
                &base.initiated_by,
                &theirs.initiated_by,
                &edit.initiated_by,
                debug_text,
            ),
        };
        let merged = m.finish(merged)?;
        self.update_segment_header(id, merged, propagate, now)
    }

    /// Copies the header values that changed from `old` to `new` onto `new`'s lines that use
    /// the header's template (reference-bc.md §2.7), except where a line overrides them
    /// (product.md §3: line overrides survive).
    ///
    /// A line's value counts as its own override when it differs from the value the old header
    /// would have given that line ([`Db::new_segment_line`]'s rules: the header's salesperson
    /// else the contact's, the correspondence type and language resolved for the contact, the
    /// subject of the line's language). Lines store no per-field flag, so a value the user
    /// typed that happens to equal the header's default is indistinguishable from the default
    /// and follows the header; every value that differs from it is kept.
    fn propagate_header(&self, old: &Segment, new: &mut Segment) {
        let template = new
            .template
            .as_ref()
            .and_then(|code| self.templates.get(code));
        let header = new.clone();
        for line in new.lines.iter_mut() {
            if line.template != header.template {
                continue;
            }
            let contact = self.contacts.get(&line.contact);
            // Each field follows the header only while it still holds what the old header gave
            // it; `follow` writes the new header's value then, and leaves an override alone.
            fn follow<T: PartialEq>(field: &mut T, was: T, now: T) {
                if *field == was {
                    *field = now;
                }
            }
            follow(
                &mut line.description,
                old.description.clone(),
                header.description.clone(),
            );
            let contact_salesperson = contact.and_then(|c| c.salesperson.clone());
            follow(
                &mut line.salesperson,
                old.salesperson
                    .clone()
                    .or_else(|| contact_salesperson.clone()),
                header.salesperson.clone().or(contact_salesperson),
            );
            follow(&mut line.date, old.date, header.date);
            follow(&mut line.group, old.group.clone(), header.group.clone());
            follow(&mut line.cost, old.unit_cost, header.unit_cost);
            follow(
                &mut line.duration_min,
                old.unit_duration_min,
                header.unit_duration_min,
            );
            follow(
                &mut line.information_flow,
                old.information_flow,
                header.information_flow,
            );
            follow(
                &mut line.initiated_by,
                old.initiated_by,
                header.initiated_by,
            );
            follow(
                &mut line.correspondence_type,
                resolve_correspondence_type(old, template, contact),
                resolve_correspondence_type(&header, template, contact),
            );
            // The subject belongs to the line's language, so it is compared in the language the
            // line had and replaced in the language it gets.
            let old_subject = header_line_subject(old, template, &line.language);
            follow(
                &mut line.language,
                header_line_language(old, template, contact),
                header_line_language(&header, template, contact),
            );
            follow(
                &mut line.subject,
                old_subject,
                header_line_subject(&header, template, &line.language),
            );
        }
    }

    /// Sets or clears the header's interaction template (reference-bc.md §2.7). Choosing a
    /// template copies its defaults to the header and clears the segment's own letter copy.
    /// With `apply_to_all_lines` (the user's "yes"), every line takes the template and its
    /// values, with correspondence type and language resolved per contact (§2.8); per-line
    /// comments and letters survive. Without it the lines keep their values, and so count as
    /// lines with another template from then on. Clearing the template is allowed (the
    /// reference errors there, which is a defect).
    pub fn set_segment_template(
        &self,
        id: SegmentId,
        template: Option<Code>,
        apply_to_all_lines: bool,
        now: NaiveDateTime,
    ) -> Result<Changes, Problems> {
        let old = self.segment(id).ok_or_else(|| unknown_segment(id))?;
        let chosen = match &template {
            Some(code) => Some(self.templates.get(code).ok_or_else(|| {
                vec![Problem::field("template", "segment.template_unknown").with(code)]
            })?),
            None => None,
        };
        let mut segment = old.clone();
        match chosen {
            Some(template) => header_from_template(&mut segment, template),
            None => {
                segment.template = None;
                segment.group = None;
                segment.letter = None;
            }
        }
        segment.stamps.modified = now;
        if apply_to_all_lines {
            let header = segment.clone();
            for line in segment.lines.iter_mut() {
                let contact = self.contacts.get(&line.contact);
                line.template = header.template.clone();
                line.group = header.group.clone();
                if chosen.is_some() {
                    line.cost = header.unit_cost;
                    line.duration_min = header.unit_duration_min;
                    line.information_flow = header.information_flow;
                    line.initiated_by = header.initiated_by;
                    line.correspondence_type =
                        resolve_correspondence_type(&header, chosen, contact);
                    line.language = header_line_language(&header, chosen, contact);
                    line.subject = header_line_subject(&header, chosen, &line.language);
                }
            }
        }
        Ok(segment_changes(segment))
    }

    /// Sets the segment's own copy of its letter (`None`: use the template's).
    pub fn set_segment_letter(
        &self,
        id: SegmentId,
        letter: Option<TemplateLetter>,
        now: NaiveDateTime,
    ) -> Result<Changes, Problems> {
        let mut segment = self.segment(id).ok_or_else(|| unknown_segment(id))?.clone();
        segment.letter = letter;
        segment.stamps.modified = now;
        Ok(segment_changes(segment))
    }

    // -----------------------------------------------------------------------------------------
    // Lines

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
        let mut segment = self.segment(id).ok_or_else(|| unknown_segment(id))?.clone();
        let index = line_index(&segment, line_no)?;
        let line = &segment.lines[index];
        let mut problems = Vec::new();
        if edit.description.trim().chars().count() > DESCRIPTION_MAX_CHARS {
            problems.push(line_problem(
                line_no,
                Some("description"),
                "segment.description_too_long",
            ));
        }
        if edit.salesperson != line.salesperson {
            if let Some(code) = &edit.salesperson {
                if !self.salespeople.contains_key(code) {
                    problems.push(
                        line_problem(line_no, Some("salesperson"), "segment.salesperson_unknown")
                            .with(code),
                    );
                }
            }
        }
        for (field, value) in [("cost", edit.cost), ("duration_min", edit.duration_min)] {
            if !number_ok(value) {
                problems.push(line_problem(line_no, Some(field), "segment.number_invalid"));
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
        segment.stamps.modified = now;
        Ok(segment_changes(segment))
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
        let segment = self.segment(id).ok_or_else(|| unknown_segment(id))?;
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
            correspondence_type: m.field_shown(
                "correspondence_type",
                &base.correspondence_type,
                &theirs.correspondence_type,
                &edit.correspondence_type,
                debug_text,
            ),
            cost: m.field("cost", &base.cost, &theirs.cost, &edit.cost),
            duration_min: m.field(
                "duration_min",
                &base.duration_min,
                &theirs.duration_min,
                &edit.duration_min,
            ),
            information_flow: m.field_shown(
                "information_flow",
                &base.information_flow,
                &theirs.information_flow,
                &edit.information_flow,
                debug_text,
            ),
            initiated_by: m.field_shown(
                "initiated_by",
                &base.initiated_by,
                &theirs.initiated_by,
                &edit.initiated_by,
                debug_text,
            ),
            date: m.field("date", &base.date, &theirs.date, &edit.date),
            evaluation: m.field_shown(
                "evaluation",
                &base.evaluation,
                &theirs.evaluation,
                &edit.evaluation,
                debug_text,
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
        let mut segment = self.segment(id).ok_or_else(|| unknown_segment(id))?.clone();
        let index = line_index(&segment, line_no)?;
        let chosen = match &template {
            Some(code) => Some(self.templates.get(code).ok_or_else(|| {
                vec![line_problem(line_no, Some("template"), "segment.template_unknown").with(code)]
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
        segment.stamps.modified = now;
        Ok(segment_changes(segment))
    }

    /// Gives one line its own copy of the letter (product.md §5), or takes it away (`None`).
    pub fn set_line_letter(
        &self,
        id: SegmentId,
        line_no: u32,
        letter: Option<LetterBody>,
        now: NaiveDateTime,
    ) -> Result<Changes, Problems> {
        let mut segment = self.segment(id).ok_or_else(|| unknown_segment(id))?.clone();
        let index = line_index(&segment, line_no)?;
        segment.lines[index].letter = letter;
        segment.stamps.modified = now;
        Ok(segment_changes(segment))
    }

    // -----------------------------------------------------------------------------------------
    // Criteria steps

    /// Adds a contact by hand: a criteria step, so it can be undone and saved (§2.1).
    pub fn add_contact_to_segment(
        &self,
        id: SegmentId,
        contact: ContactId,
        now: NaiveDateTime,
    ) -> Result<Changes, Problems> {
        self.apply_action(id, &CriteriaAction::AddContact(contact), now)
    }

    /// Removes a contact (all of its lines) by hand: a criteria step too.
    pub fn remove_contact_from_segment(
        &self,
        id: SegmentId,
        contact: ContactId,
        now: NaiveDateTime,
    ) -> Result<Changes, Problems> {
        self.apply_action(id, &CriteriaAction::RemoveContact(contact), now)
    }

    /// Adds the contacts of a logged segment (reference-bc.md §2.6, product.md §3).
    pub fn reuse_logged_segment(
        &self,
        id: SegmentId,
        logged: LoggedSegmentId,
        allow_existing: bool,
        now: NaiveDateTime,
    ) -> Result<Changes, Problems> {
        let action = CriteriaAction::ReuseLogged {
            logged,
            allow_existing,
        };
        self.apply_action(id, &action, now)
    }

    /// What applying `action` to the segment would do, computed exactly as
    /// [`Db::apply_action`] does it, without doing it.
    pub fn preview(&self, id: SegmentId, action: &CriteriaAction) -> Result<Preview, Problems> {
        let segment = self.segment(id).ok_or_else(|| unknown_segment(id))?;
        self.preview_on(segment, action)
    }

    /// [`Db::preview`] on a segment value that need not be stored.
    pub fn preview_on(
        &self,
        segment: &Segment,
        action: &CriteriaAction,
    ) -> Result<Preview, Problems> {
        let plan = self.plan(segment, action, Mode::Interactive)?;
        Ok(Preview {
            join: plan.join,
            leave: segment
                .lines
                .iter()
                .filter(|line| plan.leave.contains(&line.line_no))
                .map(|line| line.contact)
                .collect(),
        })
    }

    /// Applies one criteria step and records it, so Go Back can undo it.
    pub fn apply_action(
        &self,
        id: SegmentId,
        action: &CriteriaAction,
        now: NaiveDateTime,
    ) -> Result<Changes, Problems> {
        let mut segment = self.segment(id).ok_or_else(|| unknown_segment(id))?.clone();
        self.apply_action_on(&mut segment, action)?;
        segment.stamps.modified = now;
        Ok(segment_changes(segment))
    }

    /// [`Db::apply_action`] on a segment value that need not be stored (e.g. a follow-up
    /// segment being built). On a refusal the segment is left as it was.
    pub fn apply_action_on(
        &self,
        segment: &mut Segment,
        action: &CriteriaAction,
    ) -> Result<(), Problems> {
        let plan = self.plan(segment, action, Mode::Interactive)?;
        self.execute(segment, action.clone(), plan)
    }

    /// Undoes the last step (reference-bc.md §2.4): its inserted lines go, and the lines it
    /// removed come back exactly as they were, at their line numbers (product.md §3).
    pub fn go_back(&self, id: SegmentId, now: NaiveDateTime) -> Result<Changes, Problems> {
        let mut segment = self.segment(id).ok_or_else(|| unknown_segment(id))?.clone();
        let Some(step) = segment.history.pop() else {
            return Err(vec![Problem::record("segment.no_criteria")]);
        };
        let inserted: HashSet<u32> = step.inserted.into_iter().collect();
        segment
            .lines
            .retain(|line| !inserted.contains(&line.line_no));
        segment.lines.extend(step.removed);
        segment.lines.sort_by_key(|line| line.line_no);
        segment.next_line_no = next_line_no_after(&segment.lines);
        segment.stamps.modified = now;
        Ok(segment_changes(segment))
    }

    /// Forgets the criteria history, keeping the lines (the reference offers this when the
    /// last line of a segment with several actions is deleted, §2.1).
    pub fn reset_criteria(&self, id: SegmentId, now: NaiveDateTime) -> Result<Changes, Problems> {
        let mut segment = self.segment(id).ok_or_else(|| unknown_segment(id))?.clone();
        segment.history.clear();
        segment.stamps.modified = now;
        Ok(segment_changes(segment))
    }

    /// Works out what a step does. Both the preview and applying the step call this, so they
    /// cannot disagree.
    fn plan(
        &self,
        segment: &Segment,
        action: &CriteriaAction,
        mode: Mode,
    ) -> Result<Plan, Problems> {
        let mut plan = Plan {
            join: Vec::new(),
            leave: HashSet::new(),
        };
        match action {
            CriteriaAction::Add { criteria, options } => {
                check_criteria(criteria)?;
                plan.join = self.plan_add(segment, criteria, *options);
            }
            CriteriaAction::Reduce {
                criteria,
                entire_companies,
            } => {
                check_criteria(criteria)?;
                plan.leave = self.plan_remove(segment, criteria, *entire_companies, true);
            }
            CriteriaAction::Refine {
                criteria,
                entire_companies,
            } => {
                check_criteria(criteria)?;
                plan.leave = self.plan_remove(segment, criteria, *entire_companies, false);
            }
            CriteriaAction::AddContact(contact) => {
                if !self.contacts.contains_key(contact) {
                    if mode == Mode::Interactive {
                        return Err(vec![
                            Problem::record("segment.contact_unknown").with(contact)
                        ]);
                    }
                } else if segment.lines.iter().any(|line| line.contact == *contact) {
                    if mode == Mode::Interactive {
                        return Err(vec![
                            Problem::record("segment.contact_already_on_segment").with(contact)
                        ]);
                    }
                } else {
                    plan.join.push(*contact);
                }
            }
            CriteriaAction::RemoveContact(contact) => {
                plan.leave = segment
                    .lines
                    .iter()
                    .filter(|line| line.contact == *contact)
                    .map(|line| line.line_no)
                    .collect();
                if plan.leave.is_empty() && mode == Mode::Interactive {
                    return Err(vec![
                        Problem::record("segment.contact_not_on_segment").with(contact)
                    ]);
                }
            }
            CriteriaAction::ReuseLogged {
                logged,
                allow_existing,
            } => {
                if !self.logged_segments.contains_key(logged) && mode == Mode::Interactive {
                    return Err(vec![
                        Problem::record("segment.logged_segment_unknown").with(logged)
                    ]);
                }
                plan.join = self.plan_reuse_logged(segment, *logged, *allow_existing);
            }
        }
        Ok(plan)
    }

    /// Add Contacts (reference-bc.md §2.2): the matches, then the options in the reference's
    /// order, then the new lines' order: company name, company no., companies before their
    /// persons, name (and the contact number, so that the order is total).
    fn plan_add(
        &self,
        segment: &Segment,
        criteria: &Criteria,
        options: AddOptions,
    ) -> Vec<ContactId> {
        let matched = Matcher::scanning(self, criteria).matching();
        let mut chosen = ContactSet::for_db(self);
        for id in &matched {
            chosen.insert(*id);
        }
        if options.expand_companies {
            for id in &matched {
                let Some(company) = self.contact(*id).and_then(Contact::company_no) else {
                    continue;
                };
                if self.contacts.contains_key(&company) {
                    chosen.insert(company);
                }
                if let Some(persons) = self.indexes().persons_of.get(&company) {
                    for person in persons {
                        chosen.insert(*person);
                    }
                }
            }
        }
        if options.add_related_companies {
            for id in &matched {
                let company = self.contact(*id).and_then(|c| c.company);
                if let Some(company) = company.filter(|c| self.contacts.contains_key(c)) {
                    chosen.insert(company);
                }
            }
        }
        let on_segment = if options.allow_existing {
            None
        } else {
            let mut set = ContactSet::for_db(self);
            for line in &segment.lines {
                set.insert(line.contact);
            }
            Some(set)
        };
        let mut join: Vec<SortKey> = chosen
            .iter()
            .filter_map(|id| self.contact(id))
            // Exclusion is checked after expansion, so it drops expanded contacts too (§2.2).
            .filter(|contact| options.ignore_exclusion || !contact.exclude_from_segments)
            .filter(|contact| {
                on_segment
                    .as_ref()
                    .is_none_or(|set| !set.contains(contact.id))
            })
            .map(|contact| SortKey::of(self, contact))
            .collect();
        join.sort_unstable();
        join.into_iter().map(|key| key.id).collect()
    }

    /// Reduce (`remove_matching`) and Refine (reference-bc.md §2.3): the line numbers to remove.
    /// With entire companies, every contact of a line's company is tested, members or not, and
    /// a company matches as a whole if any of them matches. A person without a company stands
    /// for itself.
    fn plan_remove(
        &self,
        segment: &Segment,
        criteria: &Criteria,
        entire_companies: bool,
        remove_matching: bool,
    ) -> HashSet<u32> {
        let matcher = Matcher::scanning(self, criteria);
        let persons_of = &self.indexes().persons_of;
        let mut matched = ContactSet::for_db(self);
        let mut tested = ContactSet::for_db(self);
        for line in &segment.lines {
            let company = self.contact(line.contact).and_then(Contact::company_no);
            match company {
                Some(company) if entire_companies => {
                    // Every contact of the company has it as Company No., so the company-level
                    // sections are decided once for all of them.
                    if tested.insert(company) && matcher.company_passes(company) {
                        let persons = persons_of.get(&company).into_iter().flatten();
                        let any = std::iter::once(&company)
                            .chain(persons)
                            .any(|id| matcher.matches_id(*id));
                        if any {
                            matched.insert(company);
                        }
                    }
                }
                _ => {
                    if tested.insert(line.contact) && matcher.matches_id(line.contact) {
                        matched.insert(line.contact);
                    }
                }
            }
        }
        segment
            .lines
            .iter()
            .filter(|line| {
                let key = match self.contact(line.contact).and_then(Contact::company_no) {
                    Some(company) if entire_companies => company,
                    _ => line.contact,
                };
                matched.contains(key) == remove_matching
            })
            .map(|line| line.line_no)
            .collect()
    }

    /// Reuse Segment (reference-bc.md §2.6): one line per entry of the logged segment, in
    /// entry order; with `allow_existing` off (product.md §3), contacts already on the segment
    /// or already taken from an earlier entry are skipped. Deleted contacts are skipped.
    fn plan_reuse_logged(
        &self,
        segment: &Segment,
        logged: LoggedSegmentId,
        allow_existing: bool,
    ) -> Vec<ContactId> {
        let mut seen = ContactSet::for_db(self);
        if !allow_existing {
            for line in &segment.lines {
                seen.insert(line.contact);
            }
        }
        self.entries
            .values()
            .filter(|entry| entry.logged_segment == Some(logged))
            .map(|entry| entry.contact)
            .filter(|contact| self.contacts.contains_key(contact))
            .filter(|contact| allow_existing || seen.insert(*contact))
            .collect()
    }

    /// Carries out a plan: removes its lines (keeping exact copies), appends its new lines, and
    /// records the step.
    fn execute(
        &self,
        segment: &mut Segment,
        action: CriteriaAction,
        plan: Plan,
    ) -> Result<(), Problems> {
        // Numbers continue after the last line, removed or not, so a step never gives a new
        // line the number of a line it removes.
        let last = last_line_no(&segment.lines);
        let numbers = new_line_numbers(last, plan.join.len())
            .ok_or_else(|| vec![Problem::record("segment.too_many_lines")])?;
        let (removed, kept): (Vec<SegmentLine>, Vec<SegmentLine>) =
            std::mem::take(&mut segment.lines)
                .into_iter()
                .partition(|line| plan.leave.contains(&line.line_no));
        segment.lines = kept;
        let mut inserted = Vec::with_capacity(plan.join.len());
        segment.lines.reserve(plan.join.len());
        for (contact, line_no) in plan.join.iter().zip(numbers) {
            // The plan only names contacts that exist; a missing one is skipped, not a panic.
            if let Some(contact) = self.contact(*contact) {
                let line = self.new_segment_line(segment, contact, line_no);
                segment.lines.push(line);
                inserted.push(line_no);
            }
        }
        segment.next_line_no = next_line_no_after(&segment.lines);
        segment.history.push(CriteriaStep {
            action,
            inserted,
            removed,
        });
        Ok(())
    }

    // -----------------------------------------------------------------------------------------
    // Saved criteria

    /// Saves the segment's criteria actions under a code (reference-bc.md §2.5). Needs at
    /// least one action; the code must be new.
    pub fn save_criteria(
        &self,
        id: SegmentId,
        code: &str,
        description: &str,
    ) -> Result<Changes, Problems> {
        let segment = self.segment(id).ok_or_else(|| unknown_segment(id))?;
        let mut problems = Vec::new();
        if segment.history.is_empty() {
            problems.push(Problem::record("segment.no_criteria"));
        }
        let code = Code::new(code);
        if code.is_empty() {
            problems.push(Problem::field("code", "saved_criteria.code_required"));
        } else if code.as_str().chars().count() > Code::MAX_LEN {
            problems.push(Problem::field("code", "saved_criteria.code_too_long").with(&code));
        } else if self.saved_criteria.contains_key(&code) {
            problems.push(Problem::field("code", "saved_criteria.code_exists").with(&code));
        }
        if description.trim().chars().count() > DESCRIPTION_MAX_CHARS {
            problems.push(Problem::field(
                "description",
                "saved_criteria.description_too_long",
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
            return Err(vec![Problem::record("saved_criteria.unknown").with(code)]);
        }
        let mut changes = Changes::new();
        changes.delete(RecordKey::SavedCriteria(code.clone()));
        Ok(changes)
    }

    /// Who would join and who would leave if the saved criteria were replayed now, compared
    /// with the segment's current lines (product.md §3).
    pub fn reuse_criteria_preview(&self, id: SegmentId, code: &Code) -> Result<Preview, Problems> {
        let segment = self.segment(id).ok_or_else(|| unknown_segment(id))?;
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
        let mut segment = self.segment(id).ok_or_else(|| unknown_segment(id))?.clone();
        self.replay(&mut segment, code)?;
        segment.stamps.modified = now;
        Ok(segment_changes(segment))
    }

    fn replay(&self, segment: &mut Segment, code: &Code) -> Result<(), Problems> {
        let saved = self
            .saved_criteria
            .get(code)
            .ok_or_else(|| vec![Problem::record("saved_criteria.unknown").with(code)])?;
        for action in &saved.actions {
            let plan = self.plan(segment, action, Mode::Replay)?;
            self.execute(segment, action.clone(), plan)?;
        }
        Ok(())
    }

    // -----------------------------------------------------------------------------------------
    // Other segment functions (reference-bc.md §2.10, §5)

    /// Gives every contact on the segment the mailing group. With `delete_old_assignments`,
    /// the group is first taken away from every contact, so afterwards exactly the segment's
    /// contacts have it.
    pub fn apply_mailing_group(
        &self,
        id: SegmentId,
        group: &Code,
        delete_old_assignments: bool,
        now: NaiveDateTime,
    ) -> Result<Changes, Problems> {
        let segment = self.segment(id).ok_or_else(|| unknown_segment(id))?;
        let known = self
            .classifications
            .get(&ClassificationKind::MailingGroup)
            .is_some_and(|table| table.contains_key(group));
        if !known {
            return Err(vec![Problem::field(
                "mailing_group",
                "segment.mailing_group_unknown",
            )
            .with(group)]);
        }
        let mut members = ContactSet::for_db(self);
        for line in &segment.lines {
            members.insert(line.contact);
        }
        let mut changes = Changes::new();
        if delete_old_assignments {
            if let Some(holders) = self.indexes().mailing_group.get(group) {
                for id in holders.iter().filter(|id| !members.contains(**id)) {
                    if let Some(contact) = self.contact(*id) {
                        let mut contact = contact.clone();
                        contact.mailing_groups.remove(group);
                        contact.stamps.modified = now;
                        changes.put(Record::Contact(contact));
                    }
                }
            }
        }
        for id in members.iter() {
            if let Some(contact) = self.contact(id) {
                if !contact.mailing_groups.contains(group) {
                    let mut contact = contact.clone();
                    contact.mailing_groups.insert(group.clone());
                    contact.stamps.modified = now;
                    changes.put(Record::Contact(contact));
                }
            }
        }
        Ok(changes)
    }

    /// Creates an opportunity for every line that has none yet (reference-bc.md §5), with the
    /// line's description and salesperson, and links it from the line. Refused for an empty
    /// segment, and for privacy-blocked or unknown contacts (every such line is named).
    pub fn create_opportunities(
        &self,
        id: SegmentId,
        now: NaiveDateTime,
    ) -> Result<Changes, Problems> {
        let mut segment = self.segment(id).ok_or_else(|| unknown_segment(id))?.clone();
        if segment.lines.is_empty() {
            return Err(vec![Problem::record("segment.empty")]);
        }
        let mut problems = Vec::new();
        for line in segment
            .lines
            .iter()
            .filter(|line| line.opportunity.is_none())
        {
            match self.contact(line.contact) {
                None => problems.push(
                    line_problem(line.line_no, None, "segment.contact_unknown").with(line.contact),
                ),
                Some(contact) if contact.privacy_blocked => problems.push(
                    line_problem(line.line_no, None, "segment.contact_privacy_blocked")
                        .with(line.contact),
                ),
                Some(_) => {}
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        if segment.lines.iter().all(|line| line.opportunity.is_some()) {
            return Err(vec![Problem::record("segment.opportunities_exist")]);
        }
        let mut counters = self.counters.clone();
        let mut changes = Changes::new();
        let segment_no = self.no(segment.id);
        for line in segment
            .lines
            .iter_mut()
            .filter(|line| line.opportunity.is_none())
        {
            let opportunity = Opportunity {
                id: counters.take_opportunity(),
                contact: line.contact,
                segment_no: segment_no.clone(),
                description: line.description.clone(),
                salesperson: line.salesperson.clone(),
                created: now,
            };
            line.opportunity = Some(opportunity.id);
            changes.put(Record::Opportunity(opportunity));
        }
        segment.stamps.modified = now;
        changes
            .put(Record::Segment(segment))
            .put(Record::Counters(counters));
        Ok(changes)
    }

    /// The segment's lines as rows of cells, the first row naming the columns with stable
    /// English identifiers. Writing the CSV (and neutralising formula-like cells) is the
    /// exporter's job.
    pub fn segment_lines_rows(&self, id: SegmentId) -> Result<Vec<Vec<String>>, Problems> {
        let segment = self.segment(id).ok_or_else(|| unknown_segment(id))?;
        let header = [
            "line_no",
            "contact_no",
            "name",
            "company_no",
            "company_name",
            "email",
            "phone",
            "mobile",
            "city",
            "country",
            "correspondence_type",
            "language",
            "description",
            "subject",
            "salesperson",
            "template",
            "date",
            "cost",
            "duration_min",
            "evaluation",
            "comment",
        ];
        let mut rows = vec![header.iter().map(|cell| cell.to_string()).collect()];
        let empty = Contact::default();
        for line in &segment.lines {
            let contact = self.contact(line.contact).unwrap_or(&empty);
            let code = |code: &Option<Code>| code.as_ref().map(Code::to_string).unwrap_or_default();
            rows.push(vec![
                line.line_no.to_string(),
                self.no(line.contact),
                contact.name.clone(),
                line.company.map(|id| self.no(id)).unwrap_or_default(),
                self.company_name(contact).to_string(),
                contact.email.clone(),
                contact.phone.clone(),
                contact.mobile.clone(),
                contact.city.clone(),
                contact.country.clone(),
                match line.correspondence_type {
                    CorrespondenceType::None => String::new(),
                    other => other.as_str().to_string(),
                },
                line.language.clone(),
                line.description.clone(),
                line.subject.clone(),
                code(&line.salesperson),
                code(&line.template),
                line.date
                    .map(|date| date.format("%Y-%m-%d").to_string())
                    .unwrap_or_default(),
                format_number(line.cost),
                format_number(line.duration_min),
                evaluation_name(line.evaluation).to_string(),
                line.comment.clone(),
            ]);
        }
        Ok(rows)
    }

    /// Deletes a segment with its lines and criteria history (reference-bc.md §1.6).
    /// Opportunities created from it stay.
    pub fn delete_segment(&self, id: SegmentId) -> Result<Changes, Problems> {
        self.segment(id).ok_or_else(|| unknown_segment(id))?;
        let mut changes = Changes::new();
        changes.delete(RecordKey::Segment(id));
        Ok(changes)
    }
}

fn evaluation_name(evaluation: Evaluation) -> &'static str {
    match evaluation {
        Evaluation::None => "",
        Evaluation::VeryPositive => "very_positive",
        Evaluation::Positive => "positive",
        Evaluation::Neutral => "neutral",
        Evaluation::Negative => "negative",
        Evaluation::VeryNegative => "very_negative",
    }
}

fn segment_changes(segment: Segment) -> Changes {
    let mut changes = Changes::new();
    changes.put(Record::Segment(segment));
    changes
}

fn check_criteria(criteria: &Criteria) -> Result<(), Problems> {
    let problems = criteria.check();
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}

fn line_index(segment: &Segment, line_no: u32) -> Result<usize, Problems> {
    // A linear search, not a binary one: it costs nothing at segment sizes and does not rely
    // on the lines being sorted, which a segment from elsewhere might not be.
    segment
        .lines
        .iter()
        .position(|line| line.line_no == line_no)
        .ok_or_else(|| vec![Problem::record("segment.line_unknown").with(line_no)])
}

/// The number the next appended line would get.
fn next_line_no_after(lines: &[SegmentLine]) -> u32 {
    last_line_no(lines).saturating_add(LINE_NO_STEP)
}

/// The highest line number in use, 0 for no lines.
fn last_line_no(lines: &[SegmentLine]) -> u32 {
    lines.iter().map(|line| line.line_no).max().unwrap_or(0)
}

/// Line numbers for `count` new lines after `last`: steps of 10000, or smaller steps when the
/// numbers would run past the largest one (a huge segment); `None` when there is no room at all.
fn new_line_numbers(last: u32, count: usize) -> Option<impl Iterator<Item = u32>> {
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

/// Copies a template's defaults onto the header (reference-bc.md §2.7 "Selecting a template").
/// The subject becomes the template's subject in its default language, and the segment's own
/// letter copy is dropped, since it was a copy of the previous template's letter.
fn header_from_template(segment: &mut Segment, template: &InteractionTemplate) {
    segment.template = Some(template.code.clone());
    segment.group = (!template.group.is_empty()).then(|| template.group.clone());
    segment.language = template.language_default.clone();
    segment.subject = template
        .letter_for(&template.language_default)
        .map(|letter| letter.subject.clone())
        .unwrap_or_default();
    segment.unit_cost = template.unit_cost;
    segment.unit_duration_min = template.unit_duration_min;
    segment.information_flow = template.information_flow;
    segment.initiated_by = template.initiated_by;
    segment.correspondence_type_default = template.correspondence_type_default;
    segment.ignore_contact_correspondence_type = template.ignore_contact_correspondence_type;
    segment.letter = None;
}

/// Correspondence-type resolution (reference-bc.md §2.8): the header default when the header
/// ignores the contact's type and has a default; else the template default when the template
/// ignores the contact's type or the contact has none (the header default when there is no
/// template); else the contact's own type.
pub fn resolve_correspondence_type(
    segment: &Segment,
    template: Option<&InteractionTemplate>,
    contact: Option<&Contact>,
) -> CorrespondenceType {
    if segment.ignore_contact_correspondence_type
        && segment.correspondence_type_default != CorrespondenceType::None
    {
        return segment.correspondence_type_default;
    }
    let (default, ignores) = template.map_or((segment.correspondence_type_default, false), |t| {
        (
            t.correspondence_type_default,
            t.ignore_contact_correspondence_type,
        )
    });
    let own = contact.map_or(CorrespondenceType::None, |c| c.correspondence_type);
    if ignores || own == CorrespondenceType::None {
        default
    } else {
        own
    }
}

fn template_has_letter(template: &InteractionTemplate, language: &str) -> bool {
    template
        .letters
        .iter()
        .any(|letter| letter.language == language)
}

/// The language of a line that uses the header's template (reference-bc.md §2.8): the
/// contact's language when the segment has a letter in it (its own copy or the template's),
/// otherwise the header's default language.
pub fn header_line_language(
    segment: &Segment,
    template: Option<&InteractionTemplate>,
    contact: Option<&Contact>,
) -> String {
    let wanted = contact.map_or("", |c| c.language.as_str());
    let has_letter = !wanted.is_empty()
        && (segment
            .letter
            .as_ref()
            .is_some_and(|letter| letter.language == wanted)
            || template.is_some_and(|t| template_has_letter(t, wanted)));
    if has_letter {
        wanted.to_string()
    } else {
        segment.language.clone()
    }
}

/// The subject of a line in `language`: the header's subject for the header's language, else
/// the subject of the segment's or the template's letter in that language.
fn header_line_subject(
    segment: &Segment,
    template: Option<&InteractionTemplate>,
    language: &str,
) -> String {
    if language == segment.language {
        return segment.subject.clone();
    }
    segment
        .letter
        .as_ref()
        .filter(|letter| letter.language == language)
        .or_else(|| template.and_then(|t| t.letters.iter().find(|l| l.language == language)))
        .map_or_else(|| segment.subject.clone(), |letter| letter.subject.clone())
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

    #[test]
    fn correspondence_type_resolution_follows_the_reference_order() {
        use CorrespondenceType::*;
        let template = |default, ignores| InteractionTemplate {
            correspondence_type_default: default,
            ignore_contact_correspondence_type: ignores,
            ..Default::default()
        };
        let contact = |kind| Contact {
            correspondence_type: kind,
            ..Default::default()
        };
        let header = |ignores, default| Segment {
            ignore_contact_correspondence_type: ignores,
            correspondence_type_default: default,
            ..Default::default()
        };
        // (header ignores, header default, template default, template ignores, contact) → result
        let cases = [
            (true, HardCopy, Email, false, Email, HardCopy),
            (true, None, Email, false, HardCopy, HardCopy),
            (false, HardCopy, Email, true, HardCopy, Email),
            (false, HardCopy, Email, false, None, Email),
            (false, HardCopy, Email, false, HardCopy, HardCopy),
        ];
        for (h_ignores, h_default, t_default, t_ignores, own, expected) in cases {
            let resolved = resolve_correspondence_type(
                &header(h_ignores, h_default),
                Some(&template(t_default, t_ignores)),
                Some(&contact(own)),
            );
            assert_eq!(resolved, expected);
        }
        // Without a template the header default stands in for the template's.
        let resolved =
            resolve_correspondence_type(&header(false, Email), Option::None, Some(&contact(None)));
        assert_eq!(resolved, Email);
    }
}
