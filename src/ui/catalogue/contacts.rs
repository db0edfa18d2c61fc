//! Texts of the Contacts page, the contact form and page, import and export.

use super::{Lang, Text};

catalogue! {}
