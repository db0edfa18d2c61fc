//! The segment header: creating a segment with its defaults, editing and saving the header
//! (with the merge against another tab's save), propagating changed values to the lines, and the
//! header's template and letter. Also the rules by which a line takes the header's values
//! (correspondence type, language, subject), which the lines use too.

use super::{number_ok, DESCRIPTION_MAX_CHARS, LINE_NO_STEP};
use crate::core::changes::{Changes, Record};
use crate::core::db::Db;
use crate::core::ids::{Code, SegmentId};
use crate::core::merge::Merge;
use crate::core::model::*;
use crate::core::problem::ProblemCode;
use crate::core::problem::{Place, Problem, Problems};
use chrono::{NaiveDate, NaiveDateTime};

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

impl Db {
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
                ProblemCode::SegmentDescriptionTooLong,
            ));
        }
        if let Some(code) = &salesperson {
            if !self.salespeople.contains_key(code) {
                problems.push(
                    Problem::field("salesperson", ProblemCode::SegmentSalespersonUnknown)
                        .with(code),
                );
            }
        }
        let template = match &template {
            Some(code) => match self.templates.get(code) {
                Some(template) => Some(template),
                None => {
                    problems.push(
                        Problem::field("template", ProblemCode::SegmentTemplateUnknown).with(code),
                    );
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
        let old = self.existing_segment(id)?;
        let mut problems = Vec::new();
        let description = edit.description.trim().to_string();
        if description.chars().count() > DESCRIPTION_MAX_CHARS {
            problems.push(Problem::field(
                "description",
                ProblemCode::SegmentDescriptionTooLong,
            ));
        }
        if edit.salesperson != old.salesperson {
            if let Some(code) = &edit.salesperson {
                if !self.salespeople.contains_key(code) {
                    problems.push(
                        Problem::field("salesperson", ProblemCode::SegmentSalespersonUnknown)
                            .with(code),
                    );
                }
            }
        }
        if edit.group != old.group {
            if let Some(code) = &edit.group {
                if !self.interaction_groups.contains_key(code) {
                    problems
                        .push(Problem::field("group", ProblemCode::SegmentGroupUnknown).with(code));
                }
            }
        }
        for (field, value) in [
            ("unit_cost", edit.unit_cost),
            ("unit_duration_min", edit.unit_duration_min),
        ] {
            if !number_ok(value) {
                problems.push(Problem::field(field, ProblemCode::SegmentNumberInvalid));
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }

        // `old` stays the stored header, which propagation compares the lines against.
        self.edit_segment(id, now, |segment| {
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
            if propagate {
                self.propagate_header(old, segment);
            }
            Ok(())
        })
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
        let theirs = HeaderEdit::of(self.existing_segment(id)?);
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
            correspondence_type_default: m.field(
                "correspondence_type_default",
                &base.correspondence_type_default,
                &theirs.correspondence_type_default,
                &edit.correspondence_type_default,
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
        self.edit_segment(id, now, |segment| {
            let chosen = match &template {
                Some(code) => Some(self.templates.get(code).ok_or_else(|| {
                    vec![Problem::field("template", ProblemCode::SegmentTemplateUnknown).with(code)]
                })?),
                None => None,
            };
            match chosen {
                Some(template) => header_from_template(segment, template),
                None => {
                    segment.template = None;
                    segment.group = None;
                    segment.letter = None;
                }
            }
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
            Ok(())
        })
    }

    /// Sets the segment's own copy of its letter (`None`: use the template's).
    pub fn set_segment_letter(
        &self,
        id: SegmentId,
        letter: Option<TemplateLetter>,
        now: NaiveDateTime,
    ) -> Result<Changes, Problems> {
        self.edit_segment(id, now, |segment| {
            segment.letter = letter;
            Ok(())
        })
    }
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

pub(super) fn template_has_letter(template: &InteractionTemplate, language: &str) -> bool {
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
pub(super) fn header_line_subject(
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
