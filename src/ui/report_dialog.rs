//! File > Export report…: asks whose positions the findings describe and whether quotes go in
//! (a report that leaves the research team may hold none), then where to save the page.

use super::dialog::{Dialog, DialogContext};
use crate::analysis::Layer;
use crate::model::{Project, Timestamp};
use crate::report::{ReportOptions, report_html};

pub struct ReportDialog {
    options: ReportOptions,
}

impl ReportDialog {
    pub fn new(project: &Project) -> Self {
        Self {
            options: ReportOptions {
                quotes: true,
                layer: Layer::default_for(project),
            },
        }
    }

    /// Writes the report where the user chooses; says what happened.
    fn export(&self, cx: &mut DialogContext<'_>) -> bool {
        let name = cx
            .project_path
            .and_then(|p| p.file_stem())
            .map_or("report".to_owned(), |stem| {
                format!("{} report", stem.to_string_lossy())
            });
        let Some(path) = cx.files.save_report(&format!("{name}.html")) else {
            return false;
        };
        let html = report_html(cx.project, self.options, &Timestamp::now().short());
        match crate::io::write_export(&path, html.as_bytes(), "the report") {
            Ok(()) => cx.out.info(format!(
                "Saved the report to {}; open it in a browser (and print it to PDF from there).",
                crate::io::file_label(&path)
            )),
            Err(error) => cx.out.error(error),
        }
        true
    }
}

impl Dialog for ReportDialog {
    fn show(&mut self, ctx: &egui::Context, cx: &mut DialogContext<'_>) -> bool {
        let project = cx.project;
        let mut open = true;
        super::dialog::steady_modal(ctx, egui::Id::unique("report-dialog")).show(ctx, |ui| {
            ui.set_width(460.0);
            ui.heading("Export report");
            ui.label(
                "One HTML page with the project summary, agreement with its intervals, the map, \
                 summary plots, zone tables, quotes by zone, code frequencies and a methods \
                 paragraph. It opens in any browser, offline, and prints to PDF.",
            );
            ui.add_space(6.0);
            ui.horizontal(|ui| {
                let layer = &mut self.options.layer;
                super::widgets::layer_combo(ui, "Findings of:", "report-layer", project, layer);
            });
            ui.checkbox(&mut self.options.quotes, "Include quotes")
                .on_hover_text("Leave them out when the report goes beyond the research team");
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                if ui.button("Export…").clicked() && self.export(cx) {
                    open = false;
                }
                if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                    open = false;
                }
            });
        });
        open
    }

    fn shows_others_work(&self) -> bool {
        true
    }
}
