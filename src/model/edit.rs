//! The single path by which a project changes. The GUI, the command line and the importers build
//! [`Edit`]s and hand them to [`Project::apply`], which checks them, applies them, and returns the
//! edit that undoes them. Undo, autosave and "unsaved changes" tracking all hang off this one hook.

use super::{
    Annotator, AnnotatorId, Case, CaseId, Colour, Continuum, Excerpt, ExcerptId, Participant,
    ParticipantId, Placement, Project, Timestamp, Transcript, TranscriptId, Turn, char_len,
};
use std::fmt;

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

    /// A short description for menus and status lines, e.g. `move of "She calls me her girl"`.
    pub fn describe(&self, project: &Project) -> String {
        let excerpt_name = |id: ExcerptId| {
            project
                .excerpt(id)
                .map(|e| format!("“{}”", project.excerpt_label(e)))
                .unwrap_or_else(|| format!("excerpt {id}"))
        };
        match self {
            Edit::SetTitle(_) => "title change".to_owned(),
            Edit::SetMemo { .. } => "memo edit".to_owned(),
            Edit::SetContinuum(_) => "continuum change".to_owned(),
            Edit::AddCase(c) => format!("new case “{}”", c.name),
            Edit::RemoveCase(_) => "case removal".to_owned(),
            Edit::AddParticipant(p) => format!("new participant “{}”", p.name),
            Edit::RemoveParticipant(_) => "participant removal".to_owned(),
            Edit::AddTranscript(t) => format!("import of “{}”", t.name),
            Edit::RemoveTranscript(_) => "transcript removal".to_owned(),
            Edit::ReplaceText { transcript, .. } => format!(
                "new text for “{}”",
                project
                    .transcript(*transcript)
                    .map_or("a transcript", |t| t.name.as_str())
            ),
            Edit::AddExcerpt(_) => "new excerpt".to_owned(),
            Edit::SetExcerptLabel { excerpt, .. } => format!("label of {}", excerpt_name(*excerpt)),
            Edit::SetExcerptCodes { excerpt, .. } => format!("codes of {}", excerpt_name(*excerpt)),
            Edit::RemoveExcerpt(id) => format!("deletion of {}", excerpt_name(*id)),
            Edit::RestoreExcerpt { excerpt, .. } => {
                format!("restoring {}", excerpt_name(excerpt.id))
            }
            Edit::AddAnnotator(a) => format!("new annotator “{}”", a.name),
            Edit::SetAnnotator { name, .. } => format!("change of annotator “{name}”"),
            Edit::RemoveAnnotator(id) => format!(
                "removal of annotator “{}”",
                project.annotator(*id).map_or("?", |a| a.name.as_str())
            ),
            Edit::SetBlind(Some(_)) => "start of blind coding".to_owned(),
            Edit::SetBlind(None) => "end of blind coding".to_owned(),
            Edit::SetPlacement {
                annotator,
                placement,
            } => {
                let verb = if project.placement(*annotator, placement.excerpt).is_some() {
                    "move"
                } else {
                    "placement"
                };
                format!("{verb} of {}", excerpt_name(placement.excerpt))
            }
            Edit::RemovePlacement { excerpt, .. } => {
                format!("removal of {} from the continuum", excerpt_name(*excerpt))
            }
        }
    }
}

fn check_position(position: f64, what: &str) -> Result<(), EditError> {
    if position.is_finite() && (0.0..=1.0).contains(&position) {
        Ok(())
    } else {
        Err(EditError::OutOfRange(format!(
            "{what} position {position} is outside 0..1"
        )))
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
                if let Some(problem) = super::validate::codes_problem(&codes) {
                    return Err(EditError::OutOfRange(problem));
                }
                let e = self.excerpt_mut(excerpt)?;
                let old = std::mem::replace(&mut e.codes, codes);
                Ok(Edit::SetExcerptCodes {
                    excerpt,
                    codes: old,
                })
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
        for turn in &turns {
            if turn.start > turn.end || turn.end > len {
                return Err(EditError::OutOfRange(format!(
                    "a speaker turn ({}..{}) is outside the new text ({len} characters)",
                    turn.start, turn.end
                )));
            }
        }
        for excerpt in self.excerpts.iter().filter(|e| e.transcript == id) {
            let Some(&(_, start, end)) = ranges.iter().find(|(e, _, _)| *e == excerpt.id) else {
                return Err(EditError::InUse(format!(
                    "excerpt {} has no place in the new text",
                    excerpt.id
                )));
            };
            if start >= end || end > len {
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
        if excerpt.start >= excerpt.end || excerpt.end > len {
            return Err(EditError::OutOfRange(format!(
                "excerpt range {}..{} is empty or outside the transcript ({len} characters)",
                excerpt.start, excerpt.end
            )));
        }
        Ok(())
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
mod tests {
    use super::*;

    fn project() -> Project {
        let mut p = Project::new("Test");
        p.apply(Edit::AddTranscript(Transcript {
            id: TranscriptId(1),
            name: "Interview".into(),
            participant: None,
            case: None,
            memo: String::new(),
            speakers: vec![],
            turns: vec![],
            text: "Hun kalder mig sin pige.".into(),
        }))
        .unwrap();
        p.apply(Edit::AddAnnotator(Annotator {
            id: AnnotatorId(1),
            name: "Anna".into(),
            colour: Colour::PALETTE[0],
            placements: vec![],
            consensus: false,
        }))
        .unwrap();
        p
    }

    fn excerpt(id: u32, start: usize, end: usize) -> Excerpt {
        Excerpt {
            id: ExcerptId(id),
            transcript: TranscriptId(1),
            start,
            end,
            label: String::new(),
            memo: String::new(),
            codes: Vec::new(),
        }
    }

    #[test]
    fn codes_are_checked_and_setting_them_can_be_undone() {
        let mut project = crate::io::parse_project(crate::SAMPLE_PROJECT).unwrap();
        let before = project.clone();
        let set = |codes: &[&str]| Edit::SetExcerptCodes {
            excerpt: ExcerptId(1),
            codes: codes.iter().map(|c| c.to_string()).collect(),
        };
        for bad in [&["a", "a"][..], &[" a"], &[""], &["two\nlines"]] {
            assert!(project.apply(set(bad)).is_err(), "{bad:?} accepted");
            assert_eq!(project, before, "a refused edit changed the project");
        }
        let undo = project
            .apply(set(&["weekly rhythm", "a new code"]))
            .unwrap();
        assert_eq!(
            project.excerpt(ExcerptId(1)).unwrap().codes,
            ["weekly rhythm", "a new code"]
        );
        assert!(project.codes().contains(&"a new code".to_owned()));
        project.apply(undo).unwrap();
        assert_eq!(project, before);
    }

    #[test]
    fn every_edit_is_undone_by_its_inverse() {
        let mut p = project();
        let original = p.clone();
        let edits = vec![
            Edit::SetTitle("New".into()),
            Edit::AddExcerpt(excerpt(1, 0, 3)),
            Edit::place(&p, AnnotatorId(1), ExcerptId(1), 0.25, Timestamp(10)),
            Edit::SetMemo {
                target: MemoTarget::Placement(AnnotatorId(1), ExcerptId(1)),
                text: "kin-like".into(),
            },
            Edit::SetExcerptLabel {
                excerpt: ExcerptId(1),
                label: "sin pige".into(),
            },
            Edit::RemoveExcerpt(ExcerptId(1)),
        ];
        let mut undo = Vec::new();
        for edit in edits {
            // `place` above was built against the original project; it is still valid here.
            undo.push(p.apply(edit).unwrap());
        }
        assert!(p.excerpts.is_empty());
        for inverse in undo.into_iter().rev() {
            p.apply(inverse).unwrap();
        }
        assert_eq!(p, original);
    }

    #[test]
    fn restore_brings_back_placements_with_the_excerpt() {
        let mut p = project();
        p.apply(Edit::AddExcerpt(excerpt(1, 0, 3))).unwrap();
        p.apply(Edit::place(
            &p,
            AnnotatorId(1),
            ExcerptId(1),
            0.4,
            Timestamp(1),
        ))
        .unwrap();
        let before = p.clone();
        let inverse = p.apply(Edit::RemoveExcerpt(ExcerptId(1))).unwrap();
        assert!(p.annotators[0].placements.is_empty());
        p.apply(inverse).unwrap();
        assert_eq!(p, before);
    }

    #[test]
    fn moving_keeps_memo_and_creation_time() {
        let mut p = project();
        p.apply(Edit::AddExcerpt(excerpt(1, 0, 3))).unwrap();
        p.apply(Edit::place(
            &p,
            AnnotatorId(1),
            ExcerptId(1),
            0.4,
            Timestamp(1),
        ))
        .unwrap();
        p.apply(Edit::SetMemo {
            target: MemoTarget::Placement(AnnotatorId(1), ExcerptId(1)),
            text: "why".into(),
        })
        .unwrap();
        p.apply(Edit::place(
            &p,
            AnnotatorId(1),
            ExcerptId(1),
            0.9,
            Timestamp(5),
        ))
        .unwrap();
        let placement = p.placement(AnnotatorId(1), ExcerptId(1)).unwrap();
        assert_eq!(placement.position, 0.9);
        assert_eq!(placement.memo, "why");
        assert_eq!(placement.created, Timestamp(1));
        assert_eq!(placement.modified, Timestamp(5));
    }

    #[test]
    fn bad_edits_are_refused_and_change_nothing() {
        let mut p = project();
        let before = p.clone();
        let bad = vec![
            Edit::AddExcerpt(excerpt(1, 5, 5)),
            Edit::AddExcerpt(excerpt(1, 0, 999)),
            Edit::SetPlacement {
                annotator: AnnotatorId(1),
                placement: Placement {
                    excerpt: ExcerptId(9),
                    position: 0.5,
                    memo: String::new(),
                    created: Timestamp(0),
                    modified: Timestamp(0),
                },
            },
            Edit::RemoveTranscript(TranscriptId(7)),
            Edit::SetMemo {
                target: MemoTarget::Excerpt(ExcerptId(3)),
                text: "x".into(),
            },
        ];
        for edit in bad {
            assert!(p.apply(edit.clone()).is_err(), "{edit:?} was accepted");
            assert_eq!(p, before);
        }
        p.apply(Edit::AddExcerpt(excerpt(1, 0, 3))).unwrap();
        let nan = Edit::SetPlacement {
            annotator: AnnotatorId(1),
            placement: Placement {
                excerpt: ExcerptId(1),
                position: f64::NAN,
                memo: String::new(),
                created: Timestamp(0),
                modified: Timestamp(0),
            },
        };
        assert!(matches!(p.apply(nan), Err(EditError::OutOfRange(_))));
    }

    #[test]
    fn replacing_text_moves_excerpts_and_is_undone_exactly() {
        let mut p = project();
        p.apply(Edit::AddExcerpt(excerpt(1, 11, 23))).unwrap();
        let before = p.clone();
        let replace = Edit::ReplaceText {
            transcript: TranscriptId(1),
            text: "Ja. Hun kalder mig sin pige.".into(),
            turns: vec![],
            ranges: vec![(ExcerptId(1), 15, 27)],
        };
        let inverse = p.apply(replace).unwrap();
        assert_eq!(p.quote(p.excerpt(ExcerptId(1)).unwrap()), "mig sin pige");
        p.apply(inverse).unwrap();
        assert_eq!(p, before);
        // Every excerpt needs a place in the new text, inside it.
        let forgotten = Edit::ReplaceText {
            transcript: TranscriptId(1),
            text: "Nyt.".into(),
            turns: vec![],
            ranges: vec![],
        };
        assert!(matches!(p.apply(forgotten), Err(EditError::InUse(_))));
        let outside = Edit::ReplaceText {
            transcript: TranscriptId(1),
            text: "Nyt.".into(),
            turns: vec![],
            ranges: vec![(ExcerptId(1), 0, 9)],
        };
        assert!(matches!(p.apply(outside), Err(EditError::OutOfRange(_))));
        assert_eq!(p, before);
    }

    #[test]
    fn describes_moves_by_their_quote() {
        let mut p = project();
        p.apply(Edit::AddExcerpt(excerpt(1, 11, 23))).unwrap();
        let first = Edit::place(&p, AnnotatorId(1), ExcerptId(1), 0.1, Timestamp(1));
        assert_eq!(first.describe(&p), "placement of “mig sin pige”");
        p.apply(first).unwrap();
        let second = Edit::place(&p, AnnotatorId(1), ExcerptId(1), 0.2, Timestamp(2));
        assert_eq!(second.describe(&p), "move of “mig sin pige”");
    }

    /// Adding checks for a duplicate id by binary search (a scan per new participant made an
    /// import of 100,000 speakers quadratic): duplicates are still found anywhere in the list,
    /// and ids added out of order still land in order.
    #[test]
    fn added_participants_stay_sorted_and_duplicates_are_found() {
        let mut p = Project::new("Test");
        let person = |id: u32| {
            Edit::AddParticipant(Participant {
                id: ParticipantId(id),
                name: format!("P{id}"),
                role: "staff".into(),
                case: None,
            })
        };
        for id in [5, 9, 1, 7] {
            p.apply(person(id)).unwrap();
        }
        let ids: Vec<u32> = p.participants.iter().map(|x| x.id.0).collect();
        assert_eq!(ids, [1, 5, 7, 9]);
        for id in [1, 7, 9] {
            assert_eq!(
                p.apply(person(id)),
                Err(EditError::DuplicateId(format!("participant p{id}")))
            );
        }
        assert!(p.participant(ParticipantId(7)).is_some());
    }
}
