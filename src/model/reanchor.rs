//! Finding excerpts again in a corrected transcript. When a transcript's text is replaced (a typo
//! fixed, a passage restored), each excerpt is followed through a diff of the two texts: it
//! covers what its words became, corrected words included, if at least half of its chars are
//! still there. An excerpt the diff lost (its passage moved elsewhere) is looked up by its quote:
//! exactly, or else with any run of whitespace matching any other; of several matches, the one
//! nearest the quote's old place (relative to the text's length) wins.

use super::{Excerpt, ExcerptId, char_len};
use similar::{Algorithm, DiffOp};
use std::time::{Duration, Instant};

/// How long each diff may take before it settles for a coarser one (still correct, less exact):
/// a whole transcript rewritten would otherwise cost time in the square of its length.
const DIFF_DEADLINE: Duration = Duration::from_millis(500);

/// Where each excerpt is in the new text, or `None` if its quote is not there.
pub fn reanchor(
    old_text: &str,
    new_text: &str,
    excerpts: &[&Excerpt],
) -> Vec<(ExcerptId, Option<(usize, usize)>)> {
    // The diff first: one pass for all excerpts. Searching each quote in the whole text took
    // time in the text's length times the number of excerpts.
    let diff = CharDiff::new(old_text, new_text);
    let old_len = char_len(old_text).max(1) as f64;
    let new_len = char_len(new_text).max(1) as f64;
    excerpts
        .iter()
        .map(|e| {
            let followed = diff.follow(e.start, e.end);
            let found = followed.or_else(|| {
                let quote = super::char_slice(old_text, e.start, e.end);
                let wanted = e.start as f64 / old_len;
                matches(new_text, quote).into_iter().min_by(|a, b| {
                    let distance =
                        |(start, _): &(usize, usize)| (*start as f64 / new_len - wanted).abs();
                    distance(a).total_cmp(&distance(b))
                })
            });
            (e.id, found)
        })
        .collect()
}

/// A text's paragraphs (each with its line end), and where each starts in chars, with the
/// text's length last.
fn paragraphs(text: &str) -> (Vec<&str>, Vec<usize>) {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let mut starts = Vec::with_capacity(lines.len() + 1);
    let mut at = 0;
    for line in &lines {
        starts.push(at);
        at += char_len(line);
    }
    starts.push(at);
    (lines, starts)
}

/// `op` of a diff of parts that start at `old_at` and `new_at`, as an op of the whole texts;
/// insertions left out (no old char is in them).
fn shifted(op: DiffOp, old_at: usize, new_at: usize) -> Option<DiffOp> {
    Some(match op {
        DiffOp::Equal {
            old_index,
            new_index,
            len,
        } => DiffOp::Equal {
            old_index: old_index + old_at,
            new_index: new_index + new_at,
            len,
        },
        DiffOp::Delete {
            old_index,
            old_len,
            new_index,
        } => DiffOp::Delete {
            old_index: old_index + old_at,
            old_len,
            new_index: new_index + new_at,
        },
        DiffOp::Replace {
            old_index,
            old_len,
            new_index,
            new_len,
        } => DiffOp::Replace {
            old_index: old_index + old_at,
            old_len,
            new_index: new_index + new_at,
            new_len,
        },
        DiffOp::Insert { .. } => return None,
    })
}

/// The char-level differences between an old and a new text.
struct CharDiff {
    /// In the old text's order; every old char is in exactly one op that is not an insertion.
    ops: Vec<DiffOp>,
}

impl CharDiff {
    /// Paragraphs first, then chars only within the paragraphs that changed: a char diff of
    /// whole transcripts costs time in the length times the number of changes (90 times as long
    /// for 10 times the text, measured), a paragraph diff in the number of paragraphs.
    fn new(old_text: &str, new_text: &str) -> Self {
        let deadline = Some(Instant::now() + DIFF_DEADLINE);
        let (old_lines, old_starts) = paragraphs(old_text);
        let (new_lines, new_starts) = paragraphs(new_text);
        let mut ops = Vec::new();
        let by_paragraph = similar::capture_diff_slices_deadline(
            Algorithm::Myers,
            &old_lines,
            &new_lines,
            deadline,
        );
        for op in by_paragraph {
            let (old, new) = (op.old_range(), op.new_range());
            let (old_at, new_at) = (old_starts[old.start], new_starts[new.start]);
            let old_len = old_starts[old.end] - old_at;
            match op {
                DiffOp::Equal { .. } => ops.push(DiffOp::Equal {
                    old_index: old_at,
                    new_index: new_at,
                    len: old_len,
                }),
                DiffOp::Delete { .. } => ops.push(DiffOp::Delete {
                    old_index: old_at,
                    old_len,
                    new_index: new_at,
                }),
                DiffOp::Insert { .. } => {}
                DiffOp::Replace { .. } => {
                    let old_chars: Vec<char> = old_lines[old].concat().chars().collect();
                    let new_chars: Vec<char> = new_lines[new].concat().chars().collect();
                    let by_char = similar::capture_diff_slices_deadline(
                        Algorithm::Myers,
                        &old_chars,
                        &new_chars,
                        deadline,
                    );
                    ops.extend(
                        by_char
                            .into_iter()
                            .filter_map(|op| shifted(op, old_at, new_at)),
                    );
                }
            }
        }
        Self { ops }
    }

    /// The op that the old char at `index` is in.
    fn op_of(&self, index: usize) -> Option<&DiffOp> {
        let at = self.ops.partition_point(|op| op.old_range().end <= index);
        self.ops
            .get(at)
            .filter(|op| op.old_range().contains(&index))
    }

    /// Where the old chars `start..end` went in the new text: from where the first went to
    /// where the last went, a corrected word inside included. `None` if fewer than half of them
    /// are still there, unchanged.
    fn follow(&self, start: usize, end: usize) -> Option<(usize, usize)> {
        if start >= end {
            return None;
        }
        // Only the ops that hold the excerpt's chars, found by halving: every op for every
        // excerpt took time in their product.
        let first = self.ops.partition_point(|op| op.old_range().end <= start);
        let last = self.ops.partition_point(|op| op.old_range().start < end);
        let kept: usize = self.ops[first..last.max(first)]
            .iter()
            .filter_map(|op| match *op {
                DiffOp::Equal { old_index, len, .. } => {
                    let from = old_index.max(start);
                    let to = (old_index + len).min(end);
                    Some(to.saturating_sub(from))
                }
                _ => None,
            })
            .sum();
        if 2 * kept < end - start {
            return None;
        }
        let new_start = match *self.op_of(start)? {
            DiffOp::Equal {
                old_index,
                new_index,
                ..
            } => new_index + (start - old_index),
            DiffOp::Delete { new_index, .. } => new_index,
            // Aligned to the replacement's end: a replacement that grew ("V" to "Rettet: v")
            // most likely gained words before the quote, not in it.
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => new_index + new_len.saturating_sub(old_len - (start - old_index)),
            DiffOp::Insert { .. } => return None,
        };
        let new_end = match *self.op_of(end - 1)? {
            DiffOp::Equal {
                old_index,
                new_index,
                ..
            } => new_index + (end - old_index),
            DiffOp::Delete { new_index, .. } => new_index,
            DiffOp::Replace {
                new_index, new_len, ..
            } => new_index + new_len,
            DiffOp::Insert { .. } => return None,
        };
        (new_start < new_end).then_some((new_start, new_end))
    }
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
        // Corrected ("Vi" became "vi", the full stop " hinanden."): followed through the diff.
        assert_eq!(quote(found[1].1).as_deref(), Some("vi er tæt på hinanden."));
        assert_eq!(quote(found[2].1).as_deref(), Some("Jeg er hendes pige."));
    }

    /// Regression (a new user's trial): fixing "key box" to "key-box" inside an excerpt, or a
    /// word in it, lost the excerpt with every placement and memo. A quote mostly rewritten is
    /// still not found.
    #[test]
    fn a_quote_with_corrected_words_is_followed_and_a_rewritten_one_is_not() {
        let old = "Intro.\nWe are not strangers walking in with a key box any more. It can become a habit.";
        let new = "Two new lines.\nIntro.\nWe are not strangers walking in with a key-box any more. It may become a habit.";
        let span = |quote: &str| {
            let start = char_len(&old[..old.find(quote).unwrap()]);
            (start, start + char_len(quote))
        };
        let (start, end) = span("We are not strangers walking in with a key box any more.");
        let key_box = excerpt(1, start, end);
        let (start, end) = span("It can become a habit.");
        let habit = excerpt(2, start, end);
        let found = reanchor(old, new, &[&key_box, &habit]);
        let quote = |r: Option<(usize, usize)>| {
            r.map(|(s, e)| crate::model::char_slice(new, s, e).to_owned())
        };
        assert_eq!(
            quote(found[0].1).as_deref(),
            Some("We are not strangers walking in with a key-box any more.")
        );
        assert_eq!(quote(found[1].1).as_deref(), Some("It may become a habit."));

        let rewritten = reanchor(
            "Ja, hun er som familie.",
            "Nej. Aldrig.",
            &[&excerpt(3, 0, 23)],
        );
        assert_eq!(rewritten[0].1, None);
    }

    #[test]
    fn of_several_matches_the_nearest_to_the_old_place_wins() {
        let old = "ja. ja. ja. nej. ja.";
        let new = "ja. ja. ja. nej. ja.";
        let last = excerpt(1, 17, 20);
        assert_eq!(reanchor(old, new, &[&last])[0].1, Some((17, 20)));
    }
}
