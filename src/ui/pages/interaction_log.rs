//! Interaction log: every interaction with every contact (product.md §4, reference-bc.md §3.5),
//! filtered, and the actions on the chosen entries.

use leptos::prelude::*;

use super::PageHeader;
use crate::ui::features::log::entries::EntryList;
use crate::ui::features::log::filters::{EntryFilter, EntryFilters};
use crate::ui::i18n::{self as shell, use_i18n};
use crate::ui::i18n_catalogue::logs::Key;
use crate::ui::state::use_data;

#[component]
pub fn InteractionLog() -> impl IntoView {
    let i18n = use_i18n();
    let data = use_data();
    let filter = EntryFilter::new();
    let shown = Memo::new(move |_| data.with_db(|db| filter.entries(db)).unwrap_or_default());
    // Whether anything was ever logged; a memo, so that the list (and its chosen entries) is
    // rebuilt only when that changes, not on every commit.
    let any = Memo::new(move |_| data.with_db(|db| !db.entries.is_empty()));
    let body = move || match any.get() {
        None => ().into_any(),
        Some(false) => view! { <p class="rm-empty">{move || i18n.t(Key::LogEmpty)}</p> }.into_any(),
        Some(true) => view! {
            <EntryFilters filter/>
            {move || shown.with(Vec::is_empty).then(|| view! {
                <p class="rm-empty">{move || i18n.t(Key::LogNoMatch)}</p>
            })}
            <EntryList
                shown
                caption=move || i18n.t(shell::Key::PageInteractionLog).to_string()
                csv_name="interaction-log.csv".to_string()
            />
        }
        .into_any(),
    };
    view! {
        <PageHeader title=shell::Key::PageInteractionLog intro=shell::Key::InteractionLogIntro/>
        <div class="rm logs">{body}</div>
    }
}
