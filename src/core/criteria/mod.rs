//! Add / Reduce / Refine criteria: the filter sections, the options, and how they are matched
//! against the contacts. The steps recorded on a segment ([`CriteriaAction`], [`CriteriaStep`])
//! are stored data and live in the model; they are named here too, where a reader of criteria
//! looks for them.
//!
//! The matching rules are those of reference-bc.md §2.2, widened by product.md §3:
//!
//! * The **contact** section filters the contact's own fields, any of them, custom attributes
//!   included, as a condition tree with AND / OR / NOT (a flat list of field filters is an AND).
//! * Every other section is an "exists" test: at least one related record must pass all of the
//!   section's filters. Mailing groups, job responsibilities and profile answers link on the
//!   contact itself. Industry groups and business relations link on the contact's company, so a
//!   person inherits them and a person without a company never matches. Interaction log entries
//!   link on both the contact and its company (Contact No. AND Contact Company No.), so a company
//!   matches only on entries logged against the company record itself.
//! * Sections are ANDed; a section without filters is ignored.
//!
//! Criteria hold parsed [`Filter`]s, never raw text, so a stored criterion is always well formed
//! (a [`Filter`] is stored as its source and parsed again when read back). Filters for code-like
//! fields are built through [`ContactField::parse_filter`] and the `*_filter` helpers here, which
//! put the expression in the case the stored values use, as Business Central does for Code fields.
//!
//! Speed (product.md §7: a filter preview over 100,000 contacts is interactive): the sections
//! other than the contact's own fields are answered from the classification indexes of
//! [`Db::indexes`]. A section costs one pass over its (few) codes and a union of their member
//! sets; the candidates are then taken from the smallest of those sets, and only the candidates
//! are tested against the contact fields and interaction log entries.
//!
//! The parts, each needing less than the one after it, so that the model (which stores criteria)
//! and the database (which reads fields through views) can use the first two without a circle:
//!
//! * `vocabulary`: the fields, the sections of one action and the Add options (plain data).
//! * `view`: how a field's value is read from a contact or an interaction log entry.
//! * `matcher`: contact sets, the [`Matcher`] and the [`Db`](crate::core::db::Db) operations that
//!   match contacts.
//!
//! Code below the database imports from `vocabulary` and `view` directly, never through this
//! file, which also names the matcher.

pub mod matcher;
pub mod view;
pub mod vocabulary;

pub use crate::core::model::{CriteriaAction, CriteriaStep};
pub(crate) use matcher::{ContactSet, Matcher};
pub use view::{ContactView, ContactViewBuffers};
pub use vocabulary::{
    code_filter, AddOptions, ContactField, ContactFilter, Criteria, EntryField, ProfileField,
};
