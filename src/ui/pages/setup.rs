//! Set-up: the tables everything else refers to (product.md §2): salespeople, the four
//! classifications, profile questionnaires, salutation formulas and our company. One page with
//! a headed section per table and in-page links to each, because the tables are short and
//! people set them up in one sitting. Interaction groups live on the Templates page, beside
//! their templates; a note here points there.

use leptos::prelude::*;

use super::setup_codes::{CodeSection, CodeTable};
use super::setup_company::OurCompanySection;
use super::setup_questionnaires::QuestionnaireSection;
use super::setup_salespeople::SalespeopleSection;
use super::setup_salutations::SalutationSection;
use super::PageHeader;
use crate::core::model::ClassificationKind;
use crate::ui::i18n::{self as shell, use_i18n};
use crate::ui::i18n_catalogue::setup::Key;
use crate::ui::routes::{use_router, Page};

const CLASSIFICATIONS: [CodeTable; 4] = [
    CodeTable(ClassificationKind::MailingGroup),
    CodeTable(ClassificationKind::IndustryGroup),
    CodeTable(ClassificationKind::BusinessRelation),
    CodeTable(ClassificationKind::JobResponsibility),
];

#[component]
pub fn Setup() -> impl IntoView {
    view! {
        <PageHeader title=shell::Key::PageSetup intro=shell::Key::SetupIntro/>
        <div class="rm setup">
            <SectionLinks/>
            <TemplatesNote/>
            <SalespeopleSection/>
            {CLASSIFICATIONS.map(|table| view! { <CodeSection table/> })}
            <QuestionnaireSection/>
            <SalutationSection/>
            <OurCompanySection/>
        </div>
    }
}

/// Links to every section of the page, in page order.
#[component]
fn SectionLinks() -> impl IntoView {
    let i18n = use_i18n();
    let mut links = vec![("salespeople", Key::Salespeople)];
    links.extend(CLASSIFICATIONS.map(|t| (t.anchor(), t.title())));
    links.extend([
        ("questionnaires", Key::Questionnaires),
        ("salutation-formulas", Key::SalutationFormulas),
        ("our-company", Key::OurCompany),
    ]);
    view! {
        <nav class="rm-section-links" aria-label=move || i18n.t(Key::SectionsLabel)>
            <ul>
                {links
                    .into_iter()
                    .map(|(anchor, title)| {
                        view! { <li><a href=format!("#{anchor}")>{move || i18n.t(title)}</a></li> }
                    })
                    .collect_view()}
            </ul>
        </nav>
    }
}

/// Where interaction groups are: with the templates, which each belong to one.
#[component]
fn TemplatesNote() -> impl IntoView {
    let i18n = use_i18n();
    let router = use_router();
    let page = Page::Templates;
    let click = move |ev: leptos::ev::MouseEvent| {
        if ev.button() == 0 && !(ev.ctrl_key() || ev.meta_key() || ev.shift_key()) {
            ev.prevent_default();
            router.navigate(page);
        }
    };
    view! {
        <p class="hint rm-note">
            {move || i18n.t(Key::GroupsOnTemplates)}
            " "
            <a href=page.href() on:click=click>{move || i18n.t(Key::GoToTemplates)}</a>
        </p>
    }
}
