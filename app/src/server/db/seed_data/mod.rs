//! The demo catalogue of г.о. Иваново, built deterministically: the same day of the same academic
//! year always gives the same data, so the seed is repeatable and tests can rely on its shape.

pub mod municipalities;
mod organizations;
mod programs;
mod schedule;

use crate::domain::direction::Direction;
use crate::domain::level::Level;
use crate::domain::organization_kind::OrganizationKind;
use chrono::{Datelike, NaiveDate};
use organizations::{opening_hours, OrgTemplate, ORGANIZATIONS, STREETS};
use programs::{ProgramTemplate, PRESCHOOL, SCHOOL_AGE};

pub struct MunicipalitySeed {
    pub name: &'static str,
    pub kind: &'static str,
    pub sort_order: i32,
}

pub struct DemoData {
    pub municipality: &'static str,
    pub districts: Vec<&'static str>,
    pub organizations: Vec<OrgSeed>,
}

pub struct OrgSeed {
    pub kind: OrganizationKind,
    pub name: String,
    pub short_name: String,
    /// Index into `DemoData::districts`.
    pub district: usize,
    pub address: String,
    pub phone: String,
    pub email: Option<String>,
    pub website: Option<String>,
    pub opening_hours: &'static str,
    pub programs: Vec<ProgramSeed>,
}

pub struct ProgramSeed {
    pub title: &'static str,
    pub direction: Direction,
    pub level: Level,
    pub age_min: i32,
    pub age_max: i32,
    pub price_rub: Option<i32>,
    pub description: String,
    pub groups: Vec<GroupSeed>,
}

pub struct GroupSeed {
    pub name: String,
    pub schedule: &'static str,
    pub teacher: &'static str,
    pub age_min: i32,
    pub age_max: i32,
    pub capacity: i32,
    pub occupied: i32,
    pub starts_on: NaiveDate,
    pub enrolment_opens: NaiveDate,
    pub enrolment_closes: NaiveDate,
}

/// The demo data for the academic year (September to May) that `today` belongs to.
pub fn build(today: NaiveDate) -> DemoData {
    let year = if today.month() >= 6 {
        today.year()
    } else {
        today.year() - 1
    };
    let mut counters = Counters::default();
    let organizations = ORGANIZATIONS
        .iter()
        .enumerate()
        .map(|(i, template)| organization(i, template, year, &mut counters))
        .collect();
    DemoData {
        municipality: municipalities::CITY,
        districts: municipalities::CITY_DISTRICTS.to_vec(),
        organizations,
    }
}

#[derive(Default)]
struct Counters {
    programs: usize,
    groups: usize,
}

fn organization(i: usize, t: &OrgTemplate, year: i32, counters: &mut Counters) -> OrgSeed {
    let street = STREETS[i % STREETS.len()];
    let house = 1 + (i * 37) % 150;
    OrgSeed {
        kind: t.kind,
        name: t.name.to_owned(),
        short_name: t.short_name.to_owned(),
        district: i % municipalities::CITY_DISTRICTS.len(),
        address: format!("1530{:02}, г. Иваново, {street}, д. {house}", (i * 3) % 50),
        phone: format!(
            "+7 (4932) {:02}-{:02}-{:02}",
            30 + (i * 7) % 50,
            10 + (i * 13) % 89,
            10 + (i * 29) % 89
        ),
        email: None,
        website: None,
        opening_hours: opening_hours(t.kind),
        programs: choose_templates(i, t)
            .into_iter()
            .map(|template| program(template, t, year, counters))
            .collect(),
    }
}

/// Picks the institution's programs in turn from each of its направленности, never twice the same.
fn choose_templates(i: usize, t: &OrgTemplate) -> Vec<&'static ProgramTemplate> {
    let wanted = match t.kind {
        OrganizationKind::School => 4,
        OrganizationKind::Kindergarten => 3,
        OrganizationKind::AdditionalEducation => 8,
    };
    let mut chosen: Vec<&'static ProgramTemplate> = Vec::new();
    for k in 0..wanted * 4 {
        if chosen.len() == wanted {
            break;
        }
        let direction = t.directions[k % t.directions.len()];
        let pool: Vec<&'static ProgramTemplate> = candidates(t.kind)
            .filter(|p| p.direction == direction && !chosen.iter().any(|c| c.title == p.title))
            .collect();
        if !pool.is_empty() {
            chosen.push(pool[(i + k / t.directions.len()) % pool.len()]);
        }
    }
    chosen
}

fn candidates(kind: OrganizationKind) -> impl Iterator<Item = &'static ProgramTemplate> {
    let (school, preschool): (&'static [ProgramTemplate], &'static [ProgramTemplate]) = match kind {
        OrganizationKind::School => (SCHOOL_AGE, &[]),
        OrganizationKind::Kindergarten => (&[], PRESCHOOL),
        OrganizationKind::AdditionalEducation => (SCHOOL_AGE, PRESCHOOL),
    };
    school.iter().chain(preschool.iter())
}

fn program(
    p: &ProgramTemplate,
    org: &OrgTemplate,
    year: i32,
    counters: &mut Counters,
) -> ProgramSeed {
    let n = counters.programs;
    counters.programs += 1;
    let price_rub =
        (n % 4 == 3).then(|| 1000 + i32::try_from((n * 370) % 2500 / 100 * 100).unwrap_or(0));
    let cost = match price_rub {
        Some(price) => format!("Платная программа: {price} ₽ в месяц."),
        None => "Бесплатно (за счёт бюджета).".to_owned(),
    };
    let description = format!(
        "{} Занятия проходят в учреждении «{}». Уровень — {}, возраст — от {} до {} лет. {cost}",
        p.about,
        org.short_name,
        p.level.label(),
        p.age_min,
        p.age_max
    );
    let group_count = 1 + n % 3;
    let groups = (0..group_count)
        .map(|g| {
            schedule::group(
                g,
                group_count,
                (p.age_min, p.age_max),
                year,
                &mut counters.groups,
            )
        })
        .collect();
    ProgramSeed {
        title: p.title,
        direction: p.direction,
        level: p.level,
        age_min: p.age_min,
        age_max: p.age_max,
        price_rub,
        description,
        groups,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn demo() -> DemoData {
        build(NaiveDate::from_ymd_opt(2026, 11, 30).unwrap())
    }

    #[test]
    fn the_demo_set_is_as_large_as_promised() {
        let d = demo();
        let programs: Vec<_> = d.organizations.iter().flat_map(|o| &o.programs).collect();
        let groups = programs.iter().flat_map(|p| &p.groups).count();
        assert!(d.organizations.len() >= 30, "{}", d.organizations.len());
        assert!(programs.len() >= 150, "{}", programs.len());
        assert!(groups >= 300, "{groups}");
    }

    #[test]
    fn every_direction_and_both_costs_are_present() {
        let d = demo();
        let programs: Vec<_> = d.organizations.iter().flat_map(|o| &o.programs).collect();
        for direction in Direction::ALL {
            assert!(
                programs.iter().any(|p| p.direction == direction),
                "{direction:?}"
            );
        }
        assert!(programs.iter().any(|p| p.price_rub.is_some()));
        assert!(programs.iter().any(|p| p.price_rub.is_none()));
    }

    #[test]
    fn titles_are_unique_within_an_organization() {
        for org in demo().organizations {
            let mut titles: Vec<_> = org.programs.iter().map(|p| p.title).collect();
            titles.sort_unstable();
            titles.dedup();
            assert_eq!(titles.len(), org.programs.len(), "{}", org.name);
        }
    }

    #[test]
    fn groups_respect_their_capacity_and_age_range() {
        for org in demo().organizations {
            for p in &org.programs {
                for g in &p.groups {
                    assert!(0 <= g.occupied && g.occupied <= g.capacity);
                    assert!(
                        p.age_min <= g.age_min && g.age_min <= g.age_max && g.age_max <= p.age_max
                    );
                    assert!(g.enrolment_opens <= g.enrolment_closes);
                }
            }
        }
    }

    #[test]
    fn kindergartens_teach_only_preschoolers() {
        for org in demo()
            .organizations
            .iter()
            .filter(|o| o.kind == OrganizationKind::Kindergarten)
        {
            assert!(org.programs.iter().all(|p| p.age_max <= 7), "{}", org.name);
        }
    }

    #[test]
    fn the_same_day_gives_the_same_data() {
        let (a, b) = (demo(), demo());
        let flat = |d: &DemoData| -> Vec<String> {
            d.organizations
                .iter()
                .flat_map(|o| {
                    o.programs
                        .iter()
                        .map(move |p| format!("{}|{}|{:?}", o.name, p.title, p.price_rub))
                })
                .collect()
        };
        assert_eq!(flat(&a), flat(&b));
    }
}
