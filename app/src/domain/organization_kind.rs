//! The three kinds of institutions that run programs.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum OrganizationKind {
    School,
    Kindergarten,
    AdditionalEducation,
}

impl OrganizationKind {
    pub const ALL: [OrganizationKind; 3] = [
        OrganizationKind::School,
        OrganizationKind::Kindergarten,
        OrganizationKind::AdditionalEducation,
    ];

    pub fn code(self) -> &'static str {
        match self {
            OrganizationKind::School => "school",
            OrganizationKind::Kindergarten => "kindergarten",
            OrganizationKind::AdditionalEducation => "udo",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            OrganizationKind::School => "школа",
            OrganizationKind::Kindergarten => "детский сад",
            OrganizationKind::AdditionalEducation => "учреждение дополнительного образования",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_round_trips_through_its_code() {
        for k in OrganizationKind::ALL {
            assert_eq!(OrganizationKind::from_code(k.code()), Some(k));
        }
        assert_eq!(OrganizationKind::from_code("university"), None);
    }
}
