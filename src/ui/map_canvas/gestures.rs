//! The canvas's empty space and drops on it: a click clears the selection, a drag scrolls, a
//! Shift-drag draws a rubber band; an excerpt dragged from the tray is placed where it is dropped.

use super::Canvas;
use super::paint::guide;
use crate::model::{Edit, ExcerptId, Timestamp};
use crate::ui::outbox::Outbox;
use crate::ui::view_state::ViewState;
use egui::{Rect, pos2};

/// Empty space: a click clears the selection, a drag scrolls, a Shift-drag draws a rubber band
/// that adds every marker it touches to the selection.
pub(super) fn canvas_gestures(
    ui: &egui::Ui,
    c: &Canvas,
    view: &mut ViewState,
    canvas: &egui::Response,
) {
    let (project, map, screen) = (c.project, c.map, &c.screen);
    let shift = ui.input(|i| i.modifiers.shift);
    if canvas.drag_started() && shift {
        let origin = ui
            .input(|i| i.pointer.press_origin())
            .unwrap_or(canvas.rect.min);
        let at = screen.to_map(origin);
        view.map.band = Some((at, at));
    }
    if canvas.dragged() {
        match &mut view.map.band {
            Some((_, to)) => {
                if let Some(pointer) = canvas.interact_pointer_pos() {
                    *to = screen.to_map(pointer);
                }
            }
            None => {
                view.map.scroll -= canvas.drag_delta() / screen.scale;
                ui.ctx().set_cursor_icon(egui::CursorIcon::Grabbing);
            }
        }
    }
    if canvas.drag_stopped()
        && let Some((from, to)) = view.map.band.take()
    {
        let band = Rect::from_two_pos(from, to);
        for m in &map.markers {
            let r = Rect::from_min_max(pos2(m.left, m.top), pos2(m.right, m.bottom));
            if band.intersects(r) {
                view.map.selection.insert((m.annotator, m.excerpt));
            }
        }
        if let Some(&(_, first)) = view.map.selection.iter().next()
            && project.excerpt(first).is_some()
        {
            view.selected_excerpt = Some(first);
        }
    }
    if canvas.clicked() && !shift {
        view.map.selection.clear();
        view.selected_excerpt = None;
    }
}

/// An excerpt dragged from the tray shows where it would land, and is placed where it is dropped.
pub(super) fn drop_from_tray(
    ui: &egui::Ui,
    c: &Canvas,
    view: &mut ViewState,
    out: &mut Outbox,
    painter: &egui::Painter,
) {
    let (project, active, map, screen) = (c.project, c.active, c.map, &c.screen);
    let rect = painter.clip_rect();
    if !egui::DragAndDrop::has_payload_of_type::<ExcerptId>(ui.ctx()) {
        return;
    }
    // `hover_pos` is empty while another widget is dragged, so ask for the pointer directly.
    let Some(pointer) = ui.ctx().pointer_latest_pos().filter(|p| rect.contains(*p)) else {
        return;
    };
    let position = map.position_at(screen.to_map(pointer).x);
    guide(
        painter,
        project,
        pointer.x.clamp(
            screen.lanes_to_screen(pos2(map.axis_left, 0.0)).x,
            screen.lanes_to_screen(pos2(map.axis_right, 0.0)).x,
        ),
        screen.lanes,
        position,
    );
    if ui.input(|i| i.pointer.any_released())
        && let Some(excerpt) = egui::DragAndDrop::take_payload::<ExcerptId>(ui.ctx())
    {
        out.edit(Edit::place(
            project,
            active,
            *excerpt,
            position,
            Timestamp::now(),
        ));
        if let Some(e) = project.excerpt(*excerpt) {
            view.select_excerpt(e.id, e.transcript, e.start);
        }
    }
}
