//! The opportunity list (product.md §3: "a simple opportunity list is enough"; reference-bc.md
//! §5): which opportunities there are, filtered by segment, contact and status, and how a
//! status changes.
//!
//! An opportunity made from a segment line is carried to the interaction that logging the
//! segment creates for that line (`InteractionLogEntry::opportunity`). Its status is derived
//! from that interaction, because the stored opportunity has no status field and the storage
//! format may not change now:
//!
//! * not contacted: no interaction for it, or only canceled ones and failed attempts (failed
//!   attempts do not count as contact, as BC's "Date of Last Interaction" leaves them out);
//! * contacted: its latest such interaction has no evaluation yet;
//! * positive, neutral or negative: that interaction's evaluation.
//!
//! Changing the status sets the evaluation of that interaction, through the same
//! [`Db::evaluate`] the interaction log uses, so the change is one ordinary commit and the
//! interaction log shows it too. An opportunity that was never contacted has no status to set
//! until its segment is logged.

use crate::core::changes::Changes;
use crate::core::db::Db;
use crate::core::ids::{ContactId, OpportunityId, SegmentId};
use crate::core::model::{Evaluation, InteractionLogEntry, Opportunity};
use crate::core::problem::ProblemCode;
use crate::core::problem::{Problem, Problems};

/// Where an opportunity stands, derived from its interaction (see the module docs).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum OpportunityStatus {
    NotContacted,
    Contacted,
    Positive,
    Neutral,
    Negative,
}

impl OpportunityStatus {
    /// Every status, in the order a filter lists them.
    pub const ALL: [OpportunityStatus; 5] = [
        OpportunityStatus::NotContacted,
        OpportunityStatus::Contacted,
        OpportunityStatus::Positive,
        OpportunityStatus::Neutral,
        OpportunityStatus::Negative,
    ];

    /// The status an interaction's evaluation gives.
    pub fn of_evaluation(evaluation: Evaluation) -> Self {
        match evaluation {
            Evaluation::None => OpportunityStatus::Contacted,
            Evaluation::VeryPositive | Evaluation::Positive => OpportunityStatus::Positive,
            Evaluation::Neutral => OpportunityStatus::Neutral,
            Evaluation::Negative | Evaluation::VeryNegative => OpportunityStatus::Negative,
        }
    }

    /// The evaluation that sets this status; `None` for "not contacted", which no evaluation
    /// can make.
    pub fn evaluation(self) -> Option<Evaluation> {
        match self {
            OpportunityStatus::NotContacted => None,
            OpportunityStatus::Contacted => Some(Evaluation::None),
            OpportunityStatus::Positive => Some(Evaluation::Positive),
            OpportunityStatus::Neutral => Some(Evaluation::Neutral),
            OpportunityStatus::Negative => Some(Evaluation::Negative),
        }
    }

    /// The stable English identifier, as a filter's value or a form's option holds it.
    pub fn as_str(self) -> &'static str {
        match self {
            OpportunityStatus::NotContacted => "not_contacted",
            OpportunityStatus::Contacted => "contacted",
            OpportunityStatus::Positive => "positive",
            OpportunityStatus::Neutral => "neutral",
            OpportunityStatus::Negative => "negative",
        }
    }

    /// The status with this identifier.
    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|status| status.as_str() == text)
    }
}

/// The filters of the opportunity list; `None` means any.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OpportunityQuery {
    /// The number of the segment it was created from, e.g. `SEG000042`.
    pub segment_no: Option<String>,
    pub contact: Option<ContactId>,
    pub status: Option<OpportunityStatus>,
}

impl Db {
    /// The interaction that decides an opportunity's status: the latest (by date, then id) of
    /// its contact's entries that carry it and are neither canceled nor failed attempts.
    pub fn opportunity_entry(&self, opportunity: &Opportunity) -> Option<&InteractionLogEntry> {
        self.entries_of(opportunity.contact)
            .filter(|entry| entry.opportunity == Some(opportunity.id))
            .filter(|entry| !entry.canceled && !entry.attempt_failed)
            .max_by_key(|entry| (entry.date, entry.id))
    }

    /// An opportunity's status (module docs).
    pub fn opportunity_status(&self, opportunity: &Opportunity) -> OpportunityStatus {
        self.opportunity_entry(opportunity)
            .map_or(OpportunityStatus::NotContacted, |entry| {
                OpportunityStatus::of_evaluation(entry.evaluation)
            })
    }

    /// The opportunities that pass every filter of `query`, newest first (then by number).
    pub fn query_opportunities(&self, query: &OpportunityQuery) -> Vec<OpportunityId> {
        let mut found: Vec<&Opportunity> = self
            .opportunities
            .values()
            .filter(|o| {
                query
                    .segment_no
                    .as_ref()
                    .is_none_or(|no| o.segment_no == *no)
            })
            .filter(|o| query.contact.is_none_or(|contact| o.contact == contact))
            .filter(|o| {
                query
                    .status
                    .is_none_or(|status| self.opportunity_status(o) == status)
            })
            .collect();
        found.sort_by(|a, b| b.created.cmp(&a.created).then(a.id.cmp(&b.id)));
        found.into_iter().map(|o| o.id).collect()
    }

    /// Sets an opportunity's status by evaluating its interaction (module docs). Refused for
    /// an unknown opportunity, for "not contacted" (no evaluation makes it) and for an
    /// opportunity without an interaction yet.
    pub fn set_opportunity_status(
        &self,
        id: OpportunityId,
        status: OpportunityStatus,
    ) -> Result<Changes, Problems> {
        let opportunity = self.opportunities.get(&id).ok_or_else(|| {
            vec![Problem::record(ProblemCode::SegmentOpportunityUnknown).with(self.no(id))]
        })?;
        let entry = self.opportunity_entry(opportunity);
        let (Some(entry), Some(evaluation)) = (entry, status.evaluation()) else {
            return Err(vec![Problem::field(
                "status",
                ProblemCode::SegmentOpportunityNotContacted,
            )
            .with(self.no(id))]);
        };
        self.evaluate(&[entry.id], evaluation)
    }

    /// How many opportunities "Create opportunities" would make on the segment now: one for
    /// every line without one. The confirmation asks with this number.
    pub fn opportunities_to_create(&self, id: SegmentId) -> usize {
        self.segment(id).map_or(0, |segment| {
            segment
                .lines
                .iter()
                .filter(|line| line.opportunity.is_none())
                .count()
        })
    }
}
