//! "Why is this contact here?" (issue 15, item 2): which criteria step put a segment line on
//! the segment, and which filter sections the contact passes.
//!
//! Lines do not store their origin, and the storage format may not change for it now, so the
//! origin is derived from what is stored: every [`CriteriaStep`] keeps the numbers of the lines
//! it inserted, and a line number is only handed out again after the line that had it is gone.
//! The last step that inserted a line's number therefore inserted the line itself. A line that
//! no step of the history inserted is reported as unexplained (the history was reset, or the
//! line comes from data older than the history).
//!
//! Which section matched is worked out against today's data, since the data the step saw is not
//! kept: a contact whose values changed since the step may no longer pass, and the reason then
//! says so instead of inventing a match. Nothing here reads a clock or changes a record.

use crate::core::criteria::{AddOptions, Criteria, CriteriaAction, CriteriaStep, Matcher};
use crate::core::db::Db;
use crate::core::ids::{Code, ContactId, LoggedSegmentId};
use crate::core::model::{Contact, Segment, SegmentLine};

/// One filter section of a [`Criteria`] (reference-bc.md §2.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Section {
    Contact,
    MailingGroup,
    IndustryGroup,
    BusinessRelation,
    JobResponsibility,
    Profile,
    Entries,
}

impl Section {
    /// Every section, in the order the criteria form shows them.
    pub const ALL: [Section; 7] = [
        Section::Contact,
        Section::MailingGroup,
        Section::IndustryGroup,
        Section::BusinessRelation,
        Section::JobResponsibility,
        Section::Profile,
        Section::Entries,
    ];

    /// The criteria with only this section's filter, or `None` when the section is empty.
    fn alone(self, criteria: &Criteria) -> Option<Criteria> {
        let mut only = Criteria::default();
        match self {
            Section::Contact => only.contact = Some(criteria.contact.clone()?),
            Section::MailingGroup => only.mailing_group = Some(criteria.mailing_group.clone()?),
            Section::IndustryGroup => only.industry_group = Some(criteria.industry_group.clone()?),
            Section::BusinessRelation => {
                only.business_relation = Some(criteria.business_relation.clone()?)
            }
            Section::JobResponsibility => {
                only.job_responsibility = Some(criteria.job_responsibility.clone()?)
            }
            Section::Profile => only.profile = Some(criteria.profile.clone()?),
            Section::Entries => only.entries = Some(criteria.entries.clone()?),
        }
        Some(only)
    }
}

/// How one contact fares against each section that has filters, today.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SectionResults {
    /// The sections the contact passes, in form order.
    pub passed: Vec<Section>,
    /// The sections the contact does not pass, in form order.
    pub failed: Vec<Section>,
}

impl SectionResults {
    /// Whether the contact passes the whole criteria (every section; none means all pass).
    pub fn all_pass(&self) -> bool {
        self.failed.is_empty()
    }
}

/// Why an Add step took a contact: itself, or because of another contact and an option.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Via {
    /// The contact itself passes every section.
    Itself,
    /// "Expand companies": a contact of the same company passed, so the whole company came.
    ExpandedFrom(ContactId),
    /// "Add related companies": one of the company's persons passed.
    CompanyOf(ContactId),
    /// Neither the contact nor a contact that could have brought it passes today: its data (or
    /// theirs) changed since the step was applied.
    NoLongerMatches,
}

/// What the step that inserted a line was, as far as the reason needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum How {
    /// Add contacts with filters: the sections and, for the contact that passed, how they fare.
    Filters {
        via: Via,
        /// The sections of the contact that decided ([`Via`]'s contact, or this one).
        sections: SectionResults,
        options: AddOptions,
    },
    /// Added by hand (a manual line, reference-bc.md §2.1).
    ByHand,
    /// Added from a logged segment's entries (§2.6).
    FromLogged(LoggedSegmentId),
}

/// Where a line came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// Step `index` (0-based) of the segment's history inserted the line.
    Step { index: usize, how: How },
    /// No step of the history inserted the line: the history was reset after it came, or the
    /// line is older than the history.
    Unexplained,
}

/// The reason one line is on its segment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineReason {
    pub line_no: u32,
    pub contact: ContactId,
    pub origin: Origin,
    /// The saved criteria whose actions are, in order, a run of this segment's steps that
    /// includes the inserting step: the steps were replayed from it, or saved as it.
    pub saved_criteria: Option<Code>,
    /// The last step before the inserting one that removed this contact: it was on the
    /// segment, left, and came back.
    pub removed_before: Option<usize>,
}

impl Db {
    /// How `contact` fares against each section of `criteria` that has filters, on today's
    /// data. Criteria without any filter give empty lists (they match every contact).
    pub fn section_results(&self, criteria: &Criteria, contact: &Contact) -> SectionResults {
        let mut results = SectionResults::default();
        for section in Section::ALL {
            if let Some(only) = section.alone(criteria) {
                if Matcher::new(self, &only).matches(contact) {
                    results.passed.push(section);
                } else {
                    results.failed.push(section);
                }
            }
        }
        results
    }

    /// Why an Add step with `criteria` and `options` takes `contact` (or took it), following the
    /// options as [`Db::preview`] applies them: the contact itself, else a contact of its
    /// company under "expand companies", else one of its persons under "add related companies".
    pub fn why_added(&self, criteria: &Criteria, options: AddOptions, contact: &Contact) -> How {
        let own = self.section_results(criteria, contact);
        let filters = |via, sections| How::Filters {
            via,
            sections,
            options,
        };
        if own.all_pass() {
            return filters(Via::Itself, own);
        }
        let passing = |other: &Contact| {
            let results = self.section_results(criteria, other);
            results.all_pass().then_some((other.id, results))
        };
        if options.expand_companies {
            if let Some(company) = contact.company_no() {
                let company_contact = self.contact(company).filter(|c| c.id != contact.id);
                let found = company_contact
                    .into_iter()
                    .chain(self.persons_of(company).filter(|p| p.id != contact.id))
                    .find_map(passing);
                if let Some((id, results)) = found {
                    return filters(Via::ExpandedFrom(id), results);
                }
            }
        }
        if options.add_related_companies && contact.is_company() {
            if let Some((id, results)) = self.persons_of(contact.id).find_map(passing) {
                return filters(Via::CompanyOf(id), results);
            }
        }
        filters(Via::NoLongerMatches, own)
    }

    /// The reason every line of `segment` is on it, in line order.
    pub fn line_reasons(&self, segment: &Segment) -> Vec<LineReason> {
        segment
            .lines
            .iter()
            .map(|line| self.line_reason(segment, line))
            .collect()
    }

    /// The reason one line of `segment` is on it.
    pub fn line_reason(&self, segment: &Segment, line: &SegmentLine) -> LineReason {
        let history = &segment.history;
        let inserting = history
            .iter()
            .rposition(|step| step.inserted.contains(&line.line_no));
        let Some(index) = inserting else {
            return LineReason {
                line_no: line.line_no,
                contact: line.contact,
                origin: Origin::Unexplained,
                saved_criteria: None,
                removed_before: None,
            };
        };
        let how = match &history[index].action {
            CriteriaAction::Add { criteria, options } => match self.contact(line.contact) {
                Some(contact) => self.why_added(criteria, *options, contact),
                // A deleted contact cannot be tested; say it no longer matches rather than guess.
                None => How::Filters {
                    via: Via::NoLongerMatches,
                    sections: SectionResults::default(),
                    options: *options,
                },
            },
            CriteriaAction::AddContact(_) => How::ByHand,
            CriteriaAction::ReuseLogged { logged, .. } => How::FromLogged(*logged),
            // Reduce, Refine and removing by hand never insert a line; a history that says one
            // did is not ours to explain.
            CriteriaAction::Reduce { .. }
            | CriteriaAction::Refine { .. }
            | CriteriaAction::RemoveContact(_) => {
                return LineReason {
                    line_no: line.line_no,
                    contact: line.contact,
                    origin: Origin::Unexplained,
                    saved_criteria: None,
                    removed_before: None,
                }
            }
        };
        let removed_before = history[..index]
            .iter()
            .rposition(|step| step.removed.iter().any(|l| l.contact == line.contact));
        LineReason {
            line_no: line.line_no,
            contact: line.contact,
            origin: Origin::Step { index, how },
            saved_criteria: self.saved_criteria_around(history, index),
            removed_before,
        }
    }

    /// The first saved criteria (by code) whose actions equal a run of `history` that contains
    /// step `index`.
    fn saved_criteria_around(&self, history: &[CriteriaStep], index: usize) -> Option<Code> {
        self.saved_criteria
            .values()
            .filter(|saved| !saved.actions.is_empty() && saved.actions.len() <= history.len())
            .find(|saved| {
                let len = saved.actions.len();
                let first = index.saturating_sub(len - 1);
                let last = index.min(history.len() - len);
                (first..=last).any(|start| {
                    history[start..start + len]
                        .iter()
                        .zip(&saved.actions)
                        .all(|(step, action)| step.action == *action)
                })
            })
            .map(|saved| saved.code.clone())
    }
}
