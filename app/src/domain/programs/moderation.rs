//! How a program reaches parents: the institution submits it, МОЦ of its municipality publishes it
//! or returns it with a comment. A published program that the institution changes keeps showing
//! its published version until МОЦ accepts the change; an archived one shows nowhere.

use serde::{Deserialize, Serialize};

/// Where a program stands, as the institution's and МОЦ's lists show it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgramState {
    /// Parents see the published version.
    pub published: bool,
    /// The version waiting for МОЦ, or returned by it; none when nothing is pending.
    pub revision: Option<Revision>,
    pub archived: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Revision {
    /// «На модерации»: МОЦ has it.
    Waiting,
    /// Returned with a comment; the institution edits and submits again.
    Returned,
}

/// The longest comment МОЦ may write when it returns a program.
pub const MAX_COMMENT: usize = 2000;

/// Why a step is refused; the texts the operator reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ModerationError {
    Archived,
    NothingWaiting,
    CommentMissing,
    CommentTooLong,
    AlreadyArchived,
}

impl ModerationError {
    pub fn message(self) -> &'static str {
        match self {
            ModerationError::Archived => "Программа в архиве: ее нельзя менять",
            ModerationError::NothingWaiting => "Эта программа не ждет модерации",
            ModerationError::CommentMissing => "Напишите учреждению, что исправить",
            ModerationError::CommentTooLong => "Комментарий — не длиннее 2000 символов",
            ModerationError::AlreadyArchived => "Программа уже в архиве",
        }
    }
}

impl ProgramState {
    /// A program just created (or copied to the next school year): waiting for МОЦ.
    pub const NEW: ProgramState = ProgramState {
        published: false,
        revision: Some(Revision::Waiting),
        archived: false,
    };

    /// The institution sends a version (a new one, an edited one, or a returned one fixed) to МОЦ.
    pub fn submit(self) -> Result<Self, ModerationError> {
        if self.archived {
            return Err(ModerationError::Archived);
        }
        Ok(ProgramState {
            revision: Some(Revision::Waiting),
            ..self
        })
    }

    /// МОЦ accepts the waiting version: it becomes what parents see.
    pub fn publish(self) -> Result<Self, ModerationError> {
        self.waiting()?;
        Ok(ProgramState {
            published: true,
            revision: None,
            archived: false,
        })
    }

    /// МОЦ returns the waiting version with `comment` (trimmed), which the institution reads.
    pub fn return_with(self, comment: &str) -> Result<(Self, String), ModerationError> {
        self.waiting()?;
        let comment = comment.trim();
        if comment.is_empty() {
            return Err(ModerationError::CommentMissing);
        }
        if comment.chars().count() > MAX_COMMENT {
            return Err(ModerationError::CommentTooLong);
        }
        let state = ProgramState {
            revision: Some(Revision::Returned),
            ..self
        };
        Ok((state, comment.to_owned()))
    }

    /// The institution takes the program out of the catalogue (its groups are closed first).
    pub fn archive(self) -> Result<Self, ModerationError> {
        if self.archived {
            return Err(ModerationError::AlreadyArchived);
        }
        Ok(ProgramState {
            published: false,
            revision: None,
            archived: true,
        })
    }

    /// Whether parents find the program in the catalogue.
    pub fn visible_to_parents(self) -> bool {
        self.published && !self.archived
    }

    /// What the institution's and МОЦ's lists say.
    pub fn label(self) -> &'static str {
        match (self.archived, self.published, self.revision) {
            (true, _, _) => "В архиве",
            (false, false, Some(Revision::Waiting)) => "На модерации",
            (false, false, Some(Revision::Returned)) => "Возвращена на доработку",
            (false, true, Some(Revision::Waiting)) => "Опубликована, изменения на модерации",
            (false, true, Some(Revision::Returned)) => "Опубликована, изменения возвращены",
            (false, true, None) => "Опубликована",
            (false, false, None) => "Не опубликована",
        }
    }

    fn waiting(self) -> Result<(), ModerationError> {
        match (self.archived, self.revision) {
            (true, _) => Err(ModerationError::Archived),
            (false, Some(Revision::Waiting)) => Ok(()),
            _ => Err(ModerationError::NothingWaiting),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn any_state() -> impl Strategy<Value = ProgramState> {
        (
            any::<bool>(),
            prop_oneof![
                Just(None),
                Just(Some(Revision::Waiting)),
                Just(Some(Revision::Returned))
            ],
            any::<bool>(),
        )
            .prop_map(|(published, revision, archived)| ProgramState {
                published,
                revision,
                archived,
            })
    }

    #[test]
    fn a_new_program_is_published_by_moc_and_then_seen_by_parents() {
        let new = ProgramState::NEW;
        assert_eq!(new.label(), "На модерации");
        assert!(!new.visible_to_parents());
        let published = new.publish().unwrap();
        assert_eq!(published.label(), "Опубликована");
        assert!(published.visible_to_parents());
    }

    #[test]
    fn a_returned_program_carries_the_comment_and_goes_back_after_a_fix() {
        let (returned, comment) = ProgramState::NEW
            .return_with("  Уточните возраст  ")
            .unwrap();
        assert_eq!(comment, "Уточните возраст");
        assert_eq!(returned.label(), "Возвращена на доработку");
        assert_eq!(returned.publish(), Err(ModerationError::NothingWaiting));
        assert_eq!(returned.submit(), Ok(ProgramState::NEW));
    }

    #[test]
    fn a_change_of_a_published_program_keeps_it_visible_until_accepted() {
        let published = ProgramState::NEW.publish().unwrap();
        let changed = published.submit().unwrap();
        assert_eq!(changed.label(), "Опубликована, изменения на модерации");
        assert!(changed.visible_to_parents());
        let (returned, _) = changed.return_with("Нет").unwrap();
        assert!(returned.visible_to_parents());
        assert_eq!(returned.label(), "Опубликована, изменения возвращены");
        assert_eq!(changed.publish(), Ok(published));
    }

    #[test]
    fn a_return_needs_a_comment_of_sensible_length() {
        let new = ProgramState::NEW;
        assert_eq!(new.return_with("   "), Err(ModerationError::CommentMissing));
        let long = "я".repeat(MAX_COMMENT + 1);
        assert_eq!(new.return_with(&long), Err(ModerationError::CommentTooLong));
        assert!(new.return_with(&"я".repeat(MAX_COMMENT)).is_ok());
    }

    proptest! {
        #[test]
        fn an_archived_program_never_moves_and_is_never_seen(state in any_state(), comment in ".{0,10}") {
            let archived = ProgramState { archived: true, ..state };
            prop_assert!(!archived.visible_to_parents());
            prop_assert_eq!(archived.label(), "В архиве");
            prop_assert_eq!(archived.submit(), Err(ModerationError::Archived));
            prop_assert_eq!(archived.publish(), Err(ModerationError::Archived));
            prop_assert_eq!(archived.return_with(&comment).map(|_| ()), Err(ModerationError::Archived));
            prop_assert_eq!(archived.archive(), Err(ModerationError::AlreadyArchived));
        }

        #[test]
        fn only_a_waiting_version_is_decided(state in any_state()) {
            let waiting = !state.archived && state.revision == Some(Revision::Waiting);
            prop_assert_eq!(state.publish().is_ok(), waiting);
            prop_assert_eq!(state.return_with("Исправьте").is_ok(), waiting);
        }

        #[test]
        fn publishing_leaves_nothing_pending(state in any_state()) {
            if let Ok(after) = state.publish() {
                prop_assert!(after.visible_to_parents());
                prop_assert_eq!(after.revision, None);
            }
        }
    }
}
