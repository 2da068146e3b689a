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

/// Rows of markers a lane may take before it is drawn as a density strip instead.
pub const MAX_LANE_ROWS: usize = 12;

/// Whether a lane of `count` markers is too crowded to draw one by one: more than about
/// [`MAX_LANE_ROWS`] rows of bare dots across the axis (times `detail`, the canvas's zoom).
pub(super) fn crowded(frame: &Frame, count: usize, detail: f32) -> bool {
    let per_row = ((frame.axis_right - frame.axis_left) / (2.0 * DOT + 3.0)).max(1.0);
    count as f32 > per_row * MAX_LANE_ROWS as f32 * detail.max(1.0)
}

/// The height of a density strip.
const STRIP: f32 = 34.0;

/// A crowded lane as a density strip: how many placements fall in each narrow band of the axis
/// (bars scaled to the fullest band), the median marked, and a line saying how many there are.
/// No markers: hovering and dragging need a zoom at which they are drawn one by one.
pub(super) fn density(frame: &Frame, name: &str, items: &[Item], drawing: &mut Drawing) {
    let top = drawing.y + 6.0;
    let width = frame.axis_right - frame.axis_left;
    let bins = (width / 3.0).clamp(20.0, 400.0) as usize;
    let mut counts = vec![0usize; bins];
    for item in items {
        let bin = ((item.position.clamp(0.0, 1.0) * bins as f64) as usize).min(bins - 1);
        counts[bin] += 1;
    }
    let fullest = counts.iter().copied().max().unwrap_or(1).max(1) as f32;
    let first = items.first().map(|i| i.colour);
    let colour = match first {
        Some(c) if items.iter().all(|i| i.colour == c) => c,
        _ => GREY,
    };
    let bin_width = width / bins as f32;
    for (bin, &count) in counts.iter().enumerate().filter(|(_, c)| **c > 0) {
        let h = (count as f32 / fullest * (STRIP - 4.0)).max(1.0);
        drawing.shapes.push(Shape::Rect {
            x: frame.axis_left + bin as f32 * bin_width,
            y: top + STRIP - h,
            w: (bin_width - 0.4).max(0.5),
            h,
            fill: colour,
        });
    }
    let mut positions: Vec<f64> = items.iter().map(|i| i.position).collect();
    positions.sort_by(f64::total_cmp);
    let median = crate::analysis::stats::quantile_sorted(&positions, 0.5);
    let x = frame.x_of(median);
    drawing.shapes.push(Shape::Line {
        x1: x,
        y1: top - 2.0,
        x2: x,
        y2: top + STRIP + 2.0,
        colour: INK,
        width: 1.5,
    });
    drawing.lane_centres.push(top + STRIP / 2.0);
    drawing.shapes.push(Shape::Text {
        x: MARGIN + frame.lane_label_width,
        y: top + STRIP / 2.0 + LANE_LABEL_SIZE * 0.35,
        text: fit_text(name, LANE_LABEL_SIZE, frame.lane_label_width),
        size: LANE_LABEL_SIZE,
        anchor: Anchor::End,
        colour: INK,
        halo: false,
    });
    drawing.shapes.push(Shape::Text {
        x: frame.axis_left,
        y: top + STRIP + 10.0,
        // Short enough for a journal column; the README and the legend say what the bars are.
        text: format!(
            "{} placements: bars count them by position, the line is the median ({median:.2})",
            items.len()
        ),
        size: 7.0,
        anchor: Anchor::Start,
        colour: GREY,
        halo: false,
    });
    drawing.y = top + STRIP + 16.0;
    drawing.shapes.push(super::lane_rule(frame, drawing.y));
}

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
