use leptos::prelude::*;

pub const REGISTRATION_STEPS: [&str; 5] = ["Вопрос", "О вас", "Контакты", "Пароль", "Почта"];

/// Where the registration is: «Шаг 2 из 5 — О вас», and the list of steps for those who look.
#[component]
pub fn StepIndicator(current: u8) -> impl IntoView {
    let total = REGISTRATION_STEPS.len();
    let name = REGISTRATION_STEPS
        .get(usize::from(current.saturating_sub(1)))
        .copied()
        .unwrap_or("");
    view! {
        <nav class="steps" aria-label="Шаги регистрации">
            <p class="steps-position">{format!("Шаг {current} из {total} — {name}")}</p>
            <ol class="steps-list">
                {REGISTRATION_STEPS
                    .iter()
                    .enumerate()
                    .map(|(i, step)| {
                        let n = u8::try_from(i + 1).unwrap_or(0);
                        let class = if n < current {
                            "step step-done"
                        } else if n == current {
                            "step step-current"
                        } else {
                            "step"
                        };
                        view! {
                            <li class=class aria-current=(n == current).then_some("step")>
                                {*step}
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
        </nav>
    }
}
