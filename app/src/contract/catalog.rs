//! The catalogue: programs with filters, one program with its groups, the filters' options.

use crate::domain::direction::Direction;
use crate::domain::enrolment::EnrolmentState;
use crate::domain::ids::{DistrictId, GroupId, OrganizationId, ProgramId};
use crate::domain::level::Level;
use crate::domain::organization_kind::OrganizationKind;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// One program in the list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProgramSummary {
    pub id: ProgramId,
    pub title: String,
    pub direction: Direction,
    pub level: Level,
    pub age_min: u8,
    pub age_max: u8,
    pub price_rub: Option<u32>,
    pub organization_name: String,
    pub district_name: Option<String>,
    pub group_count: u32,
    pub free_seats: u32,
}

/// One page of the filtered list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProgramPage {
    pub items: Vec<ProgramSummary>,
    pub total: u64,
    pub page: u32,
    pub pages: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Named<Id> {
    pub id: Id,
    pub name: String,
}

/// The choices of the filter form's lists.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FilterChoices {
    pub organizations: Vec<Named<OrganizationId>>,
    pub districts: Vec<Named<DistrictId>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OrganizationCard {
    pub id: OrganizationId,
    pub name: String,
    pub kind: OrganizationKind,
    pub address: String,
    pub district: Option<String>,
    pub phone: String,
    pub email: Option<String>,
    pub website: Option<String>,
    pub opening_hours: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupCard {
    pub id: GroupId,
    pub name: String,
    pub schedule: String,
    pub teacher: String,
    pub age_min: u8,
    pub age_max: u8,
    pub capacity: u32,
    pub free_seats: u32,
    pub starts_on: NaiveDate,
    pub enrolment_opens: NaiveDate,
    pub enrolment_closes: NaiveDate,
    pub enrolment: EnrolmentState,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProgramDetails {
    pub id: ProgramId,
    pub title: String,
    pub direction: Direction,
    pub level: Level,
    pub age_min: u8,
    pub age_max: u8,
    pub price_rub: Option<u32>,
    pub description: String,
    pub organization: OrganizationCard,
    pub groups: Vec<GroupCard>,
}

/// What the home page tells about the catalogue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CatalogSummary {
    pub directions: Vec<(Direction, u64)>,
    pub organizations: u64,
    pub free_seats: u64,
}
