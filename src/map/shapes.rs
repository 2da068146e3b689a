//! What a laid-out map is made of: painter-neutral [`Shape`]s in points, the [`PlacedMarker`]s a
//! canvas hit-tests against, and the [`MapLayout`] that holds both with the geometry of the axis.
//!
//! Implementation notes: shapes are plain data rather than calls on a painter so that the egui
//! canvas, the SVG writer and the PNG renderer (which renders that SVG) paint the same list, and
//! tests can assert on it without a display.

use crate::model::{AnnotatorId, Colour, ExcerptId};

/// Horizontal alignment of text at its position.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Anchor {
    Start,
    Middle,
    End,
}

/// One thing to paint. Coordinates in points from the top left; text positions are baselines.
#[derive(Clone, Debug, PartialEq)]
pub enum Shape {
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        fill: Colour,
    },
    Line {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        colour: Colour,
        width: f32,
    },
    Circle {
        cx: f32,
        cy: f32,
        r: f32,
        fill: Colour,
    },
    Text {
        x: f32,
        y: f32,
        text: String,
        size: f32,
        anchor: Anchor,
        colour: Colour,
        /// Drawn over a thin outline in the paper's colour, so lines crossing it (the connectors
        /// between annotators' markers) never strike through the words.
        halo: bool,
    },
}

/// One placement as laid out, for hit-testing, highlighting and tests.
#[derive(Clone, Debug, PartialEq)]
pub struct PlacedMarker {
    pub annotator: AnnotatorId,
    pub excerpt: ExcerptId,
    /// The stored position on the axis, 0..1.
    pub position: f64,
    /// The box of the dot and its label.
    pub left: f32,
    pub right: f32,
    pub top: f32,
    pub bottom: f32,
    /// The dot.
    pub dot_x: f32,
    pub dot_y: f32,
    pub radius: f32,
    pub colour: Colour,
    /// The label drawn beside the dot, if any.
    pub label: Option<String>,
}

/// A laid-out map: its size, what to paint, and where the lanes, markers and axis fell.
#[derive(Clone, Debug, PartialEq)]
pub struct MapLayout {
    pub width: f32,
    pub height: f32,
    pub shapes: Vec<Shape>,
    pub markers: Vec<PlacedMarker>,
    /// Lane names, top to bottom.
    pub lanes: Vec<String>,
    /// Where each lane's first row of markers is centred, in the order of `lanes`.
    pub lane_centres: Vec<f32>,
    /// How many lanes are density strips: more placements than their rows can show one by one
    /// at this detail.
    pub strips: usize,
    /// Where position 0 and position 1 fall horizontally.
    pub axis_left: f32,
    pub axis_right: f32,
    /// The axis, anchors, poles and legend are `shapes[axis_shapes..]`, all below `axis_top`, so a
    /// canvas can keep them in view while the lanes scroll.
    pub axis_shapes: usize,
    pub axis_top: f32,
}

impl MapLayout {
    /// The horizontal coordinate of a position.
    pub fn x_of(&self, position: f64) -> f32 {
        self.axis_left + position as f32 * (self.axis_right - self.axis_left)
    }

    /// The position at a horizontal coordinate, clamped to the axis.
    pub fn position_at(&self, x: f32) -> f64 {
        (((x - self.axis_left) / (self.axis_right - self.axis_left)) as f64).clamp(0.0, 1.0)
    }
}
