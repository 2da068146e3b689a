//! `continuum search`, run as a real process: keyword-in-context output, exit codes as grep's,
//! the formats, the filters and a clear message for a bad regular expression.

use crate::support::fixtures::danish_interviews;
use crate::support::{continuum, saved_in_temp, text};
use std::ffi::OsStr;
use std::path::Path;

fn search(project: &Path, args: &[&str]) -> std::process::Output {
    let mut all: Vec<&OsStr> = vec!["search".as_ref(), project.as_os_str()];
    all.extend(args.iter().map(|a| OsStr::new(*a)));
    continuum(&all)
}

#[test]
fn search_lists_hits_in_context_aligned_on_the_hit_grouped_by_transcript() {
    let (_dir, path) = saved_in_temp("danish.continuum", &danish_interviews());
    let run = search(&path, &["familie"]);
    assert_eq!(run.status.code(), Some(0), "{}", text(&run.stderr));
    let out = text(&run.stdout);
    assert!(out.starts_with("Mette (Vestbo, staff) — 3 hits\n"), "{out}");
    assert!(
        out.contains("Fru Dahl (Lindely, citizen) — 1 hit\n"),
        "{out}"
    );
    assert!(out.contains("4 hits in 2 transcripts"), "{out}");
    // Case folds: "FAMILIE" is found, as stored.
    assert!(out.contains("[FAMILIE]"), "{out}");
    // Every hit starts in the same column.
    let columns: Vec<usize> = out
        .lines()
        .filter(|line| line.contains('['))
        .map(|line| line[..line.find('[').unwrap()].chars().count())
        .collect();
    assert_eq!(columns.len(), 4);
    assert!(columns.windows(2).all(|w| w[0] == w[1]), "{out}");
}

#[test]
fn search_finds_decomposed_letters_from_a_composed_pattern() {
    let (_dir, path) = saved_in_temp("danish.continuum", &danish_interviews());
    let run = search(&path, &["på", "--whole-word", "--format", "json"]);
    assert_eq!(run.status.code(), Some(0), "{}", text(&run.stderr));
    let json: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
    assert_eq!(json["total"], 1);
    assert_eq!(json["hits"][0]["hit"], "pa\u{30a}");
    assert_eq!(json["hits"][0]["speaker"], "Fru Dahl");
    assert_eq!(json["hits"][0]["transcript"], "Fru Dahl");
}

#[test]
fn search_exits_with_1_when_nothing_is_found_and_2_on_a_bad_regular_expression() {
    let (_dir, path) = saved_in_temp("danish.continuum", &danish_interviews());
    let none = search(&path, &["fremmed"]);
    assert_eq!(none.status.code(), Some(1));
    assert_eq!(text(&none.stdout), "No hits in 2 transcripts.\n");
    let bad = search(&path, &["famil(ie|", "--regex"]);
    assert_eq!(bad.status.code(), Some(2));
    assert_eq!(
        text(&bad.stderr),
        "error: The regular expression has a mistake at character 6: unclosed group.\n"
    );
    let missing = search(&path.with_extension("nope"), &["familie"]);
    assert_eq!(missing.status.code(), Some(2));
}

#[test]
fn search_restricts_to_participants_roles_and_cases() {
    let (_dir, path) = saved_in_temp("danish.continuum", &danish_interviews());
    let speakers = |args: &[&str]| {
        let run = search(&path, args);
        let json: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
        json["hits"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h["speaker"].as_str().unwrap().to_owned())
            .collect::<Vec<_>>()
    };
    let json = ["familie", "--format", "json"];
    assert_eq!(
        speakers(&[&json[..], &["--speaker", "participant"]].concat()),
        ["Mette", "Mette", "Fru Dahl"]
    );
    assert_eq!(
        speakers(&[&json[..], &["--speaker", "interviewer"]].concat()),
        ["Interviewer"]
    );
    assert_eq!(
        speakers(&[&json[..], &["--role", "citizen"]].concat()),
        ["Fru Dahl"]
    );
    assert_eq!(
        speakers(&[&json[..], &["--case", "Vestbo", "--match-case"]].concat()),
        ["Interviewer", "Mette"]
    );
    let unknown = search(&path, &["familie", "--case", "Østbo"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(
        text(&unknown.stderr).contains("no case called “Østbo”; there are: Vestbo, Lindely"),
        "{}",
        text(&unknown.stderr)
    );
}

#[test]
fn search_writes_a_kwic_table_as_csv() {
    let (_dir, path) = saved_in_temp("danish.continuum", &danish_interviews());
    let run = search(&path, &["veninde", "--format", "csv"]);
    assert_eq!(run.status.code(), Some(0), "{}", text(&run.stderr));
    let mut reader = csv::Reader::from_reader(run.stdout.as_slice());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(
        header[..8],
        [
            "transcript",
            "case",
            "role",
            "speaker",
            "offset",
            "left",
            "hit",
            "right"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 1);
    assert_eq!(&rows[0][0], "Mette");
    assert_eq!(&rows[0][3], "Mette");
    assert_eq!(&rows[0][6], "veninde");
    assert!(rows[0][5].ends_with("ikke en "), "{:?}", &rows[0][5]);
}
