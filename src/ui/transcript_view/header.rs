//! What the panel shows above the text: the transcript's name with its participant, case, words
//! and excerpts; and, when no transcript is open, what to do next.

use crate::model::{Project, Transcript};
use crate::ui::Command;
use crate::ui::outbox::Outbox;

pub(super) fn header(ui: &mut egui::Ui, project: &Project, transcript: &Transcript, words: usize) {
    ui.horizontal_wrapped(|ui| {
        crate::ui::widgets::heading(ui, &transcript.name);
        let mut facts = Vec::new();
        if let Some(p) = transcript.participant.and_then(|p| project.participant(p)) {
            facts.push(format!("{} ({})", p.name, p.role));
        }
        if let Some(c) = project
            .case_of_transcript(transcript)
            .and_then(|c| project.case(c))
        {
            facts.push(c.name.clone());
        }
        facts.push(crate::model::plural(words, "word"));
        facts.push(crate::model::plural(
            project.excerpts_of(transcript.id).len(),
            "excerpt",
        ));
        ui.label(egui::RichText::new(facts.join("  ·  ")).weak());
    });
}

/// No transcript open: in a project without transcripts, its title and a way to import some;
/// otherwise a pointer to the list.
pub(super) fn no_transcript(ui: &mut egui::Ui, project: &Project, out: &mut Outbox) {
    ui.centered_and_justified(|ui| {
        if project.transcripts.is_empty() {
            ui.vertical_centered(|ui| {
                ui.add_space(ui.available_height() / 2.0 - 60.0);
                // A new project is asked for its title here, where the user starts, rather
                // than in a dialog in the way: the title heads exported maps.
                ui.horizontal(|ui| {
                    let field_width = 320.0;
                    let caption_width = 90.0;
                    ui.add_space(
                        ((ui.available_width() - field_width - caption_width) / 2.0).max(0.0),
                    );
                    let caption = ui.label("Project title:");
                    let mut title = project.title.clone();
                    let field = ui.add(
                        egui::TextEdit::singleline(&mut title)
                            .desired_width(field_width)
                            .hint_text("What is this study called?"),
                    );
                    field.labelled_by(caption.id);
                    if title != project.title {
                        out.edit(crate::model::Edit::SetTitle(title));
                    }
                });
                ui.add_space(16.0);
                ui.label("This project has no transcripts yet.");
                ui.label(
                    egui::RichText::new(
                        "Drop interview files here (.txt, .docx, .odt, .vtt, .srt), or:",
                    )
                    .weak(),
                );
                if ui.button("Import transcripts…").clicked() {
                    out.command(Command::Import);
                }
            });
        } else {
            ui.label("Choose a transcript on the left to read and code it.");
        }
    });
}
