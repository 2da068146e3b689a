//! File > Import REFI-QDA project…: reads a `.qdpx` file from NVivo, ATLAS.ti, MAXQDA, QualCoder
//! or Continuum on a background thread (with progress, and Cancel), previews what it holds and
//! what will be skipped, lets the user say which case variable is the participants' role, and
//! opens the result as a new, unsaved project (through the file flow, which asks about unsaved
//! changes first).

use super::dialog::{Dialog, DialogContext};
use crate::io::qdpx::{QdpxError, QdpxImport, ReadSettings, RoleVariable, read_qdpx_with};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;

/// How far the background read has come, shared with the thread.
#[derive(Default)]
struct Progress {
    done: AtomicUsize,
    total: AtomicUsize,
    cancel: AtomicBool,
}

enum Reading {
    Busy {
        receiver: mpsc::Receiver<Result<QdpxImport, QdpxError>>,
        progress: Arc<Progress>,
    },
    Read(Box<QdpxImport>),
    Failed(String),
}

pub struct QdpxImportDialog {
    path: PathBuf,
    /// The role variable asked for; reading again when it changes.
    role: RoleVariable,
    reading: Reading,
}

impl QdpxImportDialog {
    pub fn new(path: PathBuf) -> Self {
        let role = RoleVariable::Guess;
        let reading = start(path.clone(), role.clone());
        Self {
            path,
            role,
            reading,
        }
    }

    fn file_name(&self) -> String {
        crate::io::file_label(&self.path)
    }

    /// Takes the thread's answer, if it has come.
    fn receive(&mut self) {
        if let Reading::Busy { receiver, .. } = &self.reading {
            match receiver.try_recv() {
                Ok(Ok(import)) => self.reading = Reading::Read(Box::new(import)),
                Ok(Err(error)) => self.reading = Reading::Failed(error.to_string()),
                Err(mpsc::TryRecvError::Empty) => {}
                Err(mpsc::TryRecvError::Disconnected) => {
                    self.reading = Reading::Failed("the reading stopped unexpectedly".to_owned());
                }
            }
        }
    }
}

/// Reads `path` on a background thread.
fn start(path: PathBuf, role: RoleVariable) -> Reading {
    let (sender, receiver) = mpsc::channel();
    let progress = Arc::new(Progress::default());
    let shared = progress.clone();
    std::thread::spawn(move || {
        let settings = ReadSettings {
            role_variable: role,
            ..ReadSettings::default()
        };
        let result = read_qdpx_with(&path, &settings, &mut |done, total| {
            shared.done.store(done, Ordering::Relaxed);
            shared.total.store(total, Ordering::Relaxed);
            !shared.cancel.load(Ordering::Relaxed)
        });
        // The dialog may be closed already; then nobody wants the result.
        let _ = sender.send(result);
    });
    Reading::Busy { receiver, progress }
}

impl Drop for QdpxImportDialog {
    fn drop(&mut self) {
        // Closed while reading: the thread stops at its next step.
        if let Reading::Busy { progress, .. } = &self.reading {
            progress.cancel.store(true, Ordering::Relaxed);
        }
    }
}

impl Dialog for QdpxImportDialog {
    fn show(&mut self, ctx: &egui::Context, cx: &mut DialogContext<'_>) -> bool {
        self.receive();
        let mut open = true;
        let mut reread = None;
        let title = format!("Import {}", self.file_name());
        super::dialog::steady_modal(ctx, egui::Id::unique("qdpx-import")).show(ctx, |ui| {
            ui.set_width(560.0);
            ui.heading(title);
            ui.add_space(4.0);
            match &self.reading {
                Reading::Busy { progress, .. } => {
                    ctx.request_repaint_after(std::time::Duration::from_millis(50));
                    let (done, total) = (
                        progress.done.load(Ordering::Relaxed),
                        progress.total.load(Ordering::Relaxed),
                    );
                    let fraction = if total == 0 {
                        0.0
                    } else {
                        done as f32 / total as f32
                    };
                    ui.add(egui::ProgressBar::new(fraction).text("Reading…"));
                    ui.add_space(8.0);
                    if ui.button("Cancel").clicked()
                        || ui.input(|i| i.key_pressed(egui::Key::Escape))
                    {
                        open = false;
                    }
                }
                Reading::Failed(error) => {
                    ui.label(
                        egui::RichText::new(format!(
                            "{} cannot be imported: it {error}",
                            self.file_name()
                        ))
                        .color(ui.visuals().error_fg_color),
                    );
                    ui.label("The open project is unchanged.");
                    ui.add_space(8.0);
                    if ui.button("Close").clicked()
                        || ui.input(|i| i.key_pressed(egui::Key::Escape))
                    {
                        open = false;
                    }
                }
                Reading::Read(import) => {
                    egui::ScrollArea::vertical()
                        .max_height(260.0)
                        .show(ui, |ui| {
                            for line in import.report.lines() {
                                ui.label(line);
                            }
                        });
                    let variables = &import.report.variables;
                    if !variables.is_empty() {
                        ui.add_space(6.0);
                        ui.horizontal(|ui| {
                            let caption = "Participants' role is in:";
                            ui.label(caption);
                            let current = import
                                .report
                                .role_variable
                                .clone()
                                .unwrap_or_else(|| "no variable".to_owned());
                            let response = egui::ComboBox::from_id_salt("qdpx-role")
                                .selected_text(&current)
                                .show_ui(ui, |ui| {
                                    for variable in variables {
                                        let chosen = import.report.role_variable.as_deref()
                                            == Some(variable.name.as_str());
                                        let shown = format!(
                                            "{} ({})",
                                            variable.name,
                                            variable.values.join(", ")
                                        );
                                        if ui.selectable_label(chosen, shown).clicked() {
                                            ui.close();
                                            if !chosen {
                                                reread = Some(RoleVariable::Named(
                                                    variable.name.clone(),
                                                ));
                                            }
                                        }
                                    }
                                    let none = import.report.role_variable.is_none();
                                    if ui.selectable_label(none, "no variable").clicked() {
                                        ui.close();
                                        if !none {
                                            reread = Some(RoleVariable::None);
                                        }
                                    }
                                })
                                .response;
                            crate::ui::widgets::name_with_value(ui, &response, caption, &current);
                        });
                        ui.label(
                            egui::RichText::new(
                                "Other variables are kept in each transcript's memo.",
                            )
                            .weak(),
                        );
                    }
                    ui.add_space(8.0);
                    ui.horizontal(|ui| {
                        if ui
                            .button("Open as new project")
                            .on_hover_text(
                                "Open what was read as a new, unsaved project (you are asked to \
                                 save the open one first if it has changes)",
                            )
                            .clicked()
                        {
                            cx.out.open_imported(Box::new(import.project.clone()));
                            open = false;
                        }
                        if ui
                            .button("Merge into this project…")
                            .on_hover_text(
                                "Bring its transcripts, excerpts, codes and annotators into the \
                                 open project by the rules of File > Merge: transcripts matched \
                                 by text, annotators by name; conflicts are shown to settle first",
                            )
                            .clicked()
                        {
                            let source = crate::io::file_label(&self.path);
                            cx.out
                                .merge_imported(Box::new(import.project.clone()), source);
                            open = false;
                        }
                        if ui.button("Cancel").clicked()
                            || ui.input(|i| i.key_pressed(egui::Key::Escape))
                        {
                            open = false;
                        }
                    });
                }
            }
        });
        if let Some(role) = reread {
            self.role = role.clone();
            self.reading = start(self.path.clone(), role);
        }
        open
    }
}
