//! What sessions are made of: the lines imported and replaced transcripts are written with, the
//! names of added annotators, and a project whose ids collide with the sample's.

use crate::support::fixtures::{annotator, excerpt, transcript};
use continuum::model::*;

/// Lines an imported or replaced transcript is made of: speaker turns, non-ASCII letters, an
/// emoji (four bytes) and a repeated question, so byte and char offsets differ everywhere.
pub(super) const LINES: [&str; 10] = [
    "Interviewer: Hvordan er din hverdag?",
    "Åse: Hun kalder mig sin pige, og vi får kaffe sammen om morgenen.",
    "Anne: Vi er ikke familie, men det føles sådan nogle gange.",
    "Interviewer: Og hvad med kollegerne?",
    "Jens: Professionel afstand er vigtig — men ikke kold.",
    "Birgitte: Jeg kender hendes børnebørn ved navn, og hun kender mine.",
    "Anne: Hun sendte et 🌷 til jul, og jeg blev rørt.",
    "Interviewer: Og hvad med kollegerne?",
    "Søren: Det er et arbejde. Jeg går hjem klokken tre, og så er det slut.",
    "Åse: Nogle gange er hun mere en veninde end en hjælper; andre dage en fremmed.",
];

pub(super) const NAMES: [&str; 6] = ["Nanna", "Ole", "Signe", "Birk", "Anna Holm", "Mads"];

/// A project whose ids (t1, e1, e2, a1, a2) collide with the sample's and the small project's,
/// with other text under them.
pub(super) fn colliding_project() -> Project {
    let mut p = Project::new("Colliding ids");
    let text = "Jonas: Jeg er hendes faste hjælper, næsten som en nevø.\n\
                Interviewer: Hvad betyder det for dig?\n\
                Jonas: At hun stoler på mig — og at jeg kan sige nej.\n\
                Jonas: Vi griner meget. 😀 Men jeg er på arbejde.";
    let mut turns = Vec::new();
    let mut start = 0;
    for line in text.split('\n') {
        let end = start + line.chars().count();
        let speaker = line.split(':').next().unwrap().to_owned();
        turns.push(Turn {
            start,
            end,
            speaker,
            time_ms: None,
        });
        start = end + 1;
    }
    p.apply(Edit::AddTranscript(Transcript {
        turns,
        ..transcript(1, "Jonas", text)
    }))
    .unwrap();
    for (id, (start, end)) in [(1, (7, 33)), (2, (100, 130))] {
        p.apply(Edit::AddExcerpt(excerpt(id, 1, start, end)))
            .unwrap();
    }
    for (id, name) in [(1, "Karen"), (2, "Jonas Berg")] {
        p.apply(Edit::AddAnnotator(annotator(
            id,
            name,
            Colour::PALETTE[id as usize],
        )))
        .unwrap();
    }
    p.apply(Edit::place(
        &p,
        AnnotatorId(1),
        ExcerptId(1),
        0.35,
        Timestamp(1_760_000_000),
    ))
    .unwrap();
    p.apply(Edit::place(
        &p,
        AnnotatorId(2),
        ExcerptId(1),
        0.6,
        Timestamp(1_760_000_000),
    ))
    .unwrap();
    p
}
