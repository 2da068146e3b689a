//! The continuum map as a list of shapes in points (1/72 inch): title, lanes with their labels,
//! anchor zones, markers with labels, the axis with anchors and poles, and a legend. A pure
//! function of the project and the view settings; the SVG and PNG exporters paint exactly this,
//! in print style (white ground, dark text, colour-blind-safe palette).
//!
//! Markers never hide each other: within a lane, marker and label boxes are stacked into rows by
//! `stack_rows`, deterministically.

use super::stack_rows;
use super::text_width::text_width;
use crate::model::{AnnotatorId, Colour, ExcerptId, Project};
use std::collections::BTreeMap;

/// What the lanes group placements by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GroupBy {
    Case,
    Role,
    Participant,
    Transcript,
    Annotator,
}

impl GroupBy {
    pub const ALL: [GroupBy; 5] = [
        GroupBy::Case,
        GroupBy::Role,
        GroupBy::Participant,
        GroupBy::Transcript,
        GroupBy::Annotator,
    ];

    pub fn name(self) -> &'static str {
        match self {
            GroupBy::Case => "case",
            GroupBy::Role => "role",
            GroupBy::Participant => "participant",
            GroupBy::Transcript => "transcript",
            GroupBy::Annotator => "annotator",
        }
    }

    pub fn parse(text: &str) -> Option<GroupBy> {
        GroupBy::ALL.into_iter().find(|g| g.name() == text)
    }
}

/// How the map is drawn.
#[derive(Clone, Debug, PartialEq)]
pub struct MapSettings {
    pub group_by: GroupBy,
    /// Which annotators' placements to show; `None` shows everyone's.
    pub annotators: Option<Vec<AnnotatorId>>,
    pub labels: bool,
    pub title: Option<String>,
    /// Width of the figure in points (a journal column is about 250, a page about 500).
    pub width: f32,
}

impl Default for MapSettings {
    fn default() -> Self {
        Self {
            group_by: GroupBy::Case,
            annotators: None,
            labels: true,
            title: None,
            width: 720.0,
        }
    }
}

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
    },
}

/// A marker, for tests and hit-testing: one placement.
#[derive(Clone, Debug, PartialEq)]
pub struct PlacedMarker {
    pub annotator: AnnotatorId,
    pub excerpt: ExcerptId,
    /// The box of the dot and its label.
    pub left: f32,
    pub right: f32,
    pub top: f32,
    pub bottom: f32,
}

#[derive(Clone, Debug, PartialEq)]
pub struct MapLayout {
    pub width: f32,
    pub height: f32,
    pub shapes: Vec<Shape>,
    pub markers: Vec<PlacedMarker>,
    /// Lane names, top to bottom.
    pub lanes: Vec<String>,
}

const INK: Colour = Colour::rgb(0x22, 0x22, 0x22);
const GREY: Colour = Colour::rgb(0x88, 0x88, 0x88);
const ZONE: Colour = Colour::rgb(0xF2, 0xF2, 0xF2);
const LANE_LINE: Colour = Colour::rgb(0xDD, 0xDD, 0xDD);
const MARGIN: f32 = 16.0;
const LABEL_SIZE: f32 = 8.0;
const LANE_LABEL_SIZE: f32 = 9.0;
const ROW: f32 = 12.0;
const DOT: f32 = 3.2;

/// Lays out the map.
pub fn layout(project: &Project, settings: &MapSettings) -> MapLayout {
    let width = settings.width.max(200.0);
    let shown: Vec<_> = project
        .annotators
        .iter()
        .filter(|a| {
            settings
                .annotators
                .as_ref()
                .is_none_or(|ids| ids.contains(&a.id))
        })
        .collect();
    // Print colours: the colour-blind-safe palette in annotator order; the consensus in ink.
    let colour_of = |id: AnnotatorId| {
        let index = shown.iter().position(|a| a.id == id).unwrap_or(0);
        if shown.get(index).is_some_and(|a| a.consensus) {
            INK
        } else {
            Colour::PALETTE[index % Colour::PALETTE.len()]
        }
    };

    // Group the placements into lanes, in a stable order (by lane name).
    let mut lanes: BTreeMap<String, Vec<(AnnotatorId, ExcerptId, f64)>> = BTreeMap::new();
    for annotator in &shown {
        for placement in &annotator.placements {
            let Some(excerpt) = project.excerpt(placement.excerpt) else {
                continue;
            };
            let transcript = project.transcript(excerpt.transcript);
            let participant = transcript
                .and_then(|t| t.participant)
                .and_then(|p| project.participant(p));
            let lane = match settings.group_by {
                GroupBy::Case => transcript
                    .and_then(|t| project.case_of_transcript(t))
                    .and_then(|c| project.case(c))
                    .map(|c| c.name.clone()),
                GroupBy::Role => participant.map(|p| p.role.clone()),
                GroupBy::Participant => participant.map(|p| p.name.clone()),
                GroupBy::Transcript => transcript.map(|t| t.name.clone()),
                GroupBy::Annotator => Some(annotator.name.clone()),
            }
            .unwrap_or_else(|| "(none)".to_owned());
            lanes
                .entry(lane)
                .or_default()
                .push((annotator.id, excerpt.id, placement.position));
        }
    }

    let lane_label_width = lanes
        .keys()
        .map(|name| text_width(name, LANE_LABEL_SIZE))
        .fold(60.0f32, f32::max)
        .min(width * 0.3);
    let axis_left = MARGIN + lane_label_width + 14.0;
    let axis_right = width - MARGIN - 10.0;
    let x_of = |position: f64| axis_left + position as f32 * (axis_right - axis_left);

    let mut shapes = Vec::new();
    let mut markers = Vec::new();
    let mut y = MARGIN;
    if let Some(title) = settings.title.as_ref().filter(|t| !t.trim().is_empty()) {
        y += 14.0;
        shapes.push(Shape::Text {
            x: width / 2.0,
            y,
            text: title.clone(),
            size: 14.0,
            anchor: Anchor::Middle,
            colour: INK,
        });
        y += 10.0;
    }
    let lanes_top = y;
    // Zones between anchors are painted first, once the lanes' height is known.
    let zones_at = shapes.len();

    for (name, items) in &lanes {
        let lane_top = y + 4.0;
        // The dot sits at the position; the label runs to its right, or to its left where the
        // right would run off the figure.
        let right_edge = width - MARGIN;
        let mut label_left = Vec::with_capacity(items.len());
        let boxes: Vec<(f32, f32)> = items
            .iter()
            .map(|(_, excerpt, position)| {
                let label_width = if settings.labels {
                    project
                        .excerpt(*excerpt)
                        .map(|e| text_width(&marker_label(project, e), LABEL_SIZE) + 4.0)
                        .unwrap_or(0.0)
                } else {
                    0.0
                };
                let box_width = 2.0 * DOT + label_width;
                let x = x_of(*position);
                let flip = x - DOT + box_width > right_edge;
                label_left.push(flip);
                if flip {
                    (x + DOT - box_width / 2.0, box_width)
                } else {
                    (x - DOT + box_width / 2.0, box_width)
                }
            })
            .collect();
        let stacked = stack_rows(&boxes, (axis_left - DOT - 2.0, right_edge), 3.0);
        let rows = stacked.iter().map(|s| s.row + 1).max().unwrap_or(1);
        for (((annotator, excerpt, position), placed), flip) in
            items.iter().zip(&stacked).zip(&label_left)
        {
            let cy = lane_top + (placed.row as f32 + 0.5) * ROW;
            let cx = x_of(*position);
            let colour = colour_of(*annotator);
            // The box may be nudged to stay inside the figure; a leader shows the true position.
            let dot_x = if *flip {
                placed.right - DOT
            } else {
                placed.left + DOT
            };
            if (dot_x - cx).abs() > 0.5 {
                shapes.push(Shape::Line {
                    x1: cx,
                    y1: cy,
                    x2: dot_x,
                    y2: cy,
                    colour: GREY,
                    width: 0.5,
                });
            }
            shapes.push(Shape::Circle {
                cx: dot_x,
                cy,
                r: DOT,
                fill: colour,
            });
            if settings.labels
                && let Some(e) = project.excerpt(*excerpt)
            {
                let (x, anchor) = if *flip {
                    (dot_x - DOT - 2.0, Anchor::End)
                } else {
                    (dot_x + DOT + 2.0, Anchor::Start)
                };
                shapes.push(Shape::Text {
                    x,
                    y: cy + LABEL_SIZE * 0.35,
                    text: marker_label(project, e),
                    size: LABEL_SIZE,
                    anchor,
                    colour: INK,
                });
            }
            markers.push(PlacedMarker {
                annotator: *annotator,
                excerpt: *excerpt,
                left: placed.left,
                right: placed.right,
                top: cy - ROW / 2.0,
                bottom: cy + ROW / 2.0,
            });
        }
        let lane_height = rows as f32 * ROW + 8.0;
        shapes.push(Shape::Text {
            x: MARGIN + lane_label_width,
            y: lane_top + ROW * 0.5 + LANE_LABEL_SIZE * 0.35,
            text: name.clone(),
            size: LANE_LABEL_SIZE,
            anchor: Anchor::End,
            colour: INK,
        });
        y += lane_height;
        shapes.push(Shape::Line {
            x1: MARGIN,
            y1: y,
            x2: width - MARGIN,
            y2: y,
            colour: LANE_LINE,
            width: 0.5,
        });
    }
    if lanes.is_empty() {
        y += 8.0;
        shapes.push(Shape::Text {
            x: width / 2.0,
            y: y + 8.0,
            text: "No placements to show.".to_owned(),
            size: LANE_LABEL_SIZE,
            anchor: Anchor::Middle,
            colour: GREY,
        });
        y += 16.0;
    }

    // Alternate light bands between neighbouring anchors, behind the lanes.
    let anchors = &project.continuum.anchors;
    let zones: Vec<Shape> = anchors
        .windows(2)
        .enumerate()
        .filter(|(i, _)| i % 2 == 0)
        .map(|(_, pair)| Shape::Rect {
            x: x_of(pair[0].position),
            y: lanes_top,
            w: x_of(pair[1].position) - x_of(pair[0].position),
            h: y - lanes_top,
            fill: ZONE,
        })
        .collect();
    shapes.splice(zones_at..zones_at, zones);

    // The axis, its anchors and poles.
    let axis_y = y + 10.0;
    shapes.push(Shape::Line {
        x1: x_of(0.0),
        y1: axis_y,
        x2: x_of(1.0),
        y2: axis_y,
        colour: INK,
        width: 1.0,
    });
    for anchor in anchors {
        let x = x_of(anchor.position);
        shapes.push(Shape::Line {
            x1: x,
            y1: axis_y - 3.0,
            x2: x,
            y2: axis_y + 3.0,
            colour: INK,
            width: 1.0,
        });
        shapes.push(Shape::Text {
            x,
            y: axis_y + 13.0,
            text: anchor.name.clone(),
            size: 9.0,
            anchor: Anchor::Middle,
            colour: INK,
        });
    }
    let poles_y = axis_y + 25.0;
    shapes.push(Shape::Text {
        x: x_of(0.0),
        y: poles_y,
        text: project.continuum.closeness_label.clone(),
        size: 8.0,
        anchor: Anchor::Start,
        colour: GREY,
    });
    shapes.push(Shape::Text {
        x: x_of(1.0),
        y: poles_y,
        text: project.continuum.distance_label.clone(),
        size: 8.0,
        anchor: Anchor::End,
        colour: GREY,
    });

    // The legend: one entry per annotator shown.
    let mut legend_x = axis_left;
    let legend_y = poles_y + 16.0;
    for annotator in &shown {
        shapes.push(Shape::Circle {
            cx: legend_x + DOT,
            cy: legend_y - 3.0,
            r: DOT,
            fill: colour_of(annotator.id),
        });
        shapes.push(Shape::Text {
            x: legend_x + 2.0 * DOT + 3.0,
            y: legend_y,
            text: annotator.name.clone(),
            size: 8.0,
            anchor: Anchor::Start,
            colour: INK,
        });
        legend_x += 2.0 * DOT + 3.0 + text_width(&annotator.name, 8.0) + 14.0;
    }
    MapLayout {
        width,
        height: legend_y + MARGIN,
        shapes,
        markers,
        lanes: lanes.into_keys().collect(),
    }
}

/// The short label a marker carries.
fn marker_label(project: &Project, excerpt: &crate::model::Excerpt) -> String {
    crate::model::short_label(&project.excerpt_label(excerpt), 28)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Project {
        crate::io::parse_project(crate::SAMPLE_PROJECT).unwrap()
    }

    #[test]
    fn every_placement_is_drawn_exactly_once_and_no_two_markers_overlap() {
        let project = sample();
        for group_by in GroupBy::ALL {
            for labels in [true, false] {
                let settings = MapSettings {
                    group_by,
                    labels,
                    ..MapSettings::default()
                };
                let map = layout(&project, &settings);
                assert_eq!(map.markers.len(), 80, "{group_by:?}");
                let mut seen: Vec<_> = map
                    .markers
                    .iter()
                    .map(|m| (m.annotator, m.excerpt))
                    .collect();
                seen.sort();
                seen.dedup();
                assert_eq!(seen.len(), 80, "each placement once");
                for (i, a) in map.markers.iter().enumerate() {
                    assert!(
                        a.left >= 0.0 && a.right <= map.width,
                        "{a:?} outside the figure"
                    );
                    for b in &map.markers[i + 1..] {
                        let overlap = a.left < b.right
                            && b.left < a.right
                            && a.top < b.bottom
                            && b.top < a.bottom;
                        assert!(!overlap, "{group_by:?}: {a:?} overlaps {b:?}");
                    }
                }
                assert_eq!(layout(&project, &settings), map, "deterministic");
            }
        }
    }

    #[test]
    fn lanes_are_in_a_stable_order_and_annotators_can_be_chosen() {
        let project = sample();
        let by_case = layout(&project, &MapSettings::default());
        assert_eq!(by_case.lanes, ["Dagcentret Lindely", "Hjemmeplejen Vestbo"]);
        let by_role = layout(
            &project,
            &MapSettings {
                group_by: GroupBy::Role,
                ..MapSettings::default()
            },
        );
        assert_eq!(by_role.lanes, ["citizen", "manager", "staff"]);
        let only_jonas = MapSettings {
            annotators: Some(vec![AnnotatorId(2)]),
            ..MapSettings::default()
        };
        assert_eq!(layout(&project, &only_jonas).markers.len(), 41);
    }
}
