//! Salespeople: code, name, job title, e-mail and phone (product.md §2). Letters name them
//! through `{{salesperson.*}}`, and contacts and segments refer to them by code.

use leptos::prelude::*;

use super::setup_codes::CodeField;
use super::setup_common::{
    empty_or, Confirm, EditDialog, Feedback, FeedbackList, RowActions, Section, CODE_EXISTS,
};
use crate::core::ids::Code;
use crate::core::model::Salesperson;
use crate::core::problem::Problem;
use crate::ui::components::TextField;
use crate::ui::i18n::use_i18n;
use crate::ui::i18n_catalogue::setup::Key;
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

    let open = RwSignal::new(false);
    let editing = RwSignal::new(None::<Code>);
    let form = Form::new();
    let feedback = Feedback::new();
    let start = move |record: Option<Salesperson>| {
        feedback.clear();
        form.fill(&record.clone().unwrap_or_default());
        editing.set(record.map(|r| r.code));
        open.set(true);
    };
    let save = move |_| {
        let salesperson = form.value();
        let taken = editing.get_untracked().is_none()
            && !salesperson.code.is_empty()
            && rows.with_untracked(|r| r.iter().flatten().any(|s| s.code == salesperson.code));
        if taken {
            feedback.0.set(vec![
                Problem::field("code", CODE_EXISTS).with(&salesperson.code)
            ]);
            return;
        }
        feedback.commit(
            data,
            move |db| db.save_salesperson(salesperson.clone()),
            move |_| open.set(false),
        );
    };

    let section_feedback = Feedback::new();
    let confirm = RwSignal::new(false);
    let doomed = RwSignal::new(None::<Code>);
    let delete = move |_| {
        if let Some(code) = doomed.get_untracked() {
            section_feedback.commit(data, move |db| db.delete_salesperson(&code), |_| {});
        }
    };

    let title = move || match editing.get() {
        Some(code) => i18n.tf(Key::EditTitle, &[("name", code.as_str())]),
        None => i18n.t(Key::AddSalesperson).to_string(),
    };
    let head = move |key: Key| view! { <th scope="col">{move || i18n.t(key)}</th> };
    let list = move || {
        empty_or(
            rows.with(|r| r.as_ref().map(Vec::len)),
            Key::SalespeopleEmpty,
            move || {
                view! {
                    <table class="rm-table">
                        <thead>
                            <tr>
                                {head(Key::Code)}
                                {head(Key::Name)}
                                {head(Key::JobTitle)}
                                {head(Key::Email)}
                                {head(Key::Phone)}
                                <th scope="col"><span class="visually-hidden">{move || i18n.t(Key::Actions)}</span></th>
                            </tr>
                        </thead>
                        <tbody>
                            {rows
                                .get()
                                .unwrap_or_default()
                                .into_iter()
                                .map(|s| {
                                    let record = s.clone();
                                    let code = s.code.clone();
                                    view! {
                                        <tr>
                                            <td class="rm-code">{s.code.to_string()}</td>
                                            <td>{s.name}</td>
                                            <td>{s.job_title}</td>
                                            <td>{s.email}</td>
                                            <td>{s.phone}</td>
                                            <RowActions
                                                name=s.code.to_string()
                                                on_edit=Callback::new(move |_| start(Some(record.clone())))
                                                on_delete=Callback::new(move |_| {
                                                    section_feedback.clear();
                                                    doomed.set(Some(code.clone()));
                                                    confirm.set(true);
                                                })
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
    };

    let text = move |key: Key| move || i18n.t(key).to_string();
    view! {
        <Section id="salespeople" title=Key::Salespeople add=Key::AddSalesperson on_add=Callback::new(move |_| start(None))>
            <FeedbackList feedback=section_feedback/>
            {list}
            <EditDialog open title feedback fields=&["code", "name", "job_title", "email", "phone"] on_save=Callback::new(save)>
                <CodeField editing code=form.code error=feedback.at("code")/>
                <TextField label=text(Key::Name) value=form.name error=feedback.at("name")/>
                <TextField label=text(Key::JobTitle) value=form.job_title error=feedback.at("job_title")/>
                <TextField label=text(Key::Email) value=form.email error=feedback.at("email") input_type="email"/>
                <TextField label=text(Key::Phone) value=form.phone error=feedback.at("phone") input_type="tel"/>
            </EditDialog>
            <Confirm
                open=confirm
                title=text(Key::DeleteTitle)
                text=move || {
                    let code = doomed.get().map(|c| c.to_string()).unwrap_or_default();
                    i18n.tf(Key::DeleteQuestion, &[("name", &code)])
                }
                yes=text(Key::Delete)
                on_yes=Callback::new(delete)
            />
        </Section>
    }
}
