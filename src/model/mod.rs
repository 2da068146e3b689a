//! The domain of Continuum, pure Rust with no GUI: a project with its continuum, transcripts,
//! excerpts and each annotator's placements, plus the single edit path every change goes through.
//!
//! Nothing here reads or writes files (see `crate::io`) or knows about egui (see `crate::ui`).

mod colour;
mod continuum;
mod edit;
mod history;
mod ids;
pub mod import_plan;
pub mod merge;
mod project;
mod reanchor;
mod rules;
mod text;
mod timestamp;
mod validate;

pub use colour::Colour;
pub use continuum::{Anchor, Continuum};
pub use edit::{Edit, EditError, MemoTarget};
pub use history::{COALESCE_WINDOW, History};
pub use ids::{AnnotatorId, CaseId, ExcerptId, IdsExhausted, ParticipantId, TranscriptId};
pub use project::{
    Annotator, Case, Excerpt, FORMAT_VERSION, FigureSettings, Participant, Placement, Project,
    Speaker, Transcript, Turn, UNTITLED_PROJECT, ViewSettings,
};
pub use reanchor::reanchor;
pub use text::{
    CharIndex, char_len, char_slice, escape_markup, plural, short_label, snap_to_words,
};
pub use timestamp::Timestamp;
pub use validate::ValidationError;
