//! The status of an application and the state machine of its moves.
//!
//! A seat is held from the moment an application is accepted into a group («Новая») until it
//! leaves it (cancelled, withdrawn, expelled); a waiting-list application holds none until a
//! freed seat is offered to it. The database keeps the count of held seats within capacity.

use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Status {
    New,
    Confirmed,
    Enrolled,
    Expelled,
    Cancelled,
    Queued,
    /// A freed seat is offered to the first in the waiting list, for a limited time.
    Offered,
}

impl Status {
    pub const ALL: [Status; 7] = [
        Status::New,
        Status::Confirmed,
        Status::Enrolled,
        Status::Expelled,
        Status::Cancelled,
        Status::Queued,
        Status::Offered,
    ];

    /// How the status is stored.
    pub fn code(self) -> &'static str {
        match self {
            Status::New => "new",
            Status::Confirmed => "confirmed",
            Status::Enrolled => "enrolled",
            Status::Expelled => "expelled",
            Status::Cancelled => "cancelled",
            Status::Queued => "queued",
            Status::Offered => "offered",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }

    /// What parents and operators read.
    pub fn label(self) -> &'static str {
        match self {
            Status::New => "Новая",
            Status::Confirmed => "Подтверждена",
            Status::Enrolled => "Зачислен",
            Status::Expelled => "Отчислен",
            Status::Cancelled => "Отменена",
            Status::Queued => "В очереди",
            Status::Offered => "Предложено место",
        }
    }

    /// Active applications block another one of the same child to the same program.
    pub fn is_active(self) -> bool {
        !matches!(self, Status::Expelled | Status::Cancelled)
    }

    /// Whether the application takes one of the group's seats.
    pub fn holds_seat(self) -> bool {
        matches!(
            self,
            Status::New | Status::Confirmed | Status::Enrolled | Status::Offered
        )
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// Who asks for a move.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Actor {
    /// A guardian of the child.
    Parent,
    /// An operator of the organization that runs the program.
    Operator,
    /// The system itself: offers to the waiting list and their expiry.
    System,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Action {
    Confirm,
    Enrol,
    Expel,
    Cancel,
    Withdraw,
    Offer,
    Accept,
    Decline,
    Expire,
}

impl Action {
    pub const ALL: [Action; 9] = [
        Action::Confirm,
        Action::Enrol,
        Action::Expel,
        Action::Cancel,
        Action::Withdraw,
        Action::Offer,
        Action::Accept,
        Action::Decline,
        Action::Expire,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Action::Confirm => "confirm",
            Action::Enrol => "enrol",
            Action::Expel => "expel",
            Action::Cancel => "cancel",
            Action::Withdraw => "withdraw",
            Action::Offer => "offer",
            Action::Accept => "accept",
            Action::Decline => "decline",
            Action::Expire => "expire",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.code() == code)
    }

    /// The button an operator or a parent presses.
    pub fn label(self) -> &'static str {
        match self {
            Action::Confirm => "Подтвердить",
            Action::Enrol => "Зачислить",
            Action::Expel => "Отчислить",
            Action::Cancel => "Отменить",
            Action::Withdraw => "Отозвать заявку",
            Action::Offer => "Предложить место",
            Action::Accept => "Принять место",
            Action::Decline => "Отказаться от места",
            Action::Expire => "Срок предложения истек",
        }
    }

    /// Moves that must say why: SPEC §4.3 wants the reason of a cancellation from the dictionary,
    /// and an expulsion is never silent.
    pub fn needs_reason(self) -> bool {
        matches!(self, Action::Cancel | Action::Expel)
    }

    /// The reason a move carries when nobody wrote one, so that every change the parent reads
    /// says why; cancelling and expelling have none of their own (`needs_reason`).
    pub fn own_reason(self) -> Option<&'static str> {
        match self {
            Action::Confirm => Some("Учреждение рассмотрело заявку и подтвердило ее."),
            Action::Enrol => Some("Ребенок зачислен в группу."),
            Action::Withdraw => Some("Заявка отозвана заявителем."),
            Action::Offer => Some("В группе освободилось место."),
            Action::Accept => Some("Заявитель принял предложенное место."),
            Action::Decline => Some("Заявитель отказался от предложенного места."),
            Action::Expire => Some("Предложенное место не принято в срок."),
            Action::Cancel | Action::Expel => None,
        }
    }
}

/// Why an application starts where it does.
pub fn submitted_reason(status: Status) -> &'static str {
    if status == Status::Queued {
        "Свободных мест в группе нет: заявка поставлена в очередь."
    } else {
        "Заявка подана, место в группе закреплено за ребенком."
    }
}

/// Why a move was refused; the text is what the user reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Refused(pub &'static str);

/// The status after `action` by `actor` from `from`, or why it is not allowed.
pub fn next(from: Status, action: Action, actor: Actor) -> Result<Status, Refused> {
    use Action as A;
    use Actor::{Operator, Parent, System};
    use Status as S;
    let to = match (action, from) {
        (A::Confirm, S::New) => S::Confirmed,
        (A::Enrol, S::Confirmed) => S::Enrolled,
        (A::Expel, S::Enrolled) => S::Expelled,
        (A::Cancel, S::New | S::Confirmed | S::Queued | S::Offered) => S::Cancelled,
        (A::Withdraw, S::New | S::Confirmed | S::Queued | S::Offered) => S::Cancelled,
        (A::Withdraw, S::Enrolled) => S::Expelled,
        (A::Offer, S::Queued) => S::Offered,
        (A::Accept, S::Offered) => S::Confirmed,
        (A::Decline | A::Expire, S::Offered) => S::Cancelled,
        _ => return Err(refusal(from)),
    };
    let allowed = match action {
        A::Confirm | A::Enrol | A::Expel | A::Cancel => actor == Operator,
        A::Withdraw | A::Accept | A::Decline => actor == Parent,
        A::Offer => matches!(actor, Operator | System),
        A::Expire => actor == System,
    };
    if allowed {
        Ok(to)
    } else {
        Err(Refused("Это действие с заявкой вам недоступно"))
    }
}

fn refusal(from: Status) -> Refused {
    Refused(match from {
        Status::New => "Заявка еще не подтверждена",
        Status::Confirmed => "Заявка уже подтверждена",
        Status::Enrolled => "Ребенок уже зачислен",
        Status::Expelled => "Ребенок уже отчислен",
        Status::Cancelled => "Заявка уже отменена",
        Status::Queued => "Заявка стоит в очереди: сначала ей нужно предложить место",
        Status::Offered => "Заявке предложено место: ждем ответа заявителя",
    })
}

#[cfg(test)]
mod tests;
