//! What the user is looking at and has selected: view state shared by the panels, never saved in
//! the project file (what is worth keeping, the active annotator and the last figure's settings,
//! is copied into the project when it is saved). Panels change it directly; project changes go
//! through the [`Outbox`](super::outbox::Outbox).

use crate::model::{AnnotatorId, ExcerptId, TranscriptId};

/// A text selection in the current transcript, in chars. `anchor` is where the mouse went down
/// and `cursor` where it is now; the selected range is widened to whole words unless the user
/// asked for exact characters (Alt held while dragging).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TextSelection {
    pub anchor: usize,
    pub cursor: usize,
    pub whole_words: bool,
    start: usize,
    end: usize,
}

impl TextSelection {
    pub fn new(text: &str, anchor: usize, cursor: usize, whole_words: bool) -> Self {
        let (start, end) = if whole_words {
            crate::model::snap_to_words(text, anchor, cursor)
        } else {
            (anchor.min(cursor), anchor.max(cursor))
        };
        Self {
            anchor,
            cursor,
            whole_words,
            start,
            end,
        }
    }

    /// The same selection with the cursor moved.
    pub fn moved_to(&self, text: &str, cursor: usize) -> Self {
        Self::new(text, self.anchor, cursor, self.whole_words)
    }

    /// The selected range, ordered, start inclusive and end exclusive.
    pub fn range(&self) -> (usize, usize) {
        (self.start, self.end)
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
}

/// Which memo the memo editor shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum MemoTab {
    #[default]
    Placement,
    Excerpt,
    Transcript,
    Project,
}

/// What the window shows and what is selected in it.
#[derive(Debug, Default)]
pub struct ViewState {
    pub transcript: Option<TranscriptId>,
    pub selected_excerpt: Option<ExcerptId>,
    pub text_selection: Option<TextSelection>,
    pub active_annotator: Option<AnnotatorId>,
    /// Set to scroll the transcript view to a char offset on the next frame it can.
    pub scroll_to_char: Option<usize>,
    pub memo_tab: MemoTab,
    /// The code being typed in the inspector, not yet added.
    pub code_draft: String,
    /// The document's change count this frame, for caches of what is computed from the project.
    pub project_revision: u64,
    /// The continuum canvas: what it shows, where it is scrolled, which markers are selected.
    pub map: super::map_view::MapView,
    /// Whether the transcript text had keyboard focus last frame: its keys move the caret, so the
    /// window's own key handling (nudging placements, Escape) leaves them alone.
    pub transcript_focused: bool,
    /// The transcript text takes the keyboard next frame (F6 from elsewhere).
    pub focus_text: bool,
    /// The settings of the last map export of this project, for the next one.
    pub export: Option<super::export_map::ExportMemory>,
    /// The find bar above the transcript.
    pub find: super::find_bar::FindBar,
    /// The last search of all transcripts, for when the window is opened again.
    pub last_search: Option<crate::search::Query>,
    /// The transcript list's counts of excerpts and placements.
    pub list_counts: super::transcript_list::Counts,
}

impl ViewState {
    /// Shows `transcript`, dropping any text selection from the previous one.
    pub fn show_transcript(&mut self, transcript: TranscriptId) {
        if self.transcript != Some(transcript) {
            self.transcript = Some(transcript);
            self.text_selection = None;
        }
    }

    /// Selects an excerpt and brings it into view.
    pub fn select_excerpt(&mut self, excerpt: ExcerptId, transcript: TranscriptId, start: usize) {
        self.show_transcript(transcript);
        self.selected_excerpt = Some(excerpt);
        self.map.selection.clear();
        self.text_selection = None;
        self.scroll_to_char = Some(start);
    }
}
