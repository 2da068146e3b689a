//! Text search over a project: every place a word, phrase or regular expression occurs in the
//! transcripts (and, when asked, in memos, excerpt labels and codes), with the words around each
//! hit for a keyword-in-context list. The window's find bar and Search all transcripts, and
//! `continuum search`, all run [`search`].
//!
//! Text is compared as text, not bytes (see `fold.rs`): composed and decomposed letters match,
//! case folding is Unicode's, and every hit is reported in exact char offsets of the stored text,
//! the unit excerpts use, so a hit becomes an excerpt on exactly the words that were found.
//!
//! Bounds: every hit is counted, but only the first [`MAX_HITS`] are kept with their context; the
//! rest are in the counts, and the result says it was cut. A search can be stopped between texts
//! (the window stops a search that a newer one replaces).

mod extend;
mod fold;
mod hits;
mod pattern;
#[cfg(test)]
mod tests;

pub use extend::{Extent, extend};
pub use fold::{FoldOptions, Folded, fold_words, is_word_char};
pub use pattern::{Matcher, Mode, PatternError};

use crate::model::{AnnotatorId, CaseId, ExcerptId, Project, TranscriptId};
use std::collections::BTreeMap;

/// The most hits kept with their context; past it hits are only counted.
pub const MAX_HITS: usize = 10_000;

/// Chars of context kept on each side of a hit.
pub const CONTEXT_CHARS: usize = 48;

/// Whose words are searched.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub enum Speakers {
    /// Everyone's.
    #[default]
    All,
    /// The participants' own words: every turn not spoken by an interviewer (and the whole text
    /// of a transcript without turns).
    Participants,
    /// Only the interviewers' turns.
    Interviewer,
    /// The turns of the speaker with this name, as it appears in the transcripts.
    Named(String),
}

/// Which texts are searched.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Scope {
    /// Only this transcript (the find bar); `None` for all.
    pub transcript: Option<TranscriptId>,
    pub speakers: Speakers,
    /// Only transcripts of this case.
    pub case: Option<CaseId>,
    /// Only words of speakers with this role (the speaker's participant, or the transcript's).
    pub role: Option<String>,
    /// Only hits inside an excerpt with this code.
    pub code: Option<String>,
    /// Also memos, excerpt labels and codes.
    pub notes: bool,
}

/// One search: what to look for, how, and where.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Query {
    pub text: String,
    pub mode: Mode,
    pub whole_words: bool,
    pub match_case: bool,
    pub ignore_accents: bool,
    pub scope: Scope,
}

impl Query {
    /// A search for `text` as words, with every option at its default.
    pub fn words(text: &str) -> Self {
        Self {
            text: text.to_owned(),
            ..Self::default()
        }
    }

    pub fn fold_options(&self) -> FoldOptions {
        FoldOptions {
            match_case: self.match_case,
            ignore_accents: self.ignore_accents,
        }
    }
}

/// Which text of the project a hit is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Place {
    Transcript(TranscriptId),
    ProjectMemo,
    TranscriptMemo(TranscriptId),
    ExcerptLabel(ExcerptId),
    ExcerptMemo(ExcerptId),
    /// The excerpt's codes, one per line.
    ExcerptCodes(ExcerptId),
    PlacementMemo(AnnotatorId, ExcerptId),
}

impl Place {
    /// What the place is called in lists and tables.
    pub fn kind(&self) -> &'static str {
        match self {
            Place::Transcript(_) => "transcript",
            Place::ProjectMemo => "project memo",
            Place::TranscriptMemo(_) => "transcript memo",
            Place::ExcerptLabel(_) => "excerpt label",
            Place::ExcerptMemo(_) => "excerpt memo",
            Place::ExcerptCodes(_) => "codes",
            Place::PlacementMemo(..) => "placement memo",
        }
    }
}

/// One occurrence, with the words around it.
#[derive(Clone, Debug, PartialEq)]
pub struct Hit {
    pub place: Place,
    /// The transcript the text belongs to (for a memo, label or code too), if any.
    pub transcript: Option<TranscriptId>,
    pub case: Option<CaseId>,
    /// The role of whoever said it (empty when unknown or an interviewer).
    pub role: String,
    /// The speaker of the turn, as named in the transcript (empty outside turns and in notes).
    pub speaker: String,
    pub interviewer: bool,
    /// Char offsets in the place's text: start inclusive, end exclusive.
    pub start: usize,
    pub end: usize,
    /// Up to [`CONTEXT_CHARS`] chars before and after, within the same turn, line breaks as
    /// spaces; `matched` is the hit as stored.
    pub left: String,
    pub matched: String,
    pub right: String,
    /// The smallest excerpt that holds the whole hit, if any.
    pub excerpt: Option<ExcerptId>,
}

/// How many hits a group has.
pub type Counts<K> = BTreeMap<K, usize>;

/// What a search found.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Results {
    /// The first [`MAX_HITS`] hits, transcripts in project order, then notes.
    pub hits: Vec<Hit>,
    /// Every hit, including those past [`MAX_HITS`].
    pub total: usize,
    pub by_transcript: Counts<TranscriptId>,
    pub by_case: Counts<Option<CaseId>>,
    /// Hits by the role of whoever said them; interviewers' hits are counted apart.
    pub by_role: Counts<String>,
    pub by_interviewer: usize,
    /// Hits in memos, labels and codes.
    pub in_notes: usize,
}

impl Results {
    /// True when some hits were only counted.
    pub fn is_cut(&self) -> bool {
        self.total > self.hits.len()
    }

    fn add(&mut self, hit: Hit) {
        self.total += 1;
        match hit.place {
            Place::Transcript(t) => *self.by_transcript.entry(t).or_default() += 1,
            _ => self.in_notes += 1,
        }
        *self.by_case.entry(hit.case).or_default() += 1;
        if hit.interviewer {
            self.by_interviewer += 1;
        } else {
            *self.by_role.entry(hit.role.clone()).or_default() += 1;
        }
        if self.hits.len() < MAX_HITS {
            self.hits.push(hit);
        }
    }
}

/// Why a search gave no results.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SearchError {
    Pattern(PatternError),
    /// Stopped by the caller.
    Stopped,
}

impl std::fmt::Display for SearchError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SearchError::Pattern(error) => error.fmt(f),
            SearchError::Stopped => write!(f, "The search was stopped."),
        }
    }
}

impl std::error::Error for SearchError {}

impl From<PatternError> for SearchError {
    fn from(error: PatternError) -> Self {
        SearchError::Pattern(error)
    }
}

/// Runs `query` over `project`.
pub fn search(project: &Project, query: &Query) -> Result<Results, PatternError> {
    search_until(project, query, &mut || false).map_err(|error| match error {
        SearchError::Pattern(error) => error,
        SearchError::Stopped => unreachable!("nothing asks this search to stop"),
    })
}

/// Runs `query` over `project`, asking `stop` between texts whether to give up.
pub fn search_until(
    project: &Project,
    query: &Query,
    stop: &mut dyn FnMut() -> bool,
) -> Result<Results, SearchError> {
    let matcher = Matcher::new(
        &query.text,
        query.mode,
        query.whole_words,
        query.fold_options(),
    )?;
    let mut results = Results::default();
    let in_scope = hits::transcripts_in_scope(project, &query.scope);
    for transcript in &project.transcripts {
        if stop() {
            return Err(SearchError::Stopped);
        }
        if in_scope.contains(&transcript.id) {
            hits::search_transcript(project, transcript, &matcher, &query.scope, &mut results);
        }
    }
    if query.scope.notes {
        if stop() {
            return Err(SearchError::Stopped);
        }
        hits::search_notes(project, &matcher, &query.scope, &in_scope, &mut results);
    }
    Ok(results)
}
