//! Fonts for every script a transcript may be in. The bundled fonts (egui's Ubuntu Light, with
//! its small emoji set) cover Latin, Greek and Cyrillic; an interview in Hebrew, Arabic,
//! Chinese or Georgian, or a chat transcript with newer emoji, was drawn as empty boxes. The
//! system's fonts fill in, found by the operating system's own fallback (fontconfig on Linux)
//! the first time a character is missing.

use std::sync::Arc;

/// Makes `ctx` look in the system's fonts for characters the bundled fonts lack. The fonts are
/// listed on a background thread, so the window's first frame does not wait for them.
pub fn add_system_font_fallback(ctx: &egui::Context) {
    ctx.add_font_provider(Arc::new(
        egui_system_font_provider::SystemFontProvider::new(),
    ));
}
