//! `agreement` on a project and on the table exported from it (hostile tables are in
//! `cli_agreement.rs`).

use crate::support::{continuum, sample_path, text, write_file};

#[test]
fn agreement_from_a_project_and_from_its_exported_table_agree() {
    let dir = tempfile::tempdir().unwrap();
    let csv_path = dir.path().join("placements.csv");
    continuum(&[
        "export-csv".as_ref(),
        sample_path().as_os_str(),
        "--out".as_ref(),
        csv_path.as_os_str(),
    ]);
    let from_project = continuum(&[
        "agreement".as_ref(),
        sample_path().as_os_str(),
        "--by".as_ref(),
        "case".as_ref(),
    ]);
    let from_table = continuum(&[
        "agreement".as_ref(),
        csv_path.as_os_str(),
        "--by".as_ref(),
        "case".as_ref(),
    ]);
    assert!(
        from_project.status.success(),
        "{}",
        text(&from_project.stderr)
    );
    assert_eq!(text(&from_project.stdout), text(&from_table.stdout));
    let report = text(&from_project.stdout);
    assert!(
        report.contains("all: α = 0.972 (39 units, 78 pairable values)"),
        "{report}"
    );
    assert!(
        report.contains("Dagcentret Lindely: α = 0.840 (18 units, 36 pairable values)"),
        "{report}"
    );
    assert!(
        report.contains("Anna Holm – Jonas Berg: α = 0.972"),
        "{report}"
    );

    let json = continuum(&[
        "agreement".as_ref(),
        sample_path().as_os_str(),
        "--metric".as_ref(),
        "nominal".as_ref(),
        "--format".as_ref(),
        "json".as_ref(),
    ]);
    let value: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(value["metric"], "nominal");
    assert_eq!(value["overall"]["units"], 39);
}

#[test]
fn agreement_on_a_bad_table_names_the_line_and_on_one_annotator_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let bad = write_file(
        dir.path(),
        "bad.csv",
        "annotator,excerpt,position\nAnna,e1,0.2\nJonas,e1,far\n",
    );
    let out = continuum(&["agreement".as_ref(), bad.as_os_str()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("bad.csv: line 3: the position “far” is not a finite number"),
        "{}",
        text(&out.stderr)
    );

    let alone = dir.path().join("alone.csv");
    std::fs::write(
        &alone,
        "annotator,excerpt,position\nAnna,e1,0.2\nAnna,e2,0.7\n",
    )
    .unwrap();
    let out = continuum(&["agreement".as_ref(), alone.as_os_str()]);
    assert!(out.status.success());
    assert!(
        text(&out.stdout)
            .contains("all: undefined: it needs at least one excerpt placed by two annotators"),
        "{}",
        text(&out.stdout)
    );
}

/// Regression (a new user's trial): the exported table gave the consensus layer as one more
/// coder, so agreement read back from it (α = 0.069) differed from the project's (−0.019).
#[test]
fn the_consensus_layer_is_no_coder_in_the_table_either() {
    use continuum::model::*;
    let mut project = continuum::io::load_project(&sample_path()).unwrap();
    let mut consensus = project.annotators[0].clone();
    consensus.id = AnnotatorId(99);
    consensus.name = "Consensus".into();
    consensus.consensus = true;
    for placement in &mut consensus.placements {
        placement.position = 1.0 - placement.position;
    }
    project.annotators.push(consensus);
    let (dir, path) = crate::support::saved_in_temp("settled.continuum", &project);
    let csv_path = dir.path().join("placements.csv");
    let export = continuum(&[
        "export-csv".as_ref(),
        path.as_os_str(),
        "--out".as_ref(),
        csv_path.as_os_str(),
    ]);
    assert!(export.status.success(), "{}", text(&export.stderr));
    let table = std::fs::read_to_string(&csv_path).unwrap();
    assert!(table.lines().next().unwrap().ends_with(",codes,consensus"));
    assert_eq!(table.lines().filter(|l| l.ends_with(",true")).count(), 39);
    let from_project = continuum(&["agreement".as_ref(), path.as_os_str()]);
    let from_table = continuum(&["agreement".as_ref(), csv_path.as_os_str()]);
    assert_eq!(text(&from_project.stdout), text(&from_table.stdout));
    assert!(text(&from_table.stdout).contains("all: α = 0.972"));
}
