//! The map as SVG 1.1: text stays text (searchable, editable in Inkscape or Illustrator), the font
//! is named with fallbacks, sizes are in points so the figure prints at its intended size.

use super::{Anchor, MAP_FONT_FAMILY, MapLayout, Shape};
use std::fmt::Write;

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The SVG document for a laid-out map.
pub fn to_svg(map: &MapLayout) -> String {
    let (w, h) = (map.width, map.height);
    let mut s = String::new();
    let _ = writeln!(s, r#"<?xml version="1.0" encoding="UTF-8"?>"#);
    let _ = writeln!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="{w:.1}pt" height="{h:.1}pt" viewBox="0 0 {w:.1} {h:.1}">"#
    );
    let _ = writeln!(
        s,
        r##"<rect x="0" y="0" width="{w:.1}" height="{h:.1}" fill="#ffffff"/>"##
    );
    let _ = writeln!(
        s,
        r#"<g font-family="{MAP_FONT_FAMILY}, Arial, Helvetica, 'Liberation Sans', sans-serif" font-weight="300">"#
    );
    for shape in &map.shapes {
        match shape {
            Shape::Rect { x, y, w, h, fill } => {
                let _ = writeln!(
                    s,
                    r#"<rect x="{x:.2}" y="{y:.2}" width="{w:.2}" height="{h:.2}" fill="{fill}"/>"#
                );
            }
            Shape::Line {
                x1,
                y1,
                x2,
                y2,
                colour,
                width,
            } => {
                let _ = writeln!(
                    s,
                    r#"<line x1="{x1:.2}" y1="{y1:.2}" x2="{x2:.2}" y2="{y2:.2}" stroke="{colour}" stroke-width="{width:.2}"/>"#
                );
            }
            Shape::Circle { cx, cy, r, fill } => {
                let _ = writeln!(
                    s,
                    r#"<circle cx="{cx:.2}" cy="{cy:.2}" r="{r:.2}" fill="{fill}"/>"#
                );
            }
            Shape::Text {
                x,
                y,
                text,
                size,
                anchor,
                colour,
                halo,
            } => {
                let anchor = match anchor {
                    Anchor::Start => "start",
                    Anchor::Middle => "middle",
                    Anchor::End => "end",
                };
                // The outline is painted first, under the letters (SVG 2 paint-order; resvg,
                // browsers and Inkscape honour it).
                let halo = if *halo {
                    r##" stroke="#ffffff" stroke-width="2.2" stroke-linejoin="round" paint-order="stroke""##
                } else {
                    ""
                };
                let _ = writeln!(
                    s,
                    r#"<text x="{x:.2}" y="{y:.2}" font-size="{size:.1}" text-anchor="{anchor}" fill="{colour}"{halo}>{}</text>"#,
                    escape(text)
                );
            }
        }
    }
    let _ = writeln!(s, "</g>\n</svg>");
    s
}
