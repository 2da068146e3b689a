//! The window as a screen reader meets it (issue 17), asserted on the AccessKit tree that egui
//! gives AT-SPI: the open transcript as one document with its speakers and excerpts, a caret and
//! selection a screen reader can set, markers that say where they sit, combo boxes that say their
//! value, menu items with their shortcut apart, named regions, a named window and a live save
//! state. `tests/atspi/run.sh` checks the same through the real AT-SPI client.

use crate::support::gui::*;
use egui::accesskit::{self, Role};
use egui::{Key, Modifiers};
use egui_kittest::kittest::{AccessKitNode, NodeT, Queryable};

/// The text a screen reader reads from a node: its text runs, in order.
fn text_of(node: &AccessKitNode<'_>) -> String {
    let mut text = String::new();
    for child in node.children() {
        if child.role() == Role::TextRun {
            text.push_str(&child.value().unwrap_or_default());
        } else {
            text.push_str(&text_of(&child));
        }
    }
    text
}

/// The transcript's document node.
fn document(harness: &Window) -> egui_kittest::Node<'_> {
    harness.get_by_role_and_label(Role::Document, "Transcript text")
}

#[test]
fn the_open_transcript_is_one_document_with_every_turn_speaker_and_excerpt() {
    let (_dir, harness) = open_sample_copy();
    let text = text_of(&document(&harness).accesskit_node());
    assert!(
        text.starts_with(&format!("Interviewer: {FIRST_QUESTION}\n")),
        "{text:.200}"
    );
    // The last turn is far below the first screen: the whole text is there, not what is drawn.
    assert!(
        text.contains("Without that I do not think this way of working would last."),
        "the last turn is readable"
    );
    assert!(
        text.contains("\nBirgitte: "),
        "speakers are said before their turns"
    );
    assert!(text.contains("[Excerpt: ") && text.contains(" [end of excerpt]"));
    // The transcript's own text is all there, in order, once the spoken additions are taken out.
    let project = harness.state().project();
    let transcript = project
        .transcript(harness.state().view_transcript().unwrap())
        .unwrap();
    let mut rest = text.as_str();
    for line in transcript.text.lines().filter(|l| !l.is_empty()) {
        let words = line.split(' ').next().unwrap();
        let at = rest
            .find(words)
            .unwrap_or_else(|| panic!("{words:?} missing or out of order"));
        rest = &rest[at..];
    }
    let description = document(&harness)
        .accesskit_node()
        .description()
        .unwrap_or_default();
    assert!(description.contains(&transcript.name), "{description}");
}

/// What a screen reader does to select text: AT-SPI's `SetSelection` on the document becomes
/// AccessKit's `SetTextSelection`, with positions in its text runs.
fn select_by_screen_reader(harness: &mut Window, words: &str) {
    let doc = document(harness);
    let (target_node, target_tree) = doc.accesskit_node().locate();
    let mut position = None;
    let runs = doc.children_recursive().map(|n| n.accesskit_node());
    for run in runs.filter(|c| c.role() == Role::TextRun) {
        let value = run.value().unwrap_or_default();
        if let Some(byte) = value.find(words) {
            let index = value[..byte].chars().count();
            position = Some((run.locate().0, index, index + words.chars().count()));
            break;
        }
    }
    let (run, start, end) = position.expect("the words are in one run");
    let at = |character_index| accesskit::TextPosition {
        node: run,
        character_index,
    };
    harness.event(egui::Event::AccessKitActionRequest(
        accesskit::ActionRequest {
            action: accesskit::Action::SetTextSelection,
            target_tree,
            target_node,
            data: Some(accesskit::ActionData::SetTextSelection(
                accesskit::TextSelection {
                    anchor: at(start),
                    focus: at(end),
                },
            )),
        },
    ));
    harness.run();
}

#[test]
fn text_selected_by_a_screen_reader_is_selected_and_becomes_an_excerpt_with_ctrl_e() {
    let (_dir, mut harness) = open_sample_copy();
    let before = harness.state().project().excerpts.len();
    select_by_screen_reader(&mut harness, "your role here");
    let (start, end) = harness.state().text_selection().expect("selected");
    let project = harness.state().project();
    let transcript = project
        .transcript(harness.state().view_transcript().unwrap())
        .unwrap();
    assert_eq!(
        continuum::model::char_slice(&transcript.text, start, end),
        "your role here"
    );
    // The document shows the selection back, in its own runs.
    let selection = document(&harness)
        .accesskit_node()
        .raw_text_selection()
        .copied();
    assert!(selection.is_some(), "the selection is in the tree");

    harness.shortcut(Modifiers::COMMAND, Key::E);
    let project = harness.state().project();
    assert_eq!(project.excerpts.len(), before + 1);
    let made = project.excerpts.iter().max_by_key(|e| e.id).unwrap();
    assert_eq!(project.quote(made), "your role here");
    // The caret stays at the end of the new excerpt, so the screen reader does not lose its
    // place (it had none, and the next key went to the top of the screen).
    assert_eq!(harness.state().text_selection(), Some((end, end)));
    let caret = document(&harness)
        .accesskit_node()
        .raw_text_selection()
        .copied();
    assert!(caret.is_some_and(|c| c.anchor == c.focus), "{caret:?}");
}

#[test]
fn markers_say_where_they_sit_and_come_lane_by_lane_left_to_right() {
    let (_dir, harness) = open_sample_copy();
    // Anna put "Part of her week" at 0.22: nearer Friend (0.33) than Family (0).
    let week = harness
        .get_by_label("Marker: Part of her week")
        .accesskit_node();
    let description = week.description().unwrap_or_default();
    assert!(
        description.starts_with("0.22, near Friend, in lane "),
        "{description}"
    );
    let map = harness.get_by_label("Continuum map").accesskit_node();
    let about = map.description().unwrap_or_default();
    assert!(about.starts_with("Lanes by case: "), "{about}");
    assert!(about.contains("Markers of Anna Holm"), "{about}");
    assert!(
        about.contains("anchors Family at 0.00, Friend at 0.33"),
        "{about}"
    );

    // In the order of the tree (and of Tab), lanes come in order and, within a lane, left to right.
    let lanes: Vec<String> = harness
        .get_all_by_label_contains("Marker: ")
        .map(|m| {
            let d = m.accesskit_node().description().unwrap_or_default();
            d.split(", in lane ").nth(1).unwrap_or_default().to_owned()
        })
        .collect();
    let xs: Vec<f32> = harness
        .get_all_by_label_contains("Marker: ")
        .map(|m| m.rect().left())
        .collect();
    for i in 1..lanes.len() {
        if lanes[i] == lanes[i - 1] {
            assert!(xs[i] >= xs[i - 1], "left to right within {}", lanes[i]);
        } else {
            assert!(!lanes[..i].contains(&lanes[i]), "{} comes back", lanes[i]);
        }
    }
}

#[test]
fn a_marker_reached_from_the_keyboard_is_selected_and_the_arrows_move_it() {
    let (_dir, mut harness) = open_sample_copy();
    let before = harness.placement(1, 1).unwrap().position;
    harness.get_by_label("Marker: Part of her week").focus();
    harness.run();
    assert_eq!(harness.state().selected_excerpt().map(|e| e.0), Some(1));
    harness.press(Key::ArrowRight);
    harness.press(Key::ArrowRight);
    let after = harness.placement(1, 1).unwrap().position;
    assert!((after - before - 0.02).abs() < 1e-9, "{before} -> {after}");
    assert!(
        harness
            .get_by_label("Marker: Part of her week")
            .is_focused(),
        "the arrows move the marker, not the focus"
    );
    let description = harness
        .get_by_label("Marker: Part of her week")
        .accesskit_node()
        .description()
        .unwrap_or_default();
    assert!(
        description.starts_with("0.24, near Friend"),
        "{description}"
    );
}

#[test]
fn combo_boxes_and_the_position_slider_say_their_value() {
    let (_dir, mut harness) = open_sample_copy();
    for name in [
        "Lanes by: case",
        "Annotator: Anna Holm",
        "Case: all",
        "Role: all",
    ] {
        assert!(
            harness
                .query_by_role_and_label(Role::ComboBox, name)
                .is_some(),
            "no combo box named {name}"
        );
    }
    harness.click("Marker: Part of her week");
    assert!(
        harness
            .query_by_role_and_label(Role::Slider, "Position: 0.22, near Friend")
            .is_some()
    );
}

#[test]
fn menu_items_say_their_shortcut_apart_from_their_name() {
    let (_dir, mut harness) = open_sample_copy();
    harness.get_all_by_label("File").next().unwrap().click();
    harness.run();
    let save = harness
        .get_by_role_and_label(Role::MenuItem, "Save")
        .accesskit_node();
    assert_eq!(save.data().keyboard_shortcut(), Some("Ctrl+S"));
    harness.press(Key::Escape);
    harness.get_all_by_label("View").next().unwrap().click();
    harness.run();
    for theme in ["Light", "Dark", "As the system"] {
        assert!(harness.shows(theme), "the theme {theme} is named in words");
    }
}

#[test]
fn the_window_and_its_regions_are_named_and_the_save_state_is_announced() {
    let (_dir, mut harness) = open_sample_copy();
    let title = harness.root().accesskit_node().label().unwrap_or_default();
    assert!(title.contains("Continuum"), "{title}");
    for region in [
        "Menu bar",
        "Toolbar",
        "Transcripts",
        "Transcript",
        "Inspector",
        "Continuum panel",
        "Status bar",
    ] {
        assert!(
            harness
                .query_by_role_and_label(Role::Pane, region)
                .is_some(),
            "no region {region}"
        );
    }
    harness.click("Marker: Part of her week");
    harness.press(Key::ArrowRight);
    let state = harness.get_by_label("Unsaved changes").accesskit_node();
    assert_eq!(state.live(), accesskit::Live::Polite);
}

#[test]
fn every_focusable_node_has_a_name() {
    let (_dir, mut harness) = open_sample_copy();
    harness.click("Marker: Part of her week");
    let unnamed: Vec<String> = harness
        .root()
        .children_recursive()
        .map(|n| n.accesskit_node())
        .filter(|n| n.data().supports_action(accesskit::Action::Focus) && !n.is_hidden())
        .filter(|n| {
            let name = n.label().or_else(|| n.value()).unwrap_or_default();
            name.trim().is_empty()
        })
        .map(|n| format!("{:?} {:?}", n.role(), n.bounding_box()))
        .collect();
    assert!(unnamed.is_empty(), "unnamed: {unnamed:#?}");
}

/// An item chosen through AT-SPI's action (AccessKit's Click, not a pointer) closes its list, as a
/// click does; Escape closes an open menu.
#[test]
fn a_list_item_chosen_by_a_screen_reader_closes_its_list_and_escape_closes_a_menu() {
    let (_dir, mut harness) = open_sample_copy();
    harness.click("Lanes by: case");
    harness.get_by_label("role").click_accesskit();
    harness.run();
    assert!(
        harness.query_by_label("participant").is_none(),
        "the list closed"
    );
    assert!(
        harness
            .query_by_role_and_label(Role::ComboBox, "Lanes by: role")
            .is_some()
    );

    harness.get_all_by_label("File").next().unwrap().click();
    harness.run();
    assert!(
        harness
            .query_by_role_and_label(Role::MenuItem, "Save")
            .is_some()
    );
    harness.press(Key::Escape);
    assert!(
        harness
            .query_by_role_and_label(Role::MenuItem, "Save")
            .is_none(),
        "the menu closed"
    );
}

/// The core job by keyboard alone: words selected by a screen reader, Ctrl+E, 2 (Friend), then
/// Escape out of the text lands on the new marker, which says where it is and moves with the
/// arrows.
#[test]
fn escape_after_placing_from_the_text_goes_to_the_new_marker() {
    let (_dir, mut harness) = open_sample_copy();
    document(&harness).focus();
    harness.run();
    select_by_screen_reader(&mut harness, "your role here");
    harness.shortcut(Modifiers::COMMAND, Key::E);
    harness.press(Key::Num2);
    let caret = harness.state().text_selection();
    harness.press(Key::Escape);
    harness.run();
    let marker = harness.get_by_label("Marker: your role here");
    assert!(marker.is_focused(), "the marker has the keyboard");
    assert_eq!(
        harness.state().text_selection(),
        caret,
        "the caret stays where the reading was, for coming back to the text"
    );
    let said = marker.accesskit_node().description().unwrap_or_default();
    assert!(said.starts_with("0.33, near Friend"), "{said}");
    harness.press(Key::ArrowRight);
    let said = harness
        .get_by_label("Marker: your role here")
        .accesskit_node()
        .description()
        .unwrap_or_default();
    assert!(said.starts_with("0.34, near Friend"), "{said}");
}

/// From File > New and an import, not the sample: the screen reader reads the new interview, with
/// its speakers, not the sample's text (the runs are kept by transcript and revision, and ids
/// restart at t1 in every project).
#[test]
fn after_new_and_an_import_the_document_reads_the_new_interview() {
    let dir = tempfile::tempdir().unwrap();
    let file = crate::support::write_file(
        dir.path(),
        "interview.txt",
        "Interviewer: Hvordan er din hverdag?\nÅse: Hun kalder mig sin pige, og vi får kaffe.\n",
    );
    let mut harness = with_dialogs(None, FakeDialogs::importing(vec![file]));
    harness.shortcut(Modifiers::COMMAND, Key::N);
    harness.shortcut(Modifiers::COMMAND, Key::I);
    wait_for_texts(&mut harness, &["Import 1 transcript"]);
    harness.click("Import 1 transcript");
    let text = text_of(&document(&harness).accesskit_node());
    assert_eq!(
        text,
        "Interviewer: Hvordan er din hverdag?\nÅse: Hun kalder mig sin pige, og vi får kaffe."
    );
}

/// The names of the combo boxes that do not say a value after their caption ("Metric:" alone,
/// or a bare value), among those `harness` shows.
fn combo_boxes_without_value(harness: &Window) -> Vec<String> {
    harness
        .query_all_by_role(Role::ComboBox)
        .map(|combo| combo.accesskit_node().label().unwrap_or_default())
        .filter(|name| {
            name.split_once(": ")
                .is_none_or(|(caption, value)| caption.is_empty() || value.trim().is_empty())
        })
        .collect()
}

#[test]
fn every_combo_box_of_every_window_says_its_caption_and_value() {
    let (_dir, mut harness) = open_sample_copy();
    harness.shortcut(Modifiers::COMMAND | Modifiers::SHIFT, Key::F);
    assert!(
        harness
            .query_by_role_and_label(Role::ComboBox, "Words of: everyone")
            .is_some()
    );
    let mut seen = harness.query_all_by_role(Role::ComboBox).count();
    for (menu, entry) in [("Analysis", "Findings…"), ("Annotators", "Agreement…")] {
        harness.menu(menu, entry);
        let now = harness.query_all_by_role(Role::ComboBox).count();
        assert!(now > seen, "{entry} shows no combo box");
        seen = now;
    }
    assert_eq!(combo_boxes_without_value(&harness), Vec::<String>::new());
    // Chosen through AccessKit, the new value is in the name at once.
    harness.get_by_label("Metric: interval").click();
    harness.run();
    harness.click_last("ordinal");
    assert!(
        harness
            .query_by_role_and_label(Role::ComboBox, "Metric: ordinal")
            .is_some()
    );
    // The export dialog is modal, so it comes last.
    harness.menu("File", "Export map…");
    let lanes = harness.query_all_by_role_and_label(Role::ComboBox, "Lanes by: case");
    assert_eq!(lanes.count(), 2, "the map's and the figure's");
    assert_eq!(combo_boxes_without_value(&harness), Vec::<String>::new());

    // The import dialog: each speaker's combo box and each case's list of existing cases.
    let (_dir, path) =
        crate::support::saved_in_temp("study.continuum", &continuum::model::Project::new("Study"));
    let mut harness = with_dialogs(
        Some(&path),
        FakeDialogs::importing(vec![crate::support::import_fixture("voice-tags.vtt")]),
    );
    harness.shortcut(Modifiers::COMMAND, Key::I);
    wait_for_texts(&mut harness, &["WebVTT subtitles"]);
    assert!(harness.query_all_by_role(Role::ComboBox).count() >= 2);
    assert_eq!(combo_boxes_without_value(&harness), Vec::<String>::new());
}

/// AT-SPI hears no expanded state from AccessKit on Linux, so a case's header says it.
#[test]
fn a_case_header_in_the_transcript_list_says_whether_it_is_open() {
    let (_dir, mut harness) = open_sample_copy();
    let description = |harness: &Window| {
        harness
            .get_by_label("Hjemmeplejen Vestbo")
            .accesskit_node()
            .description()
            .unwrap_or_default()
    };
    assert!(
        description(&harness).starts_with("case, open, "),
        "{}",
        description(&harness)
    );
    harness.click("Hjemmeplejen Vestbo");
    for _ in 0..10 {
        harness.run();
    }
    assert!(
        description(&harness).starts_with("case, closed, "),
        "{}",
        description(&harness)
    );
}

/// egui names every panel's resize handle "Resize panel"; ours say which panel they resize.
#[test]
fn each_resize_handle_says_which_panel_it_resizes() {
    let (_dir, harness) = open_sample_copy();
    assert_eq!(harness.query_all_by_label("Resize panel").count(), 0);
    for region in ["Transcripts", "Inspector", "Continuum panel"] {
        let name = format!("Resize {region}");
        assert!(
            harness
                .query_by_role_and_label(Role::Splitter, &name)
                .is_some(),
            "no splitter named {name}"
        );
    }
}

/// Regression (a new user's trial): each marker Tab passed opened its own interview, so moving
/// through the map changed what was open. A marker of another interview is selected by Tab and
/// opened by Enter.
#[test]
fn tab_onto_a_marker_of_another_interview_selects_it_and_enter_opens_it() {
    let (_dir, mut harness) = open_sample_copy();
    let open = harness.state().view_transcript();
    harness.get_by_label("Marker: Two families").focus();
    harness.run();
    assert_eq!(harness.state().selected_excerpt().map(|e| e.0), Some(9));
    assert_eq!(
        harness.state().view_transcript(),
        open,
        "still the same interview"
    );
    harness.press(Key::Enter);
    let mette = harness
        .state()
        .project()
        .excerpt(continuum::model::ExcerptId(9))
        .unwrap()
        .transcript;
    assert_eq!(harness.state().view_transcript(), Some(mette));
    assert_eq!(harness.state().selected_excerpt().map(|e| e.0), Some(9));
}

/// Regression (a new user's trial): the transcript text came after every marker in the Tab
/// order. F6 goes from anywhere to the text, and from the text to the map's marker.
#[test]
fn f6_moves_the_keyboard_between_the_transcript_and_the_map() {
    let (_dir, mut harness) = open_sample_copy();
    harness.press(Key::F6);
    assert!(document(&harness).is_focused(), "F6 goes to the text");
    harness.press(Key::F6);
    assert!(!document(&harness).is_focused());
    let focused: Vec<String> = harness
        .query_all_by_role(Role::Button)
        .filter(|n| n.is_focused())
        .map(|n| n.accesskit_node().label().unwrap_or_default())
        .collect();
    assert_eq!(focused.len(), 1, "{focused:?}");
    assert!(focused[0].starts_with("Marker: "), "{focused:?}");
    // The open interview's first placed excerpt, selected, so the arrows move it.
    let selected = harness.state().selected_excerpt().expect("selected");
    let open = harness.state().view_transcript();
    assert_eq!(
        Some(
            harness
                .state()
                .project()
                .excerpt(selected)
                .unwrap()
                .transcript
        ),
        open
    );
    harness.press(Key::F6);
    assert!(document(&harness).is_focused(), "and back to the text");
}
