//! Searches over small hand-made projects: text compared as text, whole words, filters by
//! speaker, role, case and code, notes, and the bounds.

use super::*;
use crate::model::{
    Annotator, Case, Colour, Excerpt, Participant, ParticipantId, Placement, Speaker, Timestamp,
    Transcript, char_slice,
};

/// A transcript whose turns are given as (speaker, words), joined by line breaks.
fn transcript(id: u32, name: &str, turns: &[(&str, &str)]) -> Transcript {
    Transcript::of_turns(TranscriptId(id), name, turns)
}

fn project(transcripts: Vec<Transcript>) -> Project {
    let mut project = Project::new("Search");
    project.transcripts = transcripts;
    project
}

/// The hit texts as stored, in order.
fn found(project: &Project, query: &Query) -> Vec<String> {
    search(project, query)
        .unwrap()
        .hits
        .iter()
        .map(|hit| {
            let text = match hit.place {
                Place::Transcript(t) => project.transcript(t).unwrap().text.as_str(),
                _ => panic!("a transcript hit was expected"),
            };
            char_slice(text, hit.start, hit.end).to_owned()
        })
        .collect()
}

fn words(text: &str) -> Query {
    Query::words(text)
}

#[test]
fn composed_and_decomposed_letters_find_each_other_and_offsets_are_exact() {
    // "på" and "blåbær" written decomposed (as macOS may store them) in the text.
    let decomposed = "Vi tog pa\u{30a} tur og plukkede bla\u{30a}bær.";
    let p = project(vec![transcript(1, "t", &[("Mette", decomposed)])]);
    assert_eq!(found(&p, &words("blåbær")), ["bla\u{30a}bær"]);
    assert_eq!(found(&p, &words("på")), ["pa\u{30a}"]);
    let hit = &search(&p, &words("blåbær")).unwrap().hits[0];
    assert_eq!((hit.start, hit.end), (27, 34));
    // A bare "a" is not the "a" of a decomposed "å".
    assert!(
        found(
            &p,
            &Query {
                whole_words: true,
                ..words("pa")
            }
        )
        .is_empty()
    );
    // And the other way round: a decomposed pattern finds composed text.
    let composed = project(vec![transcript(1, "t", &[("Mette", "Vi tog på tur.")])]);
    assert_eq!(found(&composed, &words("pa\u{30a}")), ["på"]);
}

#[test]
fn case_folding_is_unicode_aware() {
    let p = project(vec![transcript(
        1,
        "t",
        &[(
            "A",
            "ÆBLER og æbler. Die Straße, DIE STRASSE und die strasse.",
        )],
    )]);
    assert_eq!(found(&p, &words("æbler")), ["ÆBLER", "æbler"]);
    assert_eq!(found(&p, &words("Æbler")), ["ÆBLER", "æbler"]);
    assert_eq!(
        found(&p, &words("straße")),
        ["Straße", "STRASSE", "strasse"]
    );
    assert_eq!(
        found(&p, &words("STRASSE")),
        ["Straße", "STRASSE", "strasse"]
    );
    let exact = Query {
        match_case: true,
        ..words("Straße")
    };
    assert_eq!(found(&p, &exact), ["Straße"]);
    // Hits after the "ß" (one char, two folded bytes) still land on the right chars.
    let after = search(&p, &words("und")).unwrap();
    let text = &p.transcripts[0].text;
    assert_eq!(
        char_slice(text, after.hits[0].start, after.hits[0].end),
        "und"
    );
}

#[test]
fn accents_are_kept_apart_unless_asked() {
    let p = project(vec![transcript(
        1,
        "t",
        &[("A", "En café, en cafe, og så sa han.")],
    )]);
    assert_eq!(found(&p, &words("café")), ["café"]);
    let ignoring = Query {
        ignore_accents: true,
        ..words("cafe")
    };
    assert_eq!(found(&p, &ignoring), ["café", "cafe"]);
    // "å" is its own letter in Danish: "sa" does not find "så" unless accents are ignored.
    let whole = Query {
        whole_words: true,
        ..words("sa")
    };
    assert_eq!(found(&p, &whole), ["sa"]);
    assert_eq!(
        found(
            &p,
            &Query {
                ignore_accents: true,
                ..whole
            }
        ),
        ["så", "sa"]
    );
}

#[test]
fn whole_words_stop_at_punctuation_and_not_inside_words() {
    let p = project(vec![transcript(
        1,
        "t",
        &[(
            "A",
            "Familie, familien (familie) \"familie\" familie-liv storfamilie familie.",
        )],
    )]);
    let whole = Query {
        whole_words: true,
        ..words("familie")
    };
    assert_eq!(found(&p, &whole).len(), 5, "{:?}", found(&p, &whole));
    let hits = search(&p, &whole).unwrap().hits;
    let text = &p.transcripts[0].text;
    let starts: Vec<&str> = hits
        .iter()
        .map(|h| char_slice(text, h.start.saturating_sub(1), h.start))
        .collect();
    assert_eq!(starts, ["", "(", "\"", " ", " "]);
    // Without whole words, "familien" and "storfamilie" count too.
    assert_eq!(found(&p, &words("familie")).len(), 7);
    // A regular expression with whole words is wrapped in word boundaries.
    let regex = Query {
        mode: Mode::Regex,
        whole_words: true,
        ..words("famil\\w+")
    };
    assert_eq!(
        found(&p, &regex),
        [
            "Familie", "familien", "familie", "familie", "familie", "familie"
        ]
    );
}

#[test]
fn several_words_find_any_and_a_phrase_finds_them_together() {
    let p = project(vec![transcript(
        1,
        "t",
        &[(
            "A",
            "Hun er som familie for mig, en veninde.\nDet er en\ndisplay rule at smile.",
        )],
    )]);
    assert_eq!(found(&p, &words("veninde familie")), ["familie", "veninde"]);
    assert_eq!(
        found(&p, &words("\"display rule\" smile")),
        ["display rule", "smile"]
    );
    let phrase = Query {
        mode: Mode::Phrase,
        ..words("er en display")
    };
    // The phrase is found across a line break.
    assert_eq!(found(&p, &phrase), ["er en\ndisplay"]);
}

#[test]
fn a_regular_expression_finds_what_it_says_and_a_mistake_is_explained() {
    let p = project(vec![transcript(
        1,
        "t",
        &[("A", "Familie, veninde, venner, venskab.")],
    )]);
    let regex = Query {
        mode: Mode::Regex,
        ..words("ven(inde|ner)")
    };
    assert_eq!(found(&p, &regex), ["veninde", "venner"]);
    let broken = Query {
        mode: Mode::Regex,
        ..words("ven(inde")
    };
    let error = search(&p, &broken).unwrap_err();
    assert_eq!(
        error.to_string(),
        "The regular expression has a mistake at character 4: unclosed group."
    );
    // An expression that matches nothing but empty text gives no hits and does not loop.
    let empty = Query {
        mode: Mode::Regex,
        ..words("x*")
    };
    assert!(found(&p, &empty).is_empty());
}

/// Two interviews in two cases: an interviewer, a participant, and a focus-group speaker mapped
/// to a second participant with another role.
fn interviews() -> Project {
    let mut first = transcript(
        1,
        "Mette",
        &[
            ("Interviewer", "Er de som familie for dig?"),
            ("Mette", "Ja, nærmest familie. Men jeg er professionel."),
            ("Leder", "Vi taler om familie i personalegruppen."),
        ],
    );
    first.participant = Some(ParticipantId(1));
    first.case = Some(CaseId(1));
    first.speakers = vec![
        Speaker {
            name: "Interviewer".into(),
            participant: None,
            interviewer: true,
        },
        Speaker {
            name: "Leder".into(),
            participant: Some(ParticipantId(2)),
            interviewer: false,
        },
    ];
    let mut second = transcript(
        2,
        "Fru Dahl",
        &[("Fru Dahl", "Hun er ikke familie, men en ven.")],
    );
    second.participant = Some(ParticipantId(3));
    second.case = Some(CaseId(2));
    let mut p = project(vec![first, second]);
    p.cases = vec![
        Case {
            id: CaseId(1),
            name: "Vestbo".into(),
            description: String::new(),
        },
        Case {
            id: CaseId(2),
            name: "Lindely".into(),
            description: String::new(),
        },
    ];
    let participant = |id, name: &str, role: &str, case| Participant {
        id: ParticipantId(id),
        name: name.into(),
        role: role.into(),
        case: Some(CaseId(case)),
    };
    p.participants = vec![
        participant(1, "Mette", "staff", 1),
        participant(2, "Leder", "manager", 1),
        participant(3, "Fru Dahl", "citizen", 2),
    ];
    p
}

#[test]
fn hits_carry_speaker_role_case_and_context_within_the_turn() {
    let p = interviews();
    let results = search(&p, &words("familie")).unwrap();
    assert_eq!(results.total, 4);
    let speakers: Vec<(&str, bool, &str)> = results
        .hits
        .iter()
        .map(|h| (h.speaker.as_str(), h.interviewer, h.role.as_str()))
        .collect();
    assert_eq!(
        speakers,
        [
            ("Interviewer", true, ""),
            ("Mette", false, "staff"),
            ("Leder", false, "manager"),
            ("Fru Dahl", false, "citizen"),
        ]
    );
    let mette = &results.hits[1];
    assert_eq!(mette.left, "Ja, nærmest ");
    assert_eq!(mette.matched, "familie");
    assert_eq!(mette.right, ". Men jeg er professionel.");
    assert_eq!(results.by_transcript[&TranscriptId(1)], 3);
    assert_eq!(results.by_case[&Some(CaseId(2))], 1);
    assert_eq!(results.by_role["manager"], 1);
}

#[test]
fn scope_restricts_to_speakers_roles_cases_and_one_transcript() {
    let p = interviews();
    let with = |scope: Scope| {
        search(
            &p,
            &Query {
                scope,
                ..words("familie")
            },
        )
        .unwrap()
        .hits
        .iter()
        .map(|h| h.speaker.clone())
        .collect::<Vec<_>>()
    };
    let participants = Scope {
        speakers: Speakers::Participants,
        ..Scope::default()
    };
    assert_eq!(with(participants), ["Mette", "Leder", "Fru Dahl"]);
    let interviewer = Scope {
        speakers: Speakers::Interviewer,
        ..Scope::default()
    };
    assert_eq!(with(interviewer), ["Interviewer"]);
    let named = Scope {
        speakers: Speakers::Named("Leder".into()),
        ..Scope::default()
    };
    assert_eq!(with(named), ["Leder"]);
    let role = Scope {
        role: Some("citizen".into()),
        ..Scope::default()
    };
    assert_eq!(with(role), ["Fru Dahl"]);
    let case = Scope {
        case: Some(CaseId(1)),
        ..Scope::default()
    };
    assert_eq!(with(case), ["Interviewer", "Mette", "Leder"]);
    let one = Scope {
        transcript: Some(TranscriptId(2)),
        ..Scope::default()
    };
    assert_eq!(with(one), ["Fru Dahl"]);
}

fn excerpt(id: u32, transcript: u32, start: usize, end: usize, codes: &[&str]) -> Excerpt {
    Excerpt {
        id: ExcerptId(id),
        transcript: TranscriptId(transcript),
        start,
        end,
        label: String::new(),
        memo: String::new(),
        codes: codes.iter().map(|c| (*c).into()).collect(),
    }
}

#[test]
fn a_hit_knows_the_smallest_excerpt_holding_it_and_codes_filter_by_excerpt() {
    let mut p = interviews();
    let text = &p.transcripts[0].text;
    let at = text.find("nærmest familie").unwrap();
    let start = text[..at].chars().count();
    // A wide excerpt over Mette's turn and a narrow one over "nærmest familie".
    p.excerpts = vec![
        excerpt(1, 1, start - 4, start + 45, &["closeness"]),
        excerpt(2, 1, start, start + 15, &["display rule"]),
    ];
    let results = search(&p, &words("familie")).unwrap();
    let inside: Vec<Option<ExcerptId>> = results.hits.iter().map(|h| h.excerpt).collect();
    assert_eq!(inside, [None, Some(ExcerptId(2)), None, None]);
    let coded = Query {
        scope: Scope {
            code: Some("closeness".into()),
            ..Scope::default()
        },
        ..words("familie professionel")
    };
    let hits = search(&p, &coded).unwrap().hits;
    assert_eq!(hits.len(), 2);
    assert!(hits.iter().all(|h| h.excerpt == Some(ExcerptId(1))));
}

#[test]
fn notes_are_searched_when_asked_and_blind_coding_hides_the_others_memos() {
    let mut p = interviews();
    p.memo = "Project about familie.".into();
    p.transcripts[1].memo = "She spoke of familie twice.".into();
    let mut e = excerpt(1, 1, 0, 5, &["familie-ish"]);
    e.label = "Familie talk".into();
    p.excerpts = vec![e];
    let placement = |memo: &str| Placement {
        excerpt: ExcerptId(1),
        position: 0.2,
        memo: memo.into(),
        created: Timestamp::parse("2026-01-01T00:00:00Z").unwrap(),
        modified: Timestamp::parse("2026-01-01T00:00:00Z").unwrap(),
    };
    let annotator = |id, memo: &str| Annotator {
        id: AnnotatorId(id),
        name: format!("A{id}"),
        colour: Colour::from_hex("#336699").unwrap(),
        placements: vec![placement(memo)],
        consensus: false,
    };
    p.annotators = vec![annotator(1, "like familie"), annotator(2, "familie again")];
    let query = Query {
        scope: Scope {
            notes: true,
            ..Scope::default()
        },
        ..words("familie")
    };
    let places = |p: &Project| {
        search(p, &query)
            .unwrap()
            .hits
            .iter()
            .filter(|h| !matches!(h.place, Place::Transcript(_)))
            .map(|h| h.place)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        places(&p),
        [
            Place::ProjectMemo,
            Place::TranscriptMemo(TranscriptId(2)),
            Place::ExcerptLabel(ExcerptId(1)),
            Place::ExcerptCodes(ExcerptId(1)),
            Place::PlacementMemo(AnnotatorId(1), ExcerptId(1)),
            Place::PlacementMemo(AnnotatorId(2), ExcerptId(1)),
        ]
    );
    p.blind = Some(AnnotatorId(2));
    assert_eq!(
        places(&p).last(),
        Some(&Place::PlacementMemo(AnnotatorId(2), ExcerptId(1)))
    );
    assert!(!places(&p).contains(&Place::PlacementMemo(AnnotatorId(1), ExcerptId(1))));
    // Without notes, only the transcripts.
    assert_eq!(search(&p, &words("familie")).unwrap().in_notes, 0);
}

#[test]
fn past_the_limit_hits_are_counted_but_not_kept() {
    let text = "ja ".repeat(MAX_HITS + 500);
    let p = project(vec![transcript(1, "t", &[("A", &text)])]);
    let results = search(&p, &words("ja")).unwrap();
    assert_eq!(results.total, MAX_HITS + 500);
    assert_eq!(results.hits.len(), MAX_HITS);
    assert!(results.is_cut());
}

#[test]
fn a_search_can_be_stopped_between_texts() {
    let p = interviews();
    let mut asked = 0;
    let outcome = search_until(&p, &words("familie"), &mut || {
        asked += 1;
        asked > 1
    });
    assert_eq!(outcome.unwrap_err(), SearchError::Stopped);
}

proptest::proptest! {
    /// On ASCII text with case kept, hits are exactly where `str::match_indices` finds the word.
    #[test]
    fn hits_agree_with_a_plain_search_on_ascii(
        text in "[ab .\\n]{0,200}",
        word in "[ab]{1,3}",
    ) {
        let p = project(vec![transcript(1, "t", &[("A", &text)])]);
        let query = Query { match_case: true, ..words(&word) };
        let hits: Vec<(usize, usize)> = search(&p, &query)
            .unwrap()
            .hits
            .iter()
            .map(|h| (h.start, h.end))
            .collect();
        let expected: Vec<(usize, usize)> = text
            .match_indices(word.as_str())
            .map(|(at, _)| (at, at + word.len()))
            .collect();
        proptest::prop_assert_eq!(hits, expected);
    }

    /// Whatever the text, every hit's offsets slice out text that folds to the folded word.
    #[test]
    fn every_hit_slices_out_the_word_it_matched(
        text in "[aAåÅæÆßs\u{30a} .]{0,120}",
        word in "[aåæßs]{1,3}",
    ) {
        let p = project(vec![transcript(1, "t", &[("A", &text)])]);
        let folded_word = fold_words(&word, FoldOptions::default());
        for hit in search(&p, &words(&word)).unwrap().hits {
            let slice = char_slice(&text, hit.start, hit.end);
            proptest::prop_assert_eq!(fold_words(slice, FoldOptions::default()), folded_word.clone());
        }
    }
}
