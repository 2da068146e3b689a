//! Helpers for text addressed in Unicode scalar values (Rust `char`s), the unit excerpt offsets use.

/// Number of `char`s in `text`.
pub fn char_len(text: &str) -> usize {
    text.chars().count()
}

/// The substring from char `start` (inclusive) to char `end` (exclusive); clamped to the text, so
/// it never panics on out-of-range offsets.
pub fn char_slice(text: &str, start: usize, end: usize) -> &str {
    let start_byte = byte_after_chars(text, 0, start);
    let end_byte = byte_after_chars(text, start_byte, end.max(start) - start);
    &text[start_byte..end_byte]
}

/// The byte offset `chars` chars after byte `from` (a char boundary), clamped to the text's end.
///
/// Counted, not decoded: a char starts at every byte that is not a UTF-8 continuation byte
/// (`0b10xx_xxxx`), so blocks of 64 bytes are passed by counting those, eight bytes at a time.
/// Decoding char by char made the map's labels (the first words of each quote, sliced from the
/// start of its transcript) 83% of laying out a 1M-word map.
fn byte_after_chars(text: &str, from: usize, chars: usize) -> usize {
    const BLOCK: usize = 64;
    let bytes = &text.as_bytes()[from..];
    let mut left = chars;
    let mut at = 0;
    for block in bytes.chunks_exact(BLOCK) {
        let starts = block.chunks_exact(8).map(char_starts).sum::<usize>();
        if starts > left {
            break;
        }
        left -= starts;
        at += BLOCK;
    }
    // The char wanted starts in this block or after it (the block may begin inside a char
    // whose first byte was counted in the one before: its other bytes are no starts).
    bytes[at..]
        .iter()
        .enumerate()
        .filter(|&(_, &b)| (b as i8) >= -0x40)
        .nth(left)
        .map_or(text.len(), |(i, _)| from + at + i)
}

/// How many of eight bytes start a char: those whose top two bits are not `10`.
fn char_starts(eight: &[u8]) -> usize {
    let word = u64::from_le_bytes(eight.try_into().unwrap_or_default());
    let continuation = word & !(word << 1) & 0x8080_8080_8080_8080;
    8 - continuation.count_ones() as usize
}

/// Turns char offsets into byte offsets of one text quickly, for work that slices many excerpts
/// of the same transcript (a table of 20,000 placements of a 20-million-char transcript would
/// otherwise walk the text from its start for every row: hours, not seconds). It records the
/// byte offset of every [`CharIndex::STRIDE`]-th char, so a lookup walks at most that many chars.
#[derive(Debug)]
pub struct CharIndex<'t> {
    text: &'t str,
    checkpoints: Vec<usize>,
}

impl<'t> CharIndex<'t> {
    /// Chars between two recorded byte offsets: memory is an eighth of the text's length at most.
    pub const STRIDE: usize = 64;

    pub fn new(text: &'t str) -> Self {
        let checkpoints = text
            .char_indices()
            .step_by(Self::STRIDE)
            .map(|(b, _)| b)
            .collect();
        Self { text, checkpoints }
    }

    /// The number of chars in the text.
    pub fn char_count(&self) -> usize {
        match self.checkpoints.last() {
            Some(&at) => {
                (self.checkpoints.len() - 1) * Self::STRIDE + self.text[at..].chars().count()
            }
            None => 0,
        }
    }

    /// The byte offset of char `n`, clamped to the text's end.
    pub fn byte_of(&self, n: usize) -> usize {
        match self.checkpoints.get(n / Self::STRIDE) {
            Some(&at) => byte_after_chars(self.text, at, n % Self::STRIDE),
            None => self.text.len(),
        }
    }

    /// Like [`char_slice`], without walking from the start of the text.
    pub fn slice(&self, start: usize, end: usize) -> &'t str {
        let start_byte = self.byte_of(start);
        let end_byte = self.byte_of(end.max(start));
        &self.text[start_byte..end_byte]
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '\'' | '’' | '-' | '_')
}

/// Widens the char range `start..end` of `text` to whole words and drops whitespace at its ends,
/// so a quick drag selects "closeness" rather than "loseness ". Clamped to the text; never panics.
pub fn snap_to_words(text: &str, start: usize, end: usize) -> (usize, usize) {
    let (start, end) = (start.min(end), start.max(end));
    let a0 = byte_after_chars(text, 0, start);
    let (mut a, mut b) = (a0, byte_after_chars(text, a0, end - start));
    if a == b {
        let at = char_len(&text[..a]);
        return (at, at);
    }
    // Grow outwards only when the range starts or ends inside a word.
    let starts_inside = text[a..].chars().next().is_some_and(is_word_char)
        && text[..a].chars().next_back().is_some_and(is_word_char);
    if starts_inside {
        while let Some(c) = text[..a].chars().next_back().filter(|&c| is_word_char(c)) {
            a -= c.len_utf8();
        }
    }
    let ends_inside = text[..b].chars().next_back().is_some_and(is_word_char)
        && text[b..].chars().next().is_some_and(is_word_char);
    if ends_inside {
        while let Some(c) = text[b..].chars().next().filter(|&c| is_word_char(c)) {
            b += c.len_utf8();
        }
    }
    let trimmed_start = a + (text[a..b].len() - text[a..b].trim_start().len());
    let trimmed_end = trimmed_start + text[trimmed_start..b].trim_end().len();
    let first = char_len(&text[..trimmed_start]);
    (first, first + char_len(&text[trimmed_start..trimmed_end]))
}

/// The first words of `quote`, at most `max_chars` characters, with an ellipsis when cut, on one line.
pub fn short_label(quote: &str, max_chars: usize) -> String {
    let flat: String = quote.split_whitespace().collect::<Vec<_>>().join(" ");
    if char_len(&flat) <= max_chars {
        return flat;
    }
    let mut cut: String = flat.chars().take(max_chars).collect();
    // Cut at a word boundary when one is reasonably close, so labels do not end mid-word.
    if let Some(space) = cut.rfind(' ')
        && space > cut.len() / 2
    {
        cut.truncate(space);
    }
    format!("{}…", cut.trim_end_matches([',', '.', ';', ':', ' ']))
}

/// A count with its noun, singular for one: "1 excerpt", "2 excerpts", "0 excerpts". Every count
/// shown to the user goes through here, so none reads "1 excerpts". `noun` is the singular and
/// takes an "s" (all the nouns the program counts do).
pub fn plural(count: usize, noun: &str) -> String {
    if count == 1 {
        format!("1 {noun}")
    } else {
        format!("{count} {noun}s")
    }
}

/// Text for XML or HTML content (or, with `attribute`, a double-quoted attribute value): the
/// markup characters escaped, a carriage return kept as `&#13;`
/// (a parser would otherwise turn CRLF into LF), and characters XML 1.0 cannot hold at all
/// replaced by U+FFFD.
pub fn escape_markup(text: &str, attribute: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attribute => out.push_str("&quot;"),
            '\r' => out.push_str("&#13;"),
            '\n' if attribute => out.push_str("&#10;"),
            '\t' if attribute => out.push_str("&#9;"),
            '\t' | '\n' => out.push(c),
            c if (c as u32) < 0x20 || matches!(c, '\u{fffe}' | '\u{ffff}') => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_char_index_slices_exactly_as_char_slice_does() {
        let text: String = (0..1_000)
            .map(|i| ['a', 'ø', '€', '𝄞', ' ', '\n'][i * 7 % 6])
            .collect();
        let index = CharIndex::new(&text);
        for start in (0..1_010).step_by(13) {
            for end in [
                start,
                start + 1,
                start + 63,
                start + 64,
                start + 65,
                start + 500,
                0,
            ] {
                assert_eq!(
                    index.slice(start, end),
                    char_slice(&text, start, end),
                    "{start}..{end}"
                );
            }
        }
        assert_eq!(CharIndex::new("").slice(0, 3), "");
    }

    /// Counting char starts block by block finds the same byte as walking the chars, from any
    /// char boundary, for any count, in text of one- to four-byte chars.
    #[test]
    fn counting_chars_finds_the_byte_walking_them_does() {
        let text: String = (0..700)
            .map(|i| ['a', 'ø', '€', '𝄞', ' ', '\n', 'å'][(i * 5 + i / 90 * (i % 3)) % 7])
            .collect();
        let walked = |from: usize, n: usize| {
            text[from..]
                .char_indices()
                .nth(n)
                .map_or(text.len(), |(b, _)| from + b)
        };
        for (from, _) in text.char_indices().step_by(11) {
            for n in (0..800).step_by(3).chain([63, 64, 65, 127, 128, 129]) {
                assert_eq!(
                    byte_after_chars(&text, from, n),
                    walked(from, n),
                    "{from} {n}"
                );
            }
        }
        assert_eq!(byte_after_chars("", 0, 0), 0);
        assert_eq!(byte_after_chars("å", 0, 1), 2);
    }

    #[test]
    fn slices_by_chars_not_bytes() {
        let text = "Søren går på arbejde";
        assert_eq!(char_slice(text, 0, 5), "Søren");
        assert_eq!(char_slice(text, 6, 9), "går");
        assert_eq!(char_slice(text, 18, 99), "de");
        assert_eq!(char_slice(text, 50, 60), "");
        assert_eq!(char_slice(text, 5, 2), "");
    }

    #[test]
    fn snapping_widens_to_whole_words_and_trims_spaces() {
        let text = "Vi er tæt på borgerne, næsten familie.";
        let snapped = |a, b| {
            let (s, e) = snap_to_words(text, a, b);
            char_slice(text, s, e)
        };
        assert_eq!(snapped(7, 14), "tæt på borgerne"); // "æt på b" grows both ways
        assert_eq!(snapped(14, 7), "tæt på borgerne"); // dragged right to left
        assert_eq!(snapped(7, 13), "tæt på"); // ends just before a word: not grown, space dropped
        assert_eq!(snapped(5, 10), "tæt"); // " tæt " loses its spaces
        assert_eq!(snapped(23, 38), "næsten familie."); // already whole: unchanged
        assert_eq!(snapped(30, 30), "");
        assert_eq!(snap_to_words(text, 99, 120), (38, 38));
    }

    #[test]
    fn short_label_cuts_at_words() {
        assert_eq!(
            short_label("  She calls me\nher girl ", 40),
            "She calls me her girl"
        );
        assert_eq!(
            short_label("She calls me her girl, you know", 20),
            "She calls me her…"
        );
    }

    #[test]
    fn one_excerpt_is_not_one_excerpts() {
        assert_eq!(super::plural(1, "excerpt"), "1 excerpt");
        assert_eq!(super::plural(0, "excerpt"), "0 excerpts");
        assert_eq!(super::plural(2, "lane"), "2 lanes");
    }
}
