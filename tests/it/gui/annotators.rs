//! Annotators: adding, renaming and removing them, blind coding, the comparison and agreement
//! windows, the consensus, and merging another copy's annotators.

use crate::support::gui::*;
use crate::support::*;
use continuum::io;
use continuum::model::*;
use egui::{Key, Modifiers};
use egui_kittest::kittest::{NodeT, Queryable};

#[test]
fn adding_an_annotator_makes_them_active() {
    let (_dir, mut harness) = open_sample_copy();
    harness.menu("Annotators", "Add annotator…");
    harness.get_by_label("Name:").type_text("Nanna");
    harness.run();
    harness.click("Add");
    let project = harness.state().project();
    let nanna = project
        .annotators
        .iter()
        .find(|a| a.name == "Nanna")
        .expect("added");
    assert!(nanna.placements.is_empty());
    // The new annotator starts with an empty layer: no markers of the others show.
    assert!(!harness.shows("Marker: Part of her week"));
}

#[test]
fn the_agreement_window_shows_alpha_by_case_and_per_pair() {
    let (_dir, mut harness) = open_sample_copy();
    harness.menu("Annotators", "Agreement…");
    // Once in the transcript list, once in the table.
    assert_eq!(harness.get_all_by_label("Dagcentret Lindely").count(), 2);
    assert!(harness.shows("Anna Holm – Jonas Berg"));
    assert_eq!(
        harness.get_all_by_label("0.972").count(),
        2,
        "overall and the one pair"
    );
    assert!(harness.shows("0.840"), "the day centre");
    // With its bootstrap interval (the same as `continuum agreement --ci` gives).
    assert!(harness.shows("0.952 to 0.983"), "overall interval");
    assert!(harness.shows("0.637 to 0.893"), "the day centre's interval");
    harness.click("95% intervals");
    assert!(!harness.shows("0.952 to 0.983"));
}

#[test]
fn blind_coding_locks_the_annotator_hides_agreement_and_ends_only_when_confirmed() {
    let (_dir, path) = sample_copy();
    let mut harness = open(&path);
    harness.click("Code blind");
    assert_eq!(harness.state().project().blind, Some(AnnotatorId(1)));
    assert!(harness.shows("Coding blind as"));
    assert!(
        !harness.shows("Annotator:"),
        "no switching to another annotator's view"
    );
    // Only Anna's markers: Jonas's placement of the same excerpt is nowhere on screen.
    assert_eq!(harness.get_all_by_label_contains("Marker: ").count(), 39);

    harness.shortcut(Modifiers::COMMAND, Key::S);
    assert_eq!(
        io::load_project(&path).unwrap().blind,
        Some(AnnotatorId(1)),
        "blind travels with the file"
    );

    harness.click("End blind coding…");
    harness.click("Keep coding blind");
    assert_eq!(harness.state().project().blind, Some(AnnotatorId(1)));
    harness.click("End blind coding…");
    harness.click("End blind coding");
    assert_eq!(harness.state().project().blind, None);
    assert!(harness.shows("Annotator:"));
}

#[test]
fn managing_annotators_renames_and_removes_after_saying_what_goes() {
    let (_dir, mut harness) = open_sample_copy();
    let before = harness.state().project().clone();
    harness.menu("Annotators", "Manage annotators…");
    // The caption names both the colour button and the name field; the field is the text input.
    harness
        .get_by_role_and_label(egui::Role::TextInput, "Annotator a2")
        .focus();
    harness.run();
    harness.key_press(Key::End);
    harness
        .get_by_role_and_label(egui::Role::TextInput, "Annotator a2")
        .type_text(" (Aarhus)");
    harness.run();
    assert_eq!(
        harness.state().project().annotators[1].name,
        "Jonas Berg (Aarhus)"
    );

    harness.get_all_by_label("Remove…").nth(1).unwrap().click();
    harness.run();
    let memos = before.annotators[1]
        .placements
        .iter()
        .filter(|p| !p.memo.is_empty())
        .count();
    let warning = format!("Their 41 placements and {memos} placement memos will be deleted");
    assert!(harness.shows_containing(&warning), "{warning}");
    harness.click("Remove");
    assert_eq!(harness.state().project().annotators.len(), 1);
    harness.click("Close");
    // Removal, then the burst of renaming: two undo steps back to the start.
    for _ in 0..2 {
        harness.shortcut(Modifiers::COMMAND, Key::Z);
    }
    assert_eq!(harness.state().project(), &before);
}

#[test]
fn the_comparison_view_sorts_by_disagreement_and_shows_memos_side_by_side() {
    let (_dir, mut harness) = open_sample_copy();
    harness.menu("Annotators", "Compare annotators…");
    assert!(harness.shows("39 excerpts placed by two or more annotators"));
    // The two widest spreads (0.55 − 0.40 and 0.35 − 0.20) come first; a narrow one later.
    let top = |label: &str| harness.get_by_label(label).rect().top();
    assert!(top("Cried in the car") < top("Guest or mourner"));
    assert!(top("Guest or mourner") < top("Part of her week"));

    harness.click("Guest or mourner");
    let guest = harness.excerpt_labelled("Guest or mourner");
    assert_eq!(harness.state().selected_excerpt(), Some(guest));
    assert!(harness.shows("Between family and friend: she grieves like kin."));
    assert!(harness.shows("She stands at the back: friend rather than family."));
}

#[test]
fn a_consensus_starts_from_the_mean_records_why_and_stays_out_of_agreement() {
    let (_dir, mut harness) = open_sample_copy();
    let before = harness.state().project().clone();
    harness.menu("Annotators", "Compare annotators…");
    harness.click("Guest or mourner");
    harness.get_by_label_contains("Start from the mean").click();
    harness.run();

    let project = harness.state().project();
    let consensus = project.consensus().expect("a consensus layer");
    let guest = harness.excerpt_labelled("Guest or mourner");
    let settled = project.placement(consensus.id, guest).unwrap().position;
    assert!(
        (settled - 0.275).abs() < 1e-9,
        "mean of 0.20 and 0.35, got {settled}"
    );

    harness.type_into("Why the team settled here:", "Agreed: friend-level grief.");
    let project = harness.state().project();
    let consensus = project.consensus().unwrap();
    assert_eq!(
        project.placement(consensus.id, guest).unwrap().memo,
        "Agreed: friend-level grief."
    );

    // Alpha is about independent coders: the consensus does not change it.
    let ratings =
        continuum::analysis::Ratings::from_project(project, continuum::analysis::Metric::Interval);
    let report = continuum::analysis::agreement_report(
        &ratings,
        continuum::analysis::Metric::Interval,
        None,
    );
    assert!((report.overall.alpha.unwrap() - 0.972).abs() < 0.0005);
    assert!(report.pairwise.len() == 1, "no pairs with the consensus");
    // It is exported like any other layer.
    assert!(
        continuum::io::placements_csv(project, continuum::io::Formulas::Neutralise)
            .contains("\r\nConsensus,")
    );

    for _ in 0..2 {
        harness.shortcut(Modifiers::COMMAND, Key::Z);
    }
    assert_eq!(harness.state().project(), &before);
}

#[test]
fn merging_another_copy_shows_each_conflict_to_settle_before_anything_changes() {
    let (dir, path) = sample_copy();
    let original = io::load_project(&path).unwrap();
    let mut other = original.clone();
    other
        .apply(Edit::place(
            &other,
            AnnotatorId(2),
            ExcerptId(1),
            0.9,
            Timestamp(7),
        ))
        .unwrap();
    other
        .apply(Edit::SetMemo {
            target: MemoTarget::Placement(AnnotatorId(2), ExcerptId(1)),
            text: "On second reading: a routine, not a bond.".to_owned(),
        })
        .unwrap();
    let other_path = dir.path().join("other.continuum");
    io::save_project(&other_path, &other).unwrap();

    let mut harness = with_dialogs(Some(&path), FakeDialogs::opening(other_path));
    harness.menu("File", "Merge annotators from another project…");
    assert!(harness.shows_containing("1 conflict: the same annotator"));
    assert!(harness.shows("Jonas Berg on “Part of her week”: 0.30 here, 0.90 in other.continuum"));
    // The memos the choice keeps or drops (a new user's trial: only positions were shown).
    let memo_here = original
        .placement(AnnotatorId(2), ExcerptId(1))
        .unwrap()
        .memo
        .clone();
    let here = if memo_here.trim().is_empty() {
        "none".to_owned()
    } else {
        format!("“{}”", continuum::model::short_label(memo_here.trim(), 90))
    };
    assert!(harness.shows(&format!("   memo here: {here}")));
    assert!(
        harness.shows("   memo in other.continuum: “On second reading: a routine, not a bond.”")
    );
    assert_eq!(
        harness.state().project(),
        &original,
        "nothing changes before Merge"
    );
    harness.click("take the other's");
    harness.click("Merge");
    assert_eq!(
        harness
            .state()
            .project()
            .placement(AnnotatorId(2), ExcerptId(1))
            .unwrap()
            .position,
        0.9
    );
    assert_eq!(
        harness.state().project().annotators.len(),
        2,
        "no extra layer when taking theirs"
    );
    harness.shortcut(Modifiers::COMMAND, Key::Z);
    assert_eq!(harness.state().project(), &original);
}

/// The bootstrap recomputes after every change: a large project opens the agreement window with
/// intervals off (a tick away), so dragging a marker does not wait for 2,000 resamples.
#[test]
fn a_large_project_opens_agreement_without_intervals_until_asked() {
    use continuum::model::{Edit, ExcerptId, Timestamp, Transcript};
    let mut project = small_project();
    project
        .apply(Edit::AddAnnotator(fixtures::annotator(
            2,
            "Jonas",
            continuum::model::Colour::PALETTE[1],
        )))
        .unwrap();
    project
        .apply(Edit::AddTranscript(Transcript {
            ..fixtures::transcript(2, "Long", "ord ".repeat(1_100))
        }))
        .unwrap();
    for i in 0..1_100u32 {
        let id = ExcerptId(10 + i);
        project
            .apply(Edit::AddExcerpt(fixtures::excerpt(
                id.0,
                2,
                (i * 4) as usize,
                (i * 4 + 3) as usize,
            )))
            .unwrap();
        for (annotator, shift) in [(1, 0.0), (2, 0.05)] {
            let position = f64::from(i % 10) / 10.0 + shift;
            let edit = Edit::place(&project, AnnotatorId(annotator), id, position, Timestamp(1));
            project.apply(edit).unwrap();
        }
    }
    let (_dir, path) = saved_in_temp("large.continuum", &project);
    let mut harness = open(&path);
    harness.menu("Annotators", "Agreement…");
    assert!(!harness.shows("95% CI"), "no intervals at first");
    harness.click("95% intervals");
    assert!(harness.shows("95% CI"));
}

/// Regression (a new user's trial): while coding blind, the status bar counted every coder's
/// placements, Manage annotators listed the others' counts and could remove them, and the
/// REFI-QDA export (every coder's work) was offered.
#[test]
fn while_coding_blind_the_others_work_is_neither_counted_nor_removable_nor_exported() {
    let (_dir, path) = sample_copy();
    let mut harness = open(&path);
    harness.click("Code blind");
    assert!(
        harness.shows("6 transcripts · 41 excerpts · 39 placements by Anna Holm (coding blind)")
    );
    assert!(!harness.shows_containing("2 annotators"));
    harness.menu("Annotators", "Manage annotators…");
    assert!(harness.shows("hidden while coding blind"));
    assert!(!harness.shows("41 placements"), "Jonas's count");
    assert!(
        harness
            .get_all_by_label("Remove…")
            .all(|button| button.accesskit_node().is_disabled())
    );
    harness.press(Key::Escape);
    harness.get_all_by_label("File").next().unwrap().click();
    harness.run();
    assert!(
        harness
            .get_by_label("Export REFI-QDA project…")
            .accesskit_node()
            .is_disabled()
    );
}
