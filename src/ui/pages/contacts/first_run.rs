//! The first-run checklist (issue 15 item 8): on a new database, the Contacts page lists the few
//! things that make the rest work — contacts, a salesperson, an interaction template, salutations,
//! our company — each linked to where it is done and ticked once the database holds it. It goes
//! away by itself after the first segment is logged or when every step is done, and a person can
//! hide it earlier; that choice is kept in this browser.

use gloo_storage::{LocalStorage, Storage};
use leptos::prelude::*;

use crate::core::setup::{first_run_steps, is_first_run, FirstRunStep};
use crate::ui::i18n::use_i18n;
use crate::ui::i18n_catalogue::contacts::Key;
use crate::ui::routes::{use_router, Page, Route};
use crate::ui::state::use_data;

/// The preference that hides the checklist in this browser.
const HIDDEN_KEY: &str = "segmentti.first-run-hidden";

#[component]
pub fn FirstRun() -> impl IntoView {
    let i18n = use_i18n();
    let data = use_data();
    let router = use_router();
    let hidden = RwSignal::new(LocalStorage::get::<bool>(HIDDEN_KEY).unwrap_or(false));
    let steps = move || {
        data.with_db(|db| is_first_run(db).then(|| first_run_steps(db)))
            .flatten()
    };
    let hide = move |_| {
        // If the browser refuses to store it, the list is hidden for this visit only.
        let _ = LocalStorage::set(HIDDEN_KEY, true);
        hidden.set(true);
    };
    move || {
        let steps = steps().filter(|_| !hidden.get())?;
        let items = steps
            .into_iter()
            .map(|(step, done)| {
                let (text, page) = match step {
                    FirstRunStep::Contacts => (Key::FirstRunContacts, None),
                    FirstRunStep::Salesperson => (Key::FirstRunSalesperson, Some(Page::Setup)),
                    FirstRunStep::Template => (Key::FirstRunTemplate, Some(Page::Templates)),
                    FirstRunStep::Salutations => (Key::FirstRunSalutations, Some(Page::Setup)),
                    FirstRunStep::OurCompany => (Key::FirstRunOurCompany, Some(Page::Setup)),
                };
                let label = move || i18n.t(text);
                let state = move || i18n.t(if done { Key::FirstRunDone } else { Key::FirstRunOpen });
                view! {
                    <li class:done=done>
                        <span class="mark" aria-hidden="true">{if done { "✓" } else { "○" }}</span>
                        {match page {
                            Some(page) => {
                                let route = Route::Page(page);
                                view! {
                                    <a href=route.href() on:click=crate::ui::features::letters::open_route(router, route.clone())>
                                        {label}
                                    </a>
                                }
                                .into_any()
                            }
                            None => view! { <span>{label}</span> }.into_any(),
                        }}
                        <span class="visually-hidden">{move || format!(" ({})", state())}</span>
                    </li>
                }
            })
            .collect_view();
        Some(view! {
            <section class="card first-run" aria-labelledby="first-run-heading">
                <h2 id="first-run-heading">{move || i18n.t(Key::FirstRunHeading)}</h2>
                <ol>{items}</ol>
                <button type="button" on:click=hide>{move || i18n.t(Key::FirstRunHide)}</button>
            </section>
        })
    }
}
