use super::*;
use Role::*;

pub(super) const ME: i64 = 100;
const HOME: i64 = 1;
const AWAY: i64 = 2;

pub(super) const POWERS: [Power; 14] = [
    Power::ReadFamily,
    Power::ReplaceEmail,
    Power::RecordMunicipalityChange,
    Power::DecideMunicipalityChange,
    Power::FlagAccounts,
    Power::RetireAccount,
    Power::LinkGuardian,
    Power::ConfirmChild,
    Power::CorrectChild,
    Power::AnswerCorrection,
    Power::RetireChild,
    Power::MoveApplication,
    Power::AnswerRequest,
    Power::KeepRoles,
];

fn actor(role: Role) -> Actor {
    Actor {
        account_id: ME,
        role,
        municipality_id: matches!(role, InstitutionOperator | MocOperator).then_some(HOME),
    }
}

fn family(account_id: i64, municipality_id: i64) -> Holder {
    Holder {
        account_id,
        municipality_id,
        holds_role: false,
    }
}

fn role_holder(account_id: i64, municipality_id: i64) -> Holder {
    Holder {
        holds_role: true,
        ..family(account_id, municipality_id)
    }
}

#[test]
fn each_power_belongs_to_the_roles_spec_gives_it() {
    let expected: &[(Power, &[Role])] = &[
        (Power::ReadFamily, &[InstitutionOperator, MocOperator]),
        (Power::ReplaceEmail, &[InstitutionOperator]),
        (Power::RecordMunicipalityChange, &[InstitutionOperator]),
        (Power::DecideMunicipalityChange, &[RegionalOperator]),
        (Power::FlagAccounts, &[InstitutionOperator, MocOperator]),
        (Power::RetireAccount, &[InstitutionOperator, MocOperator]),
        (Power::LinkGuardian, &[InstitutionOperator]),
        (Power::ConfirmChild, &[InstitutionOperator]),
        (Power::CorrectChild, &[InstitutionOperator]),
        (Power::AnswerCorrection, &[InstitutionOperator]),
        (Power::RetireChild, &[InstitutionOperator, MocOperator]),
        (Power::MoveApplication, &[InstitutionOperator]),
        (Power::AnswerRequest, &[InstitutionOperator, MocOperator]),
        (Power::KeepRoles, &[Admin]),
    ];
    assert_eq!(expected.len(), POWERS.len());
    for (power, roles) in expected {
        for role in Role::ALL {
            let answer = on_account(&actor(role), *power, &family(1, HOME));
            if roles.contains(&role) {
                assert_eq!(answer, Ok(()), "{power:?} as {role:?}");
            } else {
                assert_eq!(answer, Err(Denial::NotThisRole), "{power:?} as {role:?}");
            }
        }
    }
}

#[test]
fn an_institution_operator_changes_families_of_its_municipality_only() {
    let me = actor(InstitutionOperator);
    assert_eq!(
        on_account(&me, Power::ReplaceEmail, &family(1, HOME)),
        Ok(())
    );
    assert_eq!(
        on_account(&me, Power::ReplaceEmail, &family(1, AWAY)),
        Err(Denial::OtherMunicipality)
    );
    assert_eq!(
        on_account(&me, Power::RecordMunicipalityChange, &family(1, AWAY)),
        Err(Denial::OtherMunicipality)
    );
    assert_eq!(
        on_account(&me, Power::ReadFamily, &family(1, AWAY)),
        Err(Denial::OtherMunicipality)
    );
}

#[test]
fn an_account_holding_a_role_is_changed_by_an_administrator_only() {
    for role in [InstitutionOperator, RegionalOperator] {
        for power in [
            Power::ReplaceEmail,
            Power::DecideMunicipalityChange,
            Power::LinkGuardian,
        ] {
            let answer = on_account(&actor(role), power, &role_holder(1, HOME));
            assert!(
                matches!(answer, Err(Denial::RoleHolder | Denial::NotThisRole)),
                "{power:?} as {role:?}: {answer:?}"
            );
        }
    }
    assert_eq!(
        on_account(&actor(Admin), Power::KeepRoles, &role_holder(1, AWAY)),
        Ok(())
    );
}

#[test]
fn nobody_acts_on_their_own_account_not_even_an_administrator() {
    for power in POWERS.into_iter().filter(|p| *p != Power::ReadFamily) {
        for role in Role::ALL {
            let answer = on_account(&actor(role), power, &family(ME, HOME));
            assert!(
                matches!(answer, Err(Denial::OwnAccount | Denial::NotThisRole)),
                "{power:?} as {role:?}: {answer:?}"
            );
        }
    }
}

#[test]
fn reading_a_family_shows_role_holders_and_the_operator_itself() {
    let me = actor(MocOperator);
    assert_eq!(
        on_account(&me, Power::ReadFamily, &role_holder(1, HOME)),
        Ok(())
    );
    assert_eq!(
        on_account(&me, Power::ReadFamily, &family(ME, HOME)),
        Ok(())
    );
}

#[test]
fn the_regional_operator_decides_for_every_municipality() {
    let regional = actor(RegionalOperator);
    for m in [HOME, AWAY, 27] {
        assert_eq!(
            on_account(&regional, Power::DecideMunicipalityChange, &family(1, m)),
            Ok(())
        );
    }
}

#[test]
fn a_child_belongs_to_the_municipality_of_any_of_its_guardians() {
    let me = actor(InstitutionOperator);
    let split = [family(1, AWAY), family(2, HOME)];
    assert_eq!(on_child(&me, Power::CorrectChild, &split), Ok(()));
    assert_eq!(
        on_child(&me, Power::CorrectChild, &[family(1, AWAY)]),
        Err(Denial::OtherMunicipality)
    );
    assert_eq!(
        on_child(&me, Power::ConfirmChild, &[]),
        Err(Denial::OtherMunicipality),
        "a child without guardians is nobody's to change"
    );
}

#[test]
fn an_operator_never_changes_its_own_child_wherever_the_request_came_from() {
    let me = actor(InstitutionOperator);
    let mine = [family(ME, HOME), family(2, HOME)];
    for power in [
        Power::CorrectChild,
        Power::ConfirmChild,
        Power::LinkGuardian,
        Power::AnswerCorrection,
        Power::RetireChild,
        Power::MoveApplication,
        Power::AnswerRequest,
    ] {
        assert_eq!(
            on_child(&me, power, &mine),
            Err(Denial::OwnFamily),
            "{power:?}"
        );
    }
}

#[test]
fn what_a_family_addressed_to_the_institution_is_not_bounded_by_municipality() {
    let me = actor(InstitutionOperator);
    let away = [family(1, AWAY)];
    for power in [
        Power::AnswerCorrection,
        Power::MoveApplication,
        Power::AnswerRequest,
    ] {
        assert_eq!(on_child(&me, power, &away), Ok(()), "{power:?}");
    }
}

#[test]
fn children_of_role_holders_are_served_like_any_family() {
    let me = actor(InstitutionOperator);
    assert_eq!(
        on_child(&me, Power::CorrectChild, &[role_holder(1, HOME)]),
        Ok(())
    );
}

#[test]
fn a_pair_of_accounts_needs_one_of_them_in_the_operators_municipality() {
    let me = actor(MocOperator);
    assert_eq!(
        on_account_pair(&me, Power::FlagAccounts, &family(1, HOME), &family(2, AWAY)),
        Ok(())
    );
    assert_eq!(
        on_account_pair(&me, Power::FlagAccounts, &family(1, AWAY), &family(2, HOME)),
        Ok(())
    );
    assert_eq!(
        on_account_pair(&me, Power::FlagAccounts, &family(1, AWAY), &family(2, AWAY)),
        Err(Denial::OtherMunicipality)
    );
}

#[test]
fn a_pair_with_a_role_holder_or_the_operators_own_account_is_refused() {
    let me = actor(InstitutionOperator);
    assert_eq!(
        on_account_pair(
            &me,
            Power::FlagAccounts,
            &family(1, HOME),
            &role_holder(2, AWAY)
        ),
        Err(Denial::RoleHolder)
    );
    assert_eq!(
        on_account_pair(
            &me,
            Power::FlagAccounts,
            &family(ME, AWAY),
            &family(2, HOME)
        ),
        Err(Denial::OwnAccount)
    );
}

#[test]
fn every_denial_speaks_russian_and_has_a_distinct_code() {
    let all = [
        Denial::NotThisRole,
        Denial::OtherMunicipality,
        Denial::RoleHolder,
        Denial::OwnAccount,
        Denial::OwnFamily,
    ];
    let codes: std::collections::HashSet<_> = all.iter().map(|d| d.code()).collect();
    assert_eq!(codes.len(), all.len());
    for d in all {
        assert!(d.message().chars().any(|c| ('а'..='я').contains(&c)));
    }
}
