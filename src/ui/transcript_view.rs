//! The transcript text with speaker turns, excerpt highlights and mouse selection.
//!
//! Only the paragraphs inside the visible part of the scroll area are laid out and painted, so a
//! 100,000-word transcript scrolls as smoothly as a short one. Paragraph heights are measured once
//! per transcript and width and kept in a cache. Selection is done here rather than with egui's
//! label selection because we need the exact char offsets in the whole transcript.
//!
//! The cache is keyed by what the transcript *is* (a fingerprint of its text and turns), not by its
//! id: ids restart at 1 in every project and Replace text keeps the id, so an id-keyed layout drew
//! another project's paragraphs (and sliced its text at a byte that is not a char boundary).

use super::Command;
use super::outbox::Outbox;
use super::view_state::{TextSelection, ViewState};
use crate::model::{AnnotatorId, Project, Transcript, TranscriptId};
use egui::text::{LayoutJob, TextFormat};
use egui::{Color32, FontId, Pos2, Rect, Sense, Vec2, pos2, vec2};
use std::sync::Arc;

const TEXT_SIZE: f32 = 15.0;
const LINE_HEIGHT: f32 = 22.0;
const PARAGRAPH_GAP: f32 = 10.0;
const GUTTER: f32 = 130.0;
const GUTTER_GAP: f32 = 14.0;
const MAX_TEXT_WIDTH: f32 = 760.0;

/// One line of the transcript (a paragraph), by char and byte range.
#[derive(Debug, PartialEq)]
struct Paragraph {
    start: usize,
    end: usize,
    byte_start: usize,
    byte_end: usize,
    /// The speaker whose turn starts in this paragraph, if any.
    speaker: Option<String>,
    /// Where that turn starts in the recording (subtitle imports).
    time_ms: Option<u64>,
}

/// A recording time as `1:02:03` or `2:03`.
fn clock(ms: u64) -> String {
    let seconds = ms / 1000;
    let (h, m, s) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

/// Paragraphs and their measured positions for one transcript at one text width.
#[derive(Debug)]
struct Layout {
    transcript: TranscriptId,
    /// The fingerprint of the text and turns this was measured for.
    fingerprint: u64,
    /// The project revision at which the fingerprint was last found to match, so it is computed
    /// again only after a change, not every frame.
    checked_at: u64,
    words: usize,
    width: f32,
    paragraphs: Vec<Paragraph>,
    /// Top of each paragraph, relative to the top of the text; plus the total height at the end.
    tops: Vec<f32>,
}

impl Layout {
    fn total_height(&self) -> f32 {
        self.tops.last().copied().unwrap_or(0.0)
    }

    /// The paragraph at height `y` (clamped to the first and last).
    fn paragraph_at(&self, y: f32) -> usize {
        let after = self.tops[..self.paragraphs.len()].partition_point(|&top| top <= y);
        after
            .saturating_sub(1)
            .min(self.paragraphs.len().saturating_sub(1))
    }

    /// Whether this was measured for exactly `transcript`'s text and turns. The fingerprint is
    /// compared only when the project changed since the last check.
    fn fits(&self, transcript: &Transcript, revision: u64) -> bool {
        self.transcript == transcript.id
            && (self.checked_at == revision || self.fingerprint == fingerprint(transcript))
    }

    /// The paragraph holding char `offset`.
    fn paragraph_of_char(&self, offset: usize) -> usize {
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

fn split_paragraphs(transcript: &Transcript) -> Vec<Paragraph> {
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

/// Highlight colours, chosen against the current theme.
struct Palette {
    text: Color32,
    selection: Color32,
    excerpt: Color32,
    selected_excerpt: Color32,
}

/// Lays out one paragraph with its highlights. Only backgrounds differ between calls, so the height
/// never depends on the highlights.
fn paragraph_job(
    text: &str,
    paragraph: &Paragraph,
    width: f32,
    highlights: &[(usize, usize, Color32)],
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

/// The transcript panel. Holds the measured layout between frames.
#[derive(Default)]
pub struct TranscriptView {
    layout: Option<Layout>,
    /// What part of which transcript was on screen last frame (in layout coordinates).
    shown: Option<(TranscriptId, Rect)>,
}

impl TranscriptView {
    pub fn show(
        &mut self,
        ui: &mut egui::Ui,
        project: &Project,
        view: &mut ViewState,
        out: &mut Outbox,
    ) {
        let Some(transcript) = view.transcript.and_then(|id| project.transcript(id)) else {
            ui.centered_and_justified(|ui| {
                if project.transcripts.is_empty() {
                    ui.vertical_centered(|ui| {
                        ui.add_space(ui.available_height() / 2.0 - 60.0);
                        // A new project is asked for its title here, where the user starts, rather
                        // than in a dialog in the way: the title heads exported maps.
                        ui.horizontal(|ui| {
                            let field_width = 320.0;
                            let caption_width = 90.0;
                            ui.add_space(
                                ((ui.available_width() - field_width - caption_width) / 2.0)
                                    .max(0.0),
                            );
                            let caption = ui.label("Project title:");
                            let mut title = project.title.clone();
                            let field = ui.add(
                                egui::TextEdit::singleline(&mut title)
                                    .desired_width(field_width)
                                    .hint_text("What is this study called?"),
                            );
                            field.labelled_by(caption.id);
                            if title != project.title {
                                out.edit(crate::model::Edit::SetTitle(title));
                            }
                        });
                        ui.add_space(16.0);
                        ui.label("This project has no transcripts yet.");
                        ui.label(
                            egui::RichText::new(
                                "Drop interview files here (.txt, .docx, .odt, .vtt, .srt), or:",
                            )
                            .weak(),
                        );
                        if ui.button("Import transcripts…").clicked() {
                            out.command(super::Command::Import);
                        }
                    });
                } else {
                    ui.label("Choose a transcript on the left to read and code it.");
                }
            });
            return;
        };
        self.forget_if_stale(transcript, view.project_revision);
        let words = match &self.layout {
            Some(layout) => layout.words,
            None => transcript.text.split_whitespace().count(),
        };
        header(ui, project, transcript, words);
        ui.separator();

        let palette = Palette {
            text: ui.visuals().text_color(),
            // Text being selected is grey, so it is not mistaken for an excerpt in an annotator's colour.
            selection: Color32::from_rgba_unmultiplied(0x60, 0x60, 0x60, 90),
            excerpt: Color32::from_rgba_unmultiplied(0xE6, 0x9F, 0x00, 70),
            selected_excerpt: Color32::from_rgba_unmultiplied(0xE6, 0x9F, 0x00, 150),
        };
        let highlights = highlights(project, transcript, view, &palette);

        let mut scroll = egui::ScrollArea::vertical()
            .id_salt(("transcript", transcript.id))
            .auto_shrink([false, false]);
        // Bring a selected excerpt into view, but only if it is not in view already: scrolling
        // to it every time made the text jump after each placement.
        let mut offset = None;
        if let (Some(target), Some(layout)) = (view.scroll_to_char, &self.layout) {
            let index = layout.paragraph_of_char(target);
            let (top, bottom) = (layout.tops[index], layout.tops[index + 1]);
            // The whole paragraph on screen (the excerpt may sit at its end).
            let in_view = self.shown.is_some_and(|(id, shown)| {
                id == transcript.id && top >= shown.top() && bottom <= shown.bottom()
            });
            if !in_view {
                offset = Some((top - 60.0).max(0.0));
            }
            view.scroll_to_char = None;
        } else if view.scroll_to_char.is_some() {
            // The layout for this transcript is measured during this frame; scroll on the next.
            ui.ctx().request_repaint();
        }
        if let Some(offset) = offset {
            scroll = scroll.vertical_scroll_offset(offset);
        }

        scroll.show_viewport(ui, |ui, viewport| {
            self.shown = Some((transcript.id, viewport));
            let full_width = ui.available_width();
            let text_width = (full_width - GUTTER - GUTTER_GAP - 24.0).clamp(200.0, MAX_TEXT_WIDTH);
            self.ensure_layout(ui, transcript, text_width, &palette, view.project_revision);
            let Some(layout) = &self.layout else { return };
            let (rect, response) = ui.allocate_exact_size(
                vec2(full_width, layout.total_height() + 40.0),
                Sense::click_and_drag(),
            );
            let text_left = rect.left() + GUTTER + GUTTER_GAP;
            let origin = pos2(text_left, rect.top());
            let painter = ui.painter_at(rect);

            let first = layout.paragraph_at(viewport.top());
            let last = layout.paragraph_at(viewport.bottom());
            let caret_moved = keyboard(ui, &response, view, transcript, layout, first..=last);
            if let Some(caret) = caret_moved {
                // Keep the caret on screen as the keys move it.
                let index = layout.paragraph_of_char(caret);
                let span = (origin.y + layout.tops[index])..=(origin.y + layout.tops[index + 1]);
                ui.scroll_to_rect(Rect::from_x_y_ranges(rect.x_range(), span), None);
                ui.ctx().request_repaint();
            }
            let caret = view
                .text_selection
                .filter(|_| response.has_focus())
                .map(|s| s.cursor);
            for index in first..=last {
                let paragraph = &layout.paragraphs[index];
                let top = origin.y + layout.tops[index];
                let local: Vec<_> = highlights
                    .iter()
                    .copied()
                    .filter(|(s, e, _)| {
                        *s < paragraph.end.max(paragraph.start + 1) && *e > paragraph.start
                    })
                    .collect();
                let job = paragraph_job(&transcript.text, paragraph, text_width, &local, &palette);
                let galley = painter.layout_job(job);
                let text_rect = Rect::from_min_size(pos2(text_left, top), galley.size());
                if let Some(speaker) = &paragraph.speaker {
                    painter.text(
                        pos2(rect.left() + GUTTER, top + 3.0),
                        egui::Align2::RIGHT_TOP,
                        speaker,
                        FontId::proportional(13.0),
                        speaker_colour(ui, speaker, transcript),
                    );
                }
                if let Some(ms) = paragraph.time_ms {
                    let below_name = if paragraph.speaker.as_deref().is_some_and(|s| !s.is_empty())
                    {
                        20.0
                    } else {
                        3.0
                    };
                    painter.text(
                        pos2(rect.left() + GUTTER, top + below_name),
                        egui::Align2::RIGHT_TOP,
                        clock(ms),
                        FontId::monospace(11.0),
                        ui.visuals().weak_text_color(),
                    );
                }
                if let Some(caret) = caret.filter(|c| (paragraph.start..=paragraph.end).contains(c))
                {
                    let at = galley
                        .pos_from_cursor(egui::text::CCursor::new(caret - paragraph.start))
                        .translate(text_rect.min.to_vec2());
                    painter.line_segment(
                        [at.left_top(), at.left_bottom()],
                        egui::Stroke::new(1.5, palette.text),
                    );
                }
                painter.galley(text_rect.min, galley, palette.text);
                // An accessibility node per visible paragraph, so screen readers and tests find text.
                let line = &transcript.text[paragraph.byte_start..paragraph.byte_end];
                if !line.is_empty() {
                    let node = ui.interact(
                        text_rect,
                        ui.scope_id().with(("paragraph", index)),
                        Sense::hover(),
                    );
                    node.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, line));
                }
            }

            let char_at = |pos: Pos2| -> usize {
                let index = layout.paragraph_at(pos.y - origin.y);
                let paragraph = &layout.paragraphs[index];
                let job = paragraph_job(&transcript.text, paragraph, text_width, &[], &palette);
                let galley: Arc<egui::Galley> = painter.layout_job(job);
                let local = pos - pos2(text_left, origin.y + layout.tops[index]);
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
            };
            handle_pointer(ui, &response, view, project, transcript, char_at);
            response.context_menu(|ui| {
                if Command::NewExcerpt.menu_button(ui, can_create_excerpt(view)) {
                    out.command(Command::NewExcerpt);
                }
                if Command::DeleteExcerpt.menu_button(ui, view.selected_excerpt.is_some()) {
                    out.command(Command::DeleteExcerpt);
                }
            });
            if response.hovered() {
                ui.ctx().set_cursor_icon(egui::CursorIcon::Text);
            }
            // Keep selecting while the pointer leaves the view above or below.
            if response.dragged()
                && let Some(pointer) = ui.ctx().pointer_latest_pos()
            {
                let clip = ui.clip_rect();
                let delta = if pointer.y < clip.top() {
                    (clip.top() - pointer.y).min(40.0)
                } else if pointer.y > clip.bottom() {
                    -(pointer.y - clip.bottom()).min(40.0)
                } else {
                    0.0
                };
                if delta != 0.0 {
                    ui.scroll_with_delta(vec2(0.0, delta));
                    ui.ctx().request_repaint();
                }
            }
        });

        copy_selection_on_request(ui, transcript, view);
    }

    /// Test hook (tests/it/session.rs): if the next frame showing `transcript` would reuse the
    /// measured layout, says how it differs from a fresh split of the open project's text.
    #[doc(hidden)]
    pub(crate) fn stale_cache(
        &self,
        project: &Project,
        transcript: Option<TranscriptId>,
        revision: u64,
    ) -> Option<String> {
        let layout = self.layout.as_ref()?;
        let transcript = transcript.and_then(|t| project.transcript(t))?;
        if !layout.fits(transcript, revision) {
            return None;
        }
        let fresh = split_paragraphs(transcript);
        let words = transcript.text.split_whitespace().count();
        (layout.paragraphs != fresh || layout.words != words || layout.tops.len() != fresh.len() + 1)
            .then(|| {
                format!(
                    "the paragraph layout of {} ({} paragraphs, {} words) differs from its text ({} paragraphs, {words} words)",
                    transcript.id,
                    layout.paragraphs.len(),
                    layout.words,
                    fresh.len()
                )
            })
    }

    /// Drops the layout unless it was measured for exactly this transcript's text and turns. The
    /// fingerprint is compared only when the project changed since the last check.
    fn forget_if_stale(&mut self, transcript: &Transcript, revision: u64) {
        let Some(layout) = &mut self.layout else {
            return;
        };
        if layout.fits(transcript, revision) {
            layout.checked_at = revision;
        } else {
            self.layout = None;
        }
    }

    /// Measures every paragraph once per transcript and width ([`Self::forget_if_stale`] has
    /// already dropped a layout of other text).
    fn ensure_layout(
        &mut self,
        ui: &egui::Ui,
        transcript: &Transcript,
        width: f32,
        palette: &Palette,
        revision: u64,
    ) {
        let width = width.round();
        if let Some(layout) = &self.layout
            && layout.transcript == transcript.id
            && layout.width == width
        {
            return;
        }
        let (fingerprint, words) = match &self.layout {
            Some(layout) if layout.transcript == transcript.id => {
                (layout.fingerprint, layout.words)
            }
            _ => (
                fingerprint(transcript),
                transcript.text.split_whitespace().count(),
            ),
        };
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
        self.layout = Some(Layout {
            transcript: transcript.id,
            fingerprint,
            checked_at: revision,
            words,
            width,
            paragraphs,
            tops,
        });
    }
}

fn header(ui: &mut egui::Ui, project: &Project, transcript: &Transcript, words: usize) {
    ui.horizontal_wrapped(|ui| {
        ui.heading(&transcript.name);
        let mut facts = Vec::new();
        if let Some(p) = transcript.participant.and_then(|p| project.participant(p)) {
            facts.push(format!("{} ({})", p.name, p.role));
        }
        if let Some(c) = project
            .case_of_transcript(transcript)
            .and_then(|c| project.case(c))
        {
            facts.push(c.name.clone());
        }
        facts.push(crate::model::plural(words, "word"));
        facts.push(crate::model::plural(
            project.excerpts_of(transcript.id).len(),
            "excerpt",
        ));
        ui.label(egui::RichText::new(facts.join("  ·  ")).weak());
    });
}

/// Interviewers in grey, everyone else in the accent colour, so turns are told apart at a glance.
fn speaker_colour(ui: &egui::Ui, speaker: &str, transcript: &Transcript) -> Color32 {
    let interviewer = match transcript.speakers.iter().find(|s| s.name == speaker) {
        Some(known) => known.interviewer,
        None => crate::model::import_plan::looks_like_interviewer(speaker),
    };
    if interviewer {
        ui.visuals().weak_text_color()
    } else {
        ui.visuals().hyperlink_color
    }
}

/// The ranges to highlight in this transcript, weakest first: excerpts, then the selected excerpt,
/// then the text selection.
fn highlights(
    project: &Project,
    transcript: &Transcript,
    view: &ViewState,
    palette: &Palette,
) -> Vec<(usize, usize, Color32)> {
    let annotator_colour = |annotator: Option<AnnotatorId>| {
        annotator
            .and_then(|a| project.annotator(a))
            .map(|a| super::widgets::colour32(a.colour))
    };
    let active = annotator_colour(view.active_annotator);
    let mut list = Vec::new();
    let mut selected = None;
    for excerpt in project.excerpts_of(transcript.id) {
        let placed = view
            .active_annotator
            .is_some_and(|a| project.placement(a, excerpt.id).is_some());
        let base = match (placed, active) {
            (true, Some(colour)) => colour.gamma_multiply(0.16),
            _ => palette.excerpt,
        };
        if view.selected_excerpt == Some(excerpt.id) {
            let strong = match (placed, active) {
                (true, Some(colour)) => colour.gamma_multiply(0.38),
                _ => palette.selected_excerpt,
            };
            selected = Some((excerpt.start, excerpt.end, strong));
        } else {
            list.push((excerpt.start, excerpt.end, base));
        }
    }
    list.extend(selected);
    if let Some(selection) = view.text_selection.filter(|s| !s.is_empty()) {
        let (a, b) = selection.range();
        list.push((a, b, palette.selection));
    }
    list
}

fn handle_pointer(
    ui: &egui::Ui,
    response: &egui::Response,
    view: &mut ViewState,
    project: &Project,
    transcript: &Transcript,
    char_at: impl Fn(Pos2) -> usize,
) {
    let text = transcript.text.as_str();
    let (shift, exact) = ui.input(|i| (i.modifiers.shift, i.modifiers.alt));
    if response.drag_started()
        && let Some(origin) = ui.input(|i| i.pointer.press_origin())
    {
        let at = char_at(origin);
        view.text_selection = match view.text_selection {
            Some(s) if shift => Some(s.moved_to(text, at)),
            _ => Some(TextSelection::new(text, at, at, !exact)),
        };
    }
    if response.dragged()
        && let Some(pointer) = response.interact_pointer_pos()
        && let Some(selection) = &mut view.text_selection
    {
        *selection = selection.moved_to(text, char_at(pointer));
    }
    if response.clicked()
        && let Some(pointer) = response.interact_pointer_pos()
    {
        let at = char_at(pointer);
        if shift && let Some(selection) = &mut view.text_selection {
            // Shift-click extends by whole words, as a drag does (Alt for exact characters).
            *selection = TextSelection::new(text, selection.anchor, at, !exact);
            return;
        }
        // A click puts the caret there, for the keys to select from (Shift+arrows).
        view.text_selection = Some(TextSelection::new(text, at, at, false));
        view.map.selection.clear();
        // The innermost (shortest) excerpt under the pointer wins, so nested excerpts stay reachable.
        let hit = project
            .excerpts_of(transcript.id)
            .into_iter()
            .filter(|e| e.start <= at && at < e.end)
            .min_by_key(|e| e.end - e.start);
        view.selected_excerpt = hit.map(|e| e.id);
    }
    if response.double_clicked()
        && let Some(pointer) = response.interact_pointer_pos()
    {
        let at = char_at(pointer);
        let (start, end) = word_around(&transcript.text, at);
        if start < end {
            view.text_selection = Some(TextSelection::new(text, start, end, false));
        }
    }
}

/// Focus and keys for the transcript text (see `transcript_keys`): it takes focus when clicked
/// or tabbed to, shows a focus frame, and while focused the keys move a caret and extend the
/// selection. Returns where the caret moved to this frame, if it did.
fn keyboard(
    ui: &egui::Ui,
    response: &egui::Response,
    view: &mut ViewState,
    transcript: &Transcript,
    layout: &Layout,
    visible: std::ops::RangeInclusive<usize>,
) -> Option<usize> {
    response
        .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Document, true, "Transcript text"));
    if response.clicked() || response.drag_started() {
        response.request_focus();
    }
    view.transcript_focused = response.has_focus();
    if !response.has_focus() {
        return None;
    }
    ui.painter().rect_stroke(
        ui.clip_rect().shrink(1.0),
        2.0,
        ui.visuals().selection.stroke,
        egui::StrokeKind::Inside,
    );
    ui.memory_mut(|m| {
        m.set_focus_lock_filter(
            response.id,
            egui::EventFilter {
                tab: false,
                horizontal_arrows: true,
                vertical_arrows: true,
                escape: true,
            },
        )
    });
    let presses = ui.input_mut(super::transcript_keys::take_presses);
    // Built only when a key was pressed, not in every frame the transcript has focus.
    let spans: Vec<_> = if presses.motions.is_empty() {
        Vec::new()
    } else {
        layout.paragraphs.iter().map(|p| (p.start, p.end)).collect()
    };
    let page = visible.end().saturating_sub(*visible.start()).max(1);
    let top_of_screen = layout.paragraphs[*visible.start()].start;
    let changed = super::transcript_keys::apply(
        &presses,
        &mut view.text_selection,
        &transcript.text,
        &spans,
        page,
        top_of_screen,
    );
    if presses.escape && !changed {
        // No text selected: Escape leaves the transcript, as it leaves any text field, keeping
        // the selected excerpt, so the arrow keys then nudge its placement; the next Escape
        // clears that selection, as it does anywhere.
        response.surrender_focus();
    }
    if changed && view.text_selection.is_some_and(|s| !s.is_empty()) {
        view.selected_excerpt = None;
    }
    changed.then(|| view.text_selection.map_or(top_of_screen, |s| s.cursor))
}

/// The word containing char `at`, as a char range.
fn word_around(text: &str, at: usize) -> (usize, usize) {
    let chars: Vec<char> = text.chars().collect();
    let is_word = |c: char| c.is_alphanumeric() || c == '\'' || c == '’' || c == '-';
    if at >= chars.len() || !is_word(chars[at]) {
        return (at, at);
    }
    let mut start = at;
    while start > 0 && is_word(chars[start - 1]) {
        start -= 1;
    }
    let mut end = at;
    while end < chars.len() && is_word(chars[end]) {
        end += 1;
    }
    (start, end)
}

fn copy_selection_on_request(ui: &egui::Ui, transcript: &Transcript, view: &ViewState) {
    let Some(selection) = view.text_selection.filter(|s| !s.is_empty()) else {
        return;
    };
    // A focused memo field copies its own text; only copy ours when nothing else has focus.
    let focused = ui.ctx().memory(|m| m.focused().is_some());
    let copy = ui.input(|i| i.events.iter().any(|e| matches!(e, egui::Event::Copy)));
    if copy && !focused {
        let (a, b) = selection.range();
        ui.ctx()
            .copy_text(crate::model::char_slice(&transcript.text, a, b).to_owned());
    }
}

/// The command the toolbar and shortcut use; here so the view can tell whether it is available.
pub fn can_create_excerpt(view: &ViewState) -> bool {
    view.transcript.is_some() && view.text_selection.is_some_and(|s| !s.is_empty())
}
