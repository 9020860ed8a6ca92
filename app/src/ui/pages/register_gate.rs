use crate::ui::components::steps::StepIndicator;
use leptos::prelude::*;

/// Step 1 (R2): a parent who has an account is sent to log in, not to register again.
#[component]
pub fn RegisterGatePage() -> impl IntoView {
    view! {
        <h1>"Регистрация"</h1>
        <StepIndicator current=1 />
        <section class="card" aria-labelledby="gate-question">
            <h2 id="gate-question">"Вы уже регистрировались в системе?"</h2>
            <p>"Ребенок добавляется в систему только один раз. Если аккаунт уже есть, новый создавать не нужно — система даст ошибку."</p>
            <div class="choice-list">
                <a class="button button-secondary" href="/register/already">
                    "Да, уже регистрировался(-ась)"
                </a>
                <a class="button button-primary" href="/register/new">
                    "Нет, регистрируюсь впервые"
                </a>
            </div>
        </section>
    }
}

/// «Да» of the gate: log in, reset the password, or find out the e-mail at the institution.
#[component]
pub fn RegisterAlreadyPage() -> impl IntoView {
    view! {
        <h1>"У вас уже есть аккаунт"</h1>
        <p class="lead">"Не нужно создавать новый аккаунт, т.к. система даст ошибку."</p>
        <ul class="link-list card">
            <li>
                <a href="/login">"Войти с почтой и паролем"</a>
            </li>
            <li>
                <a href="/reset-password">"Забыли пароль — восстановить по почте"</a>
            </li>
        </ul>
        <section class="notice notice-important" id="forgot-email" aria-labelledby="forgot-heading">
            <h2 id="forgot-heading">"Не помню почту"</h2>
            <p>
                "Обратитесь в образовательное учреждение (школа/дет. сад/УДО): оператор подскажет вашу почту."
            </p>
            <h2>"Нет доступа к почте или почта на gmail.com"</h2>
            <p>
                "Обратитесь в образовательное учреждение (школа/дет. сад/УДО): оператор заменит вашу почту после проверки документов."
            </p>
            <p>
                "Если учреждение не может помочь, звоните на горячую линию МОЦ г. Иваново: "
                <a href="tel:+74932482808">"48-28-08"</a>
                " (вт, чт с 13.00 до 16.30)."
            </p>
            <p>
                <a href="/help/forgot-email">"Подробнее: не помню почту"</a>
                " · "
                <a href="/help/no-email-access">"нет доступа к почте или почта на gmail.com"</a>
                " · "
                <a href="/help">"другие ситуации"</a>
            </p>
        </section>
    }
}
