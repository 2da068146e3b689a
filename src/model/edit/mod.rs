//! The single path by which a project changes. The GUI, the command line and the importers build
//! [`Edit`]s and hand them to [`Project::apply`], which checks them, applies them, and returns the
//! edit that undoes them. Undo, autosave and "unsaved changes" tracking all hang off this one hook.
//! What an edit may put into a project is decided by `rules`, the same rules a file is checked by
//! when it is opened, so no edit can make a project that would then be refused.

use super::rules::{code_problem, codes_problem, position_problem, range_problem, turns_problem};
use super::{
    Annotator, AnnotatorId, Case, CaseId, Colour, Continuum, Excerpt, ExcerptId, Participant,
    ParticipantId, Placement, Project, Timestamp, Transcript, TranscriptId, Turn, char_len,
};
use std::fmt;

mod describe;

/// What a memo is attached to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MemoTarget {
    Project,
    Transcript(TranscriptId),
    Excerpt(ExcerptId),
    Placement(AnnotatorId, ExcerptId),
}

/// One change to a project.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    SetTitle(String),
    SetMemo {
        target: MemoTarget,
        text: String,
    },
    SetContinuum(Continuum),
    AddCase(Case),
    RemoveCase(CaseId),
    AddParticipant(Participant),
    RemoveParticipant(ParticipantId),
    AddTranscript(Transcript),
    /// Only a transcript without excerpts can be removed this way.
    RemoveTranscript(TranscriptId),
    /// Replaces a transcript's text (a corrected version) and moves every one of its excerpts to
    /// its place in the new text. Each excerpt of the transcript must be given a new range.
    ReplaceText {
        transcript: TranscriptId,
        text: String,
        turns: Vec<Turn>,
        ranges: Vec<(ExcerptId, usize, usize)>,
    },
    AddExcerpt(Excerpt),
    SetExcerptLabel {
        excerpt: ExcerptId,
        label: String,
    },
    /// Replaces the codes of an excerpt (each trimmed, non-empty and listed once).
    SetExcerptCodes {
        excerpt: ExcerptId,
        codes: Vec<String>,
    },
    /// Gives a code a colour, or takes it away (`None`). The code need not be on any excerpt:
    /// another tool's codebook brings colours for codes nobody has used yet.
    SetCodeColour {
        code: String,
        colour: Option<Colour>,
    },
    /// Removes the excerpt and every annotator's placement of it.
    RemoveExcerpt(ExcerptId),
    /// The undo of [`Edit::RemoveExcerpt`]: the excerpt with the placements it had.
    RestoreExcerpt {
        excerpt: Excerpt,
        placements: Vec<(AnnotatorId, Placement)>,
    },
    AddAnnotator(Annotator),
    SetAnnotator {
        id: AnnotatorId,
        name: String,
        colour: Colour,
    },
    /// Removes the annotator with their whole layer of placements.
    RemoveAnnotator(AnnotatorId),
    /// Starts blind coding as one annotator, or ends it (`None`).
    SetBlind(Option<AnnotatorId>),
    /// Creates or replaces one annotator's placement of one excerpt.
    SetPlacement {
        annotator: AnnotatorId,
        placement: Placement,
    },
    RemovePlacement {
        annotator: AnnotatorId,
        excerpt: ExcerptId,
    },
}

/// Why an edit was refused. The project is unchanged when this is returned.
#[derive(Clone, Debug, PartialEq)]
pub enum EditError {
    NotFound(String),
    DuplicateId(String),
    OutOfRange(String),
    InUse(String),
}

impl fmt::Display for EditError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EditError::NotFound(what) => write!(f, "{what} does not exist"),
            EditError::DuplicateId(what) => write!(f, "{what} already exists"),
            EditError::OutOfRange(what) => write!(f, "{what}"),
            EditError::InUse(what) => write!(f, "{what}"),
        }
    }
}

impl std::error::Error for EditError {}

impl Edit {
    /// The edit that places (or moves) `excerpt` at `position` for `annotator`, keeping the memo and
    /// creation time of an existing placement.
    pub fn place(
        project: &Project,
        annotator: AnnotatorId,
        excerpt: ExcerptId,
        position: f64,
        now: Timestamp,
    ) -> Edit {
        let old = project.placement(annotator, excerpt);
        Edit::SetPlacement {
            annotator,
            placement: Placement {
                excerpt,
                position: position.clamp(0.0, 1.0),
                memo: old.map(|p| p.memo.clone()).unwrap_or_default(),
                created: old.map_or(now, |p| p.created),
                modified: now,
            },
        }
    }

    /// The edits that move each of `excerpts` placed by `annotator` by `delta` (clamped to the
    /// axis); excerpts the annotator has not placed are left out.
    pub fn move_by(
        project: &Project,
        annotator: AnnotatorId,
        excerpts: impl IntoIterator<Item = ExcerptId>,
        delta: f64,
        now: Timestamp,
    ) -> Vec<Edit> {
        excerpts
            .into_iter()
            .filter_map(|e| {
                let p = project.placement(annotator, e)?;
                Some(Edit::place(project, annotator, e, p.position + delta, now))
            })
            .collect()
    }
}

fn check_position(position: f64, what: &str) -> Result<(), EditError> {
    match position_problem(position) {
        None => Ok(()),
        Some(problem) => Err(EditError::OutOfRange(format!("{what} position {problem}"))),
    }
}

/// Whether a list sorted by id already holds `id`. Lists are kept sorted (loading normalises
/// them; every edit inserts in order, see `insert_sorted`), so a binary search settles it; the
/// lookups' linear fallback for unsorted lists made adding n new items quadratic (an import of
/// 100,000 speakers).
fn holds_sorted<T, K: Ord>(list: &[T], id: K, key: impl Fn(&T) -> K) -> bool {
    // A new id is usually past the last one: no search needed.
    if list.last().is_none_or(|last| key(last) < id) {
        return false;
    }
    list.binary_search_by(|item| key(item).cmp(&id)).is_ok()
}

/// Inserts `item` keeping `list` sorted by `key`; a new largest id goes straight to the end.
fn insert_sorted<T, K: Ord>(list: &mut Vec<T>, item: T, key: impl Fn(&T) -> K) {
    if list.last().is_none_or(|last| key(last) < key(&item)) {
        list.push(item);
        return;
    }
    let at = list.partition_point(|x| key(x) < key(&item));
    list.insert(at, item);
}

impl Project {
    /// Applies `edit` and returns the edit that undoes it. On error nothing has changed.
    pub fn apply(&mut self, edit: Edit) -> Result<Edit, EditError> {
        match edit {
            Edit::SetTitle(title) => Ok(Edit::SetTitle(std::mem::replace(&mut self.title, title))),
            Edit::SetMemo { target, text } => {
                let slot = self.memo_mut(target)?;
                let old = std::mem::replace(slot, text);
                Ok(Edit::SetMemo { target, text: old })
            }
            Edit::SetContinuum(continuum) => {
                for anchor in &continuum.anchors {
                    check_position(anchor.position, &format!("anchor “{}”", anchor.name))?;
                }
                Ok(Edit::SetContinuum(std::mem::replace(
                    &mut self.continuum,
                    continuum,
                )))
            }
            Edit::AddCase(case) => {
                if holds_sorted(&self.cases, case.id, |c| c.id) {
                    return Err(EditError::DuplicateId(format!("case {}", case.id)));
                }
                let id = case.id;
                insert_sorted(&mut self.cases, case, |c| c.id);
                Ok(Edit::RemoveCase(id))
            }
            Edit::RemoveCase(id) => {
                let used = self.participants.iter().any(|p| p.case == Some(id))
                    || self.transcripts.iter().any(|t| t.case == Some(id));
                if used {
                    return Err(EditError::InUse(format!(
                        "case {id} still has participants or transcripts"
                    )));
                }
                let at = self.cases.iter().position(|c| c.id == id);
                let at = at.ok_or_else(|| EditError::NotFound(format!("case {id}")))?;
                Ok(Edit::AddCase(self.cases.remove(at)))
            }
            Edit::AddParticipant(participant) => {
                if holds_sorted(&self.participants, participant.id, |p| p.id) {
                    return Err(EditError::DuplicateId(format!(
                        "participant {}",
                        participant.id
                    )));
                }
                if let Some(case) = participant.case
                    && self.case(case).is_none()
                {
                    return Err(EditError::NotFound(format!("case {case}")));
                }
                let id = participant.id;
                insert_sorted(&mut self.participants, participant, |p| p.id);
                Ok(Edit::RemoveParticipant(id))
            }
            Edit::RemoveParticipant(id) => {
                if self.transcripts.iter().any(|t| t.participant == Some(id)) {
                    return Err(EditError::InUse(format!(
                        "participant {id} still has transcripts"
                    )));
                }
                let at = self.participants.iter().position(|p| p.id == id);
                let at = at.ok_or_else(|| EditError::NotFound(format!("participant {id}")))?;
                Ok(Edit::AddParticipant(self.participants.remove(at)))
            }
            Edit::AddTranscript(transcript) => {
                if holds_sorted(&self.transcripts, transcript.id, |t| t.id) {
                    return Err(EditError::DuplicateId(format!(
                        "transcript {}",
                        transcript.id
                    )));
                }
                if let Some(problem) = turns_problem(&transcript.turns, char_len(&transcript.text))
                {
                    return Err(EditError::OutOfRange(format!(
                        "transcript “{}”: {problem}",
                        transcript.name
                    )));
                }
                let id = transcript.id;
                insert_sorted(&mut self.transcripts, transcript, |t| t.id);
                Ok(Edit::RemoveTranscript(id))
            }
            Edit::RemoveTranscript(id) => {
                if self.excerpts.iter().any(|e| e.transcript == id) {
                    return Err(EditError::InUse(format!(
                        "transcript {id} still has excerpts"
                    )));
                }
                let at = self.transcripts.iter().position(|t| t.id == id);
                let at = at.ok_or_else(|| EditError::NotFound(format!("transcript {id}")))?;
                Ok(Edit::AddTranscript(self.transcripts.remove(at)))
            }
            Edit::ReplaceText {
                transcript,
                text,
                turns,
                ranges,
            } => self.replace_text(transcript, text, turns, ranges),
            Edit::AddExcerpt(excerpt) => {
                self.check_new_excerpt(&excerpt)?;
                let id = excerpt.id;
                insert_sorted(&mut self.excerpts, excerpt, |e| e.id);
                Ok(Edit::RemoveExcerpt(id))
            }
            Edit::SetExcerptLabel { excerpt, label } => {
                let e = self.excerpt_mut(excerpt)?;
                let old = std::mem::replace(&mut e.label, label);
                Ok(Edit::SetExcerptLabel {
                    excerpt,
                    label: old,
                })
            }
            Edit::SetExcerptCodes { excerpt, codes } => {
                if let Some(problem) = codes_problem(&codes) {
                    return Err(EditError::OutOfRange(problem));
                }
                let e = self.excerpt_mut(excerpt)?;
                let old = std::mem::replace(&mut e.codes, codes);
                Ok(Edit::SetExcerptCodes {
                    excerpt,
                    codes: old,
                })
            }
            Edit::SetCodeColour { code, colour } => {
                if let Some(problem) = code_problem(&code) {
                    return Err(EditError::OutOfRange(problem));
                }
                let old = match colour {
                    Some(colour) => self.code_colours.insert(code.clone(), colour),
                    None => self.code_colours.remove(&code),
                };
                Ok(Edit::SetCodeColour { code, colour: old })
            }
            Edit::RemoveExcerpt(id) => {
                let at = self.excerpts.iter().position(|e| e.id == id);
                let at = at.ok_or_else(|| EditError::NotFound(format!("excerpt {id}")))?;
                let excerpt = self.excerpts.remove(at);
                let mut placements = Vec::new();
                for annotator in &mut self.annotators {
                    annotator.placements.retain(|p| {
                        if p.excerpt == id {
                            placements.push((annotator.id, p.clone()));
                            false
                        } else {
                            true
                        }
                    });
                }
                Ok(Edit::RestoreExcerpt {
                    excerpt,
                    placements,
                })
            }
            Edit::RestoreExcerpt {
                excerpt,
                placements,
            } => {
                self.check_new_excerpt(&excerpt)?;
                for (annotator, placement) in &placements {
                    if self.annotator(*annotator).is_none() {
                        return Err(EditError::NotFound(format!("annotator {annotator}")));
                    }
                    check_position(placement.position, "placement")?;
                }
                let id = excerpt.id;
                insert_sorted(&mut self.excerpts, excerpt, |e| e.id);
                for (annotator, placement) in placements {
                    let layer = self.annotator_mut(annotator)?;
                    insert_sorted(&mut layer.placements, placement, |p| p.excerpt);
                }
                Ok(Edit::RemoveExcerpt(id))
            }
            Edit::AddAnnotator(annotator) => {
                if annotator.consensus && self.consensus().is_some() {
                    return Err(EditError::DuplicateId("a consensus layer".to_owned()));
                }
                if self.annotator(annotator.id).is_some() {
                    return Err(EditError::DuplicateId(format!(
                        "annotator {}",
                        annotator.id
                    )));
                }
                for p in &annotator.placements {
                    if self.excerpt(p.excerpt).is_none() {
                        return Err(EditError::NotFound(format!("excerpt {}", p.excerpt)));
                    }
                    check_position(p.position, "placement")?;
                }
                let id = annotator.id;
                insert_sorted(&mut self.annotators, annotator, |a| a.id);
                Ok(Edit::RemoveAnnotator(id))
            }
            Edit::SetAnnotator { id, name, colour } => {
                let a = self.annotator_mut(id)?;
                let old_name = std::mem::replace(&mut a.name, name);
                let old_colour = std::mem::replace(&mut a.colour, colour);
                Ok(Edit::SetAnnotator {
                    id,
                    name: old_name,
                    colour: old_colour,
                })
            }
            Edit::SetBlind(blind) => {
                if let Some(id) = blind
                    && self.annotator(id).is_none()
                {
                    return Err(EditError::NotFound(format!("annotator {id}")));
                }
                Ok(Edit::SetBlind(std::mem::replace(&mut self.blind, blind)))
            }
            Edit::RemoveAnnotator(id) => {
                if self.blind == Some(id) {
                    return Err(EditError::InUse(format!(
                        "annotator {id} is coding blind; end blind coding first"
                    )));
                }
                let at = self.annotators.iter().position(|a| a.id == id);
                let at = at.ok_or_else(|| EditError::NotFound(format!("annotator {id}")))?;
                Ok(Edit::AddAnnotator(self.annotators.remove(at)))
            }
            Edit::SetPlacement {
                annotator,
                placement,
            } => {
                check_position(placement.position, "placement")?;
                if self.excerpt(placement.excerpt).is_none() {
                    return Err(EditError::NotFound(format!(
                        "excerpt {}",
                        placement.excerpt
                    )));
                }
                let layer = self.annotator_mut(annotator)?;
                let excerpt = placement.excerpt;
                match layer.placements.iter_mut().find(|p| p.excerpt == excerpt) {
                    Some(slot) => {
                        let old = std::mem::replace(slot, placement);
                        Ok(Edit::SetPlacement {
                            annotator,
                            placement: old,
                        })
                    }
                    None => {
                        insert_sorted(&mut layer.placements, placement, |p| p.excerpt);
                        Ok(Edit::RemovePlacement { annotator, excerpt })
                    }
                }
            }
            Edit::RemovePlacement { annotator, excerpt } => {
                let layer = self.annotator_mut(annotator)?;
                let at = layer.placements.iter().position(|p| p.excerpt == excerpt);
                let at = at.ok_or_else(|| {
                    EditError::NotFound(format!("placement of {excerpt} by {annotator}"))
                })?;
                Ok(Edit::SetPlacement {
                    annotator,
                    placement: layer.placements.remove(at),
                })
            }
        }
    }

    fn replace_text(
        &mut self,
        id: TranscriptId,
        text: String,
        turns: Vec<Turn>,
        ranges: Vec<(ExcerptId, usize, usize)>,
    ) -> Result<Edit, EditError> {
        let at = self.transcripts.iter().position(|t| t.id == id);
        let at = at.ok_or_else(|| EditError::NotFound(format!("transcript {id}")))?;
        let len = char_len(&text);
        if let Some(problem) = turns_problem(&turns, len) {
            return Err(EditError::OutOfRange(format!("the new text's {problem}")));
        }
        for excerpt in self.excerpts.iter().filter(|e| e.transcript == id) {
            let Some(&(_, start, end)) = ranges.iter().find(|(e, _, _)| *e == excerpt.id) else {
                return Err(EditError::InUse(format!(
                    "excerpt {} has no place in the new text",
                    excerpt.id
                )));
            };
            if range_problem(start, end, len).is_some() {
                return Err(EditError::OutOfRange(format!(
                    "excerpt {} would be {start}..{end}, outside the new text ({len} characters)",
                    excerpt.id
                )));
            }
        }
        let mut old_ranges = Vec::new();
        for excerpt in self.excerpts.iter_mut().filter(|e| e.transcript == id) {
            if let Some(&(_, start, end)) = ranges.iter().find(|(e, _, _)| *e == excerpt.id) {
                old_ranges.push((excerpt.id, excerpt.start, excerpt.end));
                excerpt.start = start;
                excerpt.end = end;
            }
        }
        let transcript = &mut self.transcripts[at];
        let old_text = std::mem::replace(&mut transcript.text, text);
        let old_turns = std::mem::replace(&mut transcript.turns, turns);
        Ok(Edit::ReplaceText {
            transcript: id,
            text: old_text,
            turns: old_turns,
            ranges: old_ranges,
        })
    }

    fn check_new_excerpt(&self, excerpt: &Excerpt) -> Result<(), EditError> {
        if self.excerpt(excerpt.id).is_some() {
            return Err(EditError::DuplicateId(format!("excerpt {}", excerpt.id)));
        }
        let transcript = self
            .transcript(excerpt.transcript)
            .ok_or_else(|| EditError::NotFound(format!("transcript {}", excerpt.transcript)))?;
        let len = char_len(&transcript.text);
        if range_problem(excerpt.start, excerpt.end, len).is_some() {
            return Err(EditError::OutOfRange(format!(
                "excerpt range {}..{} is empty or outside the transcript ({len} characters)",
                excerpt.start, excerpt.end
            )));
        }
        match codes_problem(&excerpt.codes) {
            None => Ok(()),
            Some(problem) => Err(EditError::OutOfRange(problem)),
        }
    }

    fn excerpt_mut(&mut self, id: ExcerptId) -> Result<&mut Excerpt, EditError> {
        self.excerpts
            .iter_mut()
            .find(|e| e.id == id)
            .ok_or_else(|| EditError::NotFound(format!("excerpt {id}")))
    }

    fn annotator_mut(&mut self, id: AnnotatorId) -> Result<&mut Annotator, EditError> {
        self.annotators
            .iter_mut()
            .find(|a| a.id == id)
            .ok_or_else(|| EditError::NotFound(format!("annotator {id}")))
    }

    /// The memo text a target refers to.
    pub fn memo(&self, target: MemoTarget) -> Option<&str> {
        match target {
            MemoTarget::Project => Some(&self.memo),
            MemoTarget::Transcript(id) => self.transcript(id).map(|t| t.memo.as_str()),
            MemoTarget::Excerpt(id) => self.excerpt(id).map(|e| e.memo.as_str()),
            MemoTarget::Placement(a, e) => self.placement(a, e).map(|p| p.memo.as_str()),
        }
    }

    fn memo_mut(&mut self, target: MemoTarget) -> Result<&mut String, EditError> {
        match target {
            MemoTarget::Project => Ok(&mut self.memo),
            MemoTarget::Transcript(id) => self
                .transcripts
                .iter_mut()
                .find(|t| t.id == id)
                .map(|t| &mut t.memo)
                .ok_or_else(|| EditError::NotFound(format!("transcript {id}"))),
            MemoTarget::Excerpt(id) => self.excerpt_mut(id).map(|e| &mut e.memo),
            MemoTarget::Placement(a, e) => self
                .annotator_mut(a)?
                .placements
                .iter_mut()
                .find(|p| p.excerpt == e)
                .map(|p| &mut p.memo)
                .ok_or_else(|| EditError::NotFound(format!("placement of {e} by {a}"))),
        }
    }
}

#[cfg(test)]
mod tests;
