//! The roles beyond «родитель» (SPEC §2) and what each may do with applications.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Role {
    /// Staff of one school, kindergarten or УДО.
    InstitutionOperator,
    /// The municipal support centre (МОЦ) of one municipality.
    MocOperator,
    /// The regional level (РМЦ).
    RegionalOperator,
    Admin,
}

impl Role {
    pub const ALL: [Role; 4] = [
        Role::InstitutionOperator,
        Role::MocOperator,
        Role::RegionalOperator,
        Role::Admin,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Role::InstitutionOperator => "institution_operator",
            Role::MocOperator => "moc_operator",
            Role::RegionalOperator => "regional_operator",
            Role::Admin => "admin",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            Role::InstitutionOperator => "Оператор учреждения",
            Role::MocOperator => "Оператор МОЦ",
            Role::RegionalOperator => "Региональный оператор",
            Role::Admin => "Администратор",
        }
    }

    /// Reviews and moves the applications to its own organization's programs.
    pub fn manages_applications(self) -> bool {
        self == Role::InstitutionOperator
    }

    /// Keeps the dictionaries, the cancel reasons among them.
    pub fn manages_dictionaries(self) -> bool {
        self == Role::Admin
    }

    /// Where the role's work starts after switching to it.
    pub fn home(self) -> &'static str {
        self.workspace()
            .first()
            .map(|(href, _)| *href)
            .unwrap_or("/")
    }

    /// The sections of the role's workspace, for the header: `(address, name)`.
    pub fn workspace(self) -> &'static [(&'static str, &'static str)] {
        match self {
            Role::InstitutionOperator => &[
                ("/operator/applications", "Заявки"),
                ("/operator/programs", "Программы учреждения"),
                ("/operator/requests", "Обращения"),
                ("/operator/families", "Поиск семьи"),
                ("/operator/corrections", "Исправления"),
                ("/operator/duplicates", "Дубли"),
                ("/operator/municipality-changes", "Смена МО"),
            ],
            Role::MocOperator => &[
                ("/operator/requests", "Обращения"),
                ("/moc/programs", "Модерация"),
                ("/operator/families", "Поиск семьи"),
                ("/operator/duplicates", "Дубли"),
                ("/operator/municipality-changes", "Смена МО"),
                ("/admin/audit", "Журнал"),
            ],
            Role::Admin => &[
                ("/admin/cancel-reasons", "Причины отмены"),
                ("/admin/hotline", "Горячая линия"),
                ("/admin/operators", "Операторы"),
                ("/admin/audit", "Журнал"),
            ],
            Role::RegionalOperator => &[("/operator/municipality-changes", "Смена муниципалитета")],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_read_back() {
        for r in Role::ALL {
            assert_eq!(Role::from_code(r.code()), Some(r));
        }
        assert_eq!(Role::from_code("parent"), None);
    }

    #[test]
    fn only_institution_operators_move_applications_and_only_admins_keep_dictionaries() {
        let movers: Vec<Role> = Role::ALL
            .into_iter()
            .filter(|r| r.manages_applications())
            .collect();
        assert_eq!(movers, [Role::InstitutionOperator]);
        let keepers: Vec<Role> = Role::ALL
            .into_iter()
            .filter(|r| r.manages_dictionaries())
            .collect();
        assert_eq!(keepers, [Role::Admin]);
    }
}
