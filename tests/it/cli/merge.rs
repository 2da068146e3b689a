//! `merge`: bringing in a co-author's annotator layers and reporting conflicts.

use crate::support::{continuum, sample_path, text};

/// Two people code the sample independently in separate files; merging loses no placement, and a
/// disagreement in one file is reported and kept.
#[test]
fn merge_brings_in_a_coauthors_layers_and_keeps_both_sides_of_a_conflict() {
    use continuum::model::{AnnotatorId, Edit, ExcerptId, Project, Timestamp};
    let dir = tempfile::tempdir().unwrap();
    let sample = continuum::io::load_project(&sample_path()).unwrap();
    // Anna's copy: only her layer. Jonas's copy: only his, with one placement moved.
    let only = |keep: u32| {
        let mut p: Project = sample.clone();
        p.annotators.retain(|a| a.id == AnnotatorId(keep));
        p
    };
    let anna = only(1);
    let mut jonas = only(2);
    jonas
        .apply(Edit::place(
            &jonas,
            AnnotatorId(2),
            ExcerptId(1),
            0.9,
            Timestamp(7),
        ))
        .unwrap();
    // Jonas gave a code a colour; Anna's copy has none.
    let green = continuum::model::Colour::PALETTE[2];
    jonas.code_colours.insert("reciprocity".into(), green);
    let (anna_path, jonas_path) = (
        dir.path().join("anna.continuum"),
        dir.path().join("jonas.continuum"),
    );
    continuum::io::save_project(&anna_path, &anna).unwrap();
    continuum::io::save_project(&jonas_path, &jonas).unwrap();

    let merged_path = dir.path().join("merged.continuum");
    let out = continuum(&[
        "merge".as_ref(),
        anna_path.as_os_str(),
        jonas_path.as_os_str(),
        "--out".as_ref(),
        merged_path.as_os_str(),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains(
            "41 new placements, 0 already here, 0 new excerpts, 0 excerpts with new codes, new annotators: Jonas Berg"
        ),
        "{}",
        text(&out.stdout)
    );
    assert!(
        text(&out.stdout).contains("\n  Colours of 1 code from the other file: reciprocity.\n"),
        "{}",
        text(&out.stdout)
    );
    let merged = continuum::io::load_project(&merged_path).unwrap();
    assert_eq!(merged.code_colour("reciprocity"), Some(green));
    assert_eq!(
        merged
            .annotators
            .iter()
            .map(|a| a.placements.len())
            .sum::<usize>(),
        80
    );

    // Merging the original Jonas layer into the merged file: one conflict, both kept.
    let sample_path_copy = dir.path().join("original.continuum");
    continuum::io::save_project(&sample_path_copy, &sample).unwrap();
    let again = dir.path().join("again.continuum");
    let out = continuum(&[
        "merge".as_ref(),
        merged_path.as_os_str(),
        sample_path_copy.as_os_str(),
        "--out".as_ref(),
        again.as_os_str(),
    ]);
    let stdout = text(&out.stdout);
    assert!(stdout.contains("conflict: Jonas Berg placed excerpt e1 “Part of her week” at 0.9 here and 0.3 in original.continuum; kept both"), "{stdout}");
    let both = continuum::io::load_project(&again).unwrap();
    assert_eq!(
        both.placement(AnnotatorId(2), ExcerptId(1))
            .unwrap()
            .position,
        0.9
    );
    assert!(
        both.annotators
            .iter()
            .any(|a| a.name == "Jonas Berg (from original.continuum)" && a.placements.len() == 1)
    );

    let preferred = dir.path().join("theirs.continuum");
    continuum(&[
        "merge".as_ref(),
        merged_path.as_os_str(),
        sample_path_copy.as_os_str(),
        "--out".as_ref(),
        preferred.as_os_str(),
        "--prefer".as_ref(),
        "theirs".as_ref(),
    ]);
    let theirs = continuum::io::load_project(&preferred).unwrap();
    assert_eq!(
        theirs
            .placement(AnnotatorId(2), ExcerptId(1))
            .unwrap()
            .position,
        0.3
    );
    assert_eq!(theirs.annotators.len(), 2);
}
