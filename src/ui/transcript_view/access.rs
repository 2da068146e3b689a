//! The transcript in the accessibility tree: the text area is a document whose text runs (from
//! [`reading`](super::reading)) hold the whole transcript, not only the paragraphs on screen, with
//! speakers and excerpt boundaries; its caret and selection are the view's; and a screen reader
//! that moves the caret or selects text (AT-SPI `SetSelection`, `SetCaretOffset`) selects it in
//! the view, so an excerpt can be made from it with Ctrl+E.
//!
//! Built only while AccessKit is on (a screen reader or a test asked for the tree), and the runs
//! only once per transcript and project revision.

use super::layout::Layout;
use super::reading::{self, Run};
use crate::model::{Project, Transcript, TranscriptId};
use crate::ui::view_state::{TextSelection, ViewState};
use egui::accesskit;

/// The runs of the transcript last exposed, and the tree ids they were given.
#[derive(Default)]
pub(super) struct Exposed {
    key: Option<(TranscriptId, u64)>,
    runs: Vec<Run>,
    ids: Vec<accesskit::NodeId>,
}

/// The document's node, and where it is on screen: the text's left edge and width, and the top
/// of the page.
pub(super) struct Placement<'a> {
    pub(super) document: &'a egui::Response,
    pub(super) text_left: f32,
    pub(super) text_width: f32,
    pub(super) top: f32,
}

impl Exposed {
    /// Puts the transcript's text runs under the document node `document` and shows the view's
    /// selection on it. Does nothing while AccessKit is off.
    pub(super) fn expose(
        &mut self,
        ui: &mut egui::Ui,
        project: &Project,
        transcript: &Transcript,
        layout: &Layout,
        view: &ViewState,
        at: Placement<'_>,
    ) {
        let document = at.document;
        let on = ui
            .ctx()
            .accesskit_node_builder(document.id, |node| {
                node.set_description(describe(project, transcript));
            })
            .is_some();
        if !on {
            return;
        }
        let key = (transcript.id, view.project_revision);
        if self.key != Some(key) {
            let excerpts = project.excerpts_of(transcript.id);
            let labelled = excerpts
                .iter()
                .map(|e| (e.start, e.end, project.excerpt_label(e)))
                .collect::<Vec<_>>();
            let marks =
                reading::excerpt_marks(labelled.iter().map(|(s, e, l)| (*s, *e, l.as_str())));
            self.runs = reading::runs(&transcript.text, &layout.paragraphs, &marks);
            self.key = Some(key);
        }
        self.ids.clear();
        // One container under the document holds the runs (a generic container, which AT-SPI
        // and the text interface look through); each run is a widget of no size in it, which
        // is the lightest way egui has to give a node its parent.
        let runs_ui = ui.new_child(
            egui::UiBuilder::new()
                .id_salt("reading")
                .accessibility_parent(document.id),
        );
        let container = runs_ui.unique_id();
        for (index, run) in self.runs.iter().enumerate() {
            let id = container.with(index);
            runs_ui.interact(egui::Rect::NOTHING, id, egui::Sense::hover());
            let paragraph = run.paragraph.min(layout.paragraphs.len().saturating_sub(1));
            let top = at.top + layout.tops.get(paragraph).copied().unwrap_or(0.0);
            let bottom = at.top + layout.tops.get(paragraph + 1).copied().unwrap_or(0.0);
            ui.ctx().accesskit_node_builder(id, |node| {
                node.set_role(accesskit::Role::TextRun);
                node.set_text_direction(accesskit::TextDirection::LeftToRight);
                node.set_value(run.text.as_str());
                node.set_character_lengths(run.lengths.as_slice());
                node.set_word_starts(run.word_starts.as_slice());
                // The paragraph's box: where the run is, near enough to scroll and point to it.
                node.set_bounds(accesskit::Rect {
                    x0: at.text_left.into(),
                    y0: top.into(),
                    x1: (at.text_left + at.text_width).into(),
                    y1: bottom.max(top + 1.0).into(),
                });
            });
            self.ids.push(id.accesskit_id());
        }
        if let Some(selection) = view.text_selection {
            let anchor = self.position(selection.anchor);
            let focus = self.position(selection.cursor);
            if let (Some(anchor), Some(focus)) = (anchor, focus) {
                ui.ctx().accesskit_node_builder(document.id, |node| {
                    node.set_text_selection(accesskit::TextSelection { anchor, focus });
                });
            }
        }
    }

    fn position(&self, offset: usize) -> Option<accesskit::TextPosition> {
        let (run, index) = reading::place_of(&self.runs, offset)?;
        Some(accesskit::TextPosition {
            node: *self.ids.get(run)?,
            character_index: index,
        })
    }

    fn offset(&self, position: accesskit::TextPosition) -> Option<usize> {
        let run = self.ids.iter().position(|id| *id == position.node)?;
        reading::offset_of(&self.runs, run, position.character_index)
    }

    /// A selection a screen reader asked for on the document (`document`'s id) since the last
    /// frame, as a selection of the transcript's chars (an empty one is the caret).
    pub(super) fn requested_selection(
        &self,
        ui: &egui::Ui,
        document: egui::Id,
        transcript: &Transcript,
    ) -> Option<TextSelection> {
        let target = document.accesskit_id();
        ui.input(|input| {
            input.events.iter().rev().find_map(|event| {
                let egui::Event::AccessKitActionRequest(request) = event else {
                    return None;
                };
                let Some(accesskit::ActionData::SetTextSelection(wanted)) = &request.data else {
                    return None;
                };
                let ours = request.target_node == target || self.ids.contains(&request.target_node);
                if request.action != accesskit::Action::SetTextSelection || !ours {
                    return None;
                }
                let anchor = self.offset(wanted.anchor)?;
                let cursor = self.offset(wanted.focus)?;
                Some(TextSelection::new(&transcript.text, anchor, cursor, false))
            })
        })
    }
}

/// What the document is, said after its name: whose interview and how many excerpts it has.
fn describe(project: &Project, transcript: &Transcript) -> String {
    let excerpts = project
        .excerpts
        .iter()
        .filter(|e| e.transcript == transcript.id)
        .count();
    format!(
        "{}, {}",
        transcript.name,
        crate::model::plural(excerpts, "excerpt")
    )
}
