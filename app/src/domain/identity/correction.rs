//! A parent's request to correct a child's data (R4): it waits for the institution, which corrects
//! the data after seeing the documents or refuses with a reason. Nothing moves it back.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum CorrectionStatus {
    New,
    Corrected,
    Rejected,
}

impl CorrectionStatus {
    pub const ALL: [CorrectionStatus; 3] = [
        CorrectionStatus::New,
        CorrectionStatus::Corrected,
        CorrectionStatus::Rejected,
    ];

    /// How the status is stored.
    pub fn code(self) -> &'static str {
        match self {
            CorrectionStatus::New => "new",
            CorrectionStatus::Corrected => "corrected",
            CorrectionStatus::Rejected => "rejected",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }

    /// What the parent and the operator read.
    pub fn label(self) -> &'static str {
        match self {
            CorrectionStatus::New => "Ждет учреждения",
            CorrectionStatus::Corrected => "Данные исправлены",
            CorrectionStatus::Rejected => "Отклонен",
        }
    }

    /// Only a waiting request is answered; an answered one stays as it is.
    pub fn answer(self, corrected: bool) -> Result<Self, &'static str> {
        match self {
            CorrectionStatus::New if corrected => Ok(CorrectionStatus::Corrected),
            CorrectionStatus::New => Ok(CorrectionStatus::Rejected),
            _ => Err("На этот запрос уже ответили"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_read_back() {
        for s in CorrectionStatus::ALL {
            assert_eq!(CorrectionStatus::from_code(s.code()), Some(s));
        }
        assert_eq!(CorrectionStatus::from_code("done"), None);
    }

    #[test]
    fn a_waiting_request_is_corrected_or_rejected_once() {
        use CorrectionStatus::*;
        assert_eq!(New.answer(true), Ok(Corrected));
        assert_eq!(New.answer(false), Ok(Rejected));
        for answered in [Corrected, Rejected] {
            for corrected in [true, false] {
                assert_eq!(
                    answered.answer(corrected),
                    Err("На этот запрос уже ответили")
                );
            }
        }
    }
}
