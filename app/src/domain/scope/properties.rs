//! Properties of the scope rule over every role, power and account: an allowed change never
//! reaches the operator's own family, a role holder (but for an administrator) or another
//! municipality.

use super::tests::{ME, POWERS};
use super::*;
use proptest::prelude::*;
use Role::*;

fn any_role() -> impl Strategy<Value = Role> {
    prop::sample::select(Role::ALL.to_vec())
}

fn any_power() -> impl Strategy<Value = Power> {
    prop::sample::select(POWERS.to_vec())
}

fn any_holder() -> impl Strategy<Value = Holder> {
    (prop_oneof![Just(ME), 1..5_i64], 1..4_i64, any::<bool>()).prop_map(
        |(account_id, municipality_id, holds_role)| Holder {
            account_id,
            municipality_id,
            holds_role,
        },
    )
}

fn any_actor() -> impl Strategy<Value = Actor> {
    (any_role(), 1..4_i64).prop_map(|(role, m)| Actor {
        account_id: ME,
        role,
        municipality_id: matches!(role, InstitutionOperator | MocOperator).then_some(m),
    })
}

proptest! {
    #[test]
    fn an_allowed_change_never_reaches_the_own_account_a_role_holder_or_another_municipality(
        actor in any_actor(), power in any_power(), target in any_holder()
    ) {
        if on_account(&actor, power, &target).is_ok() {
            prop_assert!(power.roles().contains(&actor.role));
            if power.bounded_by_municipality() {
                prop_assert!(actor.municipality_id.is_none_or(|m| m == target.municipality_id));
            }
            if power != Power::ReadFamily {
                prop_assert_ne!(target.account_id, actor.account_id);
                prop_assert!(!target.holds_role || actor.role == Admin);
            }
        }
    }

    #[test]
    fn an_allowed_change_of_a_child_never_reaches_the_operators_own_family(
        actor in any_actor(), power in any_power(),
        guardians in prop::collection::vec(any_holder(), 0..4)
    ) {
        if on_child(&actor, power, &guardians).is_ok() && power != Power::ReadFamily {
            prop_assert!(guardians.iter().all(|g| g.account_id != actor.account_id));
            if power.bounded_by_municipality() {
                prop_assert!(guardians.iter().any(|g| actor.municipality_id.is_none_or(|m| m == g.municipality_id)));
            }
        }
    }

    #[test]
    fn an_allowed_pair_is_allowed_for_each_account_but_the_municipality(
        actor in any_actor(), power in any_power(), a in any_holder(), b in any_holder()
    ) {
        if on_account_pair(&actor, power, &a, &b).is_ok() && power != Power::ReadFamily {
            prop_assert!(a.account_id != actor.account_id && b.account_id != actor.account_id);
            prop_assert!(actor.role == Admin || (!a.holds_role && !b.holds_role));
        }
    }
}
