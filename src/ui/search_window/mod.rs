//! Search all transcripts (Ctrl+Shift+F): a window with the search box, its options and filters,
//! and the hits as a keyword-in-context list grouped by transcript. A click opens the transcript
//! with the hit selected (Ctrl+E then makes it an excerpt); several hits selected with Ctrl or
//! Shift become several excerpts in one undo step, as the words found, their sentence or the
//! speaker's turn. The list can be saved as a CSV table.
//!
//! The search runs off the UI thread (`runner.rs`); results are shown with what they answer, and
//! while a newer search runs the older list is greyed out and marked, never shown as current.

mod rows;
mod runner;

use super::dialog::{Dialog, DialogContext};
use super::view_state::{MemoTab, TextSelection, ViewState};
use crate::model::{CharIndex, Edit, Excerpt, Project, TranscriptId, plural};
use crate::search::{Extent, Mode, Place, Query, Results, Speakers, extend, search};
use rows::{HitLine, Line};
use runner::{Runner, SearchKey};
use std::collections::{BTreeSet, HashMap, HashSet};

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
        }
    }

    /// Puts the keyboard back in the search box (the window was asked for again).
    pub fn focus(&mut self) {
        self.focus_field = true;
    }

    /// Drops filters that name what the project no longer has (after Open, New or an edit).
    fn drop_stale_filters(&mut self, project: &Project) {
        let scope = &mut self.query.scope;
        if scope.case.is_some_and(|c| project.case(c).is_none()) {
            scope.case = None;
        }
        if scope
            .role
            .as_ref()
            .is_some_and(|r| !project.participants.iter().any(|p| &p.role == r))
        {
            scope.role = None;
        }
        if scope
            .code
            .as_ref()
            .is_some_and(|c| !project.excerpts.iter().any(|e| e.codes.contains(c)))
        {
            scope.code = None;
        }
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
            let caption = ui.label("Words of:");
            let speakers_text = match &self.query.scope.speakers {
                Speakers::All => "everyone".to_owned(),
                Speakers::Participants => "the participants".to_owned(),
                Speakers::Interviewer => "the interviewers".to_owned(),
                Speakers::Named(name) => name.clone(),
            };
            egui::ComboBox::from_id_salt("search-speakers")
                .selected_text(speakers_text)
                .show_ui(ui, |ui| {
                    let scope = &mut self.query.scope;
                    ui.selectable_value(&mut scope.speakers, Speakers::All, "everyone");
                    ui.selectable_value(
                        &mut scope.speakers,
                        Speakers::Participants,
                        "the participants (not the interviewers)",
                    );
                    ui.selectable_value(
                        &mut scope.speakers,
                        Speakers::Interviewer,
                        "the interviewers",
                    );
                    ui.separator();
                    for name in speaker_names(project) {
                        let value = Speakers::Named(name.to_owned());
                        ui.selectable_value(&mut scope.speakers, value, name);
                    }
                })
                .response
                .labelled_by(caption.id);
            let cases: Vec<(crate::model::CaseId, String)> = project
                .cases
                .iter()
                .map(|c| (c.id, c.name.clone()))
                .collect();
            filter_combo(
                ui,
                "Case:",
                "search-case",
                &mut self.query.scope.case,
                &cases,
            );
            let mut roles: Vec<String> = project
                .participants
                .iter()
                .map(|p| p.role.clone())
                .collect();
            roles.sort();
            roles.dedup();
            roles.retain(|r| !r.is_empty());
            let roles: Vec<(String, String)> = roles.into_iter().map(|r| (r.clone(), r)).collect();
            filter_combo(
                ui,
                "Role:",
                "search-role",
                &mut self.query.scope.role,
                &roles,
            );
            let codes: Vec<(String, String)> = project
                .codes()
                .into_iter()
                .map(|c| (c.clone(), c))
                .collect();
            filter_combo(
                ui,
                "Code:",
                "search-code",
                &mut self.query.scope.code,
                &codes,
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
            let caption = ui.label("covering");
            egui::ComboBox::from_id_salt("search-extent")
                .selected_text(self.extent.label())
                .show_ui(ui, |ui| {
                    for extent in Extent::ALL {
                        ui.selectable_value(&mut self.extent, extent, extent.label());
                    }
                })
                .response
                .labelled_by(caption.id);
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
        self.drop_stale_filters(cx.project);
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
        let Some(Shown {
            key,
            outcome: Ok(results),
            ..
        }) = &self.shown
        else {
            return Vec::new();
        };
        if key.0 != revision {
            return Vec::new();
        }
        match search(project, &key.1) {
            Ok(fresh) if fresh == *results => Vec::new(),
            _ => vec![format!(
                "the search results for “{}” differ from a fresh search",
                key.1.text
            )],
        }
    }
}

/// A combo box of "all" or one of `choices` (value, shown name).
fn filter_combo<T: Clone + PartialEq>(
    ui: &mut egui::Ui,
    caption: &str,
    id: &str,
    value: &mut Option<T>,
    choices: &[(T, String)],
) {
    let caption = ui.label(caption);
    let selected = value
        .as_ref()
        .and_then(|v| choices.iter().find(|(c, _)| c == v))
        .map_or("all".to_owned(), |(_, name)| name.clone());
    egui::ComboBox::from_id_salt(id)
        .selected_text(selected)
        .show_ui(ui, |ui| {
            ui.selectable_value(value, None, "all");
            for (choice, name) in choices {
                ui.selectable_value(value, Some(choice.clone()), name);
            }
        })
        .response
        .labelled_by(caption.id);
}

/// Every speaker named in a turn, once, in alphabetical order; at most 200 (a list longer than
/// that is not chosen from).
fn speaker_names(project: &Project) -> Vec<&str> {
    let mut names: Vec<&str> = project
        .transcripts
        .iter()
        .flat_map(|t| t.turns.iter().map(|turn| turn.speaker.as_str()))
        .filter(|name| !name.is_empty())
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    names.sort_unstable();
    names.truncate(200);
    names
}

/// "23 hits in 4 transcripts · Vestbo 15, Lindely 8 · staff 12, citizen 11".
fn summary(project: &Project, results: &Results) -> String {
    if results.total == 0 {
        return "No hits.".to_owned();
    }
    let mut parts = vec![format!(
        "{} in {}",
        plural(results.total - results.in_notes, "hit"),
        plural(results.by_transcript.len(), "transcript")
    )];
    if results.in_notes > 0 {
        parts.push(format!("{} in memos, labels and codes", results.in_notes));
    }
    let cases: Vec<String> = results
        .by_case
        .iter()
        .filter_map(|(case, n)| Some(format!("{} {n}", project.case((*case)?)?.name)))
        .collect();
    if !cases.is_empty() {
        parts.push(format!("by case: {}", cases.join(", ")));
    }
    let mut roles: Vec<String> = results
        .by_role
        .iter()
        .filter(|(role, _)| !role.is_empty())
        .map(|(role, n)| format!("{role} {n}"))
        .collect();
    if results.by_interviewer > 0 {
        roles.push(format!("interviewers {}", results.by_interviewer));
    }
    if !roles.is_empty() {
        parts.push(format!("by role: {}", roles.join(", ")));
    }
    if results.is_cut() {
        parts.push(format!(
            "only the first {} are listed; narrow the search to see the rest",
            results.hits.len()
        ));
    }
    parts.join(" · ")
}

/// The speaker of a hit in a transcript, or which note it is in.
fn who(project: &Project, hit: &crate::search::Hit) -> String {
    match hit.place {
        Place::Transcript(_) => hit.speaker.clone(),
        Place::PlacementMemo(annotator, _) => project
            .annotator(annotator)
            .map_or("placement memo".to_owned(), |a| {
                format!("memo of {}", a.name)
            }),
        _ => hit.place.kind().to_owned(),
    }
}

/// Whether the hit is already in an excerpt, and where the active annotator placed it.
fn excerpt_note(project: &Project, view: &ViewState, hit: &crate::search::Hit) -> String {
    let Some(excerpt) = hit
        .excerpt
        .filter(|_| matches!(hit.place, Place::Transcript(_)))
    else {
        return String::new();
    };
    let placed = view
        .active_annotator
        .and_then(|a| project.placement(a, excerpt));
    match placed {
        Some(placement) => {
            let anchor = project
                .continuum
                .nearest_anchor(placement.position)
                .map_or(String::new(), |a| format!(" {}", a.name));
            format!("in excerpt · {:.2}{anchor}", placement.position)
        }
        None => "in excerpt · not placed".to_owned(),
    }
}

/// Shows where a hit is: its transcript with the hit selected, or the memo it is in.
fn open_hit(project: &Project, view: &mut ViewState, hit: &crate::search::Hit) {
    match hit.place {
        Place::Transcript(t) => {
            let Some(transcript) = project.transcript(t) else {
                return;
            };
            view.show_transcript(t);
            view.text_selection = Some(TextSelection::new(
                &transcript.text,
                hit.start,
                hit.end,
                false,
            ));
            view.scroll_to_char = Some(hit.start);
        }
        Place::ProjectMemo => view.memo_tab = MemoTab::Project,
        Place::TranscriptMemo(t) => {
            view.show_transcript(t);
            view.memo_tab = MemoTab::Transcript;
        }
        Place::ExcerptLabel(e) | Place::ExcerptMemo(e) | Place::ExcerptCodes(e) => {
            if let Some(excerpt) = project.excerpt(e) {
                view.select_excerpt(e, excerpt.transcript, excerpt.start);
                view.memo_tab = MemoTab::Excerpt;
            }
        }
        Place::PlacementMemo(_, e) => {
            if let Some(excerpt) = project.excerpt(e) {
                view.select_excerpt(e, excerpt.transcript, excerpt.start);
                view.memo_tab = MemoTab::Placement;
            }
        }
    }
}

/// The selected hits in transcripts as excerpts (widened to `extent`), in one undo step. A hit
/// whose range is already an excerpt, or that repeats another, is skipped and counted.
fn make_excerpts(
    cx: &mut DialogContext<'_>,
    results: &Results,
    selected: &[usize],
    extent: Extent,
) {
    let project = cx.project;
    let mut next = match project.next_excerpt_id() {
        Ok(id) => id,
        Err(error) => {
            cx.out.error(format!("No excerpt was made: {error}."));
            return;
        }
    };
    let mut indexes: HashMap<TranscriptId, CharIndex<'_>> = HashMap::new();
    let mut existing: HashSet<(TranscriptId, usize, usize)> = project
        .excerpts
        .iter()
        .map(|e| (e.transcript, e.start, e.end))
        .collect();
    let mut edits = Vec::new();
    let mut skipped = 0;
    let mut first = None;
    for hit in selected.iter().filter_map(|&i| results.hits.get(i)) {
        let Place::Transcript(t) = hit.place else {
            continue;
        };
        let Some(transcript) = project.transcript(t) else {
            continue;
        };
        let index = indexes
            .entry(t)
            .or_insert_with(|| CharIndex::new(&transcript.text));
        let (start, end) = extend(transcript, index, hit.start, hit.end, extent);
        if start >= end || !existing.insert((t, start, end)) {
            skipped += 1;
            continue;
        }
        first.get_or_insert((next, t, start));
        edits.push(Edit::AddExcerpt(Excerpt {
            id: next,
            transcript: t,
            start,
            end,
            label: String::new(),
            memo: String::new(),
            codes: Vec::new(),
        }));
        next = match next.next() {
            Ok(id) => id,
            Err(_) => break,
        };
    }
    let made = edits.len();
    if made > 0 {
        cx.out.group(
            format!("{} from search hits", plural(made, "new excerpt")),
            edits,
        );
    }
    if let Some((excerpt, transcript, start)) = first {
        cx.view.select_excerpt(excerpt, transcript, start);
    }
    let mut message = format!("Made {} from the selected hits.", plural(made, "excerpt"));
    if skipped > 0 {
        message.push_str(&format!(
            " {} already an excerpt, or the same as another hit.",
            if skipped == 1 {
                "1 was".to_owned()
            } else {
                format!("{skipped} were")
            }
        ));
    }
    cx.out.info(message);
}

/// Asks where to save the list and saves it as CSV.
fn export_csv(cx: &mut DialogContext<'_>, results: &Results) {
    let Some(path) = cx.files.save_table("search hits.csv") else {
        return;
    };
    let rows = crate::io::kwic_rows(cx.project, results);
    match crate::io::save_kwic_csv(&path, &rows) {
        Ok(()) => {
            let mut message = format!(
                "Saved {} to {}.",
                plural(rows.len(), "hit"),
                crate::io::file_label(&path)
            );
            if results.is_cut() {
                message.push_str(&format!(
                    " The search found {} in all; narrow it to save the rest.",
                    results.total
                ));
            }
            cx.out.info(message);
        }
        Err(error) => cx.out.error(error),
    }
}
