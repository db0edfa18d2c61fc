//! Salespeople: code, name, job title, e-mail and phone (product.md §2). Letters name them
//! through `{{salesperson.*}}`, and contacts and segments refer to them by code.

use leptos::prelude::*;

use super::codes::CodeField;
use super::{
    code_taken, DeleteQuestion, Deleting, EditDialog, Editing, FeedbackList, RecordTable, Section,
};
use crate::core::ids::Code;
use crate::core::model::Salesperson;
use crate::ui::components::TextField;
use crate::ui::i18n::{use_i18n, AnyKey};
use crate::ui::i18n_catalogue::setup::Key;
use crate::ui::i18n_catalogue::terms::Key as Term;
use crate::ui::state::use_data;

/// The form's values, one signal per field.
#[derive(Clone, Copy)]
struct Form {
    code: RwSignal<String>,
    name: RwSignal<String>,
    job_title: RwSignal<String>,
    email: RwSignal<String>,
    phone: RwSignal<String>,
}

impl Form {
    fn new() -> Self {
        Form {
            code: RwSignal::new(String::new()),
            name: RwSignal::new(String::new()),
            job_title: RwSignal::new(String::new()),
            email: RwSignal::new(String::new()),
            phone: RwSignal::new(String::new()),
        }
    }

    fn fill(self, s: &Salesperson) {
        self.code.set(s.code.to_string());
        self.name.set(s.name.clone());
        self.job_title.set(s.job_title.clone());
        self.email.set(s.email.clone());
        self.phone.set(s.phone.clone());
    }

    fn value(self) -> Salesperson {
        Salesperson {
            code: Code::new(&self.code.get_untracked()),
            name: self.name.get_untracked().trim().to_string(),
            job_title: self.job_title.get_untracked().trim().to_string(),
            email: self.email.get_untracked(),
            phone: self.phone.get_untracked().trim().to_string(),
        }
    }
}

#[component]
pub fn SalespeopleSection() -> impl IntoView {
    let i18n = use_i18n();
    let data = use_data();
    let rows =
        Memo::new(move |_| data.with_db(|db| db.salespeople.values().cloned().collect::<Vec<_>>()));

    let editing = Editing::<Code>::new();
    let form = Form::new();
    let feedback = editing.feedback;
    let start = move |record: Option<Salesperson>| {
        form.fill(&record.clone().unwrap_or_default());
        editing.start(record.map(|r| r.code));
    };
    let save = move |_| {
        let salesperson = form.value();
        let taken = code_taken(rows, &salesperson.code, |s| &s.code);
        editing.save(data, taken, move |db| {
            db.save_salesperson(salesperson.clone())
        });
    };
    let deleting = Deleting::<Salesperson>::new();
    let delete = move |_| deleting.commit(data, |db, s| db.delete_salesperson(&s.code));

    let cells = |s: Salesperson| {
        view! {
            <td class="rm-code">{s.code.to_string()}</td>
            <td>{s.name}</td>
            <td>{s.job_title}</td>
            <td>{s.email}</td>
            <td>{s.phone}</td>
        }
        .into_any()
    };
    let name = |s: Salesperson| s.code.to_string();
    let text = move |key: AnyKey| move || i18n.t(key).to_string();
    view! {
        <Section id="salespeople" title=Key::Salespeople add=Key::AddSalesperson on_add=Callback::new(move |_| start(None))>
            <FeedbackList feedback=deleting.feedback/>
            <RecordTable
                rows
                empty=Key::SalespeopleEmpty
                columns=const { &[Term::Code.any(), Term::Name.any(), Term::JobTitle.any(), Term::Email.any(), Term::Phone.any()] }
                cells=Callback::new(cells)
                name=Callback::new(name)
                on_edit=Callback::new(move |s| start(Some(s)))
                on_delete=Callback::new(move |s| deleting.ask(s))
            />
            <EditDialog
                open=editing.open
                title=editing.title(Key::AddSalesperson, Code::to_string)
                feedback
                fields=&["code", "name", "job_title", "email", "phone"]
                on_save=Callback::new(save)
            >
                <CodeField editing=editing.editing code=form.code error=feedback.at("code")/>
                <TextField label=text(Term::Name.any()) value=form.name error=feedback.at("name")/>
                <TextField label=text(Term::JobTitle.any()) value=form.job_title error=feedback.at("job_title")/>
                <TextField label=text(Term::Email.any()) value=form.email error=feedback.at("email") input_type="email"/>
                <TextField label=text(Term::Phone.any()) value=form.phone error=feedback.at("phone") input_type="tel"/>
            </EditDialog>
            <DeleteQuestion deleting name=Callback::new(name) on_yes=Callback::new(delete)/>
        </Section>
    }
}
