//! `otklik calendar show ГГГГ` and `otklik calendar due --from … (--minutes|--hours|--days) N`.

use std::path::Path;

use anyhow::{bail, Context};
use chrono::{Datelike, NaiveDateTime, TimeZone, Weekday};
use clap::{ArgGroup, Subcommand};

use crate::config::Config;
use crate::domain::calendar::{DayKind, OffReason, WorkCalendar, FIRST_YEAR, LAST_YEAR};
use crate::domain::WorkDuration;
use crate::i18n::{cli_lang, Lang};
use crate::t;

#[derive(Debug, Subcommand)]
pub enum CalendarCommand {
    /// List the year's non-working, shortened and working weekend days.
    Show {
        /// The year, ГГГГ.
        year: i32,
    },
    /// Print the deadline: working time added to a moment.
    #[command(group(ArgGroup::new("amount").required(true).args(["minutes", "hours", "days"])))]
    Due {
        /// The start, "ГГГГ-ММ-ДД ЧЧ:ММ" in the organization's time zone.
        #[arg(long)]
        from: String,
        #[arg(long)]
        minutes: Option<u32>,
        #[arg(long)]
        hours: Option<u32>,
        #[arg(long)]
        days: Option<u32>,
    },
}

const FORMAT: &str = "%Y-%m-%d %H:%M";

pub fn run(config: Option<&Path>, cmd: CalendarCommand) -> anyhow::Result<()> {
    let config = match config {
        Some(path) => crate::startup::load_config(path)?,
        None => Config::default(),
    };
    let calendar = WorkCalendar::new(config.calendar);
    let lang = cli_lang();
    match cmd {
        CalendarCommand::Show { year } => print!("{}", show(&calendar, year, lang)?),
        CalendarCommand::Due {
            from,
            minutes,
            hours,
            days,
        } => {
            let amount = amount(minutes, hours, days)?;
            let at = due(&calendar, &from, amount)?;
            if let Some(note) = fallback_note(&calendar, &from, &at, lang) {
                eprintln!("{note}");
            }
            println!("{at}");
        }
    }
    Ok(())
}

fn amount(
    minutes: Option<u32>,
    hours: Option<u32>,
    days: Option<u32>,
) -> anyhow::Result<WorkDuration> {
    match (minutes, hours, days) {
        (Some(m), None, None) => Ok(WorkDuration::Minutes(m)),
        (None, Some(h), None) => h
            .checked_mul(60)
            .map(WorkDuration::Minutes)
            .context("--hours is too large"),
        (None, None, Some(d)) => Ok(WorkDuration::Days(d)),
        _ => bail!("give exactly one of --minutes, --hours, --days"),
    }
}

/// The deadline as `ГГГГ-ММ-ДД ЧЧ:ММ` in the calendar's time zone.
pub fn due(calendar: &WorkCalendar, from: &str, amount: WorkDuration) -> anyhow::Result<String> {
    let local = NaiveDateTime::parse_from_str(from.trim(), FORMAT).with_context(|| {
        format!("--from must be \"ГГГГ-ММ-ДД ЧЧ:ММ\" (e.g. \"2026-11-23 09:00\"), got \"{from}\"")
    })?;
    let tz = calendar.timezone();
    let start = tz
        .from_local_datetime(&local)
        .earliest()
        .with_context(|| format!("{from} does not exist in {tz} (clock change)"))?;
    let year = local.date().format("%Y").to_string();
    let year: i32 = year.parse().unwrap_or(0);
    if !(FIRST_YEAR..=LAST_YEAR).contains(&year) {
        bail!("years {FIRST_YEAR}–{LAST_YEAR} are supported, got {year}");
    }
    let at = calendar.add(start.to_utc(), amount).with_timezone(&tz);
    // Past the last supported year the calendar answers with its horizon: not a real date.
    if at.year() > LAST_YEAR {
        bail!(t!(
            cli_lang(),
            "cli-calendar-beyond",
            first = FIRST_YEAR,
            last = LAST_YEAR
        ));
    }
    Ok(at.format(FORMAT).to_string())
}

/// A note when the span from `from` to `at` (both as printed) crosses years without an
/// official production calendar, so the deadline rests on the Labour Code fallback.
pub fn fallback_note(calendar: &WorkCalendar, from: &str, at: &str, lang: Lang) -> Option<String> {
    let year = |s: &str| s.trim().get(..4)?.parse::<i32>().ok();
    let (first, last) = (year(from)?, year(at)?);
    let unofficial: Vec<String> = (first..=last)
        .filter(|y| !calendar.year_is_official(*y))
        .map(|y| y.to_string())
        .collect();
    if unofficial.is_empty() {
        return None;
    }
    Some(t!(
        lang,
        "cli-calendar-due-fallback",
        years = unofficial.join(", ")
    ))
}

/// The year's listing in the CLI language.
pub fn show(calendar: &WorkCalendar, year: i32, lang: Lang) -> anyhow::Result<String> {
    if !(FIRST_YEAR..=LAST_YEAR).contains(&year) {
        bail!("years {FIRST_YEAR}–{LAST_YEAR} are supported, got {year}");
    }
    let listing = calendar.year_listing(year);
    let mut out = String::new();
    out += &t!(lang, "cli-calendar-title", year = year);
    out.push('\n');
    if !listing.official {
        out += &t!(lang, "cli-calendar-fallback-warning", year = year);
        out.push('\n');
    }
    for day in &listing.days {
        let date = day.date.format("%Y-%m-%d").to_string();
        let weekday = weekday_name(day.date.weekday(), lang);
        out += &format!("{date} {weekday}  {}\n", day_label(day.kind, lang));
    }
    let hours = listing.working_minutes / 60;
    out += &t!(
        lang,
        "cli-calendar-totals",
        days = listing.working_days,
        hours = hours
    );
    out.push('\n');
    Ok(out)
}

/// Short weekday names in the listing's language («пн», "Mon").
fn weekday_name(day: Weekday, lang: Lang) -> String {
    match day {
        Weekday::Mon => t!(lang, "weekday-mon"),
        Weekday::Tue => t!(lang, "weekday-tue"),
        Weekday::Wed => t!(lang, "weekday-wed"),
        Weekday::Thu => t!(lang, "weekday-thu"),
        Weekday::Fri => t!(lang, "weekday-fri"),
        Weekday::Sat => t!(lang, "weekday-sat"),
        Weekday::Sun => t!(lang, "weekday-sun"),
    }
}

fn day_label(kind: DayKind, lang: Lang) -> String {
    match kind {
        DayKind::Working => t!(lang, "cli-day-working"),
        DayKind::Shortened => t!(lang, "cli-day-shortened"),
        DayKind::WorkingWeekend { shortened: false } => t!(lang, "cli-day-working-weekend"),
        DayKind::WorkingWeekend { shortened: true } => t!(lang, "cli-day-working-weekend-short"),
        DayKind::NonWorking(OffReason::Holiday) => t!(lang, "cli-day-holiday"),
        DayKind::NonWorking(OffReason::RegionalHoliday) => t!(lang, "cli-day-regional-holiday"),
        DayKind::NonWorking(OffReason::Transfer) => t!(lang, "cli-day-transfer"),
        DayKind::NonWorking(OffReason::Weekend) => t!(lang, "cli-day-weekend"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::calendar::{CalendarSettings, Region};

    fn chuvashia() -> WorkCalendar {
        WorkCalendar::new(CalendarSettings {
            region: Some(Region::Chuvashia),
            ..Default::default()
        })
    }

    #[test]
    fn due_prints_the_spec_examples() {
        let c = WorkCalendar::default();
        assert_eq!(
            due(&c, "2026-11-23 09:00", WorkDuration::hours(8)).unwrap(),
            "2026-11-24 09:00"
        );
        assert_eq!(
            due(&c, "2026-11-23 13:00", WorkDuration::hours(4)).unwrap(),
            "2026-11-23 17:00"
        );
        assert_eq!(
            due(&c, "2026-10-30 11:00", WorkDuration::days(7)).unwrap(),
            "2026-11-11 17:00"
        );
    }

    #[test]
    fn due_skips_the_chuvash_day_of_the_republic() {
        // 23 June 2026 is a Tuesday; 24 June is a day off in Chuvashia only, so there the
        // 23rd is a shortened pre-holiday day ending at 16:00.
        let from = "2026-06-23 16:00";
        assert_eq!(
            due(&WorkCalendar::default(), from, WorkDuration::hours(2)).unwrap(),
            "2026-06-24 09:00"
        );
        assert_eq!(
            due(&chuvashia(), from, WorkDuration::hours(2)).unwrap(),
            "2026-06-25 10:00"
        );
    }

    #[test]
    fn due_refuses_impossible_dates() {
        let c = WorkCalendar::default();
        for bad in [
            "2026-02-30 09:00",
            "2026-13-01 09:00",
            "вчера",
            "2026-11-23",
            "2026-11-23 25:00",
        ] {
            assert!(due(&c, bad, WorkDuration::hours(1)).is_err(), "{bad}");
        }
        assert!(amount(None, Some(u32::MAX), None).is_err());
    }

    #[test]
    fn due_past_the_supported_years_is_an_error_not_a_date() {
        let c = WorkCalendar::default();
        let err = due(&c, "2026-11-23 09:00", WorkDuration::days(100_000)).unwrap_err();
        assert!(err.to_string().contains(&LAST_YEAR.to_string()), "{err}");
    }

    #[test]
    fn due_into_years_without_official_data_says_so() {
        let c = WorkCalendar::default();
        let last_official = (FIRST_YEAR..=LAST_YEAR)
            .filter(|y| c.year_is_official(*y))
            .max()
            .unwrap();
        let from = format!("{last_official}-12-28 09:00");
        let at = due(&c, &from, WorkDuration::days(30)).unwrap();
        let note = fallback_note(&c, &from, &at, Lang::En).expect("a note");
        assert!(note.contains(&(last_official + 1).to_string()), "{note}");
        assert!(note.contains("Labour Code"), "{note}");
        assert_eq!(
            fallback_note(&c, "2026-11-23 09:00", "2026-11-24 09:00", Lang::En),
            None
        );
    }

    #[test]
    fn the_russian_listing_names_weekdays_in_russian() {
        let text = show(&WorkCalendar::default(), 2026, Lang::Ru).unwrap();
        // 1 January 2026 is a Thursday.
        assert!(text.contains("2026-01-01 чт"), "{text}");
        assert!(!text.contains("Thu"), "{text}");
        let en = show(&WorkCalendar::default(), 2026, Lang::En).unwrap();
        assert!(en.contains("2026-01-01 Thu"), "{en}");
    }

    #[test]
    fn show_lists_transfers_shortened_days_and_regional_holidays() {
        let text = show(&chuvashia(), 2026, Lang::Ru).unwrap();
        assert!(text.contains("2026-01-09"), "{text}");
        assert!(text.contains("2026-12-31"), "{text}");
        assert!(text.contains("2026-06-24"), "{text}");
        assert!(show(&chuvashia(), 1800, Lang::Ru).is_err());
    }
}
