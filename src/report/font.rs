//! The chart's font, shipped with the binary: servers rarely have fonts, and the labels are
//! Cyrillic. DejaVu Sans (Bitstream Vera licence, see `assets/fonts/LICENSE-DejaVu.txt`).

use std::sync::OnceLock;

use plotters::style::{register_font, FontStyle};

static REGULAR: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
static BOLD: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");

/// The family every chart text uses.
pub const FAMILY: &str = "sans-serif";

/// Registers the shipped font once; `false` if the embedded file were unreadable.
pub fn ensure_registered() -> bool {
    static DONE: OnceLock<bool> = OnceLock::new();
    *DONE.get_or_init(|| {
        register_font(FAMILY, FontStyle::Normal, REGULAR).is_ok()
            && register_font(FAMILY, FontStyle::Bold, BOLD).is_ok()
    })
}
