//! Text measured in the shipped chart font, so the layout knows how wide every label is
//! and can wrap or shorten it to the room it has.

use plotters::style::{FontDesc, FontStyle};

use crate::report::font::{ensure_registered, FAMILY};

/// Width in pixels of `text` at `size` px; a rough estimate if the font were unreadable
/// (the chart then fails to render anyway).
pub fn width(text: &str, size: u32, bold: bool) -> i32 {
    let style = if bold {
        FontStyle::Bold
    } else {
        FontStyle::Normal
    };
    let measured = ensure_registered()
        .then(|| FontDesc::new(FAMILY.into(), f64::from(size), style).box_size(text))
        .and_then(Result::ok);
    match measured {
        Some((w, _)) => i32::try_from(w).unwrap_or(i32::MAX),
        None => i32::try_from(text.chars().count() as u32 * size * 3 / 5).unwrap_or(i32::MAX),
    }
}

/// The height of one line of text at `size` px, with room for descenders.
pub fn line_height(size: u32) -> i32 {
    i32::try_from(size + size / 3).unwrap_or(i32::MAX)
}

/// `text` if it fits in `max` px, else its longest prefix that fits with «…».
pub fn fit(text: &str, size: u32, bold: bool, max: i32) -> String {
    if width(text, size, bold) <= max {
        return text.to_owned();
    }
    let chars: Vec<char> = text.chars().collect();
    // The longest prefix that fits, found by halving: widths grow with the prefix.
    let (mut lo, mut hi) = (0, chars.len());
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        let candidate: String = chars[..mid].iter().collect::<String>() + "…";
        if width(&candidate, size, bold) <= max {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    let prefix: String = chars[..lo].iter().collect();
    let shortened = format!("{}…", prefix.trim_end());
    if width(&shortened, size, bold) <= max {
        shortened
    } else {
        String::new()
    }
}

/// `text` in at most `max_lines` lines of at most `max` px, broken between words; what
/// does not fit is cut with «…» on the last line. Never empty for a non-empty text.
pub fn wrap(text: &str, size: u32, bold: bool, max: i32, max_lines: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut words = text.split_whitespace().peekable();
    while let Some(word) = words.next() {
        let last = lines.len() + 1 == max_lines;
        let mut line = word.to_owned();
        while let Some(next) = words.peek() {
            let longer = format!("{line} {next}");
            if width(&longer, size, bold) > max {
                break;
            }
            line = longer;
            words.next();
        }
        if last && words.peek().is_some() {
            // Everything left goes on the last line, shortened.
            let rest: Vec<&str> = words.by_ref().collect();
            line = format!("{line} {}", rest.join(" "));
        }
        lines.push(fit(&line, size, bold, max));
        if last {
            break;
        }
    }
    if lines.is_empty() || lines.iter().all(String::is_empty) {
        lines = vec![fit(text.trim(), size, bold, max)];
    }
    lines
}
