//! `continuum agreement` on hostile or unusual tables (issue 11): devices, pipes, huge files,
//! values too large to square, negative values for the ratio metric.

use crate::support::{sparse_file, text, write_file};
use std::path::Path;
use std::process::{Command, Output};

fn agreement(table: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_continuum"))
        .arg("agreement")
        .arg(table)
        .args(args)
        .output()
        .unwrap()
}

/// Asserts the command failed with exit code 1 and a message containing `message`.
fn assert_refused(out: &Output, message: &str) {
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}{}", text(&out.stdout));
    assert!(stderr.contains(message), "{stderr}");
}

/// Issue 11, item 10: a table that is a link to /dev/zero was read until memory ran out, and a
/// named pipe blocked forever. Both are refused without being read.
#[cfg(unix)]
#[test]
fn agreement_refuses_a_table_that_is_a_device_or_a_named_pipe() {
    let dir = tempfile::tempdir().unwrap();
    let zero = crate::support::link_to_dev_zero(dir.path(), "zero.csv");
    assert_refused(&agreement(&zero, &[]), "zero.csv: is not a regular file");
    let pipe = dir.path().join("pipe.csv");
    let made = Command::new("mkfifo").arg(&pipe).status();
    if made.is_ok_and(|s| s.success()) {
        assert_refused(&agreement(&pipe, &[]), "pipe.csv: is not a regular file");
    }
}

/// Issue 11, item 10: the read of an agreement table is bounded by size. (The file is sparse: it
/// takes no disk space, and it is refused before a byte is read.)
#[test]
fn agreement_refuses_a_table_over_the_size_limit() {
    let dir = tempfile::tempdir().unwrap();
    let big = sparse_file(dir.path(), "big.csv", continuum::io::MAX_TABLE_BYTES + 1);
    assert_refused(
        &agreement(&big, &[]),
        "big.csv: is 513 MiB, larger than a table can be (512 MiB)",
    );
}

/// Issue 11, item 12: the ratio metric on negative values gave α = 1.000 for opposite values.
#[test]
fn agreement_ratio_on_negative_values_is_refused_with_exit_code_1() {
    let dir = tempfile::tempdir().unwrap();
    let table = write_file(
        dir.path(),
        "opposite.csv",
        "annotator,excerpt,position\nA,1,-1\nB,1,1\nA,2,2\nB,2,-2\nA,3,0.5\nB,3,-0.5\n",
    );
    assert_refused(
        &agreement(&table, &["--metric", "ratio"]),
        "opposite.csv: A gives excerpt 1 the value -1, but the ratio metric needs values of zero \
         or more",
    );
    let out = agreement(&table, &["--metric", "interval"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
}

/// Issue 11, item 12: values of 1e200 or 1e308 gave α = NaN in text and CSV and
/// `"alpha": null, "note": null` in JSON. Alpha does not depend on the unit of the values, so
/// they give the alpha of the same values scaled down.
#[test]
fn agreement_on_values_of_1e308_gives_a_number_not_nan() {
    let dir = tempfile::tempdir().unwrap();
    let rows = |scale: &str| {
        format!(
            "annotator,excerpt,position\nA,1,1{scale}\nB,1,1.5{scale}\nA,2,0.2{scale}\n\
             B,2,0.3{scale}\nA,3,1.7{scale}\nB,3,1.2{scale}\n"
        )
    };
    let huge = dir.path().join("huge.csv");
    std::fs::write(&huge, rows("e308")).unwrap();
    let plain = dir.path().join("plain.csv");
    std::fs::write(&plain, rows("")).unwrap();
    for format in ["text", "csv"] {
        let out = agreement(&huge, &["--format", format]);
        assert!(out.status.success(), "{}", text(&out.stderr));
        let report = text(&out.stdout);
        assert!(!report.contains("NaN"), "{report}");
        assert_eq!(
            report,
            text(&agreement(&plain, &["--format", format]).stdout)
        );
    }
    let json = |table: &Path| -> serde_json::Value {
        serde_json::from_slice(&agreement(table, &["--format", "json"]).stdout).unwrap()
    };
    let (huge, plain) = (json(&huge), json(&plain));
    let alpha = huge["overall"]["alpha"]
        .as_f64()
        .expect("a number, not null");
    let expected = plain["overall"]["alpha"].as_f64().unwrap();
    assert!((alpha - expected).abs() < 1e-9, "{huge} vs {plain}");
}
