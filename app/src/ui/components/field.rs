use crate::contract::choice::Choice;
use crate::domain::field_error::FieldError;
use leptos::prelude::*;

/// The message for `name` among `errors`.
pub fn error_for(errors: &[FieldError], name: &str) -> Option<String> {
    errors
        .iter()
        .find(|e| e.field == name)
        .map(|e| e.message.clone())
}

/// A labelled text input with its hint and its error, wired for screen readers: the input's id is
/// `field-<name>` (the error summary links there) and it is described by the error or the hint.
#[component]
pub fn TextField(
    name: &'static str,
    label: &'static str,
    #[prop(into)] value: String,
    #[prop(default = None)] error: Option<String>,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional)] inputmode: Option<&'static str>,
) -> impl IntoView {
    let id = format!("field-{name}");
    let hint_id = format!("hint-{name}");
    let error_id = format!("error-{name}");
    let described = match (&error, hint) {
        (Some(_), _) => Some(error_id.clone()),
        (None, Some(_)) => Some(hint_id.clone()),
        (None, None) => None,
    };
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <input
                id=id
                name=name
                type=kind
                value=value
                autocomplete=autocomplete
                inputmode=inputmode
                aria-invalid=error.is_some().then_some("true")
                aria-describedby=described
            />
            {hint.map(|h| view! { <p class="field-hint" id=hint_id>{h}</p> })}
            {error.map(|m| view! { <p class="field-error" id=error_id>{m}</p> })}
        </div>
    }
}

/// A checkbox with its label to the right and its error below.
#[component]
pub fn CheckField(
    name: &'static str,
    #[prop(into)] label: String,
    checked: bool,
    #[prop(default = None)] error: Option<String>,
) -> impl IntoView {
    let id = format!("field-{name}");
    let error_id = format!("error-{name}");
    view! {
        <div class="field">
            <div class="field-check">
                <input
                    id=id.clone()
                    name=name
                    type="checkbox"
                    value="1"
                    checked=checked
                    aria-invalid=error.is_some().then_some("true")
                    aria-describedby=error.is_some().then(|| error_id.clone())
                />
                <label for=id>{label}</label>
            </div>
            {error.map(|m| view! { <p class="field-error" id=error_id>{m}</p> })}
        </div>
    }
}

/// A labelled select with an «any» first option, its current choice, and its error.
#[component]
pub fn SelectField(
    name: &'static str,
    label: &'static str,
    /// `(value, label)` of each choice.
    choices: Vec<(String, String)>,
    #[prop(into)] selected: String,
    #[prop(default = "Все")] empty: &'static str,
    #[prop(default = None)] error: Option<String>,
) -> impl IntoView {
    let id = format!("field-{name}");
    let error_id = format!("error-{name}");
    let described = error.as_ref().map(|_| error_id.clone());
    let selected = selected.trim().to_owned();
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <select id=id name=name aria-invalid=error.is_some().then_some("true") aria-describedby=described>
                <option value="">{empty}</option>
                {choices
                    .into_iter()
                    .map(|(value, text)| {
                        let is_selected = value == selected;
                        view! { <option value=value selected=is_selected>{text}</option> }
                    })
                    .collect_view()}
            </select>
            {error.map(|m| view! { <p class="field-error" id=error_id>{m}</p> })}
        </div>
    }
}

/// A labelled multi-line input; `id` is given because one page may hold several with one name.
#[component]
pub fn TextAreaField(
    name: &'static str,
    #[prop(into)] id: String,
    #[prop(into)] label: String,
    #[prop(into)] value: String,
    #[prop(default = None)] error: Option<String>,
    #[prop(default = false)] required: bool,
) -> impl IntoView {
    let error_id = format!("{id}-error");
    let described = error.as_ref().map(|_| error_id.clone());
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <textarea
                id=id
                name=name
                rows="4"
                maxlength="2000"
                required=required
                aria-invalid=error.is_some().then_some("true")
                aria-describedby=described
            >
                {value}
            </textarea>
            {error.map(|m| view! { <p class="field-error" id=error_id>{m}</p> })}
        </div>
    }
}

/// A labelled select whose choices may come in titled groups (an empty title: no group).
#[component]
pub fn GroupedSelect(
    name: &'static str,
    label: &'static str,
    groups: Vec<(&'static str, Vec<Choice>)>,
    selected: String,
    prompt: Option<&'static str>,
    error: Option<String>,
) -> impl IntoView {
    let id = format!("field-{name}");
    let error_id = format!("error-{name}");
    let described = error.as_ref().map(|_| error_id.clone());
    let options = move |choices: Vec<Choice>, selected: &str| {
        choices
            .into_iter()
            .map(|c| {
                let is = c.value == selected;
                view! { <option value=c.value selected=is>{c.label}</option> }
            })
            .collect_view()
    };
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <select id=id name=name aria-invalid=error.is_some().then_some("true") aria-describedby=described>
                {prompt.map(|p| view! { <option value="">{p}</option> })}
                {groups
                    .into_iter()
                    .filter(|(_, choices)| !choices.is_empty())
                    .map(|(title, choices)| {
                        if title.is_empty() {
                            options(choices, &selected).into_any()
                        } else {
                            view! { <optgroup label=title>{options(choices, &selected)}</optgroup> }.into_any()
                        }
                    })
                    .collect_view()}
            </select>
            {error.map(|m| view! { <p class="field-error" id=error_id>{m}</p> })}
        </div>
    }
}
