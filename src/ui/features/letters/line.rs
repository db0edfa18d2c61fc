//! One contact's own copy of the letter (product.md §5 "Per-contact personalisation"): started
//! from the letter the contact would get, edited for them alone with `Db::set_line_letter`, and
//! taken away again to give them the common letter. The preview above it shows the result.

use leptos::prelude::*;

use super::draft::{draft_problem_text, LetterDraft};
use super::editor::LetterBodyEditor;
use super::{now, split_commit_error, StatusLine};
use crate::core::db::Db;
use crate::core::ids::SegmentId;
use crate::core::model::LetterBody;
use crate::core::problem::Problem;
use crate::core::production;
use crate::ui::components::ProblemList;
use crate::ui::i18n::use_i18n;
use crate::ui::i18n_catalogue::letters::Key;
use crate::ui::state::use_data;

/// The letter line `line_no` gets now, and whether it is the line's own copy.
fn current_letter(db: &Db, id: SegmentId, line_no: u32) -> Option<(LetterBody, bool)> {
    let segment = db.segment(id)?;
    let line = segment.lines.iter().find(|l| l.line_no == line_no)?;
    let letter = production::letter_for_line(db, segment, line)?;
    Some((letter.body.clone(), line.letter.is_some()))
}

#[component]
pub fn LineLetter(
    /// The segment.
    id: SegmentId,
    /// The line whose contact the letter is for.
    line_no: u32,
) -> impl IntoView {
    let i18n = use_i18n();
    let data = use_data();
    let own = Memo::new(move |_| {
        data.with_db(|db| current_letter(db, id, line_no).is_some_and(|(_, own)| own))
            .unwrap_or(false)
    });
    let editing = RwSignal::new(None::<LetterDraft>);
    let problems = RwSignal::new(Vec::<Problem>::new());
    let status = RwSignal::new(None::<String>);
    // The draft belongs to this component, not to the button that opens it (which goes away).
    let owner = Owner::current().unwrap_or_default();
    let start = Callback::new(move |()| {
        status.set(None);
        let body = data.with_db(|db| current_letter(db, id, line_no)).flatten();
        let draft = owner.with(|| LetterDraft::new(""));
        if let Some((body, _)) = body {
            draft.set_body(&body);
        }
        editing.set(Some(draft));
    });
    let write = move |body: Option<LetterBody>, done: Key| {
        data.commit(
            move |db| db.set_line_letter(id, line_no, body.clone(), now().naive_local()),
            move |result| match result {
                Ok(_) => {
                    editing.set(None);
                    problems.set(Vec::new());
                    status.set(Some(i18n.t(done).to_string()));
                }
                Err(error) => {
                    let (refused, store) = split_commit_error(&i18n, error);
                    problems.set(refused);
                    status.set(store);
                }
            },
        );
    };
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(draft) = editing.get_untracked() else {
            return;
        };
        match draft.to_letter() {
            Ok(letter) => write(Some(letter.body), Key::LineLetterSaved),
            Err(problem) => status.set(Some(draft_problem_text(&i18n, problem))),
        }
    };
    view! {
        <div class="line-letter">
            {move || own.get().then(|| view! { <p>{move || i18n.t(Key::LineOwnCopy)}</p> })}
            <div class="toolbar">
                {move || editing.with(Option::is_none).then(|| view! {
                    <button type="button" on:click=move |_| start.run(()) disabled=move || data.busy.get()>
                        {move || i18n.t(Key::EditLineLetter)}
                    </button>
                })}
                {move || own.get().then(|| view! {
                    <button type="button" on:click=move |_| write(None, Key::LineLetterRemoved) disabled=move || data.busy.get()>
                        {move || i18n.t(Key::UseCommonLetter)}
                    </button>
                })}
            </div>
            <ProblemList problems=problems/>
            <StatusLine text=status/>
            {move || editing.get().map(|draft| view! {
                <form class="segment-letter-editor" on:submit=save novalidate aria-label=move || i18n.t(Key::EditLineLetter)>
                    <LetterBodyEditor draft/>
                    <div class="toolbar">
                        <button type="submit" class="primary" disabled=move || data.busy.get()>
                            {move || i18n.t(Key::SaveLetter)}
                        </button>
                        <button type="button" on:click=move |_| editing.set(None)>
                            {move || i18n.t(Key::CloseEditor)}
                        </button>
                    </div>
                </form>
            })}
        </div>
    }
}
