//! Our export: Continuum to `.qdpx` to Continuum is exact and deterministic; read as another tool
//! would, it keeps text, turns, excerpts and codes; a copy edited elsewhere is not trusted; and
//! `project.qde` is valid against the REFI-QDA schema.

use super::{FIXTURES, fixture, import, qde_of, with_qde};
use continuum::io::qdpx::{ReadSettings, qdpx_bytes, read_qdpx, read_qdpx_bytes, write_qdpx};
use continuum::model::*;

/// The sample project, with everything REFI-QDA has no element for: the consensus layer, the
/// blind flag, times of turns, hierarchical codes, view settings, memos with line ends; and
/// colours of codes: of a code on an excerpt, of a folder of codes, of a code on no excerpt.
fn full_project() -> Project {
    let mut project = continuum::io::parse_project(continuum::SAMPLE_PROJECT).unwrap();
    project.annotators.last_mut().unwrap().consensus = true;
    project.blind = Some(project.annotators[0].id);
    project.transcripts[0].turns[0].time_ms = Some(1500);
    project.excerpts[0].codes = vec!["Attitude/sceptical".into(), "reciprocity".into()];
    project.excerpts[1].memo = "Line one\nline <two> & \"three\"\r\nend".into();
    project.memo = "Project memo".into();
    project.view.active_annotator = Some(project.annotators[0].id);
    project.annotators[0].placements[0].position = 0.123_456_789_012_345_6;
    for (code, colour) in [
        ("Attitude/sceptical", Colour::rgb(0xff, 0, 0)),
        ("Attitude", Colour::PALETTE[4]),
        ("never used", Colour::PALETTE[5]),
    ] {
        project.code_colours.insert(code.into(), colour);
    }
    project.validate().unwrap();
    project
}

#[test]
fn continuum_to_qdpx_to_continuum_is_exact_and_deterministic() {
    let project = full_project();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("export.qdpx");
    write_qdpx(&project, &path).unwrap();
    let back = read_qdpx(&path).unwrap();
    assert!(back.report.continuum_copy);
    assert_eq!(back.project, project);
    assert_eq!(
        std::fs::read(&path).unwrap(),
        qdpx_bytes(&project).unwrap(),
        "same bytes twice"
    );
    // Stable GUIDs: a changed memo changes no GUID.
    let guids = |bytes: &[u8]| -> Vec<String> {
        qde_of(bytes)
            .split("guid=\"")
            .skip(1)
            .map(|s| s.split('"').next().unwrap().to_owned())
            .collect()
    };
    let mut edited = project.clone();
    edited.excerpts[3].memo.push_str(" More.");
    let before = guids(&qdpx_bytes(&project).unwrap());
    let after = guids(&qdpx_bytes(&edited).unwrap());
    assert!(before.iter().all(|g| after.contains(g)));
}

#[test]
fn our_export_read_as_another_tool_would_keeps_text_turns_excerpts_and_codes() {
    let project = full_project();
    let bytes = qdpx_bytes(&project).unwrap();
    let settings = ReadSettings {
        use_continuum_copy: false,
        ..ReadSettings::default()
    };
    let back = read_qdpx_bytes(&bytes, &settings).unwrap();
    assert!(!back.report.continuum_copy);
    let back = back.project;
    assert_eq!(back.transcripts.len(), project.transcripts.len());
    for (a, b) in project.transcripts.iter().zip(&back.transcripts) {
        assert_eq!(a.text, b.text, "{}", a.name);
        let speakers = |t: &Transcript| {
            t.turns
                .iter()
                .map(|x| (x.start, x.end, x.speaker.clone()))
                .collect::<Vec<_>>()
        };
        assert_eq!(speakers(a), speakers(b), "{}", a.name);
    }
    let spans = |p: &Project| {
        let mut s: Vec<_> = p
            .excerpts
            .iter()
            .map(|e| (e.transcript, e.start, e.end))
            .collect();
        s.sort();
        s
    };
    assert_eq!(spans(&back), spans(&project));
    for e in &back.excerpts {
        let original = project
            .excerpts
            .iter()
            .find(|o| (o.transcript, o.start, o.end) == (e.transcript, e.start, e.end))
            .unwrap();
        assert!(
            original.codes.iter().all(|c| e.codes.contains(c)),
            "{:?} {:?}",
            original.codes,
            e.codes
        );
        // Each placement came back as a coding with its anchor's code, by its annotator.
        for a in &project.annotators {
            if let Some(p) = project.placement(a.id, original.id) {
                let anchor = project.continuum.nearest_anchor(p.position).unwrap();
                let code = format!("Continuum/{}", anchor.name);
                assert!(e.codes.contains(&code), "{code} {:?}", e.codes);
                assert!(e.memo.contains(&format!("Coded by {}", a.name)));
            }
        }
    }
    let names = |p: &Project| {
        p.annotators
            .iter()
            .map(|a| a.name.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(names(&back), names(&project));
    let roles = |p: &Project| {
        p.participants
            .iter()
            .map(|x| (x.name.clone(), x.role.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(roles(&back), roles(&project));
    // Colours travel in the codebook, so another tool's reading keeps them all.
    assert_eq!(back.code_colours, project.code_colours);
}

#[test]
fn codes_with_a_colour_carry_it_as_their_color_and_the_others_carry_none() {
    let project = full_project();
    let qde = qde_of(&qdpx_bytes(&project).unwrap());
    for tag in [
        "name=\"Attitude\" isCodable=\"true\" color=\"#e69f00\">",
        "name=\"sceptical\" isCodable=\"true\" color=\"#ff0000\"/>",
        // A code on no excerpt but with a colour is in the codebook, so its colour travels.
        "name=\"never used\" isCodable=\"true\" color=\"#56b4e9\"/>",
        "name=\"reciprocity\" isCodable=\"true\"/>",
    ] {
        assert!(qde.contains(tag), "{tag} not in\n{qde}");
    }
    // Only those three codes have a colour (the annotators' colours are the graphs' vertices').
    let codes_with_colour = qde
        .lines()
        .filter(|l| l.contains("<Code ") && l.contains("color="))
        .count();
    assert_eq!(codes_with_colour, 3);
    // Without colours the codebook is as it was: no colour, and no code for a colour.
    let mut plain = project.clone();
    plain.code_colours.clear();
    let plain_qde = qde_of(&qdpx_bytes(&plain).unwrap());
    assert!(!plain_qde.contains("never used"));
    assert!(plain_qde.contains("name=\"Attitude\" isCodable=\"false\">"));
}

#[test]
fn a_copy_that_no_longer_matches_its_project_qde_is_not_used() {
    let project = full_project();
    let bytes = qdpx_bytes(&project).unwrap();
    let edited = with_qde(&bytes, |qde| {
        qde.replace("Project memo", "Edited elsewhere")
    });
    let back = read_qdpx_bytes(&edited, &ReadSettings::default()).unwrap();
    assert!(!back.report.continuum_copy);
    assert!(
        back.report
            .warnings
            .iter()
            .any(|w| w.contains("changed after Continuum wrote it"))
    );
    assert!(back.project.memo.contains("Edited elsewhere"));
    // Read from project.qde alone, the codes keep their colours.
    assert_eq!(back.project.code_colours, project.code_colours);
}

/// `xmllint --schema Project-mrt2019.xsd project.qde`, where xmllint is installed (CI installs
/// libxml2-utils); the sample project and the projects imported from every fixture.
#[test]
fn the_export_is_valid_against_the_refi_qda_schema() {
    if std::process::Command::new("xmllint")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("xmllint is not installed: the schema check is skipped");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let mut projects = vec![full_project(), Project::new("Empty")];
    projects.extend(FIXTURES.iter().map(|f| import(f).project));
    for (i, project) in projects.iter().enumerate() {
        let qde = qde_of(&qdpx_bytes(project).unwrap());
        let path = dir.path().join(format!("project{i}.qde"));
        std::fs::write(&path, &qde).unwrap();
        let out = std::process::Command::new("xmllint")
            .arg("--noout")
            .arg("--schema")
            .arg(fixture("Project-mrt2019.xsd"))
            .arg(&path)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}: {}",
            project.title,
            String::from_utf8_lossy(&out.stderr)
        );
    }
}
