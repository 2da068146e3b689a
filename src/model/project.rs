//! The project and its entities, exactly as they are stored in the project file.
//!
//! Every collection is kept sorted by id, so saving is deterministic and lookups can binary-search.

use super::{
    AnnotatorId, CaseId, Colour, Continuum, ExcerptId, IdsExhausted, ParticipantId, Timestamp,
    TranscriptId,
};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The version of the project file this build writes. Older files are migrated on load; newer
/// ones are refused.
pub const FORMAT_VERSION: u32 = 1;

/// A setting being compared, e.g. a home-care unit.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Case {
    pub id: CaseId,
    pub name: String,
    #[serde(default)]
    pub description: String,
}

/// An interviewee.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Participant {
    pub id: ParticipantId,
    pub name: String,
    /// Free text: "manager", "staff", "citizen", …
    pub role: String,
    pub case: Option<CaseId>,
}

/// One speaker turn: the span of the transcript text that one speaker said.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Turn {
    /// First char of the utterance (inclusive).
    pub start: usize,
    /// End of the utterance (exclusive).
    pub end: usize,
    /// The speaker as named in the source ("Interviewer", "Mette"); empty if the source names none.
    pub speaker: String,
    /// Where the turn starts in the recording, in milliseconds (from subtitle files).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_ms: Option<u64>,
}

/// Who a speaker named in a transcript is.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Speaker {
    /// The name as it appears in the turns.
    pub name: String,
    /// The participant this speaker is, if any.
    #[serde(default)]
    pub participant: Option<ParticipantId>,
    /// True for the interviewer (whose turns are not the participant's words).
    #[serde(default)]
    pub interviewer: bool,
}

/// The text of one interview. It changes only through Replace text (`Edit::ReplaceText`), which
/// gives every excerpt of the transcript its range in the new text in the same step, so excerpt
/// offsets always fit the text as it is now.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Transcript {
    pub id: TranscriptId,
    pub name: String,
    pub participant: Option<ParticipantId>,
    pub case: Option<CaseId>,
    #[serde(default)]
    pub memo: String,
    /// Who each named speaker is.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub speakers: Vec<Speaker>,
    /// Speaker turns in text order, not overlapping.
    #[serde(default)]
    pub turns: Vec<Turn>,
    pub text: String,
}

impl Transcript {
    /// A transcript of speaker turns given as (speaker, words), one turn per line, with no
    /// participant, case or memo: how tests, benchmarks and examples write one out.
    pub fn of_turns(id: TranscriptId, name: &str, turns: &[(&str, &str)]) -> Self {
        let mut text = String::new();
        let mut spans = Vec::with_capacity(turns.len());
        let mut chars = 0;
        for (speaker, words) in turns {
            if !text.is_empty() {
                text.push('\n');
                chars += 1;
            }
            text.push_str(words);
            let start = chars;
            chars += words.chars().count();
            spans.push(Turn {
                start,
                end: chars,
                speaker: (*speaker).into(),
                time_ms: None,
            });
        }
        Self {
            id,
            name: name.into(),
            participant: None,
            case: None,
            memo: String::new(),
            speakers: Vec::new(),
            turns: spans,
            text,
        }
    }
}

/// A span of a transcript, in chars: `start` inclusive, `end` exclusive.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Excerpt {
    pub id: ExcerptId,
    pub transcript: TranscriptId,
    pub start: usize,
    pub end: usize,
    /// A short name for the map; empty means "use the first words of the quote".
    #[serde(default)]
    pub label: String,
    #[serde(default)]
    pub memo: String,
    /// Tags such as "reciprocity" or "display rule", in the order given; each non-empty, trimmed
    /// and listed once.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub codes: Vec<String>,
}

/// One annotator's position for one excerpt.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Placement {
    pub excerpt: ExcerptId,
    /// 0.0 is the closeness pole, 1.0 the distance pole.
    pub position: f64,
    #[serde(default)]
    pub memo: String,
    pub created: Timestamp,
    pub modified: Timestamp,
}

/// A person coding, with their own layer of placements.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Annotator {
    pub id: AnnotatorId,
    pub name: String,
    pub colour: Colour,
    /// This annotator's placements, sorted by excerpt id; at most one per excerpt.
    #[serde(default)]
    pub placements: Vec<Placement>,
    /// The team's settled positions rather than one person's: shown and exported like any layer,
    /// but left out of agreement statistics. At most one annotator is the consensus.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub consensus: bool,
}

/// How the project was last looked at, restored when it is opened again. Not research data: it
/// is no edit (nothing to undo, no unsaved change of its own) and is written with the next save.
/// A file without it, or with a setting that no longer fits the project, opens as before.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ViewSettings {
    /// The annotator who was coding when the project was saved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub active_annotator: Option<AnnotatorId>,
    /// The settings of the last map figure exported, for the next export.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub figure: Option<FigureSettings>,
}

/// How the last continuum map figure was exported (File > Export map…), so the next export of
/// the project, in this window or after reopening it, starts from the same choices.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FigureSettings {
    /// What the lanes gather: `case`, `role`, `participant`, `transcript` or `annotator`.
    pub lanes: String,
    /// Whose placements, by id; absent for everyone's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub annotators: Option<Vec<AnnotatorId>>,
    /// What the colours stand for: `annotator` or `case`.
    pub colours: String,
    /// Filters: only this case, role, code, or words in the quote or label.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub case: Option<CaseId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub words: String,
    /// Every marker labelled (true) or none.
    pub labels: bool,
    /// Anchors as shaded zones (true) or thin lines.
    pub zones: bool,
    /// Each excerpt's markers by different annotators joined by a line.
    pub connectors: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Width in points.
    pub width: f32,
    /// PNG resolution, 1 (75 dpi) to 4 (300 dpi).
    pub scale: f32,
    /// PNG (true) or SVG.
    pub png: bool,
}

impl ViewSettings {
    pub fn is_default(&self) -> bool {
        *self == Self::default()
    }
}

/// Everything one project file holds.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Project {
    pub format_version: u32,
    pub title: String,
    /// The project memo.
    #[serde(default)]
    pub memo: String,
    pub continuum: Continuum,
    #[serde(default)]
    pub cases: Vec<Case>,
    #[serde(default)]
    pub participants: Vec<Participant>,
    #[serde(default)]
    pub transcripts: Vec<Transcript>,
    #[serde(default)]
    pub excerpts: Vec<Excerpt>,
    #[serde(default)]
    pub annotators: Vec<Annotator>,
    /// The colour of each code that has one, by the code's name as excerpts carry it (e.g.
    /// `"Attitude/sceptical"`); sorted by name, so saving is deterministic. A code may have a
    /// colour before any excerpt carries it (another tool's codebook). Written only when there
    /// is one, so files from before it save to the same bytes.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub code_colours: BTreeMap<String, Colour>,
    /// Blind coding: while set, the window shows only this annotator's placements and hides
    /// agreement, so a coder is not swayed by the others. Sent with a copy of the project.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub blind: Option<AnnotatorId>,
    /// How the window last showed the project; written only when set, so older files and
    /// projects never viewed save to the same bytes as before.
    #[serde(default, skip_serializing_if = "ViewSettings::is_default")]
    pub view: ViewSettings,
}

/// The title of a project nobody has named yet.
pub const UNTITLED_PROJECT: &str = "Untitled project";

impl Default for Project {
    fn default() -> Self {
        Self::new(UNTITLED_PROJECT)
    }
}

/// The item with `key` in a list kept sorted by it (edits insert in order and loading sorts), by
/// binary search: the map and the layout look excerpts and placements up thousands of times a
/// frame. A list built out of order by hand still gives the right answer, by a plain scan.
fn find_sorted<T, K: Ord + Copy>(list: &[T], key: K, key_of: impl Fn(&T) -> K) -> Option<&T> {
    match list.binary_search_by_key(&key, &key_of) {
        Ok(at) => Some(&list[at]),
        Err(_) => list.iter().find(|item| key_of(item) == key),
    }
}

impl Project {
    /// An empty project with the default continuum.
    pub fn new(title: &str) -> Self {
        Self {
            format_version: FORMAT_VERSION,
            title: title.to_owned(),
            memo: String::new(),
            continuum: Continuum::default(),
            cases: Vec::new(),
            participants: Vec::new(),
            transcripts: Vec::new(),
            excerpts: Vec::new(),
            annotators: Vec::new(),
            code_colours: BTreeMap::new(),
            blind: None,
            view: ViewSettings::default(),
        }
    }

    pub fn case(&self, id: CaseId) -> Option<&Case> {
        find_sorted(&self.cases, id, |c| c.id)
    }

    pub fn participant(&self, id: ParticipantId) -> Option<&Participant> {
        find_sorted(&self.participants, id, |p| p.id)
    }

    pub fn transcript(&self, id: TranscriptId) -> Option<&Transcript> {
        find_sorted(&self.transcripts, id, |t| t.id)
    }

    pub fn excerpt(&self, id: ExcerptId) -> Option<&Excerpt> {
        find_sorted(&self.excerpts, id, |e| e.id)
    }

    /// The consensus layer, if the team has started one.
    pub fn consensus(&self) -> Option<&Annotator> {
        self.annotators.iter().find(|a| a.consensus)
    }

    pub fn annotator(&self, id: AnnotatorId) -> Option<&Annotator> {
        self.annotators.iter().find(|a| a.id == id)
    }

    pub fn placement(&self, annotator: AnnotatorId, excerpt: ExcerptId) -> Option<&Placement> {
        find_sorted(&self.annotator(annotator)?.placements, excerpt, |p| {
            p.excerpt
        })
    }

    /// The excerpts of one transcript, in text order.
    pub fn excerpts_of(&self, transcript: TranscriptId) -> Vec<&Excerpt> {
        let mut list: Vec<_> = self
            .excerpts
            .iter()
            .filter(|e| e.transcript == transcript)
            .collect();
        list.sort_by_key(|e| (e.start, e.end, e.id));
        list
    }

    /// The quoted text of an excerpt ("" if its transcript is missing).
    pub fn quote(&self, excerpt: &Excerpt) -> &str {
        self.transcript(excerpt.transcript).map_or("", |t| {
            super::char_slice(&t.text, excerpt.start, excerpt.end)
        })
    }

    /// The label to show for an excerpt: its own label, or the first words of its quote.
    pub fn excerpt_label(&self, excerpt: &Excerpt) -> String {
        if excerpt.label.trim().is_empty() {
            super::short_label(self.quote(excerpt), 32)
        } else {
            excerpt.label.trim().to_owned()
        }
    }

    /// The case a transcript belongs to: its own, else its participant's.
    /// Every participant's role, once each, sorted; without the empty role.
    pub fn roles(&self) -> Vec<String> {
        let roles: std::collections::BTreeSet<&String> = self
            .participants
            .iter()
            .map(|p| &p.role)
            .filter(|r| !r.is_empty())
            .collect();
        roles.into_iter().cloned().collect()
    }

    /// The colour of a code, if it has one.
    pub fn code_colour(&self, code: &str) -> Option<Colour> {
        self.code_colours.get(code).copied()
    }

    /// Every code used on any excerpt, sorted.
    pub fn codes(&self) -> Vec<String> {
        let codes: std::collections::BTreeSet<&String> =
            self.excerpts.iter().flat_map(|e| &e.codes).collect();
        codes.into_iter().cloned().collect()
    }

    pub fn case_of_transcript(&self, transcript: &Transcript) -> Option<CaseId> {
        transcript.case.or_else(|| {
            transcript
                .participant
                .and_then(|p| self.participant(p))
                .and_then(|p| p.case)
        })
    }

    /// The id for a new case: one past the largest, or an error past the largest possible.
    pub fn next_case_id(&self) -> Result<CaseId, IdsExhausted> {
        CaseId::after_all(self.cases.iter().map(|x| x.id))
    }

    /// The id for a new participant: one past the largest, or an error past the largest possible.
    pub fn next_participant_id(&self) -> Result<ParticipantId, IdsExhausted> {
        ParticipantId::after_all(self.participants.iter().map(|x| x.id))
    }

    /// The id for a new transcript: one past the largest, or an error past the largest possible.
    pub fn next_transcript_id(&self) -> Result<TranscriptId, IdsExhausted> {
        TranscriptId::after_all(self.transcripts.iter().map(|x| x.id))
    }

    /// The id for a new excerpt: one past the largest, or an error past the largest possible.
    pub fn next_excerpt_id(&self) -> Result<ExcerptId, IdsExhausted> {
        ExcerptId::after_all(self.excerpts.iter().map(|x| x.id))
    }

    /// The id for a new annotator: one past the largest, or an error past the largest possible.
    pub fn next_annotator_id(&self) -> Result<AnnotatorId, IdsExhausted> {
        AnnotatorId::after_all(self.annotators.iter().map(|x| x.id))
    }

    /// Counts words of all transcripts (whitespace-separated), for summaries.
    pub fn word_count(&self) -> usize {
        self.transcripts
            .iter()
            .map(|t| t.text.split_whitespace().count())
            .sum()
    }
}

#[cfg(test)]
mod tests {
    use super::find_sorted;

    #[test]
    fn lookups_find_items_in_sorted_and_in_hand_built_unsorted_lists() {
        let sorted = [1, 3, 5, 7, 9];
        for key in sorted {
            assert_eq!(find_sorted(&sorted, key, |x| *x), Some(&key));
        }
        assert_eq!(find_sorted(&sorted, 4, |x| *x), None);
        let unsorted = [9, 1, 7, 3, 5, 2];
        for key in unsorted {
            assert_eq!(find_sorted(&unsorted, key, |x| *x), Some(&key));
        }
        assert_eq!(find_sorted(&unsorted, 4, |x| *x), None);
        assert_eq!(find_sorted(&[] as &[u32], 4, |x| *x), None);
    }
}
