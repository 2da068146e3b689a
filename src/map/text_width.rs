//! Text widths for the map layout, measured with the font the map is drawn in (egui's Ubuntu
//! Light, the same as the window), so label boxes fit the rendered text.

use skrifa::MetadataProvider;
use skrifa::instance::{LocationRef, Size};

/// The font maps are drawn in, and its CSS family name. `assets/fonts/Ubuntu-Light.ttf` is the
/// same file egui draws the window with; it is bundled so that the PNG has the same pixels on
/// every machine, and so that people editing the SVG can install the font it names.
pub const MAP_FONT: &[u8] = include_bytes!("../../assets/fonts/Ubuntu-Light.ttf");
pub const MAP_FONT_FAMILY: &str = "Ubuntu";

/// Width of `text` at `size` points. Characters the font lacks count as an average letter.
pub fn text_width(text: &str, size: f32) -> f32 {
    let Ok(font) = skrifa::FontRef::new(MAP_FONT) else {
        return text.chars().count() as f32 * size * 0.55;
    };
    let charmap = font.charmap();
    let metrics = font.glyph_metrics(Size::new(size), LocationRef::default());
    text.chars()
        .map(|c| {
            charmap
                .map(c)
                .and_then(|glyph| metrics.advance_width(glyph))
                .unwrap_or(size * 0.55)
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_grow_with_text_and_size() {
        let short = text_width("Friend", 12.0);
        assert!(short > 20.0 && short < 60.0, "{short}");
        assert!(text_width("Friend and more", 12.0) > short);
        assert!((text_width("Friend", 24.0) - 2.0 * short).abs() < 0.01);
        assert!(text_width("Søren ø æ å", 12.0) > 0.0);
    }
}
