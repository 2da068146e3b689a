//! The report: `continuum report` and File > Export report… write one self-contained page that
//! parses strictly, asks for nothing from the network, and says what the numbers are.

use crate::support::gui::*;
use crate::support::*;
use std::ffi::OsStr;

/// Parses the page as XML (it is written well-formed) and gives every start tag's name.
fn tags(html: &str) -> Vec<String> {
    let mut reader = quick_xml::Reader::from_str(html);
    let mut names = Vec::new();
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Start(e)) | Ok(quick_xml::events::Event::Empty(e)) => {
                names.push(String::from_utf8_lossy(e.name().as_ref()).into_owned())
            }
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(_) => {}
            Err(error) => panic!(
                "the report is not well-formed at {}: {error}",
                reader.buffer_position()
            ),
        }
    }
    names
}

/// `continuum report` of the sample with `extra` arguments; the page it wrote.
fn sample_report(extra: &[&str]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("sample report.html");
    let sample = sample_path();
    let mut args: Vec<&OsStr> = vec![
        "report".as_ref(),
        sample.as_os_str(),
        OsStr::new("--out"),
        out.as_os_str(),
    ];
    args.extend(extra.iter().map(OsStr::new));
    let run = continuum(&args);
    assert!(run.status.success(), "{}", text(&run.stderr));
    std::fs::read_to_string(&out).unwrap()
}

fn assert_self_contained(html: &str) {
    for external in ["src=", "href=", "url(", "@import", "<script", "<link"] {
        assert!(
            !html.contains(external),
            "the report refers outside itself: {external}"
        );
    }
    // The only address is the SVG namespace, which is a name, not a request.
    let addresses = html.matches("http").count();
    assert_eq!(
        addresses,
        html.matches("xmlns=\"http://www.w3.org/2000/svg\"").count()
    );
}

#[test]
fn the_report_of_the_sample_is_one_self_contained_page_with_every_section() {
    let html = sample_report(&[]);
    let tags = tags(&html);
    assert_self_contained(&html);
    // The map, two summary plots; tables; quotes.
    assert_eq!(tags.iter().filter(|t| *t == "svg").count(), 3);
    assert!(tags.iter().filter(|t| *t == "table").count() >= 6);
    assert!(tags.iter().any(|t| t == "blockquote"));
    for heading in [
        "Methods",
        "The project",
        "Coders and procedure",
        "Agreement",
        "The continuum map",
        "Placements by case (the annotators' mean)",
        "Placements by role (the annotators' mean)",
        "Codes",
    ] {
        assert!(
            html.contains(&format!("<h2>{heading}</h2>")),
            "no section {heading}"
        );
    }
    assert!(
        html.contains(
            "Two coders (Anna Holm and Jonas Berg) independently placed 41 excerpts from six \
         interviews in two settings (Hjemmeplejen Vestbo and Dagcentret Lindely) on a continuum \
         from emotional closeness to emotional distance anchored at Family, Friend, Professional \
         and Stranger"
        ),
        "methods paragraph"
    );
    assert!(html.contains("agreement on their positions (Krippendorff's α, interval metric) was .972 (95% bootstrap CI .952 to .983"));
}

#[test]
fn a_report_without_quotes_has_none_and_never_replaces_a_project() {
    let html = sample_report(&["--no-quotes"]);
    let sample = sample_path();
    assert!(!html.contains("<blockquote>"));
    assert!(
        !html.contains("She calls me her girl."),
        "no quote, not even in a memo"
    );
    let (_dir, project) = sample_copy();
    let before = std::fs::read(&project).unwrap();
    let over = continuum(&[
        "report".as_ref(),
        sample.as_os_str(),
        OsStr::new("--out"),
        project.as_os_str(),
    ]);
    assert_eq!(over.status.code(), Some(1));
    assert_eq!(std::fs::read(&project).unwrap(), before);
}

#[test]
fn export_report_in_the_window_writes_the_page_beside_the_project() {
    let (dir, path) = sample_copy();
    let dialogs = FakeDialogs::saving(dir.path().join("unused.continuum"));
    let mut harness = with_dialogs(Some(&path), dialogs);
    harness.menu("File", "Export report…");
    assert!(harness.shows("Export report"));
    harness.click("Include quotes");
    harness.click("Export…");
    let written = dir.path().join("care-settings report.html");
    let html = std::fs::read_to_string(&written).unwrap();
    assert!(!html.contains("<blockquote>"), "quotes were left out");
    assert!(html.contains("<h2>Agreement</h2>"));
    assert!(harness.shows_containing("Saved the report to care-settings report.html"));
}

/// The sample with a consensus layer settling its first two excerpts, the first with a memo
/// (`memo` of the first), the second without.
fn settled_sample(memo: &str) -> continuum::model::Project {
    use continuum::model::*;
    let mut project = continuum::io::load_project(&sample_path()).unwrap();
    let template = project.annotators[0].placements[0].clone();
    let placements = project.excerpts[..2]
        .iter()
        .enumerate()
        .map(|(i, excerpt)| Placement {
            excerpt: excerpt.id,
            position: 0.5,
            memo: if i == 0 {
                memo.to_owned()
            } else {
                String::new()
            },
            ..template.clone()
        })
        .collect();
    let id = AnnotatorId(project.annotators.iter().map(|a| a.id.0).max().unwrap() + 1);
    project.annotators.push(Annotator {
        id,
        name: "Consensus".to_owned(),
        colour: Colour::rgb(0, 0, 0),
        placements,
        consensus: true,
    });
    project
}

/// Regression (a new user's trial): the methods said each settled excerpt had a decision memo
/// when none had, and "Decision memos:" was followed by nothing.
#[test]
fn the_report_says_how_many_consensus_decisions_have_a_memo() {
    let options = || continuum::report::ReportOptions::default();
    let none = continuum::report::report_html(&settled_sample(""), options(), "today");
    assert!(
        none.contains("two excerpts were settled in a consensus position."),
        "no memo claimed"
    );
    assert!(!none.contains("decision memo."));
    assert!(none.contains("2 excerpts were settled in consensus, with no decision memos."));
    assert!(!none.contains("Decision memos:"));

    let one = continuum::report::report_html(
        &settled_sample("We agreed: a neighbour"),
        options(),
        "today",
    );
    assert!(one.contains(
        "two excerpts were settled in a consensus position, one of them with a decision memo."
    ));
    assert!(one.contains("Decision memos:"));
    assert!(one.contains("We agreed: a neighbour"));
}
