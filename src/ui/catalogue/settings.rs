//! Texts of the Settings page: storage, backup and restore.

use super::{Lang, Text};

catalogue! {}
