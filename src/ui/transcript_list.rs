//! The left-hand panel: the project's transcripts grouped by case.

use super::view_state::ViewState;
use crate::model::{AnnotatorId, CaseId, Project, Transcript, TranscriptId};
use std::collections::HashMap;

/// Each transcript's excerpts, and how many of them the active annotator has placed: counted in
/// one pass over the excerpts, once per project revision and active annotator (kept in the view
/// state). Counting each entry's excerpts every frame scanned every excerpt of the project once
/// per transcript, 5 ms a frame at 100 interviews.
#[derive(Debug, Default)]
pub struct Counts {
    key: Option<(u64, Option<AnnotatorId>)>,
    per_transcript: HashMap<TranscriptId, (usize, usize)>,
}

impl Counts {
    fn count(
        project: &Project,
        active: Option<AnnotatorId>,
    ) -> HashMap<TranscriptId, (usize, usize)> {
        let mut per_transcript: HashMap<TranscriptId, (usize, usize)> = HashMap::new();
        for excerpt in &project.excerpts {
            let placed = active.is_some_and(|a| project.placement(a, excerpt.id).is_some());
            let entry = per_transcript.entry(excerpt.transcript).or_default();
            entry.0 += 1;
            entry.1 += usize::from(placed);
        }
        per_transcript
    }

    fn update(&mut self, project: &Project, revision: u64, active: Option<AnnotatorId>) {
        let key = Some((revision, active));
        if self.key != key {
            self.per_transcript = Self::count(project, active);
            self.key = key;
        }
    }

    /// Test hook (tests/it/session/): whether the counts the next frame would show (through
    /// the same reuse rule as [`Self::update`]) differ from a fresh count.
    pub(crate) fn stale(
        &self,
        project: &Project,
        revision: u64,
        active: Option<AnnotatorId>,
    ) -> Option<String> {
        let mut next = Counts {
            key: self.key,
            per_transcript: self.per_transcript.clone(),
        };
        next.update(project, revision, active);
        (next.per_transcript != Self::count(project, active))
            .then(|| format!("the transcript list's counts at revision {revision} are stale"))
    }
}

pub fn show(ui: &mut egui::Ui, project: &Project, view: &mut ViewState) {
    ui.add_space(4.0);
    let title = match project.title.trim() {
        "" => crate::model::UNTITLED_PROJECT,
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
            let mut counts = std::mem::take(&mut view.list_counts);
            counts.update(project, view.project_revision, view.active_annotator);
            for (case, name) in groups {
                let members: Vec<&Transcript> = project
                    .transcripts
                    .iter()
                    .filter(|t| project.case_of_transcript(t) == case)
                    .collect();
                if members.is_empty() {
                    continue;
                }
                let interviews = members.len();
                let header = egui::CollapsingHeader::new(egui::RichText::new(&name).strong())
                    .id_salt(("case", case))
                    .default_open(true)
                    .show(ui, |ui| {
                        for transcript in members {
                            let (excerpts, placed) = counts
                                .per_transcript
                                .get(&transcript.id)
                                .copied()
                                .unwrap_or_default();
                            entry(ui, project, view, transcript, excerpts, placed);
                        }
                    });
                // AT-SPI is told no expanded state by AccessKit on Linux (accesskit_atspi_common
                // 0.21 maps none), so the description says it.
                let open = if header.openness > 0.5 {
                    "open"
                } else {
                    "closed"
                };
                ui.ctx()
                    .accesskit_node_builder(header.header_response.id, |node| {
                        let interviews = crate::model::plural(interviews, "interview");
                        node.set_description(format!("case, {open}, {interviews}"));
                    });
            }
            view.list_counts = counts;
        });
}

fn entry(
    ui: &mut egui::Ui,
    project: &Project,
    view: &mut ViewState,
    transcript: &Transcript,
    excerpts: usize,
    placed: usize,
) {
    let selected = view.transcript == Some(transcript.id);
    let response = ui.selectable_label(selected, &transcript.name);
    let detail = transcript
        .participant
        .and_then(|p| project.participant(p))
        .map(|p| format!("{} · {}", p.name, p.role));
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
