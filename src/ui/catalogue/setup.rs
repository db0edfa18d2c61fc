//! Texts of the Templates page and the set-up tables (salespeople, classifications, questionnaires, salutation formulas, interaction groups, our company).

use super::{Lang, Text};

catalogue! {}
