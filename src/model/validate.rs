//! Checks that a project read from disk is whole: unique ids, references that resolve, ranges inside
//! their text and positions inside 0..1. The first problem is reported by entity and field. The
//! rules themselves are in `rules`, shared with the edit path.

use super::rules::{
    RangeProblem, code_problem, codes_problem, position_problem, range_problem, turns_problem,
};
use super::{Project, char_len};
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::hash::Hash;

/// A project that parsed but does not make sense, located by entity and field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidationError {
    /// Which entity, e.g. `excerpt e7`.
    pub entity: String,
    /// Which field of it, e.g. `end`.
    pub field: &'static str,
    /// What is wrong, e.g. `5000 is past the end of transcript t2 (4212 characters)`.
    pub problem: String,
}

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}, field `{}`: {}",
            self.entity, self.field, self.problem
        )
    }
}

impl std::error::Error for ValidationError {}

fn fail<T>(entity: String, field: &'static str, problem: String) -> Result<T, ValidationError> {
    Err(ValidationError {
        entity,
        field,
        problem,
    })
}

fn check_position(position: f64, entity: impl Fn() -> String) -> Result<(), ValidationError> {
    match position_problem(position) {
        None => Ok(()),
        Some(problem) => fail(entity(), "position", problem),
    }
}

fn unique<I: Hash + Eq + fmt::Display + Copy>(
    ids: impl IntoIterator<Item = I>,
    kind: &str,
) -> Result<HashSet<I>, ValidationError> {
    let mut seen = HashSet::new();
    for id in ids {
        if !seen.insert(id) {
            return fail(
                format!("{kind} {id}"),
                "id",
                format!("the id {id} is used by more than one {kind}"),
            );
        }
    }
    Ok(seen)
}

impl Project {
    /// Checks the whole project; returns the first problem found.
    pub fn validate(&self) -> Result<(), ValidationError> {
        for (i, anchor) in self.continuum.anchors.iter().enumerate() {
            check_position(anchor.position, || {
                format!("continuum anchor {} “{}”", i + 1, anchor.name)
            })?;
        }

        let cases = unique(self.cases.iter().map(|c| c.id), "case")?;
        let participants = unique(self.participants.iter().map(|p| p.id), "participant")?;
        unique(self.transcripts.iter().map(|t| t.id), "transcript")?;
        unique(self.excerpts.iter().map(|e| e.id), "excerpt")?;
        unique(self.annotators.iter().map(|a| a.id), "annotator")?;

        for p in &self.participants {
            if let Some(case) = p.case
                && !cases.contains(&case)
            {
                return fail(
                    format!("participant {} “{}”", p.id, p.name),
                    "case",
                    format!("refers to case {case}, which does not exist"),
                );
            }
        }

        let mut text_len = HashMap::new();
        for t in &self.transcripts {
            let entity = || format!("transcript {} “{}”", t.id, t.name);
            if let Some(p) = t.participant
                && !participants.contains(&p)
            {
                return fail(
                    entity(),
                    "participant",
                    format!("refers to participant {p}, which does not exist"),
                );
            }
            if let Some(c) = t.case
                && !cases.contains(&c)
            {
                return fail(
                    entity(),
                    "case",
                    format!("refers to case {c}, which does not exist"),
                );
            }
            let len = char_len(&t.text);
            if let Some(problem) = turns_problem(&t.turns, len) {
                return fail(entity(), "turns", problem);
            }
            text_len.insert(t.id, len);
        }

        for e in &self.excerpts {
            let entity = || format!("excerpt {}", e.id);
            let Some(&len) = text_len.get(&e.transcript) else {
                return fail(
                    entity(),
                    "transcript",
                    format!(
                        "refers to transcript {}, which does not exist",
                        e.transcript
                    ),
                );
            };
            match range_problem(e.start, e.end, len) {
                Some(RangeProblem::Empty) => {
                    return fail(
                        entity(),
                        "start",
                        format!(
                            "{} is not before its end ({}); an excerpt must hold at least one character",
                            e.start, e.end
                        ),
                    );
                }
                Some(RangeProblem::PastEnd) => {
                    return fail(
                        entity(),
                        "end",
                        format!(
                            "{} is past the end of transcript {} ({len} characters)",
                            e.end, e.transcript
                        ),
                    );
                }
                None => {}
            }
            if let Some(problem) = codes_problem(&e.codes) {
                return fail(entity(), "codes", problem);
            }
        }

        if let Some(problem) = self.code_colours.keys().find_map(|code| code_problem(code)) {
            return fail("the project".to_owned(), "code_colours", problem);
        }

        if self.annotators.iter().filter(|a| a.consensus).count() > 1 {
            return fail(
                "the project".to_owned(),
                "consensus",
                "more than one annotator is marked as the consensus".to_owned(),
            );
        }
        if let Some(blind) = self.blind
            && self.annotator(blind).is_none()
        {
            return fail(
                "the project".to_owned(),
                "blind",
                format!("refers to annotator {blind}, which does not exist"),
            );
        }

        let excerpts: HashSet<_> = self.excerpts.iter().map(|e| e.id).collect();
        for a in &self.annotators {
            let mut placed = HashSet::new();
            for p in &a.placements {
                let entity = || {
                    format!(
                        "placement of excerpt {} by annotator {} “{}”",
                        p.excerpt, a.id, a.name
                    )
                };
                if !excerpts.contains(&p.excerpt) {
                    return fail(
                        entity(),
                        "excerpt",
                        format!("refers to excerpt {}, which does not exist", p.excerpt),
                    );
                }
                if !placed.insert(p.excerpt) {
                    return fail(
                        entity(),
                        "excerpt",
                        "this annotator places the same excerpt twice".to_owned(),
                    );
                }
                check_position(p.position, entity)?;
            }
        }
        Ok(())
    }

    /// Sorts every collection into its canonical order (by id), so saving is deterministic even
    /// for a hand-edited file.
    pub fn normalise(&mut self) {
        self.cases.sort_by_key(|c| c.id);
        self.participants.sort_by_key(|p| p.id);
        self.transcripts.sort_by_key(|t| t.id);
        self.excerpts.sort_by_key(|e| e.id);
        self.annotators.sort_by_key(|a| a.id);
        for a in &mut self.annotators {
            a.placements.sort_by_key(|p| p.excerpt);
        }
        // The view is a convenience, not data: an annotator it names who is gone (removed by
        // hand, or in a recovery copy written after a removal) is forgotten, not an error.
        if let Some(active) = self.view.active_annotator
            && self.annotator(active).is_none()
        {
            self.view.active_annotator = None;
        }
    }
}
