//! A statement as data: its SQL, its arguments and what its count of changed rows must be.
//! The writes and reads of a case command are built this way so that SQLite can run several
//! of them in one call to its connection's worker thread (`sqlite_batch`), while PostgreSQL
//! runs each at once (`shared/base.rs`). Issue 15: every call is a hand-off between threads,
//! and a command held SQLite's write lock across ten of them.

use std::borrow::Cow;

use crate::storage::StoreError;

/// One bound value. Each variant binds as the Rust type the statement had before, so
/// PostgreSQL sees the same parameter types.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Arg {
    Int(Option<i64>),
    Text(Option<String>),
    Bool(bool),
}

impl From<i64> for Arg {
    fn from(v: i64) -> Self {
        Arg::Int(Some(v))
    }
}

impl From<Option<i64>> for Arg {
    fn from(v: Option<i64>) -> Self {
        Arg::Int(v)
    }
}

impl From<&str> for Arg {
    fn from(v: &str) -> Self {
        Arg::Text(Some(v.to_owned()))
    }
}

impl From<String> for Arg {
    fn from(v: String) -> Self {
        Arg::Text(Some(v))
    }
}

impl From<Option<&str>> for Arg {
    fn from(v: Option<&str>) -> Self {
        Arg::Text(v.map(str::to_owned))
    }
}

impl From<bool> for Arg {
    fn from(v: bool) -> Self {
        Arg::Bool(v)
    }
}

/// What it means when a statement that must change a row changed none.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Miss {
    /// The case changed since it was read (optimistic concurrency).
    Conflict,
    /// The messenger update was already recorded.
    DuplicateUpdate(i64),
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Stmt {
    pub(crate) sql: Cow<'static, str>,
    pub(crate) args: Vec<Arg>,
    /// Set when the statement must change at least one row.
    pub(crate) must_change: Option<Miss>,
}

impl Stmt {
    pub(crate) fn new(sql: impl Into<Cow<'static, str>>) -> Self {
        Stmt {
            sql: sql.into(),
            args: Vec::new(),
            must_change: None,
        }
    }

    pub(crate) fn arg(mut self, value: impl Into<Arg>) -> Self {
        self.args.push(value.into());
        self
    }

    pub(crate) fn or_fail(mut self, miss: Miss) -> Self {
        self.must_change = Some(miss);
        self
    }

    /// The statement's outcome, given how many rows it changed.
    pub(crate) fn check(&self, changed: u64) -> Result<(), StoreError> {
        match self.must_change {
            Some(miss) if changed == 0 => Err(miss.error()),
            _ => Ok(()),
        }
    }
}

impl Miss {
    pub(crate) fn error(self) -> StoreError {
        match self {
            Miss::Conflict => StoreError::Conflict,
            Miss::DuplicateUpdate(id) => StoreError::DuplicateUpdate(id),
        }
    }
}

/// `sql` with every `$N` parameter outside string literals renumbered `$(N + by)`, so that
/// statements can be joined into one text with their arguments one after another.
pub(crate) fn shift_params(sql: &str, by: usize) -> Cow<'_, str> {
    if by == 0 || !sql.contains('$') {
        return Cow::Borrowed(sql);
    }
    let mut out = String::with_capacity(sql.len() + 8);
    let mut in_literal = false;
    let mut chars = sql.char_indices().peekable();
    while let Some((_, c)) = chars.next() {
        out.push(c);
        match c {
            '\'' => in_literal = !in_literal,
            '$' if !in_literal => {
                let mut n: usize = 0;
                let mut digits = 0;
                while let Some(&(_, d)) = chars.peek() {
                    let Some(v) = d.to_digit(10) else { break };
                    n = n * 10 + v as usize;
                    digits += 1;
                    chars.next();
                }
                if digits > 0 {
                    out.push_str(&(n + by).to_string());
                }
            }
            _ => {}
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parameters_are_shifted_outside_literals_only() {
        let sql = "UPDATE t SET a = $1, b = '$2' WHERE id = $10 AND c = 'it''s $3'";
        assert_eq!(
            shift_params(sql, 5),
            "UPDATE t SET a = $6, b = '$2' WHERE id = $15 AND c = 'it''s $3'"
        );
        assert_eq!(shift_params(sql, 0), sql);
        assert_eq!(shift_params("SELECT $", 2), "SELECT $");
    }

    #[test]
    fn a_statement_that_must_change_a_row_fails_as_it_says() {
        let claim = Stmt::new("INSERT").or_fail(Miss::DuplicateUpdate(7));
        assert!(matches!(
            claim.check(0),
            Err(StoreError::DuplicateUpdate(7))
        ));
        assert!(claim.check(1).is_ok());
        let update = Stmt::new("UPDATE").or_fail(Miss::Conflict);
        assert!(matches!(update.check(0), Err(StoreError::Conflict)));
        assert!(Stmt::new("DELETE").check(0).is_ok());
    }
}
