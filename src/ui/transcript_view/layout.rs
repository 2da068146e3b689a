//! The measured layout of one transcript: its paragraphs (by char and byte range, with the turn
//! that starts in each), the height of each at one text width, the text job egui lays a paragraph
//! out from, and the way back from a point on screen to a char of the transcript.
//!
//! A paragraph's height never depends on its highlights (only backgrounds differ between jobs),
//! so heights are measured once per transcript and width. The layout is kept by what the
//! transcript *is* (a [`fingerprint`] of its text and turns), not by its id: ids restart at 1 in
//! every project and Replace text keeps the id, so an id-keyed layout drew another project's
//! paragraphs (and sliced its text at a byte that is not a char boundary).

use super::highlight::{Highlight, Palette};
use crate::model::{Transcript, TranscriptId};
use egui::text::{LayoutJob, TextFormat};
use egui::{Color32, FontId, Pos2, Vec2, pos2};
use std::sync::Arc;

const TEXT_SIZE: f32 = 15.0;
pub(super) const LINE_HEIGHT: f32 = 22.0;
const PARAGRAPH_GAP: f32 = 10.0;

/// One line of the transcript (a paragraph), by char and byte range.
#[derive(Debug, PartialEq)]
pub(super) struct Paragraph {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) byte_start: usize,
    pub(super) byte_end: usize,
    /// The speaker whose turn starts in this paragraph, if any.
    pub(super) speaker: Option<String>,
    /// Where that turn starts in the recording (subtitle imports).
    pub(super) time_ms: Option<u64>,
}

/// Paragraphs and their measured positions for one transcript at one text width.
#[derive(Debug)]
pub(super) struct Layout {
    pub(super) transcript: TranscriptId,
    /// The fingerprint of the text and turns this was measured for.
    pub(super) fingerprint: u64,
    /// The project revision at which the fingerprint was last found to match, so it is computed
    /// again only after a change, not every frame.
    pub(super) checked_at: u64,
    pub(super) words: usize,
    pub(super) width: f32,
    pub(super) paragraphs: Vec<Paragraph>,
    /// Top of each paragraph, relative to the top of the text; plus the total height at the end.
    pub(super) tops: Vec<f32>,
}

impl Layout {
    /// Measures every paragraph of `transcript` at `width`. `known` is the fingerprint and word
    /// count when they were already worked out for this text (a layout at another width).
    pub(super) fn measure(
        ui: &egui::Ui,
        transcript: &Transcript,
        width: f32,
        palette: &Palette,
        revision: u64,
        known: Option<(u64, usize)>,
    ) -> Layout {
        let (fingerprint, words) = known.unwrap_or_else(|| {
            (
                fingerprint(transcript),
                transcript.text.split_whitespace().count(),
            )
        });
        let paragraphs = split_paragraphs(transcript);
        let mut tops = Vec::with_capacity(paragraphs.len() + 1);
        let mut y = 0.0;
        ui.fonts_mut(|fonts| {
            for paragraph in &paragraphs {
                tops.push(y);
                let height = if paragraph.start == paragraph.end {
                    LINE_HEIGHT * 0.5
                } else {
                    let job = paragraph_job(&transcript.text, paragraph, width, &[], palette);
                    fonts.layout_job(job).size().y
                };
                y += height + PARAGRAPH_GAP;
            }
        });
        tops.push(y);
        Layout {
            transcript: transcript.id,
            fingerprint,
            checked_at: revision,
            words,
            width,
            paragraphs,
            tops,
        }
    }

    pub(super) fn total_height(&self) -> f32 {
        self.tops.last().copied().unwrap_or(0.0)
    }

    /// The paragraph at height `y` (clamped to the first and last).
    pub(super) fn paragraph_at(&self, y: f32) -> usize {
        let after = self.tops[..self.paragraphs.len()].partition_point(|&top| top <= y);
        after
            .saturating_sub(1)
            .min(self.paragraphs.len().saturating_sub(1))
    }

    /// Whether this was measured for exactly `transcript`'s text and turns. The fingerprint is
    /// compared only when the project changed since the last check.
    pub(super) fn fits(&self, transcript: &Transcript, revision: u64) -> bool {
        self.transcript == transcript.id
            && (self.checked_at == revision || self.fingerprint == fingerprint(transcript))
    }

    /// The paragraph holding char `offset`.
    pub(super) fn paragraph_of_char(&self, offset: usize) -> usize {
        let after = self.paragraphs.partition_point(|p| p.start <= offset);
        after.saturating_sub(1)
    }
}

/// What the layout of a transcript depends on: its text and its speaker turns.
fn fingerprint(transcript: &Transcript) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    transcript.text.hash(&mut hasher);
    for turn in &transcript.turns {
        (turn.start, turn.end, &turn.speaker, turn.time_ms).hash(&mut hasher);
    }
    hasher.finish()
}

pub(super) fn split_paragraphs(transcript: &Transcript) -> Vec<Paragraph> {
    let mut paragraphs = Vec::new();
    let mut char_start = 0;
    let mut byte_start = 0;
    let mut turns = transcript.turns.iter().peekable();
    for line in transcript.text.split('\n') {
        let chars = line.chars().count();
        let end = char_start + chars;
        let mut speaker = None;
        let mut time_ms = None;
        while let Some(turn) = turns.peek() {
            if turn.start > end {
                break;
            }
            if speaker.is_none() && turn.start >= char_start {
                speaker = Some(turn.speaker.clone());
                time_ms = turn.time_ms;
            }
            turns.next();
        }
        paragraphs.push(Paragraph {
            start: char_start,
            end,
            byte_start,
            byte_end: byte_start + line.len(),
            speaker,
            time_ms,
        });
        char_start = end + 1; // the newline
        byte_start += line.len() + 1;
    }
    paragraphs
}

fn text_format(colour: Color32, background: Color32) -> TextFormat {
    TextFormat {
        font_id: FontId::proportional(TEXT_SIZE),
        line_height: Some(LINE_HEIGHT),
        color: colour,
        background,
        ..Default::default()
    }
}

/// Lays out one paragraph with its highlights. Only backgrounds differ between calls, so the height
/// never depends on the highlights.
pub(super) fn paragraph_job(
    text: &str,
    paragraph: &Paragraph,
    width: f32,
    highlights: &[Highlight],
    palette: &Palette,
) -> LayoutJob {
    let mut job = LayoutJob::default();
    job.wrap.max_width = width;
    let line = &text[paragraph.byte_start..paragraph.byte_end];
    if highlights.is_empty() {
        job.append(line, 0.0, text_format(palette.text, Color32::TRANSPARENT));
        return job;
    }
    // Cut the paragraph at every highlight boundary and give each piece the strongest colour over it.
    let len = paragraph.end - paragraph.start;
    let mut cuts: Vec<usize> = vec![0, len];
    for &(a, b, _) in highlights {
        cuts.push(a.saturating_sub(paragraph.start).min(len));
        cuts.push(b.saturating_sub(paragraph.start).min(len));
    }
    cuts.sort_unstable();
    cuts.dedup();
    let byte_of: Vec<usize> = line
        .char_indices()
        .map(|(b, _)| b)
        .chain(std::iter::once(line.len()))
        .collect();
    for pair in cuts.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        if a == b {
            continue;
        }
        let (global_a, global_b) = (paragraph.start + a, paragraph.start + b);
        let background = highlights
            .iter()
            .filter(|(s, e, _)| *s <= global_a && global_b <= *e)
            .map(|(_, _, c)| *c)
            .next_back()
            .unwrap_or(Color32::TRANSPARENT);
        job.append(
            &line[byte_of[a]..byte_of[b]],
            0.0,
            text_format(palette.text, background),
        );
    }
    job
}

/// The measured transcript as it sits on screen this frame: what is drawn, and where.
pub(super) struct Page<'a> {
    pub(super) layout: &'a Layout,
    pub(super) transcript: &'a Transcript,
    pub(super) palette: &'a Palette,
    /// The right edge of the gutter, where speakers' names and times end.
    pub(super) gutter_right: f32,
    /// The top left corner of the text (of its first paragraph).
    pub(super) origin: Pos2,
    /// How wide the text wraps.
    pub(super) text_width: f32,
}

impl Page<'_> {
    /// Where paragraph `index` starts on screen.
    pub(super) fn paragraph_top(&self, index: usize) -> f32 {
        self.origin.y + self.layout.tops[index]
    }

    /// The char of the transcript nearest to `pos` on screen (clamped to the paragraph there).
    pub(super) fn char_at(&self, painter: &egui::Painter, pos: Pos2) -> usize {
        let layout = self.layout;
        let index = layout.paragraph_at(pos.y - self.origin.y);
        let paragraph = &layout.paragraphs[index];
        let job = paragraph_job(
            &self.transcript.text,
            paragraph,
            self.text_width,
            &[],
            self.palette,
        );
        let galley: Arc<egui::Galley> = painter.layout_job(job);
        let local = pos - pos2(self.origin.x, self.paragraph_top(index));
        let local = Vec2::new(
            local.x,
            local.y.clamp(0.0, (galley.size().y - 1.0).max(0.0)),
        );
        paragraph.start
            + galley
                .cursor_from_pos(local)
                .index
                .0
                .min(paragraph.end - paragraph.start)
    }
}
