//! Helpers for text addressed in Unicode scalar values (Rust `char`s), the unit excerpt offsets use.

/// Number of `char`s in `text`.
pub fn char_len(text: &str) -> usize {
    text.chars().count()
}

/// The substring from char `start` (inclusive) to char `end` (exclusive); clamped to the text, so
/// it never panics on out-of-range offsets.
pub fn char_slice(text: &str, start: usize, end: usize) -> &str {
    let byte_at = |n: usize| text.char_indices().nth(n).map_or(text.len(), |(b, _)| b);
    let start_byte = byte_at(start);
    let end_byte = byte_at(end.max(start));
    &text[start_byte..end_byte]
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '\'' | '’' | '-' | '_')
}

/// Widens the char range `start..end` of `text` to whole words and drops whitespace at its ends,
/// so a quick drag selects "closeness" rather than "loseness ". Clamped to the text; never panics.
pub fn snap_to_words(text: &str, start: usize, end: usize) -> (usize, usize) {
    let (start, end) = (start.min(end), start.max(end));
    let byte_at = |n: usize| text.char_indices().nth(n).map_or(text.len(), |(b, _)| b);
    let (mut a, mut b) = (byte_at(start), byte_at(end));
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
