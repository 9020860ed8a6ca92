//! Уровень программы.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Level {
    Starting,
    Basic,
    Advanced,
}

impl Level {
    pub const ALL: [Level; 3] = [Level::Starting, Level::Basic, Level::Advanced];

    pub fn code(self) -> &'static str {
        match self {
            Level::Starting => "starting",
            Level::Basic => "basic",
            Level::Advanced => "advanced",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Level::Starting => "стартовый",
            Level::Basic => "базовый",
            Level::Advanced => "продвинутый",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|l| l.code() == code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_level_round_trips_through_its_code() {
        for l in Level::ALL {
            assert_eq!(Level::from_code(l.code()), Some(l));
        }
        assert_eq!(Level::from_code("expert"), None);
    }
}
