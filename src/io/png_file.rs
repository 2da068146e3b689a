//! PNG encoding for window screenshots (`continuum --screenshot`), from the RGBA pixels egui
//! captures. Map figures do not come here: `map::png` renders the map's SVG with resvg, which
//! encodes its own PNG.

use std::path::Path;

/// Encodes 8-bit RGBA pixels (row-major, `width * height * 4` bytes) as a PNG.
pub fn encode_png(width: u32, height: u32, rgba: &[u8]) -> Result<Vec<u8>, String> {
    let expected = width as usize * height as usize * 4;
    if rgba.len() != expected {
        return Err(format!(
            "image data has {} bytes, expected {expected} for {width}×{height} RGBA",
            rgba.len()
        ));
    }
    let mut bytes = Vec::new();
    let mut encoder = png::Encoder::new(&mut bytes, width, height);
    encoder.set_color(png::ColorType::Rgba);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header().map_err(|e| e.to_string())?;
    writer.write_image_data(rgba).map_err(|e| e.to_string())?;
    writer.finish().map_err(|e| e.to_string())?;
    Ok(bytes)
}

/// Writes a PNG atomically.
pub fn write_png(path: &Path, width: u32, height: u32, rgba: &[u8]) -> Result<(), String> {
    let bytes = encode_png(width, height, rgba)?;
    super::write_atomically(path, &bytes)
        .map_err(|e| format!("could not write {}: {e}", path.display()))
}
