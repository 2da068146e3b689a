//! The import dialog: reads the chosen (or dropped) files in the background with progress, shows
//! what was found in each (format, encoding, size, speakers, the first lines), lets the user file
//! them under a case (one for the batch, or each file its own) and say who each speaker is, then
//! adds them as one undoable step. Files that cannot be read are listed with the reason and left
//! out; the project is not touched by them.

use super::state::Outbox;
use crate::io::import::{ImportError, ImportedText, import_file};
use crate::model::import_plan::{CaseChoice, ImportPlan, Importer, SpeakerChoice, default_plan};
use crate::model::{ParticipantId, Project};
use std::path::PathBuf;
use std::sync::mpsc;

struct FileEntry {
    path: PathBuf,
    result: Option<Result<ImportedText, ImportError>>,
    plan: Option<ImportPlan>,
    /// This file's case, when it differs from the batch's; empty means the batch's.
    case: String,
}

pub struct ImportDialog {
    files: Vec<FileEntry>,
    receiver: Option<mpsc::Receiver<(usize, Result<ImportedText, ImportError>)>>,
    /// The case for the whole batch: an existing case's name or a new one; empty for none.
    case: String,
    role: String,
}

/// What the app should do when the dialog closes.
pub enum ImportOutcome {
    Open,
    Cancelled,
    /// Imported; the names of files left out, for the message.
    Imported {
        count: usize,
        skipped: Vec<String>,
    },
}

impl ImportDialog {
    /// Starts reading `paths` on a background thread.
    pub fn new(paths: Vec<PathBuf>) -> Self {
        let (sender, receiver) = mpsc::channel();
        let jobs = paths.clone();
        std::thread::spawn(move || {
            for (i, path) in jobs.iter().enumerate() {
                if sender.send((i, import_file(path))).is_err() {
                    return; // the dialog was closed
                }
            }
        });
        Self {
            files: paths
                .into_iter()
                .map(|path| FileEntry {
                    path,
                    result: None,
                    plan: None,
                    case: String::new(),
                })
                .collect(),
            receiver: Some(receiver),
            case: String::new(),
            role: "participant".to_owned(),
        }
    }

    fn read_count(&self) -> usize {
        self.files.iter().filter(|f| f.result.is_some()).count()
    }

    /// Takes finished files from the reader thread.
    fn receive(&mut self, project: &Project) {
        let Some(receiver) = &self.receiver else {
            return;
        };
        while let Ok((i, result)) = receiver.try_recv() {
            if let (Some(entry), Ok(imported)) = (self.files.get_mut(i), &result) {
                let name = entry.path.file_stem().map_or_else(
                    || "Transcript".to_owned(),
                    |s| s.to_string_lossy().into_owned(),
                );
                entry.plan = Some(default_plan(
                    project,
                    &name,
                    &imported.speakers(),
                    None,
                    None,
                    Some(&self.role),
                ));
            }
            if let Some(entry) = self.files.get_mut(i) {
                entry.result = Some(result);
            }
        }
        if self.read_count() == self.files.len() {
            self.receiver = None;
        }
    }

    /// Shows the dialog; returns the outcome once it closes.
    pub fn show(
        &mut self,
        ctx: &egui::Context,
        project: &Project,
        out: &mut Outbox,
    ) -> ImportOutcome {
        self.receive(project);
        if self.receiver.is_some() {
            ctx.request_repaint_after(std::time::Duration::from_millis(50));
        }
        let mut outcome = ImportOutcome::Open;
        egui::Modal::new(egui::Id::unique("import-dialog")).show(ctx, |ui| {
            ui.set_width(760.0);
            ui.heading("Import transcripts");
            let read = self.read_count();
            if self.receiver.is_some() {
                ui.add(
                    egui::ProgressBar::new(read as f32 / self.files.len().max(1) as f32).text(
                        format!("Reading {} of {} files…", read + 1, self.files.len()),
                    ),
                );
            }
            self.batch_settings(ui, project);
            ui.separator();
            egui::ScrollArea::vertical()
                .max_height(ctx.content_rect().height() * 0.55)
                .show(ui, |ui| {
                    for entry in &mut self.files {
                        file_entry(ui, entry, project, &self.role, &self.case);
                        ui.separator();
                    }
                });
            let ready = self
                .files
                .iter()
                .filter(|f| matches!(f.result, Some(Ok(_))))
                .count();
            ui.horizontal(|ui| {
                let label = format!(
                    "Import {ready} transcript{}",
                    if ready == 1 { "" } else { "s" }
                );
                if ui
                    .add_enabled(
                        ready > 0 && self.receiver.is_none(),
                        egui::Button::new(label),
                    )
                    .clicked()
                {
                    outcome = self.import(project, out);
                }
                if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                    outcome = ImportOutcome::Cancelled;
                }
            });
        });
        outcome
    }

    fn batch_settings(&mut self, ui: &mut egui::Ui, project: &Project) {
        ui.horizontal(|ui| {
            case_field(ui, "Case:", "import-case", &mut self.case, "none", project).on_hover_text(
                "The setting these interviews come from: an existing case, or type a new name",
            );
            ui.separator();
            let caption = ui.label("Role of new participants:");
            ui.add(egui::TextEdit::singleline(&mut self.role).desired_width(120.0))
                .labelled_by(caption.id);
        });
    }

    fn import(&mut self, project: &Project, out: &mut Outbox) -> ImportOutcome {
        let mut importer = Importer::new(project);
        let mut count = 0;
        let mut skipped = Vec::new();
        // A project too large to open again is never made: a file that would take it past the
        // limit is left out, and the notice says why.
        let mut projected = crate::io::to_ron_string(project).len() as u64;
        for entry in &self.files {
            match (&entry.result, &entry.plan) {
                (Some(Ok(imported)), Some(_))
                    if projected
                        + crate::io::estimated_saved_bytes(&imported.text, &imported.turns)
                        > crate::io::MAX_PROJECT_BYTES =>
                {
                    skipped.push(format!(
                        "{} (it would make the project larger than a project file can be, {})",
                        file_name(&entry.path),
                        crate::io::format_mib(crate::io::MAX_PROJECT_BYTES)
                    ));
                }
                (Some(Ok(imported)), Some(plan)) => {
                    projected += crate::io::estimated_saved_bytes(&imported.text, &imported.turns);
                    let mut plan = plan.clone();
                    let case = match entry.case.trim() {
                        "" => self.case.trim(),
                        own => own,
                    };
                    plan.case = case_choice(project, case);
                    for (_, choice) in &mut plan.speakers {
                        if let SpeakerChoice::New { role, .. } = choice {
                            *role = self.role.trim().to_owned();
                        }
                    }
                    match importer.add(imported.text.clone(), imported.turns.clone(), &plan) {
                        Ok(_) => count += 1,
                        Err(error) => {
                            skipped.push(format!("{} ({error})", file_name(&entry.path)));
                        }
                    }
                }
                _ => skipped.push(file_name(&entry.path)),
            }
        }
        let description = if count == 1 {
            "import of 1 transcript".to_owned()
        } else {
            format!("import of {count} transcripts")
        };
        out.group(description, importer.finish());
        ImportOutcome::Imported { count, skipped }
    }
}

/// The case a name stands for: none, an existing case (whatever its capitals), or a new one.
fn case_choice(project: &Project, name: &str) -> CaseChoice {
    match name.trim() {
        "" => CaseChoice::None,
        name => project
            .cases
            .iter()
            .find(|c| c.name.eq_ignore_ascii_case(name))
            .map_or_else(
                || CaseChoice::New(name.to_owned()),
                |c| CaseChoice::Existing(c.id),
            ),
    }
}

/// A case name field with a menu of the existing cases beside it.
fn case_field(
    ui: &mut egui::Ui,
    caption: &str,
    id_salt: impl std::hash::Hash + std::fmt::Debug,
    case: &mut String,
    hint: &str,
    project: &Project,
) -> egui::Response {
    let caption = ui.label(caption);
    let field = ui
        .add(
            egui::TextEdit::singleline(case)
                .hint_text(hint)
                .desired_width(220.0),
        )
        .labelled_by(caption.id);
    egui::ComboBox::from_id_salt(id_salt)
        .selected_text("existing…")
        .show_ui(ui, |ui| {
            for c in &project.cases {
                if ui.selectable_label(*case == c.name, &c.name).clicked() {
                    *case = c.name.clone();
                }
            }
        })
        .response
        .labelled_by(caption.id);
    field
}

fn file_name(path: &std::path::Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

fn file_entry(
    ui: &mut egui::Ui,
    entry: &mut FileEntry,
    project: &Project,
    role: &str,
    batch_case: &str,
) {
    let name = file_name(&entry.path);
    match &entry.result {
        None => {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label(format!("{name}: reading…"));
            });
        }
        Some(Err(error)) => {
            ui.colored_label(
                ui.visuals().error_fg_color,
                format!("{name} will not be imported: it {error}"),
            );
        }
        Some(Ok(imported)) => {
            ui.horizontal_wrapped(|ui| {
                ui.strong(&name);
                ui.label(
                    egui::RichText::new(format!(
                        "{} · {} · {:.1} KB · {} words · {} turns",
                        imported.format,
                        imported.encoding_report(),
                        imported.bytes as f64 / 1024.0,
                        imported.word_count(),
                        imported.turns.len()
                    ))
                    .weak(),
                );
            });
            egui::Frame::new()
                .fill(ui.visuals().faint_bg_color)
                .inner_margin(6)
                .show(ui, |ui| {
                    for line in imported.preview(4) {
                        ui.label(
                            egui::RichText::new(crate::model::short_label(&line, 110)).small(),
                        );
                    }
                });
            if let Some(plan) = &mut entry.plan {
                ui.horizontal(|ui| {
                    let caption = ui.label("Name:");
                    ui.add(egui::TextEdit::singleline(&mut plan.name).desired_width(260.0))
                        .labelled_by(caption.id);
                    ui.separator();
                    let hint = match batch_case.trim() {
                        "" => "as above: none".to_owned(),
                        case => format!("as above: {case}"),
                    };
                    case_field(
                        ui,
                        "This file's case:",
                        ("import-file-case", &name),
                        &mut entry.case,
                        &hint,
                        project,
                    )
                    .on_hover_text("Leave empty to use the case above for this file too");
                });
                for (speaker, choice) in &mut plan.speakers {
                    speaker_row(ui, &name, speaker, choice, project, role);
                }
                if plan.speakers.is_empty() {
                    ui.label(egui::RichText::new("No speakers named in this file.").weak());
                }
            }
        }
    }
}

fn speaker_row(
    ui: &mut egui::Ui,
    file: &str,
    speaker: &str,
    choice: &mut SpeakerChoice,
    project: &Project,
    role: &str,
) {
    ui.horizontal(|ui| {
        let caption = ui.label(format!("Speaker “{speaker}” is"));
        let describe = |choice: &SpeakerChoice| match choice {
            SpeakerChoice::Interviewer => "the interviewer".to_owned(),
            SpeakerChoice::Existing(id) => project.participant(*id).map_or_else(
                || "a participant".to_owned(),
                |p| format!("{} ({})", p.name, p.role),
            ),
            SpeakerChoice::New { name, .. } => format!("a new participant, {name}"),
        };
        egui::ComboBox::from_id_salt(("speaker", file, speaker))
            .selected_text(describe(choice))
            .width(280.0)
            .show_ui(ui, |ui| {
                ui.selectable_value(choice, SpeakerChoice::Interviewer, "the interviewer");
                let new = SpeakerChoice::New {
                    name: speaker.to_owned(),
                    role: role.to_owned(),
                };
                let label = describe(&new);
                ui.selectable_value(choice, new, label);
                for participant in &project.participants {
                    let existing = SpeakerChoice::Existing(ParticipantId(participant.id.0));
                    let label = describe(&existing);
                    ui.selectable_value(choice, existing, label);
                }
            })
            .response
            .labelled_by(caption.id);
    });
}
