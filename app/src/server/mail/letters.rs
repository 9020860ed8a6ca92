//! The texts of the letters Kruzhok sends.

use super::Letter;

const SIGNATURE: &str = "\n\n—\nКружок: запись детей на программы дополнительного образования г.о. Иваново.\nЕсли учреждение не может помочь с технической проблемой, звоните на горячую линию МОЦ: 48-28-08 (вт, чт с 13.00 до 16.30).";

pub fn confirm_email(to: &str, link: &str) -> Letter {
    Letter {
        to: to.to_owned(),
        subject: "Подтвердите почту в «Кружке»".to_owned(),
        body: format!(
            "Здравствуйте!\n\nЧтобы подтвердить адрес электронной почты и закончить регистрацию, откройте ссылку:\n{link}\n\nСсылка действует 48 часов и срабатывает один раз. Если вы не регистрировались в «Кружке», просто удалите это письмо.{SIGNATURE}"
        ),
    }
}

pub fn account_exists(to: &str, login_link: &str, reset_link: &str) -> Letter {
    Letter {
        to: to.to_owned(),
        subject: "У вас уже есть аккаунт в «Кружке»".to_owned(),
        body: format!(
            "Здравствуйте!\n\nКто-то (возможно, вы) пытался зарегистрироваться в «Кружке» с этим адресом почты. Аккаунт с этим адресом уже есть — новый создавать не нужно, система даст ошибку.\n\nВойти: {login_link}\nЗабыли пароль — восстановите его: {reset_link}\n\nЕсли это были не вы, ничего делать не нужно.{SIGNATURE}"
        ),
    }
}

pub fn reset_password(to: &str, link: &str) -> Letter {
    Letter {
        to: to.to_owned(),
        subject: "Восстановление пароля в «Кружке»".to_owned(),
        body: format!(
            "Здравствуйте!\n\nЧтобы задать новый пароль, откройте ссылку:\n{link}\n\nСсылка действует 2 часа и срабатывает один раз. Если вы не просили восстановить пароль, просто удалите это письмо — пароль останется прежним.{SIGNATURE}"
        ),
    }
}

/// To the old address after an operator replaced it (R3): what happened and what to do if it was
/// not the account's owner who asked.
pub fn email_replaced_old(to: &str, organization: &str, new_masked: &str) -> Letter {
    Letter {
        to: to.to_owned(),
        subject: "Почта вашего аккаунта в «Кружке» заменена".to_owned(),
        body: format!(
            "Здравствуйте!\n\nПо вашему обращению оператор учреждения «{organization}» заменил почту аккаунта на {new_masked}. Войти теперь можно только с новой почтой; все входы на устройствах завершены.\n\nЕсли вы не обращались в учреждение, сразу позвоните в него или на горячую линию МОЦ.{SIGNATURE}"
        ),
    }
}

/// To the new address after an operator set it (R3): confirm it to log in.
pub fn email_replaced_new(to: &str, link: &str) -> Letter {
    Letter {
        to: to.to_owned(),
        subject: "Подтвердите новую почту в «Кружке»".to_owned(),
        body: format!(
            "Здравствуйте!\n\nОператор учреждения указал этот адрес как почту вашего аккаунта в «Кружке». Чтобы подтвердить его, откройте ссылку:\n{link}\n\nСсылка действует 48 часов и срабатывает один раз. Войти можно с этой почтой и прежним паролем; если пароль забыт, восстановите его на странице входа.{SIGNATURE}"
        ),
    }
}
