//! The other segment functions (reference-bc.md §2.10, §5): the mailing group, opportunities for
//! the lines, and the lines as rows for a CSV file.

use super::lines::line_problem;
use crate::core::changes::{Changes, Record};
use crate::core::criteria::ContactSet;
use crate::core::db::Db;
use crate::core::ids::{Code, SegmentId};
use crate::core::model::*;
use crate::core::problem::ProblemCode;
use crate::core::problem::{Problem, Problems};
use chrono::NaiveDateTime;

impl Db {
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
        let segment = self.existing_segment(id)?;
        let known = self
            .classifications
            .get(&ClassificationKind::MailingGroup)
            .is_some_and(|table| table.contains_key(group));
        if !known {
            return Err(vec![Problem::field(
                "mailing_group",
                ProblemCode::SegmentMailingGroupUnknown,
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
        let mut segment = self.existing_segment(id)?.clone();
        if segment.lines.is_empty() {
            return Err(vec![Problem::record(ProblemCode::SegmentEmpty)]);
        }
        let mut problems = Vec::new();
        for line in segment
            .lines
            .iter()
            .filter(|line| line.opportunity.is_none())
        {
            match self.contact(line.contact) {
                None => problems.push(
                    line_problem(line.line_no, None, ProblemCode::SegmentContactUnknown)
                        .with(line.contact),
                ),
                Some(contact) if contact.privacy_blocked => problems.push(
                    line_problem(
                        line.line_no,
                        None,
                        ProblemCode::SegmentContactPrivacyBlocked,
                    )
                    .with(line.contact),
                ),
                Some(_) => {}
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        if segment.lines.iter().all(|line| line.opportunity.is_some()) {
            return Err(vec![Problem::record(
                ProblemCode::SegmentOpportunitiesExist,
            )]);
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
        let segment = self.existing_segment(id)?;
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
                line.evaluation.field_value().to_string(),
                line.comment.clone(),
            ]);
        }
        Ok(rows)
    }
}
