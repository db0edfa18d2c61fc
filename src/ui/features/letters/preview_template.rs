//! The template page's live preview (issue 15 item 7): the letter and the e-mail of the
//! template being written, merged with a contact the user picks (searched by name or number),
//! in that contact's language, following every keystroke. The merge is the core's
//! (`production::preview_template`), the one a segment line of that contact gets, so what is
//! previewed here is what is sent.

use leptos::prelude::*;

use super::draft::TemplateDraft;
use super::language_name_label;
use crate::core::ids::ContactId;
use crate::core::problem::Problem;
use crate::core::production::{preview_template, TemplatePreview};
use crate::ui::components::dialog::next_id;
use crate::ui::components::{ProblemList, TextField};
use crate::ui::i18n::use_i18n;
use crate::ui::i18n_catalogue::letters::Key;
use crate::ui::i18n_catalogue::terms::Key as Term;
use crate::ui::state::use_data;

/// How many matches the contact picker lists: enough to pick from, few enough to read.
const MATCHES_SHOWN: usize = 30;

#[component]
pub fn TemplatePreviewPanel(
    /// The template as it is being edited.
    draft: TemplateDraft,
) -> impl IntoView {
    let i18n = use_i18n();
    let data = use_data();
    let search = RwSignal::new(String::new());
    let chosen = RwSignal::new(None::<ContactId>);
    let select_id = format!("preview-contact-{}", next_id());
    // The contacts whose name, company or number holds the search text (case folded), the
    // chosen one always among them so that the select never loses it.
    let matches = Memo::new(move |_| {
        let needle = search.get().trim().to_lowercase();
        data.with_db(|db| {
            let mut found: Vec<(ContactId, String)> = db
                .contacts
                .values()
                .filter(|c| {
                    needle.is_empty()
                        || c.name.to_lowercase().contains(&needle)
                        || db.no(c.id).to_lowercase().contains(&needle)
                        || db.company_name_of(c).to_lowercase().contains(&needle)
                })
                .take(MATCHES_SHOWN)
                .map(|c| {
                    let company = db.company_name_of(c);
                    let label = if company.is_empty() || company == c.name {
                        format!("{} · {}", c.name, db.no(c.id))
                    } else {
                        format!("{} · {} · {}", c.name, company, db.no(c.id))
                    };
                    (c.id, label)
                })
                .collect();
            if let Some(id) = chosen.get() {
                if !found.iter().any(|(c, _)| *c == id) {
                    if let Some(c) = db.contact(id) {
                        found.insert(0, (id, format!("{} · {}", c.name, db.no(id))));
                    }
                }
            }
            found
        })
        .unwrap_or_default()
    });
    let preview = Memo::new(move |_| {
        let template = draft.current();
        let id = chosen.get()?;
        if template.letters.is_empty() {
            return Some(Err(()));
        }
        let today = super::now().date_naive();
        data.with_db(|db| preview_template(db, &template, id, today))
            .flatten()
            .map(Ok)
    });
    view! {
        <section class="template-preview" aria-labelledby="template-preview-title">
            <h3 id="template-preview-title">{move || i18n.t(Key::TplPreviewHeading)}</h3>
            <p class="hint">{move || i18n.t(Key::PreviewIntro)}</p>
            <div class="preview-picker">
                <TextField
                    label=Signal::derive(move || i18n.t(Key::PreviewFind).to_string())
                    value=search
                    input_type="search"
                    autocomplete="off"
                    hint=Signal::derive(move || Some(i18n.t(Key::PreviewFindHint).to_string()))
                />
                <div class="field">
                    <label for=select_id.clone()>{move || i18n.t(Term::Contact)}</label>
                    <select
                        id=select_id
                        on:change=move |ev| {
                            chosen.set(event_target_value(&ev).parse::<u32>().ok().map(ContactId))
                        }
                    >
                        <option value="" selected=move || chosen.get().is_none()>
                            {move || i18n.t(Key::PreviewChoose)}
                        </option>
                        {move || {
                            matches
                                .get()
                                .into_iter()
                                .map(|(id, label)| {
                                    view! {
                                        <option value=id.0.to_string() selected=move || chosen.get() == Some(id)>
                                            {label}
                                        </option>
                                    }
                                })
                                .collect_view()
                        }}
                    </select>
                    {move || matches.with(Vec::is_empty).then(|| view! {
                        <p class="hint">{i18n.t(Key::PreviewNoMatches)}</p>
                    })}
                </div>
            </div>
            <div class="preview-result" aria-live="polite">
                {move || match preview.get() {
                    None => None,
                    Some(Err(())) => Some(view! { <p class="empty-state">{i18n.t(Key::TplPreviewNoLetter)}</p> }.into_any()),
                    Some(Ok(preview)) => Some(view! { <PreviewShown preview/> }.into_any()),
                }}
            </div>
        </section>
    }
}

/// One merged preview: the letter as it prints, the e-mail's subject and text, the problems.
#[component]
fn PreviewShown(preview: TemplatePreview) -> impl IntoView {
    let i18n = use_i18n();
    let blocked = preview.problems.iter().any(Problem::is_error);
    let problems = preview.problems.clone();
    let language = language_name_label(&i18n, &preview.language);
    view! {
        <p class="preview-language">{i18n.tf(Key::PreviewLanguage, &[("language", &language)])}</p>
        {blocked.then(|| view! { <p class="field-error">{i18n.t(Key::PreviewFixFirst)}</p> })}
        <ProblemList problems=Signal::derive(move || problems.clone())/>
        {(!blocked).then(|| view! {
            <div class="preview-columns">
                <figure class="preview-part">
                    <figcaption>{i18n.t(Term::Letter)}</figcaption>
                    <pre class="preview-text" dir="auto" data-testid="preview-letter">{preview.letter.clone()}</pre>
                </figure>
                <figure class="preview-part">
                    <figcaption>{i18n.t(Key::EmailSubject)}</figcaption>
                    <p class="preview-subject" data-testid="preview-email-subject"><bdi>{preview.email_subject.clone()}</bdi></p>
                    <figcaption>{i18n.t(Key::EmailBody)}</figcaption>
                    <pre class="preview-text" dir="auto" data-testid="preview-email-body">{preview.email_body.clone()}</pre>
                </figure>
            </div>
        })}
    }
}
