//! The cause of a failure in the user's language, so a line of the command line's output is
//! in one language: the operating system's common errors are named by their kind; anything
//! else keeps its own text.

use std::error::Error;
use std::io::ErrorKind;

use super::Lang;
use crate::t;

/// The most telling cause in `e`'s chain: the first I/O error of a known kind, in `lang`;
/// otherwise the innermost cause's own text.
pub fn cause(lang: Lang, e: &(dyn Error + 'static)) -> String {
    let mut current: Option<&(dyn Error + 'static)> = Some(e);
    let mut innermost = e;
    while let Some(err) = current {
        if let Some(text) = err
            .downcast_ref::<std::io::Error>()
            .and_then(|e| io_text(lang, e))
        {
            return text;
        }
        innermost = err;
        current = err.source();
    }
    innermost.to_string()
}

fn io_text(lang: Lang, e: &std::io::Error) -> Option<String> {
    Some(match e.kind() {
        ErrorKind::NotFound => t!(lang, "cause-not-found"),
        ErrorKind::PermissionDenied => t!(lang, "cause-permission-denied"),
        ErrorKind::ConnectionRefused => t!(lang, "cause-connection-refused"),
        ErrorKind::ConnectionReset | ErrorKind::ConnectionAborted => {
            t!(lang, "cause-connection-reset")
        }
        ErrorKind::TimedOut => t!(lang, "cause-timed-out"),
        ErrorKind::AddrInUse => t!(lang, "cause-addr-in-use"),
        ErrorKind::AddrNotAvailable => t!(lang, "cause-addr-not-available"),
        ErrorKind::IsADirectory => t!(lang, "cause-is-a-directory"),
        ErrorKind::NotADirectory => t!(lang, "cause-not-a-directory"),
        ErrorKind::HostUnreachable | ErrorKind::NetworkUnreachable => t!(lang, "cause-unreachable"),
        ErrorKind::ReadOnlyFilesystem => t!(lang, "cause-read-only"),
        ErrorKind::StorageFull => t!(lang, "cause-storage-full"),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, thiserror::Error)]
    #[error("error communicating with database: {0}")]
    struct Wrapping(#[source] std::io::Error);

    #[test]
    fn an_os_error_is_named_in_the_users_language() {
        let refused = Wrapping(std::io::Error::from(ErrorKind::ConnectionRefused));
        assert_eq!(cause(Lang::Ru, &refused), "соединение отклонено");
        assert_eq!(cause(Lang::En, &refused), "connection refused");
        let dir = std::io::Error::from_raw_os_error(21);
        assert_eq!(cause(Lang::Ru, &dir), "это папка, а не файл");
    }

    #[test]
    fn an_unknown_cause_keeps_its_own_text() {
        let other = Wrapping(std::io::Error::other("tls handshake eof"));
        assert_eq!(cause(Lang::Ru, &other), "tls handshake eof");
    }
}
