//! Texts of the Set-up page's tables (salespeople, classifications, questionnaires, salutation formulas, interaction groups, our company).

use super::{Lang, Text};

catalogue! {}
