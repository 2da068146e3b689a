//! The continuum map as a list of shapes in points (1/72 inch): title, lanes with their labels,
//! anchor zones, markers with labels, the axis with anchors and poles, and a legend. A pure
//! function of the project and the view settings; the SVG and PNG exporters paint exactly this,
//! in print style (white ground, dark text, colour-blind-safe palette).
//!
//! Markers never hide each other: within a lane, marker and label boxes are stacked into rows by
//! `stack_rows`, deterministically.

use super::stack_rows;
use super::text_width::text_width;
use crate::model::{AnnotatorId, CaseId, Colour, Excerpt, ExcerptId, Project, TranscriptId};
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

/// Which placements the map shows, by their excerpt: one case, one role, one code, and words in
/// the quote or label. Empty fields let everything through.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MapFilter {
    pub case: Option<CaseId>,
    pub role: Option<String>,
    pub code: Option<String>,
    /// Words that must occur in the quote or the label (case-insensitive).
    pub text: String,
}

impl MapFilter {
    pub fn is_empty(&self) -> bool {
        self.case.is_none()
            && self.role.is_none()
            && self.code.is_none()
            && self.text.trim().is_empty()
    }

    /// Whether the placements of `excerpt` pass.
    pub fn passes(&self, project: &Project, excerpt: &Excerpt) -> bool {
        let transcript = project.transcript(excerpt.transcript);
        if let Some(case) = self.case
            && transcript.and_then(|t| project.case_of_transcript(t)) != Some(case)
        {
            return false;
        }
        if let Some(role) = &self.role {
            let actual = transcript
                .and_then(|t| t.participant)
                .and_then(|p| project.participant(p))
                .map(|p| p.role.as_str());
            if actual != Some(role.as_str()) {
                return false;
            }
        }
        if let Some(code) = &self.code
            && !excerpt.codes.contains(code)
        {
            return false;
        }
        let words = self.text.trim().to_lowercase();
        words.is_empty()
            || project.quote(excerpt).to_lowercase().contains(&words)
            || excerpt.label.to_lowercase().contains(&words)
    }
}

/// Which markers carry a text label.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Labels {
    All,
    None,
    /// Only the markers of one transcript (while coding it); the rest are dots.
    Transcript(TranscriptId),
}

/// What the marker colours stand for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColourBy {
    /// Each annotator's own colour.
    Annotator,
    /// The colour-blind-safe palette in case order.
    Case,
}

/// How the map is drawn.
#[derive(Clone, Debug, PartialEq)]
pub struct MapSettings {
    pub group_by: GroupBy,
    /// Which annotators' placements to show; `None` shows everyone's.
    pub annotators: Option<Vec<AnnotatorId>>,
    pub filter: MapFilter,
    pub labels: Labels,
    /// Anchors as shaded bands between them (true) or as thin lines at their points (false).
    pub zones: bool,
    pub colour_by: ColourBy,
    /// Join the markers of one excerpt by different annotators with a thin line.
    pub connectors: bool,
    pub title: Option<String>,
    /// Width of the figure in points (a journal column is about 250, a page about 500).
    pub width: f32,
}

impl Default for MapSettings {
    fn default() -> Self {
        Self {
            group_by: GroupBy::Case,
            annotators: None,
            filter: MapFilter::default(),
            labels: Labels::All,
            zones: true,
            colour_by: ColourBy::Annotator,
            connectors: false,
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
    let case_colour = |case: Option<CaseId>| {
        case.and_then(|c| project.cases.iter().position(|k| k.id == c))
            .map_or(NO_CASE, |i| Colour::PALETTE[i % Colour::PALETTE.len()])
    };

    // Group the placements into lanes, in a stable order (by lane name).
    let mut lanes: BTreeMap<String, Vec<Item>> = BTreeMap::new();
    let mut cases_shown = std::collections::BTreeSet::new();
    for annotator in &shown {
        for placement in &annotator.placements {
            let Some(excerpt) = project.excerpt(placement.excerpt) else {
                continue;
            };
            if !settings.filter.passes(project, excerpt) {
                continue;
            }
            let transcript = project.transcript(excerpt.transcript);
            let participant = transcript
                .and_then(|t| t.participant)
                .and_then(|p| project.participant(p));
            let case = transcript.and_then(|t| project.case_of_transcript(t));
            let lane = match settings.group_by {
                GroupBy::Case => case.and_then(|c| project.case(c)).map(|c| c.name.clone()),
                GroupBy::Role => participant.map(|p| p.role.clone()),
                GroupBy::Participant => participant.map(|p| p.name.clone()),
                GroupBy::Transcript => transcript.map(|t| t.name.clone()),
                GroupBy::Annotator => Some(annotator.name.clone()),
            }
            .unwrap_or_else(|| "(none)".to_owned());
            let colour = match settings.colour_by {
                ColourBy::Annotator => annotator.colour,
                ColourBy::Case => {
                    cases_shown.insert(case);
                    case_colour(case)
                }
            };
            let labelled = match settings.labels {
                Labels::All => true,
                Labels::None => false,
                Labels::Transcript(t) => excerpt.transcript == t,
            };
            lanes.entry(lane).or_default().push(Item {
                annotator: annotator.id,
                excerpt: excerpt.id,
                position: placement.position,
                colour,
                label: labelled.then(|| marker_label(project, excerpt)),
            });
        }
    }

    if settings.connectors {
        for items in lanes.values_mut() {
            label_each_excerpt_once(items);
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
    let mut lane_centres = Vec::new();
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
            halo: false,
        });
        y += 10.0;
    }
    let lanes_top = y;
    // Zones between anchors are painted first, once the lanes' height is known.
    let zones_at = shapes.len();

    for (name, items) in &lanes {
        let lane_top = y + 4.0;
        let lane_shapes = shapes.len();
        let lane_markers = markers.len();
        // The dot sits at the position; the label runs to its right, or to its left where the
        // right would run off the figure.
        let right_edge = width - MARGIN;
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
                let x = x_of(item.position);
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
        for ((item, placed), flip) in items.iter().zip(&stacked).zip(&label_left) {
            let cy = lane_top + (placed.row as f32 + 0.5) * ROW;
            let cx = x_of(item.position);
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
                fill: item.colour,
            });
            if let Some(label) = &item.label {
                let (x, anchor) = if *flip {
                    (dot_x - DOT - 2.0, Anchor::End)
                } else {
                    (dot_x + DOT + 2.0, Anchor::Start)
                };
                shapes.push(Shape::Text {
                    x,
                    y: cy + LABEL_SIZE * 0.35,
                    text: label.clone(),
                    size: LABEL_SIZE,
                    anchor,
                    colour: INK,
                    halo: settings.connectors,
                });
            }
            markers.push(PlacedMarker {
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
        if settings.connectors {
            // Behind this lane's dots: each excerpt's markers joined left to right, so the
            // spread between annotators shows at a glance.
            let mut by_excerpt: BTreeMap<ExcerptId, Vec<(f32, f32)>> = BTreeMap::new();
            for m in &markers[lane_markers..] {
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
            shapes.splice(lane_shapes..lane_shapes, lines);
        }
        lane_centres.push(lane_top + ROW * 0.5);
        let lane_height = rows as f32 * ROW + 8.0;
        shapes.push(Shape::Text {
            x: MARGIN + lane_label_width,
            y: lane_top + ROW * 0.5 + LANE_LABEL_SIZE * 0.35,
            text: fit_text(name, LANE_LABEL_SIZE, lane_label_width),
            size: LANE_LABEL_SIZE,
            anchor: Anchor::End,
            colour: INK,
            halo: false,
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
        let why = if settings.filter.is_empty() {
            "No placements to show."
        } else {
            "No placements pass the filters."
        };
        shapes.push(Shape::Text {
            x: width / 2.0,
            y: y + 8.0,
            text: why.to_owned(),
            size: LANE_LABEL_SIZE,
            anchor: Anchor::Middle,
            colour: GREY,
            halo: false,
        });
        y += 16.0;
    }

    // Behind the lanes: light bands between every other pair of neighbouring anchors, or a thin
    // line at each anchor.
    let anchors = &project.continuum.anchors;
    let background: Vec<Shape> = if settings.zones {
        anchors
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
            .collect()
    } else {
        anchors
            .iter()
            .map(|a| Shape::Line {
                x1: x_of(a.position),
                y1: lanes_top,
                x2: x_of(a.position),
                y2: y,
                colour: ANCHOR_LINE,
                width: 0.5,
            })
            .collect()
    };
    shapes.splice(zones_at..zones_at, background);

    // The axis, its anchors and poles.
    let axis_top = y;
    let axis_shapes = shapes.len();
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
            halo: false,
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
        halo: false,
    });
    shapes.push(Shape::Text {
        x: x_of(1.0),
        y: poles_y,
        text: project.continuum.distance_label.clone(),
        size: 8.0,
        anchor: Anchor::End,
        colour: GREY,
        halo: false,
    });

    // The legend: what each colour stands for. It sits between the pole labels when it fits
    // there, else on lines of its own below, wrapped when it is wide.
    let entries: Vec<(Colour, String)> = match settings.colour_by {
        ColourBy::Annotator => shown
            .iter()
            .map(|a| {
                let name = if a.consensus {
                    format!("{} (consensus)", a.name)
                } else {
                    a.name.clone()
                };
                (a.colour, name)
            })
            .collect(),
        ColourBy::Case => cases_shown
            .iter()
            .map(|c| {
                let name = c
                    .and_then(|c| project.case(c))
                    .map_or("no case".to_owned(), |c| c.name.clone());
                (case_colour(*c), name)
            })
            .collect(),
    };
    const ENTRY_GAP: f32 = 14.0;
    let entry_width = |name: &str| 2.0 * DOT + 3.0 + text_width(name, LEGEND_SIZE);
    let total: f32 = entries
        .iter()
        .map(|(_, n)| entry_width(n) + ENTRY_GAP)
        .sum::<f32>()
        - ENTRY_GAP;
    let between_poles = (
        x_of(0.0) + text_width(&project.continuum.closeness_label, 8.0) + 20.0,
        x_of(1.0) - text_width(&project.continuum.distance_label, 8.0) - 20.0,
    );
    let inline = total <= between_poles.1 - between_poles.0;
    let (mut legend_x, mut legend_y) = if inline {
        ((between_poles.0 + between_poles.1 - total) / 2.0, poles_y)
    } else {
        (axis_left, poles_y + 16.0)
    };
    let line_start = legend_x;
    let mut bottom = poles_y;
    for (colour, name) in entries {
        let w = entry_width(&name);
        if legend_x > line_start && legend_x + w > width - MARGIN {
            legend_x = line_start;
            legend_y += 12.0;
        }
        shapes.push(Shape::Circle {
            cx: legend_x + DOT,
            cy: legend_y - 3.0,
            r: DOT,
            fill: colour,
        });
        shapes.push(Shape::Text {
            x: legend_x + 2.0 * DOT + 3.0,
            y: legend_y,
            text: name,
            size: LEGEND_SIZE,
            anchor: Anchor::Start,
            colour: INK,
            halo: false,
        });
        legend_x += w + ENTRY_GAP;
        bottom = legend_y;
    }
    MapLayout {
        width,
        height: bottom + MARGIN,
        shapes,
        markers,
        lanes: lanes.into_keys().collect(),
        lane_centres,
        axis_left,
        axis_right,
        axis_shapes,
        axis_top,
    }
}

/// `text`, shortened with an ellipsis where it is wider than `width` at `size`.
fn fit_text(text: &str, size: f32, width: f32) -> String {
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

/// With connectors, an excerpt's markers by different annotators are joined by a line: one
/// label says what they are. It goes on the rightmost marker, whose label runs to the right, away
/// from the line (it was drawn once per annotator, the lines striking through the copies).
fn label_each_excerpt_once(items: &mut [Item]) {
    let mut rightmost: BTreeMap<ExcerptId, (f64, usize)> = BTreeMap::new();
    for (i, item) in items.iter().enumerate() {
        if item.label.is_some() {
            let best = rightmost.entry(item.excerpt).or_insert((item.position, i));
            if item.position > best.0 {
                *best = (item.position, i);
            }
        }
    }
    for (i, item) in items.iter_mut().enumerate() {
        if rightmost
            .get(&item.excerpt)
            .is_some_and(|&(_, keep)| keep != i)
        {
            item.label = None;
        }
    }
}

/// The short label a marker carries.
fn marker_label(project: &Project, excerpt: &Excerpt) -> String {
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
            for labels in [
                Labels::All,
                Labels::None,
                Labels::Transcript(TranscriptId(2)),
            ] {
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
        assert_eq!(by_role.lane_centres.len(), 3);
        assert!(by_role.lane_centres.windows(2).all(|w| w[0] < w[1]));
        let only_jonas = MapSettings {
            annotators: Some(vec![AnnotatorId(2)]),
            ..MapSettings::default()
        };
        assert_eq!(layout(&project, &only_jonas).markers.len(), 41);
    }

    fn count<'a>(shapes: impl IntoIterator<Item = &'a Shape>, what: fn(&Shape) -> bool) -> usize {
        shapes.into_iter().filter(|s| what(s)).count()
    }

    #[test]
    fn labels_can_be_limited_to_one_transcript() {
        let project = sample();
        let settings = MapSettings {
            labels: Labels::Transcript(TranscriptId(2)),
            ..MapSettings::default()
        };
        let map = layout(&project, &settings);
        for marker in &map.markers {
            let in_transcript =
                project.excerpt(marker.excerpt).unwrap().transcript == TranscriptId(2);
            assert_eq!(marker.label.is_some(), in_transcript, "{marker:?}");
        }
        let labelled = map.markers.iter().filter(|m| m.label.is_some()).count();
        assert_eq!(labelled, 14, "7 excerpts by 2 annotators");
    }

    #[test]
    fn filters_by_case_role_code_and_text() {
        let mut project = sample();
        let all = layout(&project, &MapSettings::default()).markers.len();
        let only = |project: &Project, filter: MapFilter| {
            let map = layout(
                project,
                &MapSettings {
                    filter,
                    ..MapSettings::default()
                },
            );
            map.markers.iter().map(|m| m.excerpt).collect::<Vec<_>>()
        };
        let vestbo = only(
            &project,
            MapFilter {
                case: Some(CaseId(1)),
                ..MapFilter::default()
            },
        );
        let lindely = only(
            &project,
            MapFilter {
                case: Some(CaseId(2)),
                ..MapFilter::default()
            },
        );
        assert!(!vestbo.is_empty() && !lindely.is_empty());
        assert_eq!(vestbo.len() + lindely.len(), all);
        let citizens = only(
            &project,
            MapFilter {
                role: Some("citizen".into()),
                ..MapFilter::default()
            },
        );
        for excerpt in &citizens {
            let t = project
                .transcript(project.excerpt(*excerpt).unwrap().transcript)
                .unwrap();
            assert_eq!(
                project.participant(t.participant.unwrap()).unwrap().role,
                "citizen"
            );
        }
        assert!(!citizens.is_empty() && citizens.len() < all);
        let girl = only(
            &project,
            MapFilter {
                text: "HER GIRL".into(),
                ..MapFilter::default()
            },
        );
        assert_eq!(girl.len(), 2, "one excerpt, two annotators: {girl:?}");

        project
            .apply(crate::model::Edit::SetExcerptCodes {
                excerpt: ExcerptId(3),
                codes: vec!["only here".into()],
            })
            .unwrap();
        let coded = only(
            &project,
            MapFilter {
                code: Some("only here".into()),
                ..MapFilter::default()
            },
        );
        assert_eq!(coded, [ExcerptId(3), ExcerptId(3)]);
        let none = layout(
            &project,
            &MapSettings {
                filter: MapFilter {
                    text: "no such words".into(),
                    ..MapFilter::default()
                },
                ..MapSettings::default()
            },
        );
        assert!(none.markers.is_empty());
        assert!(none.shapes.iter().any(
            |s| matches!(s, Shape::Text { text, .. } if text == "No placements pass the filters.")
        ));
    }

    #[test]
    fn zones_or_anchor_lines_and_colours_by_case_with_their_legend() {
        let project = sample();
        let zones = layout(&project, &MapSettings::default());
        let lines = layout(
            &project,
            &MapSettings {
                zones: false,
                ..MapSettings::default()
            },
        );
        let is_zone = |s: &Shape| matches!(s, Shape::Rect { .. });
        assert_eq!(
            count(&zones.shapes, is_zone),
            2,
            "bands between every other anchor pair"
        );
        assert_eq!(count(&lines.shapes, is_zone), 0);
        let anchor_line =
            |s: &Shape| matches!(s, Shape::Line { colour, .. } if *colour == ANCHOR_LINE);
        assert_eq!(
            count(&lines.shapes, anchor_line),
            project.continuum.anchors.len()
        );

        let by_case = layout(
            &project,
            &MapSettings {
                colour_by: ColourBy::Case,
                ..MapSettings::default()
            },
        );
        for marker in &by_case.markers {
            let transcript = project
                .transcript(project.excerpt(marker.excerpt).unwrap().transcript)
                .unwrap();
            let case = project.case_of_transcript(transcript).unwrap();
            let index = project.cases.iter().position(|c| c.id == case).unwrap();
            assert_eq!(marker.colour, Colour::PALETTE[index]);
        }
        let legend: Vec<&str> = by_case.shapes[by_case.axis_shapes..]
            .iter()
            .filter_map(|s| match s {
                Shape::Text { text, size, .. }
                    if *size == LEGEND_SIZE && !text.starts_with("Emotional") =>
                {
                    Some(text.as_str())
                }
                _ => None,
            })
            .collect();
        assert_eq!(legend, ["Hjemmeplejen Vestbo", "Dagcentret Lindely"]);
        // By annotator, each marker has its annotator's own colour.
        for marker in &zones.markers {
            assert_eq!(
                marker.colour,
                project.annotator(marker.annotator).unwrap().colour
            );
        }
    }

    #[test]
    fn positions_and_coordinates_convert_both_ways() {
        let map = layout(&sample(), &MapSettings::default());
        for position in [0.0, 0.25, 0.5, 1.0] {
            assert!((map.position_at(map.x_of(position)) - position).abs() < 1e-6);
        }
        assert_eq!(map.position_at(-100.0), 0.0);
        assert_eq!(map.position_at(1e6), 1.0);
        for marker in &map.markers {
            assert!(
                map.axis_top >= marker.bottom,
                "the axis is below every lane"
            );
        }
    }

    #[test]
    fn a_lane_name_too_long_for_its_column_is_shortened_and_stays_on_the_figure() {
        let mut project = sample();
        project.participants[0].name =
            "Birgitte Ravn, manager of the home-care unit in the western districts since 2019"
                .into();
        let map = layout(
            &project,
            &MapSettings {
                group_by: GroupBy::Participant,
                width: 400.0,
                ..MapSettings::default()
            },
        );
        let label = map
            .shapes
            .iter()
            .find_map(|s| match s {
                Shape::Text { text, x, size, .. } if text.starts_with("Birgitte") => {
                    Some((text.clone(), *x, *size))
                }
                _ => None,
            })
            .expect("the lane is labelled");
        assert!(label.0.ends_with('…'), "{label:?}");
        assert!(
            label.1 - text_width(&label.0, label.2) >= 0.0,
            "{label:?} runs off the left edge"
        );
        assert!(label.1 < map.axis_left, "{label:?} runs into the lanes");
    }

    #[test]
    fn three_hundred_labelled_markers_in_one_lane_never_overlap() {
        let mut project = sample();
        let transcript = project.transcripts[0].id;
        let first = project.next_excerpt_id().unwrap().0;
        for i in 0..300u32 {
            let id = ExcerptId(first + i);
            project
                .apply(crate::model::Edit::AddExcerpt(Excerpt {
                    id,
                    transcript,
                    start: i as usize,
                    end: i as usize + 40,
                    label: format!("Crowded excerpt {i}"),
                    memo: String::new(),
                    codes: Vec::new(),
                }))
                .unwrap();
            // Clustered: many share a position, the rest crowd one zone.
            let position = if i % 3 == 0 {
                0.5
            } else {
                0.4 + (i % 50) as f64 / 250.0
            };
            let place = crate::model::Edit::place(
                &project,
                AnnotatorId(1),
                id,
                position,
                crate::model::Timestamp(0),
            );
            project.apply(place).unwrap();
        }
        let map = layout(
            &project,
            &MapSettings {
                annotators: Some(vec![AnnotatorId(1)]),
                group_by: GroupBy::Transcript,
                ..MapSettings::default()
            },
        );
        let crowded: Vec<_> = map
            .markers
            .iter()
            .filter(|m| m.excerpt.0 >= first)
            .collect();
        assert_eq!(crowded.len(), 300);
        for (i, a) in crowded.iter().enumerate() {
            assert!(a.label.is_some());
            for b in &crowded[i + 1..] {
                let overlap =
                    a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
                assert!(!overlap, "{a:?} overlaps {b:?}");
            }
        }
    }

    #[test]
    fn connectors_join_each_excerpts_markers_by_different_annotators() {
        let project = sample();
        let connector = |s: &Shape| matches!(s, Shape::Line { colour, .. } if *colour == CONNECTOR);
        let plain = layout(&project, &MapSettings::default());
        assert_eq!(count(&plain.shapes, connector), 0);
        let joined = layout(
            &project,
            &MapSettings {
                connectors: true,
                ..MapSettings::default()
            },
        );
        // 41 excerpts, 39 of them placed by both annotators: one line each.
        assert_eq!(count(&joined.shapes, connector), 39);
        // Lines go behind the dots.
        let first_dot = joined
            .shapes
            .iter()
            .position(|s| matches!(s, Shape::Circle { .. }))
            .unwrap();
        let first_line = joined.shapes.iter().position(connector).unwrap();
        assert!(first_line < first_dot);
        // By annotator, an excerpt's markers are in different lanes: nothing to join.
        let by_annotator = MapSettings {
            connectors: true,
            group_by: GroupBy::Annotator,
            ..MapSettings::default()
        };
        assert_eq!(count(&layout(&project, &by_annotator).shapes, connector), 0);
    }

    /// Regression (first-hour issue, item 8): with two annotators joined by connectors, every
    /// excerpt was labelled twice and the lines struck through the labels.
    #[test]
    fn joined_markers_carry_one_label_with_a_halo_over_the_lines() {
        let project = sample();
        let joined = layout(
            &project,
            &MapSettings {
                connectors: true,
                ..MapSettings::default()
            },
        );
        let mut labels_per_excerpt: BTreeMap<ExcerptId, usize> = BTreeMap::new();
        for marker in &joined.markers {
            *labels_per_excerpt.entry(marker.excerpt).or_default() +=
                usize::from(marker.label.is_some());
        }
        assert_eq!(labels_per_excerpt.len(), 41);
        assert!(
            labels_per_excerpt.values().all(|&n| n == 1),
            "{labels_per_excerpt:?}"
        );
        // The label is on the rightmost of the excerpt's markers.
        for labelled in joined.markers.iter().filter(|m| m.label.is_some()) {
            let rightmost = joined
                .markers
                .iter()
                .filter(|m| m.excerpt == labelled.excerpt)
                .map(|m| m.position)
                .fold(f64::MIN, f64::max);
            assert_eq!(labelled.position, rightmost);
        }
        let halos = |map: &MapLayout| {
            map.shapes
                .iter()
                .filter(|s| matches!(s, Shape::Text { halo: true, .. }))
                .count()
        };
        assert_eq!(halos(&joined), 41);
        assert!(crate::map::to_svg(&joined).contains(r#"paint-order="stroke""#));
        // Without connectors nothing changes: a label per marker, no halos.
        let plain = layout(&project, &MapSettings::default());
        assert_eq!(halos(&plain), 0);
        assert_eq!(
            plain.markers.iter().filter(|m| m.label.is_some()).count(),
            80
        );
    }
}
