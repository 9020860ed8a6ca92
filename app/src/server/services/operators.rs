//! Operators' accounts: an operator is an account with a role; the same person may be a parent
//! too. Used by `kruzhok operator add` and by the demo seed.

use crate::domain::account::email::Email;
use crate::domain::account::phone::Phone;
use crate::domain::role::Role;
use crate::error::AppError;
use crate::server::auth::passwords::hash_password;
use crate::server::auth::tokens::{random_token, token_hash};
use crate::server::db::{accounts, roles, Database};
use chrono::Utc;

pub struct NewOperator<'a> {
    pub email: &'a str,
    pub surname: &'a str,
    pub given_name: &'a str,
    pub phone: &'a str,
    /// Used only when the account is created; an existing account keeps its password.
    pub password: &'a str,
    pub role: Role,
    pub organization_id: Option<i64>,
    pub municipality_id: Option<i64>,
    /// May resolve pairs of the duplicate queue (R6).
    pub resolves_duplicates: bool,
}

/// Gives the role to the account of `email`, creating the account (e-mail confirmed) when there
/// is none. Returns the account's id and whether it was created.
pub async fn add(db: &Database, new: &NewOperator<'_>) -> Result<(i64, bool), AppError> {
    add_hashed(db, new, None).await
}

/// `add` with the password's hash already worked out (the demo seed hashes one password once).
async fn add_hashed(
    db: &Database,
    new: &NewOperator<'_>,
    hash: Option<&str>,
) -> Result<(i64, bool), AppError> {
    let email = Email::parse(new.email).map_err(|m| AppError::Conflict(m.to_owned()))?;
    match (new.role, new.organization_id, new.municipality_id) {
        (Role::InstitutionOperator, None, _) => {
            return Err(AppError::Conflict(
                "Укажите учреждение оператора (--organization)".into(),
            ))
        }
        (Role::MocOperator, _, None) => {
            return Err(AppError::Conflict(
                "Укажите муниципалитет оператора МОЦ (--municipality)".into(),
            ))
        }
        _ => {}
    }
    let organization_id = new
        .organization_id
        .filter(|_| new.role == Role::InstitutionOperator);
    let municipality_id = new
        .municipality_id
        .filter(|_| new.role == Role::MocOperator);
    let (id, created) = match accounts::find_by_email(db, &email.canonical()).await? {
        Some(existing) => (existing.id, false),
        None => {
            let phone = Phone::parse(new.phone).map_err(|m| AppError::Conflict(m.to_owned()))?;
            let municipality = match municipality_id {
                Some(m) => m,
                None => roles::home_municipality(db, organization_id).await?,
            };
            let hash = match hash {
                Some(h) => h.to_owned(),
                None => hash_password(new.password.to_owned()).await?,
            };
            let account = accounts::NewAccount {
                kind: "parent",
                surname: new.surname,
                given_name: new.given_name,
                patronymic: None,
                phone: phone.e164(),
                email: email.as_str(),
                email_canonical: &email.canonical(),
                password_hash: &hash,
                municipality_id: municipality,
                pd_consent_at: Utc::now(),
            };
            let id =
                accounts::insert_with_token(db, &account, &token_hash(&random_token()), Utc::now())
                    .await?
                    .map_err(|_| {
                        AppError::Conflict("Этот телефон уже занят другим аккаунтом".into())
                    })?;
            accounts::confirm_email(db, id, Utc::now()).await?;
            (id, true)
        }
    };
    let resolves = new.resolves_duplicates
        && matches!(new.role, Role::InstitutionOperator | Role::MocOperator);
    roles::grant(
        db,
        id,
        new.role.code(),
        organization_id,
        municipality_id,
        resolves,
    )
    .await?;
    Ok((id, created))
}

/// A demo log-in printed by `kruzhok seed` and listed in the README.
pub struct DemoLogin {
    pub email: String,
    pub password: &'static str,
    pub role: String,
}

pub use crate::domain::account::password::DEMO_PASSWORD;

/// An operator for every organization (`operator<id>@kruzhok.example`), МОЦ of Иваново, the
/// regional operator and an administrator, all with the demo password. Running it again changes nothing.
pub async fn seed_demo(db: &Database) -> Result<Vec<DemoLogin>, AppError> {
    let hash = hash_password(DEMO_PASSWORD.to_owned()).await?;
    let mut logins = Vec::new();
    for (org_id, org_name) in roles::first_organizations(db, 10_000).await? {
        let email = format!("operator{org_id}@kruzhok.example");
        add_hashed(
            db,
            &NewOperator {
                email: &email,
                surname: "Оператор",
                given_name: "Демо",
                phone: &format!("+7900{:07}", org_id),
                password: DEMO_PASSWORD,
                role: Role::InstitutionOperator,
                organization_id: Some(org_id),
                municipality_id: None,
                resolves_duplicates: true,
            },
            Some(&hash),
        )
        .await?;
        logins.push(DemoLogin {
            email,
            password: DEMO_PASSWORD,
            role: format!("{}: {org_name}", Role::InstitutionOperator.label()),
        });
    }
    // МОЦ of the region's first municipality (Иваново), where the demo's requests climb.
    let municipality = roles::home_municipality(db, None).await?;
    add_hashed(
        db,
        &NewOperator {
            email: "moc@kruzhok.example",
            surname: "Оператор",
            given_name: "МОЦ",
            phone: "+79009999998",
            password: DEMO_PASSWORD,
            role: Role::MocOperator,
            organization_id: None,
            municipality_id: Some(municipality),
            resolves_duplicates: true,
        },
        Some(&hash),
    )
    .await?;
    logins.push(DemoLogin {
        email: "moc@kruzhok.example".into(),
        password: DEMO_PASSWORD,
        role: Role::MocOperator.label().into(),
    });
    add_hashed(
        db,
        &NewOperator {
            email: "regional@kruzhok.example",
            surname: "Региональный",
            given_name: "Оператор",
            phone: "+79009999997",
            password: DEMO_PASSWORD,
            role: Role::RegionalOperator,
            organization_id: None,
            municipality_id: None,
            resolves_duplicates: false,
        },
        Some(&hash),
    )
    .await?;
    logins.push(DemoLogin {
        email: "regional@kruzhok.example".into(),
        password: DEMO_PASSWORD,
        role: Role::RegionalOperator.label().into(),
    });
    add_hashed(
        db,
        &NewOperator {
            email: "admin@kruzhok.example",
            surname: "Администратор",
            given_name: "Демо",
            phone: "+79009999999",
            password: DEMO_PASSWORD,
            role: Role::Admin,
            organization_id: None,
            municipality_id: None,
            resolves_duplicates: false,
        },
        Some(&hash),
    )
    .await?;
    logins.push(DemoLogin {
        email: "admin@kruzhok.example".into(),
        password: DEMO_PASSWORD,
        role: Role::Admin.label().into(),
    });
    Ok(logins)
}
