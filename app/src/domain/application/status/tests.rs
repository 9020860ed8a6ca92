//! One test per allowed move, and every other combination of status, action and actor refused.

use super::*;

/// Every allowed move: `(from, action, actor) → to`.
const ALLOWED: &[(Status, Action, Actor, Status)] = &[
    (
        Status::New,
        Action::Confirm,
        Actor::Operator,
        Status::Confirmed,
    ),
    (
        Status::Confirmed,
        Action::Enrol,
        Actor::Operator,
        Status::Enrolled,
    ),
    (
        Status::Enrolled,
        Action::Expel,
        Actor::Operator,
        Status::Expelled,
    ),
    (
        Status::New,
        Action::Cancel,
        Actor::Operator,
        Status::Cancelled,
    ),
    (
        Status::Confirmed,
        Action::Cancel,
        Actor::Operator,
        Status::Cancelled,
    ),
    (
        Status::Queued,
        Action::Cancel,
        Actor::Operator,
        Status::Cancelled,
    ),
    (
        Status::Offered,
        Action::Cancel,
        Actor::Operator,
        Status::Cancelled,
    ),
    (
        Status::New,
        Action::Withdraw,
        Actor::Parent,
        Status::Cancelled,
    ),
    (
        Status::Confirmed,
        Action::Withdraw,
        Actor::Parent,
        Status::Cancelled,
    ),
    (
        Status::Queued,
        Action::Withdraw,
        Actor::Parent,
        Status::Cancelled,
    ),
    (
        Status::Offered,
        Action::Withdraw,
        Actor::Parent,
        Status::Cancelled,
    ),
    (
        Status::Enrolled,
        Action::Withdraw,
        Actor::Parent,
        Status::Expelled,
    ),
    (
        Status::Queued,
        Action::Offer,
        Actor::System,
        Status::Offered,
    ),
    (
        Status::Queued,
        Action::Offer,
        Actor::Operator,
        Status::Offered,
    ),
    (
        Status::Offered,
        Action::Accept,
        Actor::Parent,
        Status::Confirmed,
    ),
    (
        Status::Offered,
        Action::Decline,
        Actor::Parent,
        Status::Cancelled,
    ),
    (
        Status::Offered,
        Action::Expire,
        Actor::System,
        Status::Cancelled,
    ),
];

macro_rules! allowed {
    ($($name:ident: $from:ident $action:ident $actor:ident => $to:ident;)*) => {
        $(
            #[test]
            fn $name() {
                assert_eq!(
                    next(Status::$from, Action::$action, Actor::$actor),
                    Ok(Status::$to)
                );
                assert!(ALLOWED.contains(&(
                    Status::$from,
                    Action::$action,
                    Actor::$actor,
                    Status::$to
                )));
            }
        )*
        #[test]
        fn every_allowed_move_has_its_own_test() {
            assert_eq!(ALLOWED.len(), [$(stringify!($name)),*].len());
        }
    };
}

allowed! {
    operator_confirms_a_new_application: New Confirm Operator => Confirmed;
    operator_enrols_a_confirmed_application: Confirmed Enrol Operator => Enrolled;
    operator_expels_an_enrolled_child: Enrolled Expel Operator => Expelled;
    operator_cancels_a_new_application: New Cancel Operator => Cancelled;
    operator_cancels_a_confirmed_application: Confirmed Cancel Operator => Cancelled;
    operator_cancels_a_queued_application: Queued Cancel Operator => Cancelled;
    operator_cancels_an_offered_application: Offered Cancel Operator => Cancelled;
    parent_withdraws_a_new_application: New Withdraw Parent => Cancelled;
    parent_withdraws_a_confirmed_application: Confirmed Withdraw Parent => Cancelled;
    parent_withdraws_from_the_waiting_list: Queued Withdraw Parent => Cancelled;
    parent_withdraws_an_offered_application: Offered Withdraw Parent => Cancelled;
    parent_withdrawing_an_enrolled_child_expels_it: Enrolled Withdraw Parent => Expelled;
    system_offers_a_freed_seat: Queued Offer System => Offered;
    operator_offers_a_seat: Queued Offer Operator => Offered;
    parent_accepts_an_offer: Offered Accept Parent => Confirmed;
    parent_declines_an_offer: Offered Decline Parent => Cancelled;
    an_offer_expires: Offered Expire System => Cancelled;
}

#[test]
fn every_other_move_is_refused_with_a_message() {
    let actors = [Actor::Parent, Actor::Operator, Actor::System];
    let mut refused = 0;
    for from in Status::ALL {
        for action in Action::ALL {
            for actor in actors {
                let expected = ALLOWED
                    .iter()
                    .find(|(f, a, who, _)| (*f, *a, *who) == (from, action, actor))
                    .map(|m| m.3);
                match (next(from, action, actor), expected) {
                    (Ok(to), Some(want)) => assert_eq!(to, want),
                    (Err(Refused(message)), None) => {
                        assert!(!message.is_empty());
                        refused += 1;
                    }
                    (got, want) => {
                        panic!("{from:?} {action:?} by {actor:?}: got {got:?}, want {want:?}")
                    }
                }
            }
        }
    }
    assert_eq!(refused, 7 * 9 * 3 - ALLOWED.len());
}

#[test]
fn finished_applications_accept_no_move() {
    for from in [Status::Expelled, Status::Cancelled] {
        assert!(!from.is_active());
        for action in Action::ALL {
            for actor in [Actor::Parent, Actor::Operator, Actor::System] {
                assert!(next(from, action, actor).is_err());
            }
        }
    }
}

#[test]
fn a_seat_is_held_from_acceptance_until_the_application_leaves() {
    let holding: Vec<Status> = Status::ALL.into_iter().filter(|s| s.holds_seat()).collect();
    assert_eq!(
        holding,
        [
            Status::New,
            Status::Confirmed,
            Status::Enrolled,
            Status::Offered
        ]
    );
    // Only an offer takes a seat that was not held.
    for &(from, action, _, to) in ALLOWED {
        if !from.holds_seat() && to.holds_seat() {
            assert_eq!(action, Action::Offer);
        }
    }
}

#[test]
fn codes_read_back() {
    for s in Status::ALL {
        assert_eq!(Status::from_code(s.code()), Some(s));
    }
    for a in Action::ALL {
        assert_eq!(Action::from_code(a.code()), Some(a));
    }
    assert_eq!(Status::from_code("unknown"), None);
}

#[test]
fn cancelling_and_expelling_need_a_reason_and_automatic_moves_bring_their_own() {
    assert!(Action::Cancel.needs_reason() && Action::Expel.needs_reason());
    for a in [
        Action::Withdraw,
        Action::Decline,
        Action::Expire,
        Action::Offer,
    ] {
        assert!(!a.needs_reason() && a.own_reason().is_some());
    }
}
