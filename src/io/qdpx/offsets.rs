//! Selection offsets of another tool mapped onto Continuum's text.
//!
//! A REFI-QDA selection addresses the source's text exactly as stored in the archive (after any
//! byte-order mark), counting Unicode code points as the standard says, or UTF-16 code units as
//! NVivo does (the two differ once an emoji or another character beyond U+FFFF has passed).
//! Continuum stores the text normalised (LF line ends, no blank lines, no spaces at line ends,
//! speaker names moved into turns), so every offset goes through two steps: from the tool's unit
//! to a char of the stored file ([`RawText::to_char`]), then from that char to Continuum's text
//! through the runs of kept chars ([`map_span`]). Both are binary searches: importing m selections
//! of a text of n chars costs O(n + m log n).

use crate::io::import::KeptRun;
use crate::model::CharIndex;

/// What a tool's selection offsets count.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OffsetUnit {
    /// Unicode code points, as the REFI-QDA standard says.
    Chars,
    /// UTF-16 code units, as NVivo counts.
    Utf16,
}

impl std::fmt::Display for OffsetUnit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            OffsetUnit::Chars => "characters (Unicode code points, as the standard says)",
            OffsetUnit::Utf16 => "UTF-16 code units (as NVivo counts them)",
        })
    }
}

/// A source's text exactly as the archive stores it (without a byte-order mark), with where its
/// characters beyond U+FFFF are, which is all that is needed to turn UTF-16 offsets into chars.
#[derive(Debug)]
pub struct RawText {
    pub text: String,
    /// Char indices of the characters that take two UTF-16 code units, ascending.
    astral: Vec<usize>,
    chars: usize,
}

/// An offset that names no char of the text: past its end, or between the two halves of a
/// UTF-16 surrogate pair.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BadOffset {
    PastEnd { length: usize },
    InsidePair,
}

impl RawText {
    pub fn new(text: String) -> Self {
        let mut astral = Vec::new();
        let mut chars = 0;
        for c in text.chars() {
            if c.len_utf16() == 2 {
                astral.push(chars);
            }
            chars += 1;
        }
        Self {
            text,
            astral,
            chars,
        }
    }

    /// Whether the two units give different offsets anywhere in this text.
    pub fn units_differ(&self) -> bool {
        !self.astral.is_empty()
    }

    /// The length of the text in `unit`.
    pub fn len_in(&self, unit: OffsetUnit) -> usize {
        match unit {
            OffsetUnit::Chars => self.chars,
            OffsetUnit::Utf16 => self.chars + self.astral.len(),
        }
    }

    /// The char index that `offset` (counted in `unit`) names.
    pub fn to_char(&self, offset: usize, unit: OffsetUnit) -> Result<usize, BadOffset> {
        if offset > self.len_in(unit) {
            return Err(BadOffset::PastEnd {
                length: self.len_in(unit),
            });
        }
        match unit {
            OffsetUnit::Chars => Ok(offset),
            OffsetUnit::Utf16 => {
                // The k-th astral char (0-based) at char index c starts at UTF-16 offset c + k.
                // Those starting before `offset` shift it by one each; one starting just before
                // it means `offset` falls between its two halves.
                let (mut before, mut above) = (0, self.astral.len());
                while before < above {
                    let k = before + (above - before) / 2;
                    if self.astral[k] + k < offset {
                        before = k + 1;
                    } else {
                        above = k;
                    }
                }
                if before > 0 {
                    let (k, c) = (before - 1, self.astral[before - 1]);
                    if c + k + 1 == offset {
                        return Err(BadOffset::InsidePair);
                    }
                }
                Ok(offset - before)
            }
        }
    }
}

/// Scores how well a unit fits a text's selections: how many of their ends fall between words
/// (or at a line end) rather than inside one. People select words; the wrong unit cuts them.
/// `None` if an offset names no char in that unit, which rules the unit out.
pub fn fit(raw: &RawText, offsets: &[(usize, usize)], unit: OffsetUnit) -> Option<usize> {
    let index = CharIndex::new(&raw.text);
    let mut score = 0;
    for &(start, end) in offsets {
        for offset in [start, end] {
            let at = raw.to_char(offset, unit).ok()?;
            let byte = index.byte_of(at);
            let before = raw.text[..byte].chars().next_back();
            let after = raw.text[byte..].chars().next();
            let inside_word = before.is_some_and(char::is_alphanumeric)
                && after.is_some_and(char::is_alphanumeric);
            if !inside_word {
                score += 1;
            }
        }
    }
    Some(score)
}

/// Chooses the unit for a whole file from all its sources' selections: UTF-16 only when it fits
/// strictly better, since counting chars is the standard.
pub fn detect_unit<'a>(
    sources: impl IntoIterator<Item = (&'a RawText, &'a [(usize, usize)])>,
) -> OffsetUnit {
    let (mut chars, mut utf16) = (Some(0usize), Some(0usize));
    for (raw, offsets) in sources {
        if !raw.units_differ() || offsets.is_empty() {
            continue;
        }
        chars = chars
            .zip(fit(raw, offsets, OffsetUnit::Chars))
            .map(|(a, b)| a + b);
        utf16 = utf16
            .zip(fit(raw, offsets, OffsetUnit::Utf16))
            .map(|(a, b)| a + b);
    }
    match (chars, utf16) {
        (None, Some(_)) => OffsetUnit::Utf16,
        (Some(c), Some(u)) if u > c => OffsetUnit::Utf16,
        _ => OffsetUnit::Chars,
    }
}

/// The span of Continuum's text that the chars `start..end` of the stored file became: from the
/// first kept char at or after `start` to just after the last kept char before `end`. `None` if
/// the span kept nothing (it held only line ends, blank space or a speaker's name).
pub fn map_span(runs: &[KeptRun], start: usize, end: usize) -> Option<(usize, usize)> {
    let first = runs.partition_point(|r| r.source + r.len <= start);
    let run = runs.get(first)?;
    let mapped_start = run.stored + start.saturating_sub(run.source);
    let last = runs.partition_point(|r| r.source < end).checked_sub(1)?;
    let run = &runs[last];
    let mapped_end = run.stored + (end - run.source).min(run.len);
    (mapped_start < mapped_end).then_some((mapped_start, mapped_end))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::import::split_speaker_turns_mapped;
    use crate::model::char_slice;

    #[test]
    fn utf16_offsets_become_chars_and_halves_of_a_pair_are_refused() {
        let raw = RawText::new("a👍b👍👍c".to_owned());
        assert!(raw.units_differ());
        assert_eq!(raw.len_in(OffsetUnit::Chars), 6);
        assert_eq!(raw.len_in(OffsetUnit::Utf16), 9);
        // UTF-16: a=0, 👍=1..3, b=3, 👍=4..6, 👍=6..8, c=8, end=9.
        let chars: Vec<_> = [0, 1, 3, 4, 6, 8, 9]
            .iter()
            .map(|&u| raw.to_char(u, OffsetUnit::Utf16).unwrap())
            .collect();
        assert_eq!(chars, [0, 1, 2, 3, 4, 5, 6]);
        for inside in [2, 5, 7] {
            assert_eq!(
                raw.to_char(inside, OffsetUnit::Utf16),
                Err(BadOffset::InsidePair)
            );
        }
        assert_eq!(
            raw.to_char(10, OffsetUnit::Utf16),
            Err(BadOffset::PastEnd { length: 9 })
        );
        assert_eq!(
            raw.to_char(7, OffsetUnit::Chars),
            Err(BadOffset::PastEnd { length: 6 })
        );
    }

    #[test]
    fn the_unit_that_keeps_words_whole_is_chosen() {
        let raw = RawText::new("Great 👍 job, really 👍 well done".to_owned());
        // "well" in code points is 22..26, in UTF-16 24..28.
        assert_eq!(char_slice(&raw.text, 22, 26), "well");
        let chars = [(22usize, 26usize)];
        let utf16 = [(24usize, 28usize)];
        assert_eq!(detect_unit([(&raw, &chars[..])]), OffsetUnit::Chars);
        assert_eq!(detect_unit([(&raw, &utf16[..])]), OffsetUnit::Utf16);
        // Text without such characters says nothing: the standard's unit.
        let plain = RawText::new("no emoji here".to_owned());
        assert_eq!(
            detect_unit([(&plain, &[(3usize, 8usize)][..])]),
            OffsetUnit::Chars
        );
    }

    #[test]
    fn spans_map_onto_the_normalised_text() {
        let source = "Mette: Vi er tæt på\r\n\r\nInterviewer:  Hvordan? \r\nMette: Som familie.";
        let (text, _, runs) = split_speaker_turns_mapped(source);
        assert_eq!(text, "Vi er tæt på\nHvordan?\nSom familie.");
        let stored: Vec<char> = source.chars().collect();
        let span = |word: &str| {
            let at = source.find(word).unwrap();
            let start = source[..at].chars().count();
            (start, start + word.chars().count())
        };
        for word in [
            "tæt på",
            "Hvordan?",
            "familie",
            "Vi er tæt på\r\n\r\nInterviewer:  Hvordan",
        ] {
            let (s, e) = span(word);
            let (ms, me) = map_span(&runs, s, e).unwrap();
            let expected: String = stored[s..e].iter().collect();
            let expected = expected.replace("\r\n\r\nInterviewer:  ", "\n");
            assert_eq!(char_slice(&text, ms, me), expected, "{word}");
        }
        // A selection with the speaker's name and the line end starts at what was said.
        let (s, _) = span("Interviewer:");
        let (_, e) = span("Hvordan?");
        let (ms, me) = map_span(&runs, s - 2, e + 3).unwrap();
        assert_eq!(char_slice(&text, ms, me), "Hvordan?");
        // Only blank space and a name: nothing is left.
        let (s, e) = span("Interviewer:  ");
        assert_eq!(map_span(&runs, s - 4, e), None);
    }
}
