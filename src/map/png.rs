//! The map as PNG: the SVG rendered by resvg with the map font loaded from memory (no system
//! fonts), so the same command gives the same pixels on every machine. At scale 1 a point is
//! 75/72 pixels (75 dpi); scale 4 gives 300 dpi, the usual print requirement.

use super::{MAP_FONT, MAP_FONT_FAMILY, MapLayout, to_svg};
use resvg::{tiny_skia, usvg};

/// Pixels per point at scale 1.
const BASE_DPI: f32 = 75.0;

/// Renders the map at `scale` (clamped to 1..=4). Returns the PNG bytes and the pixel size.
pub fn to_png(map: &MapLayout, scale: f32) -> Result<(Vec<u8>, u32, u32), String> {
    let scale = scale.clamp(1.0, 4.0);
    let svg = to_svg(map);
    let mut options = usvg::Options {
        font_family: MAP_FONT_FAMILY.to_owned(),
        ..usvg::Options::default()
    };
    options.fontdb_mut().load_font_data(MAP_FONT.to_vec());
    let tree =
        usvg::Tree::from_str(&svg, &options).map_err(|e| format!("cannot render the map: {e}"))?;
    let pixels_per_point = scale * BASE_DPI / 72.0;
    let width = (map.width * pixels_per_point).round().max(1.0) as u32;
    let height = (map.height * pixels_per_point).round().max(1.0) as u32;
    let mut pixmap = tiny_skia::Pixmap::new(width, height)
        .ok_or_else(|| format!("a {width}×{height} image is too large to render"))?;
    pixmap.fill(tiny_skia::Color::WHITE);
    // usvg sizes the tree in its own pixels (points converted at 96 dpi); scale to ours.
    let size = tree.size();
    let transform = tiny_skia::Transform::from_scale(
        width as f32 / size.width(),
        height as f32 / size.height(),
    );
    resvg::render(&tree, transform, &mut pixmap.as_mut());
    let png = pixmap
        .encode_png()
        .map_err(|e| format!("cannot encode the PNG: {e}"))?;
    Ok((png, width, height))
}
