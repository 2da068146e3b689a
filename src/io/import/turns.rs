//! Speaker turns in plain text: lines that start with "Name:" begin a new turn. The prefix is
//! removed from the stored text and kept as the turn's speaker, so excerpts quote only what was
//! said. Import of whole files (encodings, Word, subtitles) builds on this.

use crate::model::Turn;
use std::collections::HashMap;

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

/// Where a run of the stored text came from: `len` chars at `source` in the text as read are the
/// chars at `stored` in the text as stored. Normalising only drops chars (line ends, blank lines,
/// spaces at line ends, speaker names) and joins lines with `\n`, so a list of these runs, one a
/// paragraph, maps every char that was kept. Importers of files that address their text by offset
/// (REFI-QDA selections) map those offsets through it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KeptRun {
    pub source: usize,
    pub stored: usize,
    pub len: usize,
}

/// Splits text into paragraphs (one per non-empty line) and speaker turns. Line endings may be
/// LF, CRLF or CR. Returns the text to store (paragraphs joined by `\n`) and its turns.
pub fn split_speaker_turns(source: &str) -> (String, Vec<Turn>) {
    let (text, turns, _) = split_speaker_turns_mapped(source);
    (text, turns)
}

/// What a file says of one name before a colon.
struct Named<'a> {
    times: usize,
    first_said: &'a str,
    always_the_same: bool,
}

/// The speaker and words of `line`, judged by what the whole file says of its name (`named`)
/// and whether a turn has begun.
fn speaker_of<'a>(
    line: &'a str,
    turns_begun: bool,
    named: &HashMap<&str, Named<'_>>,
) -> Option<(&'a str, &'a str)> {
    let (name, said) = speaker_prefix(line)?;
    let Some(seen) = named.get(name) else {
        return Some((name, said));
    };
    // Of three words or more: a speaker may well say "Ja." or "Mm hm" each time.
    let heading = seen.times > 1 && seen.always_the_same && said.split_whitespace().count() >= 3;
    let title = said.is_empty() && !turns_begun && seen.times == 1;
    (!heading && !title).then_some((name, said))
}

/// [`split_speaker_turns`], also returning where each kept paragraph came from in `source`, in
/// chars, in text order.
pub fn split_speaker_turns_mapped(source: &str) -> (String, Vec<Turn>, Vec<KeptRun>) {
    // What the file says of each name before a colon, to tell speakers from headings:
    // - a name alone on its line ("Mette:", the turn on the lines below) before any turn has
    //   begun is a speaker only if it speaks again: a title at the top stands once;
    // - a "name" that says the same words every time is a repeated heading ("Kötelező oltás:
    //   Alkotmánymódosítás is jöhet?" above each post of an NVivo export), not a speaker,
    //   unless the words are few ("Ja.", as a participant may answer each time).
    let mut named: HashMap<&str, Named> = HashMap::new();
    for line in source.split(['\n', '\r']) {
        if let Some((name, said)) = speaker_prefix(line.trim()) {
            named
                .entry(name)
                .and_modify(|n| {
                    n.times += 1;
                    n.always_the_same &= n.first_said == said;
                })
                .or_insert(Named {
                    times: 1,
                    first_said: said,
                    always_the_same: true,
                });
        }
    }
    let mut text = String::new();
    let mut turns: Vec<Turn> = Vec::new();
    let mut runs = Vec::new();
    let mut offset = 0; // chars in `text` so far
    let mut line_start_char = 0; // chars of `source` before the current line
    let mut rest = source;
    while !rest.is_empty() {
        // A line ends at LF, CR or CRLF, as `str::lines` would see it after CRLF and CR were
        // replaced by LF; the offsets stay those of the source.
        let (line, ending) = match rest.find(['\n', '\r']) {
            Some(at) if rest[at..].starts_with("\r\n") => (&rest[..at], 2),
            Some(at) => (&rest[..at], 1),
            None => (rest, 0),
        };
        rest = &rest[line.len() + ending..];
        let line_chars = line.chars().count();
        let trimmed = line.trim();
        if !trimmed.is_empty() {
            if !text.is_empty() {
                text.push('\n');
                offset += 1;
            }
            let (speaker, said) = match speaker_of(trimmed, !turns.is_empty(), &named) {
                Some((name, rest)) => (Some(name), rest),
                None => (None, trimmed),
            };
            // `said` is a slice of `line`: its char position there is the chars before it.
            let said_byte = said.as_ptr() as usize - line.as_ptr() as usize;
            runs.push(KeptRun {
                source: line_start_char + line[..said_byte].chars().count(),
                stored: offset,
                len: said.chars().count(),
            });
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
        line_start_char += line_chars + ending;
    }
    (text, turns, runs)
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

    /// Regression (a new user's trial): a title ending in a colon, alone on the first line,
    /// became a speaker. A name alone on its line is one if it speaks again or turns have begun.
    #[test]
    fn a_title_alone_on_its_line_is_no_speaker_but_a_name_that_speaks_is() {
        let (text, turns) = split_speaker_turns(
            "Kötelező oltás:\nA szöveg.\nINTERVIEWER:\nHow are you?\nMETTE:\nFine.\nINTERVIEWER:\nGood.",
        );
        assert!(text.starts_with("Kötelező oltás:\nA szöveg."), "{text}");
        let speakers: Vec<_> = turns.iter().map(|t| t.speaker.as_str()).collect();
        assert_eq!(speakers, ["INTERVIEWER", "METTE", "INTERVIEWER"]);
        // A line repeated with the same words above each part is a heading, not a speaker.
        let (text, turns) = split_speaker_turns(
            "Kötelező oltás: Alkotmánymódosítás is jöhet?\nAnna: Igen.\n\
             Kötelező oltás: Alkotmánymódosítás is jöhet?\nAnna: Nem.",
        );
        assert!(
            text.starts_with("Kötelező oltás: Alkotmánymódosítás"),
            "{text}"
        );
        let speakers: Vec<_> = turns.iter().map(|t| t.speaker.as_str()).collect();
        assert_eq!(speakers, ["Anna", "Anna"]);
        // A speaker who says the same few words each time is still one.
        let (_, turns) = split_speaker_turns("Mette: Ja.\nInterviewer: Altid?\nMette: Ja.");
        assert_eq!(turns.len(), 3);
        // The price: a file of one turn, its name alone on the first line, reads it as a title.
        let (text, turns) = split_speaker_turns("Mette:\nJeg er glad.");
        assert_eq!((text.as_str(), turns.len()), ("Mette:\nJeg er glad.", 0));
    }

    /// Every kept char maps back onto the same char of the source, whatever the line ends.
    #[test]
    fn kept_runs_point_at_the_same_chars_in_the_source() {
        let source = "  Mette: Jeg 👍 er glad \r\n\r\n\rog tæt på\n   \nInterviewer: Ja?\r";
        let (text, turns, runs) = split_speaker_turns_mapped(source);
        assert_eq!(text, "Jeg 👍 er glad\nog tæt på\nJa?");
        assert_eq!(turns.len(), 2);
        let source_chars: Vec<char> = source.chars().collect();
        let text_chars: Vec<char> = text.chars().collect();
        assert_eq!(runs.len(), 3);
        for run in &runs {
            assert_eq!(
                source_chars[run.source..run.source + run.len],
                text_chars[run.stored..run.stored + run.len]
            );
        }
        assert_eq!(split_speaker_turns(source), (text, turns));
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
