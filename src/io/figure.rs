//! Writing figures: lays out the map (or takes a laid-out summary plot), paints it as SVG or PNG
//! by the file's extension, and writes it atomically. Shared by `continuum export-map`, the
//! Export map dialog and the Findings window.

use crate::map::{MapLayout, MapSettings, layout, to_png, to_svg};
use crate::model::Project;
use std::path::Path;

/// Writes the map of `project` to `path` (.svg or .png; `scale` 1..=4 for PNG). Returns a line
/// describing what was written.
pub fn export_map(
    path: &Path,
    project: &Project,
    settings: &MapSettings,
    scale: f32,
) -> Result<String, String> {
    let map = layout(project, settings);
    let what = write_figure(path, &map, scale)?;
    Ok(format!(
        "wrote {} ({what}, {} in {})",
        path.display(),
        crate::model::plural(map.markers.len(), "marker"),
        crate::model::plural(map.lanes.len(), "lane")
    ))
}

/// Writes any laid-out figure (the map, the summary plot) to `path` as .svg or .png, atomically;
/// returns what was written ("540×320 pt SVG").
pub fn write_figure(path: &Path, map: &MapLayout, scale: f32) -> Result<String, String> {
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let (bytes, what) = match extension.as_str() {
        "svg" => (
            to_svg(map).into_bytes(),
            format!("{:.0}×{:.0} pt SVG", map.width, map.height),
        ),
        "png" => {
            let (png, w, h) = to_png(map, scale)?;
            (
                png,
                format!("{w}×{h} px PNG ({:.0} dpi)", scale.clamp(1.0, 4.0) * 75.0),
            )
        }
        _ => {
            return Err(format!(
                "{}: the figure must be .svg or .png",
                path.display()
            ));
        }
    };
    super::write_atomically(path, &bytes)
        .map_err(|e| format!("{}: could not be written: {e}", path.display()))?;
    Ok(what)
}
