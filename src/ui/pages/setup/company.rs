//! Our company: the sender's details that letters show through `{{our_company.*}}`
//! (product.md §2). One record, edited in place rather than in a dialog.

use leptos::prelude::*;

use super::{Feedback, FeedbackList, Section};
use crate::core::model::OurCompany;
use crate::ui::components::TextField;
use crate::ui::i18n::{use_i18n, AnyKey};
use crate::ui::i18n_catalogue::setup::Key;
use crate::ui::i18n_catalogue::terms::Key as Term;
use crate::ui::state::use_data;

/// The fields in form order: (field name as the core names it, label, input type).
const FIELDS: [(&str, AnyKey, &str); 10] = [
    ("name", Term::CompanyName.any(), "text"),
    ("address", Term::Address.any(), "text"),
    ("address_2", Key::Address2.any(), "text"),
    ("post_code", Term::PostCode.any(), "text"),
    ("city", Term::City.any(), "text"),
    ("country", Term::Country.any(), "text"),
    ("phone", Term::Phone.any(), "tel"),
    ("email", Term::Email.any(), "email"),
    ("vat_no", Key::VatNo.any(), "text"),
    ("bank_account", Key::BankAccount.any(), "text"),
];

fn get(company: &OurCompany, field: &str) -> String {
    match field {
        "name" => &company.name,
        "address" => &company.address,
        "address_2" => &company.address_2,
        "post_code" => &company.post_code,
        "city" => &company.city,
        "country" => &company.country,
        "phone" => &company.phone,
        "email" => &company.email,
        "vat_no" => &company.vat_no,
        _ => &company.bank_account,
    }
    .clone()
}

fn set(company: &mut OurCompany, field: &str, value: String) {
    let slot = match field {
        "name" => &mut company.name,
        "address" => &mut company.address,
        "address_2" => &mut company.address_2,
        "post_code" => &mut company.post_code,
        "city" => &mut company.city,
        "country" => &mut company.country,
        "phone" => &mut company.phone,
        "email" => &mut company.email,
        "vat_no" => &mut company.vat_no,
        _ => &mut company.bank_account,
    };
    *slot = value.trim().to_string();
}

#[component]
pub fn OurCompanySection() -> impl IntoView {
    let data = use_data();
    // A memo, so that the form is rebuilt only when our company itself changes (here or in
    // another tab), not on every commit, which would wipe what is being typed.
    let stored = Memo::new(move |_| data.with_db(|db| db.our_company.clone()));
    // Kept here, because saving rebuilds the form with the saved values.
    let saved = RwSignal::new(false);
    view! {
        <Section id="our-company" title=Key::OurCompany>
            {move || stored.get().map(|company| view! { <CompanyForm company saved/> })}
        </Section>
    }
}

/// The form, filled with the stored values.
#[component]
fn CompanyForm(
    /// The values stored now.
    company: OurCompany,
    /// Whether the last save succeeded and nothing has been typed since.
    saved: RwSignal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let data = use_data();
    let feedback = Feedback::new();
    let values: Vec<(&'static str, AnyKey, &'static str, RwSignal<String>)> = FIELDS
        .iter()
        .map(|(field, label, kind)| (*field, *label, *kind, RwSignal::new(get(&company, field))))
        .collect();
    let values = StoredValue::new(values);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        saved.set(false);
        let mut company = OurCompany::default();
        values.with_value(|values| {
            for (field, _, _, value) in values {
                set(&mut company, field, value.get_untracked());
            }
        });
        feedback.commit(
            data,
            move |db| db.save_our_company(company.clone()),
            move |_| saved.set(true),
        );
    };
    let fields = values.with_value(|values| {
        values
            .iter()
            .map(|(field, label, kind, value)| {
                let label = *label;
                view! {
                    <TextField
                        label=move || i18n.t(label).to_string()
                        value=*value
                        error=feedback.at(field)
                        input_type=kind
                    />
                }
            })
            .collect_view()
    });
    let fields_shown: &'static [&'static str] = &[
        "name",
        "address",
        "address_2",
        "post_code",
        "city",
        "country",
        "phone",
        "email",
        "vat_no",
        "bank_account",
    ];
    view! {
        <form class="rm-form rm-company" novalidate=true on:submit=save on:input=move |_| saved.set(false)>
            <p class="hint">{move || i18n.t(Key::OurCompanyHint)}</p>
            <div class="rm-company-fields">{fields}</div>
            <FeedbackList feedback fields=fields_shown/>
            <div class="rm-buttons">
                <button type="submit" class="primary">{move || i18n.t(Key::SaveCompany)}</button>
                <p class="rm-status" role="status">{move || saved.get().then(|| i18n.t(Term::Saved))}</p>
            </div>
        </form>
    }
}
