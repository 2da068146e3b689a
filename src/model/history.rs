//! Undo and redo over the single edit path. Every applied edit gives back its inverse
//! ([`Project::apply`]); the history keeps those inverses as steps. A run of small edits to the same
//! thing (typing in one memo, dragging one slider) within a short pause is one step, so undo goes
//! back a sensible amount. Pure data: no files, no GUI.

use super::{AnnotatorId, Edit, EditError, ExcerptId, MemoTarget, Project};
use std::time::{Duration, Instant};

/// Edits to the same thing closer together than this are one undo step.
pub const COALESCE_WINDOW: Duration = Duration::from_millis(1500);

/// What a run of edits must share to become one step.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum CoalesceKey {
    Title,
    Memo(MemoTarget),
    Label(ExcerptId),
    Codes(ExcerptId),
    Position(AnnotatorId, ExcerptId),
    Annotator(AnnotatorId),
}

fn coalesce_key(edit: &Edit) -> Option<CoalesceKey> {
    match edit {
        Edit::SetTitle(_) => Some(CoalesceKey::Title),
        Edit::SetMemo { target, .. } => Some(CoalesceKey::Memo(*target)),
        Edit::SetExcerptLabel { excerpt, .. } => Some(CoalesceKey::Label(*excerpt)),
        Edit::SetExcerptCodes { excerpt, .. } => Some(CoalesceKey::Codes(*excerpt)),
        Edit::SetPlacement {
            annotator,
            placement,
        } => Some(CoalesceKey::Position(*annotator, placement.excerpt)),
        Edit::SetAnnotator { id, .. } => Some(CoalesceKey::Annotator(*id)),
        _ => None,
    }
}

/// One undoable step: the edits that take the project back, in the order to apply them.
#[derive(Clone, Debug)]
struct Step {
    /// Identifies the project state *after* this step, for "unsaved changes" tracking.
    id: u64,
    description: String,
    edits: Vec<Edit>,
    key: Option<CoalesceKey>,
    last_change: Instant,
}

/// The undo and redo stacks of one open project.
#[derive(Debug, Default)]
pub struct History {
    undo: Vec<Step>,
    redo: Vec<Step>,
    next_id: u64,
    /// Set by [`History::seal`]: the next edit starts a new step even if it could join the last.
    sealed: bool,
}

impl History {
    /// Identifies the current project state: equal ids mean equal projects (as far as this
    /// history knows). 0 is the state the history started from.
    pub fn state_id(&self) -> u64 {
        self.undo.last().map_or(0, |s| s.id)
    }

    fn fresh_id(&mut self) -> u64 {
        self.next_id += 1;
        self.next_id
    }

    /// Ends the current step, e.g. when the project is saved, so undo returns exactly there.
    pub fn seal(&mut self) {
        self.sealed = true;
    }

    /// Applies `edit` to `project` and records how to undo it.
    pub fn apply(
        &mut self,
        project: &mut Project,
        edit: Edit,
        now: Instant,
    ) -> Result<(), EditError> {
        let description = edit.describe(project);
        let key = coalesce_key(&edit);
        let inverse = project.apply(edit)?;
        self.redo.clear();
        let id = self.fresh_id();
        let joins_last = !self.sealed
            && key.is_some()
            && self.undo.last().is_some_and(|last| {
                last.key == key && now.saturating_duration_since(last.last_change) < COALESCE_WINDOW
            });
        self.sealed = false;
        if joins_last && let Some(last) = self.undo.last_mut() {
            // The step already holds the way back to before the run started; keep it.
            last.id = id;
            last.last_change = now;
        } else {
            self.undo.push(Step {
                id,
                description,
                edits: vec![inverse],
                key,
                last_change: now,
            });
        }
        Ok(())
    }

    /// Applies several edits as one step ("import of 3 transcripts"): all of them or none.
    pub fn apply_all(
        &mut self,
        project: &mut Project,
        description: String,
        edits: Vec<Edit>,
        now: Instant,
    ) -> Result<(), EditError> {
        let mut inverses = Vec::with_capacity(edits.len());
        for edit in edits {
            match project.apply(edit) {
                Ok(inverse) => inverses.push(inverse),
                Err(error) => {
                    roll_back(project, inverses);
                    return Err(error);
                }
            }
        }
        if inverses.is_empty() {
            return Ok(());
        }
        inverses.reverse();
        self.redo.clear();
        self.sealed = false;
        let id = self.fresh_id();
        self.undo.push(Step {
            id,
            description,
            edits: inverses,
            key: None,
            last_change: now,
        });
        Ok(())
    }

    /// What Undo would undo, e.g. `move of “She calls me her girl”`.
    pub fn undo_description(&self) -> Option<&str> {
        self.undo.last().map(|s| s.description.as_str())
    }

    pub fn redo_description(&self) -> Option<&str> {
        self.redo.last().map(|s| s.description.as_str())
    }

    /// Undoes the last step. Returns its description, or `None` if there was nothing to undo.
    pub fn undo(&mut self, project: &mut Project) -> Result<Option<String>, EditError> {
        self.sealed = true;
        let Some(step) = self.undo.pop() else {
            return Ok(None);
        };
        self.move_step(project, step, false)
    }

    /// Redoes the last undone step.
    pub fn redo(&mut self, project: &mut Project) -> Result<Option<String>, EditError> {
        self.sealed = true;
        let Some(step) = self.redo.pop() else {
            return Ok(None);
        };
        self.move_step(project, step, true)
    }

    /// Applies a step's edits and files the edits that reverse them on the other stack. The step
    /// keeps its id, so undo then redo returns to a state that counts as the same (saved or not).
    fn move_step(
        &mut self,
        project: &mut Project,
        step: Step,
        to_undo: bool,
    ) -> Result<Option<String>, EditError> {
        let mut reverse = Vec::with_capacity(step.edits.len());
        for edit in step.edits.iter().cloned() {
            match project.apply(edit) {
                Ok(inverse) => reverse.push(inverse),
                Err(error) => {
                    // Leave project and stacks as they were.
                    roll_back(project, reverse);
                    if to_undo {
                        self.redo.push(step);
                    } else {
                        self.undo.push(step);
                    }
                    return Err(error);
                }
            }
        }
        reverse.reverse();
        let description = step.description.clone();
        let moved = Step {
            id: step.id,
            description: step.description,
            edits: reverse,
            key: None,
            last_change: step.last_change,
        };
        if to_undo {
            self.undo.push(moved);
        } else {
            self.redo.push(moved);
        }
        Ok(Some(description))
    }
}

fn roll_back(project: &mut Project, inverses: Vec<Edit>) {
    for inverse in inverses.into_iter().rev() {
        // Inverses of edits that were just applied always apply.
        let _ = project.apply(inverse);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Annotator, Colour, Excerpt, Timestamp, Transcript, TranscriptId};

    fn project() -> Project {
        let mut p = Project::new("History");
        p.apply(Edit::AddTranscript(Transcript {
            id: TranscriptId(1),
            name: "T".into(),
            participant: None,
            case: None,
            memo: String::new(),
            speakers: vec![],
            turns: vec![],
            text: "Hun kalder mig sin pige, siger hun.".into(),
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

    fn excerpt(id: u32) -> Edit {
        Edit::AddExcerpt(Excerpt {
            id: ExcerptId(id),
            transcript: TranscriptId(1),
            start: 0,
            end: 3 + id as usize,
            label: String::new(),
            memo: String::new(),
            codes: Vec::new(),
        })
    }

    #[test]
    fn undo_all_returns_the_original_and_redo_all_the_final() {
        let mut p = project();
        let original = p.clone();
        let mut h = History::default();
        let t0 = Instant::now();
        let edits = [
            excerpt(1),
            excerpt(2),
            Edit::SetTitle("Ny titel".into()),
            Edit::SetMemo {
                target: MemoTarget::Excerpt(ExcerptId(1)),
                text: "x".into(),
            },
            Edit::RemoveExcerpt(ExcerptId(2)),
        ];
        for (i, edit) in edits.into_iter().enumerate() {
            // Far apart in time, so nothing coalesces.
            h.apply(&mut p, edit, t0 + Duration::from_secs(10 * i as u64))
                .unwrap();
        }
        let place = Edit::place(&p, AnnotatorId(1), ExcerptId(1), 0.3, Timestamp(5));
        h.apply(&mut p, place, t0 + Duration::from_secs(100))
            .unwrap();
        let last = p.clone();
        let mut undone = 0;
        while h.undo(&mut p).unwrap().is_some() {
            undone += 1;
        }
        assert_eq!(undone, 6);
        assert_eq!(p, original);
        assert_eq!(h.state_id(), 0);
        while h.redo(&mut p).unwrap().is_some() {}
        assert_eq!(p, last);
    }

    #[test]
    fn typing_in_one_memo_is_one_step_until_a_pause() {
        let mut p = project();
        p.apply(excerpt(1)).unwrap();
        let mut h = History::default();
        let t0 = Instant::now();
        let memo = |text: &str| Edit::SetMemo {
            target: MemoTarget::Excerpt(ExcerptId(1)),
            text: text.into(),
        };
        for (i, text) in ["S", "Sh", "She", "She "].iter().enumerate() {
            h.apply(
                &mut p,
                memo(text),
                t0 + Duration::from_millis(200 * i as u64),
            )
            .unwrap();
        }
        // A pause, then more typing: a second step.
        h.apply(&mut p, memo("She c"), t0 + Duration::from_secs(5))
            .unwrap();
        h.undo(&mut p).unwrap();
        assert_eq!(p.memo(MemoTarget::Excerpt(ExcerptId(1))), Some("She "));
        h.undo(&mut p).unwrap();
        assert_eq!(p.memo(MemoTarget::Excerpt(ExcerptId(1))), Some(""));
        assert_eq!(h.undo(&mut p).unwrap(), None);
    }

    #[test]
    fn different_targets_and_sealing_break_a_run() {
        let mut p = project();
        p.apply(excerpt(1)).unwrap();
        let mut h = History::default();
        let t0 = Instant::now();
        h.apply(
            &mut p,
            Edit::SetMemo {
                target: MemoTarget::Project,
                text: "a".into(),
            },
            t0,
        )
        .unwrap();
        h.apply(
            &mut p,
            Edit::SetMemo {
                target: MemoTarget::Excerpt(ExcerptId(1)),
                text: "b".into(),
            },
            t0,
        )
        .unwrap();
        h.seal();
        h.apply(
            &mut p,
            Edit::SetMemo {
                target: MemoTarget::Excerpt(ExcerptId(1)),
                text: "bc".into(),
            },
            t0,
        )
        .unwrap();
        let mut steps = 0;
        while h.undo(&mut p).unwrap().is_some() {
            steps += 1;
        }
        assert_eq!(steps, 3);
    }

    #[test]
    fn state_ids_follow_undo_and_redo() {
        let mut p = project();
        let mut h = History::default();
        let t0 = Instant::now();
        h.apply(&mut p, excerpt(1), t0).unwrap();
        let saved = h.state_id();
        h.apply(&mut p, excerpt(2), t0).unwrap();
        assert_ne!(h.state_id(), saved);
        h.undo(&mut p).unwrap();
        assert_eq!(h.state_id(), saved, "undo returns to the saved state");
        h.redo(&mut p).unwrap();
        assert_ne!(h.state_id(), saved);
        h.undo(&mut p).unwrap();
        h.apply(&mut p, Edit::SetTitle("other".into()), t0).unwrap();
        assert_ne!(
            h.state_id(),
            saved,
            "a different change is not the saved state"
        );
        assert_eq!(h.redo_description(), None, "a new edit clears redo");
    }

    #[test]
    fn a_group_is_all_or_nothing_and_one_step() {
        let mut p = project();
        let before = p.clone();
        let mut h = History::default();
        let bad = vec![excerpt(1), excerpt(1)]; // the second is a duplicate id
        assert!(
            h.apply_all(&mut p, "two".into(), bad, Instant::now())
                .is_err()
        );
        assert_eq!(p, before);
        h.apply_all(
            &mut p,
            "two excerpts".into(),
            vec![excerpt(1), excerpt(2)],
            Instant::now(),
        )
        .unwrap();
        assert_eq!(p.excerpts.len(), 2);
        assert_eq!(h.undo_description(), Some("two excerpts"));
        h.undo(&mut p).unwrap();
        assert_eq!(p, before);
        h.redo(&mut p).unwrap();
        assert_eq!(p.excerpts.len(), 2);
    }
}
