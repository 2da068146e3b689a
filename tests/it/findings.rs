//! The findings and agreement of the sample project against reference values computed
//! independently with numpy, scipy and the `krippendorff` package
//! (tests/fixtures/findings/reference.py, whose output is sample_reference.json), and
//! `continuum summary` and `agreement --ci` run as processes.

use crate::support::{continuum, sample_path, text};
use continuum::analysis::{GroupBy, Layer, Metric, Ratings, agreement_report, compare, findings};
use std::ffi::OsStr;

fn reference() -> serde_json::Value {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/findings/sample_reference.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn close(a: f64, b: &serde_json::Value, what: &str) {
    let b = b.as_f64().unwrap_or_else(|| panic!("{what} missing"));
    assert!(
        (a - b).abs() < 1e-9,
        "{what}: {a} here, {b} in the reference"
    );
}

#[test]
fn the_samples_findings_match_numpy_and_scipy() {
    let project = continuum::io::load_project(&sample_path()).unwrap();
    let reference = reference();
    let found = findings(&project, Layer::Mean, GroupBy::Case);
    assert_eq!(found.groups.len(), 2);
    for group in &found.groups {
        let r = &reference["summary"][&group.name];
        assert_eq!(group.summary.n as u64, r["n"].as_u64().unwrap());
        close(group.summary.median, &r["median"], "median");
        close(group.summary.q1, &r["q1"], "q1");
        close(group.summary.q3, &r["q3"], "q3");
        close(group.summary.mean, &r["mean"], "mean");
        close(group.summary.sd, &r["sd"], "sd");
    }
    let vestbo = found
        .groups
        .iter()
        .find(|g| g.name == "Hjemmeplejen Vestbo")
        .unwrap();
    let lindely = found
        .groups
        .iter()
        .find(|g| g.name == "Dagcentret Lindely")
        .unwrap();
    let comparison = compare(vestbo, lindely);
    close(
        comparison.delta,
        &reference["cliffs_delta_vestbo_vs_lindely"],
        "Cliff's delta",
    );
    close(
        comparison.delta,
        &reference["cliffs_delta_from_mann_whitney"],
        "delta from U",
    );
    assert_eq!(comparison.magnitude, "large");
    assert!(comparison.interval.0 < comparison.difference);
    assert!(comparison.difference < comparison.interval.1);
    assert!(comparison.interval.1 < 0.0, "{:?}", comparison.interval);
}

#[test]
fn the_samples_alpha_matches_the_krippendorff_package() {
    let project = continuum::io::load_project(&sample_path()).unwrap();
    let reference = reference();
    let ratings = Ratings::from_project(&project, Metric::Interval);
    let report = agreement_report(
        &ratings,
        Metric::Interval,
        Some(continuum::analysis::Grouping::Case),
    );
    close(
        report.overall.alpha.unwrap(),
        &reference["alpha_all"],
        "alpha",
    );
    for row in &report.groups {
        close(
            row.alpha.unwrap(),
            &reference["alpha_by_case"][&row.group],
            &row.group,
        );
    }
}

#[test]
fn summary_prints_each_groups_distribution_and_zones() {
    let sample = sample_path();
    let run = continuum(&[
        "summary".as_ref(),
        sample.as_os_str(),
        OsStr::new("--by"),
        OsStr::new("case"),
        OsStr::new("--format"),
        OsStr::new("json"),
    ]);
    assert!(run.status.success(), "{}", text(&run.stderr));
    let json: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
    assert_eq!(
        json["zones"],
        serde_json::json!(["Family", "Friend", "Professional", "Stranger"])
    );
    let lindely = json["groups"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["group"] == "Dagcentret Lindely")
        .unwrap();
    assert_eq!(lindely["n"], 20);
    assert_eq!(lindely["zones"], serde_json::json!([0, 1, 17, 2]));
    let text_run = continuum(&["summary".as_ref(), sample.as_os_str()]);
    let out = text(&text_run.stdout);
    assert!(
        out.contains("Dagcentret Lindely         0 (0%)        1 (5%)      17 (85%)       2 (10%)"),
        "{out}"
    );
    // A layer that is not there is named.
    let missing = continuum(&[
        "summary".as_ref(),
        sample.as_os_str(),
        OsStr::new("--layer"),
        OsStr::new("Nobody"),
    ]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(
        text(&missing.stderr)
            .contains("there is no annotator called “Nobody”; there are: Anna Holm, Jonas Berg")
    );
}

#[test]
fn agreement_with_ci_gives_a_reproducible_interval() {
    let sample = sample_path();
    let args = [
        "agreement".as_ref(),
        sample.as_os_str(),
        OsStr::new("--ci"),
        OsStr::new("--format"),
        OsStr::new("json"),
    ];
    let first = continuum(&args);
    assert!(first.status.success(), "{}", text(&first.stderr));
    assert_eq!(
        first.stdout,
        continuum(&args).stdout,
        "the same seed, the same interval"
    );
    let json: serde_json::Value = serde_json::from_slice(&first.stdout).unwrap();
    let interval = &json["overall"]["interval"];
    let (low, high) = (
        interval["low"].as_f64().unwrap(),
        interval["high"].as_f64().unwrap(),
    );
    let alpha = json["overall"]["alpha"].as_f64().unwrap();
    assert!(low < alpha && alpha < high && high <= 1.0, "{interval}");
    assert_eq!(interval["below_800"], 0.0);
}
