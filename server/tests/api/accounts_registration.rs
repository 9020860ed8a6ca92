use crate::accounts_support::*;
use crate::helpers::{spawn_seeded_app, Backend, TestApp};
use crate::on_both_backends;
use app::contract::accounts::{RegistrationOutcome, SignedIn, WizardStep};
use app::domain::account::email::GMAIL_WARNING;
use app::domain::account::phone::PHONE_NOT_RUSSIAN;
use app::server::services::registration::{ACCOUNT_EXISTS, CONSENT_REQUIRED};

on_both_backends!(
    a_parent_registers_confirms_the_email_and_is_signed_in_after_logging_in,
    each_step_reports_its_own_mistakes_at_their_fields,
    going_back_keeps_everything_typed,
    gmail_is_warned_about_but_not_refused,
    a_second_account_with_the_same_email_or_phone_is_refused_with_guidance,
    concurrent_registrations_of_one_email_create_one_account,
    a_confirmation_link_works_once_and_a_forged_one_never,
);

fn step_of(outcome: &RegistrationOutcome) -> WizardStep {
    match outcome {
        RegistrationOutcome::Step { step, .. } => *step,
        RegistrationOutcome::Registered { .. } => panic!("registered too early"),
    }
}

fn error_at(outcome: &RegistrationOutcome, field: &str) -> Option<String> {
    match outcome {
        RegistrationOutcome::Step { errors, .. } => errors
            .iter()
            .find(|e| e.field == field)
            .map(|e| e.message.clone()),
        RegistrationOutcome::Registered { .. } => None,
    }
}

async fn login(
    app: &TestApp,
    client: &reqwest::Client,
    email: &str,
    password: &str,
) -> (u16, String) {
    app.post_with(
        client,
        "/api/accounts/login",
        &[("email", email), ("password", password)],
    )
    .await
}

async fn current_user(app: &TestApp, client: &reqwest::Client) -> Option<SignedIn> {
    let response = client
        .get(format!("{}/api/accounts/current-user", app.base))
        .send()
        .await
        .unwrap();
    response.json().await.unwrap()
}

async fn a_parent_registers_confirms_the_email_and_is_signed_in_after_logging_in(backend: Backend) {
    let Some(app) = spawn_seeded_app(backend).await else {
        return;
    };
    let client = TestApp::new_client();
    let outcome = register(
        &app,
        &client,
        &Parent {
            email: "Olga.Ivanova@Mail.ru",
            phone: "8 (912) 345-67-89",
        },
    )
    .await;
    assert_eq!(
        outcome,
        RegistrationOutcome::Registered {
            email: "Olga.Ivanova@Mail.ru".into()
        }
    );
    let letters = letters_to(&app, "olga.ivanova@mail.ru").await;
    assert_eq!(letters.len(), 1);
    assert_eq!(letters[0].subject, "Подтвердите почту в «Кружке»");
    let link = link_in(&letters[0], "http://");
    assert!(link.contains("/confirm-email?token="));

    let (status, body) = login(&app, &client, "olga.ivanova@mail.ru", PASSWORD).await;
    assert_eq!(status, 200, "{body}");
    let me = current_user(&app, &client).await.expect("signed in");
    assert_eq!(me.display_name, "Ольга Петровна");
    assert!(!me.email_confirmed);

    let (status, _) = app
        .post_with(
            &client,
            "/api/accounts/confirm-email",
            &[("token", &token_of(&link))],
        )
        .await;
    assert_eq!(status, 200);
    assert!(current_user(&app, &client).await.unwrap().email_confirmed);
    app.finish().await;
}

async fn each_step_reports_its_own_mistakes_at_their_fields(backend: Backend) {
    let Some(app) = spawn_seeded_app(backend).await else {
        return;
    };
    let c = TestApp::new_client();
    let municipality = ivanovo(&app).await;
    let o = step(
        &app,
        &c,
        &[
            ("step", "person"),
            ("surname", "Иванова1"),
            ("given_name", ""),
            ("municipality", ""),
        ],
    )
    .await;
    assert_eq!(step_of(&o), WizardStep::Person);
    assert!(error_at(&o, "surname").is_some());
    assert_eq!(error_at(&o, "given_name").as_deref(), Some("Укажите имя"));
    assert!(error_at(&o, "municipality").is_some());

    let person = [
        ("surname", "Иванова"),
        ("given_name", "Ольга"),
        ("municipality", municipality.as_str()),
    ];
    let o = step(&app, &c, &[&[("step", "person")][..], &person].concat()).await;
    assert_eq!(step_of(&o), WizardStep::Contacts);
    assert_eq!(error_at(&o, "surname"), None);

    let o = step(
        &app,
        &c,
        &[
            &[
                ("step", "contacts"),
                ("phone", "+7 701 234-56-78"),
                ("email", "olga@"),
            ][..],
            &person,
        ]
        .concat(),
    )
    .await;
    assert_eq!(step_of(&o), WizardStep::Contacts);
    assert_eq!(error_at(&o, "phone").as_deref(), Some(PHONE_NOT_RUSSIAN));
    assert!(error_at(&o, "email").is_some());

    let contacts = [("phone", "+79123456780"), ("email", "olga@mail.ru")];
    let o = step(
        &app,
        &c,
        &[&[("step", "contacts")][..], &person, &contacts].concat(),
    )
    .await;
    assert_eq!(step_of(&o), WizardStep::Password);

    let o = step(
        &app,
        &c,
        &[
            &[("step", "password"), ("password", "12345678")][..],
            &person,
            &contacts,
        ]
        .concat(),
    )
    .await;
    assert_eq!(step_of(&o), WizardStep::Password);
    assert!(error_at(&o, "password").unwrap().contains("распространён"));
    assert_eq!(error_at(&o, "consent").as_deref(), Some(CONSENT_REQUIRED));
    if let RegistrationOutcome::Step { form, .. } = &o {
        assert_eq!(form.password, "", "a refused password is not sent back");
        assert_eq!(form.email, "olga@mail.ru");
    }
    assert!(
        letters_to(&app, "olga@mail.ru").await.is_empty(),
        "nothing is saved before the last step"
    );
    app.finish().await;
}

async fn going_back_keeps_everything_typed(backend: Backend) {
    let Some(app) = spawn_seeded_app(backend).await else {
        return;
    };
    let c = TestApp::new_client();
    let municipality = ivanovo(&app).await;
    let fields = [
        ("step", "password"),
        ("go", "back"),
        ("surname", "Иванова"),
        ("given_name", "Ольга"),
        ("municipality", municipality.as_str()),
        ("phone", "+79123456780"),
        ("email", "olga@mail.ru"),
        ("password", "мой пароль 2026"),
    ];
    let o = step(&app, &c, &fields).await;
    assert_eq!(step_of(&o), WizardStep::Contacts);
    let RegistrationOutcome::Step { form, errors, .. } = o else {
        unreachable!()
    };
    assert!(errors.is_empty());
    assert_eq!(
        (
            form.phone.as_str(),
            form.email.as_str(),
            form.password.as_str()
        ),
        ("+79123456780", "olga@mail.ru", "мой пароль 2026")
    );
    assert_eq!(form.surname, "Иванова");
    app.finish().await;
}

async fn gmail_is_warned_about_but_not_refused(backend: Backend) {
    let Some(app) = spawn_seeded_app(backend).await else {
        return;
    };
    let c = TestApp::new_client();
    let municipality = ivanovo(&app).await;
    let base = [
        ("step", "contacts"),
        ("surname", "Иванова"),
        ("given_name", "Ольга"),
        ("municipality", municipality.as_str()),
        ("phone", "+79123456780"),
        ("email", "olga.ivanova@gmail.com"),
    ];
    let o = step(&app, &c, &base).await;
    let RegistrationOutcome::Step {
        step: s,
        gmail_warning,
        errors,
        ..
    } = &o
    else {
        unreachable!()
    };
    assert_eq!((*s, *gmail_warning), (WizardStep::Contacts, true));
    assert!(errors.is_empty(), "a warning, not an error");
    assert!(GMAIL_WARNING.contains("gmail.com"));
    let o = step(&app, &c, &[&base[..], &[("gmail_ok", "1")]].concat()).await;
    assert_eq!(step_of(&o), WizardStep::Password);
    app.finish().await;
}

async fn a_second_account_with_the_same_email_or_phone_is_refused_with_guidance(backend: Backend) {
    let Some(app) = spawn_seeded_app(backend).await else {
        return;
    };
    let c = TestApp::new_client();
    let first = register(
        &app,
        &c,
        &Parent {
            email: "olga.ivanova@gmail.com",
            phone: "+79123456780",
        },
    )
    .await;
    assert!(matches!(first, RegistrationOutcome::Registered { .. }));

    // The same gmail mailbox with dots moved and a +tag, and another phone.
    let again = register(
        &app,
        &c,
        &Parent {
            email: "OlgaIvanova+kruzhok@googlemail.com",
            phone: "+79990000001",
        },
    )
    .await;
    assert_eq!(error_at(&again, "email").as_deref(), Some(ACCOUNT_EXISTS));
    assert!(matches!(
        again,
        RegistrationOutcome::Step {
            account_exists: true,
            ..
        }
    ));
    let letters = letters_to(&app, "olga.ivanova@gmail.com").await;
    assert!(letters
        .iter()
        .any(|l| l.subject == "У вас уже есть аккаунт в «Кружке»"));
    assert!(
        !letters.iter().any(|l| l.body.contains("+79123456780")),
        "letters reveal no account data"
    );

    // Another address, the same phone written differently.
    let again = register(
        &app,
        &c,
        &Parent {
            email: "other@mail.ru",
            phone: "8 912 345 67 80",
        },
    )
    .await;
    assert_eq!(error_at(&again, "phone").as_deref(), Some(ACCOUNT_EXISTS));
    assert!(letters_to(&app, "other@mail.ru").await.is_empty());
    app.finish().await;
}

async fn concurrent_registrations_of_one_email_create_one_account(backend: Backend) {
    let Some(app) = spawn_seeded_app(backend).await else {
        return;
    };
    let app = std::sync::Arc::new(app);
    let mut tasks = Vec::new();
    for i in 0..16 {
        let app = app.clone();
        tasks.push(tokio::spawn(async move {
            let c = TestApp::new_client();
            let phone = format!("+7912000{i:04}");
            register(
                &app,
                &c,
                &Parent {
                    email: "race@mail.ru",
                    phone: &phone,
                },
            )
            .await
        }));
    }
    let mut registered = 0;
    for t in tasks {
        match t.await.unwrap() {
            RegistrationOutcome::Registered { .. } => registered += 1,
            refused => assert_eq!(error_at(&refused, "email").as_deref(), Some(ACCOUNT_EXISTS)),
        }
    }
    assert_eq!(registered, 1);
    let app = std::sync::Arc::try_unwrap(app)
        .ok()
        .expect("no other owner");
    app.finish().await;
}

async fn a_confirmation_link_works_once_and_a_forged_one_never(backend: Backend) {
    let Some(app) = spawn_seeded_app(backend).await else {
        return;
    };
    let c = TestApp::new_client();
    register(
        &app,
        &c,
        &Parent {
            email: "once@mail.ru",
            phone: "+79123456781",
        },
    )
    .await;
    let token = token_of(&link_in(
        &letters_to(&app, "once@mail.ru").await[0],
        "http://",
    ));
    let (status, _) = app
        .post_with(&c, "/api/accounts/confirm-email", &[("token", &token)])
        .await;
    assert_eq!(status, 200);
    let (status, body) = app
        .post_with(&c, "/api/accounts/confirm-email", &[("token", &token)])
        .await;
    assert_eq!(status, 409, "{body}");
    assert!(body.contains("Ссылка недействительна"));
    let forged = token.replacen(|c: char| c.is_ascii_lowercase(), "Z", 1);
    let (status, _) = app
        .post_with(&c, "/api/accounts/confirm-email", &[("token", &forged)])
        .await;
    assert_eq!(status, 409);
    app.finish().await;
}
