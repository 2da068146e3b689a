//! The continuum map as a list of shapes in points (1/72 inch): title, lanes with their labels,
//! anchor zones, markers with labels, the axis with anchors and poles, and a legend. A pure
//! function of the project and the view settings; the SVG and PNG exporters paint exactly this,
//! in print style (white ground, dark text, colour-blind-safe palette).
//!
//! [`layout`] is a short driver over four phases, each in its own file:
//! - [`lanes`]: which placements are shown, grouped into lanes with their colours and labels;
//! - [`stacking`]: each lane's markers stacked into rows so that none hides another, with their
//!   connectors and the lane's label;
//! - [`axis`]: the zones or anchor lines behind the lanes, and the axis with anchors and poles;
//! - [`legend`]: what each colour stands for.
//!
//! Implementation notes: the phases run top to bottom, each starting at the height the one before
//! it reached, because a phase's height depends on what it drew (a lane's rows, a wrapped legend).
//! What goes *behind* the lanes (zones, anchor lines) is only known once their height is, so it is
//! spliced in before them afterwards; the order of `shapes` is the painting order.

mod axis;
mod lanes;
mod legend;
mod stacking;
mod summary;

pub use summary::summary_plot;
#[cfg(test)]
mod tests;

use super::settings::MapSettings;
use super::shapes::{Anchor, MapLayout, PlacedMarker, Shape};
use super::text_width::text_width;
use crate::model::{Annotator, AnnotatorId, CaseId, Colour, ExcerptId, Project};

const INK: Colour = Colour::rgb(0x22, 0x22, 0x22);
const GREY: Colour = Colour::rgb(0x88, 0x88, 0x88);
const ZONE: Colour = Colour::rgb(0xF2, 0xF2, 0xF2);
const ANCHOR_LINE: Colour = Colour::rgb(0xCC, 0xCC, 0xCC);
const LANE_LINE: Colour = Colour::rgb(0xDD, 0xDD, 0xDD);
const CONNECTOR: Colour = Colour::rgb(0xAA, 0xAA, 0xAA);
const NO_CASE: Colour = Colour::rgb(0x99, 0x99, 0x99);
const MARGIN: f32 = 16.0;
const LABEL_SIZE: f32 = 8.0;
const LANE_LABEL_SIZE: f32 = 9.0;
const LEGEND_SIZE: f32 = 8.0;
const ROW: f32 = 12.0;
const DOT: f32 = 3.2;
const LABEL_SLACK: f32 = 1.1;

/// One placement on its way into a lane.
struct Item {
    annotator: AnnotatorId,
    excerpt: ExcerptId,
    position: f64,
    colour: Colour,
    label: Option<String>,
}

/// The horizontal frame every phase draws in: the figure's width and where the axis runs.
struct Frame {
    width: f32,
    /// The column left of the axis that holds the lane names.
    lane_label_width: f32,
    axis_left: f32,
    axis_right: f32,
}

impl Frame {
    /// Leaves room on the left for the widest lane name, up to 30 % of the figure.
    fn new<'a>(width: f32, lane_names: impl Iterator<Item = &'a String>) -> Frame {
        let lane_label_width = lane_names
            .map(|name| text_width(name, LANE_LABEL_SIZE))
            .fold(60.0f32, f32::max)
            .min(width * 0.3);
        Frame {
            width,
            lane_label_width,
            axis_left: MARGIN + lane_label_width + 14.0,
            axis_right: width - MARGIN - 10.0,
        }
    }

    /// The horizontal coordinate of a position (the same formula as [`MapLayout::x_of`]).
    fn x_of(&self, position: f64) -> f32 {
        self.axis_left + position as f32 * (self.axis_right - self.axis_left)
    }
}

/// What the phases have drawn so far, and how far down they have come.
struct Drawing {
    shapes: Vec<Shape>,
    markers: Vec<PlacedMarker>,
    lane_centres: Vec<f32>,
    /// The top of what is drawn next.
    y: f32,
}

/// Lays out the map.
pub fn layout(project: &Project, settings: &MapSettings) -> MapLayout {
    let width = settings.width.max(200.0);
    let shown = shown_annotators(project, settings);
    let lanes = lanes::group(project, settings, &shown);
    let frame = Frame::new(width, lanes.lanes.keys());
    let mut drawing = Drawing {
        shapes: Vec::new(),
        markers: Vec::new(),
        lane_centres: Vec::new(),
        y: MARGIN,
    };
    title(settings.title.as_deref(), &frame, &mut drawing);

    let lanes_top = drawing.y;
    let behind_lanes = drawing.shapes.len();
    let mut strips = 0;
    for (name, items) in &lanes.lanes {
        if stacking::crowded(&frame, items.len(), settings.detail) {
            strips += 1;
            stacking::density(&frame, name, items, &mut drawing);
        } else {
            stacking::lane(&frame, name, items, settings.connectors, &mut drawing);
        }
    }
    if lanes.lanes.is_empty() {
        nothing_to_show(settings, &frame, &mut drawing);
    }
    let background = axis::background(project, settings, &frame, lanes_top, drawing.y);
    drawing
        .shapes
        .splice(behind_lanes..behind_lanes, background);

    let axis_top = drawing.y;
    let axis_shapes = drawing.shapes.len();
    let poles_y = axis::axis(project, &frame, &mut drawing);
    let entries = legend::entries(project, settings, &shown, &lanes.cases_shown);
    let bottom = legend::legend(project, &frame, entries, poles_y, &mut drawing.shapes);

    MapLayout {
        width,
        height: bottom + MARGIN,
        shapes: drawing.shapes,
        markers: drawing.markers,
        lanes: lanes.lanes.into_keys().collect(),
        lane_centres: drawing.lane_centres,
        strips,
        axis_left: frame.axis_left,
        axis_right: frame.axis_right,
        axis_shapes,
        axis_top,
    }
}

/// The annotators whose placements the map shows, in the project's order.
fn shown_annotators<'a>(project: &'a Project, settings: &MapSettings) -> Vec<&'a Annotator> {
    project
        .annotators
        .iter()
        .filter(|a| {
            settings
                .annotators
                .as_ref()
                .is_none_or(|ids| ids.contains(&a.id))
        })
        .collect()
}

/// The colour of a case's markers when colouring by case: the palette in the project's case
/// order, grey for placements without a case.
fn case_colour(project: &Project, case: Option<CaseId>) -> Colour {
    case.and_then(|c| project.cases.iter().position(|k| k.id == c))
        .map_or(NO_CASE, |i| Colour::PALETTE[i % Colour::PALETTE.len()])
}

/// The thin rule under a lane, across the figure.
fn lane_rule(frame: &Frame, y: f32) -> Shape {
    Shape::Line {
        x1: MARGIN,
        y1: y,
        x2: frame.width - MARGIN,
        y2: y,
        colour: LANE_LINE,
        width: 0.5,
    }
}

/// The title above the lanes, if there is one.
fn title(title: Option<&str>, frame: &Frame, drawing: &mut Drawing) {
    if let Some(title) = title.filter(|t| !t.trim().is_empty()) {
        drawing.y += 14.0;
        drawing.shapes.push(Shape::Text {
            x: frame.width / 2.0,
            y: drawing.y,
            text: title.to_owned(),
            size: 14.0,
            anchor: Anchor::Middle,
            colour: INK,
            halo: false,
        });
        drawing.y += 10.0;
    }
}

/// In place of the lanes when there are none: says whether the project has no placements or the
/// filters let none through.
fn nothing_to_show(settings: &MapSettings, frame: &Frame, drawing: &mut Drawing) {
    drawing.y += 8.0;
    let why = if settings.filter.is_empty() {
        "No placements to show."
    } else {
        "No placements pass the filters."
    };
    drawing.shapes.push(Shape::Text {
        x: frame.width / 2.0,
        y: drawing.y + 8.0,
        text: why.to_owned(),
        size: LANE_LABEL_SIZE,
        anchor: Anchor::Middle,
        colour: GREY,
        halo: false,
    });
    drawing.y += 16.0;
}
