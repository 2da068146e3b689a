//! What the researcher typed, turned into one regular expression over folded text.
//!
//! - **Words** (the default): any of the words, so `familie veninde professionel` finds every
//!   place one of them is said; a part in double quotes is a phrase (`"display rule" venskab`).
//! - **Phrase**: the whole entry is one phrase, its words in that order.
//! - **Regular expression**: the `regex` crate's syntax, with `^` and `$` at line ends.
//!
//! In words and phrases, any run of spaces or line breaks matches any other, so a phrase broken
//! over two lines of a transcript is still found. Words are folded exactly as the text is (see
//! `fold.rs`) and then escaped, so nothing typed is taken as syntax.
//!
//! Implementation notes: words are tried longest first, so "familie" is preferred over "fam" where
//! both start. Whole words are checked on each hit (the neighbouring chars may not be letters,
//! digits, marks or `_`) rather than with `\b`, which keeps plain words on the regex crate's
//! fastest engines; for a regular expression the check is `\b` around it, the usual meaning.

use super::fold::{FoldOptions, fold_regex, fold_words};
use regex::{Regex, RegexBuilder};
use std::fmt;

/// How the entry is read.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Mode {
    /// Any of the words; double quotes make a phrase.
    #[default]
    Words,
    /// All the words together, in order.
    Phrase,
    /// A regular expression.
    Regex,
}

/// The largest compiled expression accepted: a pattern past it gets a message, never a machine
/// out of memory (`a{1000}{1000}` would otherwise ask for gigabytes).
const SIZE_LIMIT: usize = 16 * 1024 * 1024;

/// Why an entry cannot be searched for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PatternError {
    /// Nothing but spaces and quotes.
    Empty,
    /// A regular expression with a mistake at this char (1-based) of what was typed.
    Syntax { position: usize, message: String },
    /// A regular expression too large to run.
    TooLarge,
}

impl fmt::Display for PatternError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PatternError::Empty => write!(f, "Type a word or phrase to search for."),
            PatternError::Syntax { position, message } => write!(
                f,
                "The regular expression has a mistake at character {position}: {message}."
            ),
            PatternError::TooLarge => write!(
                f,
                "The regular expression is too large to search with (over {} MiB compiled); \
                 make it simpler, e.g. with fewer or smaller repetition counts.",
                SIZE_LIMIT / (1024 * 1024)
            ),
        }
    }
}

impl std::error::Error for PatternError {}

/// A compiled entry, ready to run over folded text.
#[derive(Clone, Debug)]
pub struct Matcher {
    pub(super) regex: Regex,
    /// Whole words are checked on each hit (words and phrases; see the notes above).
    pub(super) check_word_edges: bool,
    pub(super) fold: FoldOptions,
}

impl Matcher {
    pub fn new(
        entry: &str,
        mode: Mode,
        whole_words: bool,
        fold: FoldOptions,
    ) -> Result<Self, PatternError> {
        let (expression, check_word_edges) = match mode {
            Mode::Regex => {
                if entry.is_empty() {
                    return Err(PatternError::Empty);
                }
                let folded = fold_regex(entry, fold);
                let body = if whole_words {
                    format!(r"\b(?:{folded})\b")
                } else {
                    folded
                };
                let flags = if fold.match_case { "(?m)" } else { "(?mi)" };
                (format!("{flags}{body}"), false)
            }
            Mode::Words | Mode::Phrase => {
                let mut terms: Vec<String> = if mode == Mode::Phrase {
                    vec![entry.replace('"', " ")]
                } else {
                    split_terms(entry)
                }
                .iter()
                .map(|term| fold_words(term, fold))
                .filter(|term| !term.trim().is_empty())
                .collect();
                if terms.is_empty() {
                    return Err(PatternError::Empty);
                }
                terms.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
                terms.dedup();
                let alternatives: Vec<String> =
                    terms.iter().map(|t| phrase_expression(t)).collect();
                (alternatives.join("|"), whole_words)
            }
        };
        let regex = RegexBuilder::new(&expression)
            .size_limit(SIZE_LIMIT)
            .dfa_size_limit(SIZE_LIMIT)
            .build()
            .map_err(|error| explain(entry, error))?;
        Ok(Self {
            regex,
            check_word_edges,
            fold,
        })
    }
}

/// The words of an entry, with double-quoted parts kept together as phrases. An unclosed quote
/// runs to the end.
fn split_terms(entry: &str) -> Vec<String> {
    let mut terms = Vec::new();
    for (index, part) in entry.split('"').enumerate() {
        if index % 2 == 1 {
            terms.push(part.to_owned());
        } else {
            terms.extend(part.split_whitespace().map(str::to_owned));
        }
    }
    terms
}

/// A folded phrase as an expression: its words escaped, any whitespace between them matching any
/// run of whitespace.
fn phrase_expression(phrase: &str) -> String {
    phrase
        .split_whitespace()
        .map(regex::escape)
        .collect::<Vec<_>>()
        .join(r"\s+")
}

/// Says where a regular expression went wrong, in chars of what was typed (the folded pattern
/// can be longer, so the position is found by parsing the entry itself).
fn explain(entry: &str, error: regex::Error) -> PatternError {
    if let regex::Error::CompiledTooBig(_) = error {
        return PatternError::TooLarge;
    }
    match regex_syntax::Parser::new().parse(entry) {
        Err(regex_syntax::Error::Parse(error)) => PatternError::Syntax {
            position: error.span().start.column,
            message: error.kind().to_string(),
        },
        Err(regex_syntax::Error::Translate(error)) => PatternError::Syntax {
            position: error.span().start.column,
            message: error.kind().to_string(),
        },
        _ => PatternError::Syntax {
            position: 1,
            message: error
                .to_string()
                .lines()
                .last()
                .unwrap_or("")
                .trim()
                .to_owned(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_parts_stay_together() {
        assert_eq!(
            split_terms(r#"familie "display rule" veninde"#),
            ["familie", "display rule", "veninde"]
        );
        assert_eq!(split_terms(r#""open ended"#), ["open ended"]);
    }

    #[test]
    fn a_bad_regular_expression_names_the_character() {
        let error =
            Matcher::new("famil(ie", Mode::Regex, false, FoldOptions::default()).unwrap_err();
        assert_eq!(
            error,
            PatternError::Syntax {
                position: 6,
                message: "unclosed group".into()
            }
        );
        assert_eq!(
            error.to_string(),
            "The regular expression has a mistake at character 6: unclosed group."
        );
        // Positions count chars, not bytes: "æ" is two bytes.
        let error = Matcher::new("æø[", Mode::Regex, false, FoldOptions::default()).unwrap_err();
        assert!(
            matches!(error, PatternError::Syntax { position: 3, .. }),
            "{error:?}"
        );
    }

    #[test]
    fn a_huge_repetition_is_refused_with_a_message() {
        let error = Matcher::new(
            "(a{1000}){1000}",
            Mode::Regex,
            false,
            FoldOptions::default(),
        )
        .unwrap_err();
        assert_eq!(error, PatternError::TooLarge);
    }

    #[test]
    fn an_empty_entry_is_refused() {
        for entry in ["", "  ", "\"\""] {
            assert_eq!(
                Matcher::new(entry, Mode::Words, false, FoldOptions::default()).unwrap_err(),
                PatternError::Empty
            );
        }
    }

    #[test]
    fn typed_syntax_is_taken_literally_in_words() {
        let matcher = Matcher::new("a.b (c)", Mode::Words, false, FoldOptions::default()).unwrap();
        assert!(matcher.regex.is_match("x a.b y"));
        assert!(!matcher.regex.is_match("axb"));
        assert!(matcher.regex.is_match("(c)"));
    }
}
