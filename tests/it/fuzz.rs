//! Fuzzing and property tests (proptest): no input makes the project loader panic, anything that
//! loads is valid and saves back to itself, any text survives a save, and any sequence of edits is
//! undone exactly. Failing cases proptest finds are kept in `proptest-regressions/` and replayed
//! first on every run; those that were real bugs also get a named test in `project_file.rs`.

use crate::support::fixtures::{self, annotator, transcript};
use crate::support::small_project;
use continuum::io;
use continuum::model::*;
use proptest::prelude::*;
use std::time::{Duration, Instant};

/// Cases per property: brief in CI; set `CONTINUUM_FUZZ_CASES=100000` for a long local run.
fn cases(default: u32) -> u32 {
    std::env::var("CONTINUUM_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Pieces of RON and of our format that mutations splice in, to reach deep into the parser.
const TOKENS: &[&str] = &[
    "(",
    ")",
    "[",
    "]",
    ",",
    ":",
    "\"",
    "r#\"",
    "\"#",
    "Some(",
    "None",
    "-1",
    "1e999",
    "NaN",
    "18446744073709551616",
    "0.5",
    "id: 1",
    "excerpt: 99",
    "position: 2.0",
    "format_version: 9",
    "\\u{0}",
    "ø",
    "\n",
    "transcript: 1",
    "start: 40",
    "end: 0",
    "//",
    "/*",
    "#![enable(implicit_some)]",
];

#[derive(Debug, Clone)]
enum Mutation {
    Delete { at: usize, len: usize },
    Insert { at: usize, token: usize },
    Replace { at: usize, byte: u8 },
    Truncate { at: usize },
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), 1..40usize).prop_map(|(at, len)| Mutation::Delete { at, len }),
        (any::<usize>(), 0..TOKENS.len()).prop_map(|(at, token)| Mutation::Insert { at, token }),
        (any::<usize>(), any::<u8>()).prop_map(|(at, byte)| Mutation::Replace { at, byte }),
        any::<usize>().prop_map(|at| Mutation::Truncate { at }),
    ]
}

fn mutate(text: &str, mutations: &[Mutation]) -> Vec<u8> {
    let mut bytes = text.as_bytes().to_vec();
    for m in mutations {
        let len = bytes.len().max(1);
        match *m {
            Mutation::Delete { at, len: n } => {
                let at = at % len;
                let end = (at + n).min(bytes.len());
                bytes.drain(at.min(end)..end);
            }
            Mutation::Insert { at, token } => {
                let at = at % (bytes.len() + 1);
                bytes.splice(at..at, TOKENS[token].bytes());
            }
            Mutation::Replace { at, byte } => {
                if !bytes.is_empty() {
                    let at = at % bytes.len();
                    bytes[at] = byte;
                }
            }
            Mutation::Truncate { at } => bytes.truncate(at % len),
        }
    }
    bytes
}

/// Whatever loads must be a valid project that saves and loads back to itself.
fn check_loaded(result: Result<Project, io::LoadError>) {
    if let Ok(project) = result {
        project.validate().expect("a loaded project is valid");
        let again = io::parse_project(&io::to_ron_string(&project)).expect("a saved project loads");
        assert_eq!(again, project);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(300), ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic_the_loader(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("fuzz.continuum");
        std::fs::write(&path, &bytes).unwrap();
        check_loaded(io::load_project(&path));
    }

    #[test]
    fn mutated_projects_never_panic_the_loader(mutations in proptest::collection::vec(mutation(), 1..6)) {
        let text = io::to_ron_string(&small_project());
        let bytes = mutate(&text, &mutations);
        check_loaded(io::parse_project(&String::from_utf8_lossy(&bytes)));
    }

    #[test]
    fn any_text_in_titles_memos_and_transcripts_survives_a_save(
        title in "\\PC{0,40}",
        memo in "(\\PC|\n|\t|\"|#|\\\\){0,200}",
        text in "(\\PC|\n){1,300}",
    ) {
        let mut project = small_project();
        project.apply(Edit::SetTitle(title)).unwrap();
        project.apply(Edit::SetMemo { target: MemoTarget::Project, text: memo }).unwrap();
        let id = project.next_transcript_id().unwrap();
        project.apply(Edit::AddTranscript(transcript(id.0, "Fuzz", text))).unwrap();
        let saved = io::to_ron_string(&project);
        let loaded = io::parse_project(&saved).unwrap_or_else(|e| panic!("{e}\n{saved}"));
        prop_assert_eq!(loaded, project);
    }
}

/// One random edit against the current project, possibly an invalid one (which must be refused
/// without changing anything).
fn edit_from(choice: (u8, u32, u32, f64, String), project: &Project) -> Edit {
    let (kind, a, b, position, text) = choice;
    let annotator = AnnotatorId(1 + a % 2);
    let excerpt = ExcerptId(1 + b % 4);
    let len = project.transcripts[0].text.chars().count() as u32;
    match kind % 9 {
        0 => {
            let start = (a % len) as usize;
            Edit::AddExcerpt(fixtures::excerpt(
                project.next_excerpt_id().unwrap().0,
                1,
                start,
                start + 1 + (b % 5) as usize,
            ))
        }
        1 => Edit::RemoveExcerpt(excerpt),
        2 => Edit::place(
            project,
            annotator,
            excerpt,
            position,
            Timestamp(u64::from(a)),
        ),
        3 => Edit::RemovePlacement { annotator, excerpt },
        4 => Edit::SetMemo {
            target: MemoTarget::Placement(annotator, excerpt),
            text,
        },
        5 => Edit::SetMemo {
            target: MemoTarget::Project,
            text,
        },
        6 => Edit::SetExcerptLabel {
            excerpt,
            label: text,
        },
        7 => Edit::SetAnnotator {
            id: annotator,
            name: text,
            colour: Colour::PALETTE[(b % 7) as usize],
        },
        _ => Edit::SetTitle(text),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(200), ..ProptestConfig::default() })]

    #[test]
    fn any_edit_sequence_is_undone_exactly_and_redone_exactly(
        choices in proptest::collection::vec((any::<u8>(), any::<u32>(), any::<u32>(), 0.0..=1.0f64, "[a-zø ]{0,8}"), 1..40),
        gaps in proptest::collection::vec(0u64..3000, 40),
    ) {
        let mut project = small_project();
        project.apply(Edit::AddAnnotator(annotator(2, "Jonas", Colour::PALETTE[1]))).unwrap();
        let original = project.clone();
        let mut history = History::default();
        let mut now = Instant::now();
        for (choice, gap) in choices.into_iter().zip(gaps) {
            now += Duration::from_millis(gap);
            let edit = edit_from(choice, &project);
            let before = project.clone();
            if history.apply(&mut project, edit, now).is_err() {
                prop_assert_eq!(&project, &before, "a refused edit changes nothing");
            }
            project.validate().unwrap();
        }
        let last = project.clone();
        while history.undo(&mut project).unwrap().is_some() {}
        prop_assert_eq!(&project, &original);
        while history.redo(&mut project).unwrap().is_some() {}
        prop_assert_eq!(&project, &last);
    }
}

const IMPORT_FIXTURES: &[&str] = &[
    "pandoc.docx",
    "libreoffice.odt",
    "voice-tags.vtt",
    "subtitles.srt",
    "windows-1252.txt",
    "utf16le-bom.txt",
];

fn extension_of(name: &str) -> &str {
    name.rsplit('.').next().unwrap_or("")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(300), ..ProptestConfig::default() })]

    /// Every importer, fed arbitrary bytes under its extension: an error or a transcript whose
    /// turns lie inside its text, never a panic.
    #[test]
    fn arbitrary_bytes_never_panic_an_importer(
        bytes in proptest::collection::vec(any::<u8>(), 0..2048),
        which in 0..IMPORT_FIXTURES.len(),
    ) {
        check_imported(io::import::import_bytes(extension_of(IMPORT_FIXTURES[which]), &bytes));
    }

    /// Real files from other tools, damaged at random.
    #[test]
    fn mutated_real_files_never_panic_an_importer(
        mutations in proptest::collection::vec(mutation(), 1..5),
        which in 0..IMPORT_FIXTURES.len(),
    ) {
        let name = IMPORT_FIXTURES[which];
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import").join(name);
        let original = std::fs::read(path).unwrap();
        // `mutate` works on text; binary formats are passed through a lossless Latin-1 view.
        let as_text: String = original.iter().map(|&b| b as char).collect();
        let bytes: Vec<u8> = String::from_utf8_lossy(&mutate(&as_text, &mutations))
            .chars()
            .map(|c| c as u32 as u8)
            .collect();
        check_imported(io::import::import_bytes(extension_of(name), &bytes));
    }
}

fn check_imported(result: Result<io::import::ImportedText, io::import::ImportError>) {
    if let Ok(imported) = result {
        let len = imported.text.chars().count();
        let mut previous_end = 0;
        for turn in &imported.turns {
            assert!(
                turn.start <= turn.end && turn.end <= len,
                "{turn:?} outside {len} chars"
            );
            assert!(turn.start >= previous_end, "turns overlap");
            previous_end = turn.end;
        }
    }
}
