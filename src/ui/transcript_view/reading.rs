//! The open transcript as a screen reader reads it: the whole text, in order, with each speaker's
//! name before their turn and the start and end of every excerpt said where they fall.
//!
//! AccessKit gives a document a text interface (AT-SPI's Text, which Orca reads from) when the
//! document node has `TextRun` children: a run is at most 255 chars (its word starts are `u8`).
//! This module cuts the transcript into such runs, each either the transcript's own chars or
//! words the reader hears but that are not in the text (a speaker's name, an excerpt boundary),
//! and maps between a char of the transcript and a place in a run, so the caret and selection
//! can be shown to the screen reader and set by it. No egui here; [`super::access`] puts the
//! runs in the tree.

use super::layout::Paragraph;

/// AccessKit's limit on the chars of one text run.
pub(super) const MAX_RUN_CHARS: usize = 255;

/// Something said at a place in the text that is not part of it.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Mark {
    /// The transcript char the words come before.
    pub(super) at: usize,
    pub(super) words: String,
    /// Whether it closes something (an excerpt's end), said before a speaker's name that starts
    /// at the same char, not after it.
    pub(super) closes: bool,
}

/// One text run of the document.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Run {
    pub(super) text: String,
    /// The UTF-8 length of each char, as AccessKit wants it.
    pub(super) lengths: Vec<u8>,
    /// The chars that start a word.
    pub(super) word_starts: Vec<u8>,
    /// The transcript char of the run's first char; for words not in the text, the char they
    /// come before.
    pub(super) at: usize,
    /// Whether the chars are the transcript's own.
    pub(super) own: bool,
    /// The paragraph the run belongs to.
    pub(super) paragraph: usize,
}

impl Run {
    fn new(at: usize, own: bool, paragraph: usize) -> Self {
        Self {
            text: String::new(),
            lengths: Vec::new(),
            word_starts: Vec::new(),
            at,
            own,
            paragraph,
        }
    }

    pub(super) fn chars(&self) -> usize {
        self.lengths.len()
    }
}

/// The marks of excerpts: "[Excerpt: label]" before the first char, "[end of excerpt]" after the
/// last. At one place, ends come before starts, so two excerpts side by side read in order; of
/// excerpts that start together the longer opens first, and of those that end together the one
/// opened last closes first, so nested excerpts read nested.
pub(super) fn excerpt_marks<'a>(
    excerpts: impl Iterator<Item = (usize, usize, &'a str)>,
) -> Vec<Mark> {
    // (at, ends before starts, the nesting order, the mark)
    let mut marks: Vec<(usize, u8, std::cmp::Reverse<usize>, Mark)> = Vec::new();
    for (start, end, label) in excerpts {
        let opens = Mark {
            at: start,
            words: format!("[Excerpt: {label}] "),
            closes: false,
        };
        let closes = Mark {
            at: end,
            words: " [end of excerpt]".to_owned(),
            closes: true,
        };
        marks.push((start, 1, std::cmp::Reverse(end), opens));
        marks.push((end, 0, std::cmp::Reverse(start), closes));
    }
    marks.sort_by_key(|(at, order, nesting, _)| (*at, *order, *nesting));
    marks.into_iter().map(|(.., mark)| mark).collect()
}

/// Cuts the text into runs: per paragraph, the speaker's name if a turn starts there, then the
/// text (with the newline that ends it) cut at every mark and every [`MAX_RUN_CHARS`] chars.
/// `marks` are in order of `at`.
pub(super) fn runs(text: &str, paragraphs: &[Paragraph], marks: &[Mark]) -> Vec<Run> {
    let mut cutter = Cutter {
        runs: Vec::new(),
        current: Run::new(0, true, 0),
        after_word: false,
    };
    let mut marks = marks.iter().peekable();
    let last = paragraphs.len().saturating_sub(1);
    for (index, paragraph) in paragraphs.iter().enumerate() {
        cutter.current = Run::new(paragraph.start, true, index);
        // An excerpt that ends where this paragraph starts (its selection took the newline)
        // ends before the next speaker is named.
        while let Some(mark) = marks.next_if(|m| m.at <= paragraph.start && m.closes) {
            cutter.insert(&mark.words, paragraph.start);
        }
        if let Some(speaker) = paragraph
            .speaker
            .as_deref()
            .filter(|s| !s.trim().is_empty())
        {
            cutter.insert(&format!("{speaker}: "), paragraph.start);
        }
        let line = text
            .get(paragraph.byte_start..paragraph.byte_end)
            .unwrap_or("");
        let newline = (index < last).then_some('\n');
        let mut at = paragraph.start;
        for ch in line.chars().chain(newline) {
            while let Some(mark) = marks.next_if(|m| m.at <= at) {
                cutter.insert(&mark.words, at);
            }
            if cutter.current.chars() == MAX_RUN_CHARS {
                cutter.flush(at);
            }
            cutter.push(ch);
            at += 1;
        }
        if index == last {
            while let Some(mark) = marks.next_if(|m| m.at <= at) {
                cutter.insert(&mark.words, at);
            }
        }
        cutter.flush(at);
    }
    cutter.runs
}

/// Builds the runs of [`runs`], keeping whether the last char was part of a word across them.
struct Cutter {
    runs: Vec<Run>,
    current: Run,
    after_word: bool,
}

impl Cutter {
    fn push(&mut self, ch: char) {
        let word = ch.is_alphanumeric();
        if word && !self.after_word {
            self.current.word_starts.push(self.current.chars() as u8);
        }
        self.after_word = word;
        self.current.text.push(ch);
        self.current.lengths.push(ch.len_utf8() as u8);
    }

    /// Ends the run of own chars being built; the next starts at `at`.
    fn flush(&mut self, at: usize) {
        let next = Run::new(at, true, self.current.paragraph);
        let done = std::mem::replace(&mut self.current, next);
        if done.chars() > 0 {
            self.runs.push(done);
        }
    }

    /// Words that are not in the text, before char `at`.
    fn insert(&mut self, words: &str, at: usize) {
        self.flush(at);
        let paragraph = self.current.paragraph;
        let own = std::mem::replace(&mut self.current, Run::new(at, false, paragraph));
        let mut chars = words.chars().peekable();
        while let Some(ch) = chars.next() {
            self.push(ch);
            if self.current.chars() == MAX_RUN_CHARS && chars.peek().is_some() {
                let full = std::mem::replace(&mut self.current, Run::new(at, false, paragraph));
                self.runs.push(full);
            }
        }
        let inserted = std::mem::replace(&mut self.current, own);
        if inserted.chars() > 0 {
            self.runs.push(inserted);
        }
    }
}

/// The run and the char in it where transcript char `offset` is (the end of the text is the end
/// of the last run of own chars). `None` when there are no runs of own chars.
pub(super) fn place_of(runs: &[Run], offset: usize) -> Option<(usize, usize)> {
    let after = runs.partition_point(|r| r.at <= offset);
    (0..after)
        .rev()
        .find(|&i| runs[i].own)
        .map(|i| (i, (offset - runs[i].at).min(runs[i].chars())))
        .or_else(|| runs.iter().position(|r| r.own).map(|i| (i, 0)))
}

/// The transcript char at char `index` of run `run`. Words not in the text stand for the char
/// they come before, except for a caret inside them (`caret`, past their first char): that is
/// a screen reader stepping back over them, which goes on to the char before, or it could never
/// step back past a speaker's name.
pub(super) fn offset_of(runs: &[Run], run: usize, index: usize, caret: bool) -> Option<usize> {
    let run = runs.get(run)?;
    Some(if run.own {
        run.at + index.min(run.chars())
    } else if caret && index > 0 {
        run.at.saturating_sub(1)
    } else {
        run.at
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Transcript, TranscriptId};

    fn transcript(turns: &[(&str, &str)]) -> Transcript {
        Transcript::of_turns(TranscriptId(1), "t", turns)
    }

    fn read(runs: &[Run]) -> String {
        runs.iter().map(|r| r.text.as_str()).collect()
    }

    #[test]
    fn the_document_reads_the_whole_text_with_speakers_and_excerpt_boundaries() {
        let t = transcript(&[
            ("Interviewer", "How are you?"),
            ("Mette", "Fine, thanks. Å godt."),
        ]);
        let paragraphs = super::super::layout::split_paragraphs(&t);
        let marks = excerpt_marks([(19, 26, "Thanks")].into_iter());
        let runs = runs(&t.text, &paragraphs, &marks);
        assert_eq!(
            read(&runs),
            "Interviewer: How are you?\nMette: Fine, [Excerpt: Thanks] thanks. [end of excerpt] Å godt."
        );
        // The own chars, put together, are the text exactly.
        let own: String = runs
            .iter()
            .filter(|r| r.own)
            .map(|r| r.text.as_str())
            .collect();
        assert_eq!(own, t.text);
        for run in &runs {
            assert_eq!(
                run.lengths.iter().map(|&l| l as usize).sum::<usize>(),
                run.text.len()
            );
            assert!(run.chars() <= MAX_RUN_CHARS);
        }
    }

    #[test]
    fn every_char_maps_to_a_place_and_back() {
        let words = "word ".repeat(120);
        let letters = format!("Æble {}", "ø".repeat(600));
        let t = transcript(&[("A", &words), ("", ""), ("B", &letters)]);
        let paragraphs = super::super::layout::split_paragraphs(&t);
        let marks = excerpt_marks([(5, 300, "long"), (700, 900, "ø")].into_iter());
        let runs = runs(&t.text, &paragraphs, &marks);
        let total = t.text.chars().count();
        for offset in 0..=total {
            let (run, index) = place_of(&runs, offset).unwrap();
            assert!(runs[run].own);
            assert_eq!(
                offset_of(&runs, run, index, false),
                Some(offset),
                "char {offset}"
            );
        }
        // Words not in the text stand for the char after them.
        let mark = runs
            .iter()
            .position(|r| r.text.starts_with("[Excerpt: ø]"))
            .unwrap();
        assert_eq!(offset_of(&runs, mark, 3, false), Some(700));
        // A caret stepping back into the words goes on to the char before them.
        assert_eq!(offset_of(&runs, mark, 3, true), Some(699));
        assert_eq!(offset_of(&runs, mark, 0, true), Some(700));
    }

    #[test]
    fn nested_excerpts_read_nested_and_an_end_at_a_turn_comes_before_its_speaker() {
        let t = transcript(&[("A", "one two three"), ("B", "four")]);
        let paragraphs = super::super::layout::split_paragraphs(&t);
        // Inner [0, 3) and outer [0, 7) start together; "whole" ends at 14, where B's turn starts.
        let marks = excerpt_marks([(0, 3, "inner"), (0, 7, "outer"), (8, 14, "whole")].into_iter());
        assert_eq!(
            read(&runs(&t.text, &paragraphs, &marks)),
            "A: [Excerpt: outer] [Excerpt: inner] one [end of excerpt] two [end of excerpt] \
             [Excerpt: whole] three\n [end of excerpt]B: four"
        );
    }

    #[test]
    fn words_start_where_letters_follow_other_chars() {
        let t = transcript(&[("", "Hej, du der")]);
        let runs = runs(&t.text, &super::super::layout::split_paragraphs(&t), &[]);
        assert_eq!(runs[0].word_starts, vec![0, 5, 8]);
    }

    #[test]
    fn an_empty_transcript_has_no_runs_and_no_place() {
        let t = transcript(&[]);
        let runs = runs(&t.text, &super::super::layout::split_paragraphs(&t), &[]);
        assert!(runs.is_empty());
        assert_eq!(place_of(&runs, 0), None);
    }
}
