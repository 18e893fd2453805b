//! п.19 by hand: the deficiency notice as the controller reads it.

use crate::front::cards::Names;
use crate::front::ctx::Ctx;
use crate::front::format::esc;
use crate::front::notices::Outgoing;
use crate::i18n::Lang;
use crate::t;

pub async fn render(
    ctx: &Ctx,
    id: i64,
    names: &Names,
    lang: Lang,
) -> anyhow::Result<Vec<Outgoing>> {
    let n = ctx
        .store
        .deficiency_notice(id)
        .await?
        .ok_or_else(|| anyhow::anyhow!("no deficiency notice {id}"))?;
    let case = match n.case {
        Some(case) => {
            let view = crate::front::views::load_case(ctx, case).await?;
            t!(lang, "notice-deficiency-case", number = view.case.number)
        }
        None => String::new(),
    };
    let html = t!(
        lang,
        "notice-deficiency",
        unit = esc(&names.unit(n.unit)),
        author = esc(&names.person(n.author)),
        case = case,
        text = esc(&n.text)
    );
    Ok(vec![Outgoing::Text {
        html,
        keyboard: None,
    }])
}
