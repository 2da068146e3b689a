//! Tests of the edit path: each edit applies, is refused when it would break the project, and
//! undoes exactly.

use super::*;

fn project() -> Project {
    let mut p = Project::new("Test");
    p.apply(Edit::AddTranscript(Transcript {
        id: TranscriptId(1),
        name: "Interview".into(),
        participant: None,
        case: None,
        memo: String::new(),
        speakers: vec![],
        turns: vec![],
        text: "Hun kalder mig sin pige.".into(),
    }))
    .unwrap();
    p.apply(Edit::AddAnnotator(Annotator {
        id: AnnotatorId(1),
        name: "Anna".into(),
        colour: Colour::PALETTE[0],
        placements: vec![],
        consensus: false,
    }))
    .unwrap();
    p
}

fn excerpt(id: u32, start: usize, end: usize) -> Excerpt {
    Excerpt {
        id: ExcerptId(id),
        transcript: TranscriptId(1),
        start,
        end,
        label: String::new(),
        memo: String::new(),
        codes: Vec::new(),
    }
}

#[test]
fn codes_are_checked_and_setting_them_can_be_undone() {
    let mut project = crate::io::parse_project(crate::SAMPLE_PROJECT).unwrap();
    let before = project.clone();
    let set = |codes: &[&str]| Edit::SetExcerptCodes {
        excerpt: ExcerptId(1),
        codes: codes.iter().map(|c| c.to_string()).collect(),
    };
    for bad in [&["a", "a"][..], &[" a"], &[""], &["two\nlines"]] {
        assert!(project.apply(set(bad)).is_err(), "{bad:?} accepted");
        assert_eq!(project, before, "a refused edit changed the project");
    }
    let undo = project
        .apply(set(&["weekly rhythm", "a new code"]))
        .unwrap();
    assert_eq!(
        project.excerpt(ExcerptId(1)).unwrap().codes,
        ["weekly rhythm", "a new code"]
    );
    assert!(project.codes().contains(&"a new code".to_owned()));
    project.apply(undo).unwrap();
    assert_eq!(project, before);
}

#[test]
fn a_code_colour_is_set_changed_and_cleared_and_each_step_undone() {
    let mut p = project();
    let original = p.clone();
    let red = Colour::rgb(0xff, 0, 0);
    let set = |code: &str, colour| Edit::SetCodeColour {
        code: code.into(),
        colour,
    };
    // Setting a colour where there was none is undone by clearing it.
    let undo_set = p.apply(set("Attitude/sceptical", Some(red))).unwrap();
    assert_eq!(undo_set, set("Attitude/sceptical", None));
    assert_eq!(p.code_colour("Attitude/sceptical"), Some(red));
    let after_set = p.clone();
    // Changing it is undone by the old colour.
    let undo_change = p
        .apply(set("Attitude/sceptical", Some(Colour::PALETTE[1])))
        .unwrap();
    assert_eq!(undo_change, set("Attitude/sceptical", Some(red)));
    // Clearing it is undone by setting it again.
    let undo_clear = p.apply(set("Attitude/sceptical", None)).unwrap();
    assert_eq!(
        undo_clear,
        set("Attitude/sceptical", Some(Colour::PALETTE[1]))
    );
    assert!(p.code_colours.is_empty());
    p.validate().unwrap();
    p.apply(undo_clear).unwrap();
    p.apply(undo_change).unwrap();
    assert_eq!(p, after_set);
    p.apply(undo_set).unwrap();
    assert_eq!(p, original);
    // Clearing a colour a code never had changes nothing, and its inverse neither.
    assert_eq!(p.apply(set("unused", None)).unwrap(), set("unused", None));
    assert_eq!(p, original);
}

#[test]
fn a_colour_for_a_badly_named_code_is_refused() {
    let mut p = project();
    let before = p.clone();
    for bad in ["", "  ", " a", "a ", "two\nlines"] {
        let edit = Edit::SetCodeColour {
            code: bad.into(),
            colour: Some(Colour::PALETTE[0]),
        };
        assert!(
            matches!(p.apply(edit), Err(EditError::OutOfRange(_))),
            "{bad:?} accepted"
        );
        assert_eq!(p, before, "a refused edit changed the project");
    }
}

#[test]
fn a_code_colour_edit_names_its_code() {
    let p = project();
    let set = |colour| Edit::SetCodeColour {
        code: "reciprocity".into(),
        colour,
    };
    assert_eq!(
        set(Some(Colour::PALETTE[0])).describe(&p),
        "colour of the code “reciprocity”"
    );
    assert_eq!(
        set(None).describe(&p),
        "removal of the colour of the code “reciprocity”"
    );
}

#[test]
fn every_edit_is_undone_by_its_inverse() {
    let mut p = project();
    let original = p.clone();
    let edits = vec![
        Edit::SetTitle("New".into()),
        Edit::AddExcerpt(excerpt(1, 0, 3)),
        Edit::place(&p, AnnotatorId(1), ExcerptId(1), 0.25, Timestamp(10)),
        Edit::SetMemo {
            target: MemoTarget::Placement(AnnotatorId(1), ExcerptId(1)),
            text: "kin-like".into(),
        },
        Edit::SetExcerptLabel {
            excerpt: ExcerptId(1),
            label: "sin pige".into(),
        },
        Edit::RemoveExcerpt(ExcerptId(1)),
    ];
    let mut undo = Vec::new();
    for edit in edits {
        // `place` above was built against the original project; it is still valid here.
        undo.push(p.apply(edit).unwrap());
    }
    assert!(p.excerpts.is_empty());
    for inverse in undo.into_iter().rev() {
        p.apply(inverse).unwrap();
    }
    assert_eq!(p, original);
}

#[test]
fn restore_brings_back_placements_with_the_excerpt() {
    let mut p = project();
    p.apply(Edit::AddExcerpt(excerpt(1, 0, 3))).unwrap();
    p.apply(Edit::place(
        &p,
        AnnotatorId(1),
        ExcerptId(1),
        0.4,
        Timestamp(1),
    ))
    .unwrap();
    let before = p.clone();
    let inverse = p.apply(Edit::RemoveExcerpt(ExcerptId(1))).unwrap();
    assert!(p.annotators[0].placements.is_empty());
    p.apply(inverse).unwrap();
    assert_eq!(p, before);
}

#[test]
fn moving_keeps_memo_and_creation_time() {
    let mut p = project();
    p.apply(Edit::AddExcerpt(excerpt(1, 0, 3))).unwrap();
    p.apply(Edit::place(
        &p,
        AnnotatorId(1),
        ExcerptId(1),
        0.4,
        Timestamp(1),
    ))
    .unwrap();
    p.apply(Edit::SetMemo {
        target: MemoTarget::Placement(AnnotatorId(1), ExcerptId(1)),
        text: "why".into(),
    })
    .unwrap();
    p.apply(Edit::place(
        &p,
        AnnotatorId(1),
        ExcerptId(1),
        0.9,
        Timestamp(5),
    ))
    .unwrap();
    let placement = p.placement(AnnotatorId(1), ExcerptId(1)).unwrap();
    assert_eq!(placement.position, 0.9);
    assert_eq!(placement.memo, "why");
    assert_eq!(placement.created, Timestamp(1));
    assert_eq!(placement.modified, Timestamp(5));
}

#[test]
fn bad_edits_are_refused_and_change_nothing() {
    let mut p = project();
    let before = p.clone();
    let bad = vec![
        Edit::AddExcerpt(excerpt(1, 5, 5)),
        Edit::AddExcerpt(excerpt(1, 0, 999)),
        Edit::SetPlacement {
            annotator: AnnotatorId(1),
            placement: Placement {
                excerpt: ExcerptId(9),
                position: 0.5,
                memo: String::new(),
                created: Timestamp(0),
                modified: Timestamp(0),
            },
        },
        Edit::RemoveTranscript(TranscriptId(7)),
        Edit::SetMemo {
            target: MemoTarget::Excerpt(ExcerptId(3)),
            text: "x".into(),
        },
    ];
    for edit in bad {
        assert!(p.apply(edit.clone()).is_err(), "{edit:?} was accepted");
        assert_eq!(p, before);
    }
    p.apply(Edit::AddExcerpt(excerpt(1, 0, 3))).unwrap();
    let nan = Edit::SetPlacement {
        annotator: AnnotatorId(1),
        placement: Placement {
            excerpt: ExcerptId(1),
            position: f64::NAN,
            memo: String::new(),
            created: Timestamp(0),
            modified: Timestamp(0),
        },
    };
    assert!(matches!(p.apply(nan), Err(EditError::OutOfRange(_))));
}

#[test]
fn replacing_text_moves_excerpts_and_is_undone_exactly() {
    let mut p = project();
    p.apply(Edit::AddExcerpt(excerpt(1, 11, 23))).unwrap();
    let before = p.clone();
    let replace = Edit::ReplaceText {
        transcript: TranscriptId(1),
        text: "Ja. Hun kalder mig sin pige.".into(),
        turns: vec![],
        ranges: vec![(ExcerptId(1), 15, 27)],
    };
    let inverse = p.apply(replace).unwrap();
    assert_eq!(p.quote(p.excerpt(ExcerptId(1)).unwrap()), "mig sin pige");
    p.apply(inverse).unwrap();
    assert_eq!(p, before);
    // Every excerpt needs a place in the new text, inside it.
    let forgotten = Edit::ReplaceText {
        transcript: TranscriptId(1),
        text: "Nyt.".into(),
        turns: vec![],
        ranges: vec![],
    };
    assert!(matches!(p.apply(forgotten), Err(EditError::InUse(_))));
    let outside = Edit::ReplaceText {
        transcript: TranscriptId(1),
        text: "Nyt.".into(),
        turns: vec![],
        ranges: vec![(ExcerptId(1), 0, 9)],
    };
    assert!(matches!(p.apply(outside), Err(EditError::OutOfRange(_))));
    assert_eq!(p, before);
}

#[test]
fn describes_moves_by_their_quote() {
    let mut p = project();
    p.apply(Edit::AddExcerpt(excerpt(1, 11, 23))).unwrap();
    let first = Edit::place(&p, AnnotatorId(1), ExcerptId(1), 0.1, Timestamp(1));
    assert_eq!(first.describe(&p), "placement of “mig sin pige”");
    p.apply(first).unwrap();
    let second = Edit::place(&p, AnnotatorId(1), ExcerptId(1), 0.2, Timestamp(2));
    assert_eq!(second.describe(&p), "move of “mig sin pige”");
}

/// Adding checks for a duplicate id by binary search (a scan per new participant made an
/// import of 100,000 speakers quadratic): duplicates are still found anywhere in the list,
/// and ids added out of order still land in order.
#[test]
fn added_participants_stay_sorted_and_duplicates_are_found() {
    let mut p = Project::new("Test");
    let person = |id: u32| {
        Edit::AddParticipant(Participant {
            id: ParticipantId(id),
            name: format!("P{id}"),
            role: "staff".into(),
            case: None,
        })
    };
    for id in [5, 9, 1, 7] {
        p.apply(person(id)).unwrap();
    }
    let ids: Vec<u32> = p.participants.iter().map(|x| x.id.0).collect();
    assert_eq!(ids, [1, 5, 7, 9]);
    for id in [1, 7, 9] {
        assert_eq!(
            p.apply(person(id)),
            Err(EditError::DuplicateId(format!("participant p{id}")))
        );
    }
    assert!(p.participant(ParticipantId(7)).is_some());
}

/// Issue 12, item 7: the edit path and the file check each had their own copy of the rules, and
/// the edit path lacked some, so an edit could make a project that was refused when opened again.
#[test]
fn no_edit_makes_a_project_that_opening_it_would_refuse() {
    let mut project = project();
    let before = project.clone();
    let turn = |start, end| Turn {
        start,
        end,
        speaker: "A".into(),
        time_ms: None,
    };
    let transcript = |turns| {
        Edit::AddTranscript(Transcript {
            id: TranscriptId(2),
            name: "Second".into(),
            participant: None,
            case: None,
            memo: String::new(),
            speakers: vec![],
            turns,
            text: "Ti tegn her".into(),
        })
    };
    let coded = Excerpt {
        codes: vec!["same".into(), "same".into()],
        ..excerpt(1, 0, 3)
    };
    let refused = [
        transcript(vec![turn(0, 12)]),
        transcript(vec![turn(0, 6), turn(5, 11)]),
        Edit::AddExcerpt(coded),
        Edit::ReplaceText {
            transcript: TranscriptId(1),
            text: "Ny tekst".into(),
            turns: vec![turn(0, 5), turn(4, 8)],
            ranges: vec![],
        },
    ];
    for edit in refused {
        let error = project.apply(edit.clone()).unwrap_err();
        assert!(
            matches!(error, EditError::OutOfRange(_)),
            "{edit:?}: {error}"
        );
        assert_eq!(project, before, "{edit:?} changed the project");
    }
    project
        .apply(transcript(vec![turn(0, 3), turn(3, 11)]))
        .unwrap();
    project.validate().unwrap();
}
