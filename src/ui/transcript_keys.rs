//! Coding with the keyboard in the transcript: a caret moved by the arrow keys (by word with
//! Ctrl), Home and End (of the paragraph; with Ctrl, of the transcript), Page Up and Page Down;
//! Shift extends the selection from where it started; Ctrl+A selects the whole transcript; Escape
//! drops the selection. The caret is the cursor end of a [`TextSelection`], an empty one when
//! nothing is selected, so a selection made with the mouse can be extended by keys and back.
//!
//! Offsets are chars of the whole transcript; paragraphs are its lines.

use super::view_state::TextSelection;
use egui::Key;

/// A paragraph's char range, start inclusive, end exclusive (the newline after it not included).
pub type Span = (usize, usize);

/// What a key press does to the caret.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Motion {
    CharLeft,
    CharRight,
    WordLeft,
    WordRight,
    ParagraphUp,
    ParagraphDown,
    PageUp,
    PageDown,
    LineStart,
    LineEnd,
    TextStart,
    TextEnd,
}

/// The key presses of this frame that move the caret, with whether Shift was held; `select_all`
/// is Ctrl+A and `escape` Escape. Consumed, so nothing else acts on them.
pub struct Presses {
    pub motions: Vec<(Motion, bool)>,
    pub select_all: bool,
    pub escape: bool,
}

pub fn take_presses(input: &mut egui::InputState) -> Presses {
    use Motion::*;
    let table = [
        (Key::ArrowLeft, false, CharLeft),
        (Key::ArrowRight, false, CharRight),
        (Key::ArrowLeft, true, WordLeft),
        (Key::ArrowRight, true, WordRight),
        (Key::ArrowUp, false, ParagraphUp),
        (Key::ArrowDown, false, ParagraphDown),
        (Key::PageUp, false, PageUp),
        (Key::PageDown, false, PageDown),
        (Key::Home, false, LineStart),
        (Key::End, false, LineEnd),
        (Key::Home, true, TextStart),
        (Key::End, true, TextEnd),
    ];
    let mut presses = Presses {
        motions: Vec::new(),
        select_all: false,
        escape: false,
    };
    input.events.retain(|event| {
        let egui::Event::Key {
            key,
            pressed: true,
            modifiers,
            ..
        } = event
        else {
            return true;
        };
        let ctrl = modifiers.command || modifiers.ctrl;
        if let Some(&(_, _, motion)) = table.iter().find(|(k, c, _)| k == key && *c == ctrl) {
            presses.motions.push((motion, modifiers.shift));
            return false;
        }
        match key {
            Key::A if ctrl && !modifiers.shift => presses.select_all = true,
            Key::Escape if !ctrl && !modifiers.shift => presses.escape = true,
            _ => return true,
        }
        false
    });
    presses
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '\'' | '’' | '-' | '_')
}

/// Where `motion` takes the caret at `at`. `chars` is the whole text, `paragraphs` its lines in
/// order, `page` how many paragraphs a page holds.
pub fn moved(motion: Motion, at: usize, chars: &[char], paragraphs: &[Span], page: usize) -> usize {
    let len = chars.len();
    let at = at.min(len);
    let here = paragraphs
        .partition_point(|&(start, _)| start <= at)
        .saturating_sub(1);
    let column = at - paragraphs.get(here).map_or(0, |p| p.0);
    let to_paragraph = |index: usize| {
        let (start, end) = paragraphs[index.min(paragraphs.len().saturating_sub(1))];
        (start + column).min(end)
    };
    match motion {
        Motion::CharLeft => at.saturating_sub(1),
        Motion::CharRight => (at + 1).min(len),
        Motion::WordLeft => {
            let mut i = at;
            while i > 0 && !is_word_char(chars[i - 1]) {
                i -= 1;
            }
            while i > 0 && is_word_char(chars[i - 1]) {
                i -= 1;
            }
            i
        }
        Motion::WordRight => {
            let mut i = at;
            while i < len && !is_word_char(chars[i]) {
                i += 1;
            }
            while i < len && is_word_char(chars[i]) {
                i += 1;
            }
            i
        }
        _ if paragraphs.is_empty() => at,
        Motion::ParagraphUp => to_paragraph(here.saturating_sub(1)),
        Motion::ParagraphDown => to_paragraph(here + 1),
        Motion::PageUp => to_paragraph(here.saturating_sub(page.max(1))),
        Motion::PageDown => to_paragraph(here + page.max(1)),
        Motion::LineStart => paragraphs[here].0,
        Motion::LineEnd => paragraphs[here].1,
        Motion::TextStart => 0,
        Motion::TextEnd => len,
    }
}

/// Applies this frame's presses to the selection; `start_at` is where a caret begins when there
/// is none yet (the top of what is on screen). Returns whether anything changed.
pub fn apply(
    presses: &Presses,
    selection: &mut Option<TextSelection>,
    text: &str,
    paragraphs: &[Span],
    page: usize,
    start_at: usize,
) -> bool {
    if presses.escape {
        // A caret alone is no selection to drop: Escape then means "leave the text", and the
        // caret stays, so reading goes on from there when one comes back.
        let had_selection = selection.is_some_and(|s| !s.is_empty());
        if had_selection {
            *selection = None;
        }
        return had_selection;
    }
    let chars: Vec<char> = if presses.motions.is_empty() && !presses.select_all {
        return false;
    } else {
        text.chars().collect()
    };
    if presses.select_all {
        *selection = Some(TextSelection::new(text, 0, chars.len(), false));
    }
    for &(motion, shift) in &presses.motions {
        let current =
            selection.unwrap_or_else(|| TextSelection::new(text, start_at, start_at, false));
        let (start, end) = current.range();
        let caret = current.cursor;
        let next = match motion {
            // Without Shift, Left and Right first collapse a selection to its start or end.
            Motion::CharLeft if !shift && start < end => start,
            Motion::CharRight if !shift && start < end => end,
            _ => moved(motion, caret, &chars, paragraphs, page),
        };
        *selection = Some(if shift {
            // Keys select exactly the characters passed over.
            TextSelection::new(text, current.anchor, next, false)
        } else {
            TextSelection::new(text, next, next, false)
        });
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(text: &str) -> Vec<Span> {
        let mut out = Vec::new();
        let mut start = 0;
        for line in text.split('\n') {
            let end = start + line.chars().count();
            out.push((start, end));
            start = end + 1;
        }
        out
    }

    fn press(motions: &[(Motion, bool)]) -> Presses {
        Presses {
            motions: motions.to_vec(),
            select_all: false,
            escape: false,
        }
    }

    #[test]
    fn shift_and_arrows_select_by_char_and_by_word_across_danish_text() {
        let text = "Hun kalder mig sin pige.\nSøren går på arbejde.";
        let paragraphs = spans(text);
        let mut selection = None;
        // The first press places the caret where the screen starts, then moves it.
        apply(
            &press(&[(Motion::WordRight, false)]),
            &mut selection,
            text,
            &paragraphs,
            10,
            0,
        );
        assert_eq!(selection.unwrap().cursor, 3);
        apply(
            &press(&[(Motion::WordRight, true), (Motion::WordRight, true)]),
            &mut selection,
            text,
            &paragraphs,
            10,
            0,
        );
        let (start, end) = selection.unwrap().range();
        assert_eq!(&text[start..end], " kalder mig");
        apply(
            &press(&[(Motion::ParagraphDown, false)]),
            &mut selection,
            text,
            &paragraphs,
            10,
            0,
        );
        let caret = selection.unwrap().cursor;
        assert!(selection.unwrap().is_empty());
        assert_eq!(caret, 25 + 14, "same column in the next paragraph");
        apply(
            &press(&[(Motion::LineStart, false), (Motion::WordRight, true)]),
            &mut selection,
            text,
            &paragraphs,
            10,
            0,
        );
        let (start, end) = selection.unwrap().range();
        let chars: Vec<char> = text.chars().collect();
        assert_eq!(chars[start..end].iter().collect::<String>(), "Søren");
        apply(
            &press(&[(Motion::CharLeft, false)]),
            &mut selection,
            text,
            &paragraphs,
            10,
            0,
        );
        assert_eq!(
            selection.unwrap().cursor,
            start,
            "Left collapses to the start"
        );
    }

    #[test]
    fn select_all_escape_and_the_ends_of_the_text() {
        let text = "en\nto\ntre";
        let paragraphs = spans(text);
        let mut selection = None;
        apply(
            &Presses {
                motions: vec![],
                select_all: true,
                escape: false,
            },
            &mut selection,
            text,
            &paragraphs,
            1,
            0,
        );
        assert_eq!(selection.unwrap().range(), (0, 9));
        apply(
            &Presses {
                motions: vec![],
                select_all: false,
                escape: true,
            },
            &mut selection,
            text,
            &paragraphs,
            1,
            0,
        );
        assert_eq!(selection, None);
        apply(
            &press(&[(Motion::TextEnd, false), (Motion::PageUp, true)]),
            &mut selection,
            text,
            &paragraphs,
            1,
            4,
        );
        assert_eq!(selection.unwrap().range(), (5, 9));
        let chars: Vec<char> = text.chars().collect();
        for motion in [
            Motion::CharRight,
            Motion::WordRight,
            Motion::ParagraphDown,
            Motion::PageDown,
            Motion::LineEnd,
            Motion::TextEnd,
        ] {
            assert!(
                moved(motion, 10, &chars, &paragraphs, 3) <= 10,
                "{motion:?} stays in the text"
            );
        }
        assert_eq!(moved(Motion::CharLeft, 0, &chars, &paragraphs, 3), 0);
        assert_eq!(moved(Motion::ParagraphUp, 0, &[], &[], 3), 0);
    }
}
