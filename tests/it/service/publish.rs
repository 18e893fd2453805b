//! Publishing from the bot under faults (issue 13, п.12): the intent is stored before the
//! post and the link after, so a retry after a crash neither posts twice nor loses the post,
//! and a failed post leaves the case open and may be tried again.

use std::sync::atomic::{AtomicUsize, Ordering};

use otklik::domain::candidate::{ChatRef, PublishTarget};
use otklik::domain::case::{CaseState, Command, DraftKind, EventKind};
use otklik::domain::CaseId;
use otklik::service::candidates::{publish_from_bot, Answer, Posted, Poster, PublishError};
use otklik::storage::publications::Publication;
use otklik::storage::{CaseView, CommandMeta, StoreError};

use crate::helpers::db::TestDb;
use crate::storage::fixture::{monday_9, Fx};

contract!(
    p12_a_retry_after_a_crash_neither_posts_twice_nor_loses_the_post,
    p12_a_failed_post_leaves_the_case_open_and_may_be_tried_again,
    p12_only_the_curator_may_publish_from_the_bot,
);

/// Counts posts; fails while `fail` is set.
#[derive(Default)]
struct CountingPoster {
    posts: AtomicUsize,
    fail: std::sync::atomic::AtomicBool,
}

impl Poster for CountingPoster {
    async fn post(&self, _: &PublishTarget, answer: Answer<'_>) -> Result<Posted, String> {
        assert_eq!(answer.text, "Засыпали.");
        if self.fail.load(Ordering::SeqCst) {
            return Err("Forbidden: bot is not a member of the supergroup chat".into());
        }
        let n = self.posts.fetch_add(1, Ordering::SeqCst) + 1;
        Ok(Posted {
            url: format!("https://t.me/c/1500000002/{}", 700 + n),
            files_left: Vec::new(),
        })
    }
}

fn target() -> PublishTarget {
    PublishTarget::Telegram {
        chat: ChatRef::Id(-1_001_500_000_002),
        message_id: 501,
    }
}

/// A case whose approved answer waits for the curator.
async fn approved(fx: &Fx, link: &str) -> CaseView {
    let at = monday_9();
    let id = fx.register(link, at).await.case.id;
    let ok = |r: Result<CaseView, StoreError>| r.expect("command");
    ok(fx
        .run(id, fx.exec1, Command::Accept { unit: fx.unit1 }, at)
        .await);
    let draft = Command::SubmitDraft {
        kind: DraftKind::Final,
        text: "Засыпали.".into(),
        attachments: Vec::new(),
    };
    ok(fx.run(id, fx.exec1, draft, at).await);
    ok(fx.run(id, fx.deputy1, Command::Approve, at).await)
}

fn key_of(view: &CaseView) -> String {
    let (event, _) = view
        .history
        .iter()
        .rev()
        .find(|(_, e)| matches!(e.kind, EventKind::DraftSubmitted { .. }))
        .expect("a draft");
    format!("pub:{}:{event}", view.case.id.0)
}

async fn publish(fx: &Fx, case: CaseId, poster: &CountingPoster) -> Result<String, PublishError> {
    let meta = CommandMeta::at(monday_9());
    publish_from_bot(
        &fx.store,
        case,
        fx.curator,
        &target(),
        poster,
        meta,
        &fx.ctx,
    )
    .await
    .map(|p| p.url)
}

fn url_of(view: &CaseView) -> Option<String> {
    view.events().find_map(|e| match &e.kind {
        EventKind::Published { url, .. } => url.clone(),
        _ => None,
    })
}

async fn p12_a_retry_after_a_crash_neither_posts_twice_nor_loses_the_post(db: &TestDb) {
    let fx = Fx::new(db).await;
    let poster = CountingPoster::default();
    let s = &fx.store;

    // Crashed after the post, before the case was closed: the retry only closes it.
    let posted = approved(&fx, "https://t.me/c/1500000002/501").await;
    let key = key_of(&posted);
    let start = s.start_publication(&key, posted.case.id.0, "telegram", monday_9());
    assert_eq!(start.await.unwrap(), Publication::Started);
    let url = "https://t.me/c/1500000002/650";
    s.finish_publication(&key, url).await.unwrap();
    assert_eq!(publish(&fx, posted.case.id, &poster).await.unwrap(), url);
    assert_eq!(poster.posts.load(Ordering::SeqCst), 0);
    let view = fx.view(posted.case.id).await;
    assert_eq!(view.case.state, CaseState::Answered);
    assert_eq!(url_of(&view).as_deref(), Some(url));

    // Crashed during the post (its fate unknown): nothing is posted again, the curator is
    // told, the case stays open for the manual path.
    let unknown = approved(&fx, "https://t.me/c/1500000002/502").await;
    let key = key_of(&unknown);
    let start = s.start_publication(&key, unknown.case.id.0, "telegram", monday_9());
    assert_eq!(start.await.unwrap(), Publication::Started);
    let again = publish(&fx, unknown.case.id, &poster).await;
    assert!(matches!(again, Err(PublishError::Unknown)), "{again:?}");
    assert_eq!(poster.posts.load(Ordering::SeqCst), 0);
    assert_eq!(
        fx.view(unknown.case.id).await.case.state,
        CaseState::WithCurator
    );

    // A normal publication, then a second press: one post.
    let fresh = approved(&fx, "https://t.me/c/1500000002/503").await;
    let url = publish(&fx, fresh.case.id, &poster).await.unwrap();
    assert_eq!(poster.posts.load(Ordering::SeqCst), 1);
    let second = publish(&fx, fresh.case.id, &poster).await;
    assert!(
        matches!(second, Err(PublishError::Store(StoreError::Refused(_)))),
        "{second:?}"
    );
    assert_eq!(poster.posts.load(Ordering::SeqCst), 1);
    assert_eq!(url_of(&fx.view(fresh.case.id).await), Some(url));
}

async fn p12_a_failed_post_leaves_the_case_open_and_may_be_tried_again(db: &TestDb) {
    let fx = Fx::new(db).await;
    let poster = CountingPoster::default();
    let view = approved(&fx, "https://t.me/c/1500000002/510").await;
    poster.fail.store(true, Ordering::SeqCst);
    let failed = publish(&fx, view.case.id, &poster).await;
    assert!(matches!(failed, Err(PublishError::Failed(_))), "{failed:?}");
    assert_eq!(
        fx.view(view.case.id).await.case.state,
        CaseState::WithCurator
    );
    poster.fail.store(false, Ordering::SeqCst);
    publish(&fx, view.case.id, &poster)
        .await
        .expect("the retry posts");
    assert_eq!(poster.posts.load(Ordering::SeqCst), 1);
    assert_eq!(fx.view(view.case.id).await.case.state, CaseState::Answered);
}

async fn p12_only_the_curator_may_publish_from_the_bot(db: &TestDb) {
    let fx = Fx::new(db).await;
    let poster = CountingPoster::default();
    let view = approved(&fx, "https://t.me/c/1500000002/520").await;
    for who in [fx.exec1, fx.deputy1, fx.controller] {
        let meta = CommandMeta::at(monday_9());
        let refused = publish_from_bot(
            &fx.store,
            view.case.id,
            who,
            &target(),
            &poster,
            meta,
            &fx.ctx,
        )
        .await;
        assert!(
            matches!(refused, Err(PublishError::Store(StoreError::Refused(_)))),
            "{refused:?}"
        );
    }
    assert_eq!(poster.posts.load(Ordering::SeqCst), 0);
    assert_eq!(
        fx.view(view.case.id).await.case.state,
        CaseState::WithCurator
    );
}
