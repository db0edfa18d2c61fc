//! Criteria steps on a segment: each is planned once (the preview and applying the step use the
//! same plan), carried out, and recorded with exactly what it did, so that Go Back undoes it.

use super::lines::{last_line_no, new_line_numbers, next_line_no_after};
use crate::core::changes::Changes;
use crate::core::criteria::{
    AddOptions, ContactSet, Criteria, CriteriaAction, CriteriaStep, Matcher,
};
use crate::core::db::Db;
use crate::core::ids::{ContactId, LoggedSegmentId, SegmentId};
use crate::core::model::*;
use crate::core::problem::ProblemCode;
use crate::core::problem::{Problem, Problems};
use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;
use std::collections::HashSet;

/// What a step would do: the contacts of the lines it would add, in the order the lines would
/// get, and the contacts of the lines it would remove, in line order (one entry per line).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Preview {
    pub join: Vec<ContactId>,
    pub leave: Vec<ContactId>,
}

/// Whether a step is asked for by the user, or replayed from saved criteria. A replay runs
/// against today's data, so a manual step that no longer applies (the contact was deleted, or
/// is already there) does nothing instead of refusing the whole replay.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Mode {
    Interactive,
    Replay,
}

/// What a step will do, computed once and used both by the preview and by applying the step.
pub(super) struct Plan {
    /// Contacts to add, one new line each, in line order.
    join: Vec<ContactId>,
    /// Line numbers to remove.
    leave: HashSet<u32>,
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

impl Db {
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
        let segment = self.existing_segment(id)?;
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
        self.edit_segment(id, now, |segment| self.apply_action_on(segment, action))
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
        self.edit_segment(id, now, |segment| {
            let Some(step) = segment.history.pop() else {
                return Err(vec![Problem::record(ProblemCode::SegmentNoCriteria)]);
            };
            let inserted: HashSet<u32> = step.inserted.into_iter().collect();
            segment
                .lines
                .retain(|line| !inserted.contains(&line.line_no));
            segment.lines.extend(step.removed);
            segment.lines.sort_by_key(|line| line.line_no);
            segment.next_line_no = next_line_no_after(&segment.lines);
            Ok(())
        })
    }

    /// Forgets the criteria history, keeping the lines (the reference offers this when the
    /// last line of a segment with several actions is deleted, §2.1).
    pub fn reset_criteria(&self, id: SegmentId, now: NaiveDateTime) -> Result<Changes, Problems> {
        self.edit_segment(id, now, |segment| {
            segment.history.clear();
            Ok(())
        })
    }

    /// Works out what a step does. Both the preview and applying the step call this, so they
    /// cannot disagree.
    pub(super) fn plan(
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
                            Problem::record(ProblemCode::SegmentContactUnknown).with(contact)
                        ]);
                    }
                } else if segment.lines.iter().any(|line| line.contact == *contact) {
                    if mode == Mode::Interactive {
                        return Err(vec![Problem::record(
                            ProblemCode::SegmentContactAlreadyOnSegment,
                        )
                        .with(contact)]);
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
                    return Err(vec![Problem::record(
                        ProblemCode::SegmentContactNotOnSegment,
                    )
                    .with(contact)]);
                }
            }
            CriteriaAction::ReuseLogged {
                logged,
                allow_existing,
            } => {
                if !self.logged_segments.contains_key(logged) && mode == Mode::Interactive {
                    return Err(vec![Problem::record(
                        ProblemCode::SegmentLoggedSegmentUnknown,
                    )
                    .with(logged)]);
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
    pub(super) fn execute(
        &self,
        segment: &mut Segment,
        action: CriteriaAction,
        plan: Plan,
    ) -> Result<(), Problems> {
        // Numbers continue after the last line, removed or not, so a step never gives a new
        // line the number of a line it removes.
        let last = last_line_no(&segment.lines);
        let numbers = new_line_numbers(last, plan.join.len())
            .ok_or_else(|| vec![Problem::record(ProblemCode::SegmentTooManyLines)])?;
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
}

fn check_criteria(criteria: &Criteria) -> Result<(), Problems> {
    let problems = criteria.check();
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}
