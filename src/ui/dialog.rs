//! Dialogs and windows behind one small trait, and one helper for the questions that are answered
//! with a button (Save / Don't save / Cancel).
//!
//! The app holds one modal slot and a list of open windows, both as `Box<dyn Dialog>`; adding a
//! dialog means one file with a type that implements [`Dialog`], and one line where a command
//! opens it. A dialog never changes the project or the app itself: it reports what the user chose
//! by emitting [`Step`](super::outbox::Step)s into the outbox, which the app applies after the
//! frame's panels and dialogs are drawn, in order.
//!
//! Implementation notes: the trait takes an [`egui::Context`] rather than a `Ui` because every
//! dialog is its own `Modal` or `Window`; the [`DialogContext`] bundles what dialogs read so that a
//! new one does not need a new parameter threaded through the app.

use super::file_dialogs::FileDialogs;
use super::outbox::Outbox;
use super::view_state::ViewState;
use crate::model::Project;
use std::path::Path;

/// What a dialog may read and where it reports.
pub struct DialogContext<'a> {
    pub project: &'a Project,
    /// The document's change count: a cache computed from the project is current while it holds.
    pub revision: u64,
    /// Where the open project is saved, if it is.
    pub project_path: Option<&'a Path>,
    pub view: &'a mut ViewState,
    pub out: &'a mut Outbox,
    /// The file dialogs, started in the project's folder.
    pub files: &'a dyn FileDialogs,
}

/// A dialog (modal: it owns the keyboard while open) or a window (beside the work). `Any`, so
/// the app can tell which kind of window is open (one of each kind).
pub trait Dialog: std::any::Any {
    /// Draws the dialog; returns `false` once it has closed.
    fn show(&mut self, ctx: &egui::Context, cx: &mut DialogContext<'_>) -> bool;

    /// Whether it shows other annotators' work, and so closes when blind coding starts.
    fn shows_others_work(&self) -> bool {
        false
    }

    /// For the session test: each cache it would reuse that differs from a fresh computation.
    fn stale_caches(&self, _project: &Project, _revision: u64) -> Vec<String> {
        Vec::new()
    }
}

/// A modal dialog that keeps its top where it is. Centred on the window, as egui places a
/// modal, it moved up or down each time its content changed height (a box ticked, PNG chosen
/// instead of SVG), and the user's next click missed.
pub fn steady_modal(ctx: &egui::Context, id: egui::Id) -> egui::Modal {
    let top = (0.12 * ctx.content_rect().height()).clamp(24.0, 110.0);
    let area = egui::Modal::default_area(id).anchor(egui::Align2::CENTER_TOP, egui::vec2(0.0, top));
    egui::Modal::new(id).area(area)
}

/// One button of a question: its label and what it does, on hover.
pub struct Answer<'a> {
    pub label: &'a str,
    pub hint: Option<&'a str>,
}

impl<'a> Answer<'a> {
    pub fn new(label: &'a str) -> Self {
        Self { label, hint: None }
    }

    pub fn hint(mut self, hint: &'a str) -> Self {
        self.hint = Some(hint);
        self
    }
}

/// A modal question with a heading, an explanation and a row of buttons. Returns the index of the
/// button clicked, if any this frame; Escape answers with the last button, which is always the
/// one that changes nothing (Cancel, Keep coding blind).
pub fn ask(
    ctx: &egui::Context,
    id: &str,
    width: f32,
    heading: &str,
    explanation: &str,
    answers: &[Answer<'_>],
) -> Option<usize> {
    let mut chosen = None;
    steady_modal(ctx, egui::Id::unique(("question", id))).show(ctx, |ui| {
        ui.set_width(width);
        ui.heading(heading);
        ui.label(explanation);
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            for (i, answer) in answers.iter().enumerate() {
                let mut response = ui.button(answer.label);
                if let Some(hint) = answer.hint {
                    response = response.on_hover_text(hint);
                }
                if response.clicked() {
                    chosen = Some(i);
                }
            }
        });
        if chosen.is_none() && ui.input(|i| i.key_pressed(egui::Key::Escape)) {
            chosen = answers.len().checked_sub(1);
        }
    });
    chosen
}
