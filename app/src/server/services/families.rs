//! The operators' family look-up and e-mail replacement (SPEC R1, R3, §4.4). Institution and МОЦ
//! operators in role only; every look-up and every replacement goes to the audit log.

use super::child_identity::matching;
use super::roles::{acting, audit, Acting};
use super::tell::tell;
use crate::api::families::{
    FamilyAnswer, FamilyCard, FamilyChild, FamilyQuery, LinkGuardianForm, LinkGuardianOutcome,
    ReplaceEmailForm, ReplaceEmailOutcome,
};
use crate::domain::account::email::Email;
use crate::domain::account::phone::Phone;
use crate::domain::application::status::Status;
use crate::domain::dates::{format_ru, parse_date};
use crate::domain::field_error::FieldError;
use crate::domain::identity::verdict::{ChildIdentity, Sex};
use crate::domain::role::Role;
use crate::error::AppError;
use crate::server::auth::tokens::{random_token, token_hash};
use crate::server::db::children::{self, Blocking};
use crate::server::db::families as db;
use crate::server::mail::letters;
use crate::server::state::AppState;
use chrono::Utc;
use std::collections::BTreeMap;

/// Families shown for one look-up, at most: a look-up names one family, not a list to browse.
const MAX_FAMILIES: usize = 10;
/// A replacement's reason: what the operator checked.
const REASON_CHARS: std::ops::RangeInclusive<usize> = 5..=500;

/// An operator who serves families in person: of an institution, or of МОЦ.
async fn family_operator(state: &AppState) -> Result<Acting, AppError> {
    let acting = acting(state).await?.ok_or(AppError::Unauthorized)?;
    match &acting.role {
        Some((Role::InstitutionOperator | Role::MocOperator, _)) => Ok(acting),
        _ => Err(AppError::Forbidden),
    }
}

enum Search {
    Child {
        surname: String,
        given_name: String,
        birth_date: chrono::NaiveDate,
    },
    Phone(Phone),
    /// The parent's normalised surname and name.
    Parent(String),
}

fn search_of(q: &FamilyQuery) -> Result<Option<Search>, Vec<FieldError>> {
    let (surname, given, date, phone) = (
        q.surname.trim(),
        q.given_name.trim(),
        q.birth_date.trim(),
        q.phone.trim(),
    );
    if !phone.is_empty() {
        return Phone::parse(phone)
            .map(|p| Some(Search::Phone(p)))
            .map_err(|m| vec![FieldError::new("phone", m)]);
    }
    let (parent_surname, parent_given) = (q.parent_surname.trim(), q.parent_given_name.trim());
    if surname.is_empty() && given.is_empty() && date.is_empty() {
        return match (parent_surname.is_empty(), parent_given.is_empty()) {
            (true, true) => Ok(None),
            (false, false) => Ok(Some(Search::Parent(crate::server::db::accounts::name_key(
                parent_surname,
                parent_given,
            )))),
            (true, false) => Err(vec![FieldError::new(
                "parent_surname",
                "Введите фамилию родителя",
            )]),
            (false, true) => Err(vec![FieldError::new(
                "parent_given_name",
                "Введите имя родителя",
            )]),
        };
    }
    let mut errors = Vec::new();
    if surname.is_empty() {
        errors.push(FieldError::new("surname", "Введите фамилию ребенка"));
    }
    if given.is_empty() {
        errors.push(FieldError::new("given_name", "Введите имя ребенка"));
    }
    let birth_date = parse_date(date);
    if birth_date.is_none() {
        errors.push(FieldError::new(
            "birth_date",
            "Дата рождения — в виде ДД.ММ.ГГГГ, например 05.09.2016",
        ));
    }
    match (birth_date, errors.is_empty()) {
        (Some(birth_date), true) => Ok(Some(Search::Child {
            surname: surname.to_owned(),
            given_name: given.to_owned(),
            birth_date,
        })),
        _ => Err(errors),
    }
}

/// Children that are the one described or probably so (a typo, swapped names, a date typed
/// wrong), of either sex: `(child, exact)`.
async fn children_like(
    state: &AppState,
    surname: &str,
    given_name: &str,
    birth_date: chrono::NaiveDate,
) -> Result<Vec<(i64, bool)>, AppError> {
    let dates = super::children::blocking_dates(birth_date);
    let mut found = Vec::new();
    for (sex, column) in [(Sex::Female, "female"), (Sex::Male, "male")] {
        let identity = ChildIdentity::new(surname, given_name, "", sex, birth_date);
        let blocking = Blocking {
            birth_date,
            sex: column,
            date_variants: &dates,
            name_parts: [&identity.surname, &identity.given_name],
            snils: None,
            certificate_key: None,
        };
        let rows = children::candidates(&state.db, &blocking).await?;
        found.extend(matching(&identity, &rows));
    }
    Ok(found)
}

pub async fn find(state: &AppState, query: FamilyQuery) -> Result<FamilyAnswer, AppError> {
    let acting = family_operator(state).await?;
    let search = match search_of(&query) {
        Ok(Some(s)) => s,
        Ok(None) => return Ok(FamilyAnswer::default()),
        Err(errors) => {
            return Ok(FamilyAnswer {
                errors,
                ..FamilyAnswer::default()
            })
        }
    };
    let (accounts, matched, how) = match &search {
        Search::Phone(phone) => (
            db::accounts_by_phone(&state.db, phone.e164()).await?,
            BTreeMap::new(),
            "phone",
        ),
        Search::Parent(key) => (
            crate::server::db::accounts::by_name_key(&state.db, key, MAX_FAMILIES as i64).await?,
            BTreeMap::new(),
            "parent_name",
        ),
        Search::Child {
            surname,
            given_name,
            birth_date,
        } => {
            let found = children_like(state, surname, given_name, *birth_date).await?;
            let ids: Vec<i64> = found.iter().map(|(id, _)| *id).collect();
            (
                db::guardians_of(&state.db, &ids).await?,
                found.into_iter().collect::<BTreeMap<_, _>>(),
                "child",
            )
        }
    };
    let accounts: Vec<i64> = accounts.into_iter().take(MAX_FAMILIES).collect();
    let families = cards(state, &accounts, &matched).await?;
    // Who was looked up, never what was typed: the audit names accounts.
    let subject = if accounts.is_empty() {
        "accounts:none".to_owned()
    } else {
        format!(
            "accounts:{}",
            accounts
                .iter()
                .map(i64::to_string)
                .collect::<Vec<_>>()
                .join(",")
        )
    };
    audit(state, &acting, "family_lookup", &subject, Some(how)).await?;
    let can_confirm = matches!(acting.role, Some((Role::InstitutionOperator, _)));
    let municipalities = if can_confirm && !families.is_empty() {
        super::registration::municipalities(state)
            .await?
            .into_iter()
            .map(|m| crate::api::operator::Choice {
                value: m.id.to_string(),
                label: m.name,
            })
            .collect()
    } else {
        Vec::new()
    };
    Ok(FamilyAnswer {
        errors: Vec::new(),
        searched: true,
        families,
        can_confirm,
        municipalities,
    })
}

async fn cards(
    state: &AppState,
    accounts: &[i64],
    matched: &BTreeMap<i64, bool>,
) -> Result<Vec<FamilyCard>, AppError> {
    let rows = db::accounts(&state.db, accounts).await?;
    let kids = db::children_of(&state.db, accounts).await?;
    let child_ids: Vec<i64> = kids.iter().map(|c| c.id).collect();
    let applications = db::applications_of(&state.db, &child_ids).await?;
    let cards = rows
        .into_iter()
        .map(|a| FamilyCard {
            account_id: a.id,
            parent_name: [Some(a.surname), Some(a.given_name), a.patronymic]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" "),
            email: a.email,
            email_confirmed: a.email_confirmed_at.is_some(),
            phone: a.phone,
            municipality: a.municipality,
            municipality_id: a.municipality_id,
            municipality_change: a.moving_to.map(|to| {
                format!("Заявление на смену муниципалитета (в «{to}») на рассмотрении у регионального оператора")
            }),
            children: kids
                .iter()
                .filter(|c| c.account_id == a.id)
                .map(|c| FamilyChild {
                    id: c.id,
                    confirmed: c.confirmed_by.is_some(),
                    name: [
                        Some(c.surname.clone()),
                        Some(c.given_name.clone()),
                        c.patronymic.clone(),
                    ]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(" "),
                    birth_date: format_ru(c.birth_date),
                    confirmation: match &c.confirmed_by {
                        Some(o) => match c.confirmed_at {
                            Some(at) => format!("Данные подтверждены: {o}, {}", moscow_date(at)),
                            None => format!("Данные подтверждены: {o}"),
                        },
                        None => "Данные не подтверждены".to_owned(),
                    },
                    under_review: c.flagged,
                    applications: applications
                        .iter()
                        .filter(|(child, _, _)| *child == c.id)
                        .map(|(_, title, status)| {
                            let status: &str = match Status::from_code(status) {
                                Some(s) => s.label(),
                                None => status,
                            };
                            format!("{title} — {status}")
                        })
                        .collect(),
                    matched: matched.get(&c.id).map(|exact| {
                        if *exact {
                            "точное совпадение"
                        } else {
                            "похожие данные"
                        }
                        .to_owned()
                    }),
                })
                .collect(),
        })
        .collect();
    Ok(cards)
}

#[tracing::instrument(skip_all, err(Debug))]
pub async fn replace_email(
    state: &AppState,
    form: ReplaceEmailForm,
) -> Result<ReplaceEmailOutcome, AppError> {
    // R3: the institution, where the parent shows documents in person, replaces the e-mail.
    let acting = super::roles::institution_operator(state).await?.acting;
    let account_id = form
        .account_id
        .trim()
        .parse::<i64>()
        .map_err(|_| AppError::NotFound)?;
    let account = crate::server::db::accounts::find(&state.db, account_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut errors = Vec::new();
    let email = Email::parse(&form.email)
        .map_err(|m| errors.push(FieldError::new("email", m)))
        .ok();
    if !REASON_CHARS.contains(&form.reason.trim().chars().count()) {
        errors.push(FieldError::new(
            "reason",
            "Укажите основание: какой документ проверен (от 5 до 500 знаков)",
        ));
    }
    let email = match email {
        Some(e) if errors.is_empty() => e,
        _ => return Ok(ReplaceEmailOutcome::Invalid { form, errors }),
    };
    if email.canonical() == account.email.to_lowercase() {
        return Ok(ReplaceEmailOutcome::Invalid {
            form,
            errors: vec![FieldError::new(
                "email",
                "Это и есть нынешняя почта аккаунта",
            )],
        });
    }
    let token = random_token();
    let expires = Utc::now() + chrono::Duration::hours(super::registration::CONFIRM_HOURS);
    let replaced = db::replace_email(
        &state.db,
        account_id,
        email.as_str(),
        &email.canonical(),
        &token_hash(&token),
        expires,
    )
    .await?;
    if !replaced {
        return Ok(ReplaceEmailOutcome::Invalid {
            form,
            errors: vec![FieldError::new(
                "email",
                "Эта почта уже указана в другом аккаунте. Если это аккаунт той же семьи, он — дубль: передайте его в очередь дублей",
            )],
        });
    }
    audit(
        state,
        &acting,
        "replace_email",
        &format!("account:{account_id}"),
        Some(form.reason.trim()),
    )
    .await?;
    let organization = match &acting.role {
        Some((_, row)) => row.organization_name.clone().unwrap_or_default(),
        None => String::new(),
    };
    // The old address is no longer the account's: a failure there is logged, not recorded on it.
    let old = letters::email_replaced_old(&account.email, &organization, &email.masked());
    if let Err(error) = state.mailer.send(&state.db, &old).await {
        tracing::warn!(account_id, %error, "letter to the replaced address not delivered");
    }
    let link = super::registration::confirm_link(state, &token, expires);
    super::accounts::deliver(
        state,
        account_id,
        &letters::email_replaced_new(email.as_str(), &link),
    )
    .await;
    Ok(ReplaceEmailOutcome::Replaced {
        email: email.as_str().to_owned(),
    })
}

fn moscow_date(at: chrono::DateTime<Utc>) -> String {
    at.with_timezone(&chrono_tz::Europe::Moscow)
        .format("%d.%m.%Y")
        .to_string()
}

/// «Данные подтверждены» by the acting operator's institution, after seeing the documents.
#[tracing::instrument(skip_all, err(Debug))]
pub async fn confirm_child(state: &AppState, child_id: &str) -> Result<String, AppError> {
    let operator = super::roles::institution_operator(state).await?;
    let child_id = child_id
        .trim()
        .parse::<i64>()
        .map_err(|_| AppError::NotFound)?;
    if !db::confirm_child(&state.db, child_id, operator.organization_id, Utc::now()).await? {
        return Err(AppError::NotFound);
    }
    audit(
        state,
        &operator.acting,
        "confirm_child",
        &format!("child:{child_id}"),
        None,
    )
    .await?;
    Ok("Данные ребенка отмечены как подтвержденные вашим учреждением".to_owned())
}

/// Links a second guardian (SPEC §4.2) after the operator has seen the documents: the other
/// parent's existing account, by its e-mail or phone. Both accounts are told.
#[tracing::instrument(skip_all, err(Debug))]
pub async fn link_guardian(
    state: &AppState,
    form: LinkGuardianForm,
) -> Result<LinkGuardianOutcome, AppError> {
    let operator = super::roles::institution_operator(state).await?;
    let child_id = form
        .link_child
        .trim()
        .parse::<i64>()
        .map_err(|_| AppError::NotFound)?;
    let invalid = |form: LinkGuardianForm, field: &str, message: &str| {
        Ok(LinkGuardianOutcome::Invalid {
            errors: vec![FieldError::new(field, message)],
            form,
        })
    };
    if !REASON_CHARS.contains(&form.guardian_reason.trim().chars().count()) {
        return invalid(
            form,
            "guardian_reason",
            "Укажите, какой документ подтверждает, что это законный представитель (от 5 до 500 знаков)",
        );
    }
    let typed = form.guardian.trim();
    let account = if typed.contains('@') {
        match Email::parse(typed) {
            Ok(email) => crate::server::db::accounts::find_by_email(&state.db, &email.canonical())
                .await?
                .map(|a| a.id),
            Err(m) => return invalid(form, "guardian", m),
        }
    } else {
        match Phone::parse(typed) {
            Ok(phone) => db::accounts_by_phone(&state.db, phone.e164())
                .await?
                .first()
                .copied(),
            Err(_) => {
                return invalid(
                    form,
                    "guardian",
                    "Введите почту или мобильный телефон аккаунта второго родителя",
                )
            }
        }
    };
    let Some(account) = account else {
        return invalid(
            form,
            "guardian",
            "Аккаунт с такой почтой или телефоном не найден: второй родитель сначала регистрируется сам, ребенка при этом не добавляет",
        );
    };
    let guardians = children::guardians(&state.db, child_id).await?;
    if guardians.is_empty() {
        return Err(AppError::NotFound);
    }
    if !db::link_guardian(&state.db, child_id, account).await? {
        return invalid(form, "guardian", "Этот аккаунт уже связан с ребенком");
    }
    audit(
        state,
        &operator.acting,
        "link_guardian",
        &format!("child:{child_id}"),
        Some(&format!(
            "account:{account}; {}",
            form.guardian_reason.trim()
        )),
    )
    .await?;
    let organization = match &operator.acting.role {
        Some((_, row)) => row.organization_name.clone().unwrap_or_default(),
        None => String::new(),
    };
    let kids = db::children_of(&state.db, &[account]).await?;
    let name = kids
        .iter()
        .find(|c| c.id == child_id)
        .map(|c| format!("{} {}", c.given_name, c.surname))
        .unwrap_or_default();
    tell(
        state,
        account,
        "Ребенок добавлен в ваш кабинет",
        &format!("Учреждение «{organization}» проверило документы и связало ваш аккаунт с ребенком {name}. Вы можете подавать заявки на программы для него из своего кабинета."),
        "/cabinet",
    )
    .await;
    for (other, _) in guardians {
        tell(
            state,
            other,
            "Второй законный представитель",
            &format!("Учреждение «{organization}» связало с ребенком {name} аккаунт второго законного представителя. Заявки на программы теперь может подавать и он."),
            "/cabinet",
        )
        .await;
    }
    Ok(LinkGuardianOutcome::Linked {
        message: format!(
            "Второй законный представитель связан с ребенком {name}; оба родителя уведомлены."
        ),
    })
}
