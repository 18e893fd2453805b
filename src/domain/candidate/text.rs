//! The part of a post's text a card shows.

/// Characters of a post shown on a card; the link leads to the rest.
pub const EXCERPT_CHARS: usize = 300;

/// The text, whitespace collapsed, cut at a word boundary to at most `max` characters
/// (with «…» when cut).
pub fn excerpt(text: &str, max: usize) -> String {
    let words = text.split_whitespace();
    let mut out = String::new();
    let mut len = 0;
    for w in words {
        let wl = w.chars().count();
        let sep = usize::from(!out.is_empty());
        if len + sep + wl > max {
            if out.is_empty() {
                // One enormous word: cut inside it.
                out.extend(w.chars().take(max.saturating_sub(1)));
            }
            out.push('…');
            return out;
        }
        if sep == 1 {
            out.push(' ');
        }
        out.push_str(w);
        len += sep + wl;
    }
    out
}
