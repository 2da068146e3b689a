//! How the continuum map is to be drawn: what the lanes group by, which placements pass the
//! filters, which markers carry labels, what the colours stand for, and the figure's width and
//! title. The window, the export dialog and `continuum export-map` all fill in one
//! [`MapSettings`] and hand it to [`layout`](super::layout), so they draw the same map.

use crate::model::{AnnotatorId, CaseId, Excerpt, Project, TranscriptId};

/// What the lanes group placements by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GroupBy {
    Case,
    Role,
    Participant,
    Transcript,
    Annotator,
}

impl GroupBy {
    pub const ALL: [GroupBy; 5] = [
        GroupBy::Case,
        GroupBy::Role,
        GroupBy::Participant,
        GroupBy::Transcript,
        GroupBy::Annotator,
    ];

    pub fn name(self) -> &'static str {
        match self {
            GroupBy::Case => "case",
            GroupBy::Role => "role",
            GroupBy::Participant => "participant",
            GroupBy::Transcript => "transcript",
            GroupBy::Annotator => "annotator",
        }
    }

    pub fn parse(text: &str) -> Option<GroupBy> {
        GroupBy::ALL.into_iter().find(|g| g.name() == text)
    }
}

/// Which placements the map shows, by their excerpt: one case, one role, one code, and words in
/// the quote or label. Empty fields let everything through.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MapFilter {
    pub case: Option<CaseId>,
    pub role: Option<String>,
    pub code: Option<String>,
    /// Words that must occur in the quote or the label (case-insensitive).
    pub text: String,
}

impl MapFilter {
    pub fn is_empty(&self) -> bool {
        self.case.is_none()
            && self.role.is_none()
            && self.code.is_none()
            && self.text.trim().is_empty()
    }

    /// Whether the placements of `excerpt` pass.
    pub fn passes(&self, project: &Project, excerpt: &Excerpt) -> bool {
        let transcript = project.transcript(excerpt.transcript);
        if let Some(case) = self.case
            && transcript.and_then(|t| project.case_of_transcript(t)) != Some(case)
        {
            return false;
        }
        if let Some(role) = &self.role {
            let actual = transcript
                .and_then(|t| t.participant)
                .and_then(|p| project.participant(p))
                .map(|p| p.role.as_str());
            if actual != Some(role.as_str()) {
                return false;
            }
        }
        if let Some(code) = &self.code
            && !excerpt.codes.contains(code)
        {
            return false;
        }
        let words = self.text.trim().to_lowercase();
        words.is_empty()
            || project.quote(excerpt).to_lowercase().contains(&words)
            || excerpt.label.to_lowercase().contains(&words)
    }
}

/// Which markers carry a text label.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Labels {
    All,
    None,
    /// Only the markers of one transcript (while coding it); the rest are dots.
    Transcript(TranscriptId),
}

/// What the marker colours stand for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColourBy {
    /// Each annotator's own colour.
    Annotator,
    /// The colour-blind-safe palette in case order.
    Case,
}

/// How the map is drawn.
#[derive(Clone, Debug, PartialEq)]
pub struct MapSettings {
    pub group_by: GroupBy,
    /// Which annotators' placements to show; `None` shows everyone's.
    pub annotators: Option<Vec<AnnotatorId>>,
    pub filter: MapFilter,
    pub labels: Labels,
    /// Anchors as shaded bands between them (true) or as thin lines at their points (false).
    pub zones: bool,
    pub colour_by: ColourBy,
    /// Join the markers of one excerpt by different annotators with a thin line.
    pub connectors: bool,
    pub title: Option<String>,
    /// Width of the figure in points (a journal column is about 250, a page about 500).
    pub width: f32,
    /// How many times more markers a lane may show one by one than fit at this width: 1 for a
    /// figure; the canvas passes its zoom, so zooming in shows each marker of a crowded lane.
    pub detail: f32,
}

impl Default for MapSettings {
    fn default() -> Self {
        Self {
            group_by: GroupBy::Case,
            annotators: None,
            filter: MapFilter::default(),
            labels: Labels::All,
            zones: true,
            colour_by: ColourBy::Annotator,
            connectors: false,
            title: None,
            width: 720.0,
            detail: 1.0,
        }
    }
}
