//! Settings of this browser: the interface language and the density. Changing one saves it at once
//! (the app's effect writes the preferences). Below them, the data sections of `data`.

mod data;
mod sync;
mod team;

use leptos::prelude::*;

use super::PageHeader;
use crate::ui::i18n::{use_i18n, Key, Lang};
use crate::ui::i18n_catalogue::terms::Key as Term;
use crate::ui::prefs::{Appearance, Density};
use data::{BackupSection, StorageSection, UnreadableSection};
use sync::SyncSection;
use team::TeamSection;

#[component]
pub fn Settings() -> impl IntoView {
    view! {
        <PageHeader title=Key::PageSettings intro=Key::SettingsIntro/>
        // One grid around the preferences form and the data sections, so that the same gap
        // separates every card (as two sibling grids, the form's last card and the first data
        // card touched).
        <div class="settings">
            <form class="settings" on:submit=|ev| ev.prevent_default()>
                <LanguageChoice/>
                <DensityChoice/>
            </form>
            <UnreadableSection/>
            <StorageSection/>
            <TeamSection/>
            <SyncSection/>
            <BackupSection/>
        </div>
    }
}

/// The language switch: one radio button per interface language, each named in its own language.
#[component]
fn LanguageChoice() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <fieldset class="choice" aria-describedby="language-hint">
            <legend>{move || i18n.t(Term::Language)}</legend>
            <p id="language-hint" class="hint">{move || i18n.t(Key::SettingsLanguageHint)}</p>
            {Lang::ALL
                .into_iter()
                .map(|lang| {
                    let id = format!("language-{}", lang.code());
                    view! {
                        <div class="choice-option">
                            <input
                                type="radio"
                                id=id.clone()
                                name="language"
                                value=lang.code()
                                prop:checked=move || i18n.lang.get() == lang
                                on:change=move |_| i18n.lang.set(lang)
                            />
                            <label for=id lang=lang.code()>{move || i18n.t(lang.native_name())}</label>
                        </div>
                    }
                })
                .collect_view()}
        </fieldset>
    }
}

/// Comfortable or compact spacing.
#[component]
fn DensityChoice() -> impl IntoView {
    let i18n = use_i18n();
    let appearance = expect_context::<Appearance>();
    let label = |density: Density| match density {
        Density::Comfortable => Key::DensityComfortable,
        Density::Compact => Key::DensityCompact,
    };
    view! {
        <fieldset class="choice" aria-describedby="density-hint">
            <legend>{move || i18n.t(Key::SettingsDensity)}</legend>
            <p id="density-hint" class="hint">{move || i18n.t(Key::SettingsDensityHint)}</p>
            {Density::ALL
                .into_iter()
                .map(|density| {
                    let id = format!("density-{}", density.as_str());
                    view! {
                        <div class="choice-option">
                            <input
                                type="radio"
                                id=id.clone()
                                name="density"
                                value=density.as_str()
                                prop:checked=move || appearance.density.get() == density
                                on:change=move |_| appearance.density.set(density)
                            />
                            <label for=id>{move || i18n.t(label(density))}</label>
                        </div>
                    }
                })
                .collect_view()}
        </fieldset>
    }
}
