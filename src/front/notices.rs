//! Rendering a notice for its recipient: a headline, the case card with the recipient's own
//! buttons, and the draft's files where the recipient reviews them.

use crate::domain::case::{Attachment, EventKind, Reviewer};
use crate::domain::deadline::{Deadline, DeadlineKind, Party};
use crate::domain::messenger::Messenger;
use crate::domain::notice::{LateItem, NoticeKind};
use crate::front::buttons::Keyboard;
use crate::front::cards::{card_with_draft, Names};
use crate::front::ctx::Ctx;
use crate::front::format::{esc, term_within, when, work_time};
use crate::front::views::{load_case, load_names, offers_publish_from_bot_in};
use crate::front::wording;
use crate::i18n::Lang;
use crate::service::report::{ReportService, StoredFile};
use crate::storage::{CaseView, OutboxItem};
use crate::t;

/// One message to send.
pub enum Outgoing {
    Text {
        html: String,
        keyboard: Option<Keyboard>,
    },
    /// One file of a draft or contribution, received in Telegram or in MAX.
    File { file: Attachment },
    /// п.16: several files sent together as one album.
    Album { files: Vec<Attachment> },
    /// A stored file of the monthly summary: uploaded once, then sent by its file id.
    Stored(StoredFile),
    /// A new text for a message sent earlier in the same chat, without buttons.
    Edit { message_id: i64, html: String },
}

fn text(html: String, keyboard: Option<Keyboard>) -> Outgoing {
    Outgoing::Text { html, keyboard }
}

/// The notice of an outbox row as `front` will send it: «Опубликовать от бота» only where
/// that front end can post under the source (MAX: VK posts only).
pub async fn render(
    ctx: &Ctx,
    reports: &ReportService,
    item: &OutboxItem,
    front: Messenger,
) -> anyhow::Result<Vec<Outgoing>> {
    let Some(notice) = item.notice() else {
        anyhow::bail!("outbox row {} carries no notice", item.id);
    };
    let lang = recipient_lang(ctx, item).await;
    let names = load_names(ctx).await?;
    match notice {
        NoticeKind::LateDigest { items } => Ok(vec![text(digest(ctx, &items, lang).await?, None)]),
        NoticeKind::PersonUnreachable { person } => Ok(vec![text(
            t!(
                lang,
                "notice-unreachable",
                name = esc(&names.person(person))
            ),
            None,
        )]),
        NoticeKind::MonthlyReport { month } => {
            crate::front::report::scheduled(reports, &month, lang).await
        }
        NoticeKind::CardLeftBehind {
            message_id,
            moved,
            prompt,
        } => {
            let card = (message_id, moved, prompt);
            crate::front::left_behind::card_left(ctx, item, card, &names, lang).await
        }
        NoticeKind::ReassignedAway { unit } => {
            crate::front::left_behind::reassigned_away(ctx, item, unit, &names, lang).await
        }
        NoticeKind::Candidate { candidate } => {
            crate::front::candidates::card(ctx, candidate, lang).await
        }
        NoticeKind::Deficiency { id } => {
            crate::front::deficiency::render(ctx, id, &names, lang).await
        }
        NoticeKind::CandidateDigest { candidates } => {
            crate::front::candidates::digest(ctx, &candidates, lang).await
        }
        other => {
            let case = item
                .case_id
                .ok_or_else(|| anyhow::anyhow!("notice without a case"))?;
            let view = load_case(ctx, case).await?;
            let actor = ctx.store.actor(item.person).await?;
            let from_bot = match actor.as_ref() {
                Some(a) => offers_publish_from_bot_in(ctx, a, &view, front).await,
                None => false,
            };
            let viewer = (actor.as_ref(), from_bot);
            Ok(case_notice(ctx, &other, &view, &names, viewer, lang))
        }
    }
}

pub async fn recipient_lang(ctx: &Ctx, item: &OutboxItem) -> Lang {
    match ctx.store.person_settings(item.person).await {
        Ok(Some(s)) => Lang::from_code(s.language.as_deref()),
        _ => Lang::Ru,
    }
}

fn case_notice(
    ctx: &Ctx,
    notice: &NoticeKind,
    view: &CaseView,
    names: &Names,
    (actor, from_bot): (Option<&crate::domain::directory::Actor>, bool),
    lang: Lang,
) -> Vec<Outgoing> {
    let n = view.case.number;
    let kb =
        actor.and_then(|a| crate::front::keyboards::for_viewer(view, a, ctx.now(), lang, from_bot));
    let at = (&ctx.calendar, ctx.now());
    let plain = crate::front::coexec::card_for(view, names, at, lang, actor);
    let with_draft = || card_with_draft(view, names, &ctx.calendar, ctx.now(), lang);
    let files = || {
        let draft = view.case.draft.iter().flat_map(|d| d.attachments.iter());
        crate::front::media::outgoing(&draft.cloned().collect::<Vec<_>>())
    };
    let head = |h: String, body: String| format!("{h}\n\n{body}");
    match notice {
        NoticeKind::Assignment { unit, responsible } => {
            let h = wording::assignment(ctx, view, (*unit, *responsible), actor, names, lang);
            vec![text(head(h, plain), kb)]
        }
        NoticeKind::Returned { unit } => {
            let reason = last_note(view, |k| matches!(k, EventKind::Returned { .. }));
            let h = t!(
                lang,
                "notice-returned",
                number = n,
                unit = esc(&names.unit(*unit)),
                reason = esc(&reason),
                term = term_within(wording::rules(ctx, view).reassign, lang)
            );
            vec![text(head(h, plain), kb)]
        }
        NoticeKind::ContributionReceived { unit } => contribution(view, *unit, names, lang, kb),
        NoticeKind::DraftForApproval => {
            let mut v = vec![text(
                head(
                    t!(lang, "notice-draft-for-approval", number = n),
                    with_draft(),
                ),
                kb,
            )];
            v.extend(files());
            v
        }
        NoticeKind::DraftForPublication => {
            let mut v = vec![text(
                head(
                    t!(
                        lang,
                        "notice-draft-for-publication",
                        number = n,
                        term = term_within(wording::rules(ctx, view).publish, lang)
                    ),
                    with_draft(),
                ),
                kb,
            )];
            v.extend(files());
            v
        }
        NoticeKind::DraftSentBack { by } => {
            let comment = last_note(view, |k| matches!(k, EventKind::DraftSentBack { .. }));
            let key = match by {
                Reviewer::Deputy => t!(
                    lang,
                    "notice-sent-back-deputy",
                    number = n,
                    comment = esc(&comment)
                ),
                Reviewer::Curator => t!(
                    lang,
                    "notice-sent-back-curator",
                    number = n,
                    comment = esc(&comment)
                ),
            };
            vec![text(head(key, plain), kb)]
        }
        // After an intermediate answer the executor's card keeps the button for the final one.
        NoticeKind::Published => vec![text(
            head(wording::published(ctx, view, actor, lang), plain),
            kb,
        )],
        NoticeKind::Rejected => vec![text(
            head(t!(lang, "notice-rejected", number = n), plain),
            None,
        )],
        NoticeKind::Reminder { deadline } => {
            vec![text(head(reminder(ctx, view, *deadline, lang), plain), kb)]
        }
        NoticeKind::Breach { deadline } => {
            vec![text(breach(ctx, view, *deadline, names, lang), None)]
        }
        NoticeKind::LateDigest { .. }
        | NoticeKind::PersonUnreachable { .. }
        | NoticeKind::MonthlyReport { .. }
        | NoticeKind::Candidate { .. }
        | NoticeKind::CandidateDigest { .. }
        | NoticeKind::Deficiency { .. }
        | NoticeKind::CardLeftBehind { .. }
        | NoticeKind::ReassignedAway { .. } => Vec::new(),
    }
}

/// The reason or comment of the latest event matching `pick`.
fn last_note(view: &CaseView, pick: impl Fn(&EventKind) -> bool) -> String {
    view.history
        .iter()
        .rev()
        .map(|(_, e)| e)
        .find(|e| pick(&e.kind))
        .map(|e| match &e.kind {
            EventKind::Returned { reason, .. } => reason.clone(),
            EventKind::DraftSentBack { comment, .. } => comment.clone(),
            _ => String::new(),
        })
        .unwrap_or_default()
}

fn contribution(
    view: &CaseView,
    unit: crate::domain::UnitId,
    names: &Names,
    lang: Lang,
    kb: Option<Keyboard>,
) -> Vec<Outgoing> {
    let given = view.history.iter().rev().find_map(|(_, e)| match &e.kind {
        EventKind::ContributionGiven {
            unit: u,
            text,
            attachments,
        } if u == &unit => Some((text.clone(), attachments.clone())),
        _ => None,
    });
    let (body, files) = given.unwrap_or_default();
    let h = t!(
        lang,
        "notice-contribution",
        number = view.case.number,
        unit = esc(&names.unit(unit))
    );
    let mut v = vec![text(format!("{h}\n\n{}", esc(&body)), kb)];
    v.extend(crate::front::media::outgoing(&files));
    v
}

pub fn deadline_name(kind: DeadlineKind, lang: Lang) -> String {
    match kind {
        DeadlineKind::ReturnWindow => t!(lang, "dl-return-window"),
        DeadlineKind::Reassign => t!(lang, "dl-reassign"),
        DeadlineKind::Answer => t!(lang, "dl-answer"),
        DeadlineKind::DraftToCurator => t!(lang, "dl-draft"),
        DeadlineKind::Publish => t!(lang, "dl-publish"),
        DeadlineKind::FinalAfterIntermediate => t!(lang, "dl-final"),
        DeadlineKind::Contribution => t!(lang, "dl-contribution"),
    }
}

fn latest(view: &CaseView, kind: DeadlineKind) -> Option<&Deadline> {
    view.deadlines.iter().rev().find(|d| d.kind == kind)
}

fn reminder(ctx: &Ctx, view: &CaseView, kind: DeadlineKind, lang: Lang) -> String {
    let Some(d) = latest(view, kind) else {
        return String::new();
    };
    let left = match ctx.calendar.elapsed(ctx.now(), d.due_at) {
        0 => t!(lang, "notice-just-due"),
        m => t!(lang, "due-left", left = work_time(m, lang)),
    };
    t!(
        lang,
        "notice-reminder",
        number = view.case.number,
        deadline = deadline_name(kind, lang),
        clause = d.kind.clause(),
        at = when(d.due_at, ctx.calendar.timezone()),
        left = left
    )
}

/// п.19: case, unit, person, deadline and lateness in working time.
fn breach(ctx: &Ctx, view: &CaseView, kind: DeadlineKind, names: &Names, lang: Lang) -> String {
    let Some(d) = latest(view, kind) else {
        return String::new();
    };
    let (unit, person) = match d.party {
        Party::Unit(u) => {
            let who = view
                .case
                .assignment(u)
                .and_then(|a| a.accepted_by())
                .map(|p| names.person(p));
            (
                names.unit(u),
                who.unwrap_or_else(|| t!(lang, "notice-nobody-accepted")),
            )
        }
        Party::Curator => (t!(lang, "holder-curator"), t!(lang, "holder-curator")),
    };
    let late = match d.lateness(&ctx.calendar, ctx.now()) {
        0 => t!(lang, "notice-just-due"),
        m => work_time(m, lang),
    };
    t!(
        lang,
        "notice-breach",
        number = view.case.number,
        link = esc(&view.case.link),
        unit = esc(&unit),
        person = esc(&person),
        deadline = deadline_name(kind, lang),
        clause = d.kind.clause(),
        at = when(d.due_at, ctx.calendar.timezone()),
        late = late
    )
}

async fn digest(ctx: &Ctx, items: &[LateItem], lang: Lang) -> anyhow::Result<String> {
    let mut out = t!(lang, "notice-digest", count = items.len());
    for item in items {
        let Ok(view) = load_case(ctx, item.case).await else {
            continue;
        };
        let late = latest(&view, item.deadline)
            .map(|d| work_time(d.lateness(&ctx.calendar, ctx.now()), lang))
            .unwrap_or_default();
        let key = if item.breach {
            "notice-digest-breach"
        } else {
            "notice-digest-reminder"
        };
        let line = match key {
            "notice-digest-breach" => t!(
                lang,
                "notice-digest-breach",
                number = view.case.number,
                deadline = deadline_name(item.deadline, lang),
                late = late
            ),
            _ => t!(
                lang,
                "notice-digest-reminder",
                number = view.case.number,
                deadline = deadline_name(item.deadline, lang)
            ),
        };
        out.push('\n');
        out += &line;
    }
    Ok(out)
}
