//! Painting on the canvas what is not a widget: the layout's shapes (the same the SVG and PNG
//! exports draw), the lane names pinned to the left edge when scrolled out of view, and the guide
//! line where something would land.

use super::{Canvas, SELECTION};
use crate::map::{Anchor, Shape};
use crate::model::Project;
use crate::ui::widgets::colour32;
use egui::{Color32, FontId, Pos2, Rect, Stroke, pos2, vec2};

/// Paints layout shapes through `to_screen`, scaling sizes by `scale`.
pub(crate) fn paint_shapes(
    painter: &egui::Painter,
    shapes: &[Shape],
    to_screen: impl Fn(Pos2) -> Pos2,
    scale: f32,
) {
    let clip = painter.clip_rect();
    for shape in shapes {
        match shape {
            Shape::Rect { x, y, w, h, fill } => {
                let r = Rect::from_min_max(to_screen(pos2(*x, *y)), to_screen(pos2(x + w, y + h)));
                if r.intersects(clip) {
                    painter.rect_filled(r, 0.0, colour32(*fill));
                }
            }
            Shape::Line {
                x1,
                y1,
                x2,
                y2,
                colour,
                width,
            } => {
                let (a, b) = (to_screen(pos2(*x1, *y1)), to_screen(pos2(*x2, *y2)));
                if Rect::from_two_pos(a, b).expand(2.0).intersects(clip) {
                    painter.line_segment(
                        [a, b],
                        Stroke::new((width * scale).max(1.0), colour32(*colour)),
                    );
                }
            }
            Shape::Circle { cx, cy, r, fill } => {
                let c = to_screen(pos2(*cx, *cy));
                if clip.expand(r * scale).contains(c) {
                    painter.circle_filled(c, r * scale, colour32(*fill));
                }
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
                let at = to_screen(pos2(*x, *y));
                // Half-pixel steps, so zooming does not fill the font atlas with every size.
                let px = (size * scale * 2.0).round().max(2.0) / 2.0;
                if at.y < clip.top() - px || at.y > clip.bottom() + px {
                    continue;
                }
                let galley = painter.layout_no_wrap(
                    text.clone(),
                    FontId::proportional(px),
                    colour32(*colour),
                );
                // The layout gives baselines; egui places a galley by its top.
                let baseline = galley
                    .rows
                    .first()
                    .and_then(|row| row.row.glyphs.first().map(|g| row.pos.y + g.pos.y))
                    .unwrap_or(px * 0.8);
                let left = match anchor {
                    Anchor::Start => at.x,
                    Anchor::Middle => at.x - galley.size().x / 2.0,
                    Anchor::End => at.x - galley.size().x,
                };
                let top_left = pos2(left, at.y - baseline);
                if *halo {
                    // The paper's colour around the letters, as the SVG's outline does.
                    let paper = painter.layout_no_wrap(
                        text.clone(),
                        FontId::proportional(px),
                        egui::Color32::WHITE,
                    );
                    let d = (px * 0.08).max(0.8);
                    for offset in [vec2(-d, 0.0), vec2(d, 0.0), vec2(0.0, -d), vec2(0.0, d)] {
                        painter.galley(top_left + offset, paper.clone(), egui::Color32::WHITE);
                    }
                }
                painter.galley(top_left, galley, colour32(*colour));
            }
        }
    }
}

/// When the map is scrolled so far right that the lane names are out of view, each lane's name is
/// shown at the left edge, so one still knows which lane is which.
pub(super) fn pin_lane_names(painter: &egui::Painter, c: &Canvas) {
    let (map, screen) = (c.map, &c.screen);
    if screen.lanes_to_screen(pos2(map.axis_left * 0.5, 0.0)).x >= screen.lanes.left() {
        return;
    }
    let font = FontId::proportional(11.0);
    for (name, centre) in map.lanes.iter().zip(&map.lane_centres) {
        let y = screen.lanes_to_screen(pos2(0.0, *centre)).y;
        if y < screen.lanes.top() || y > screen.lanes.bottom() {
            continue;
        }
        let galley = painter.layout_no_wrap(name.clone(), font.clone(), Color32::from_gray(40));
        let label = Rect::from_min_size(
            pos2(screen.lanes.left() + 4.0, y - galley.size().y / 2.0 - 2.0),
            galley.size() + vec2(10.0, 4.0),
        );
        painter.rect(
            label,
            3.0,
            Color32::from_white_alpha(235),
            Stroke::new(1.0, Color32::from_gray(210)),
            egui::StrokeKind::Inside,
        );
        painter.galley(label.min + vec2(5.0, 2.0), galley, Color32::from_gray(40));
    }
}

/// A vertical line where something would land, with the position and nearest anchor.
pub(super) fn guide(
    painter: &egui::Painter,
    project: &Project,
    x: f32,
    lanes: Rect,
    position: f64,
) {
    painter.line_segment(
        [pos2(x, lanes.top()), pos2(x, lanes.bottom())],
        Stroke::new(1.5, SELECTION),
    );
    let text = project.continuum.describe_position(position);
    let font = FontId::proportional(12.0);
    let galley = painter.layout_no_wrap(text, font, Color32::WHITE);
    let left = (x + 6.0).min(lanes.right() - galley.size().x - 8.0);
    let label = Rect::from_min_size(
        pos2(left, lanes.top() + 4.0),
        galley.size() + vec2(8.0, 4.0),
    );
    painter.rect_filled(label, 3.0, SELECTION);
    painter.galley(label.min + vec2(4.0, 2.0), galley, Color32::WHITE);
}

/// A line at the top right of the canvas when some lanes are density strips, saying how to see
/// their markers one by one: without it, zooming in on a strip showed only bigger bars.
pub(super) fn crowded_hint(painter: &egui::Painter, lanes: Rect, strips: usize, can_zoom: bool) {
    if strips == 0 {
        return;
    }
    let how = if can_zoom {
        "filter, choose other lanes, or zoom in"
    } else {
        "filter, or choose other lanes"
    };
    let lanes_are = match strips {
        1 => "1 lane is".to_owned(),
        n => format!("{n} lanes are"),
    };
    let text = format!("{lanes_are} too crowded for each marker: {how} to see them one by one");
    let font = FontId::proportional(11.0);
    let galley = painter.layout_no_wrap(text, font, Color32::from_gray(90));
    let size = galley.size() + vec2(10.0, 4.0);
    let at = pos2(lanes.right() - size.x - 6.0, lanes.top() + 4.0);
    let label = Rect::from_min_size(at, size);
    painter.rect_filled(label, 3.0, Color32::from_white_alpha(230));
    painter.galley(label.min + vec2(5.0, 2.0), galley, Color32::from_gray(90));
}
