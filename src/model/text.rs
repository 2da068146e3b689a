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
