//! The summary plot of findings on the continuum's own axis: each group a lane, its placements
//! as small dots (a strip) above a box from the lower to the upper quartile with the median
//! marked and whiskers to the smallest and largest placement. The anchors' zones and the axis
//! are drawn as on the map, so the two figures read alike; the canvas, the SVG and the PNG (and
//! the report) all paint these shapes.

use super::axis;
use super::stacking::fit_text;
use super::{Drawing, Frame, GREY, INK, LANE_LABEL_SIZE, MARGIN};
use crate::analysis::Findings;
use crate::map::settings::MapSettings;
use crate::map::shapes::{Anchor, MapLayout, Shape};
use crate::model::{Colour, Project};

/// The height of a group's lane.
const LANE: f32 = 38.0;
/// The strip of dots sits this far above the lane's middle, the box this far below.
const STRIP_OFFSET: f32 = 7.0;
const BOX_OFFSET: f32 = 7.0;
const BOX_HALF_HEIGHT: f32 = 5.0;
const DOT: f32 = 2.0;

/// The summary plot of `findings`, `width` points wide, with an optional title.
pub fn summary_plot(
    project: &Project,
    findings: &Findings,
    width: f32,
    title: Option<&str>,
) -> MapLayout {
    let width = width.max(200.0);
    let names: Vec<String> = findings.groups.iter().map(|g| g.name.clone()).collect();
    let frame = Frame::new(width, names.iter());
    let mut drawing = Drawing {
        shapes: Vec::new(),
        markers: Vec::new(),
        lane_centres: Vec::new(),
        y: MARGIN,
    };
    super::title(title, &frame, &mut drawing);
    let lanes_top = drawing.y;
    let behind_lanes = drawing.shapes.len();
    for (index, group) in findings.groups.iter().enumerate() {
        lane(&frame, index, group, &mut drawing);
    }
    if findings.groups.is_empty() {
        drawing.y += 8.0;
        drawing.shapes.push(Shape::Text {
            x: width / 2.0,
            y: drawing.y + 8.0,
            text: "No placements in this layer.".to_owned(),
            size: LANE_LABEL_SIZE,
            anchor: Anchor::Middle,
            colour: GREY,
            halo: false,
        });
        drawing.y += 16.0;
    }
    let zones = MapSettings {
        zones: true,
        ..MapSettings::default()
    };
    let background = axis::background(project, &zones, &frame, lanes_top, drawing.y);
    drawing
        .shapes
        .splice(behind_lanes..behind_lanes, background);
    let axis_top = drawing.y;
    let axis_shapes = drawing.shapes.len();
    let poles_y = axis::axis(project, &frame, &mut drawing);
    let key_y = poles_y + 16.0;
    drawing.shapes.push(Shape::Text {
        x: frame.axis_left,
        y: key_y,
        text: "Dots: placements. Box: lower to upper quartile, the line at the median. \
               Whiskers: smallest to largest."
            .to_owned(),
        size: 7.5,
        anchor: Anchor::Start,
        colour: GREY,
        halo: false,
    });
    MapLayout {
        width,
        height: key_y + MARGIN,
        shapes: drawing.shapes,
        markers: drawing.markers,
        lanes: names,
        lane_centres: drawing.lane_centres,
        strips: 0,
        axis_left: frame.axis_left,
        axis_right: frame.axis_right,
        axis_shapes,
        axis_top,
    }
}

/// One group's lane: its name and n, the strip of dots, the box and whiskers.
fn lane(frame: &Frame, index: usize, group: &crate::analysis::Group, drawing: &mut Drawing) {
    let top = drawing.y;
    let middle = top + LANE / 2.0;
    let colour = Colour::PALETTE[index % Colour::PALETTE.len()];
    drawing.lane_centres.push(middle);
    drawing.shapes.push(Shape::Text {
        x: MARGIN + frame.lane_label_width,
        y: middle - 1.0,
        text: fit_text(&group.name, LANE_LABEL_SIZE, frame.lane_label_width),
        size: LANE_LABEL_SIZE,
        anchor: Anchor::End,
        colour: INK,
        halo: false,
    });
    drawing.shapes.push(Shape::Text {
        x: MARGIN + frame.lane_label_width,
        y: middle + 9.0,
        text: format!("n = {}", group.summary.n),
        size: 7.0,
        anchor: Anchor::End,
        colour: GREY,
        halo: false,
    });
    // The strip: a small, fixed vertical spread (by the dot's place in the group, not at
    // random) so equal positions stay visible and the same data always draw the same.
    for (i, &(_, position)) in group.positions.iter().enumerate() {
        let spread = ((i * 7) % 5) as f32 - 2.0;
        drawing.shapes.push(Shape::Circle {
            cx: frame.x_of(position),
            cy: middle - STRIP_OFFSET + spread * 1.2,
            r: DOT,
            fill: colour,
        });
    }
    let s = &group.summary;
    let y = middle + BOX_OFFSET;
    let (low, q1, median, q3, high) = (
        frame.x_of(s.min),
        frame.x_of(s.q1),
        frame.x_of(s.median),
        frame.x_of(s.q3),
        frame.x_of(s.max),
    );
    let line = |x1: f32, y1: f32, x2: f32, y2: f32, width: f32| Shape::Line {
        x1,
        y1,
        x2,
        y2,
        colour: INK,
        width,
    };
    let (box_top, box_bottom) = (y - BOX_HALF_HEIGHT, y + BOX_HALF_HEIGHT);
    drawing.shapes.extend([
        // Whiskers with end ticks.
        line(low, y, q1, y, 0.8),
        line(q3, y, high, y, 0.8),
        line(low, y - 3.0, low, y + 3.0, 0.8),
        line(high, y - 3.0, high, y + 3.0, 0.8),
        // The box.
        Shape::Rect {
            x: q1,
            y: box_top,
            w: (q3 - q1).max(0.0),
            h: box_bottom - box_top,
            fill: Colour::rgb(0xFF, 0xFF, 0xFF),
        },
        line(q1, box_top, q3, box_top, 0.8),
        line(q1, box_bottom, q3, box_bottom, 0.8),
        line(q1, box_top, q1, box_bottom, 0.8),
        line(q3, box_top, q3, box_bottom, 0.8),
        // The median.
        line(median, box_top - 1.0, median, box_bottom + 1.0, 2.0),
    ]);
    drawing.y += LANE;
    drawing.shapes.push(super::lane_rule(frame, drawing.y));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{GroupBy, Layer, findings};

    fn sample() -> Project {
        crate::io::parse_project(crate::SAMPLE_PROJECT).unwrap()
    }

    #[test]
    fn boxes_sit_at_the_quartiles_and_lanes_do_not_overlap() {
        let project = sample();
        let found = findings(&project, Layer::Mean, GroupBy::Role);
        let plot = summary_plot(&project, &found, 540.0, Some("By role"));
        assert_eq!(plot.lanes, ["citizen", "manager", "staff"]);
        for (group, &centre) in found.groups.iter().zip(&plot.lane_centres) {
            let s = &group.summary;
            let y = centre + BOX_OFFSET;
            // The box's outline runs from the lower to the upper quartile, at the lane's box height.
            let top_edge = plot.shapes.iter().any(|shape| {
                matches!(shape, Shape::Line { x1, x2, y1, y2, .. }
                    if (*x1 - plot.x_of(s.q1)).abs() < 1e-3
                        && (*x2 - plot.x_of(s.q3)).abs() < 1e-3
                        && (*y1 - (y - BOX_HALF_HEIGHT)).abs() < 1e-3
                        && y1 == y2)
            });
            assert!(top_edge, "no box edge for {}", group.name);
            let median = plot.shapes.iter().any(|shape| {
                matches!(shape, Shape::Line { x1, x2, width, .. }
                    if *width == 2.0 && (*x1 - plot.x_of(s.median)).abs() < 1e-3 && x1 == x2)
            });
            assert!(median, "no median line for {}", group.name);
            // Every dot of the group is in its lane, at its position.
            let dots = plot
                .shapes
                .iter()
                .filter(|shape| matches!(shape, Shape::Circle { cy, .. } if (cy - centre).abs() < LANE / 2.0))
                .count();
            assert_eq!(dots, s.n, "{}", group.name);
        }
        // Lanes one under another, a full lane apart, and all above the axis.
        for pair in plot.lane_centres.windows(2) {
            assert!(pair[1] - pair[0] >= LANE - 1e-3);
        }
        assert!(plot.lane_centres.last().unwrap() + LANE / 2.0 <= plot.axis_top + 1e-3);
        // Lane names stay in the column left of the axis.
        for shape in &plot.shapes[..plot.axis_shapes] {
            if let Shape::Text {
                x,
                anchor: Anchor::End,
                ..
            } = shape
            {
                assert!(*x < plot.axis_left);
            }
        }
    }

    #[test]
    fn an_empty_layer_says_so() {
        let project = Project::new("Empty");
        let found = findings(&project, Layer::Mean, GroupBy::Case);
        let plot = summary_plot(&project, &found, 400.0, None);
        assert!(plot.shapes.iter().any(
            |s| matches!(s, Shape::Text { text, .. } if text == "No placements in this layer.")
        ));
    }
}
