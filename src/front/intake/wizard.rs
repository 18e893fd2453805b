//! The intake wizard as a pure state machine over [`Intake`]: which step it is at, what a
//! press does to it, and how each step looks. Button indices come back from the client,
//! so every one is checked against the lists as they are now.

use crate::domain::intake::{Network, PostLink};
use crate::domain::{CaseId, UnitId};
use crate::front::buttons::{button, keyboard, Button, Keyboard};
use crate::front::callback::Action;
use crate::front::cards::network_name;
use crate::front::dialog::Intake;
use crate::front::format::esc;
use crate::i18n::Lang;
use crate::t;

/// Buttons per row for the short classification lists.
const PER_ROW: usize = 2;

/// A unit as the curator picks it: the deputy follows from the unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitChoice {
    pub id: UnitId,
    pub name: String,
    /// The supervising deputy's name; `None` if the unit has none yet.
    pub deputy: Option<String>,
}

/// The organization's lists as they are now.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Choices {
    pub topics: Vec<String>,
    pub locations: Vec<String>,
    pub importance: Vec<String>,
    pub units: Vec<UnitChoice>,
    /// Earlier cases this post may repeat (п.15), as (id, number).
    pub earlier: Vec<(CaseId, i64)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Topic,
    Location,
    Importance,
    Units,
    Summary,
}

/// Why a press changed nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// The button belongs to another step or to lists that changed since.
    Stale,
    /// «Далее» with no unit chosen.
    NoUnits,
}

/// A fresh wizard for one link.
pub fn start(link: &PostLink, warnings: Vec<String>, queue: Vec<String>) -> Intake {
    Intake {
        link: link.as_str().to_owned(),
        network: link.network().as_str().to_owned(),
        warnings,
        queue,
        ..Intake::default()
    }
}

pub fn step(i: &Intake) -> Step {
    if i.topic.is_none() {
        Step::Topic
    } else if i.location.is_none() {
        Step::Location
    } else if i.importance.is_none() {
        Step::Importance
    } else if !i.units_done || i.units.is_empty() {
        Step::Units
    } else {
        Step::Summary
    }
}

/// Applies a wizard press; on a refusal the intake is unchanged.
pub fn apply(i: &mut Intake, action: Action, c: &Choices) -> Result<(), Refusal> {
    let pick = |list: &[String], n: u16| list.get(usize::from(n)).cloned().ok_or(Refusal::Stale);
    match (step(i), action) {
        (Step::Topic, Action::Topic(n)) => i.topic = Some(pick(&c.topics, n)?),
        (Step::Location, Action::Location(n)) => i.location = Some(pick(&c.locations, n)?),
        (Step::Importance, Action::Importance(n)) => i.importance = Some(pick(&c.importance, n)?),
        (Step::Units, Action::ToggleUnit(u)) => {
            if let Some(pos) = i.units.iter().position(|x| *x == u) {
                i.units.remove(pos);
            } else if c.units.iter().any(|x| x.id == u) {
                i.units.push(u);
            } else {
                return Err(Refusal::Stale);
            }
        }
        (Step::Units, Action::UnitsDone) => {
            // Units dropped from the directory since they were ticked do not count.
            i.units.retain(|u| c.units.iter().any(|x| x.id == *u));
            if i.units.is_empty() {
                return Err(Refusal::NoUnits);
            }
            i.units_done = true;
        }
        // п.14: the order matters only with two co-executors or more.
        (Step::Summary, Action::ToggleOrder) if i.units.len() > 2 => i.sequential = !i.sequential,
        (Step::Summary, Action::RepeatOf(case)) => {
            if !c.earlier.iter().any(|(id, _)| *id == case) {
                return Err(Refusal::Stale);
            }
            i.repeat_of = (i.repeat_of != Some(case)).then_some(case);
        }
        _ => return Err(Refusal::Stale),
    }
    Ok(())
}

/// The wizard message for the current step.
pub fn render(i: &Intake, c: &Choices, lang: Lang) -> (String, Option<Keyboard>) {
    let mut text = header(i, c, lang);
    let mut rows = match step(i) {
        Step::Topic => list_step(
            &mut text,
            &c.topics,
            Action::Topic,
            t!(lang, "intake-ask-topic"),
            lang,
        ),
        Step::Location => list_step(
            &mut text,
            &c.locations,
            Action::Location,
            t!(lang, "intake-ask-location"),
            lang,
        ),
        Step::Importance => list_step(
            &mut text,
            &c.importance,
            Action::Importance,
            t!(lang, "intake-ask-importance"),
            lang,
        ),
        Step::Units => units_step(&mut text, i, c, lang),
        Step::Summary => summary_step(&mut text, i, c, lang),
    };
    rows.push(vec![button(
        t!(lang, "intake-btn-cancel"),
        Action::CancelIntake,
    )]);
    (text, keyboard(rows))
}

/// The link and what is chosen so far.
fn header(i: &Intake, c: &Choices, lang: Lang) -> String {
    let mut lines = vec![
        t!(lang, "intake-title"),
        t!(lang, "intake-link", link = esc(&i.link)),
        t!(lang, "intake-network", network = network_label(i, lang)),
    ];
    if let Some(v) = &i.topic {
        lines.push(t!(lang, "intake-topic", value = esc(v)));
    }
    if let Some(v) = &i.location {
        lines.push(t!(lang, "intake-location", value = esc(v)));
    }
    if let Some(v) = &i.importance {
        lines.push(t!(lang, "intake-importance", value = esc(v)));
    }
    if !i.units.is_empty() {
        lines.push(t!(lang, "intake-units", units = unit_list(i, c, lang)));
    }
    if !i.warnings.is_empty() {
        lines.push(t!(
            lang,
            "intake-p17-warning",
            found = warning_list(&i.warnings, lang)
        ));
    }
    if !i.queue.is_empty() {
        lines.push(t!(lang, "intake-queue", n = i.queue.len()));
    }
    lines.join("\n")
}

/// «ВКонтакте», or «Другое (example.com)» for a site the bot does not know.
pub fn network_label(i: &Intake, lang: Lang) -> String {
    let name = network_name(&i.network, lang);
    if Network::parse(&i.network) != Some(Network::Other) {
        return name;
    }
    match PostLink::parse(&i.link) {
        Ok(link) => format!("{name} ({})", esc(&link.display_host())),
        Err(_) => name,
    }
}

/// The chosen units in order, the first responsible, each with its deputy.
pub fn unit_list(i: &Intake, c: &Choices, lang: Lang) -> String {
    let mut parts = Vec::new();
    for (n, id) in i.units.iter().enumerate() {
        let Some(u) = c.units.iter().find(|u| u.id == *id) else {
            continue;
        };
        let deputy = match &u.deputy {
            Some(d) => t!(lang, "intake-deputy", name = esc(d)),
            None => t!(lang, "intake-no-deputy"),
        };
        let key = if n == 0 {
            t!(
                lang,
                "intake-unit-responsible",
                unit = esc(&u.name),
                deputy = deputy
            )
        } else {
            t!(lang, "intake-unit-co", unit = esc(&u.name), deputy = deputy)
        };
        parts.push(key);
    }
    parts.join("; ")
}

pub fn warning_list(codes: &[String], lang: Lang) -> String {
    codes
        .iter()
        .map(|c| match c.as_str() {
            "threat" => t!(lang, "intake-p17-threat"),
            "obscene" => t!(lang, "intake-p17-obscene"),
            _ => t!(lang, "intake-p17-insult"),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

type Row = Vec<Button>;

/// Buttons `PER_ROW` to a row, each carrying its index in the list.
pub fn grid(list: &[String], action: fn(u16) -> Action) -> Vec<Row> {
    let buttons: Vec<_> = list
        .iter()
        .enumerate()
        .filter_map(|(n, name)| {
            u16::try_from(n)
                .ok()
                .map(|n| button(name.clone(), action(n)))
        })
        .collect();
    buttons.chunks(PER_ROW).map(<[_]>::to_vec).collect()
}

fn list_step(
    text: &mut String,
    list: &[String],
    action: fn(u16) -> Action,
    ask: String,
    lang: Lang,
) -> Vec<Row> {
    text.push_str("\n\n");
    if list.is_empty() {
        text.push_str(&t!(lang, "intake-list-empty"));
        return Vec::new();
    }
    text.push_str(&ask);
    grid(list, action)
}

fn units_step(text: &mut String, i: &Intake, c: &Choices, lang: Lang) -> Vec<Row> {
    text.push_str("\n\n");
    if c.units.is_empty() {
        text.push_str(&t!(lang, "intake-list-empty"));
        return Vec::new();
    }
    text.push_str(&t!(lang, "intake-ask-units"));
    let mut rows: Vec<Row> = c
        .units
        .iter()
        .map(|u| {
            let mark = if i.units.contains(&u.id) { "✓ " } else { "" };
            let warn = if u.deputy.is_none() { " ⚠" } else { "" };
            vec![button(
                format!("{mark}{}{warn}", u.name),
                Action::ToggleUnit(u.id),
            )]
        })
        .collect();
    if !i.units.is_empty() {
        rows.push(vec![button(t!(lang, "intake-btn-next"), Action::UnitsDone)]);
    }
    rows
}

fn summary_step(text: &mut String, i: &Intake, c: &Choices, lang: Lang) -> Vec<Row> {
    if let Some(case) = i.repeat_of {
        if let Some(&(_, number)) = c.earlier.iter().find(|(id, _)| *id == case) {
            text.push('\n');
            text.push_str(&t!(lang, "intake-repeat", number = number));
        }
    }
    let order = order_step(text, i, c, lang);
    text.push_str("\n\n");
    text.push_str(&t!(lang, "intake-ask-confirm"));
    let mut rows = vec![
        vec![button(t!(lang, "intake-btn-confirm"), Action::Confirm)],
        vec![button(t!(lang, "intake-btn-reject"), Action::RejectP17)],
    ];
    rows.extend(order);
    let repeats: Vec<_> = c
        .earlier
        .iter()
        .map(|&(id, number)| {
            let mark = if i.repeat_of == Some(id) { "✓ " } else { "" };
            button(
                format!("{mark}{}", t!(lang, "intake-btn-repeat", number = number)),
                Action::RepeatOf(id),
            )
        })
        .collect();
    rows.extend(repeats.chunks(PER_ROW).map(<[_]>::to_vec));
    rows
}

/// п.14: with two co-executors or more the curator says whether they prepare their parts
/// all at once or one after another in the chosen order.
fn order_step(text: &mut String, i: &Intake, c: &Choices, lang: Lang) -> Vec<Row> {
    if i.units.len() < 3 {
        return Vec::new();
    }
    text.push('\n');
    let (line, label) = if i.sequential {
        let names: Vec<String> = i.units[1..]
            .iter()
            .filter_map(|id| c.units.iter().find(|u| u.id == *id))
            .map(|u| esc(&u.name))
            .collect();
        let line = t!(lang, "intake-order-sequential", units = names.join(" → "));
        (line, t!(lang, "intake-btn-order-parallel"))
    } else {
        let line = t!(lang, "intake-order-parallel");
        (line, t!(lang, "intake-btn-order-sequential"))
    };
    text.push_str(&line);
    vec![vec![button(label, Action::ToggleOrder)]]
}

#[cfg(test)]
#[path = "wizard_tests.rs"]
mod tests;
