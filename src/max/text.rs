//! MAX takes at most 4000 characters per message: longer texts go in several, cut between
//! lines so no HTML tag is split (the cards close their tags on each line).

const LIMIT: usize = 3900;

pub fn chunks(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for line in html.split_inclusive('\n') {
        if !cur.is_empty() && cur.chars().count() + line.chars().count() > LIMIT {
            out.push(std::mem::take(&mut cur));
        }
        if line.chars().count() > LIMIT {
            // One enormous line (a pasted text): cut by characters, a rare last resort.
            let chars: Vec<char> = line.chars().collect();
            for piece in chars.chunks(LIMIT) {
                out.push(piece.iter().collect());
            }
            continue;
        }
        cur.push_str(line);
    }
    if !cur.is_empty() || out.is_empty() {
        out.push(cur);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_texts_split_between_lines_under_the_limit() {
        assert_eq!(chunks("a\nb"), vec!["a\nb"]);
        let line = format!("{}\n", "я".repeat(1000));
        let text = line.repeat(9);
        let parts = chunks(&text);
        assert_eq!(parts.len(), 3);
        assert!(parts
            .iter()
            .all(|p| p.chars().count() <= LIMIT && p.ends_with('\n')));
        assert_eq!(parts.concat(), text);
        let huge = "ж".repeat(8000);
        assert_eq!(chunks(&huge).concat(), huge);
    }
}
