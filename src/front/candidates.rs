//! A candidate's card and the digest of paced candidates, for a curator.

use crate::domain::candidate::{excerpt, Suggestion};
use crate::domain::CaseId;
use crate::front::buttons::{button, keyboard, Keyboard};
use crate::front::callback::Action;
use crate::front::ctx::Ctx;
use crate::front::format::esc;
use crate::front::notices::Outgoing;
use crate::i18n::Lang;
use crate::storage::candidates::{Candidate, CandidateStatus};
use crate::t;

/// Characters of each post in a digest.
const DIGEST_EXCERPT: usize = 120;
/// Lines of one digest (Telegram allows 100 buttons a message); a longer pause is rare.
const DIGEST_LINES: usize = 50;

pub async fn card(ctx: &Ctx, id: i64, lang: Lang) -> anyhow::Result<Vec<Outgoing>> {
    let Some(c) = ctx.store.candidate(id).await? else {
        anyhow::bail!("candidate {id} is gone");
    };
    let (text, kb) = card_view(ctx, &c, lang).await?;
    Ok(vec![Outgoing::Text {
        html: text,
        keyboard: kb,
    }])
}

/// The card's text and, while nobody has dealt with it, its buttons.
pub async fn card_view(
    ctx: &Ctx,
    c: &Candidate,
    lang: Lang,
) -> anyhow::Result<(String, Option<Keyboard>)> {
    let p = &c.post;
    let mut lines = vec![head(c, lang), format!("<i>{}</i>", esc(&p.excerpt))];
    lines.push(match p.reason.is_empty() {
        true => t!(lang, "cand-watched"),
        false => t!(lang, "cand-signal", signal = esc(&p.reason)),
    });
    if let Some(s) = suggested(&p.suggestion, lang) {
        lines.push(s);
    }
    lines.push(t!(lang, "intake-link", link = esc(&p.link)));
    let mut rows = Vec::new();
    if let Some(n) = number(ctx, p.same_case).await? {
        lines.push(t!(lang, "cand-same-case", number = n));
        if let Some(case) = p.same_case {
            rows.push(vec![button(
                t!(lang, "intake-btn-open", number = n),
                Action::Open(case),
            )]);
        }
    } else if let Some(n) = number(ctx, p.repeat_of).await? {
        lines.push(t!(lang, "cand-repeat", number = n));
    }
    match (c.status, number(ctx, c.case_id).await?) {
        (CandidateStatus::New, _) => rows.insert(
            0,
            vec![
                button(t!(lang, "cand-btn-register"), Action::CandRegister(c.id)),
                button(t!(lang, "cand-btn-skip"), Action::CandSkip(c.id)),
            ],
        ),
        (CandidateStatus::Registered, Some(n)) => {
            lines.push(t!(lang, "cand-registered", number = n))
        }
        (CandidateStatus::Registered, None) => lines.push(t!(lang, "cand-settled")),
        (CandidateStatus::Skipped, _) => lines.push(t!(lang, "cand-skipped")),
    }
    Ok((lines.join("\n"), keyboard(rows)))
}

fn head(c: &Candidate, lang: Lang) -> String {
    let place = esc(&c.post.place);
    match c.post.source.as_str() {
        "vk" => t!(lang, "cand-head-vk", place = place),
        _ => t!(lang, "cand-head", place = place),
    }
}

fn suggested(s: &Suggestion, lang: Lang) -> Option<String> {
    let mut parts = Vec::new();
    if let Some(v) = &s.topic {
        parts.push(t!(lang, "cand-s-topic", value = esc(v)));
    }
    if let Some(v) = &s.location {
        parts.push(t!(lang, "cand-s-location", value = esc(v)));
    }
    if let Some(v) = &s.importance {
        parts.push(t!(lang, "cand-s-importance", value = esc(v)));
    }
    if let Some(v) = &s.unit {
        parts.push(t!(lang, "cand-s-unit", value = esc(v)));
    }
    (!parts.is_empty()).then(|| t!(lang, "cand-suggested", list = parts.join(", ")))
}

async fn number(ctx: &Ctx, case: Option<CaseId>) -> anyhow::Result<Option<i64>> {
    let Some(id) = case else { return Ok(None) };
    Ok(ctx
        .store
        .case(id, &ctx.store_ctx())
        .await?
        .map(|v| v.case.number))
}

/// Candidates gathered during a pause, one short line each with a button to its card;
/// those dealt with meanwhile are left out. A digest of one is just its card.
pub async fn digest(ctx: &Ctx, ids: &[i64], lang: Lang) -> anyhow::Result<Vec<Outgoing>> {
    let mut open = Vec::new();
    for id in ids {
        if let Some(c) = ctx.store.candidate(*id).await? {
            if c.status == CandidateStatus::New {
                open.push(c);
            }
        }
    }
    match open.len() {
        0 => return Ok(Vec::new()),
        1 => {
            let (text, kb) = card_view(ctx, &open[0], lang).await?;
            return Ok(vec![Outgoing::Text {
                html: text,
                keyboard: kb,
            }]);
        }
        _ => {}
    }
    let mut lines = vec![t!(lang, "cand-digest-head", count = open.len())];
    let mut rows = Vec::new();
    for (i, c) in open.iter().take(DIGEST_LINES).enumerate() {
        let n = i + 1;
        lines.push(format!(
            "\n{n}. <b>{}</b>: {}\n{}",
            esc(&c.post.place),
            esc(&excerpt(&c.post.excerpt, DIGEST_EXCERPT)),
            esc(&c.post.link)
        ));
        rows.push(vec![button(
            t!(lang, "cand-btn-open", n = n),
            Action::CandOpen(c.id),
        )]);
    }
    Ok(vec![Outgoing::Text {
        html: lines.join("\n"),
        keyboard: keyboard(rows),
    }])
}
