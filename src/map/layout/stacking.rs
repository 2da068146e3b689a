//! The second phase of the layout: one lane's markers, stacked into rows so that no dot or label
//! hides another, the connectors between an excerpt's markers, the lane's name and the line
//! below it.
//!
//! Implementation notes: the rows come from `stack_rows`, which is deterministic (ties keep the
//! lane's order), so the same project always stacks the same way. A label runs to the right of
//! its dot, or to its left where the right would run off the figure; a box nudged to stay inside
//! the figure gets a leader line back to the true position.

use super::{
    CONNECTOR, DOT, Drawing, Frame, GREY, INK, Item, LABEL_SIZE, LABEL_SLACK, LANE_LABEL_SIZE,
    MARGIN, ROW,
};
use crate::map::shapes::{Anchor, PlacedMarker, Shape};
use crate::map::stack_rows;
use crate::map::text_width::text_width;
use crate::model::ExcerptId;
use std::collections::BTreeMap;

/// Draws one lane at `drawing.y` and moves `drawing.y` below it.
pub(super) fn lane(
    frame: &Frame,
    name: &str,
    items: &[Item],
    connectors: bool,
    drawing: &mut Drawing,
) {
    let lane_top = drawing.y + 4.0;
    let lane_shapes = drawing.shapes.len();
    let lane_markers = drawing.markers.len();
    let rows = markers(frame, items, lane_top, connectors, drawing);
    if connectors {
        // Behind this lane's dots.
        let lines = connector_lines(&drawing.markers[lane_markers..]);
        drawing.shapes.splice(lane_shapes..lane_shapes, lines);
    }
    drawing.lane_centres.push(lane_top + ROW * 0.5);
    let lane_height = rows as f32 * ROW + 8.0;
    drawing.shapes.push(Shape::Text {
        x: MARGIN + frame.lane_label_width,
        y: lane_top + ROW * 0.5 + LANE_LABEL_SIZE * 0.35,
        text: fit_text(name, LANE_LABEL_SIZE, frame.lane_label_width),
        size: LANE_LABEL_SIZE,
        anchor: Anchor::End,
        colour: INK,
        halo: false,
    });
    drawing.y += lane_height;
    drawing.shapes.push(super::lane_rule(frame, drawing.y));
}

/// Draws the lane's markers (leader, dot, label) from `lane_top` down; returns how many rows
/// they took.
fn markers(
    frame: &Frame,
    items: &[Item],
    lane_top: f32,
    halo: bool,
    drawing: &mut Drawing,
) -> usize {
    let right_edge = frame.width - MARGIN;
    let mut label_left = Vec::with_capacity(items.len());
    let boxes: Vec<(f32, f32)> = items
        .iter()
        .map(|item| {
            // A little room beyond the measured width, so that an SVG shown with a fallback
            // font (Arial is a few per cent wider than Ubuntu Light) still does not collide.
            let label_width = item
                .label
                .as_ref()
                .map_or(0.0, |l| text_width(l, LABEL_SIZE) * LABEL_SLACK + 4.0);
            let box_width = 2.0 * DOT + label_width;
            let x = frame.x_of(item.position);
            let flip = x - DOT + box_width > right_edge;
            label_left.push(flip);
            if flip {
                (x + DOT - box_width / 2.0, box_width)
            } else {
                (x - DOT + box_width / 2.0, box_width)
            }
        })
        .collect();
    let stacked = stack_rows(&boxes, (frame.axis_left - DOT - 2.0, right_edge), 3.0);
    let rows = stacked.iter().map(|s| s.row + 1).max().unwrap_or(1);
    for ((item, placed), flip) in items.iter().zip(&stacked).zip(&label_left) {
        let cy = lane_top + (placed.row as f32 + 0.5) * ROW;
        let cx = frame.x_of(item.position);
        // The box may be nudged to stay inside the figure; a leader shows the true position.
        let dot_x = if *flip {
            placed.right - DOT
        } else {
            placed.left + DOT
        };
        if (dot_x - cx).abs() > 0.5 {
            drawing.shapes.push(Shape::Line {
                x1: cx,
                y1: cy,
                x2: dot_x,
                y2: cy,
                colour: GREY,
                width: 0.5,
            });
        }
        drawing.shapes.push(Shape::Circle {
            cx: dot_x,
            cy,
            r: DOT,
            fill: item.colour,
        });
        if let Some(label) = &item.label {
            let (x, anchor) = if *flip {
                (dot_x - DOT - 2.0, Anchor::End)
            } else {
                (dot_x + DOT + 2.0, Anchor::Start)
            };
            drawing.shapes.push(Shape::Text {
                x,
                y: cy + LABEL_SIZE * 0.35,
                text: label.clone(),
                size: LABEL_SIZE,
                anchor,
                colour: INK,
                halo,
            });
        }
        drawing.markers.push(PlacedMarker {
            annotator: item.annotator,
            excerpt: item.excerpt,
            position: item.position,
            left: placed.left,
            right: placed.right,
            top: cy - ROW / 2.0,
            bottom: cy + ROW / 2.0,
            dot_x,
            dot_y: cy,
            radius: DOT,
            colour: item.colour,
            label: item.label.clone(),
        });
    }
    rows
}

/// Each excerpt's markers in one lane joined left to right, so the spread between annotators
/// shows at a glance.
fn connector_lines(markers: &[PlacedMarker]) -> Vec<Shape> {
    let mut by_excerpt: BTreeMap<ExcerptId, Vec<(f32, f32)>> = BTreeMap::new();
    for m in markers {
        by_excerpt
            .entry(m.excerpt)
            .or_default()
            .push((m.dot_x, m.dot_y));
    }
    let mut lines = Vec::new();
    for dots in by_excerpt.values_mut().filter(|d| d.len() > 1) {
        dots.sort_by(|a, b| a.0.total_cmp(&b.0));
        for pair in dots.windows(2) {
            lines.push(Shape::Line {
                x1: pair[0].0,
                y1: pair[0].1,
                x2: pair[1].0,
                y2: pair[1].1,
                colour: CONNECTOR,
                width: 0.6,
            });
        }
    }
    lines
}

/// `text`, shortened with an ellipsis where it is wider than `width` at `size`.
pub(super) fn fit_text(text: &str, size: f32, width: f32) -> String {
    if text_width(text, size) <= width {
        return text.to_owned();
    }
    let chars: Vec<char> = text.chars().collect();
    // The longest prefix that fits with its ellipsis, found by halving.
    let (mut fits, mut too_long) = (0, chars.len());
    while too_long - fits > 1 {
        let middle = (fits + too_long) / 2;
        let candidate: String = chars[..middle].iter().collect::<String>() + "…";
        if text_width(&candidate, size) <= width {
            fits = middle;
        } else {
            too_long = middle;
        }
    }
    chars[..fits]
        .iter()
        .collect::<String>()
        .trim_end()
        .to_owned()
        + "…"
}
