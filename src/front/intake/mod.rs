//! Intake of posts (SPEC §5) as both messengers run it: the wizard's state machine and its
//! screens (`wizard`), the organization's lists it offers (`choices`), and here what a
//! curator's text brings, the registration the wizard builds, duplicates and the words for
//! how a link ended. Each adapter only sends, edits and keeps the wizard's message.

pub mod choices;
pub mod wizard;

use crate::domain::case::Registration;
use crate::domain::intake::{extract_links, PostLink, Screening};
use crate::domain::CaseId;
use crate::front::buttons::{button, keyboard, Keyboard};
use crate::front::callback::Action;
use crate::front::ctx::Ctx;
use crate::front::dialog::Intake;
use crate::front::format::esc;
use crate::i18n::Lang;
use crate::storage::StoreError;
use crate::t;

pub use choices::{load_choices, prefill};

/// The most links taken from one message; more is surely a paste by mistake.
pub const MAX_LINKS: usize = 20;

/// Links found in a message, in order, each normalized post once.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Found {
    pub links: Vec<PostLink>,
    /// п.17 categories found in the text that came with the links (codes, e.g. `threat`).
    pub warnings: Vec<String>,
}

/// The links typed in a plain text (at most [`MAX_LINKS`]) and its п.17 screening.
pub fn found_in_text(text: &str) -> Found {
    let mut links = extract_links(text);
    links.truncate(MAX_LINKS);
    Found {
        links,
        warnings: screen(text),
    }
}

/// The п.17 categories of a text, each once, in a stable order.
pub fn screen(text: &str) -> Vec<String> {
    let result = Screening::builtin().screen(text);
    let mut categories: Vec<_> = result.findings.iter().map(|f| f.category).collect();
    categories.sort();
    categories.dedup();
    categories
        .into_iter()
        .map(|c| c.as_str().to_owned())
        .collect()
}

/// Puts new links behind the running wizard's; returns how many wait now.
pub fn enqueue(current: &mut Intake, links: &[PostLink]) -> usize {
    for link in links.iter().map(PostLink::as_str) {
        if link != current.link && !current.queue.iter().any(|q| q == link) {
            current.queue.push(link.to_owned());
        }
    }
    current.queue.len()
}

/// What the queue holds next: the links met on the way that are registered already, and
/// the wizard for the first one that is not (none when the queue is done).
pub struct Next {
    pub duplicates: Vec<(PostLink, CaseId, i64)>,
    pub fresh: Option<Intake>,
}

/// Takes the queued links in turn. п.17 warnings belong to the first link: the text came
/// with it.
pub async fn next(
    ctx: &Ctx,
    queue: Vec<String>,
    warnings: Vec<String>,
) -> Result<Next, StoreError> {
    let mut warnings = Some(warnings);
    let mut duplicates = Vec::new();
    let mut queue = queue.into_iter();
    while let Some(raw) = queue.next() {
        let warnings = warnings.take().unwrap_or_default();
        // Queued links are already normalized, so this parse succeeds; skip it if not.
        let Ok(link) = PostLink::parse(&raw) else {
            continue;
        };
        if let Some((case, number)) = registered_as(ctx, &link).await? {
            duplicates.push((link, case, number));
            continue;
        }
        let fresh = Some(wizard::start(&link, warnings, queue.collect()));
        return Ok(Next { duplicates, fresh });
    }
    Ok(Next {
        duplicates,
        fresh: None,
    })
}

/// The case already registered for this post, as (id, number).
pub async fn registered_as(
    ctx: &Ctx,
    link: &PostLink,
) -> Result<Option<(CaseId, i64)>, StoreError> {
    let found = ctx
        .store
        .find_by_link(link.as_str(), &ctx.store_ctx())
        .await?;
    Ok(found.map(|v| (v.case.id, v.case.number)))
}

/// «Это сообщение уже зарегистрировано: дело №N» and the link.
pub fn duplicate_text(link: &str, number: i64, lang: Lang) -> String {
    format!(
        "{}\n{}",
        t!(lang, "intake-duplicate", number = number),
        t!(lang, "intake-link", link = esc(link))
    )
}

/// A button opening the case.
pub fn duplicate_keyboard(case: CaseId, number: i64, lang: Lang) -> Option<Keyboard> {
    keyboard(vec![vec![button(
        t!(lang, "intake-btn-open", number = number),
        Action::Open(case),
    )]])
}

/// What the wizard filled in, if it is complete.
pub fn registration(i: &Intake) -> Option<Registration> {
    Some(Registration {
        link: i.link.clone(),
        network: i.network.clone(),
        topic: i.topic.clone()?,
        location: i.location.clone()?,
        importance: i.importance.clone()?,
        repeat_of: i.repeat_of,
        units: i.units.clone(),
        sequential: i.sequential && i.units.len() > 2,
    })
}

/// The reason written into a case registered and rejected under п.17.
pub fn reject_reason(i: &Intake, lang: Lang) -> String {
    match i.warnings.is_empty() {
        true => t!(lang, "intake-reject-reason-plain"),
        false => t!(
            lang,
            "intake-reject-reason",
            found = wizard::warning_list(&i.warnings, lang)
        ),
    }
}

/// How a registered link ended: sent to the units, or rejected with `rejected` as reason.
pub fn done_text(
    i: &Intake,
    c: &wizard::Choices,
    number: i64,
    rejected: Option<&str>,
    lang: Lang,
) -> String {
    match rejected {
        Some(reason) => t!(
            lang,
            "intake-rejected",
            number = number,
            reason = esc(reason)
        ),
        None => t!(
            lang,
            "intake-done",
            number = number,
            units = wizard::unit_list(i, c, lang)
        ),
    }
}

/// The wizard message's last words: the outcome and the link.
pub fn with_link(text: &str, i: &Intake, lang: Lang) -> String {
    format!("{text}\n{}", t!(lang, "intake-link", link = esc(&i.link)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::UnitId;

    #[test]
    fn only_a_complete_wizard_registers() {
        let mut i = Intake {
            link: "https://vk.com/wall-1_2".into(),
            network: "vk".into(),
            topic: Some("ЖКХ".into()),
            location: Some("г. Алатырь".into()),
            units: vec![UnitId(3), UnitId(1)],
            ..Intake::default()
        };
        assert_eq!(registration(&i), None);
        i.importance = Some("Высокая".into());
        let reg = registration(&i).expect("complete");
        assert_eq!(
            reg.units,
            vec![UnitId(3), UnitId(1)],
            "the first chosen unit is responsible"
        );
        assert_eq!(reg.network, "vk");
    }

    #[test]
    fn plain_text_gives_links_and_screening() {
        let found = found_in_text("https://max.ru/news/AbC123 и vk.com/wall-1_2 Я тебя убью");
        assert_eq!(found.links.len(), 2);
        assert_eq!(found.warnings, vec!["threat"]);
        let text: Vec<String> = (1..=30).map(|i| format!("vk.com/wall-1_{i}")).collect();
        assert_eq!(found_in_text(&text.join(" ")).links.len(), MAX_LINKS);
    }

    #[test]
    fn queued_links_are_kept_once() {
        let link = |s: &str| PostLink::parse(s).expect("a link");
        let mut i = wizard::start(&link("vk.com/wall-1_2"), Vec::new(), Vec::new());
        let n = enqueue(
            &mut i,
            &[
                link("vk.com/wall-1_2"),
                link("vk.com/wall-1_3"),
                link("vk.com/wall-1_3"),
            ],
        );
        assert_eq!(n, 1);
    }
}
