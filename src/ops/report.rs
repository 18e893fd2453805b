//! Errors as one line: each cause named once, and never the bot token.

/// `outer: cause: root cause`, skipping any cause whose text is already in the line (libraries
/// often repeat their source in their own message) and hiding the token if one leaked in.
pub fn one_line(e: &anyhow::Error) -> String {
    let mut line = String::new();
    for cause in e.chain() {
        let text = cause.to_string();
        let text = text.trim();
        if text.is_empty() || line.contains(text) {
            continue;
        }
        if !line.is_empty() {
            line.push_str(": ");
        }
        line.push_str(text);
    }
    redact_token(&line.replace('\n', " "))
}

/// `line` with the bot token, if it leaked in, hidden.
pub fn redact_token(line: &str) -> String {
    match std::env::var("TELOXIDE_TOKEN") {
        Ok(token) if token.trim().len() >= 8 => line.replace(token.trim(), "***"),
        _ => line.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, thiserror::Error)]
    #[error("database error: {0}")]
    struct Wrapping(#[source] std::io::Error);

    #[test]
    fn a_cause_repeated_by_its_wrapper_is_named_once() {
        let io = std::io::Error::other("Is a directory (os error 21)");
        let e = anyhow::Error::new(Wrapping(io)).context("cannot open the database x.db");
        assert_eq!(
            one_line(&e),
            "cannot open the database x.db: database error: Is a directory (os error 21)"
        );
    }

    #[test]
    fn distinct_causes_are_all_kept_in_order() {
        let e = anyhow::anyhow!("connection refused").context("PostgreSQL at db:5432");
        assert_eq!(one_line(&e), "PostgreSQL at db:5432: connection refused");
    }
}
