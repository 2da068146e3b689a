//! The last phase of the layout: the legend, saying what each marker colour stands for (an
//! annotator, or a case).
//!
//! Implementation notes: the legend sits between the pole labels when it fits there, which keeps
//! a figure for a journal column short; else it goes on lines of its own below the poles,
//! wrapped at the figure's right margin.

use super::{DOT, Frame, INK, LEGEND_SIZE, MARGIN, case_colour};
use crate::map::settings::{ColourBy, MapSettings};
use crate::map::shapes::{Anchor, Shape};
use crate::map::text_width::text_width;
use crate::model::{Annotator, CaseId, Colour, Project};
use std::collections::BTreeSet;

/// The space between two entries on one line.
const ENTRY_GAP: f32 = 14.0;

/// The legend's entries, in order: the shown annotators (the consensus marked as such), or the
/// cases whose markers were drawn.
pub(super) fn entries(
    project: &Project,
    settings: &MapSettings,
    shown: &[&Annotator],
    cases_shown: &BTreeSet<Option<CaseId>>,
) -> Vec<(Colour, String)> {
    match settings.colour_by {
        ColourBy::Annotator => shown
            .iter()
            .map(|a| {
                // "Consensus (consensus)" said it twice: the layer is usually named so.
                let name = if a.consensus && !a.name.to_lowercase().contains("consensus") {
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
                (case_colour(project, *c), name)
            })
            .collect(),
    }
}

/// Draws `entries` on the pole line at `poles_y` or below it; returns the baseline of the last
/// line drawn (the poles' own when there are no entries).
pub(super) fn legend(
    project: &Project,
    frame: &Frame,
    entries: Vec<(Colour, String)>,
    poles_y: f32,
    shapes: &mut Vec<Shape>,
) -> f32 {
    let entry_width = |name: &str| 2.0 * DOT + 3.0 + text_width(name, LEGEND_SIZE);
    let total: f32 = entries
        .iter()
        .map(|(_, n)| entry_width(n) + ENTRY_GAP)
        .sum::<f32>()
        - ENTRY_GAP;
    let between_poles = (
        frame.x_of(0.0) + text_width(&project.continuum.closeness_label, 8.0) + 20.0,
        frame.x_of(1.0) - text_width(&project.continuum.distance_label, 8.0) - 20.0,
    );
    let inline = total <= between_poles.1 - between_poles.0;
    let (mut legend_x, mut legend_y) = if inline {
        ((between_poles.0 + between_poles.1 - total) / 2.0, poles_y)
    } else {
        (frame.axis_left, poles_y + 16.0)
    };
    let line_start = legend_x;
    let mut bottom = poles_y;
    for (colour, name) in entries {
        let w = entry_width(&name);
        if legend_x > line_start && legend_x + w > frame.width - MARGIN {
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
    bottom
}
