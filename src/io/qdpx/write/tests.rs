//! Tests of the exported text (speakers' names and the offsets after them) and of XML escaping.

use super::markup::escape;
use super::text::{exported_text, shifted};
use crate::model::Turn;
use crate::model::{Transcript, TranscriptId};

fn turn(start: usize, end: usize, speaker: &str) -> Turn {
    Turn {
        start,
        end,
        speaker: speaker.to_owned(),
        time_ms: None,
    }
}

#[test]
fn speakers_names_start_their_lines_and_offsets_follow() {
    let mut t = Transcript {
        id: TranscriptId(1),
        name: "i".into(),
        participant: None,
        case: None,
        memo: String::new(),
        speakers: Vec::new(),
        turns: vec![
            turn(0, 8, "Interviewer"),
            turn(9, 21, "Mette"),
            turn(22, 25, "A: B"),
        ],
        text: "Hvordan?\nTæt på, ja.\nNej".to_owned(),
    };
    let (text, inserts) = exported_text(&t);
    // "A: B" would not be read back as a speaker: left out.
    assert_eq!(text, "Interviewer: Hvordan?\nMette: Tæt på, ja.\nNej");
    assert_eq!(inserts, [(0, 13), (9, 7)]);
    let exported: Vec<char> = text.chars().collect();
    let quote = |s: usize, e: usize| -> String {
        exported[shifted(&inserts, s, true)..shifted(&inserts, e, false)]
            .iter()
            .collect()
    };
    assert_eq!(quote(9, 12), "Tæt");
    assert_eq!(quote(0, 20), "Hvordan?\nMette: Tæt på, ja.");
    t.turns.clear();
    assert_eq!(exported_text(&t).0, t.text);
}

#[test]
fn xml_escapes_markup_line_ends_and_forbidden_characters() {
    assert_eq!(
        escape("a<b>&\"c\"\r\n\t\u{1}", false),
        "a&lt;b&gt;&amp;\"c\"&#13;\n\t\u{fffd}"
    );
    assert_eq!(escape("\"x\"\n\t", true), "&quot;x&quot;&#10;&#9;");
}
