//! Texts of the Logged segments and Interaction log pages.

use super::{Lang, Text};

catalogue! {}
