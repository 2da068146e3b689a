//! The left-hand panel: the project's transcripts grouped by case.

use super::view_state::ViewState;
use crate::model::{CaseId, Project, Transcript};

pub fn show(ui: &mut egui::Ui, project: &Project, view: &mut ViewState) {
    ui.add_space(4.0);
    let title = match project.title.trim() {
        "" => "Untitled project",
        title => title,
    };
    ui.label(egui::RichText::new(title).strong().size(15.0));
    ui.add_space(2.0);
    ui.separator();
    egui::ScrollArea::vertical()
        .id_salt("transcript-list")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            if project.transcripts.is_empty() {
                ui.label(egui::RichText::new("No transcripts yet.").weak());
                return;
            }
            let mut groups: Vec<(Option<CaseId>, String)> = project
                .cases
                .iter()
                .map(|c| (Some(c.id), c.name.clone()))
                .collect();
            groups.push((None, "Without a case".to_owned()));
            for (case, name) in groups {
                let members: Vec<&Transcript> = project
                    .transcripts
                    .iter()
                    .filter(|t| project.case_of_transcript(t) == case)
                    .collect();
                if members.is_empty() {
                    continue;
                }
                egui::CollapsingHeader::new(egui::RichText::new(&name).strong())
                    .id_salt(("case", case))
                    .default_open(true)
                    .show(ui, |ui| {
                        for transcript in members {
                            entry(ui, project, view, transcript);
                        }
                    });
            }
        });
}

fn entry(ui: &mut egui::Ui, project: &Project, view: &mut ViewState, transcript: &Transcript) {
    let selected = view.transcript == Some(transcript.id);
    let response = ui.selectable_label(selected, &transcript.name);
    let detail = transcript
        .participant
        .and_then(|p| project.participant(p))
        .map(|p| format!("{} · {}", p.name, p.role));
    let excerpts = project.excerpts_of(transcript.id).len();
    let placed = view.active_annotator.map_or(0, |a| {
        project
            .excerpts_of(transcript.id)
            .iter()
            .filter(|e| project.placement(a, e.id).is_some())
            .count()
    });
    let response = response.on_hover_text(format!(
        "{}{}, {placed} placed by the active annotator",
        detail.as_ref().map_or(String::new(), |d| format!("{d}\n")),
        crate::model::plural(excerpts, "excerpt")
    ));
    if let Some(detail) = detail {
        ui.label(
            egui::RichText::new(format!("   {detail} · {placed}/{excerpts} placed"))
                .weak()
                .small(),
        );
    }
    if response.clicked() {
        view.show_transcript(transcript.id);
    }
}
