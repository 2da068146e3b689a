//! Analysis > Findings…: the groups' distributions, the summary plot, two groups compared in a
//! sentence, and quotes by zone that open their excerpt.

use crate::support::gui::*;
use egui_kittest::kittest::Queryable;

#[test]
fn findings_show_each_cases_distribution_compare_them_and_open_a_quote() {
    let (_dir, mut harness) = open_sample_copy();
    harness.menu("Analysis", "Findings…");
    assert!(harness.shows("Findings"));
    // The table: Lindely's 20 excerpts, 17 of them nearest Professional.
    assert!(harness.shows("17 (85%)"));
    assert!(harness.shows("0.68–0.80"));
    assert!(harness.shows_containing("Summary plot: 2 groups on the continuum"));
    assert!(harness.shows_containing(
        "Hjemmeplejen Vestbo's placements sit nearer emotional closeness than Dagcentret Lindely's: median 0.38 (Friend) vs 0.72 (Professional)"
    ));
    assert!(harness.shows_containing("Cliff's δ = −0.70 (large; n = 21 and 20)"));
    // Quotes in the Family zone from Vestbo; a click selects the excerpt.
    let quote = "0.11  “She calls me her girl.”  Mette Sørensen (staff)";
    assert!(harness.shows(quote));
    // It lies below the fold of the window's scroll area.
    harness.get_by_label(quote).scroll_to_me();
    harness.run();
    harness.click(quote);
    let selected = harness
        .state()
        .selected_excerpt()
        .expect("an excerpt selected");
    assert_eq!(
        harness.state().project().excerpt(selected).unwrap().label,
        "She calls me her girl"
    );
}

#[test]
fn findings_by_role_for_one_annotator() {
    let (_dir, mut harness) = open_sample_copy();
    harness.menu("Analysis", "Findings…");
    harness.get_by_label_contains("Groups: ").click();
    harness.run();
    harness.click_last("role");
    harness.get_by_label_contains("Layer: ").click();
    harness.run();
    harness.click_last("Anna Holm");
    assert!(harness.shows_containing("39 excerpts placed by Anna Holm"));
    assert!(harness.shows("9 (69%)"), "managers nearest Professional");
    assert!(harness.state().stale_caches().is_empty());
}

#[test]
fn findings_are_hidden_while_coding_blind() {
    let (_dir, mut harness) = open_sample_copy();
    harness.click("Code blind");
    harness.menu("Analysis", "Findings…");
    assert!(!harness.shows("Findings"));
}
