//! Constructors for the pieces of small test projects: each takes what a test is about and leaves
//! the rest empty, so a test names only what matters to it (`Transcript { case: Some(..),
//! ..transcript(2, "Long", text) }` for more).
//!
//! Plain functions over the public model, with nothing of the test harness: the benchmarks use
//! this file too (`#[path = "../tests/it/support/fixtures.rs"]`), so it stays out of the
//! library's API.

use continuum::model::{
    Annotator, AnnotatorId, Case, CaseId, Colour, Excerpt, ExcerptId, Participant, ParticipantId,
    Placement, Timestamp, Transcript, TranscriptId,
};

/// A transcript with no participant, case, memo, speakers or turns.
pub fn transcript(id: u32, name: &str, text: impl Into<String>) -> Transcript {
    Transcript {
        id: TranscriptId(id),
        name: name.into(),
        participant: None,
        case: None,
        memo: String::new(),
        speakers: vec![],
        turns: vec![],
        text: text.into(),
    }
}

/// An excerpt of chars `start..end` of a transcript, without label, memo or codes.
pub fn excerpt(id: u32, transcript: u32, start: usize, end: usize) -> Excerpt {
    Excerpt {
        id: ExcerptId(id),
        transcript: TranscriptId(transcript),
        start,
        end,
        label: String::new(),
        memo: String::new(),
        codes: Vec::new(),
    }
}

/// An annotator (not the consensus) who has placed nothing yet.
pub fn annotator(id: u32, name: &str, colour: Colour) -> Annotator {
    Annotator {
        id: AnnotatorId(id),
        name: name.into(),
        colour,
        placements: vec![],
        consensus: false,
    }
}

/// A case without a description.
pub fn case(id: u32, name: &str) -> Case {
    Case {
        id: CaseId(id),
        name: name.into(),
        description: String::new(),
    }
}

/// A participant with a role, in a case or in none.
pub fn participant(id: u32, name: &str, role: &str, case: Option<u32>) -> Participant {
    Participant {
        id: ParticipantId(id),
        name: name.into(),
        role: role.into(),
        case: case.map(CaseId),
    }
}

/// A placement without a memo, created and last moved at `at`, for projects built without
/// going through `Edit::place` (the benchmarks' large ones).
#[allow(dead_code)] // Only the benchmarks push placements by hand.
pub fn placement(excerpt: u32, position: f64, at: Timestamp) -> Placement {
    Placement {
        excerpt: ExcerptId(excerpt),
        position,
        memo: String::new(),
        created: at,
        modified: at,
    }
}

/// A transcript of speaker turns given as (speaker, words), one turn per line.
pub fn transcript_of_turns(id: u32, name: &str, turns: &[(&str, &str)]) -> Transcript {
    Transcript::of_turns(TranscriptId(id), name, turns)
}

/// Two Danish interviews in two cases, an interviewer asking and a participant answering, for
/// searching: "familie" is said by both, "veninde" once, and Fru Dahl's transcript was written on
/// a Mac: its "på" is stored decomposed ("pa\u{30a}"), as macOS may write it.
pub fn danish_interviews() -> continuum::model::Project {
    let mut project = continuum::model::Project::new("Nærhed og afstand");
    project.cases = vec![case(1, "Vestbo"), case(2, "Lindely")];
    project.participants = vec![
        participant(1, "Mette", "staff", Some(1)),
        participant(2, "Fru Dahl", "citizen", Some(2)),
    ];
    let mette = transcript_of_turns(
        1,
        "Mette",
        &[
            ("Interviewer", "Er borgerne som familie for dig?"),
            (
                "Mette",
                "Ja, nærmest familie. Men jeg er professionel, ikke en veninde.",
            ),
            ("Interviewer", "Hvad betyder det for dig?"),
            ("Mette", "At jeg går hjem til min egen FAMILIE om aftenen."),
        ],
    );
    let dahl = transcript_of_turns(
        2,
        "Fru Dahl",
        &[
            ("Interviewer", "Hvordan har De det med hjælperne?"),
            (
                "Fru Dahl",
                "Hun er ikke familie, men hun kommer pa\u{30a} besøg hver dag.",
            ),
        ],
    );
    project.transcripts = vec![
        Transcript {
            participant: Some(ParticipantId(1)),
            case: Some(CaseId(1)),
            ..mette
        },
        Transcript {
            participant: Some(ParticipantId(2)),
            case: Some(CaseId(2)),
            ..dahl
        },
    ];
    project
}
