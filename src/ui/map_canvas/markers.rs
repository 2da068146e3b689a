//! The markers as widgets: hover shows the quote and memo, click selects, Shift-click adds or
//! removes, and the active annotator's markers are dragged along the axis, shown where they would
//! land while dragged and moved as one undo step when dropped.

use super::paint::guide;
use super::spoken;
use super::{Canvas, SELECTION};
use crate::map::PlacedMarker;
use crate::model::{AnnotatorId, Edit, ExcerptId, Project, Timestamp};
use crate::ui::map_view::MarkerKey;
use crate::ui::outbox::Outbox;
use crate::ui::view_state::ViewState;
use crate::ui::widgets::colour32;
use egui::{Sense, Stroke, pos2};
use std::cmp::Ordering;

/// One interactive widget per visible marker: hover shows the quote and memo, click selects,
/// Shift-click adds or removes, and the active annotator's markers can be dragged. Returns the
/// hovered marker.
pub(super) fn marker_widgets(
    ui: &egui::Ui,
    c: &Canvas,
    view: &mut ViewState,
    out: &mut Outbox,
) -> Option<MarkerKey> {
    let (project, active, map, screen) = (c.project, c.active, c.map, &c.screen);
    let mut hovered = None;
    let axis_length = (map.axis_right - map.axis_left) * screen.scale;
    let shift = ui.input(|i| i.modifiers.shift);
    let mut visible: Vec<(&PlacedMarker, egui::Rect, usize)> = map
        .markers
        .iter()
        .filter_map(|m| {
            let hit = screen.marker_rect(m).intersect(screen.lanes);
            hit.is_positive().then(|| (m, hit, spoken::lane_of(c, m)))
        })
        .collect();
    // Tab and screen readers meet the markers as they are read: lane by lane, left to right.
    visible.sort_by(|a, b| {
        (a.2, a.0.dot_x)
            .partial_cmp(&(b.2, b.0.dot_x))
            .unwrap_or(Ordering::Equal)
    });
    let shown = visible.len();
    for (marker, hit, _) in visible {
        let Some(excerpt) = project.excerpt(marker.excerpt) else {
            continue;
        };
        let key = (marker.annotator, marker.excerpt);
        let own = marker.annotator == active;
        let id = ui
            .scope_id()
            .with(("map-marker", marker.annotator, marker.excerpt));
        let sense = if own {
            Sense::click_and_drag()
        } else {
            Sense::click()
        };
        let response = ui.interact(hit, id, sense);
        let annotator_name = project
            .annotator(marker.annotator)
            .map_or("", |a| a.name.as_str());
        response.widget_info(|| {
            let label = project.excerpt_label(excerpt);
            let name = if own {
                format!("Marker: {label}")
            } else {
                format!("{annotator_name}'s marker: {label}")
            };
            egui::WidgetInfo::selected(
                egui::Role::Button,
                true,
                view.map.selection.contains(&key),
                name,
            )
        });
        ui.ctx().accesskit_node_builder(response.id, |node| {
            node.set_description(spoken::marker_description(c, marker));
        });
        // Reached by Tab (not by the pointer), a marker is selected as if clicked, so the arrow
        // keys move it and Delete takes it off; egui's arrow-key focus moves are held back.
        // (Sent here by Escape or F6 from the text, it is selected the same way.)
        let sent_here = own && view.map.focus_marker == Some(marker.excerpt);
        if sent_here
            || response.gained_focus()
                && !ui.input(|i| i.pointer.any_down() || i.pointer.any_released())
        {
            // Already the selected excerpt (Escape out of the text brought the keyboard here):
            // the caret stays where the reading was. Of another interview, it is selected but
            // that interview is not opened: Tab through the map opened one after another.
            // Enter (a click) opens it.
            if view.selected_excerpt != Some(excerpt.id) {
                if view.transcript == Some(excerpt.transcript) {
                    view.select_excerpt(excerpt.id, excerpt.transcript, excerpt.start);
                } else {
                    view.selected_excerpt = Some(excerpt.id);
                }
            }
            view.map.selection.clear();
            view.map.selection.insert(key);
        }
        if sent_here {
            response.request_focus();
        }
        if response.has_focus() {
            let keep_arrows = egui::EventFilter {
                horizontal_arrows: true,
                ..Default::default()
            };
            ui.memory_mut(|m| m.set_focus_lock_filter(response.id, keep_arrows));
        }
        if response.hovered() {
            hovered = Some(key);
        }
        if response.clicked() {
            if shift {
                if !view.map.selection.remove(&key) {
                    view.map.selection.insert(key);
                    view.selected_excerpt = Some(marker.excerpt);
                }
            } else {
                view.select_excerpt(excerpt.id, excerpt.transcript, excerpt.start);
                view.map.selection.insert(key);
            }
        }
        if own {
            if response.drag_started() {
                if !view.map.selection.contains(&key) {
                    if !shift {
                        view.map.selection.clear();
                    }
                    view.map.selection.insert(key);
                }
                view.map.drag = Some(0.0);
            }
            if response.dragged()
                && let Some(delta) = &mut view.map.drag
            {
                *delta += (response.drag_delta().x / axis_length) as f64;
                ui.ctx().set_cursor_icon(egui::CursorIcon::Grabbing);
            }
            if response.drag_stopped()
                && let Some(delta) = view.map.drag.take()
            {
                finish_move(project, view, out, active, delta, marker.excerpt);
            }
            if response.hovered() && view.map.drag.is_none() {
                ui.ctx().set_cursor_icon(egui::CursorIcon::Grab);
            }
        }
        if view.map.drag.is_none() {
            response.on_hover_ui(|ui| {
                marker_tooltip(ui, project, marker, excerpt, own, annotator_name)
            });
        }
    }
    ui.ctx().accesskit_node_builder(c.canvas, |node| {
        node.set_description(spoken::map_description(c, view, shown));
    });
    // Asked for once: a marker not drawn (unplaced, filtered out, scrolled away) is not waited for.
    view.map.focus_marker = None;
    hovered
}

/// Commits a drag: every selected placement of the active annotator moves by `delta`, as one step.
fn finish_move(
    project: &Project,
    view: &mut ViewState,
    out: &mut Outbox,
    active: AnnotatorId,
    delta: f64,
    grabbed: ExcerptId,
) {
    if delta == 0.0 {
        return;
    }
    let moving = view.map.movable(project, active);
    let single = moving.len() == 1;
    out.placements_step(
        "move",
        Edit::move_by(project, active, moving, delta, Timestamp::now()),
    );
    // A single marker moved is selected like a clicked one, its excerpt shown in the transcript.
    if single && let Some(e) = project.excerpt(grabbed) {
        let keep = view.map.selection.clone();
        view.select_excerpt(e.id, e.transcript, e.start);
        view.map.selection = keep;
    }
}

fn marker_tooltip(
    ui: &mut egui::Ui,
    project: &Project,
    marker: &PlacedMarker,
    excerpt: &crate::model::Excerpt,
    own: bool,
    annotator: &str,
) {
    ui.set_max_width(420.0);
    let transcript = project
        .transcript(excerpt.transcript)
        .map_or("", |t| t.name.as_str());
    ui.label(egui::RichText::new(format!("{transcript} · placed by {annotator}")).weak());
    ui.label(egui::RichText::new(format!("“{}”", project.quote(excerpt))).italics());
    let anchor = project
        .continuum
        .nearest_anchor(marker.position)
        .map_or("", |a| a.name.as_str());
    ui.label(format!(
        "Position {:.2}, nearest anchor: {anchor}",
        marker.position
    ));
    if !excerpt.codes.is_empty() {
        ui.label(format!("Codes: {}", excerpt.codes.join(", ")));
    }
    if let Some(p) = project.placement(marker.annotator, excerpt.id)
        && !p.memo.trim().is_empty()
    {
        ui.separator();
        ui.label(&p.memo);
    }
    if !own {
        ui.label(
            egui::RichText::new(format!("Choose {annotator} as the annotator to move it.")).weak(),
        );
    }
}

/// While markers are dragged: each selected marker of the active annotator appears where it
/// would land, joined to where it is, with the grabbed one's new position spelled out.
pub(super) fn paint_moving(painter: &egui::Painter, c: &Canvas, view: &ViewState, delta: f64) {
    let (project, active, map, screen) = (c.project, c.active, c.map, &c.screen);
    let moving = view.map.movable(project, active);
    for marker in map
        .markers
        .iter()
        .filter(|m| m.annotator == active && moving.contains(&m.excerpt))
    {
        let to = (marker.position + delta).clamp(0.0, 1.0);
        let from = screen.lanes_to_screen(pos2(map.x_of(marker.position), marker.dot_y));
        let at = screen.lanes_to_screen(pos2(map.x_of(to), marker.dot_y));
        painter.line_segment([from, at], Stroke::new(1.0, SELECTION));
        painter.circle(
            at,
            marker.radius * screen.scale * 1.3,
            colour32(marker.colour),
            Stroke::new(2.0, SELECTION),
        );
    }
    if let Some(first) = map
        .markers
        .iter()
        .find(|m| m.annotator == active && moving.contains(&m.excerpt))
    {
        let to = (first.position + delta).clamp(0.0, 1.0);
        let x = screen.lanes_to_screen(pos2(map.x_of(to), 0.0)).x;
        guide(painter, project, x, screen.lanes, to);
    }
}
