//! The continuum map on screen. It paints the same `map::layout` as the SVG and PNG exports, on
//! white paper, zoomed and scrolled, with the axis kept in view below the lanes; and it turns the
//! pointer into selection (click, Shift-click, Shift-drag rubber band), moves (dragging the
//! selected markers), placements (dropping an excerpt from the tray), scrolling (wheel, or
//! dragging empty space) and zoom (Ctrl+wheel or pinch).
//!
//! This module runs a frame of the canvas and paints the selection over the figure; the parts
//! are [`viewport`] (figure points to screen, zoom and scroll), [`paint`] (the layout's shapes,
//! pinned lane names, the guide), [`markers`] (the markers as widgets, moving them) and
//! [`gestures`] (empty space: selection, scrolling, the rubber band, drops from the tray), and
//! [`spoken`] (what a screen reader hears of the map and each marker).

mod gestures;
mod markers;
mod paint;
mod spoken;
mod viewport;

use super::map_view::MarkerKey;
use super::outbox::Outbox;
use super::view_state::ViewState;
use crate::map::MapLayout;
use crate::model::{AnnotatorId, Project};
use egui::{Color32, Rect, Sense, Stroke, pos2, vec2};
use gestures::{canvas_gestures, drop_from_tray};
use markers::{marker_widgets, paint_moving};
pub(crate) use paint::paint_shapes;
use paint::pin_lane_names;
use viewport::{View, clamp_scroll, follow_transcript, zoom_and_scroll};

/// Screen points per figure point at zoom 1: the figure's 8 pt labels read at about 10.5 px.
pub const SCREEN_SCALE: f32 = 1.3;
pub const MIN_ZOOM: f32 = 0.25;
pub const MAX_ZOOM: f32 = 6.0;

const SELECTION: Color32 = Color32::from_rgb(0x1F, 0x6F, 0xD0);
const SELECTION_FILL: Color32 = Color32::from_rgba_unmultiplied_const(0x1F, 0x6F, 0xD0, 0x38);

/// What every part of one frame of the canvas reads.
struct Canvas<'a> {
    project: &'a Project,
    active: AnnotatorId,
    map: &'a MapLayout,
    screen: View,
    /// The canvas's own widget, the map node of the accessibility tree.
    canvas: egui::Id,
}

/// Paints and handles the canvas for the active annotator.
pub fn show(
    ui: &mut egui::Ui,
    project: &Project,
    view: &mut ViewState,
    out: &mut Outbox,
    active: AnnotatorId,
) -> f32 {
    // Exactly the space left, however small: a wider canvas would push the panel wider.
    let (rect, canvas) = ui.allocate_exact_size(
        ui.available_size().max(vec2(1.0, 1.0)),
        Sense::click_and_drag(),
    );
    show_in(ui, rect, canvas, project, view, out, active);
    rect.height()
}

fn show_in(
    ui: &mut egui::Ui,
    rect: Rect,
    canvas: egui::Response,
    project: &Project,
    view: &mut ViewState,
    out: &mut Outbox,
    active: AnnotatorId,
) {
    canvas.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Canvas, true, "Continuum map"));
    if rect.width() < 40.0 || rect.height() < 20.0 {
        // No markers drawn: the keyboard is not kept waiting for one.
        view.map.focus_marker = None;
        return;
    }
    let settings = view.map.settings(
        project,
        Some(active),
        view.transcript,
        rect.width() / SCREEN_SCALE,
    );
    let map = view.map.layout(project, view.project_revision, settings);
    let base = rect.width() / map.width;

    zoom_and_scroll(ui, rect, &map, base, view);
    let scale = base * view.map.zoom;
    let axis_height = (map.height - map.axis_top) * scale;
    // The axis stays in view below scrolling lanes, unless zoomed so far that it would crowd
    // them out; then it scrolls with them.
    let pinned = map.height * scale > rect.height() && axis_height <= 0.6 * rect.height();
    let lanes = if !pinned {
        rect
    } else {
        Rect::from_min_max(rect.min, pos2(rect.right(), rect.bottom() - axis_height))
    };
    follow_transcript(project, view, &map, lanes, scale);
    clamp_scroll(view, &map, rect, lanes, scale, pinned);
    let mut screen = View {
        origin: rect.min,
        scroll: view.map.scroll,
        scale,
        lanes,
        axis_screen_top: 0.0,
        axis_top: map.axis_top,
    };
    screen.axis_screen_top = if !pinned {
        screen.lanes_to_screen(pos2(0.0, map.axis_top)).y
    } else {
        lanes.bottom()
    };

    // Markers first, so the hovered one is known when painting; later widgets win the pointer
    // over the canvas underneath.
    let c = Canvas {
        project,
        active,
        map: &map,
        screen,
        canvas: canvas.id,
    };
    let screen = &c.screen;
    let hovered = marker_widgets(ui, &c, view, out);

    let painter = ui.painter_at(rect);
    painter.rect_filled(rect, 0.0, Color32::WHITE);
    let lanes_painter = painter.with_clip_rect(lanes);
    paint_shapes(
        &lanes_painter,
        &map.shapes[..map.axis_shapes],
        |p| screen.lanes_to_screen(p),
        scale,
    );
    // Highlights are translucent and go over the figure: painted under it, the shaded anchor
    // zones hid them.
    for marker in &map.markers {
        let key = (marker.annotator, marker.excerpt);
        if is_highlighted(view, key) {
            lanes_painter.rect_filled(screen.marker_rect(marker).expand(1.5), 4.0, SELECTION_FILL);
        }
    }
    paint_shapes(
        &painter,
        &map.shapes[map.axis_shapes..],
        |p| screen.axis_to_screen(p),
        scale,
    );
    if pinned {
        painter.line_segment(
            [
                pos2(rect.left(), lanes.bottom()),
                pos2(rect.right(), lanes.bottom()),
            ],
            Stroke::new(1.0, Color32::from_gray(220)),
        );
    }
    for marker in &map.markers {
        let key = (marker.annotator, marker.excerpt);
        let ring = if is_highlighted(view, key) {
            Some(2.0)
        } else if hovered == Some(key) {
            Some(1.5)
        } else {
            None
        };
        if let Some(width) = ring {
            let centre = screen.lanes_to_screen(pos2(marker.dot_x, marker.dot_y));
            // Close around the dot, so the ring does not cover the label's first letter.
            lanes_painter.circle_stroke(
                centre,
                marker.radius * scale + 1.0 + width / 2.0,
                Stroke::new(width, SELECTION),
            );
        }
    }

    pin_lane_names(&lanes_painter, &c);
    paint::crowded_hint(&lanes_painter, lanes, map.strips, view.map.zoom < MAX_ZOOM);
    if let Some(delta) = view.map.drag {
        paint_moving(&lanes_painter, &c, view, delta);
    }
    canvas_gestures(ui, &c, view, &canvas);
    if let Some((from, to)) = view.map.band {
        let band = Rect::from_two_pos(screen.lanes_to_screen(from), screen.lanes_to_screen(to));
        lanes_painter.rect(
            band,
            0.0,
            SELECTION_FILL,
            Stroke::new(1.0, SELECTION),
            egui::StrokeKind::Inside,
        );
    }
    drop_from_tray(ui, &c, view, out, &painter);
}

fn is_highlighted(view: &ViewState, key: MarkerKey) -> bool {
    view.map.selection.contains(&key)
        || (view.map.selection.is_empty() && view.selected_excerpt == Some(key.1))
}
