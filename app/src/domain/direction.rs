//! Направленность: the six kinds of programs of additional education.

use serde::{Deserialize, Serialize};

/// One of the six направленности. `code` is what URLs and the database store; `label` is what people read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Direction {
    Technical,
    Science,
    Sport,
    Art,
    Tourism,
    Social,
}

impl Direction {
    pub const ALL: [Direction; 6] = [
        Direction::Technical,
        Direction::Science,
        Direction::Sport,
        Direction::Art,
        Direction::Tourism,
        Direction::Social,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Direction::Technical => "technical",
            Direction::Science => "science",
            Direction::Sport => "sport",
            Direction::Art => "art",
            Direction::Tourism => "tourism",
            Direction::Social => "social",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Direction::Technical => "техническая",
            Direction::Science => "естественнонаучная",
            Direction::Sport => "физкультурно-спортивная",
            Direction::Art => "художественная",
            Direction::Tourism => "туристско-краеведческая",
            Direction::Social => "социально-гуманитарная",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|d| d.code() == code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_direction_round_trips_through_its_code() {
        for d in Direction::ALL {
            assert_eq!(Direction::from_code(d.code()), Some(d));
        }
    }

    #[test]
    fn an_unknown_code_is_no_direction() {
        assert_eq!(Direction::from_code("cooking"), None);
        assert_eq!(Direction::from_code(""), None);
    }

    #[test]
    fn labels_are_the_six_from_the_reference() {
        let labels: Vec<_> = Direction::ALL.iter().map(|d| d.label()).collect();
        assert_eq!(
            labels,
            [
                "техническая",
                "естественнонаучная",
                "физкультурно-спортивная",
                "художественная",
                "туристско-краеведческая",
                "социально-гуманитарная"
            ]
        );
    }
}
