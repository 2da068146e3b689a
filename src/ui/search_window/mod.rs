//! Search all transcripts (Ctrl+Shift+F): a window with the search box, its options and filters,
//! and the hits as a keyword-in-context list grouped by transcript. A click opens the transcript
//! with the hit selected (Ctrl+E then makes it an excerpt); several hits selected with Ctrl or
//! Shift become several excerpts in one undo step, as the words found, their sentence or the
//! speaker's turn. The list can be saved as a CSV table.
//!
//! The search runs off the UI thread (`runner.rs`); results are shown with what they answer, and
//! while a newer search runs the older list is greyed out and marked, never shown as current.

mod act;
mod describe;
mod rows;
mod runner;

use super::dialog::{Dialog, DialogContext};
use super::view_state::ViewState;
use super::widgets::{captioned_combo, choose};
use crate::model::Project;
use crate::search::{Extent, Mode, Place, Query, Results, Speakers, search};
use crate::ui::filter_choices::{KeptChoices, filter_combo, keep_if_offered};
use act::{export_csv, make_excerpts, open_hit};
use describe::{excerpt_note, speaker_names, summary, who};
use rows::{HitLine, Line};
use runner::{Runner, SearchKey};
use std::collections::BTreeSet;

/// What is on screen: the results of one search and the lines drawn for them.
struct Shown {
    key: SearchKey,
    outcome: Result<Results, String>,
    lines: Vec<Line>,
}

pub struct SearchWindow {
    query: Query,
    extent: Extent,
    focus_field: bool,
    runner: Runner,
    shown: Option<Shown>,
    /// Selected hits, by their place in the results.
    selected: BTreeSet<usize>,
    /// Where Shift+click selects from.
    last_clicked: Option<usize>,
    /// The revision the project was last seen changed to, and when.
    edited: Option<(u64, std::time::Instant)>,
    /// What the case, role and code filters offer.
    choices: KeptChoices,
}

/// How long the project must stay unchanged before the search is run again on it.
const SETTLE: std::time::Duration = std::time::Duration::from_millis(250);

impl SearchWindow {
    /// A window with the last search of this session, its field ready for typing.
    pub fn new(view: &ViewState) -> Self {
        Self {
            query: view.last_search.clone().unwrap_or_default(),
            extent: Extent::Hit,
            focus_field: true,
            runner: Runner::default(),
            shown: None,
            selected: BTreeSet::new(),
            last_clicked: None,
            edited: None,
            choices: KeptChoices::default(),
        }
    }

    /// Puts the keyboard back in the search box (the window was asked for again).
    pub fn focus(&mut self) {
        self.focus_field = true;
    }

    /// Works out the filters' values when the project changed, and drops a filter that names
    /// what the project no longer has (after an edit, Replace text or Merge).
    fn update_choices(&mut self, project: &Project, revision: u64) {
        let (choices, fresh) = self.choices.at(project, revision);
        if !fresh {
            return;
        }
        let scope = &mut self.query.scope;
        keep_if_offered(&mut scope.case, &choices.cases);
        keep_if_offered(&mut scope.role, &choices.roles);
        keep_if_offered(&mut scope.code, &choices.codes);
        scope.transcript = None;
    }

    /// Starts a search when the query or the project changed, and takes in a finished one.
    fn keep_current(&mut self, ctx: &egui::Context, project: &Project, revision: u64) {
        let key = (revision, self.query.clone());
        if self.query.text.trim().is_empty() {
            self.runner.cancel();
            self.shown = None;
            self.selected.clear();
            return;
        }
        if let Some(finished) = self.runner.poll() {
            let same_query = self
                .shown
                .as_ref()
                .is_some_and(|s| s.key.1 == finished.key.1);
            let lines = match &finished.outcome {
                Ok(results) => rows::lines(project, results),
                Err(_) => Vec::new(),
            };
            if !same_query || finished.key.0 != revision {
                self.selected.clear();
                self.last_clicked = None;
            }
            self.shown = Some(Shown {
                key: finished.key,
                outcome: finished.outcome,
                lines,
            });
        }
        let current = self.shown.as_ref().is_some_and(|s| s.key == key);
        if current || self.runner.is_running(&key) {
            return;
        }
        // After an edit the same query is run again once the project has been still for a
        // moment: a marker dragged on the map changes the project every frame, and each search
        // starts from a copy of it.
        let only_edited = self
            .shown
            .as_ref()
            .is_some_and(|s| s.key.1 == self.query && s.key.0 != revision);
        if only_edited {
            let now = std::time::Instant::now();
            let since = match self.edited {
                Some((seen, at)) if seen == revision => now - at,
                _ => {
                    self.edited = Some((revision, now));
                    std::time::Duration::ZERO
                }
            };
            if since < SETTLE {
                ctx.request_repaint_after(SETTLE - since);
                return;
            }
        }
        self.runner.start(ctx, project, key);
    }

    fn is_current(&self, revision: u64) -> bool {
        self.shown
            .as_ref()
            .is_some_and(|s| s.key == (revision, self.query.clone()))
    }

    /// The search box with the way it reads the words, and the options.
    fn search_box(&mut self, ui: &mut egui::Ui) {
        ui.horizontal(|ui| {
            let caption = ui.label("Search:");
            let field = ui.add(
                egui::TextEdit::singleline(&mut self.query.text)
                    .id_salt("search all transcripts")
                    .desired_width(280.0)
                    .hint_text("familie veninde \"display rule\""),
            );
            let field = field.labelled_by(caption.id);
            if std::mem::take(&mut self.focus_field) {
                field.request_focus();
            }
            for (mode, label, hint) in [
                (
                    Mode::Words,
                    "Any word",
                    "Any of the words; put a phrase in double quotes",
                ),
                (
                    Mode::Phrase,
                    "Phrase",
                    "All the words together, in this order",
                ),
                (
                    Mode::Regex,
                    "Regular expression",
                    "A regular expression (Rust regex syntax)",
                ),
            ] {
                ui.selectable_value(&mut self.query.mode, mode, label)
                    .on_hover_text(hint);
            }
        });
        ui.horizontal_wrapped(|ui| {
            ui.checkbox(&mut self.query.whole_words, "Whole words")
                .on_hover_text("Not “familien” when looking for “familie”");
            ui.checkbox(&mut self.query.match_case, "Match case");
            ui.checkbox(&mut self.query.ignore_accents, "Ignore accents")
                .on_hover_text(
                    "“cafe” finds “café”. Off by default: in Danish “å” is a letter of its own",
                );
            ui.checkbox(&mut self.query.scope.notes, "Memos, labels and codes too");
        });
    }

    /// Whose words, and which case, role and code.
    fn filters(&mut self, ui: &mut egui::Ui, project: &Project) {
        ui.horizontal_wrapped(|ui| {
            let speakers_text = |speakers: &Speakers| match speakers {
                Speakers::All => "everyone".to_owned(),
                Speakers::Participants => "the participants".to_owned(),
                Speakers::Interviewer => "the interviewers".to_owned(),
                Speakers::Named(name) => name.clone(),
            };
            captioned_combo(
                ui,
                "Words of:",
                "search-speakers",
                &mut self.query.scope.speakers,
                speakers_text,
                |ui, speakers| {
                    choose(ui, speakers, Speakers::All, "everyone");
                    choose(
                        ui,
                        speakers,
                        Speakers::Participants,
                        "the participants (not the interviewers)",
                    );
                    choose(ui, speakers, Speakers::Interviewer, "the interviewers");
                    ui.separator();
                    for name in speaker_names(project) {
                        choose(ui, speakers, Speakers::Named(name.to_owned()), name);
                    }
                },
            );
            let Some(choices) = self.choices.last() else {
                return;
            };
            let scope = &mut self.query.scope;
            filter_combo(
                ui,
                "Case:",
                "search-case",
                None,
                &mut scope.case,
                &choices.cases,
            );
            filter_combo(
                ui,
                "Role:",
                "search-role",
                None,
                &mut scope.role,
                &choices.roles,
            );
            filter_combo(
                ui,
                "Code:",
                "search-code",
                None,
                &mut scope.code,
                &choices.codes,
            );
        });
    }

    /// What was found, what is being looked for, or what is wrong with the pattern.
    fn status(&self, ui: &mut egui::Ui, project: &Project, current: bool) {
        let Some(shown) = &self.shown else {
            if self.runner.is_busy() {
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.label("Searching…");
                });
            } else {
                ui.label(
                    egui::RichText::new(
                        "Type words to find in every transcript. Click a hit to open it there.",
                    )
                    .weak(),
                );
            }
            return;
        };
        ui.horizontal_wrapped(|ui| {
            if !current {
                if self.runner.is_busy() {
                    ui.spinner();
                    ui.label("Searching… (the list below is from before)");
                } else {
                    ui.label("The project changed; searching again in a moment… (the list below is from before)");
                }
                return;
            }
            match &shown.outcome {
                Err(error) => {
                    ui.colored_label(ui.visuals().error_fg_color, error);
                }
                Ok(results) => {
                    ui.label(summary(project, results));
                }
            }
        });
    }

    /// The keyword-in-context list.
    fn list(&mut self, ui: &mut egui::Ui, cx: &mut DialogContext<'_>, current: bool) {
        let Some(shown) = &self.shown else { return };
        let Ok(results) = &shown.outcome else { return };
        let project = cx.project;
        let row_height = 22.0;
        let mut clicked = None;
        let list_height = (ui.available_height() - 40.0).max(120.0);
        ui.add_enabled_ui(current, |ui| {
            egui::ScrollArea::vertical()
                .id_salt("search-hits")
                .max_height(list_height)
                .auto_shrink([false, false])
                .show_rows(ui, row_height, shown.lines.len(), |ui, range| {
                    for line in &shown.lines[range] {
                        let (rect, _) = ui.allocate_exact_size(
                            egui::vec2(ui.available_width(), row_height),
                            egui::Sense::hover(),
                        );
                        match line {
                            Line::Group(title) => {
                                let heading = egui::RichText::new(title).strong();
                                let builder = egui::UiBuilder::new()
                                    .max_rect(rect)
                                    .layout(egui::Layout::left_to_right(egui::Align::Center));
                                ui.scope_builder(builder, |ui| {
                                    ui.add(egui::Label::new(heading).truncate());
                                });
                            }
                            Line::Hit(index) => {
                                let hit = &results.hits[*index];
                                let line = HitLine {
                                    hit,
                                    who: who(project, hit),
                                    excerpt: excerpt_note(project, cx.view, hit),
                                    selected: self.selected.contains(index),
                                };
                                if rows::hit_line(ui, rect, &line).clicked() {
                                    clicked = Some(*index);
                                }
                            }
                        }
                    }
                });
        });
        let Some(index) = clicked else { return };
        let modifiers = ui.input(|i| i.modifiers);
        if !modifiers.command && !modifiers.shift {
            open_hit(project, cx.view, &results.hits[index]);
        }
        self.click(index, modifiers);
    }

    fn click(&mut self, index: usize, modifiers: egui::Modifiers) {
        if modifiers.shift
            && let Some(from) = self.last_clicked
        {
            let (a, b) = (from.min(index), from.max(index));
            self.selected.extend(a..=b);
        } else if modifiers.command {
            if !self.selected.remove(&index) {
                self.selected.insert(index);
            }
        } else {
            self.selected.clear();
            self.selected.insert(index);
        }
        self.last_clicked = Some(index);
    }

    /// Making excerpts of the selected hits, and saving the list.
    fn actions(&mut self, ui: &mut egui::Ui, cx: &mut DialogContext<'_>, current: bool) {
        let Some(Shown {
            outcome: Ok(results),
            ..
        }) = &self.shown
        else {
            return;
        };
        let in_text: Vec<usize> = self
            .selected
            .iter()
            .copied()
            .filter(|&i| {
                matches!(
                    results.hits.get(i).map(|h| h.place),
                    Some(Place::Transcript(_))
                )
            })
            .collect();
        ui.horizontal_wrapped(|ui| {
            let label = match in_text.len() {
                0 | 1 => "New excerpt from hit".to_owned(),
                n => format!("New excerpts from {n} hits"),
            };
            let make = ui
                .add_enabled(current && !in_text.is_empty(), egui::Button::new(label))
                .on_hover_text("Each selected hit in a transcript becomes an excerpt (one undo step)")
                .on_disabled_hover_text("Select hits in transcripts first (Ctrl+click or Shift+click for several)");
            captioned_combo(
                ui,
                "covering",
                "search-extent",
                &mut self.extent,
                |extent| extent.label().to_owned(),
                |ui, value| {
                    for extent in Extent::ALL {
                        choose(ui, value, extent, extent.label());
                    }
                },
            );
            if make.clicked() {
                make_excerpts(cx, results, &in_text, self.extent);
            }
            ui.separator();
            if ui
                .add_enabled(current && !results.hits.is_empty(), egui::Button::new("Export CSV…"))
                .on_hover_text("Save the list as a table: transcript, case, role, speaker, offset, left, hit, right")
                .clicked()
            {
                export_csv(cx, results);
            }
        });
    }
}

impl Dialog for SearchWindow {
    fn show(&mut self, ctx: &egui::Context, cx: &mut DialogContext<'_>) -> bool {
        let mut open = true;
        self.update_choices(cx.project, cx.revision);
        egui::Window::new("Search all transcripts")
            .open(&mut open)
            // Over the map, below the transcript, so the transcript a hit opens stays in sight.
            .default_pos([250.0, 400.0])
            .default_size([800.0, 400.0])
            .collapsible(false)
            .show(ctx, |ui| {
                self.search_box(ui);
                self.filters(ui, cx.project);
                self.keep_current(ctx, cx.project, cx.revision);
                let current = self.is_current(cx.revision);
                ui.separator();
                self.status(ui, cx.project, current);
                self.list(ui, cx, current);
                ui.separator();
                self.actions(ui, cx, current);
            });
        cx.view.last_search = Some(self.query.clone());
        if !open {
            self.runner.release();
        }
        open
    }

    fn stale_caches(&self, project: &Project, revision: u64) -> Vec<String> {
        let mut stale: Vec<String> = self.choices.stale(project, revision).into_iter().collect();
        if let Some(Shown {
            key,
            outcome: Ok(results),
            ..
        }) = &self.shown
            && key.0 == revision
            && search(project, &key.1).ok().as_ref() != Some(results)
        {
            stale.push(format!(
                "the search results for “{}” differ from a fresh search",
                key.1.text
            ));
        }
        stale
    }
}
