//! Widening a hit to what an excerpt usually is: the sentence around it, or the speaker's whole
//! turn.

use crate::model::{CharIndex, Transcript};

/// How much of the text around a hit becomes the excerpt.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Extent {
    /// Exactly the words found.
    #[default]
    Hit,
    /// The sentence (or sentences) holding the hit, within its turn and line.
    Sentence,
    /// The whole speaker turn (the line, where the transcript has no turns).
    Turn,
}

impl Extent {
    pub const ALL: [Extent; 3] = [Extent::Hit, Extent::Sentence, Extent::Turn];

    pub fn label(&self) -> &'static str {
        match self {
            Extent::Hit => "the words found",
            Extent::Sentence => "the sentence",
            Extent::Turn => "the speaker's turn",
        }
    }
}

/// The farthest a sentence is looked for on each side of a hit: text without full stops (a
/// transcript of run-on speech) gives an excerpt of bounded length, not the whole turn.
const MAX_SENTENCE_CHARS: usize = 2_000;

/// The char range `start..end` of `transcript` widened to `extent`; clamped to the text.
pub fn extend(
    transcript: &Transcript,
    index: &CharIndex,
    start: usize,
    end: usize,
    extent: Extent,
) -> (usize, usize) {
    let text = transcript.text.as_str();
    let length = index.char_count();
    let (start, end) = (start.min(length), end.min(length).max(start.min(length)));
    let turn = transcript
        .turns
        .iter()
        .find(|t| t.start <= start && end <= t.end)
        .map(|t| (t.start, t.end.min(length)));
    let line = || {
        let from = index.byte_of(start);
        let to = index.byte_of(end);
        let back = text[..from]
            .chars()
            .rev()
            .take_while(|&c| c != '\n')
            .count();
        let ahead = text[to..].chars().take_while(|&c| c != '\n').count();
        (start - back, end + ahead)
    };
    let (low, high) = turn.unwrap_or_else(line);
    match extent {
        Extent::Hit => (start, end),
        Extent::Turn => trimmed(index, low, high),
        Extent::Sentence => {
            let from = index.byte_of(start);
            let to = index.byte_of(end);
            let mut back = 0;
            let mut previous_blank = false;
            for c in text[..from].chars().rev() {
                if back >= MAX_SENTENCE_CHARS || start - back <= low || c == '\n' {
                    break;
                }
                if previous_blank && ends_sentence(c) {
                    break;
                }
                previous_blank = c.is_whitespace();
                back += 1;
            }
            let mut ahead = 0;
            let mut chars = text[to..].chars().peekable();
            while let Some(c) = chars.next() {
                if ahead >= MAX_SENTENCE_CHARS || end + ahead >= high || c == '\n' {
                    break;
                }
                ahead += 1;
                if ends_sentence(c) && chars.peek().is_none_or(|next| next.is_whitespace()) {
                    break;
                }
            }
            trimmed(index, (start - back).max(low), (end + ahead).min(high))
        }
    }
}

fn ends_sentence(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…')
}

/// `start..end` without whitespace at either end.
fn trimmed(index: &CharIndex, start: usize, end: usize) -> (usize, usize) {
    let slice = index.slice(start, end);
    let leading = slice.chars().take_while(|c| c.is_whitespace()).count();
    let trailing = slice
        .chars()
        .rev()
        .take_while(|c| c.is_whitespace())
        .count();
    if leading + trailing >= end - start {
        return (start, end);
    }
    (start + leading, end - trailing)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Turn, char_slice};

    fn transcript(text: &str, turns: &[(usize, usize)]) -> Transcript {
        Transcript {
            id: crate::model::TranscriptId(1),
            name: "t".into(),
            participant: None,
            case: None,
            memo: String::new(),
            speakers: Vec::new(),
            turns: turns
                .iter()
                .map(|&(start, end)| Turn {
                    start,
                    end,
                    speaker: "A".into(),
                    time_ms: None,
                })
                .collect(),
            text: text.into(),
        }
    }

    fn widened(t: &Transcript, word: &str, extent: Extent) -> String {
        let index = CharIndex::new(&t.text);
        let byte = t.text.find(word).unwrap();
        let start = t.text[..byte].chars().count();
        let end = start + word.chars().count();
        let (from, to) = extend(t, &index, start, end, extent);
        char_slice(&t.text, from, to).to_owned()
    }

    #[test]
    fn a_hit_widens_to_its_sentence_within_the_turn() {
        let text = "Hvordan går det?\nDet er som familie. Vi griner! Og så går jeg.";
        let t = transcript(text, &[(0, 16), (17, 62)]);
        assert_eq!(
            widened(&t, "familie", Extent::Sentence),
            "Det er som familie."
        );
        assert_eq!(widened(&t, "griner", Extent::Sentence), "Vi griner!");
        assert_eq!(widened(&t, "jeg", Extent::Sentence), "Og så går jeg.");
        assert_eq!(widened(&t, "går det", Extent::Sentence), "Hvordan går det?");
        assert_eq!(
            widened(&t, "griner", Extent::Turn),
            "Det er som familie. Vi griner! Og så går jeg."
        );
        assert_eq!(widened(&t, "griner", Extent::Hit), "griner");
    }

    #[test]
    fn without_turns_the_line_is_the_turn() {
        let t = transcript("First line here.\nSecond, with a word in it\nThird.", &[]);
        assert_eq!(
            widened(&t, "word", Extent::Turn),
            "Second, with a word in it"
        );
        assert_eq!(
            widened(&t, "word", Extent::Sentence),
            "Second, with a word in it"
        );
    }

    #[test]
    fn a_decimal_point_inside_a_word_does_not_end_the_sentence() {
        let t = transcript("It cost 2.50 kroner for the bus.", &[]);
        assert_eq!(
            widened(&t, "bus", Extent::Sentence),
            "It cost 2.50 kroner for the bus."
        );
        assert_eq!(
            widened(&t, "cost", Extent::Sentence),
            "It cost 2.50 kroner for the bus."
        );
    }
}
