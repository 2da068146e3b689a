//! Merging annotator layers from another copy of a project (a co-author coded independently in
//! their own file). Transcripts are matched by text, excerpts by id and range (else by range), and
//! annotators by name; excerpts new to this project are added. Where the same annotator placed the
//! same excerpt differently in the two files, nothing is silently dropped: each such conflict is
//! resolved by the caller, keeping this project's, taking the other's, or keeping both (the other
//! placement goes into a layer of its own, "Name (from file)"). Codes' colours come in for codes
//! this project has no colour for; where both have one, this project's is kept (and reported).
//!
//! Implementation notes: the merge applies each edit it builds to a scratch copy of this project
//! as it goes, so later steps see earlier ones (an annotator added for one conflict is found again
//! for the next). If the copy refuses an edit, the merge stops there and says which edit and why:
//! handing on an edit the project refuses would fail later, half-way through applying the merge.

use super::ids::take_id;
use super::{
    Annotator, AnnotatorId, Edit, EditError, Excerpt, ExcerptId, IdsExhausted, Placement, Project,
    Transcript, TranscriptId, plural,
};
use std::fmt;

/// Why nothing could be merged.
#[derive(Clone, Debug, PartialEq)]
pub enum MergeError {
    /// A new excerpt or annotator is needed and this project already uses the largest id.
    IdsExhausted(IdsExhausted),
    /// This project refused one of the edits the merge needs (the other copy holds something
    /// this project cannot take, such as a position off the axis).
    Refused {
        /// The edit, described as in the undo menu, e.g. `placement of “She calls me her girl”`.
        edit: String,
        error: EditError,
    },
}

impl fmt::Display for MergeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MergeError::IdsExhausted(error) => error.fmt(f),
            MergeError::Refused { edit, error } => {
                write!(f, "the {edit} it needs was refused: {error}")
            }
        }
    }
}

impl std::error::Error for MergeError {}

impl From<IdsExhausted> for MergeError {
    fn from(error: IdsExhausted) -> Self {
        MergeError::IdsExhausted(error)
    }
}

/// Applies `edit` to the scratch copy and keeps it, or stops the merge if the copy refuses it.
fn apply(project: &mut Project, edits: &mut Vec<Edit>, edit: Edit) -> Result<(), MergeError> {
    match project.apply(edit.clone()) {
        Ok(_) => {
            edits.push(edit);
            Ok(())
        }
        // A refused edit changed nothing, so it is described as the project still is.
        Err(error) => Err(MergeError::Refused {
            edit: edit.describe(project),
            error,
        }),
    }
}

/// Two different placements of one excerpt by one annotator.
#[derive(Clone, Debug, PartialEq)]
pub struct Conflict {
    pub annotator: String,
    /// The excerpt in this project.
    pub excerpt: ExcerptId,
    pub ours: Placement,
    pub theirs: Placement,
}

/// How a conflict is settled.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Resolution {
    KeepOurs,
    TakeTheirs,
    KeepBoth,
}

/// What a merge did (or would do).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MergeReport {
    pub new_annotators: Vec<String>,
    pub new_excerpts: usize,
    /// Excerpts that got codes from the other file (codes are combined, never dropped).
    pub coded_excerpts: usize,
    pub new_placements: usize,
    pub same_placements: usize,
    pub conflicts: Vec<Conflict>,
    /// Transcripts of the other file that are not in this project, with how many placements
    /// their excerpts carry (not merged: import the transcript first).
    pub missing_transcripts: Vec<(String, usize)>,
    /// Codes whose colour came from the other file (this project had none for them), by name.
    pub new_code_colours: Vec<String>,
    /// Codes the other file colours differently: this project's colour is kept.
    pub kept_code_colours: Vec<String>,
}

impl MergeReport {
    /// What the merge does to codes' colours, a sentence each, for the merge dialog and
    /// `continuum merge`; nothing when it does nothing to them.
    pub fn colour_notes(&self) -> Vec<String> {
        let mut notes = Vec::new();
        if !self.new_code_colours.is_empty() {
            notes.push(format!(
                "Colours of {} from the other file: {}.",
                plural(self.new_code_colours.len(), "code"),
                self.new_code_colours.join(", ")
            ));
        }
        if !self.kept_code_colours.is_empty() {
            notes.push(format!(
                "This project's colour kept for {} the other file colours differently: {}.",
                plural(self.kept_code_colours.len(), "code"),
                self.kept_code_colours.join(", ")
            ));
        }
        notes
    }
}

fn matching_transcript(ours: &Project, theirs: &Transcript) -> Option<TranscriptId> {
    match ours.transcript(theirs.id) {
        Some(t) if t.text == theirs.text => Some(t.id),
        _ => ours
            .transcripts
            .iter()
            .find(|t| t.text == theirs.text)
            .map(|t| t.id),
    }
}

/// The edits that bring `theirs`' annotator layers into `ours`, and a report. `resolve` decides
/// each conflict; call with a constant to preview. Fails, adding nothing, when a new excerpt or
/// annotator is needed and `ours` already uses the largest id there can be, or when `ours` would
/// refuse one of the edits.
pub fn merge(
    ours: &Project,
    theirs: &Project,
    source: &str,
    resolve: impl Fn(&Conflict) -> Resolution,
) -> Result<(Vec<Edit>, MergeReport), MergeError> {
    let mut report = MergeReport::default();
    let mut edits = Vec::new();
    let mut next_excerpt = ours.next_excerpt_id();
    let mut next_annotator = ours.next_annotator_id();
    let mut project = ours.clone();

    // Excerpts: theirs -> ours, adding the ones this project lacks.
    let mut excerpt_map = std::collections::HashMap::new();
    for transcript in &theirs.transcripts {
        let Some(ours_id) = matching_transcript(ours, transcript) else {
            let placed = theirs
                .annotators
                .iter()
                .flat_map(|a| &a.placements)
                .filter(|p| {
                    theirs
                        .excerpt(p.excerpt)
                        .is_some_and(|e| e.transcript == transcript.id)
                })
                .count();
            report
                .missing_transcripts
                .push((transcript.name.clone(), placed));
            continue;
        };
        for excerpt in theirs
            .excerpts
            .iter()
            .filter(|e| e.transcript == transcript.id)
        {
            let same_range = |e: &&Excerpt| {
                e.transcript == ours_id && e.start == excerpt.start && e.end == excerpt.end
            };
            let found = ours
                .excerpt(excerpt.id)
                .filter(|e| same_range(e))
                .or_else(|| ours.excerpts.iter().find(|e| same_range(e)));
            let id = match found {
                Some(e) => {
                    // Codes are tags, so both files' codes are kept: ours first, then theirs.
                    let missing: Vec<String> = excerpt
                        .codes
                        .iter()
                        .filter(|c| !e.codes.contains(c))
                        .cloned()
                        .collect();
                    if !missing.is_empty() {
                        let edit = Edit::SetExcerptCodes {
                            excerpt: e.id,
                            codes: e.codes.iter().cloned().chain(missing).collect(),
                        };
                        apply(&mut project, &mut edits, edit)?;
                        report.coded_excerpts += 1;
                    }
                    e.id
                }
                None => {
                    let id = take_id(&mut next_excerpt, ExcerptId::next)?;
                    let edit = Edit::AddExcerpt(Excerpt {
                        id,
                        transcript: ours_id,
                        ..excerpt.clone()
                    });
                    apply(&mut project, &mut edits, edit)?;
                    report.new_excerpts += 1;
                    id
                }
            };
            excerpt_map.insert(excerpt.id, id);
        }
    }

    // Codes' colours: theirs where this project has none; ours where both have one.
    for (code, &colour) in &theirs.code_colours {
        match project.code_colour(code) {
            None => {
                let edit = Edit::SetCodeColour {
                    code: code.clone(),
                    colour: Some(colour),
                };
                apply(&mut project, &mut edits, edit)?;
                report.new_code_colours.push(code.clone());
            }
            Some(ours) if ours != colour => report.kept_code_colours.push(code.clone()),
            Some(_) => {}
        }
    }

    // Annotators: matched by name (the consensus by its flag), else added.
    let mut layer_for = |project: &mut Project,
                         edits: &mut Vec<Edit>,
                         report: &mut MergeReport,
                         template: &Annotator,
                         name: String,
                         consensus: bool|
     -> Result<AnnotatorId, MergeError> {
        let existing = project.annotators.iter().find(|a| {
            if consensus {
                a.consensus
            } else {
                !a.consensus && a.name.eq_ignore_ascii_case(&name)
            }
        });
        if let Some(a) = existing {
            return Ok(a.id);
        }
        let id = take_id(&mut next_annotator, AnnotatorId::next)?;
        let edit = Edit::AddAnnotator(Annotator {
            id,
            name: name.clone(),
            colour: template.colour,
            placements: Vec::new(),
            consensus,
        });
        apply(project, edits, edit)?;
        report.new_annotators.push(name);
        Ok(id)
    };

    for annotator in &theirs.annotators {
        let target = layer_for(
            &mut project,
            &mut edits,
            &mut report,
            annotator,
            annotator.name.clone(),
            annotator.consensus,
        )?;
        for placement in &annotator.placements {
            let Some(&excerpt) = excerpt_map.get(&placement.excerpt) else {
                continue;
            };
            let theirs_placement = Placement {
                excerpt,
                ..placement.clone()
            };
            let existing = project.placement(target, excerpt).cloned();
            let place = |project: &mut Project, edits: &mut Vec<Edit>, annotator: AnnotatorId| {
                let edit = Edit::SetPlacement {
                    annotator,
                    placement: theirs_placement.clone(),
                };
                apply(project, edits, edit)
            };
            match existing {
                None => {
                    place(&mut project, &mut edits, target)?;
                    report.new_placements += 1;
                }
                Some(ours_placement)
                    if ours_placement.position == placement.position
                        && ours_placement.memo == placement.memo =>
                {
                    report.same_placements += 1;
                }
                Some(ours_placement) => {
                    let conflict = Conflict {
                        annotator: annotator.name.clone(),
                        excerpt,
                        ours: ours_placement,
                        theirs: theirs_placement.clone(),
                    };
                    match resolve(&conflict) {
                        Resolution::KeepOurs => {}
                        Resolution::TakeTheirs => place(&mut project, &mut edits, target)?,
                        Resolution::KeepBoth => {
                            let name = format!("{} (from {source})", annotator.name);
                            let layer = layer_for(
                                &mut project,
                                &mut edits,
                                &mut report,
                                annotator,
                                name,
                                false,
                            )?;
                            place(&mut project, &mut edits, layer)?;
                        }
                    }
                    report.conflicts.push(conflict);
                }
            }
        }
    }
    Ok((edits, report))
}

#[cfg(test)]
mod tests;
