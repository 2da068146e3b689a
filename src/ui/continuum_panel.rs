//! The continuum panel: the map's controls (lanes, whose markers, display, zoom, filters), the
//! canvas (`map_canvas`), and a tray of excerpts of the open transcript waiting to be placed.

use super::filter_choices::{filter_combo, keep_if_offered};
use super::map_canvas;
use super::map_view::ScreenLabels;
use super::outbox::Outbox;
use super::view_state::ViewState;
use crate::map::{ColourBy, GroupBy};
use crate::model::{AnnotatorId, Project};
use egui::{FontId, Rect, Sense, vec2};

const LABEL_CHARS: usize = 24;

/// The most the tray of unplaced excerpts may take before it scrolls: two rows of chips, so a
/// long tray never squeezes the map (it once left the map 40 px).
const TRAY_MAX_HEIGHT: f32 = 58.0;

/// Shows the panel; returns the height the map itself got, if it was shown.
pub fn show(
    ui: &mut egui::Ui,
    project: &Project,
    view: &mut ViewState,
    out: &mut Outbox,
) -> Option<f32> {
    splitter_grip(ui);
    let Some(annotator) = view.active_annotator.and_then(|a| project.annotator(a)) else {
        ui.vertical_centered(|ui| {
            ui.add_space(30.0);
            ui.label("Add an annotator to start placing excerpts on the continuum.");
            if ui.button("Add annotator…").clicked() {
                out.command(super::Command::AddAnnotator);
            }
        });
        // Keep the panel's height: egui remembers a resizable panel at the height its content
        // took, so a short message here once shrank the map to its minimum for good.
        ui.allocate_space(ui.available_size());
        return None;
    };
    view_controls(ui, project, view, annotator.id);
    filter_controls(ui, project, view);

    // The tray sits in its own strip at the bottom; the canvas takes exactly the space left, so
    // the panel never grows by itself.
    egui::Panel::bottom("tray")
        .show_separator_line(true)
        .show(ui, |ui| {
            ui.add_space(4.0);
            // A vertical scroll area lets its content be as wide as it likes: held to the panel's
            // width, the tray wraps instead of pushing the panel under the inspector.
            let width = ui.available_width();
            egui::ScrollArea::vertical()
                .id_salt("tray-scroll")
                .max_height(TRAY_MAX_HEIGHT)
                .auto_shrink([false, true])
                .show(ui, |ui| {
                    ui.set_max_width(width);
                    tray(ui, project, view, annotator.id)
                });
            ui.add_space(2.0);
        });
    Some(map_canvas::show(ui, project, view, out, annotator.id))
}

/// Width of the filter combo boxes, and of one caption with its combo box.
const FILTER_COMBO_WIDTH: f32 = 110.0;
const FILTER_PAIR_WIDTH: f32 = FILTER_COMBO_WIDTH + 60.0;

/// In a wrapping row, starts a new row unless `width` more fits on this one. A combo box is laid
/// out as a group whose width the row cannot know in advance, so it overflowed the panel (and ran
/// under the inspector) instead of wrapping; and a caption stays with its box.
fn keep_together(ui: &mut egui::Ui, width: f32) {
    // In a wrapping row, `available_width` is the whole row's; what is left is up to the cursor.
    if ui.max_rect().right() - ui.cursor().left() < width {
        ui.end_row();
    }
}

/// A grip in the middle of the panel's top edge, so the splitter above the map looks like
/// something to drag (egui's panel edge alone is a hairline).
fn splitter_grip(ui: &egui::Ui) {
    let top = ui.max_rect().top() - 3.0;
    let centre = ui.max_rect().center().x;
    let colour = ui
        .visuals()
        .widgets
        .inactive
        .fg_stroke
        .color
        .gamma_multiply(0.6);
    for dy in [0.0, 3.0] {
        ui.painter().hline(
            (centre - 14.0)..=(centre + 14.0),
            top + dy,
            egui::Stroke::new(1.0, colour),
        );
    }
}

/// Lanes, whose markers, labels, colours, zones and zoom.
fn view_controls(ui: &mut egui::Ui, project: &Project, view: &mut ViewState, active: AnnotatorId) {
    let map = &mut view.map;
    ui.horizontal_wrapped(|ui| {
        ui.strong("Continuum");
        super::widgets::captioned_combo(
            ui,
            "Lanes by",
            "map-lanes",
            &mut map.group_by,
            |g| g.name().to_owned(),
            |ui, value| {
                for g in GroupBy::ALL {
                    super::widgets::choose(ui, value, g, g.name());
                }
            },
        )
        .on_hover_text("What each horizontal lane of the map gathers");

        let shown = map.shown_annotators(project, Some(active));
        let whose = if shown.len() == 1 {
            project
                .annotator(shown[0])
                .map_or("one annotator".to_owned(), |a| a.name.clone())
        } else {
            crate::model::plural(shown.len(), "annotator")
        };
        let blind = project.blind.is_some();
        ui.add_enabled_ui(!blind, |ui| {
            ui.menu_button(format!("Markers of {whose}"), |ui| {
                let active_name = project.annotator(active).map_or("", |a| a.name.as_str());
                ui.radio_value(
                    &mut map.all_annotators,
                    false,
                    format!("Only {active_name} (the active annotator)"),
                );
                ui.radio_value(&mut map.all_annotators, true, "Several annotators:");
                ui.add_enabled_ui(map.all_annotators, |ui| {
                    for a in &project.annotators {
                        let mut on = !map.hidden_annotators.contains(&a.id);
                        if ui.checkbox(&mut on, &a.name).changed() {
                            if on {
                                map.hidden_annotators.remove(&a.id);
                            } else {
                                map.hidden_annotators.insert(a.id);
                            }
                        }
                    }
                });
            })
            .response
            .on_hover_text(
                "Whose placements the map shows; only the active annotator's can be moved",
            )
            .on_disabled_hover_text("While coding blind, only your own placements are shown");
        });

        ui.menu_button("Display", |ui| {
            ui.label("Labels on");
            for l in ScreenLabels::ALL {
                ui.radio_value(&mut map.labels, l, l.name());
            }
            ui.separator();
            ui.label("Colours by");
            ui.radio_value(&mut map.colour_by, ColourBy::Annotator, "annotator");
            ui.radio_value(&mut map.colour_by, ColourBy::Case, "case");
            ui.separator();
            ui.checkbox(&mut map.zones, "Anchors as shaded zones");
            ui.checkbox(&mut map.connectors, "Join each excerpt's markers")
                .on_hover_text("A thin line between the annotators' markers of one excerpt shows how far apart they put it");
        })
        .response
        .on_hover_text("Labels, colours, anchor zones and lines between annotators");

        // Inline rather than right-aligned, so the row wraps in a narrow window.
        ui.separator();
        if ui
            .button("Fit")
            .on_hover_text("Show the whole map")
            .clicked()
        {
            map.fit_requested = true;
        }
        if ui
            .button("−")
            .on_hover_text("Zoom out (or Ctrl + mouse wheel)")
            .clicked()
        {
            map.zoom_by = Some(1.0 / 1.25);
            // The canvas zooms later in this frame: one more shows the new percentage.
            ui.ctx().request_repaint();
        }
        ui.label(format!("{:.0}%", map.zoom * 100.0));
        if ui
            .button("+")
            .on_hover_text("Zoom in (or Ctrl + mouse wheel)")
            .clicked()
        {
            map.zoom_by = Some(1.25);
            ui.ctx().request_repaint();
        }
    });
}

/// Words in the quote, case, role and code.
fn filter_controls(ui: &mut egui::Ui, project: &Project, view: &mut ViewState) {
    let revision = view.project_revision;
    let crate::ui::map_view::MapView {
        filter, choices, ..
    } = &mut view.map;
    ui.horizontal_wrapped(|ui| {
        let caption = ui.label("Filter:");
        ui.add(
            egui::TextEdit::singleline(&mut filter.text)
                .hint_text("words in the quote…")
                .desired_width(140.0),
        )
        .on_hover_text("Show only placements whose quote or label contains these words")
        .labelled_by(caption.id);

        let (choices, fresh) = choices.at(project, revision);
        if fresh {
            // A filter naming what the project no longer has (after an edit, Replace text or
            // Merge) would hide every marker without saying why.
            keep_if_offered(&mut filter.case, &choices.cases);
            keep_if_offered(&mut filter.role, &choices.roles);
            keep_if_offered(&mut filter.code, &choices.codes);
        }
        let width = Some(FILTER_COMBO_WIDTH);
        keep_together(ui, FILTER_PAIR_WIDTH);
        filter_combo(
            ui,
            "Case:",
            "map-case",
            width,
            &mut filter.case,
            &choices.cases,
        )
        .on_hover_text("Show only the placements of one case");
        keep_together(ui, FILTER_PAIR_WIDTH);
        filter_combo(
            ui,
            "Role:",
            "map-role",
            width,
            &mut filter.role,
            &choices.roles,
        )
        .on_hover_text("Show only the placements of excerpts from participants with one role");
        keep_together(ui, FILTER_PAIR_WIDTH);
        let codes = &choices.codes;
        ui.add_enabled_ui(!codes.is_empty() || filter.code.is_some(), |ui| {
            filter_combo(ui, "Code:", "map-code", width, &mut filter.code, codes)
                .on_hover_text("Show only the placements of excerpts with one code")
                .on_disabled_hover_text("No excerpt has a code yet; add codes in the inspector");
        });
        if !filter.is_empty() && ui.button("Clear filters").clicked() {
            *filter = Default::default();
        }
    });
}

/// Excerpts of the current transcript that the active annotator has not placed yet, as chips to
/// drag onto the map.
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
            let message = if project.excerpts_of(transcript).is_empty() {
                "No excerpts of this transcript yet. Select text and press New excerpt (Ctrl+E) to make one."
            } else {
                "Every excerpt of this transcript is placed. Select text and press New excerpt (Ctrl+E) to add one."
            };
            ui.label(egui::RichText::new(message).weak());
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
            let response = response.on_hover_text(format!("“{}” — drag it onto the map", project.quote(excerpt)));
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
    let stroke = if response.has_focus() {
        // Tabbed to: Enter or Space selects it, then 1–4 place it at an anchor.
        visuals.selection.stroke
    } else if response.hovered() {
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
