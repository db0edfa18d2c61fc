//! Showing the core's problems in the user's language.

use crate::core::problem::{Place, Problem, Severity};
use crate::ui::i18n::{use_i18n, I18n};
use crate::ui::i18n_catalogue::problems::key_of;
use leptos::prelude::*;

/// The message of a problem: the catalogue's text for its code with `{0}`, `{1}`, … filled
/// from its arguments (and `{code}` for codes without a message yet).
pub fn problem_text(i18n: &I18n, problem: &Problem) -> String {
    let mut text = key_of(&problem.code).text(i18n.lang.get()).to_string();
    for (index, arg) in problem.args.iter().enumerate() {
        text = text.replace(&format!("{{{index}}}"), arg);
    }
    text.replace("{code}", &problem.code)
}

/// A list of problems, errors first marked as such; each item names its line when it has one.
#[component]
pub fn ProblemList(
    /// The problems to show; nothing is rendered when empty.
    #[prop(into)]
    problems: Signal<Vec<Problem>>,
    /// The label of a line reference, e.g. "Line {line}"; lines are not named when absent.
    #[prop(optional, into)]
    line_label: MaybeProp<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let problems = problems.get();
        (!problems.is_empty()).then(|| {
            let items = problems
                .into_iter()
                .map(|problem| {
                    let class = match problem.severity {
                        Severity::Error => "problem error",
                        Severity::Warning => "problem warning",
                    };
                    let place = match (&problem.place, line_label.get()) {
                        (Place::Line { line_no, .. }, Some(label)) => {
                            Some(label.replace("{line}", &line_no.to_string()))
                        }
                        _ => None,
                    };
                    let text = problem_text(&i18n, &problem);
                    view! {
                        <li class=class>
                            {place.map(|p| view! { <span class="problem-place">{p}": "</span> })}
                            {text}
                        </li>
                    }
                })
                .collect_view();
            view! { <ul class="problems" role="alert">{items}</ul> }
        })
    }
}
