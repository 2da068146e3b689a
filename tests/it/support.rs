//! Shared helpers for the integration tests.

use continuum::model::*;
use std::path::{Path, PathBuf};

pub fn sample_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("sample_projects/care-settings.continuum")
}

/// A copy of the sample project in a fresh temporary folder, so tests can save over it.
pub fn sample_copy() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("care-settings.continuum");
    std::fs::copy(sample_path(), &path).unwrap();
    (dir, path)
}

/// A small valid project: one transcript, one excerpt, one placement.
pub fn small_project() -> Project {
    let mut p = Project::new("Small");
    p.apply(Edit::AddCase(Case {
        id: CaseId(1),
        name: "Vestbo".into(),
        description: String::new(),
    }))
    .unwrap();
    p.apply(Edit::AddParticipant(Participant {
        id: ParticipantId(1),
        name: "Åse Ørnbøl".into(),
        role: "citizen".into(),
        case: Some(CaseId(1)),
    }))
    .unwrap();
    p.apply(Edit::AddTranscript(Transcript {
        id: TranscriptId(1),
        name: "Åse".into(),
        participant: Some(ParticipantId(1)),
        case: Some(CaseId(1)),
        memo: String::new(),
        speakers: vec![],
        turns: vec![Turn {
            start: 0,
            end: 24,
            speaker: "Åse".into(),
            time_ms: None,
        }],
        text: "Hun kalder mig sin pige.".into(),
    }))
    .unwrap();
    p.apply(Edit::AddExcerpt(Excerpt {
        id: ExcerptId(1),
        transcript: TranscriptId(1),
        start: 11,
        end: 23,
        label: String::new(),
        memo: String::new(),
        codes: Vec::new(),
    }))
    .unwrap();
    p.apply(Edit::AddAnnotator(Annotator {
        id: AnnotatorId(1),
        name: "Anna".into(),
        colour: Colour::PALETTE[0],
        placements: vec![],
        consensus: false,
    }))
    .unwrap();
    p.apply(Edit::place(
        &p,
        AnnotatorId(1),
        ExcerptId(1),
        0.1,
        Timestamp(1_760_000_000),
    ))
    .unwrap();
    p
}
