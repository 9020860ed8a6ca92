//! The one scope rule of every operator's power: which role may do what, over which accounts and
//! children. Services load the facts (whose account, which municipality, does it hold a role) and
//! ask here; nothing else decides.
//!
//! - An institution operator serves the families of its institution's municipality; МОЦ reads its
//!   municipality; the regional operator and administrators act region-wide.
//! - Only an administrator changes an account that holds any role (operator, МОЦ, regional,
//!   administrator): such an account is the key to others' data.
//! - Nobody acts on their own account or their own children, and nobody links themselves to a
//!   child: an operator who is also a parent is served by a colleague.

use super::role::Role;

/// What an operator is about to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Power {
    /// Read a family: the look-up's card with the account's e-mail in full.
    ReadFamily,
    /// Replace the account's e-mail (R3).
    ReplaceEmail,
    /// Record the family's application to change the municipality (R5).
    RecordMunicipalityChange,
    /// Approve or reject such an application.
    DecideMunicipalityChange,
    /// Put two accounts into the duplicate queue as one family's.
    FlagAccounts,
    /// Close an account as the duplicate of another (R6).
    RetireAccount,
    /// Link an existing account to a child as its second guardian.
    LinkGuardian,
    /// «Данные подтверждены» for a child, after seeing the documents.
    ConfirmChild,
    /// Open a child's data for correction, or correct it, without the parent's request (R4).
    CorrectChild,
    /// Correct a child's data, or refuse to, on the parent's request to this institution: the
    /// parent chose the institution, so the municipality does not matter.
    AnswerCorrection,
    /// Close a child's record as the duplicate of another.
    RetireChild,
    /// Move an application to this institution's program.
    MoveApplication,
    /// Take or answer a request (обращение) sent to this institution or МОЦ.
    AnswerRequest,
    /// Give or take away an operator's role.
    KeepRoles,
}

/// Why a power is refused. Each reads as the Russian message the operator sees.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Denial {
    /// The role has no such power at all.
    NotThisRole,
    /// The family lives in another municipality.
    OtherMunicipality,
    /// The account holds a role: only an administrator changes it.
    RoleHolder,
    /// The operator's own account.
    OwnAccount,
    /// A child in the operator's own cabinet, or a request of the operator's own family.
    OwnFamily,
}

impl Denial {
    pub fn code(self) -> &'static str {
        match self {
            Denial::NotThisRole => "not_this_role",
            Denial::OtherMunicipality => "other_municipality",
            Denial::RoleHolder => "role_holder",
            Denial::OwnAccount => "own_account",
            Denial::OwnFamily => "own_family",
        }
    }

    pub fn message(self) -> &'static str {
        match self {
            Denial::NotThisRole => "Недостаточно прав для этого действия",
            Denial::OtherMunicipality => {
                "Семья из другого муниципалитета: ее обслуживают учреждения и МОЦ ее муниципалитета"
            }
            Denial::RoleHolder => {
                "У этого аккаунта есть роль оператора или администратора: изменить его может только администратор"
            }
            Denial::OwnAccount => {
                "Свой аккаунт оператор не меняет: обратитесь к другому оператору или к администратору"
            }
            Denial::OwnFamily => {
                "Данные своей семьи оператор не меняет: обратитесь к другому оператору учреждения"
            }
        }
    }
}

/// The operator at work: its account, the role it acts in, and the municipality of that role (its
/// institution's for an institution operator, its own for МОЦ, none for region-wide roles).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Actor {
    pub account_id: i64,
    pub role: Role,
    pub municipality_id: Option<i64>,
}

/// An account the power reaches: the account itself, or a guardian of the child it reaches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Holder {
    pub account_id: i64,
    pub municipality_id: i64,
    /// Holds any role beyond «родитель».
    pub holds_role: bool,
}

impl Power {
    /// The roles that have this power at all.
    fn roles(self) -> &'static [Role] {
        use Role::*;
        match self {
            Power::ReadFamily
            | Power::FlagAccounts
            | Power::RetireAccount
            | Power::RetireChild
            | Power::AnswerRequest => &[InstitutionOperator, MocOperator],
            Power::ReplaceEmail
            | Power::RecordMunicipalityChange
            | Power::LinkGuardian
            | Power::ConfirmChild
            | Power::CorrectChild
            | Power::AnswerCorrection
            | Power::MoveApplication => &[InstitutionOperator],
            Power::DecideMunicipalityChange => &[RegionalOperator],
            Power::KeepRoles => &[Admin],
        }
    }

    /// Reaches only families of the operator's municipality. Applications and requests are
    /// addressed to the institution by the family itself, and the duplicate queue holds only the
    /// pairs the operator is concerned with (one record may be registered in a wrong
    /// municipality, the very mistake R5 is about), which is scope enough.
    fn bounded_by_municipality(self) -> bool {
        !matches!(
            self,
            Power::AnswerCorrection
                | Power::MoveApplication
                | Power::AnswerRequest
                | Power::RetireChild
        )
    }

    /// Only reads: the operator's own family and role holders may be read like any other.
    fn reads_only(self) -> bool {
        self == Power::ReadFamily
    }

    pub fn code(self) -> &'static str {
        match self {
            Power::ReadFamily => "read_family",
            Power::ReplaceEmail => "replace_email",
            Power::RecordMunicipalityChange => "record_municipality_change",
            Power::DecideMunicipalityChange => "decide_municipality_change",
            Power::FlagAccounts => "flag_accounts",
            Power::RetireAccount => "retire_account",
            Power::LinkGuardian => "link_guardian",
            Power::ConfirmChild => "confirm_child",
            Power::CorrectChild => "correct_child",
            Power::AnswerCorrection => "answer_correction",
            Power::RetireChild => "retire_child",
            Power::MoveApplication => "move_application",
            Power::AnswerRequest => "answer_request",
            Power::KeepRoles => "keep_roles",
        }
    }
}

impl Actor {
    fn has(&self, power: Power) -> Result<(), Denial> {
        if power.roles().contains(&self.role) {
            Ok(())
        } else {
            Err(Denial::NotThisRole)
        }
    }

    /// Whether the account lives where this operator serves; region-wide roles serve everywhere.
    fn serves(&self, holder: &Holder) -> bool {
        self.municipality_id
            .is_none_or(|m| m == holder.municipality_id)
    }
}

/// May `actor` use `power` on the account `target`?
pub fn on_account(actor: &Actor, power: Power, target: &Holder) -> Result<(), Denial> {
    actor.has(power)?;
    if power.bounded_by_municipality() && !actor.serves(target) {
        return Err(Denial::OtherMunicipality);
    }
    if power.reads_only() {
        return Ok(());
    }
    if target.account_id == actor.account_id {
        return Err(Denial::OwnAccount);
    }
    if target.holds_role && actor.role != Role::Admin {
        return Err(Denial::RoleHolder);
    }
    Ok(())
}

/// May `actor` use `power` on a child whose guardians are `guardians`? A child belongs to the
/// municipality of any of its guardians; a child in the operator's own cabinet is its family's.
pub fn on_child(actor: &Actor, power: Power, guardians: &[Holder]) -> Result<(), Denial> {
    actor.has(power)?;
    if power.bounded_by_municipality() && !guardians.iter().any(|g| actor.serves(g)) {
        return Err(Denial::OtherMunicipality);
    }
    if power.reads_only() {
        return Ok(());
    }
    if guardians.iter().any(|g| g.account_id == actor.account_id) {
        return Err(Denial::OwnFamily);
    }
    Ok(())
}

/// May `actor` use `power` on a pair of accounts, one of which may be registered in a wrong
/// municipality (the very mistake R5 is about)? At least one must be in the operator's
/// municipality; neither may be its own or hold a role.
pub fn on_account_pair(
    actor: &Actor,
    power: Power,
    first: &Holder,
    second: &Holder,
) -> Result<(), Denial> {
    // Each account passes on its own but for the municipality…
    for holder in [first, second] {
        let here = Holder {
            municipality_id: actor.municipality_id.unwrap_or(holder.municipality_id),
            ..*holder
        };
        on_account(actor, power, &here)?;
    }
    // …and one of the two lives where the operator serves.
    if actor.serves(first) || actor.serves(second) {
        Ok(())
    } else {
        Err(Denial::OtherMunicipality)
    }
}

#[cfg(test)]
mod properties;
#[cfg(test)]
mod tests;
