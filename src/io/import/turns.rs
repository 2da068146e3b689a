//! Speaker turns in plain text: lines that start with "Name:" begin a new turn. The prefix is
//! removed from the stored text and kept as the turn's speaker, so excerpts quote only what was
//! said. Import of whole files (encodings, Word, subtitles) builds on this.

use crate::model::Turn;

/// The longest name we accept before a colon; longer prefixes are ordinary sentences.
const MAX_SPEAKER_CHARS: usize = 40;

/// The speaker named at the start of `line` ("Mette: Yes…"), and the rest of the line.
pub fn speaker_prefix(line: &str) -> Option<(&str, &str)> {
    let (name, rest) = line.split_once(':')?;
    let name = name.trim();
    let starts_upper = name.chars().next().is_some_and(char::is_uppercase);
    let plausible = starts_upper
        && name.chars().count() <= MAX_SPEAKER_CHARS
        && name.split_whitespace().count() <= 4
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, ' ' | '.' | '-' | '\'' | '’' | '(' | ')'));
    // "Note: …" inside a sentence would need a space after the colon too; times like "10:30" fail
    // `starts_upper`.
    let separated = rest.is_empty() || rest.starts_with([' ', '\t']);
    (plausible && separated).then(|| (name, rest.trim()))
}

/// Splits text into paragraphs (one per non-empty line) and speaker turns. Line endings may be
/// LF, CRLF or CR. Returns the text to store (paragraphs joined by `\n`) and its turns.
pub fn split_speaker_turns(source: &str) -> (String, Vec<Turn>) {
    let normalised = source.replace("\r\n", "\n").replace('\r', "\n");
    let mut text = String::new();
    let mut turns: Vec<Turn> = Vec::new();
    let mut offset = 0; // chars in `text` so far
    for line in normalised.lines() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        if !text.is_empty() {
            text.push('\n');
            offset += 1;
        }
        let (speaker, said) = match speaker_prefix(line) {
            Some((name, rest)) => (Some(name), rest),
            None => (None, line),
        };
        let start = offset;
        text.push_str(said);
        offset += said.chars().count();
        match (speaker, turns.last_mut()) {
            (Some(name), _) => turns.push(Turn {
                start,
                end: offset,
                speaker: name.to_owned(),
                time_ms: None,
            }),
            // A line without a name continues the current speaker's turn.
            (None, Some(turn)) => turn.end = offset,
            (None, None) => {}
        }
    }
    (text, turns)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_named_lines_into_turns() {
        let (text, turns) = split_speaker_turns(
            "Interviewer: Hvordan går det?\r\n\r\nSøren: Godt.\r\nOg dig?\nInterviewer: Fint.",
        );
        assert_eq!(text, "Hvordan går det?\nGodt.\nOg dig?\nFint.");
        let spans: Vec<_> = turns
            .iter()
            .map(|t| {
                (
                    t.speaker.as_str(),
                    crate::model::char_slice(&text, t.start, t.end),
                )
            })
            .collect();
        assert_eq!(
            spans,
            [
                ("Interviewer", "Hvordan går det?"),
                ("Søren", "Godt.\nOg dig?"),
                ("Interviewer", "Fint.")
            ]
        );
    }

    #[test]
    fn ordinary_colons_are_not_speakers() {
        for line in [
            "We met at 10:30 in the office.",
            "the reason was simple: nobody asked",
            "This is a very long sentence that happens to have a colon: here",
            "Note:without space",
        ] {
            assert_eq!(speaker_prefix(line), None, "{line}");
        }
        assert_eq!(
            speaker_prefix("Dr. Ø. Hansen: ja"),
            Some(("Dr. Ø. Hansen", "ja"))
        );
    }
}
