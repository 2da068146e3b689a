//! Find in the transcript (Ctrl+F) and Search all transcripts (Ctrl+Shift+F), driven as a user
//! would: typing, the options, stepping through hits, clicking a hit open, and turning hits into
//! excerpts.

use crate::support::fixtures::danish_interviews;
use crate::support::gui::*;
use crate::support::*;
use continuum::model::{TranscriptId, char_slice};
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;

/// The window on the Danish interviews, saved in a temporary folder.
fn interviews() -> (tempfile::TempDir, Window) {
    let (dir, path) = saved_in_temp("danish.continuum", &danish_interviews());
    (dir, open(&path))
}

/// The words selected in the transcript shown.
fn selected_words(harness: &Window) -> String {
    let app = harness.state();
    let (start, end) = app.text_selection().expect("a selection");
    let transcript = app
        .project()
        .transcript(app.view_transcript().unwrap())
        .unwrap();
    char_slice(&transcript.text, start, end).to_owned()
}

#[test]
fn the_find_bar_counts_hits_and_steps_through_them_with_enter_f3_and_shift_f3() {
    let (_dir, mut harness) = interviews();
    assert_eq!(harness.state().view_transcript(), Some(TranscriptId(1)));
    harness.shortcut(Modifiers::COMMAND, Key::F);
    harness.type_into("Find:", "familie");
    // Typing shows the first hit: "familie" as the interviewer asks it.
    assert!(harness.shows("1 of 3"), "no count");
    assert_eq!(selected_words(&harness), "familie");
    let first = harness.state().text_selection();
    harness.press(Key::F3);
    assert!(harness.shows("2 of 3"));
    harness.press(Key::F3);
    assert!(harness.shows("3 of 3"));
    // Case folds: the third is Mette's "FAMILIE".
    assert_eq!(selected_words(&harness), "FAMILIE");
    harness.press(Key::F3);
    assert!(harness.shows("1 of 3"), "wraps round");
    assert_eq!(harness.state().text_selection(), first);
    harness.shortcut(Modifiers::SHIFT, Key::F3);
    assert!(harness.shows("3 of 3"));
    // Enter in the field goes on to the next.
    harness.get_by_label("Find:").focus();
    harness.run();
    harness.press(Key::Enter);
    assert!(harness.shows("1 of 3"));
    // Match case leaves one.
    harness.click("Aa");
    assert!(harness.shows("1 of 2"), "match case");
    assert_eq!(selected_words(&harness), "familie");
    // Escape in the field closes the bar.
    harness.get_by_label("Find:").focus();
    harness.run();
    harness.press(Key::Escape);
    assert!(!harness.shows("Find:"));
}

#[test]
fn a_hit_found_with_the_find_bar_becomes_an_excerpt_with_ctrl_e() {
    let (_dir, mut harness) = interviews();
    harness.shortcut(Modifiers::COMMAND, Key::F);
    harness.type_into("Find:", "veninde");
    assert!(harness.shows("1 of 1"));
    harness.shortcut(Modifiers::COMMAND, Key::E);
    let app = harness.state();
    let excerpt = app.project().excerpts.last().expect("an excerpt");
    let text = &app.project().transcript(excerpt.transcript).unwrap().text;
    assert_eq!(char_slice(text, excerpt.start, excerpt.end), "veninde");
    assert_eq!(app.selected_excerpt(), Some(excerpt.id));
}

#[test]
fn a_bad_regular_expression_in_the_find_bar_says_where_and_finds_nothing() {
    let (_dir, mut harness) = interviews();
    harness.shortcut(Modifiers::COMMAND, Key::F);
    harness.click(".*");
    harness.type_into("Find:", "famil(ie");
    assert!(harness.shows_containing("mistake at character 6: unclosed group"));
    assert_eq!(harness.state().text_selection(), None);
}

/// Opens Search all transcripts and searches for `words`, waiting for the summary `expect`.
fn search_all(harness: &mut Window, words: &str, expect: &str) {
    harness.shortcut(Modifiers::COMMAND | Modifiers::SHIFT, Key::F);
    assert!(harness.shows("Search all transcripts"));
    harness.retype("Search:", words);
    wait_for_texts(harness, &[expect]);
}

#[test]
fn search_all_lists_hits_in_context_and_a_click_opens_the_transcript_on_the_hit() {
    let (_dir, mut harness) = interviews();
    search_all(&mut harness, "familie", "4 hits in 2 transcripts");
    assert!(harness.shows_containing("Mette — Vestbo · staff · 3 hits"));
    assert!(harness.shows_containing("Fru Dahl — Lindely · citizen · 1 hit"));
    assert!(harness.shows_containing("by role: citizen 1, staff 2, interviewers 1"));
    // A row reads as speaker, context, hit, context.
    harness
        .get_by_label_contains("Fru Dahl: Hun er ikke familie")
        .click();
    harness.run();
    assert_eq!(harness.state().view_transcript(), Some(TranscriptId(2)));
    assert_eq!(selected_words(&harness), "familie");
}

#[test]
fn search_all_options_and_filters_narrow_the_list() {
    let (_dir, mut harness) = interviews();
    search_all(&mut harness, "familie", "4 hits in 2 transcripts");
    harness.click("Match case");
    wait_for_texts(&mut harness, &["3 hits in 2 transcripts"]);
    harness.click("Match case");
    harness.click("Whole words");
    wait_for_texts(&mut harness, &["4 hits in 2 transcripts"]);
    // Only the participants' own words: the interviewer's question goes.
    harness.click("Words of: everyone");
    harness.click("the participants (not the interviewers)");
    wait_for_texts(&mut harness, &["3 hits in 2 transcripts"]);
    // A decomposed "på" in Fru Dahl's transcript is found by a composed one.
    harness.retype("Search:", "på");
    wait_for_texts(&mut harness, &["1 hit in 1 transcript"]);
    // A mistake in a regular expression is named, with where it is.
    harness.click("Regular expression");
    harness.retype("Search:", "(på");
    wait_for_texts(&mut harness, &["mistake at character 1: unclosed group"]);
}

#[test]
fn selected_hits_become_excerpts_of_their_sentences_in_one_undo_step() {
    let (_dir, mut harness) = interviews();
    search_all(&mut harness, "familie", "4 hits in 2 transcripts");
    harness.click("Mette: Ja, nærmest familie. Men jeg er professionel, ikke en veninde.. ");
    harness
        .get_by_label_contains("Fru Dahl: Hun er ikke familie")
        .click_modifiers(Modifiers::COMMAND);
    harness.run();
    harness.get_by_label_contains("covering: ").click();
    harness.run();
    harness.click("the sentence");
    let before = harness.state().project().excerpts.len();
    harness.click("New excerpts from 2 hits");
    let project = harness.state().project().clone();
    assert_eq!(project.excerpts.len(), before + 2);
    let quotes: Vec<&str> = project.excerpts[before..]
        .iter()
        .map(|e| project.quote(e))
        .collect();
    assert_eq!(
        quotes,
        [
            "Ja, nærmest familie.",
            "Hun er ikke familie, men hun kommer pa\u{30a} besøg hver dag."
        ]
    );
    assert!(harness.shows_containing("Made 2 excerpts from the selected hits."));
    // The list is searched again and shows the hits inside their new excerpts.
    let marked = |h: &Window| {
        h.query_all_by_label_contains("in excerpt · not placed")
            .count()
    };
    for _ in 0..500 {
        if marked(&harness) == 2 {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
        harness.step();
    }
    assert_eq!(marked(&harness), 2);
    // One undo takes both away.
    harness.shortcut(Modifiers::COMMAND, Key::Z);
    assert_eq!(harness.state().project().excerpts.len(), before);
}

#[test]
fn the_hit_list_is_saved_as_a_csv_table() {
    let (dir, path) = saved_in_temp("danish.continuum", &danish_interviews());
    let dialogs = FakeDialogs::saving(dir.path().join("ignored.continuum"));
    let mut harness = with_dialogs(Some(&path), dialogs);
    search_all(&mut harness, "familie", "4 hits in 2 transcripts");
    harness.click("Export CSV…");
    let table = std::fs::read_to_string(dir.path().join("search hits.csv")).unwrap();
    let mut lines = table.lines();
    assert!(
        lines
            .next()
            .unwrap()
            .starts_with("transcript,case,role,speaker,offset,left,hit,right")
    );
    assert_eq!(lines.count(), 4);
    assert!(harness.shows_containing("Saved 4 hits to"));
}

#[test]
fn after_opening_another_project_search_and_find_show_its_hits_not_the_last_ones() {
    let (_dir, path) = saved_in_temp("danish.continuum", &danish_interviews());
    let mut harness = with_dialogs(Some(&path), FakeDialogs::opening(sample_path()));
    search_all(&mut harness, "familie", "4 hits in 2 transcripts");
    harness.shortcut(Modifiers::COMMAND, Key::F);
    harness.type_into("Find:", "familie");
    assert!(harness.shows("1 of 3"));
    harness.shortcut(Modifiers::COMMAND, Key::O);
    // The windows and the find bar were about the other project: they are closed.
    assert!(!harness.shows("Search all transcripts"));
    assert!(!harness.shows("Find:"));
    search_all(&mut harness, "familie", "3 hits in 2 transcripts");
    harness.shortcut(Modifiers::COMMAND, Key::F);
    harness.type_into("Find:", "families");
    assert!(harness.shows("1 of 2"), "the sample's first transcript");
    assert!(harness.state().stale_caches().is_empty());
}
