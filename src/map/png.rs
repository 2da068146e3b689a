//! The map as PNG: the SVG rendered by resvg with the map font loaded from memory (no system
//! fonts), so the same command gives the same pixels on every machine. At scale 1 a point is
//! 75/72 pixels (75 dpi); scale 4 gives 300 dpi, the usual print requirement.

use super::{MAP_FONT, MAP_FONT_FAMILY, MapLayout, to_svg};
use resvg::{tiny_skia, usvg};

/// Pixels per point at scale 1.
const BASE_DPI: f32 = 75.0;

/// The most pixels a PNG figure may have: 100 million (a full A0 poster at 300 dpi is 140 Mpx, a
/// journal page 9 Mpx). Rendering needs 4 bytes a pixel, so this keeps a figure under 400 MB;
/// a map of 20,000 markers in one lane once asked for 9 GB and took the machine down.
pub const MAX_FIGURE_PIXELS: u64 = 100_000_000;

/// The pixel size of `map` as a PNG at `scale` (clamped to 1..=4).
pub fn png_size(map: &MapLayout, scale: f32) -> (u32, u32) {
    let pixels_per_point = scale.clamp(1.0, 4.0) * BASE_DPI / 72.0;
    let side = |points: f32| {
        (points * pixels_per_point)
            .round()
            .clamp(1.0, u32::MAX as f32) as u32
    };
    (side(map.width), side(map.height))
}

/// Refuses a PNG over [`MAX_FIGURE_PIXELS`], saying how to make the figure smaller.
pub fn check_png_budget(map: &MapLayout, scale: f32) -> Result<(u32, u32), String> {
    let (width, height) = png_size(map, scale);
    let pixels = u64::from(width) * u64::from(height);
    if pixels <= MAX_FIGURE_PIXELS {
        return Ok((width, height));
    }
    Err(format!(
        "a {width}×{height} px PNG ({} million pixels) is larger than a figure can be ({} million); \
         narrow the map (filter by case, role, code or words, show fewer annotators, or lanes by \
         something that spreads the {} markers out), leave out the labels, choose a lower \
         resolution, or export SVG",
        pixels / 1_000_000,
        MAX_FIGURE_PIXELS / 1_000_000,
        map.markers.len()
    ))
}

/// Renders the map at `scale` (clamped to 1..=4). Returns the PNG bytes and the pixel size.
pub fn to_png(map: &MapLayout, scale: f32) -> Result<(Vec<u8>, u32, u32), String> {
    let scale = scale.clamp(1.0, 4.0);
    let (width, height) = check_png_budget(map, scale)?;
    let svg = to_svg(map);
    let mut options = usvg::Options {
        font_family: MAP_FONT_FAMILY.to_owned(),
        ..usvg::Options::default()
    };
    options.fontdb_mut().load_font_data(MAP_FONT.to_vec());
    let tree =
        usvg::Tree::from_str(&svg, &options).map_err(|e| format!("cannot render the map: {e}"))?;
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
