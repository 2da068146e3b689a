//! What the panels and dialogs ask of the app during a frame, in the order they asked it.
//!
//! Panels draw with the project borrowed, so they cannot change it; they put [`Step`]s into the
//! [`Outbox`] and the app applies them, in emission order, once every panel is drawn (see
//! `docs/architecture.md`). Order matters: a dialog that imports transcripts and then shows the
//! first of them emits the edits and then the view change, and the view change must find the
//! transcript there.

use super::Command;
use crate::model::{Edit, Project, TranscriptId};

/// One thing asked of the app.
#[derive(Debug)]
pub enum Step {
    /// One edit, one undoable step (described by the edit itself).
    Edit(Edit),
    /// Edits that belong together, one undoable step, with its description.
    Group(String, Vec<Edit>),
    /// A menu command, as if chosen from the menu.
    Command(Command),
    /// A confirmation for the user (fades).
    Info(String),
    /// Something went wrong (stays until dismissed).
    Error(String),
    /// Show this transcript in the middle of the window, if it exists once the steps before
    /// have been applied.
    ShowTranscript(TranscriptId),
    /// Open this project, read from another tool's file, in place of the open one (asking about
    /// unsaved changes first).
    OpenImported(Box<Project>),
    /// Show what merging this project, read from another tool's file named `source`, into the
    /// open one would do, as File > Merge does, before anything changes.
    MergeImported(Box<Project>, String),
}

/// The steps asked for this frame.
#[derive(Debug, Default)]
pub struct Outbox {
    steps: Vec<Step>,
}

impl Outbox {
    pub fn edit(&mut self, edit: Edit) {
        self.steps.push(Step::Edit(edit));
    }

    pub fn group(&mut self, description: String, edits: Vec<Edit>) {
        self.steps.push(Step::Group(description, edits));
    }

    /// Edits on several placements as one undoable step: a single edit keeps its own
    /// description, more are described as "`what` of N placements".
    pub fn placements_step(&mut self, what: &str, mut edits: Vec<Edit>) {
        match edits.len() {
            0 => {}
            1 => self.edit(edits.remove(0)),
            n => self.group(format!("{what} of {n} placements"), edits),
        }
    }

    pub fn command(&mut self, command: Command) {
        self.steps.push(Step::Command(command));
    }

    pub fn info(&mut self, text: impl Into<String>) {
        self.steps.push(Step::Info(text.into()));
    }

    pub fn error(&mut self, text: impl Into<String>) {
        self.steps.push(Step::Error(text.into()));
    }

    pub fn show_transcript(&mut self, transcript: TranscriptId) {
        self.steps.push(Step::ShowTranscript(transcript));
    }

    pub fn open_imported(&mut self, project: Box<Project>) {
        self.steps.push(Step::OpenImported(project));
    }

    /// The steps, in the order they were asked for, leaving the outbox empty.
    pub fn merge_imported(&mut self, project: Box<Project>, source: String) {
        self.steps.push(Step::MergeImported(project, source));
    }

    pub fn take(&mut self) -> Vec<Step> {
        std::mem::take(&mut self.steps)
    }
}
