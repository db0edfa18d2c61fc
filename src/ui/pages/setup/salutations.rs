//! Salutation formulas (product.md §2, reference-bc.md §1.3): per salutation code, language and
//! formal or informal, a formula such as `Dear %1 %2,` whose `%n` slots are filled with the
//! contact's chosen name parts. Letters greet contacts with them.

use leptos::prelude::*;

use super::{
    DeleteQuestion, Deleting, EditDialog, Editing, Feedback, FeedbackList, RecordTable, Section,
    FORMULA_EXISTS,
};
use crate::core::ids::Code;
use crate::core::model::{NamePart, SalutationFormula, SalutationKind};
use crate::core::problem::Problem;
use crate::ui::components::{SelectField, TextField};
use crate::ui::i18n::{use_i18n, AnyKey, I18n};
use crate::ui::i18n_catalogue::setup::Key;
use crate::ui::i18n_catalogue::terms::Key as Term;
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

fn part_key(part: NamePart) -> AnyKey {
    match part {
        NamePart::JobTitle => Term::JobTitle.any(),
        NamePart::FirstName => Term::FirstName.any(),
        NamePart::MiddleName => Term::MiddleName.any(),
        NamePart::Surname => Term::Surname.any(),
        NamePart::Initials => Key::PartInitials.any(),
        NamePart::CompanyName => Term::CompanyName.any(),
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

    let editing = Editing::<FormulaKey>::new();
    let form = Form::new();
    let start = move |record: Option<SalutationFormula>| {
        form.fill(record.as_ref());
        editing.start(record.as_ref().map(key_of));
    };
    let save = move |_| {
        let mut formula = form.value();
        formula.language = formula.language.to_lowercase();
        let taken = rows
            .with_untracked(|r| r.iter().flatten().any(|f| key_of(f) == key_of(&formula)))
            .then(|| Problem::field("salutation_code", FORMULA_EXISTS));
        editing.save(data, taken, move |db| {
            db.save_salutation_formula(formula.clone())
        });
    };
    let deleting = Deleting::<SalutationFormula>::new();
    let delete = move |_| {
        deleting.commit(data, |db, f| {
            db.delete_salutation_formula(&f.salutation_code, &f.language, f.kind)
        })
    };
    let name = move |f: SalutationFormula| describe(&i18n, &key_of(&f));
    view! {
        <Section
            id="salutation-formulas"
            title=Key::SalutationFormulas
            add=Key::AddSalutationFormula
            on_add=Callback::new(move |_| start(None))
        >
            <FeedbackList feedback=deleting.feedback/>
            <RecordTable
                rows
                empty=Key::SalutationFormulasEmpty
                columns=const { &[Term::SalutationCode.any(), Term::Language.any(), Key::Kind.any(), Key::Formula.any(), Key::NameParts.any()] }
                cells=Callback::new(move |f| formula_cells(i18n, f))
                name=Callback::new(name)
                on_edit=Callback::new(move |f| start(Some(f)))
                on_delete=Callback::new(move |f| deleting.ask(f))
            />
            <EditDialog
                open=editing.open
                title=editing.title(Key::AddSalutationFormula, move |key| describe(&i18n, key))
                feedback=editing.feedback
                fields=&["salutation_code", "language", "formula"]
                on_save=Callback::new(save)
            >
                <FormulaFields form editing=editing.editing feedback=editing.feedback/>
            </EditDialog>
            <DeleteQuestion deleting name=Callback::new(name) on_yes=Callback::new(delete)/>
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

/// The cells of one formula in the list: its key, the formula and the name parts.
fn formula_cells(i18n: I18n, f: SalutationFormula) -> AnyView {
    let code = f.salutation_code.clone();
    let language = f.language.clone();
    let parts = f.parts.clone();
    view! {
        <td class="rm-code">
            {move || if code.is_empty() { i18n.t(Key::NoSalutationCode).to_string() } else { code.to_string() }}
        </td>
        <td>
            {move || if language.is_empty() { i18n.t(Key::AnyLanguage).to_string() } else { language.clone() }}
        </td>
        <td>{move || i18n.t(kind_key(f.kind))}</td>
        <td class="rm-formula">{f.formula.clone()}</td>
        <td>{move || parts_text(&i18n, &parts)}</td>
    }
    .into_any()
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
    let text = move |key: AnyKey| move || i18n.t(key).to_string();
    let hint = move |key: AnyKey| Signal::derive(move || Some(i18n.t(key).to_string()));
    let kinds = Signal::derive(move || {
        vec![
            ("formal".to_string(), i18n.t(Key::Formal).to_string()),
            ("informal".to_string(), i18n.t(Key::Informal).to_string()),
        ]
    });
    let key_fields = move || match editing.get() {
        Some(key) => view! {
            <p class="rm-fixed">
                <span class="rm-fixed-label">{text(Key::FormulaKey.any())}</span>
                " "
                <strong>{describe(&i18n, &key)}</strong>
            </p>
        }
        .into_any(),
        None => view! {
            <TextField
                label=text(Term::SalutationCode.any())
                value=form.code
                error=feedback.at("salutation_code")
                hint=hint(Key::SalutationCodeHint.any())
                autocomplete="off"
            />
            <TextField
                label=text(Term::Language.any())
                value=form.language
                error=feedback.at("language")
                hint=hint(Key::LanguageHint.any())
                autocomplete="off"
            />
            <SelectField label=text(Key::Kind.any()) value=form.kind options=kinds/>
        }
        .into_any(),
    };
    view! {
        {key_fields}
        <TextField
            label=text(Key::Formula.any())
            value=form.formula
            error=feedback.at("formula")
            hint=hint(Key::FormulaHint.any())
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
                    class="small"
                    disabled=move || { count() >= MAX_PARTS }
                    on:click=move |_| {
                        form.parts.update(|p| p.push(RwSignal::new(part_value(NamePart::FirstName))))
                    }
                >
                    {move || i18n.t(Key::AddNamePart)}
                </button>
                <button
                    type="button"
                    class="small"
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
