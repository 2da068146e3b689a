//! The "Export map…" dialog: choose grouping, annotators, labels, title, width and resolution,
//! then where to save (.svg or .png). The figure is the print-style map from `crate::map`.

use super::dialog::{Dialog, DialogContext};
use crate::map::{ColourBy, GroupBy, Labels, MapSettings, check_png_budget, layout};
use crate::model::{FigureSettings, Project};

pub struct ExportMapDialog {
    pub settings: MapSettings,
    /// Which annotators are ticked, by index into the project's annotators.
    ticked: Vec<bool>,
    pub scale: f32,
    pub png: bool,
    /// The size line under the settings, with the settings it was laid out for: the project
    /// cannot change while this modal dialog is open, so only a change of settings lays out again.
    summary: Option<(SummaryKey, String)>,
}

/// The settings of the last export of this project in this window, so the next export starts
/// from them rather than from scratch (annotators, lines, title, format, resolution).
#[derive(Clone, Debug, PartialEq)]
pub struct ExportMemory {
    /// With the annotators that were ticked.
    pub settings: MapSettings,
    pub scale: f32,
    pub png: bool,
}

impl ExportMemory {
    /// As saved in the project's view settings.
    pub fn to_figure(&self) -> FigureSettings {
        let m = &self.settings;
        FigureSettings {
            lanes: m.group_by.name().to_owned(),
            annotators: m.annotators.clone(),
            colours: match m.colour_by {
                ColourBy::Annotator => "annotator",
                ColourBy::Case => "case",
            }
            .to_owned(),
            case: m.filter.case,
            role: m.filter.role.clone(),
            code: m.filter.code.clone(),
            words: m.filter.text.clone(),
            labels: m.labels != Labels::None,
            zones: m.zones,
            connectors: m.connectors,
            title: m.title.clone(),
            width: m.width,
            scale: self.scale,
            png: self.png,
        }
    }

    /// From the project's view settings; what no longer fits the project (an annotator or case
    /// since removed, a value out of range) falls back to the default.
    pub fn from_figure(figure: &FigureSettings, project: &Project) -> Self {
        let defaults = MapSettings::default();
        let annotators = figure.annotators.as_ref().map(|ids| {
            ids.iter()
                .copied()
                .filter(|id| project.annotator(*id).is_some())
                .collect()
        });
        let width = if (100.0..=5000.0).contains(&figure.width) {
            figure.width
        } else {
            defaults.width
        };
        Self {
            settings: MapSettings {
                group_by: GroupBy::parse(&figure.lanes).unwrap_or(defaults.group_by),
                annotators,
                filter: crate::map::MapFilter {
                    case: figure.case.filter(|c| project.case(*c).is_some()),
                    role: figure.role.clone(),
                    code: figure.code.clone(),
                    text: figure.words.clone(),
                },
                labels: if figure.labels {
                    Labels::All
                } else {
                    Labels::None
                },
                zones: figure.zones,
                colour_by: if figure.colours == "case" {
                    ColourBy::Case
                } else {
                    ColourBy::Annotator
                },
                connectors: figure.connectors,
                title: figure.title.clone(),
                width,
                detail: 1.0,
            },
            scale: figure.scale.clamp(1.0, 4.0),
            png: figure.png,
        }
    }
}

/// What the size line depends on: the settings, and for a PNG its resolution.
type SummaryKey = (MapSettings, Option<u32>);

/// What the user chose this frame.
enum ExportChoice {
    Open,
    Cancel,
    /// Ask where to save, then write with these settings.
    Export,
}

impl ExportMapDialog {
    /// Starts from the last export's settings, if this project was exported in this window.
    pub fn remembering(project: &Project, memory: &ExportMemory) -> Self {
        let ticked = project
            .annotators
            .iter()
            .map(|a| {
                memory
                    .settings
                    .annotators
                    .as_ref()
                    .is_none_or(|ids| ids.contains(&a.id))
            })
            .collect();
        Self {
            settings: memory.settings.clone(),
            ticked,
            scale: memory.scale,
            png: memory.png,
            summary: None,
        }
    }

    /// What to remember of this dialog for the next export.
    pub fn memory(&self, project: &Project) -> ExportMemory {
        ExportMemory {
            settings: self.settings_for(project),
            scale: self.scale,
            png: self.png,
        }
    }

    /// Starts from what the canvas shows (`on_screen`): its lanes, annotators, filters, zones
    /// and colours, with every label and the project's title, so the figure matches the screen.
    pub fn new(project: &Project, on_screen: &MapSettings) -> Self {
        let ticked = project
            .annotators
            .iter()
            .map(|a| {
                on_screen
                    .annotators
                    .as_ref()
                    .is_none_or(|ids| ids.contains(&a.id))
            })
            .collect();
        Self {
            settings: MapSettings {
                title: Some(project.title.trim().to_owned()).filter(|t| !t.is_empty()),
                labels: Labels::All,
                width: MapSettings::default().width,
                // A figure shows what fits at its size, whatever the zoom on screen.
                detail: 1.0,
                ..on_screen.clone()
            },
            ticked,
            scale: 4.0,
            png: false,
            summary: None,
        }
    }

    /// The settings with the ticked annotators.
    pub fn settings_for(&self, project: &Project) -> MapSettings {
        // While coding blind a figure shows the blind coder's own markers, whatever was ticked
        // (or remembered from an export before blind coding began).
        let chosen: Vec<_> = match project.blind {
            Some(blind) => vec![blind],
            None => project
                .annotators
                .iter()
                .zip(&self.ticked)
                .filter(|(_, on)| **on)
                .map(|(a, _)| a.id)
                .collect(),
        };
        MapSettings {
            annotators: Some(chosen),
            ..self.settings.clone()
        }
    }

    fn draw(&mut self, ctx: &egui::Context, project: &Project) -> ExportChoice {
        let mut choice = ExportChoice::Open;
        self.ticked.resize(project.annotators.len(), true);
        super::dialog::steady_modal(ctx, egui::Id::unique("export-map")).show(ctx, |ui| {
            ui.set_width(460.0);
            ui.heading("Export map");
            egui::Grid::new("export-grid")
                .num_columns(2)
                .spacing([10.0, 6.0])
                .show(ui, |ui| {
                    crate::ui::widgets::captioned_combo(
                        ui,
                        "Lanes by:",
                        "export-group",
                        &mut self.settings.group_by,
                        |g| g.name().to_owned(),
                        |ui, value| {
                            for g in GroupBy::ALL {
                                crate::ui::widgets::choose(ui, value, g, g.name());
                            }
                        },
                    );
                    ui.end_row();
                    ui.label("Annotators:");
                    ui.vertical(
                        |ui| match project.blind.and_then(|id| project.annotator(id)) {
                            Some(blind) => {
                                ui.label(format!("{} only (coding blind)", blind.name));
                            }
                            None => {
                                for (annotator, on) in
                                    project.annotators.iter().zip(&mut self.ticked)
                                {
                                    ui.checkbox(on, &annotator.name);
                                }
                            }
                        },
                    );
                    ui.end_row();
                    // A caption of their own, so these read as the figure's options, not as more
                    // annotators in the list above.
                    ui.label("Show:");
                    let mut labels = self.settings.labels != Labels::None;
                    ui.checkbox(&mut labels, "Excerpt labels next to the markers");
                    self.settings.labels = if labels { Labels::All } else { Labels::None };
                    ui.end_row();
                    ui.label("");
                    ui.checkbox(&mut self.settings.zones, "Anchors as shaded zones");
                    ui.end_row();
                    ui.label("");
                    ui.checkbox(
                        &mut self.settings.connectors,
                        "Lines joining each excerpt's markers",
                    );
                    ui.end_row();
                    let caption = ui.label("Colours:");
                    ui.horizontal(|ui| {
                        ui.radio_value(
                            &mut self.settings.colour_by,
                            ColourBy::Annotator,
                            "by annotator",
                        );
                        ui.radio_value(&mut self.settings.colour_by, ColourBy::Case, "by case");
                    })
                    .response
                    .labelled_by(caption.id);
                    ui.end_row();
                    let caption = ui.label("Title:");
                    let mut title = self.settings.title.clone().unwrap_or_default();
                    ui.add_sized([300.0, 20.0], egui::TextEdit::singleline(&mut title))
                        .labelled_by(caption.id);
                    self.settings.title = Some(title);
                    ui.end_row();
                    let caption = ui.label("Width:");
                    ui.add(
                        egui::DragValue::new(&mut self.settings.width)
                            .range(150.0..=2000.0)
                            .suffix(" pt"),
                    )
                    .labelled_by(caption.id)
                    .on_hover_text(
                        "72 points are an inch; a journal column is about 250, a page about 500",
                    );
                    ui.end_row();
                    ui.label("Format:");
                    ui.horizontal(|ui| {
                        ui.radio_value(&mut self.png, false, "SVG (vector)");
                        ui.radio_value(&mut self.png, true, "PNG");
                    });
                    ui.end_row();
                    if self.png {
                        let caption = ui.label("Resolution:");
                        ui.add(
                            egui::Slider::new(&mut self.scale, 1.0..=4.0)
                                .step_by(1.0)
                                .custom_formatter(|v, _| format!("{:.0} dpi", v * 75.0)),
                        )
                        .labelled_by(caption.id);
                        ui.end_row();
                    }
                });
            let key = (
                self.settings_for(project),
                self.png.then_some(self.scale.to_bits()),
            );
            if self.summary.as_ref().is_none_or(|(k, _)| *k != key) {
                let map = layout(project, &key.0);
                let mut line = format!(
                    "{} marker{} in {} lane{}; {:.1} × {:.1} in.",
                    map.markers.len(),
                    if map.markers.len() == 1 { "" } else { "s" },
                    map.lanes.len(),
                    if map.lanes.len() == 1 { "" } else { "s" },
                    map.width / 72.0,
                    map.height / 72.0
                );
                if self.png
                    && let Err(too_large) = check_png_budget(&map, self.scale)
                {
                    line = format!("{line}\nAs PNG: {too_large}.");
                }
                self.summary = Some((key, line));
            }
            if let Some((_, line)) = &self.summary {
                ui.label(egui::RichText::new(line).weak());
            }
            if !self.settings.filter.is_empty() {
                ui.horizontal(|ui| {
                    ui.label(
                        egui::RichText::new("The map's filters apply to the figure too.").weak(),
                    );
                    if ui.small_button("Export without filters").clicked() {
                        self.settings.filter = Default::default();
                    }
                });
            }
            ui.add_space(6.0);
            ui.horizontal(|ui| {
                if ui.button("Export…").clicked() {
                    choice = ExportChoice::Export;
                }
                if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                    choice = ExportChoice::Cancel;
                }
            });
        });
        choice
    }
}

impl Dialog for ExportMapDialog {
    /// Asks where to save once the user presses Export; stays open if that is cancelled or the
    /// figure cannot be written, so the settings are not lost.
    fn show(&mut self, ctx: &egui::Context, cx: &mut DialogContext<'_>) -> bool {
        match self.draw(ctx, cx.project) {
            ExportChoice::Open => true,
            ExportChoice::Cancel => false,
            ExportChoice::Export => {
                let stem = cx.project_path.and_then(|p| p.file_stem()).map_or_else(
                    || "continuum-map".to_owned(),
                    |s| format!("{}-map", s.to_string_lossy()),
                );
                let file = format!("{stem}.{}", if self.png { "png" } else { "svg" });
                let settings = self.settings_for(cx.project);
                cx.view.export = Some(self.memory(cx.project));
                let Some(path) = cx.files.save_figure(&file) else {
                    return true;
                };
                match crate::io::export_map(&path, cx.project, &settings, self.scale) {
                    Ok(line) => {
                        cx.out.info(format!("Map exported: {line}"));
                        false
                    }
                    Err(error) => {
                        cx.out.error(error);
                        true
                    }
                }
            }
        }
    }
}
