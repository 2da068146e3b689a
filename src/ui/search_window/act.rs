//! What the search window does with hits: opens one where it is, makes excerpts of the selected
//! ones in one undo step, and saves the list as a table.

use crate::model::{CharIndex, Edit, Excerpt, Project, TranscriptId, plural};
use crate::search::{Extent, Hit, Place, Results, extend};
use crate::ui::dialog::DialogContext;
use crate::ui::view_state::{MemoTab, TextSelection, ViewState};
use std::collections::{HashMap, HashSet};

/// Shows where a hit is: its transcript with the hit selected, or the memo it is in.
pub(super) fn open_hit(project: &Project, view: &mut ViewState, hit: &Hit) {
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
pub(super) fn make_excerpts(
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
pub(super) fn export_csv(cx: &mut DialogContext<'_>, results: &Results) {
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
