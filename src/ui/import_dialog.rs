//! The import dialog: reads the chosen (or dropped) files in the background with progress, shows
//! what was found in each (format, encoding, size, speakers, the first lines), lets the user file
//! them under a case (one for the batch, or each file its own) and say who each speaker is, then
//! adds them as one undoable step. Files that cannot be read are listed with the reason and left
//! out; the project is not touched by them.

use super::dialog::{Dialog, DialogContext};
use super::outbox::Outbox;
use crate::io::import::{ImportError, ImportedText, import_file};
use crate::model::import_plan::{
    CaseChoice, ImportPlan, Importer, SpeakerChoice, default_plan, unique_name,
};
use crate::model::{ParticipantId, Project, plural};
use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::mpsc;

/// The dialog's width, fixed so it never changes shape as files are read.
const DIALOG_WIDTH: f32 = 760.0;
/// How far below the top of the window the dialog sits: it is anchored there, not centred, so
/// it does not move (and move its buttons under the pointer) as files are read and it fills up.
const DIALOG_TOP: f32 = 40.0;

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

/// Whether the dialog is still open, this frame.
enum ImportOutcome {
    Open,
    Cancelled,
    Imported,
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
            if let (Some(entry), Ok(imported)) = (self.files.get(i), &result) {
                let stem = entry.path.file_stem().map_or_else(
                    || "Transcript".to_owned(),
                    |s| s.to_string_lossy().into_owned(),
                );
                // Proposed unique, against the project and the other files: three files called
                // `interview.*` are "interview", "interview (2)" and "interview (3)".
                let taken: HashSet<&str> = project
                    .transcripts
                    .iter()
                    .map(|t| t.name.as_str())
                    .chain(
                        self.files
                            .iter()
                            .filter_map(|f| f.plan.as_ref())
                            .map(|p| p.name.trim()),
                    )
                    .collect();
                let name = unique_name(&stem, |n| taken.contains(n));
                let plan = Some(default_plan(
                    project,
                    &name,
                    &imported.speakers(),
                    None,
                    None,
                    Some(&self.role),
                ));
                if let Some(entry) = self.files.get_mut(i) {
                    entry.plan = plan;
                }
            }
            if let Some(entry) = self.files.get_mut(i) {
                entry.result = Some(result);
            }
        }
        if self.read_count() == self.files.len() {
            self.receiver = None;
        }
    }

    /// Draws the dialog; says whether it is still open.
    fn draw(&mut self, ctx: &egui::Context, project: &Project, out: &mut Outbox) -> ImportOutcome {
        self.receive(project);
        if self.receiver.is_some() {
            ctx.request_repaint_after(std::time::Duration::from_millis(50));
        }
        let mut outcome = ImportOutcome::Open;
        let id = egui::Id::unique("import-dialog");
        // Anchored at the top and of fixed width and height (the list scrolls): the dialog never
        // moves while it fills up, so the buttons stay where the pointer is.
        let area = egui::Modal::default_area(id)
            .anchor(egui::Align2::CENTER_TOP, egui::vec2(0.0, DIALOG_TOP));
        let window = ctx.content_rect();
        // Everything but the list: heading, progress, batch settings, buttons, margins.
        let list_height = (window.height() - 2.0 * DIALOG_TOP - 190.0).max(120.0);
        egui::Modal::new(id).area(area).show(ctx, |ui| {
            ui.set_width(DIALOG_WIDTH.min(window.width() - 40.0));
            ui.heading("Import transcripts");
            let read = self.read_count();
            let files = self.files.len();
            // The same height whether reading or done, so nothing below it moves.
            let (progress, text) = if self.receiver.is_some() {
                (
                    read as f32 / files.max(1) as f32,
                    format!("Reading {} of {}…", read + 1, plural(files, "file")),
                )
            } else {
                (1.0, format!("Read {}.", plural(files, "file")))
            };
            ui.add(egui::ProgressBar::new(progress).text(text));
            self.batch_settings(ui, project);
            ui.separator();
            let names = final_names(project, &self.files);
            let new_people = first_files_of_new_participants(&self.files);
            egui::ScrollArea::vertical()
                .id_salt("import-files")
                .auto_shrink([false, false])
                .min_scrolled_height(list_height)
                .max_height(list_height)
                .show(ui, |ui| {
                    for (index, entry) in self.files.iter_mut().enumerate() {
                        let context = EntryContext {
                            index,
                            project,
                            role: &self.role,
                            batch_case: &self.case,
                            final_name: names.get(&index).map(String::as_str),
                            new_people: &new_people,
                        };
                        file_entry(ui, entry, &context);
                        ui.separator();
                    }
                });
            let ready = self
                .files
                .iter()
                .filter(|f| matches!(f.result, Some(Ok(_))))
                .count();
            ui.horizontal(|ui| {
                let label = format!("Import {}", plural(ready, "transcript"));
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
                        crate::io::file_label(&entry.path),
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
                            skipped
                                .push(format!("{} ({error})", crate::io::file_label(&entry.path)));
                        }
                    }
                }
                _ => skipped.push(crate::io::file_label(&entry.path)),
            }
        }
        let edits = importer.finish();
        // The first transcript made is shown once the import has been applied.
        let first = edits.iter().find_map(|edit| match edit {
            crate::model::Edit::AddTranscript(t) => Some(t.id),
            _ => None,
        });
        out.group(format!("import of {}", plural(count, "transcript")), edits);
        let mut message = format!("Imported {}.", plural(count, "transcript"));
        if !skipped.is_empty() {
            message.push_str(&format!(" Not imported: {}.", skipped.join(", ")));
        }
        out.info(message);
        if let Some(first) = first {
            out.show_transcript(first);
        }
        ImportOutcome::Imported
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
    let caption_label = ui.label(caption);
    let field = ui
        .add(
            egui::TextEdit::singleline(case)
                .hint_text(hint)
                .desired_width(220.0),
        )
        .labelled_by(caption_label.id);
    let existing = egui::ComboBox::from_id_salt(id_salt)
        .selected_text("existing…")
        .show_ui(ui, |ui| {
            for c in &project.cases {
                if ui.selectable_label(*case == c.name, &c.name).clicked() {
                    *case = c.name.clone();
                    ui.close();
                }
            }
        })
        .response;
    // Not named by the caption alone, which names the field beside it.
    crate::ui::widgets::name_with_value(ui, &existing, caption, "choose an existing case");
    field
}

/// The name each ready file will get (by its index), made unique the way the import makes it:
/// against the project's transcripts and the files before it.
fn final_names(project: &Project, files: &[FileEntry]) -> HashMap<usize, String> {
    let mut taken: HashSet<String> = project.transcripts.iter().map(|t| t.name.clone()).collect();
    let mut names = HashMap::new();
    for (index, entry) in files.iter().enumerate() {
        if let (Some(Ok(_)), Some(plan)) = (&entry.result, &entry.plan) {
            let name = unique_name(&plan.name, |n| taken.contains(n));
            taken.insert(name.clone());
            names.insert(index, name);
        }
    }
    names
}

/// For each new participant (by name, as the import matches them), the first file that makes
/// them, by index and name: later files share that one person rather than make another.
fn first_files_of_new_participants(files: &[FileEntry]) -> HashMap<String, (usize, String)> {
    let mut first = HashMap::new();
    for (index, entry) in files.iter().enumerate() {
        let (Some(Ok(_)), Some(plan)) = (&entry.result, &entry.plan) else {
            continue;
        };
        for (_, choice) in &plan.speakers {
            if let SpeakerChoice::New { name, .. } = choice {
                first
                    .entry(name.clone())
                    .or_insert_with(|| (index, crate::io::file_label(&entry.path)));
            }
        }
    }
    first
}

/// What a file's rows need to know about the rest of the dialog.
struct EntryContext<'a> {
    /// The file's place in the list, from 0.
    index: usize,
    project: &'a Project,
    role: &'a str,
    batch_case: &'a str,
    /// The name the transcript will get, if the file is ready.
    final_name: Option<&'a str>,
    /// Which file first makes each new participant.
    new_people: &'a HashMap<String, (usize, String)>,
}

fn file_entry(ui: &mut egui::Ui, entry: &mut FileEntry, context: &EntryContext<'_>) {
    let project = context.project;
    let name = crate::io::file_label(&entry.path);
    let numbered = format!("{}. {name}", context.index + 1);
    match &entry.result {
        None => {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label(format!("{numbered}: reading…"));
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
                ui.strong(&numbered);
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
                    let hint = match context.batch_case.trim() {
                        "" => "as above: none".to_owned(),
                        case => format!("as above: {case}"),
                    };
                    case_field(
                        ui,
                        "This file's case:",
                        ("import-file-case", context.index),
                        &mut entry.case,
                        &hint,
                        project,
                    )
                    .on_hover_text("Leave empty to use the case above for this file too");
                });
                if let Some(final_name) = context.final_name
                    && final_name != plan.name.trim()
                {
                    let reason = if plan.name.trim().is_empty() {
                        "The name is empty".to_owned()
                    } else {
                        format!(
                            "Another transcript is already called “{}”",
                            plan.name.trim()
                        )
                    };
                    ui.colored_label(
                        ui.visuals().warn_fg_color,
                        format!("{reason}: this one will be imported as “{final_name}”."),
                    );
                }
                for (speaker, choice) in &mut plan.speakers {
                    speaker_row(ui, (context, &name), speaker, choice);
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
    (context, file): (&EntryContext<'_>, &str),
    speaker: &str,
    choice: &mut SpeakerChoice,
) {
    let (project, role) = (context.project, context.role);
    ui.horizontal(|ui| {
        let caption = format!("Speaker “{speaker}” is");
        ui.label(&caption);
        let describe = |choice: &SpeakerChoice| match choice {
            SpeakerChoice::Interviewer => "the interviewer".to_owned(),
            SpeakerChoice::Existing(id) => project.participant(*id).map_or_else(
                || "a participant".to_owned(),
                |p| format!("{} ({})", p.name, p.role),
            ),
            // One new participant per name, however many files name them: a later file says it
            // is the one an earlier file makes, not another.
            SpeakerChoice::New { name, .. } => match context.new_people.get(name) {
                Some((first, first_file)) if *first != context.index => {
                    format!("{name}, new from file {} ({first_file})", first + 1)
                }
                _ => format!("a new participant, {name}"),
            },
        };
        let response = egui::ComboBox::from_id_salt(("speaker", context.index, file, speaker))
            .selected_text(describe(choice))
            .width(280.0)
            .show_ui(ui, |ui| {
                crate::ui::widgets::choose(
                    ui,
                    choice,
                    SpeakerChoice::Interviewer,
                    "the interviewer",
                );
                let new = SpeakerChoice::New {
                    name: speaker.to_owned(),
                    role: role.to_owned(),
                };
                let label = describe(&new);
                crate::ui::widgets::choose(ui, choice, new, label);
                for participant in &project.participants {
                    let existing = SpeakerChoice::Existing(ParticipantId(participant.id.0));
                    let label = describe(&existing);
                    crate::ui::widgets::choose(ui, choice, existing, label);
                }
            })
            .response;
        crate::ui::widgets::name_with_value(ui, &response, &caption, &describe(choice));
    });
}

impl Dialog for ImportDialog {
    fn show(&mut self, ctx: &egui::Context, cx: &mut DialogContext<'_>) -> bool {
        matches!(self.draw(ctx, cx.project, cx.out), ImportOutcome::Open)
    }
}
