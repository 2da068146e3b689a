//! The continuum panel: the axis from closeness to distance with its anchors, the active
//! annotator's placements as markers, and a tray of excerpts waiting to be placed.
//!
//! Markers of the current transcript carry a label; markers of other transcripts are dots, so the
//! whole project stays in view without crowding. Markers never overlap: `map::stack_rows` puts
//! them in rows above the axis.

use super::state::{Outbox, ViewState};
use crate::map::stack_rows;
use crate::model::{AnnotatorId, Edit, ExcerptId, Project, Timestamp};
use egui::{Align2, Color32, FontId, Rect, Sense, Stroke, pos2, vec2};

const SIDE_MARGIN: f32 = 90.0;
const ROW_HEIGHT: f32 = 26.0;
const MIN_ROW_HEIGHT: f32 = 17.0;
const CHIP_HEIGHT: f32 = 22.0;
const DOT_SIZE: f32 = 12.0;
const AXIS_AREA: f32 = 62.0;
const LABEL_CHARS: usize = 24;

pub fn colour_of(project: &Project, annotator: AnnotatorId) -> Color32 {
    project.annotator(annotator).map_or(Color32::GRAY, |a| {
        Color32::from_rgb(a.colour.r, a.colour.g, a.colour.b)
    })
}

/// A marker to draw: one placement, at its stored or live-dragged position.
struct Marker {
    excerpt: ExcerptId,
    position: f64,
    label: String,
    in_current_transcript: bool,
}

pub fn show(ui: &mut egui::Ui, project: &Project, view: &mut ViewState, out: &mut Outbox) {
    let Some(annotator) = view.active_annotator.and_then(|a| project.annotator(a)) else {
        ui.vertical_centered(|ui| {
            ui.add_space(30.0);
            ui.label("Add an annotator to start placing excerpts on the continuum.");
            if ui.button("Add annotator…").clicked() {
                out.command(super::Command::AddAnnotator);
            }
        });
        return;
    };
    let colour = colour_of(project, annotator.id);

    ui.horizontal(|ui| {
        ui.strong("Continuum");
        ui.label(
            egui::RichText::new(format!(
                "· {} placements by {}. Labelled markers belong to this transcript; dots to other transcripts.",
                annotator.placements.len(),
                annotator.name
            ))
            .weak(),
        );
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            let cases = project.cases.iter().map(|c| (Some(c.id), c.name.as_str()));
            let selected = view
                .map_case
                .and_then(|c| project.case(c))
                .map_or("all cases", |c| c.name.as_str());
            // Right to left: the widgets come before the captions that name them.
            let case_box = egui::ComboBox::from_id_salt("map-case")
                .selected_text(selected)
                .show_ui(ui, |ui| {
                    for (id, name) in std::iter::once((None, "all cases")).chain(cases) {
                        ui.selectable_value(&mut view.map_case, id, name);
                    }
                })
                .response
                .on_hover_text("Show only the placements of one case");
            case_box.labelled_by(ui.label("Case:").id);
            let filter = ui
                .add(
                    egui::TextEdit::singleline(&mut view.map_filter)
                        .hint_text("words in the quote…")
                        .desired_width(140.0),
                )
                .on_hover_text("Show only placements whose quote or label contains these words");
            filter.labelled_by(ui.label("Filter:").id);
        });
    });

    let markers: Vec<Marker> = annotator
        .placements
        .iter()
        .filter_map(|p| {
            let excerpt = project.excerpt(p.excerpt)?;
            if !passes_filters(project, excerpt, view) {
                return None;
            }
            let position = match view.marker_drag {
                Some((id, live)) if id == p.excerpt => live,
                _ => p.position,
            };
            Some(Marker {
                excerpt: p.excerpt,
                position,
                label: crate::model::short_label(&project.excerpt_label(excerpt), LABEL_CHARS),
                in_current_transcript: Some(excerpt.transcript) == view.transcript,
            })
        })
        .collect();

    // The tray sits in its own strip at the bottom; the canvas takes exactly the space left, so
    // the panel never grows by itself.
    egui::Panel::bottom("tray")
        .show_separator_line(true)
        .show(ui, |ui| {
            ui.add_space(4.0);
            tray(ui, project, view, annotator.id);
            ui.add_space(2.0);
        });
    let (rect, canvas) =
        ui.allocate_exact_size(ui.available_size().max(vec2(300.0, 120.0)), Sense::click());
    let width = rect.width();
    let axis_left = rect.left() + SIDE_MARGIN;
    let axis_right = rect.right() - SIDE_MARGIN;
    let axis_length = axis_right - axis_left;
    let to_x = |position: f64| axis_left + position as f32 * axis_length;
    let to_position = |x: f32| ((x - axis_left) / axis_length).clamp(0.0, 1.0) as f64;
    let axis_y = rect.bottom() - AXIS_AREA + 10.0;

    let font = FontId::proportional(12.5);
    let widths: Vec<(f32, f32)> = markers
        .iter()
        .map(|m| {
            let w = if m.in_current_transcript {
                ui.fonts_mut(|f| {
                    f.layout_no_wrap(m.label.clone(), font.clone(), Color32::BLACK)
                        .size()
                        .x
                }) + 16.0
            } else {
                DOT_SIZE
            };
            (to_x(m.position) - rect.left(), w)
        })
        .collect();
    let stacked = stack_rows(&widths, (4.0, width - 4.0), 4.0);
    let rows = stacked.iter().map(|s| s.row + 1).max().unwrap_or(1);
    // Rows shrink to fit the panel (down to a readable minimum); a taller panel spreads them out.
    let room = (axis_y - 14.0 - rect.top() - 4.0).max(0.0);
    let row_height = (room / rows as f32).clamp(MIN_ROW_HEIGHT, ROW_HEIGHT);
    let chip_height = (row_height - 4.0).min(CHIP_HEIGHT);

    let painter = ui.painter_at(rect);
    paint_axis(ui, &painter, project, axis_y, to_x);

    // Dropping an excerpt from the tray onto the canvas places it where it was dropped.
    // `hover_pos` is empty while another widget is dragged, so ask for the pointer directly.
    if let Some(pointer) = ui.ctx().pointer_latest_pos()
        && canvas.dnd_hover_payload::<ExcerptId>().is_some()
    {
        let position = to_position(pointer.x);
        paint_guide(
            ui,
            &painter,
            project,
            to_x(position),
            rect,
            axis_y,
            position,
        );
    }
    if let Some(excerpt) = canvas.dnd_release_payload::<ExcerptId>()
        && let Some(pointer) = ui.ctx().pointer_interact_pos()
    {
        out.edit(Edit::place(
            project,
            annotator.id,
            *excerpt,
            to_position(pointer.x),
            Timestamp::now(),
        ));
        if let Some(e) = project.excerpt(*excerpt) {
            view.select_excerpt(e.id, e.transcript, e.start);
        }
    }
    if canvas.clicked() {
        view.selected_excerpt = None;
    }

    // Stems and dots go underneath every labelled chip, whatever order the markers come in.
    let underneath = painter.add(egui::Shape::Noop);
    let mut under_shapes = Vec::new();
    for (marker, placed) in markers.iter().zip(&stacked) {
        let centre_x = to_x(marker.position);
        let selected = view.selected_excerpt == Some(marker.excerpt);
        let top = axis_y - 14.0 - (placed.row as f32 + 1.0) * row_height;
        let box_rect = if marker.in_current_transcript {
            Rect::from_min_max(
                pos2(rect.left() + placed.left, top),
                pos2(rect.left() + placed.right, top + chip_height),
            )
        } else {
            Rect::from_center_size(
                pos2(
                    rect.left() + (placed.left + placed.right) / 2.0,
                    top + chip_height / 2.0,
                ),
                vec2(DOT_SIZE, DOT_SIZE),
            )
        };
        // The stem joins the marker to its exact point on the axis.
        let stem_colour = if marker.in_current_transcript {
            colour.gamma_multiply(0.7)
        } else {
            colour.gamma_multiply(0.3)
        };
        under_shapes.push(egui::Shape::line_segment(
            [
                pos2(box_rect.center().x, box_rect.bottom()),
                pos2(centre_x, axis_y),
            ],
            Stroke::new(1.0, stem_colour),
        ));
        under_shapes.push(egui::Shape::circle_filled(
            pos2(centre_x, axis_y),
            3.0,
            stem_colour,
        ));

        let id = ui.scope_id().with(("marker", marker.excerpt));
        let response = ui.interact(box_rect, id, Sense::click_and_drag());
        let hot = selected || response.hovered() || response.dragged();
        if marker.in_current_transcript {
            let fill = if hot {
                colour
            } else {
                blend(colour, Color32::WHITE, 0.82)
            };
            let text = if hot {
                Color32::WHITE
            } else {
                Color32::from_gray(20)
            };
            painter.rect(
                box_rect,
                chip_height / 2.0,
                fill,
                Stroke::new(if selected { 2.0 } else { 1.0 }, colour),
                egui::StrokeKind::Inside,
            );
            painter.text(
                box_rect.center(),
                Align2::CENTER_CENTER,
                &marker.label,
                font.clone(),
                text,
            );
        } else {
            let fill = if hot {
                colour
            } else {
                colour.gamma_multiply(0.45)
            };
            under_shapes.push(egui::Shape::Circle(egui::epaint::CircleShape {
                center: box_rect.center(),
                radius: DOT_SIZE / 2.0,
                fill,
                stroke: Stroke::new(if selected { 2.0 } else { 0.0 }, colour),
            }));
        }
        marker_interaction(
            ui,
            project,
            view,
            out,
            annotator.id,
            marker,
            &response,
            axis_length,
        );
    }
    painter.set(underneath, egui::Shape::Vec(under_shapes));
}

/// Whether an excerpt passes the panel's case and text filters.
fn passes_filters(project: &Project, excerpt: &crate::model::Excerpt, view: &ViewState) -> bool {
    if let Some(case) = view.map_case {
        let in_case = project
            .transcript(excerpt.transcript)
            .and_then(|t| project.case_of_transcript(t))
            == Some(case);
        if !in_case {
            return false;
        }
    }
    let words = view.map_filter.trim().to_lowercase();
    words.is_empty()
        || project.quote(excerpt).to_lowercase().contains(&words)
        || excerpt.label.to_lowercase().contains(&words)
}

fn blend(a: Color32, b: Color32, t: f32) -> Color32 {
    let mix = |x: u8, y: u8| (x as f32 * (1.0 - t) + y as f32 * t).round() as u8;
    Color32::from_rgb(mix(a.r(), b.r()), mix(a.g(), b.g()), mix(a.b(), b.b()))
}

fn paint_axis(
    ui: &egui::Ui,
    painter: &egui::Painter,
    project: &Project,
    axis_y: f32,
    to_x: impl Fn(f64) -> f32,
) {
    let visuals = ui.visuals();
    let ink = visuals.strong_text_color();
    let (left, right) = (to_x(0.0), to_x(1.0));
    painter.line_segment(
        [pos2(left, axis_y), pos2(right, axis_y)],
        Stroke::new(2.0, ink),
    );
    painter.line_segment(
        [pos2(left, axis_y - 8.0), pos2(left, axis_y + 8.0)],
        Stroke::new(2.0, ink),
    );
    painter.line_segment(
        [pos2(right, axis_y - 8.0), pos2(right, axis_y + 8.0)],
        Stroke::new(2.0, ink),
    );
    let continuum = &project.continuum;
    let pole_font = FontId::proportional(12.0);
    painter.text(
        pos2(left, axis_y + 30.0),
        Align2::CENTER_TOP,
        &continuum.closeness_label,
        pole_font.clone(),
        visuals.weak_text_color(),
    );
    painter.text(
        pos2(right, axis_y + 30.0),
        Align2::CENTER_TOP,
        &continuum.distance_label,
        pole_font,
        visuals.weak_text_color(),
    );
    for anchor in &continuum.anchors {
        let x = to_x(anchor.position);
        painter.line_segment(
            [pos2(x, axis_y - 5.0), pos2(x, axis_y + 5.0)],
            Stroke::new(2.0, ink),
        );
        let label_rect = painter.text(
            pos2(x, axis_y + 9.0),
            Align2::CENTER_TOP,
            &anchor.name,
            FontId::proportional(14.0),
            ink,
        );
        if !anchor.description.is_empty() {
            let id = ui.scope_id().with(("anchor", &anchor.name));
            let response = ui.interact(label_rect.expand(2.0), id, Sense::hover());
            response.on_hover_text(&anchor.description);
        }
    }
}

/// A vertical line where a dragged excerpt would land, with the position it would get.
fn paint_guide(
    ui: &egui::Ui,
    painter: &egui::Painter,
    project: &Project,
    x: f32,
    rect: Rect,
    axis_y: f32,
    position: f64,
) {
    let colour = ui.visuals().selection.stroke.color;
    painter.line_segment(
        [pos2(x, rect.top() + 4.0), pos2(x, axis_y)],
        Stroke::new(1.5, colour),
    );
    let anchor = project
        .continuum
        .nearest_anchor(position)
        .map(|a| a.name.as_str())
        .unwrap_or("");
    painter.text(
        pos2(x + 6.0, rect.top() + 4.0),
        Align2::LEFT_TOP,
        format!("{position:.2} · near {anchor}"),
        FontId::proportional(12.0),
        colour,
    );
}

#[allow(clippy::too_many_arguments)]
fn marker_interaction(
    ui: &egui::Ui,
    project: &Project,
    view: &mut ViewState,
    out: &mut Outbox,
    annotator: AnnotatorId,
    marker: &Marker,
    response: &egui::Response,
    axis_length: f32,
) {
    let Some(excerpt) = project.excerpt(marker.excerpt) else {
        return;
    };
    response.widget_info(|| {
        egui::WidgetInfo::labeled(
            egui::Role::Button,
            true,
            format!("Marker: {}", project.excerpt_label(excerpt)),
        )
    });
    if response.drag_started() {
        view.marker_drag = Some((marker.excerpt, marker.position));
    }
    if response.dragged()
        && let Some((id, position)) = &mut view.marker_drag
        && *id == marker.excerpt
    {
        *position = (*position + (response.drag_delta().x / axis_length) as f64).clamp(0.0, 1.0);
        ui.ctx().set_cursor_icon(egui::CursorIcon::Grabbing);
    }
    if response.drag_stopped()
        && let Some((id, position)) = view.marker_drag.take()
        && id == marker.excerpt
    {
        out.edit(Edit::place(
            project,
            annotator,
            id,
            position,
            Timestamp::now(),
        ));
        view.select_excerpt(id, excerpt.transcript, excerpt.start);
    }
    if response.clicked() {
        view.select_excerpt(excerpt.id, excerpt.transcript, excerpt.start);
    }
    if response.hovered() && view.marker_drag.is_none() {
        ui.ctx().set_cursor_icon(egui::CursorIcon::Grab);
    }
    response.clone().on_hover_ui(|ui| {
        ui.set_max_width(420.0);
        let transcript = project
            .transcript(excerpt.transcript)
            .map_or("", |t| t.name.as_str());
        ui.label(egui::RichText::new(transcript).weak());
        ui.label(egui::RichText::new(format!("“{}”", project.quote(excerpt))).italics());
        let anchor = project
            .continuum
            .nearest_anchor(marker.position)
            .map_or("", |a| a.name.as_str());
        ui.label(format!(
            "Position {:.2}, nearest anchor: {anchor}",
            marker.position
        ));
        if let Some(p) = project.placement(annotator, excerpt.id)
            && !p.memo.trim().is_empty()
        {
            ui.separator();
            ui.label(&p.memo);
        }
    });
}

/// Excerpts of the current transcript that the active annotator has not placed yet, as chips to
/// drag onto the axis.
fn tray(ui: &mut egui::Ui, project: &Project, view: &mut ViewState, annotator: AnnotatorId) {
    let Some(transcript) = view.transcript else {
        return;
    };
    let unplaced: Vec<_> = project
        .excerpts_of(transcript)
        .into_iter()
        .filter(|e| project.placement(annotator, e.id).is_none())
        .collect();
    ui.horizontal_wrapped(|ui| {
        if unplaced.is_empty() {
            ui.label(
                egui::RichText::new(
                    "Every excerpt of this transcript is placed. Select text and press New excerpt (Ctrl+E) to add one.",
                )
                .weak(),
            );
            return;
        }
        ui.label(egui::RichText::new("Drag onto the continuum:").weak());
        for excerpt in unplaced {
            let label = crate::model::short_label(&project.excerpt_label(excerpt), LABEL_CHARS);
            let selected = view.selected_excerpt == Some(excerpt.id);
            let response = tray_chip(ui, &label, selected, egui::Id::unique(("tray", excerpt.id)));
            if response.dragged() {
                egui::DragAndDrop::set_payload(ui.ctx(), excerpt.id);
            }
            response.widget_info(|| {
                egui::WidgetInfo::labeled(egui::Role::Button, true, format!("Unplaced: {}", project.excerpt_label(excerpt)))
            });
            let response = response.on_hover_text(format!("“{}” — drag it onto the axis", project.quote(excerpt)));
            if response.clicked() {
                view.select_excerpt(excerpt.id, excerpt.transcript, excerpt.start);
            }
        }
    });
}

/// A rounded chip that can be clicked or dragged; while dragged, a copy follows the pointer.
fn tray_chip(ui: &mut egui::Ui, text: &str, selected: bool, id: egui::Id) -> egui::Response {
    let font = FontId::proportional(13.0);
    let galley = ui
        .painter()
        .layout_no_wrap(text.to_owned(), font, ui.visuals().text_color());
    let size = galley.size() + vec2(18.0, 8.0);
    let (rect, _) = ui.allocate_exact_size(size, Sense::hover());
    let response = ui
        .interact(rect, id, Sense::click_and_drag())
        .on_hover_cursor(egui::CursorIcon::Grab);
    let visuals = ui.visuals();
    let fill = if selected {
        visuals.selection.bg_fill
    } else {
        visuals.faint_bg_color
    };
    let stroke = if response.hovered() {
        visuals.widgets.hovered.bg_stroke
    } else {
        visuals.widgets.inactive.bg_stroke
    };
    let paint = |painter: &egui::Painter, rect: Rect| {
        painter.rect(rect, 11.0, fill, stroke, egui::StrokeKind::Inside);
        painter.galley(
            rect.min + vec2(9.0, 4.0),
            galley.clone(),
            visuals.text_color(),
        );
    };
    paint(ui.painter(), rect);
    if response.dragged()
        && let Some(pointer) = ui.ctx().pointer_interact_pos()
    {
        let layer = egui::LayerId::new(egui::Order::Tooltip, id);
        let ghost = Rect::from_center_size(pointer, rect.size());
        paint(&ui.ctx().layer_painter(layer), ghost);
        ui.ctx().set_cursor_icon(egui::CursorIcon::Grabbing);
    }
    response
}
