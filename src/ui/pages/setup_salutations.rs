//! Salutation formulas (product.md §2, reference-bc.md §1.3): per salutation code, language and
//! formal or informal, a formula such as `Dear %1 %2,` whose `%n` slots are filled with the
//! contact's chosen name parts. Letters greet contacts with them.

use leptos::prelude::*;

use super::setup_common::{
    empty_or, Confirm, EditDialog, Feedback, FeedbackList, RowActions, Section, FORMULA_EXISTS,
};
use crate::core::ids::Code;
use crate::core::model::{NamePart, SalutationFormula, SalutationKind};
use crate::core::problem::Problem;
use crate::ui::components::{SelectField, TextField};
use crate::ui::i18n::{use_i18n, I18n};
use crate::ui::i18n_catalogue::setup::Key;
use crate::ui::state::use_data;

const NAME_PARTS: [NamePart; 6] = [
    NamePart::FirstName,
    NamePart::MiddleName,
    NamePart::Surname,
    NamePart::Initials,
    NamePart::JobTitle,
    NamePart::CompanyName,
];

/// The most slots a formula can have: `%1` … `%9`.
const MAX_PARTS: usize = 9;

fn part_key(part: NamePart) -> Key {
    match part {
        NamePart::JobTitle => Key::PartJobTitle,
        NamePart::FirstName => Key::PartFirstName,
        NamePart::MiddleName => Key::PartMiddleName,
        NamePart::Surname => Key::PartSurname,
        NamePart::Initials => Key::PartInitials,
        NamePart::CompanyName => Key::PartCompanyName,
    }
}

/// A name part as a `<select>` value: its position in [`NAME_PARTS`].
fn part_value(part: NamePart) -> String {
    NAME_PARTS
        .iter()
        .position(|p| *p == part)
        .unwrap_or(0)
        .to_string()
}

fn part_of(value: &str) -> NamePart {
    value
        .parse::<usize>()
        .ok()
        .and_then(|i| NAME_PARTS.get(i).copied())
        .unwrap_or(NamePart::FirstName)
}

fn kind_key(kind: SalutationKind) -> Key {
    match kind {
        SalutationKind::Formal => Key::Formal,
        SalutationKind::Informal => Key::Informal,
    }
}

/// The key a formula is stored under.
type FormulaKey = (Code, String, SalutationKind);

fn key_of(f: &SalutationFormula) -> FormulaKey {
    (f.salutation_code.clone(), f.language.clone(), f.kind)
}

/// "%1 First name, %2 Surname": which part fills which slot.
fn parts_text(i18n: &I18n, parts: &[NamePart]) -> String {
    parts
        .iter()
        .enumerate()
        .map(|(i, part)| format!("%{} {}", i + 1, i18n.t(part_key(*part))))
        .collect::<Vec<_>>()
        .join(", ")
}

#[derive(Clone, Copy)]
struct Form {
    code: RwSignal<String>,
    language: RwSignal<String>,
    /// `formal` or `informal`.
    kind: RwSignal<String>,
    formula: RwSignal<String>,
    /// One `<select>` value per slot.
    parts: RwSignal<Vec<RwSignal<String>>>,
}

impl Form {
    fn new() -> Self {
        Form {
            code: RwSignal::new(String::new()),
            language: RwSignal::new(String::new()),
            kind: RwSignal::new("formal".into()),
            formula: RwSignal::new(String::new()),
            parts: RwSignal::new(Vec::new()),
        }
    }

    fn fill(self, f: Option<&SalutationFormula>) {
        let default_parts = [NamePart::FirstName, NamePart::Surname];
        self.code
            .set(f.map(|f| f.salutation_code.to_string()).unwrap_or_default());
        self.language
            .set(f.map(|f| f.language.clone()).unwrap_or_default());
        self.kind.set(
            match f.map_or(SalutationKind::Formal, |f| f.kind) {
                SalutationKind::Formal => "formal",
                SalutationKind::Informal => "informal",
            }
            .into(),
        );
        self.formula
            .set(f.map(|f| f.formula.clone()).unwrap_or_default());
        let parts = f.map_or(&default_parts[..], |f| &f.parts[..]);
        self.parts.set(
            parts
                .iter()
                .map(|p| RwSignal::new(part_value(*p)))
                .collect(),
        );
    }

    fn value(self) -> SalutationFormula {
        SalutationFormula {
            salutation_code: Code::new(&self.code.get_untracked()),
            language: self.language.get_untracked().trim().to_string(),
            kind: if self.kind.get_untracked() == "informal" {
                SalutationKind::Informal
            } else {
                SalutationKind::Formal
            },
            formula: self.formula.get_untracked(),
            parts: self
                .parts
                .get_untracked()
                .iter()
                .map(|p| part_of(&p.get_untracked()))
                .collect(),
        }
    }
}

#[component]
pub fn SalutationSection() -> impl IntoView {
    let i18n = use_i18n();
    let data = use_data();
    let rows = Memo::new(move |_| {
        data.with_db(|db| db.salutation_formulas.values().cloned().collect::<Vec<_>>())
    });

    let open = RwSignal::new(false);
    let editing = RwSignal::new(None::<FormulaKey>);
    let form = Form::new();
    let feedback = Feedback::new();
    let start = move |record: Option<SalutationFormula>| {
        feedback.clear();
        form.fill(record.as_ref());
        editing.set(record.as_ref().map(key_of));
        open.set(true);
    };
    let save = move |_| {
        let mut formula = form.value();
        formula.language = formula.language.to_lowercase();
        // Saving under an existing key replaces that formula, so a new one must not reuse it.
        let taken = editing.get_untracked().is_none()
            && rows.with_untracked(|r| r.iter().flatten().any(|f| key_of(f) == key_of(&formula)));
        if taken {
            feedback
                .0
                .set(vec![Problem::field("salutation_code", FORMULA_EXISTS)]);
            return;
        }
        feedback.commit(
            data,
            move |db| db.save_salutation_formula(formula.clone()),
            move |_| open.set(false),
        );
    };

    let section_feedback = Feedback::new();
    let confirm = RwSignal::new(false);
    let doomed = RwSignal::new(None::<FormulaKey>);
    let delete = move |_| {
        if let Some((code, language, kind)) = doomed.get_untracked() {
            section_feedback.commit(
                data,
                move |db| db.delete_salutation_formula(&code, &language, kind),
                |_| {},
            );
        }
    };

    let title = move || match editing.get() {
        Some(key) => i18n.tf(Key::EditTitle, &[("name", &describe(&i18n, &key))]),
        None => i18n.t(Key::AddSalutationFormula).to_string(),
    };
    let text = move |key: Key| move || i18n.t(key).to_string();
    view! {
        <Section
            id="salutation-formulas"
            title=Key::SalutationFormulas
            add=Key::AddSalutationFormula
            on_add=Callback::new(move |_| start(None))
        >
            <FeedbackList feedback=section_feedback/>
            <FormulaTable
                rows
                on_edit=Callback::new(move |f| start(Some(f)))
                on_delete=Callback::new(move |key| {
                    section_feedback.clear();
                    doomed.set(Some(key));
                    confirm.set(true);
                })
            />
            <EditDialog
                open
                title
                feedback
                fields=&["salutation_code", "language", "formula"]
                on_save=Callback::new(save)
            >
                <FormulaFields form editing feedback/>
            </EditDialog>
            <Confirm
                open=confirm
                title=text(Key::DeleteTitle)
                text=move || {
                    let name = doomed.get().map(|k| describe(&i18n, &k)).unwrap_or_default();
                    i18n.tf(Key::DeleteQuestion, &[("name", &name)])
                }
                yes=text(Key::Delete)
                on_yes=Callback::new(delete)
            />
        </Section>
    }
}

/// A formula's key as words: "MR, fi, formal" ("any language" for an empty one).
fn describe(i18n: &I18n, (code, language, kind): &FormulaKey) -> String {
    let code = if code.is_empty() {
        i18n.t(Key::NoSalutationCode).to_string()
    } else {
        code.to_string()
    };
    let language = if language.is_empty() {
        i18n.t(Key::AnyLanguage)
    } else {
        language.as_str()
    };
    format!("{code}, {language}, {}", i18n.t(kind_key(*kind)))
}

/// The list of formulas with their key, formula and name parts.
#[component]
fn FormulaTable(
    /// Every formula; `None` until the database has loaded.
    rows: Memo<Option<Vec<SalutationFormula>>>,
    /// Opens a formula for editing.
    on_edit: Callback<SalutationFormula>,
    /// Asks to delete a formula.
    on_delete: Callback<FormulaKey>,
) -> impl IntoView {
    let i18n = use_i18n();
    let head = move |key: Key| view! { <th scope="col">{move || i18n.t(key)}</th> };
    move || {
        empty_or(
            rows.with(|r| r.as_ref().map(Vec::len)),
            Key::SalutationFormulasEmpty,
            move || {
                view! {
                    <table class="rm-table">
                        <thead>
                            <tr>
                                {head(Key::SalutationCode)}
                                {head(Key::Language)}
                                {head(Key::Kind)}
                                {head(Key::Formula)}
                                {head(Key::NameParts)}
                                <th scope="col"><span class="visually-hidden">{move || i18n.t(Key::Actions)}</span></th>
                            </tr>
                        </thead>
                        <tbody>
                            {rows
                                .get()
                                .unwrap_or_default()
                                .into_iter()
                                .map(|f| {
                                    let key = key_of(&f);
                                    let name = describe(&i18n, &key);
                                    let parts = f.parts.clone();
                                    let record = f.clone();
                                    let code = f.salutation_code.clone();
                                    let language = f.language.clone();
                                    view! {
                                        <tr>
                                            <td class="rm-code">
                                                {move || if code.is_empty() { i18n.t(Key::NoSalutationCode).to_string() } else { code.to_string() }}
                                            </td>
                                            <td>
                                                {move || if language.is_empty() { i18n.t(Key::AnyLanguage).to_string() } else { language.clone() }}
                                            </td>
                                            <td>{move || i18n.t(kind_key(f.kind))}</td>
                                            <td class="rm-formula">{f.formula.clone()}</td>
                                            <td>{move || parts_text(&i18n, &parts)}</td>
                                            <RowActions
                                                name
                                                on_edit=Callback::new(move |_| on_edit.run(record.clone()))
                                                on_delete=Callback::new(move |_| on_delete.run(key.clone()))
                                            />
                                        </tr>
                                    }
                                })
                                .collect_view()}
                        </tbody>
                    </table>
                }
            },
        )
    }
}

/// The fields of the formula dialog. The key (code, language, kind) is fixed once saved: a
/// formula under another key is another formula.
#[component]
fn FormulaFields(
    /// The form being edited.
    form: Form,
    /// The key of the formula being edited; `None` while it is new.
    editing: RwSignal<Option<FormulaKey>>,
    /// The problems of the last save.
    feedback: Feedback,
) -> impl IntoView {
    let i18n = use_i18n();
    let text = move |key: Key| move || i18n.t(key).to_string();
    let hint = move |key: Key| Signal::derive(move || Some(i18n.t(key).to_string()));
    let kinds = Signal::derive(move || {
        vec![
            ("formal".to_string(), i18n.t(Key::Formal).to_string()),
            ("informal".to_string(), i18n.t(Key::Informal).to_string()),
        ]
    });
    let key_fields = move || match editing.get() {
        Some(key) => view! {
            <p class="rm-fixed">
                <span class="rm-fixed-label">{text(Key::FormulaKey)}</span>
                " "
                <strong>{describe(&i18n, &key)}</strong>
            </p>
        }
        .into_any(),
        None => view! {
            <TextField
                label=text(Key::SalutationCode)
                value=form.code
                error=feedback.at("salutation_code")
                hint=hint(Key::SalutationCodeHint)
                autocomplete="off"
            />
            <TextField
                label=text(Key::Language)
                value=form.language
                error=feedback.at("language")
                hint=hint(Key::LanguageHint)
                autocomplete="off"
            />
            <SelectField label=text(Key::Kind) value=form.kind options=kinds/>
        }
        .into_any(),
    };
    view! {
        {key_fields}
        <TextField
            label=text(Key::Formula)
            value=form.formula
            error=feedback.at("formula")
            hint=hint(Key::FormulaHint)
            autocomplete="off"
        />
        <NamePartFields form/>
    }
}

/// One drop-down per `%n` slot, with add and remove.
#[component]
fn NamePartFields(
    /// The form being edited.
    form: Form,
) -> impl IntoView {
    let i18n = use_i18n();
    let options = Signal::derive(move || {
        NAME_PARTS
            .iter()
            .map(|p| (part_value(*p), i18n.t(part_key(*p)).to_string()))
            .collect::<Vec<_>>()
    });
    let count = move || form.parts.with(Vec::len);
    view! {
        <fieldset class="rm-group">
            <legend>{move || i18n.t(Key::NameParts)}</legend>
            {move || {
                form.parts
                    .get()
                    .into_iter()
                    .enumerate()
                    .map(|(i, value)| {
                        let slot = (i + 1).to_string();
                        view! {
                            <SelectField
                                label=move || i18n.tf(Key::NamePartSlot, &[("n", &slot)])
                                value
                                options
                            />
                        }
                    })
                    .collect_view()
            }}
            <div class="rm-buttons inline">
                <button
                    type="button"
                    class="rm-button small"
                    disabled=move || { count() >= MAX_PARTS }
                    on:click=move |_| {
                        form.parts.update(|p| p.push(RwSignal::new(part_value(NamePart::FirstName))))
                    }
                >
                    {move || i18n.t(Key::AddNamePart)}
                </button>
                <button
                    type="button"
                    class="rm-button small"
                    disabled=move || count() == 0
                    on:click=move |_| form.parts.update(|p| {
                        p.pop();
                    })
                >
                    {move || i18n.t(Key::RemoveNamePart)}
                </button>
            </div>
        </fieldset>
    }
}
