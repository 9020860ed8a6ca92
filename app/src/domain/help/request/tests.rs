use super::*;
use RequestAction::*;
use RequestStatus::*;

fn at(level: Level, status: RequestStatus) -> RequestState {
    RequestState { level, status }
}

const ALLOWED: &[(
    Level,
    RequestStatus,
    Side,
    RequestAction,
    Level,
    RequestStatus,
)] = &[
    (
        Level::Institution,
        New,
        Side::Operator,
        Take,
        Level::Institution,
        InProgress,
    ),
    (
        Level::Institution,
        Unresolved,
        Side::Operator,
        Take,
        Level::Institution,
        InProgress,
    ),
    (
        Level::Institution,
        New,
        Side::Operator,
        Answer,
        Level::Institution,
        Answered,
    ),
    (
        Level::Institution,
        InProgress,
        Side::Operator,
        Answer,
        Level::Institution,
        Answered,
    ),
    (
        Level::Institution,
        Unresolved,
        Side::Operator,
        Answer,
        Level::Institution,
        Answered,
    ),
    (
        Level::Institution,
        Answered,
        Side::Parent,
        NotResolved,
        Level::Institution,
        Unresolved,
    ),
    (
        Level::Institution,
        New,
        Side::Operator,
        Escalate,
        Level::Moc,
        New,
    ),
    (
        Level::Institution,
        InProgress,
        Side::Operator,
        Escalate,
        Level::Moc,
        New,
    ),
    (
        Level::Institution,
        Unresolved,
        Side::Operator,
        Escalate,
        Level::Moc,
        New,
    ),
    (
        Level::Institution,
        Answered,
        Side::Parent,
        Escalate,
        Level::Moc,
        New,
    ),
    (
        Level::Institution,
        Unresolved,
        Side::Parent,
        Escalate,
        Level::Moc,
        New,
    ),
    (
        Level::Moc,
        New,
        Side::Operator,
        Take,
        Level::Moc,
        InProgress,
    ),
    (
        Level::Moc,
        Unresolved,
        Side::Operator,
        Take,
        Level::Moc,
        InProgress,
    ),
    (
        Level::Moc,
        New,
        Side::Operator,
        Answer,
        Level::Moc,
        Answered,
    ),
    (
        Level::Moc,
        InProgress,
        Side::Operator,
        Answer,
        Level::Moc,
        Answered,
    ),
    (
        Level::Moc,
        Unresolved,
        Side::Operator,
        Answer,
        Level::Moc,
        Answered,
    ),
    (
        Level::Moc,
        Answered,
        Side::Parent,
        NotResolved,
        Level::Moc,
        Unresolved,
    ),
];

#[test]
fn every_allowed_move_lands_where_expected_and_nothing_else_moves() {
    let mut allowed = 0;
    for level in [Level::Institution, Level::Moc] {
        for status in RequestStatus::ALL {
            for side in [Side::Parent, Side::Operator] {
                for action in RequestAction::ALL {
                    let expected = ALLOWED
                        .iter()
                        .find(|r| (r.0, r.1, r.2, r.3) == (level, status, side, action))
                        .map(|r| at(r.4, r.5));
                    assert_eq!(
                        at(level, status).next(side, action),
                        expected,
                        "{level:?} {status:?} {side:?} {action:?}"
                    );
                    allowed += usize::from(expected.is_some());
                }
            }
        }
    }
    assert_eq!(allowed, ALLOWED.len());
}

#[test]
fn moc_is_the_last_level() {
    for status in RequestStatus::ALL {
        for side in [Side::Parent, Side::Operator] {
            assert_eq!(at(Level::Moc, status).next(side, Escalate), None);
        }
    }
}

#[test]
fn a_new_request_waits_for_the_institution() {
    let s = RequestState::new();
    assert_eq!(s.moves(Side::Parent), vec![]);
    assert_eq!(s.moves(Side::Operator), vec![Take, Answer, Escalate]);
    assert!(s.status.awaits_operator());
    assert!(!Answered.awaits_operator());
}

#[test]
fn codes_read_back() {
    for s in RequestStatus::ALL {
        assert_eq!(RequestStatus::from_code(s.code()), Some(s));
    }
    for a in RequestAction::ALL {
        assert_eq!(RequestAction::from_code(a.code()), Some(a));
    }
    for l in [Level::Institution, Level::Moc] {
        assert_eq!(Level::from_code(l.code()), Some(l));
    }
    assert_eq!(RequestStatus::from_code("closed"), None);
}

#[test]
fn waits_read_in_minutes_hours_and_days() {
    assert_eq!(waited(-3), "ждет 0 мин");
    assert_eq!(waited(5), "ждет 5 мин");
    assert_eq!(waited(59), "ждет 59 мин");
    assert_eq!(waited(60), "ждет 1 ч 0 мин");
    assert_eq!(waited(135), "ждет 2 ч 15 мин");
    assert_eq!(waited(1439), "ждет 23 ч 59 мин");
    assert_eq!(waited(1440), "ждет 1 дн 0 ч");
    assert_eq!(waited(3 * 1440 + 4 * 60 + 59), "ждет 3 дн 4 ч");
}
