//! The third phase of the layout: what lies behind the lanes (light bands between anchors, or a
//! thin line at each anchor) and, below the lanes, the axis with its anchors and pole labels.

use super::{ANCHOR_LINE, Drawing, Frame, GREY, INK, ZONE};
use crate::map::settings::MapSettings;
use crate::map::shapes::{Anchor, Shape};
use crate::model::Project;

/// Behind the lanes, from `top` to `bottom`: light bands between every other pair of
/// neighbouring anchors (`settings.zones`), or a thin line at each anchor.
pub(super) fn background(
    project: &Project,
    settings: &MapSettings,
    frame: &Frame,
    top: f32,
    bottom: f32,
) -> Vec<Shape> {
    let anchors = &project.continuum.anchors;
    if settings.zones {
        anchors
            .windows(2)
            .enumerate()
            .filter(|(i, _)| i % 2 == 0)
            .map(|(_, pair)| Shape::Rect {
                x: frame.x_of(pair[0].position),
                y: top,
                w: frame.x_of(pair[1].position) - frame.x_of(pair[0].position),
                h: bottom - top,
                fill: ZONE,
            })
            .collect()
    } else {
        anchors
            .iter()
            .map(|a| Shape::Line {
                x1: frame.x_of(a.position),
                y1: top,
                x2: frame.x_of(a.position),
                y2: bottom,
                colour: ANCHOR_LINE,
                width: 0.5,
            })
            .collect()
    }
}

/// The axis at `drawing.y`, a tick and name at each anchor, and the pole labels at its ends;
/// returns the baseline of the pole labels.
pub(super) fn axis(project: &Project, frame: &Frame, drawing: &mut Drawing) -> f32 {
    let shapes = &mut drawing.shapes;
    let axis_y = drawing.y + 10.0;
    shapes.push(Shape::Line {
        x1: frame.x_of(0.0),
        y1: axis_y,
        x2: frame.x_of(1.0),
        y2: axis_y,
        colour: INK,
        width: 1.0,
    });
    for anchor in &project.continuum.anchors {
        let x = frame.x_of(anchor.position);
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
        x: frame.x_of(0.0),
        y: poles_y,
        text: project.continuum.closeness_label.clone(),
        size: 8.0,
        anchor: Anchor::Start,
        colour: GREY,
        halo: false,
    });
    shapes.push(Shape::Text {
        x: frame.x_of(1.0),
        y: poles_y,
        text: project.continuum.distance_label.clone(),
        size: 8.0,
        anchor: Anchor::End,
        colour: GREY,
        halo: false,
    });
    poles_y
}
