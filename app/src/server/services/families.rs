//! The operators' family look-up (SPEC R1, R3, §4.4): institution and МОЦ operators in role only;
//! every look-up goes to the audit log. What an operator then changes is in `family_changes`.

use super::child_identity::matching;
use super::roles::{acting, audit, Acting};
use crate::contract::families::{FamilyAnswer, FamilyCard, FamilyChild, FamilyQuery};
use crate::domain::account::phone::Phone;
use crate::domain::application::status::Status;
use crate::domain::dates::{format_ru, parse_date};
use crate::domain::field_error::FieldError;
use crate::domain::identity::verdict::{ChildIdentity, Sex};
use crate::domain::role::Role;
use crate::error::AppError;
use crate::server::db::children::{self, Blocking};
use crate::server::db::families as db;
use crate::server::state::AppState;
use chrono::Utc;
use std::collections::BTreeMap;

/// Families shown for one look-up, at most: a look-up names one family, not a list to browse.
const MAX_FAMILIES: usize = 10;

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

fn search_of(q: &FamilyQuery) -> Result<Search, Vec<FieldError>> {
    let (surname, given, date, phone) = (
        q.surname.trim(),
        q.given_name.trim(),
        q.birth_date.trim(),
        q.phone.trim(),
    );
    if !phone.is_empty() {
        return Phone::parse(phone)
            .map(Search::Phone)
            .map_err(|m| vec![FieldError::new("phone", m)]);
    }
    let (parent_surname, parent_given) = (q.parent_surname.trim(), q.parent_given_name.trim());
    if surname.is_empty() && given.is_empty() && date.is_empty() {
        return match (parent_surname.is_empty(), parent_given.is_empty()) {
            // An empty search says what to fill in rather than nothing at all.
            (true, true) => Err(vec![FieldError::new(
                "surname",
                "Введите фамилию, имя и дату рождения ребенка, телефон или фамилию и имя родителя",
            )]),
            (false, false) => Ok(Search::Parent(crate::server::db::accounts::name_key(
                parent_surname,
                parent_given,
            ))),
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
        (Some(birth_date), true) => Ok(Search::Child {
            surname: surname.to_owned(),
            given_name: given.to_owned(),
            birth_date,
        }),
        _ => Err(errors),
    }
}

/// Children that are the one described or probably so (a typo, swapped names, a date typed
/// wrong), of either sex: `(child, exact)`. The search names no sex, so each child is compared as
/// a girl and as a boy; the sex it was registered with decides, and an exact match wins.
async fn children_like(
    state: &AppState,
    surname: &str,
    given_name: &str,
    birth_date: chrono::NaiveDate,
) -> Result<Vec<(i64, bool)>, AppError> {
    let dates = super::children::blocking_dates(birth_date);
    let mut found = BTreeMap::<i64, bool>::new();
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
        for (child, exact) in matching(&identity, &rows) {
            *found.entry(child).or_default() |= exact;
        }
    }
    Ok(found.into_iter().collect())
}

pub async fn find(state: &AppState, query: FamilyQuery) -> Result<FamilyAnswer, AppError> {
    let acting = family_operator(state).await?;
    let search = match search_of(&query) {
        Ok(s) => s,
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
    super::rate_limit::check(
        state,
        &format!("family-lookup:{}", acting.account_id),
        state.settings.family_lookups_per_hour,
        3600,
    )
    .await?;
    // Families of other municipalities are not this operator's to see: they are left out unread.
    let readable: Vec<(i64, bool)> = super::scope::readable(state, &acting, &accounts)
        .await?
        .into_iter()
        .take(MAX_FAMILIES)
        .collect();
    let accounts: Vec<i64> = readable.iter().map(|(id, _)| *id).collect();
    let mut families = cards(state, &accounts, &matched).await?;
    for card in &mut families {
        card.protected = readable.contains(&(card.account_id, true));
    }
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
            .map(|m| crate::contract::choice::Choice {
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
            protected: false,
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

fn moscow_date(at: chrono::DateTime<Utc>) -> String {
    at.with_timezone(&chrono_tz::Europe::Moscow)
        .format("%d.%m.%Y")
        .to_string()
}
