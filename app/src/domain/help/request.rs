//! A request (обращение): its statuses, the level it sits at (the institution, then МОЦ), and who
//! may move it how. The parent asks the institution first; an unresolved request climbs to МОЦ.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum RequestStatus {
    New,
    InProgress,
    Answered,
    Unresolved,
}

/// Who holds the request: the institution it was sent to, or МОЦ after escalation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Level {
    Institution,
    Moc,
}

/// Who acts: the parent who wrote it, or an operator of the level that holds it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Side {
    Parent,
    Operator,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum RequestAction {
    /// The operator takes it: «в работе».
    Take,
    /// The operator answers; the parent reads the answer.
    Answer,
    /// The parent says the answer did not help.
    NotResolved,
    /// To МОЦ: by the parent after an answer that did not help, or by the institution that cannot.
    Escalate,
}

/// A request at a level with a status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestState {
    pub level: Level,
    pub status: RequestStatus,
}

impl RequestStatus {
    pub const ALL: [RequestStatus; 4] = [
        RequestStatus::New,
        RequestStatus::InProgress,
        RequestStatus::Answered,
        RequestStatus::Unresolved,
    ];

    pub fn code(self) -> &'static str {
        match self {
            RequestStatus::New => "new",
            RequestStatus::InProgress => "in_progress",
            RequestStatus::Answered => "answered",
            RequestStatus::Unresolved => "unresolved",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            RequestStatus::New => "Новое",
            RequestStatus::InProgress => "В работе",
            RequestStatus::Answered => "Отвечено",
            RequestStatus::Unresolved => "Не решено",
        }
    }

    /// The operators owe the parent an answer: the inbox counts how long it has waited.
    pub fn awaits_operator(self) -> bool {
        self != RequestStatus::Answered
    }
}

impl Level {
    pub fn code(self) -> &'static str {
        match self {
            Level::Institution => "institution",
            Level::Moc => "moc",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        [Level::Institution, Level::Moc]
            .into_iter()
            .find(|l| l.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            Level::Institution => "Учреждение",
            Level::Moc => "МОЦ",
        }
    }
}

impl RequestAction {
    pub const ALL: [RequestAction; 4] = [
        RequestAction::Take,
        RequestAction::Answer,
        RequestAction::NotResolved,
        RequestAction::Escalate,
    ];

    pub fn code(self) -> &'static str {
        match self {
            RequestAction::Take => "take",
            RequestAction::Answer => "answer",
            RequestAction::NotResolved => "not_resolved",
            RequestAction::Escalate => "escalate",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.code() == code)
    }

    /// The words the parent or operator writes with it are required.
    pub fn needs_text(self) -> bool {
        matches!(self, RequestAction::Answer | RequestAction::Escalate)
    }

    pub fn label(self, side: Side) -> &'static str {
        match (self, side) {
            (RequestAction::Take, _) => "Взять в работу",
            (RequestAction::Answer, _) => "Ответить",
            (RequestAction::NotResolved, _) => "Вопрос не решен",
            (RequestAction::Escalate, Side::Parent) => "Обратиться в МОЦ",
            (RequestAction::Escalate, Side::Operator) => "Не можем помочь — передать в МОЦ",
        }
    }
}

impl RequestState {
    pub const fn new() -> Self {
        RequestState {
            level: Level::Institution,
            status: RequestStatus::New,
        }
    }

    /// Where `action` by `side` takes the request, or `None` when it is not allowed now.
    pub fn next(self, side: Side, action: RequestAction) -> Option<RequestState> {
        use RequestAction::*;
        use RequestStatus::*;
        let status = match (side, action, self.status) {
            (Side::Operator, Take, New | Unresolved) => InProgress,
            (Side::Operator, Answer, New | InProgress | Unresolved) => Answered,
            (Side::Parent, NotResolved, Answered) => Unresolved,
            (Side::Operator, Escalate, New | InProgress | Unresolved)
            | (Side::Parent, Escalate, Answered | Unresolved)
                if self.level == Level::Institution =>
            {
                return Some(RequestState {
                    level: Level::Moc,
                    status: New,
                });
            }
            _ => return None,
        };
        Some(RequestState {
            level: self.level,
            status,
        })
    }

    /// What `side` may do now, in the order the page offers it.
    pub fn moves(self, side: Side) -> Vec<RequestAction> {
        RequestAction::ALL
            .into_iter()
            .filter(|a| self.next(side, *a).is_some())
            .collect()
    }
}

impl Default for RequestState {
    fn default() -> Self {
        Self::new()
    }
}

/// How long a request has waited, as the inbox shows it: «ждет 5 мин», «ждет 2 ч 15 мин»,
/// «ждет 3 дн 4 ч».
pub fn waited(minutes: i64) -> String {
    let m = minutes.max(0);
    let (days, hours, mins) = (m / 1440, m % 1440 / 60, m % 60);
    match (days, hours) {
        (0, 0) => format!("ждет {mins} мин"),
        (0, h) => format!("ждет {h} ч {mins} мин"),
        (d, h) => format!("ждет {d} дн {h} ч"),
    }
}

#[cfg(test)]
mod tests;
