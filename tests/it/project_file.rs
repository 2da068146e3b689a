//! The project file: round trips, determinism, and a precise error for each kind of bad file.

use crate::support::write_file as write;
use crate::support::{sample_path, small_project, sparse_file};
use continuum::io::{self, LoadError};
use continuum::model::*;
use std::path::Path;

/// Loads `text` as a file called `bad.continuum` and returns the error message.
fn error_for(text: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "bad.continuum", text);
    let before = std::fs::read(&path).unwrap();
    let error = io::load_project(&path)
        .expect_err("the file should be refused")
        .to_string();
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "loading must never write"
    );
    assert!(
        error.contains("bad.continuum"),
        "the message names the file: {error}"
    );
    error
}

fn small_text() -> String {
    io::to_ron_string(&small_project())
}

#[test]
fn every_sample_project_loads_validates_and_saves_byte_identically() {
    let folder = sample_path().parent().unwrap().to_path_buf();
    let mut seen = 0;
    for entry in std::fs::read_dir(folder).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "continuum") {
            let original = std::fs::read_to_string(&path).unwrap();
            let project = io::load_project(&path).unwrap_or_else(|e| panic!("{e}"));
            project.validate().unwrap();
            assert_eq!(
                io::to_ron_string(&project),
                original,
                "{} does not save identically",
                path.display()
            );
            seen += 1;
        }
    }
    assert!(seen >= 1);
}

#[test]
fn round_trip_keeps_awkward_text_exactly() {
    let mut project = small_project();
    let memo = "She said \"no\".\nThen r#\"raw\"# and \"#\ttabs, æøå ÆØÅ, emoji 🙂, backslash \\ and a trailing newline\n";
    project
        .apply(Edit::SetMemo {
            target: MemoTarget::Project,
            text: memo.into(),
        })
        .unwrap();
    project
        .apply(Edit::SetTitle(
            "Title with \"quotes\" and ) brackets (".into(),
        ))
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.continuum");
    io::save_project(&path, &project).unwrap();
    let loaded = io::load_project(&path).unwrap();
    assert_eq!(loaded, project);
    assert_eq!(loaded.memo, memo);
}

#[test]
fn saving_is_deterministic_and_keeps_a_backup() {
    let project = small_project();
    assert_eq!(
        io::to_ron_string(&project),
        io::to_ron_string(&project.clone())
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.continuum");
    io::save_project(&path, &project).unwrap();
    let first = std::fs::read(&path).unwrap();
    let mut changed = project.clone();
    changed.apply(Edit::SetTitle("Changed".into())).unwrap();
    io::save_project(&path, &changed).unwrap();
    assert_eq!(std::fs::read(io::backup_path(&path)).unwrap(), first);
    assert_eq!(io::load_project(&path).unwrap(), changed);
}

#[test]
fn a_failed_save_leaves_the_file_on_disk_alone() {
    let dir = tempfile::tempdir().unwrap();
    // A "folder" that is really a file: the save cannot create its temporary file there.
    let blocker = write(dir.path(), "not-a-folder", "x");
    let error = io::save_project(&blocker.join("p.continuum"), &small_project()).unwrap_err();
    assert!(error.to_string().contains("could not be saved"), "{error}");
    assert_eq!(std::fs::read_to_string(&blocker).unwrap(), "x");
}

#[test]
fn hand_edited_files_in_any_order_load_and_save_canonically() {
    let mut project = small_project();
    project
        .apply(Edit::AddCase(Case {
            id: CaseId(2),
            name: "Lindely".into(),
            description: String::new(),
        }))
        .unwrap();
    let mut shuffled = project.clone();
    shuffled.cases.reverse();
    let text = ron::ser::to_string(&shuffled).unwrap();
    let loaded = io::parse_project(&text).unwrap();
    assert_eq!(loaded, project);
}

/// Regression (a new user's trial): a file that is no project at all was reported in the
/// parser's words, "Expected opening `(` for struct `VersionProbe`".
#[test]
fn a_file_that_is_not_ron_at_all_is_said_to_be_no_project() {
    for text in [
        "{\n  \"format_version\": 1\n}\n",
        "Interview with Mette\n",
        "\n  <xml/>",
    ] {
        let error = error_for(text);
        assert!(
            error.contains(
                "bad.continuum: is not a Continuum project: a project file begins with `(`"
            ),
            "{error}"
        );
        assert!(!error.contains("struct"), "{error}");
    }
}

#[test]
fn a_syntax_error_deep_in_the_file_points_at_its_line() {
    let text = small_text().replacen("title: \"Small\",", "title: \"Small\" oops,", 1);
    let line = text.lines().position(|l| l.contains("oops")).unwrap() + 1;
    let error = error_for(&text);
    assert!(error.contains(&format!("bad.continuum:{line}:")), "{error}");
}

#[test]
fn truncated_file_is_a_syntax_error() {
    let text = small_text();
    let error = error_for(&text[..text.len() / 2]);
    assert!(error.contains("syntax error"), "{error}");
}

#[test]
fn empty_file_is_refused() {
    for text in ["", " \n\t\n"] {
        let error = error_for(text);
        assert!(
            error.contains("bad.continuum: is empty: there is no project in it"),
            "{error}"
        );
    }
}

#[test]
fn a_newer_format_version_is_refused_with_a_clear_message() {
    let text = small_text().replacen(
        "format_version: 1,",
        "format_version: 7,\n  shiny_new_field: true,",
        1,
    );
    let error = error_for(&text);
    assert!(error.contains("newer Continuum (file format 7"), "{error}");
}

#[test]
fn a_file_without_a_format_version_is_not_a_project() {
    let error = error_for("(title: \"x\")");
    assert!(
        error.contains("is not a Continuum project") && error.contains("`format_version`"),
        "{error}"
    );
}

#[test]
fn unknown_fields_are_refused_not_dropped() {
    let text = small_text().replacen("memo: \"\",", "memo: \"\",\n  colour_scheme: \"dark\",", 1);
    let error = error_for(&text);
    assert!(error.contains("colour_scheme"), "{error}");
}

#[test]
fn dangling_transcript_reference_names_the_excerpt_and_field() {
    let mut project = small_project();
    project.excerpts[0].transcript = TranscriptId(99);
    let error = error_for(&io::to_ron_string(&project));
    assert!(
        error.contains(
            "excerpt e1, field `transcript`: refers to transcript t99, which does not exist"
        ),
        "{error}"
    );
}

#[test]
fn dangling_placement_reference_names_the_annotator() {
    let mut project = small_project();
    project.annotators[0].placements[0].excerpt = ExcerptId(42);
    let error = error_for(&io::to_ron_string(&project));
    assert!(
        error.contains("placement of excerpt e42 by annotator a1 “Anna”, field `excerpt`"),
        "{error}"
    );
}

#[test]
fn position_outside_the_axis_is_refused() {
    for bad in ["1.5", "-0.1", "NaN", "inf"] {
        let text = small_text().replacen("position: 0.1,", &format!("position: {bad},"), 1);
        let error = error_for(&text);
        assert!(
            error.contains("field `position`") && error.contains("outside 0..1"),
            "{bad}: {error}"
        );
    }
}

#[test]
fn excerpt_past_the_end_of_its_transcript_is_refused() {
    let mut project = small_project();
    project.excerpts[0].end = 500;
    let error = error_for(&io::to_ron_string(&project));
    assert!(
        error.contains(
            "excerpt e1, field `end`: 500 is past the end of transcript t1 (24 characters)"
        ),
        "{error}"
    );
}

#[test]
fn a_code_listed_twice_is_refused_and_good_codes_round_trip() {
    let mut project = small_project();
    project.excerpts[0].codes = vec!["reciprocity".into(), "reciprocity".into()];
    let error = error_for(&io::to_ron_string(&project));
    assert!(
        error.contains("excerpt e1, field `codes`: the code “reciprocity” is listed twice"),
        "{error}"
    );
    project.excerpts[0].codes = vec!["reciprocity".into(), "display rule".into()];
    let text = io::to_ron_string(&project);
    assert_eq!(io::parse_project(&text).unwrap(), project);
    // Excerpts without codes do not mention them, so older files and diffs stay as they were.
    project.excerpts[0].codes.clear();
    assert!(!io::to_ron_string(&project).contains("codes"));
}

#[test]
fn code_colours_round_trip_and_a_badly_named_code_is_located() {
    let mut project = small_project();
    // A file without colours does not mention them, so older files save to the same bytes.
    assert!(!io::to_ron_string(&project).contains("code_colours"));
    project
        .code_colours
        .insert("Attitude/sceptical".into(), Colour::rgb(0xff, 0, 0));
    project
        .code_colours
        .insert("reciprocity".into(), Colour::PALETTE[2]);
    let text = io::to_ron_string(&project);
    assert!(
        text.contains(
            "  code_colours: {\n    \"Attitude/sceptical\": \"#ff0000\",\n    \"reciprocity\": \"#009e73\",\n  },\n"
        ),
        "{text}"
    );
    assert_eq!(io::parse_project(&text).unwrap(), project);

    let bad = text.replace("\"reciprocity\": ", "\" reciprocity\": ");
    let error = error_for(&bad);
    assert!(
        error.contains("the project, field `code_colours`: the code “ reciprocity” has spaces"),
        "{error}"
    );
    let error = error_for(&text.replace("\"#009e73\"", "\"green\""));
    assert!(
        error.contains("syntax error") && error.contains("\"#rrggbb\""),
        "{error}"
    );
}

#[test]
fn empty_or_reversed_excerpt_is_refused() {
    let mut project = small_project();
    project.excerpts[0].start = 20;
    project.excerpts[0].end = 5;
    let error = error_for(&io::to_ron_string(&project));
    assert!(
        error.contains("excerpt e1, field `start`: 20 is not before its end (5)"),
        "{error}"
    );
}

#[test]
fn duplicate_ids_are_refused() {
    let mut project = small_project();
    let mut twin = project.transcripts[0].clone();
    twin.name = "Twin".into();
    project.transcripts.push(twin);
    let error = error_for(&io::to_ron_string(&project));
    assert!(
        error.contains("transcript t1, field `id`: the id t1 is used by more than one transcript"),
        "{error}"
    );
}

#[test]
fn a_bad_colour_is_located() {
    let text = small_text().replacen("colour: \"#0072b2\"", "colour: \"blue\"", 1);
    let error = error_for(&text);
    assert!(
        error.contains("syntax error") && error.contains("\"#rrggbb\""),
        "{error}"
    );
}

#[test]
fn binary_garbage_is_not_text() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.continuum");
    std::fs::write(&path, [0x28, 0xff, 0xfe, 0x00, 0x13]).unwrap();
    let error = io::load_project(&path).unwrap_err();
    assert!(
        matches!(error, LoadError::NotText { byte_offset: 1, .. }),
        "{error}"
    );
}

#[test]
fn missing_file_and_folder_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let missing = io::load_project(&dir.path().join("nope.continuum")).unwrap_err();
    assert!(missing.to_string().contains("no such file"), "{missing}");
    let folder = io::load_project(dir.path()).unwrap_err();
    assert!(folder.to_string().contains("is a folder"), "{folder}");
}

#[test]
fn deep_nesting_does_not_overflow_the_stack() {
    let text = format!("(format_version: 1, title: {}", "[".repeat(100_000));
    let error = error_for(&text);
    assert!(error.contains("syntax error"), "{error}");
}

#[test]
fn the_documented_example_is_a_valid_project_that_saves_identically() {
    let doc = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/project-format.md"),
    )
    .unwrap();
    let start = doc
        .rfind("```ron\n")
        .expect("the doc ends with a RON example")
        + "```ron\n".len();
    let end = start + doc[start..].find("```").unwrap();
    let example = &doc[start..end];
    let project = io::parse_project(example).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(io::to_ron_string(&project), example);
    assert_eq!(
        project.quote(&project.excerpts[0]),
        "She calls me her girl."
    );
    assert_eq!(project.annotators.len(), 2);
    assert_eq!(project.code_colour("kin term"), Some(Colour::PALETTE[3]));
}

#[test]
fn overlapping_speaker_turns_are_refused() {
    let mut project = small_project();
    project.transcripts[0].turns = vec![
        Turn {
            start: 0,
            end: 10,
            speaker: "A".into(),
            time_ms: None,
        },
        Turn {
            start: 5,
            end: 20,
            speaker: "B".into(),
            time_ms: None,
        },
    ];
    let error = error_for(&io::to_ron_string(&project));
    assert!(
        error.contains(
            "field `turns`: turn 2 starts at 5, inside the turn before it (which ends at 10)"
        ),
        "{error}"
    );
}

#[test]
fn a_file_too_large_to_be_a_project_is_refused_before_reading() {
    let dir = tempfile::tempdir().unwrap();
    let path = sparse_file(dir.path(), "huge.continuum", io::MAX_PROJECT_BYTES + 1);
    let error = io::load_project(&path).unwrap_err();
    assert!(matches!(error, LoadError::TooLarge { .. }), "{error}");
    assert!(
        error
            .to_string()
            .contains("larger than any project file can be (512 MiB)"),
        "{error}"
    );
}
