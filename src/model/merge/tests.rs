//! Tests of merging: a copy into itself, codes and code colours combined, new layers and
//! excerpts, conflicts kept apart, transcripts this project lacks, and merges that must be refused.

use super::*;
use crate::model::{Colour, Timestamp};

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
fn colours_come_in_for_codes_without_one_and_ours_win_a_clash() {
    let mut ours = sample();
    let mut theirs = sample();
    let colour = |p: &mut Project, code: &str, colour: Colour| {
        p.apply(Edit::SetCodeColour {
            code: code.into(),
            colour: Some(colour),
        })
        .unwrap();
    };
    let [blue, vermillion, green, ..] = Colour::PALETTE;
    colour(&mut ours, "kin terms", blue);
    colour(&mut ours, "reciprocity", green);
    colour(&mut theirs, "kin terms", vermillion);
    colour(&mut theirs, "reciprocity", green);
    colour(&mut theirs, "weekly rhythm", vermillion);
    colour(&mut theirs, "Attitude/sceptical", green);
    let (edits, report) = merge(&ours, &theirs, "copy", |_| Resolution::KeepOurs).unwrap();
    assert_eq!(
        report.new_code_colours,
        ["Attitude/sceptical", "weekly rhythm"]
    );
    assert_eq!(report.kept_code_colours, ["kin terms"]);
    assert_eq!(
        report.colour_notes(),
        [
            "Colours of 2 codes from the other file: Attitude/sceptical, weekly rhythm.",
            "This project's colour kept for 1 code the other file colours differently: kin terms."
        ]
    );
    assert_eq!(edits.len(), 2, "{edits:?}");
    for edit in edits {
        ours.apply(edit).unwrap();
    }
    assert_eq!(ours.code_colour("kin terms"), Some(blue));
    assert_eq!(ours.code_colour("reciprocity"), Some(green));
    assert_eq!(ours.code_colour("weekly rhythm"), Some(vermillion));
    assert_eq!(ours.code_colour("Attitude/sceptical"), Some(green));
    // Merged again, nothing more comes in and the notes say only what was kept.
    let (edits, report) = merge(&ours, &theirs, "copy", |_| Resolution::KeepOurs).unwrap();
    assert!(edits.is_empty());
    assert_eq!(report.colour_notes().len(), 1);
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
