//! The rules a project's contents obey, written once: positions on the axis, excerpt ranges,
//! speaker turns and codes (on excerpts and in the colours of codes). [`Project::apply`](super::Project::apply) asks them before it
//! changes anything, and [`Project::validate`](super::Project::validate) asks them of a file that
//! was read, so an edit can never make a project that would be refused when it is opened again.
//!
//! Implementation notes: each rule says *what* is wrong and leaves the *who* to its caller; a
//! loaded file's problem is located by entity and field (`excerpt e7, field `end``), an edit's
//! by what the edit was doing, so the callers word the entity and these functions the problem.

use super::Turn;
use std::collections::HashSet;

/// What is wrong with a position on the axis, if anything: it must be a number within 0..1.
pub fn position_problem(position: f64) -> Option<String> {
    if position.is_finite() && (0.0..=1.0).contains(&position) {
        None
    } else {
        Some(format!(
            "{position} is outside 0..1 (0 = closeness pole, 1 = distance pole)"
        ))
    }
}

/// Why an excerpt's range `start..end` does not fit its text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RangeProblem {
    /// `start` is not before `end`: an excerpt holds at least one character.
    Empty,
    /// `end` is past the end of the text.
    PastEnd,
}

/// What is wrong with the range `start..end` (in `char`s) of an excerpt of a text `len`
/// characters long, if anything.
pub fn range_problem(start: usize, end: usize, len: usize) -> Option<RangeProblem> {
    if start >= end {
        Some(RangeProblem::Empty)
    } else if end > len {
        Some(RangeProblem::PastEnd)
    } else {
        None
    }
}

/// The first problem with the speaker turns of a text `len` characters long, if there is one:
/// each turn must lie within the text, and none may start inside the one before it.
pub fn turns_problem(turns: &[Turn], len: usize) -> Option<String> {
    let mut previous_end = 0;
    for (i, turn) in turns.iter().enumerate() {
        if turn.start > turn.end || turn.end > len {
            return Some(format!(
                "turn {} ({}..{}) is outside the text ({len} characters)",
                i + 1,
                turn.start,
                turn.end
            ));
        }
        if turn.start < previous_end {
            return Some(format!(
                "turn {} starts at {}, inside the turn before it (which ends at {previous_end})",
                i + 1,
                turn.start
            ));
        }
        previous_end = turn.end;
    }
    None
}

/// What is wrong with one code's name, if anything: it must be non-empty, without surrounding
/// spaces or line breaks. The same rule holds for a code on an excerpt and for a code given a
/// colour.
pub fn code_problem(code: &str) -> Option<String> {
    if code.trim().is_empty() {
        return Some("a code is empty".to_owned());
    }
    if code.trim() != code || code.contains(['\n', '\r']) {
        return Some(format!(
            "the code “{code}” has spaces around it or a line break"
        ));
    }
    None
}

/// What is wrong with a list of codes, if anything: each must be a good name ([`code_problem`])
/// and listed once. Duplicates are found with a set: an excerpt with 100,000 codes took 18 s to
/// check when each code was compared with every one before it.
pub fn codes_problem(codes: &[String]) -> Option<String> {
    let mut seen = HashSet::with_capacity(codes.len());
    for code in codes {
        if let Some(problem) = code_problem(code) {
            return Some(problem);
        }
        if !seen.insert(code.as_str()) {
            return Some(format!("the code “{code}” is listed twice"));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_on_the_axis_pass_and_others_say_why() {
        for ok in [0.0, 0.5, 1.0] {
            assert_eq!(position_problem(ok), None);
        }
        for bad in [-0.1, 1.5, f64::NAN, f64::INFINITY] {
            assert!(position_problem(bad).unwrap().contains("outside 0..1"));
        }
    }

    #[test]
    fn ranges_must_hold_a_character_and_fit_the_text() {
        assert_eq!(range_problem(0, 1, 1), None);
        assert_eq!(range_problem(3, 3, 10), Some(RangeProblem::Empty));
        assert_eq!(range_problem(4, 3, 10), Some(RangeProblem::Empty));
        assert_eq!(range_problem(3, 11, 10), Some(RangeProblem::PastEnd));
    }

    #[test]
    fn turns_must_fit_the_text_in_order() {
        let turn = |start, end| Turn {
            start,
            end,
            speaker: "A".into(),
            time_ms: None,
        };
        assert_eq!(turns_problem(&[turn(0, 5), turn(5, 10)], 10), None);
        let outside = turns_problem(&[turn(0, 11)], 10).unwrap();
        assert!(
            outside.starts_with("turn 1 (0..11) is outside"),
            "{outside}"
        );
        let overlap = turns_problem(&[turn(0, 6), turn(5, 10)], 10).unwrap();
        assert!(
            overlap.starts_with("turn 2 starts at 5, inside"),
            "{overlap}"
        );
    }

    #[test]
    fn a_code_is_a_trimmed_non_empty_line() {
        assert_eq!(code_problem("Attitude/sceptical"), None);
        assert_eq!(code_problem(""), Some("a code is empty".to_owned()));
        assert_eq!(code_problem("  "), Some("a code is empty".to_owned()));
        for bad in [" a", "a ", "two\nlines", "a\r"] {
            assert!(
                code_problem(bad).unwrap().contains("spaces around it"),
                "{bad:?}"
            );
        }
    }
}
