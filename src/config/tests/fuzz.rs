//! Garbage in, an error out: never a panic, and every error points inside the text.

use proptest::prelude::*;

use crate::config::Config;

const EXAMPLE: &str = include_str!("../../../otklik.example.toml");

/// Each issue's line exists in the text, so an editor can jump to it.
fn check_positions(text: &str) {
    if let Err(e) = Config::parse(text, "fuzz.toml") {
        let lines = text.split('\n').count();
        assert!(!e.issues().is_empty());
        for p in e.issues().iter().filter_map(|i| i.position) {
            assert!(
                p.line >= 1 && p.line <= lines,
                "{p:?} of {lines} lines: {e}"
            );
            assert!(p.column >= 1);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_text_never_panics(text in any::<String>()) {
        check_positions(&text);
    }

    #[test]
    fn toml_like_text_never_panics(text in "[\\[\\]a-z_=\" .\n0-9:\\-]{0,120}") {
        check_positions(&text);
    }

    /// Cutting the example anywhere, or splicing in junk, yields a verdict, not a crash.
    #[test]
    fn damaged_example_never_panics(cut in 0usize..EXAMPLE.len(), junk in "[\"\\[\\]=#\nя0-9a-z]{0,8}") {
        let mut at = cut;
        while !EXAMPLE.is_char_boundary(at) {
            at -= 1;
        }
        check_positions(&EXAMPLE[..at]);
        check_positions(&format!("{}{junk}{}", &EXAMPLE[..at], &EXAMPLE[at..]));
    }
}
