//! Archives made here in the shape the standard describes, with what the fixtures lack (inline and
//! internal text, notes, cases with a role variable, skipped PDF and video sources), and hostile
//! or broken ones, which are refused with a message naming the element; and cancelling an import.

use continuum::io::qdpx::{QdpxError, ReadSettings, RoleVariable, read_qdpx_bytes};
use continuum::model::Colour;
use std::io::{Cursor, Write};

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
    // The colour is the code's too, not only words in the memo.
    assert_eq!(
        project.code_colours,
        [("Attitude".to_owned(), Colour::rgb(0xff, 0, 0))].into()
    );
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

#[test]
fn code_colours_arrive_under_the_codes_paths_in_every_form_the_standard_allows() {
    let qde = r##"<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Colours" origin="Test tool">
  <CodeBook><Codes>
    <Code guid="aaaaaaaa-0000-4000-8000-000000000001" name="Attitude" isCodable="true" color="#FF0000">
      <Code guid="aaaaaaaa-0000-4000-8000-000000000002" name="sceptical" isCodable="true" color="#0a0"/>
      <Code guid="aaaaaaaa-0000-4000-8000-000000000003" name="warm" isCodable="true" color="#000000"/>
      <Code guid="aaaaaaaa-0000-4000-8000-000000000004" name="warm" isCodable="true" color="#FFFFFF"/>
    </Code>
    <Code guid="aaaaaaaa-0000-4000-8000-000000000005" name="either/or" isCodable="true" color=" #0000ff "/>
    <Code guid="aaaaaaaa-0000-4000-8000-000000000006" name="Loud" isCodable="true" color="red"/>
  </Codes></CodeBook>
</Project>"##;
    let imported = read_qdpx_bytes(&archive(qde, &[]), &ReadSettings::default()).unwrap();
    let colours: Vec<(&str, Colour)> = imported
        .project
        .code_colours
        .iter()
        .map(|(code, colour)| (code.as_str(), *colour))
        .collect();
    assert_eq!(
        colours,
        [
            ("Attitude", Colour::rgb(0xff, 0, 0)),
            // The short form, in the path the excerpts would get.
            ("Attitude/sceptical", Colour::rgb(0, 0xaa, 0)),
            // Two codes of one path are one code: the first one's colour is kept.
            ("Attitude/warm", Colour::rgb(0, 0, 0)),
            // A "/" in a name is not a level of the path; blank space around a colour is allowed.
            ("either∕or", Colour::rgb(0, 0, 0xff)),
        ]
    );
    let warnings = imported.report.warnings.join("\n");
    assert!(
        warnings.contains("the code “Loud” has the colour “red”, which is not of the form #RRGGBB"),
        "{warnings}"
    );
    // The memo lists the codebook as the file has it, colours as written.
    assert!(imported.project.memo.contains("- Attitude (#FF0000)"));
    assert!(imported.project.memo.contains("- Loud (red)"));
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
