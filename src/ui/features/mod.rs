//! What several pages share and no page owns: a feature's components, with the small helpers
//! they need, used from the page folders under `pages/`.

pub mod letters;
pub mod log;
