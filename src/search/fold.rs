//! Text as search compares it: canonically composed (NFC), so that a decomposed "å" typed on
//! macOS is the same letter as a composed one; case-folded with Unicode's full folding when case
//! does not matter ("Straße", "STRASSE" and "strasse" are one word; "Æ" is "æ"); and, only when
//! asked, with accents taken off ("é" is "e" — off by default, because in Danish "ø" and "å" are
//! letters of their own, not accented "o" and "a").
//!
//! Folding changes lengths (ß becomes "ss"), so a [`Folded`] text keeps a map from its bytes back
//! to the original text's chars and bytes, and a hit found in the folded text is reported on the
//! exact words of the original.
//!
//! Implementation notes: the text is cut into *chunks*, each a starter character with the
//! combining marks that follow it; normalisation and case folding never reach across a starter,
//! so each chunk folds on its own and every folded byte belongs to exactly one chunk. Runs of
//! ASCII (most of an English or Danish transcript) fold byte for byte and are kept as one
//! *aligned* segment of the map, so the map stays small: one entry per aligned stretch and per
//! chunk that changes length, not one per byte. A hit must begin and end on chunk boundaries; one that would split a
//! chunk ("s" inside the "ss" of a folded "ß", or "a" inside a decomposed "å") is not a hit.
//! Most non-ASCII letters fold to one letter of the same length ("Æ" to "æ", "å" to "å"), and
//! join the aligned stretches around them, where folded and original byte offsets are equal; how
//! each such letter folds is worked out once per text.
//! (Hangul jamo that compose across two starters are the one case where a chunk boundary can
//! fall inside what NFC would compose; such text is matched as stored.)

use caseless::Caseless;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::{canonical_combining_class, is_combining_mark};

/// What folding does besides composing.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct FoldOptions {
    /// Upper and lower case are different letters.
    pub match_case: bool,
    /// Letters with and without accents (diacritics) are the same.
    pub ignore_accents: bool,
}

/// The longest run of combining marks kept with their starter in one chunk; "zalgo" text with
/// hundreds of marks on one letter is cut into chunks of this many chars so that folding stays
/// linear in the text.
const MAX_CHUNK_CHARS: usize = 32;

/// Where a stretch of the folded text came from.
#[derive(Clone, Copy, Debug)]
struct Segment {
    /// The byte in the folded text where this stretch starts.
    folded: usize,
    /// The char and byte in the original text where it starts.
    char: usize,
    byte: usize,
    /// Every original char of the stretch folded to one char of the same length in bytes (all
    /// of ASCII; "Æ" to "æ"), so a folded byte offset in it is the same offset in the original.
    /// Otherwise the stretch is one chunk, and only its ends are places a hit may start or end.
    aligned: bool,
}

/// A text folded for comparison, with the way back to the original.
#[derive(Clone, Debug)]
pub struct Folded {
    text: String,
    segments: Vec<Segment>,
    chars: usize,
    bytes: usize,
}

/// A position in the original text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Origin {
    pub char: usize,
    pub byte: usize,
}

/// Where the last position was found, so that positions asked for in text order are found by
/// counting only the chars in between: mapping every hit of a long transcript stays linear.
#[derive(Clone, Copy, Debug, Default)]
pub struct Cursor {
    segment: usize,
    folded: usize,
    origin: Option<Origin>,
}

/// Remembers how single non-ASCII chars fold, so a text with thousands of "æ" folds each kind
/// once: the chars below U+0800 (Latin, Greek, Cyrillic, Hebrew, Arabic…) in a table, the rest
/// in a map.
struct SingleChars {
    options: FoldOptions,
    table: Vec<u32>,
    others: std::collections::HashMap<char, Option<char>>,
}

/// In the table: not yet known, and folds to more or other-sized text.
const UNKNOWN: u32 = 0;
const NOT_ALIGNED: u32 = u32::MAX;

impl SingleChars {
    fn new(options: FoldOptions) -> Self {
        Self {
            options,
            table: Vec::new(),
            others: std::collections::HashMap::new(),
        }
    }

    /// What `c` folds to, if that is one char of the same length in bytes.
    fn aligned(&mut self, c: char) -> Option<char> {
        let code = c as usize;
        if code < 0x800 {
            if self.table.is_empty() {
                self.table = vec![UNKNOWN; 0x800];
            }
            match self.table[code] {
                UNKNOWN => {
                    let folded = fold_one(c, self.options);
                    self.table[code] = folded.map_or(NOT_ALIGNED, u32::from);
                    folded
                }
                NOT_ALIGNED => None,
                known => char::from_u32(known),
            }
        } else {
            let options = self.options;
            *self.others.entry(c).or_insert_with(|| fold_one(c, options))
        }
    }
}

fn fold_one(c: char, options: FoldOptions) -> Option<char> {
    let mut buffer = [0u8; 4];
    let mut folded = String::new();
    fold_chunk(c.encode_utf8(&mut buffer), options, &mut folded);
    let mut chars = folded.chars();
    match (chars.next(), chars.next()) {
        (Some(one), None) if one.len_utf8() == c.len_utf8() => Some(one),
        _ => None,
    }
}

impl Folded {
    /// Folds `text` with `options`, in one pass.
    pub fn new(text: &str, options: FoldOptions) -> Self {
        let bytes = text.as_bytes();
        let mut folded = String::with_capacity(text.len());
        let mut segments: Vec<Segment> = Vec::new();
        let mut singles = SingleChars::new(options);
        let mut at = 0;
        let mut chars = 0;
        // Whether the last segment is aligned and goes on to here.
        let mut aligned = false;
        while at < bytes.len() {
            let mut run_end = bytes[at..]
                .iter()
                .position(|b| !b.is_ascii())
                .map_or(bytes.len(), |n| at + n);
            // An ASCII letter followed by combining marks ("a" + ring) is a chunk of its own.
            if run_end < bytes.len() && run_end > at && starts_with_mark(&text[run_end..]) {
                run_end -= 1;
            }
            if run_end > at {
                open_aligned(&mut segments, &mut aligned, (folded.len(), chars, at));
                let from = folded.len();
                folded.push_str(&text[at..run_end]);
                if !options.match_case {
                    folded[from..].make_ascii_lowercase();
                }
                chars += run_end - at;
                at = run_end;
            }
            if at >= bytes.len() {
                break;
            }
            let (chunk_end, chunk_chars) = chunk_at(text, at);
            let single = if chunk_chars == 1 {
                text[at..chunk_end]
                    .chars()
                    .next()
                    .and_then(|c| singles.aligned(c))
            } else {
                None
            };
            if let Some(single) = single {
                open_aligned(&mut segments, &mut aligned, (folded.len(), chars, at));
                folded.push(single);
            } else {
                segments.push(Segment {
                    folded: folded.len(),
                    char: chars,
                    byte: at,
                    aligned: false,
                });
                aligned = false;
                fold_chunk(&text[at..chunk_end], options, &mut folded);
            }
            chars += chunk_chars;
            at = chunk_end;
        }
        Self {
            text: folded,
            segments,
            chars,
            bytes: bytes.len(),
        }
    }

    /// The folded text, to search in.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The original position of folded byte `at` (a char boundary of the folded text), or
    /// `None` if it falls inside a chunk. Counts from `cursor` when `at` is past it.
    pub fn origin(&self, at: usize, cursor: &mut Cursor) -> Option<Origin> {
        if at >= self.text.len() {
            return (at == self.text.len()).then_some(Origin {
                char: self.chars,
                byte: self.bytes,
            });
        }
        let index = match self.segments.get(cursor.segment) {
            Some(s)
                if s.folded <= at
                    && self
                        .segments
                        .get(cursor.segment + 1)
                        .is_none_or(|next| next.folded > at) =>
            {
                cursor.segment
            }
            _ => self
                .segments
                .partition_point(|s| s.folded <= at)
                .checked_sub(1)?,
        };
        let segment = self.segments[index];
        if !segment.aligned {
            return (at == segment.folded).then_some(Origin {
                char: segment.char,
                byte: segment.byte,
            });
        }
        let (from, base) = match cursor.origin {
            Some(origin) if cursor.segment == index && cursor.folded <= at => {
                (cursor.folded, origin)
            }
            _ => (
                segment.folded,
                Origin {
                    char: segment.char,
                    byte: segment.byte,
                },
            ),
        };
        let origin = Origin {
            char: base.char + self.text.get(from..at)?.chars().count(),
            byte: base.byte + (at - from),
        };
        *cursor = Cursor {
            segment: index,
            folded: at,
            origin: Some(origin),
        };
        Some(origin)
    }

    /// The original position of folded byte `at`, counted afresh (tests and one-off lookups).
    pub fn origin_of(&self, at: usize) -> Option<Origin> {
        self.origin(at, &mut Cursor::default())
    }

    /// The next folded byte after `at` where a hit may start: the next char in an aligned
    /// stretch, else where the chunk holding `at` ends. Where to look again after a rejected hit.
    pub fn next_boundary(&self, at: usize) -> usize {
        let index = self.segments.partition_point(|s| s.folded <= at);
        let next = match index.checked_sub(1).map(|i| self.segments[i]) {
            Some(segment) if segment.aligned => self.text[at..]
                .chars()
                .next()
                .map_or(at + 1, |c| at + c.len_utf8()),
            _ => self
                .segments
                .get(index)
                .map_or(self.text.len(), |s| s.folded),
        };
        next.max(at + 1)
    }
}

/// Folds a pattern's words the way [`Folded::new`] folds the text they are looked for in.
pub fn fold_words(words: &str, options: FoldOptions) -> String {
    Folded::new(words, options).text
}

/// Folds the letters of a regular expression without touching its syntax: ASCII (every escape,
/// class and operator) is left for the expression's own case-insensitive flag, and only other
/// letters are composed, folded and stripped of accents as the text is.
pub fn fold_regex(pattern: &str, options: FoldOptions) -> String {
    let mut folded = String::with_capacity(pattern.len());
    let mut at = 0;
    while at < pattern.len() {
        let rest = &pattern[at..];
        let ascii = rest.bytes().take_while(u8::is_ascii).count();
        if ascii > 0 {
            folded.push_str(&rest[..ascii]);
            at += ascii;
            continue;
        }
        let (chunk_end, _) = chunk_at(pattern, at);
        fold_chunk(&pattern[at..chunk_end], options, &mut folded);
        at = chunk_end;
    }
    folded
}

/// A letter, digit, underscore or combining mark: what a whole-word hit may not touch.
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || is_combining_mark(c)
}

/// Starts an aligned segment at (folded byte, char, byte) unless the last one goes on to there.
fn open_aligned(segments: &mut Vec<Segment>, aligned: &mut bool, at: (usize, usize, usize)) {
    if !*aligned {
        segments.push(Segment {
            folded: at.0,
            char: at.1,
            byte: at.2,
            aligned: true,
        });
        *aligned = true;
    }
}

fn starts_with_mark(text: &str) -> bool {
    text.chars()
        .next()
        .is_some_and(|c| canonical_combining_class(c) != 0)
}

/// The end (byte) and length (chars) of the chunk that starts at byte `at`.
fn chunk_at(text: &str, at: usize) -> (usize, usize) {
    let mut chars = text[at..].char_indices();
    let (_, first) = chars.next().expect("a chunk starts at a char");
    let mut end = at + first.len_utf8();
    let mut count = 1;
    for (offset, c) in chars {
        if count >= MAX_CHUNK_CHARS || canonical_combining_class(c) == 0 {
            break;
        }
        end = at + offset + c.len_utf8();
        count += 1;
    }
    (end, count)
}

fn fold_chunk(chunk: &str, options: FoldOptions, out: &mut String) {
    match (options.ignore_accents, options.match_case) {
        (false, true) => out.extend(chunk.nfc()),
        (false, false) => out.extend(chunk.nfd().default_case_fold().nfc()),
        (true, true) => out.extend(chunk.nfd().filter(|c| !is_combining_mark(*c))),
        (true, false) => out.extend(
            chunk
                .nfd()
                .default_case_fold()
                .nfd()
                .filter(|c| !is_combining_mark(*c)),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CASELESS: FoldOptions = FoldOptions {
        match_case: false,
        ignore_accents: false,
    };

    #[test]
    fn composed_and_decomposed_letters_fold_alike() {
        let composed = Folded::new("bl\u{e5}b\u{e6}r", CASELESS);
        let decomposed = Folded::new("bla\u{30a}b\u{e6}r", CASELESS);
        assert_eq!(composed.text(), decomposed.text());
        assert_eq!(composed.text(), "blåbær");
    }

    #[test]
    fn full_case_folding_maps_back_to_the_original_chars() {
        let folded = Folded::new("Die Straße ist", CASELESS);
        assert_eq!(folded.text(), "die strasse ist");
        let start = folded.text().find("strasse").unwrap();
        let end = start + "strasse".len();
        let from = folded.origin_of(start).unwrap();
        let to = folded.origin_of(end).unwrap();
        assert_eq!((from.char, to.char), (4, 10));
        assert_eq!(&"Die Straße ist"[from.byte..to.byte], "Straße");
        // Half of the folded "ss" is not a place a hit can end.
        assert_eq!(folded.origin_of(start + 5), None);
    }

    #[test]
    fn a_decomposed_letter_is_one_chunk_so_a_bare_a_cannot_end_inside_it() {
        let text = "pa\u{30a} X";
        let folded = Folded::new(text, CASELESS);
        assert_eq!(folded.text(), "på x");
        // "p" is aligned; "å" (from two chars) is one chunk.
        assert_eq!(folded.origin_of(1), Some(Origin { char: 1, byte: 1 }));
        assert_eq!(folded.origin_of(3), Some(Origin { char: 3, byte: 4 }));
        assert_eq!(folded.origin_of(2), None);
    }

    #[test]
    fn accents_come_off_only_when_asked() {
        let options = FoldOptions {
            match_case: false,
            ignore_accents: true,
        };
        // "å" is "a" with a ring and loses it; "ø" and "æ" are letters with no accent to lose.
        assert_eq!(Folded::new("Café Ærø på", options).text(), "cafe ærø pa");
        assert_eq!(Folded::new("Café Ærø", CASELESS).text(), "café ærø");
    }

    #[test]
    fn regex_syntax_is_left_alone_and_letters_are_folded() {
        assert_eq!(fold_regex(r"\SÆ[A-Z]ß", CASELESS), r"\Sæ[A-Z]ss");
    }

    #[test]
    fn long_runs_of_marks_are_cut_into_bounded_chunks() {
        let text = format!("a{}b", "\u{301}".repeat(100));
        let folded = Folded::new(&text, CASELESS);
        let end = folded.text().len();
        assert_eq!(folded.origin_of(end).unwrap().char, 102);
        assert!(folded.text().ends_with('b'));
    }
}
