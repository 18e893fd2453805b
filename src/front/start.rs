//! What a person sees on joining: the invite token of a start command, and the greeting
//! that names their roles and what each role does here.

use crate::domain::directory::Person;
use crate::domain::Role;
use crate::front::format::esc;
use crate::front::refusal::role_name;
use crate::i18n::Lang;
use crate::t;

/// The token of `/start <token>` (also `/start@bot <token>`), if it looks like one of ours.
pub fn invite_token(text: &str) -> Option<&str> {
    let mut words = text.split_whitespace();
    let command = words.next()?;
    let name = command.split('@').next()?;
    if !name.eq_ignore_ascii_case("/start") {
        return None;
    }
    words.next().filter(|t| is_token(t))
}

/// The deep-link alphabet and length (Telegram's; MAX's payload allows more), so junk never reaches the database.
pub fn is_token(t: &str) -> bool {
    (1..=64).contains(&t.len())
        && t.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

/// «Здравствуйте, Иванова А.С.! Ваши роли: куратор.» and what each role does here.
pub fn greeting(person: &Person, lang: Lang) -> String {
    let roles: Vec<String> = person.roles.iter().map(|r| role_name(*r, lang)).collect();
    let mut lines = vec![t!(lang, "start-hello", name = esc(&person.name))];
    if roles.is_empty() {
        lines.push(t!(lang, "start-no-roles"));
    } else {
        lines.push(t!(lang, "start-roles", roles = roles.join(", ")));
    }
    for role in &person.roles {
        lines.push(match role {
            Role::Curator => t!(lang, "start-do-curator"),
            Role::Executor => t!(lang, "start-do-executor"),
            Role::Deputy => t!(lang, "start-do-deputy"),
            Role::Coordinator => t!(lang, "start-do-coordinator"),
            Role::Controller => t!(lang, "start-do-controller"),
            Role::Admin => t!(lang, "start-do-admin"),
        });
    }
    lines.push(t!(lang, "start-help"));
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::PersonId;

    #[test]
    fn invite_tokens_are_read_strictly() {
        assert_eq!(invite_token("/start abcDEF123"), Some("abcDEF123"));
        assert_eq!(invite_token("/start@otklik_bot abc"), Some("abc"));
        assert_eq!(invite_token("/START abc"), Some("abc"));
        assert_eq!(invite_token("/start"), None);
        assert_eq!(invite_token("/start ../../etc"), None);
        assert_eq!(invite_token(&format!("/start {}", "a".repeat(65))), None);
        assert_eq!(invite_token("/starter abc"), None);
        assert_eq!(invite_token("привет"), None);
        assert_eq!(invite_token(""), None);
    }

    #[test]
    fn the_greeting_names_every_role() {
        let person = Person {
            id: PersonId(1),
            name: "Иванова <А.С.>".into(),
            telegram_id: Some(1),
            roles: [Role::Curator, Role::Admin].into_iter().collect(),
            unit: None,
            active: true,
        };
        let text = greeting(&person, Lang::Ru);
        assert!(text.contains("Иванова &lt;А.С.&gt;"), "{text}");
        assert!(text.contains("куратор"), "{text}");
        assert!(text.contains("/help"), "{text}");
    }
}
