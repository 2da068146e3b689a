//! Merging annotator layers from another copy of a project (a co-author coded independently in
//! their own file). Transcripts are matched by text, excerpts by id and range (else by range), and
//! annotators by name; excerpts new to this project are added. Where the same annotator placed the
//! same excerpt differently in the two files, nothing is silently dropped: each such conflict is
//! resolved by the caller, keeping this project's, taking the other's, or keeping both (the other
//! placement goes into a layer of its own, "Name (from file)").
//!
//! Implementation notes: the merge applies each edit it builds to a scratch copy of this project
//! as it goes, so later steps see earlier ones (an annotator added for one conflict is found again
//! for the next). If the copy refuses an edit, the merge stops there and says which edit and why:
//! handing on an edit the project refuses would fail later, half-way through applying the merge.

use super::ids::take_id;
use super::{
    Annotator, AnnotatorId, Edit, EditError, Excerpt, ExcerptId, IdsExhausted, Placement, Project,
    Transcript, TranscriptId,
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
mod tests {
    use super::*;
    use crate::model::Timestamp;

    fn sample() -> Project {
        crate::io::parse_project(crate::SAMPLE_PROJECT).unwrap()
    }

    #[test]
    fn merging_a_copy_into_itself_changes_nothing() {
        let ours = sample();
        let (edits, report) = merge(&ours, &ours, "copy", |_| Resolution::KeepBoth).unwrap();
        assert!(edits.is_empty());
        assert_eq!(report.same_placements, 80);
        assert!(report.conflicts.is_empty());
    }

    #[test]
    fn codes_from_both_files_are_combined_and_none_dropped() {
        let mut ours = sample();
        let mut theirs = sample();
        let set = |p: &mut Project, codes: &[&str]| {
            p.apply(Edit::SetExcerptCodes {
                excerpt: ExcerptId(3),
                codes: codes.iter().map(|c| c.to_string()).collect(),
            })
            .unwrap();
        };
        set(&mut ours, &["reciprocity"]);
        set(&mut theirs, &["display rule", "reciprocity"]);
        let (edits, report) = merge(&ours, &theirs, "copy", |_| Resolution::KeepOurs).unwrap();
        assert_eq!(report.coded_excerpts, 1);
        for edit in edits {
            ours.apply(edit).unwrap();
        }
        assert_eq!(
            ours.excerpt(ExcerptId(3)).unwrap().codes,
            ["reciprocity", "display rule"]
        );
    }

    #[test]
    fn a_coauthors_new_layer_and_new_excerpt_come_in_and_conflicts_are_kept_apart() {
        let ours = sample();
        let mut theirs = sample();
        // The co-author added an annotator with one placement on a new excerpt, and Jonas moved one.
        let new_excerpt = Excerpt {
            id: ExcerptId(41), // the same id as an excerpt of ours with another range: must not match
            transcript: TranscriptId(1),
            start: 0,
            end: 12,
            label: String::new(),
            memo: String::new(),
            codes: Vec::new(),
        };
        theirs.excerpts.retain(|e| e.id != ExcerptId(41));
        for a in &mut theirs.annotators {
            a.placements.retain(|p| p.excerpt != ExcerptId(41));
        }
        theirs.apply(Edit::AddExcerpt(new_excerpt)).unwrap();
        theirs
            .apply(Edit::AddAnnotator(Annotator {
                id: AnnotatorId(3),
                name: "Nanna".into(),
                colour: crate::model::Colour::PALETTE[2],
                placements: vec![],
                consensus: false,
            }))
            .unwrap();
        theirs
            .apply(Edit::place(
                &theirs,
                AnnotatorId(3),
                ExcerptId(41),
                0.5,
                Timestamp(1),
            ))
            .unwrap();
        theirs
            .apply(Edit::place(
                &theirs,
                AnnotatorId(2),
                ExcerptId(1),
                0.9,
                Timestamp(1),
            ))
            .unwrap();

        let (edits, report) =
            merge(&ours, &theirs, "nanna.continuum", |_| Resolution::KeepBoth).unwrap();
        assert_eq!(report.new_excerpts, 1);
        assert_eq!(
            report.new_annotators,
            ["Jonas Berg (from nanna.continuum)", "Nanna"]
        );
        assert_eq!(report.conflicts.len(), 1);
        let mut merged = ours.clone();
        for edit in edits {
            merged.apply(edit).unwrap();
        }
        merged.validate().unwrap();
        // Jonas's own placement is untouched; the other file's is in its own layer.
        assert_eq!(
            merged
                .placement(AnnotatorId(2), ExcerptId(1))
                .unwrap()
                .position,
            0.30
        );
        let kept = merged
            .annotators
            .iter()
            .find(|a| a.name.starts_with("Jonas Berg (from"))
            .unwrap();
        assert_eq!(kept.placements[0].position, 0.9);
        // The new excerpt got a fresh id and Nanna's placement points at it.
        let nanna = merged
            .annotators
            .iter()
            .find(|a| a.name == "Nanna")
            .unwrap();
        let excerpt = merged.excerpt(nanna.placements[0].excerpt).unwrap();
        assert_eq!((excerpt.start, excerpt.end), (0, 12));
        assert_ne!(excerpt.id, ExcerptId(41));

        let (edits, _) = merge(&ours, &theirs, "x", |_| Resolution::TakeTheirs).unwrap();
        let mut taken = ours.clone();
        for edit in edits {
            taken.apply(edit).unwrap();
        }
        assert_eq!(
            taken
                .placement(AnnotatorId(2), ExcerptId(1))
                .unwrap()
                .position,
            0.9
        );
    }

    #[test]
    fn transcripts_this_project_lacks_are_reported() {
        let ours = Project::new("empty");
        let (edits, report) = merge(&ours, &sample(), "x", |_| Resolution::KeepBoth).unwrap();
        assert_eq!(report.missing_transcripts.len(), 6);
        assert_eq!(
            report
                .missing_transcripts
                .iter()
                .map(|(_, n)| n)
                .sum::<usize>(),
            80
        );
        // The annotators still come in, with nothing placed.
        assert_eq!(report.new_annotators.len(), 2);
        assert_eq!(edits.len(), 2);
    }

    /// Issue 11, item 13: an annotator id of 4294967295 made the next new one 0 in release
    /// builds; the merge now says why it cannot add the other file's annotators.
    #[test]
    fn merging_past_the_largest_annotator_id_is_refused() {
        let mut ours = Project::new("full");
        ours.annotators.push(Annotator {
            id: AnnotatorId(u32::MAX),
            name: "Zed".into(),
            colour: crate::model::Colour::rgb(0, 0, 0),
            placements: Vec::new(),
            consensus: false,
        });
        let error = merge(&ours, &sample(), "x", |_| Resolution::KeepBoth).unwrap_err();
        let MergeError::IdsExhausted(error) = error else {
            panic!("{error:?}");
        };
        assert_eq!(error.kind, "annotator");
        assert_eq!(error.largest, "a4294967295");
    }

    /// Issue 12, item 7: an edit the scratch copy refused was ignored there and still handed on,
    /// so applying the merge failed half-way (or, in the window, merged nothing without a word).
    /// Now the merge stops and names the refused edit.
    #[test]
    fn an_edit_this_project_refuses_stops_the_merge_with_a_message() {
        let ours = sample();
        let mut theirs = sample();
        // A copy that was never validated (built in memory, not read from a file): one placement
        // off the axis, which `ours` will not take.
        theirs.annotators[1].placements[0].position = 1.5;
        for resolution in [Resolution::KeepBoth, Resolution::TakeTheirs] {
            let error = merge(&ours, &theirs, "copy", |_| resolution).unwrap_err();
            let MergeError::Refused { edit, error: why } = &error else {
                panic!("{error:?}");
            };
            assert!(
                edit.starts_with("placement of") || edit.starts_with("move of"),
                "{edit}"
            );
            assert!(why.to_string().contains("1.5 is outside 0..1"), "{why}");
            assert!(error.to_string().contains("was refused"), "{error}");
        }
    }
}
