//! Finding excerpts again in a corrected transcript. When a transcript's text is replaced (a typo
//! fixed, a passage restored), each excerpt's quote is looked up in the new text: exactly, or else
//! with any run of whitespace matching any other. Of several matches, the one nearest the quote's
//! old place (relative to the text's length) wins.

use super::{Excerpt, ExcerptId, char_len};

/// Where each excerpt is in the new text, or `None` if its quote is not there.
pub fn reanchor(
    old_text: &str,
    new_text: &str,
    excerpts: &[&Excerpt],
) -> Vec<(ExcerptId, Option<(usize, usize)>)> {
    let old_len = char_len(old_text).max(1) as f64;
    let new_len = char_len(new_text).max(1) as f64;
    excerpts
        .iter()
        .map(|e| {
            let quote = super::char_slice(old_text, e.start, e.end);
            let wanted = e.start as f64 / old_len;
            let best = matches(new_text, quote).into_iter().min_by(|a, b| {
                let distance =
                    |(start, _): &(usize, usize)| (*start as f64 / new_len - wanted).abs();
                distance(a).total_cmp(&distance(b))
            });
            (e.id, best)
        })
        .collect()
}

/// Every place `quote` occurs in `text`, as char ranges; whitespace-insensitive if there is no
/// exact match.
fn matches(text: &str, quote: &str) -> Vec<(usize, usize)> {
    let to_chars = |start_byte: usize, end_byte: usize| {
        let start = char_len(&text[..start_byte]);
        (start, start + char_len(&text[start_byte..end_byte]))
    };
    let exact: Vec<_> = text
        .match_indices(quote)
        .map(|(at, found)| to_chars(at, at + found.len()))
        .collect();
    if !exact.is_empty() || quote.trim().is_empty() {
        return exact;
    }
    let words: Vec<&str> = quote.split_whitespace().collect();
    let mut found = Vec::new();
    for (at, _) in text.match_indices(words[0]) {
        let mut end = at + words[0].len();
        let mut whole = true;
        for word in &words[1..] {
            let rest = &text[end..];
            let skipped = rest.len() - rest.trim_start().len();
            if skipped == 0 || !rest[skipped..].starts_with(word) {
                whole = false;
                break;
            }
            end += skipped + word.len();
        }
        if whole {
            found.push(to_chars(at, end));
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::TranscriptId;

    fn excerpt(id: u32, start: usize, end: usize) -> Excerpt {
        Excerpt {
            id: ExcerptId(id),
            transcript: TranscriptId(1),
            start,
            end,
            label: String::new(),
            memo: String::new(),
            codes: Vec::new(),
        }
    }

    #[test]
    fn finds_moved_reflowed_and_missing_quotes() {
        let old = "Hun kalder mig sin pige. Vi er tæt på.\nJeg er hendes pige.";
        let new = "Hun kalder mig  sin\npige. Rettet: vi er tæt på hinanden.\nJeg er hendes pige.";
        let a = excerpt(1, 0, 24); // "Hun kalder mig sin pige." (whitespace changed)
        let b = excerpt(2, 25, 38); // "Vi er tæt på." (changed: not found)
        let c = excerpt(3, 39, 58); // "Jeg er hendes pige." (moved)
        let found = reanchor(old, new, &[&a, &b, &c]);
        let quote = |r: Option<(usize, usize)>| {
            r.map(|(s, e)| crate::model::char_slice(new, s, e).to_owned())
        };
        assert_eq!(
            quote(found[0].1).as_deref(),
            Some("Hun kalder mig  sin\npige.")
        );
        assert_eq!(found[1].1, None);
        assert_eq!(quote(found[2].1).as_deref(), Some("Jeg er hendes pige."));
    }

    #[test]
    fn of_several_matches_the_nearest_to_the_old_place_wins() {
        let old = "ja. ja. ja. nej. ja.";
        let new = "ja. ja. ja. nej. ja.";
        let last = excerpt(1, 17, 20);
        assert_eq!(reanchor(old, new, &[&last])[0].1, Some((17, 20)));
    }
}
