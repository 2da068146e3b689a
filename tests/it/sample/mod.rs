//! The bundled sample project is built from `sample_projects/source/*.txt` and the coding written
//! here. `sample_project_is_built_from_its_sources` fails if the committed file differs from what
//! the sources give; run it with `CONTINUUM_BLESS=1` to rewrite the file after changing them.
//!
//! The coding is data: the interviews and their excerpts in [`interviews`], the memo, cases and
//! codes in [`study`]; this module builds the project from them.

mod interviews;
mod study;

use crate::support::fixtures;
use continuum::io;
use continuum::model::*;
use interviews::INTERVIEWS;
use std::path::{Path, PathBuf};
use study::{CASES, CODES, PROJECT_MEMO};

fn source_folder() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("sample_projects/source")
}

/// Builds the sample project from its sources, through the same edit path the GUI uses.
pub fn build_sample() -> Project {
    let mut project = Project::new("Closeness and distance in two Danish care settings");
    let apply = |project: &mut Project, edit: Edit| {
        project.apply(edit).expect("sample edit is valid");
    };
    apply(
        &mut project,
        Edit::SetMemo {
            target: MemoTarget::Project,
            text: PROJECT_MEMO.to_owned(),
        },
    );
    for (i, (name, description)) in CASES.iter().enumerate() {
        let case = Case {
            description: (*description).to_owned(),
            ..fixtures::case(i as u32 + 1, name)
        };
        apply(&mut project, Edit::AddCase(case));
    }
    let annotators = [
        ("Anna Holm", Colour::PALETTE[0]),
        ("Jonas Berg", Colour::PALETTE[1]),
    ];
    for (i, (name, colour)) in annotators.iter().enumerate() {
        apply(
            &mut project,
            Edit::AddAnnotator(fixtures::annotator(i as u32 + 1, name, *colour)),
        );
    }
    // Fixed times keep the sample byte-for-byte reproducible.
    let anna_start = Timestamp::parse("2026-10-05T09:00:00Z").unwrap();
    let jonas_start = Timestamp::parse("2026-10-07T13:00:00Z").unwrap();
    let mut minutes = 0;
    for (i, interview) in INTERVIEWS.iter().enumerate() {
        let id = i as u32 + 1;
        let participant = ParticipantId(id);
        apply(
            &mut project,
            Edit::AddParticipant(fixtures::participant(
                id,
                interview.participant.0,
                interview.participant.1,
                Some(interview.case),
            )),
        );
        let source = std::fs::read_to_string(source_folder().join(interview.file)).unwrap();
        let (text, turns) = io::split_speaker_turns(&source);
        for coded in interview.coding {
            assert_eq!(
                text.matches(coded.quote).count(),
                1,
                "{}: quote must occur once: {:?}",
                interview.file,
                coded.quote
            );
        }
        apply(
            &mut project,
            Edit::AddTranscript(Transcript {
                participant: Some(participant),
                case: Some(CaseId(interview.case)),
                memo: interview.memo.to_owned(),
                turns,
                ..fixtures::transcript(id, interview.name, text.clone())
            }),
        );
        for coded in interview.coding {
            let byte = text.find(coded.quote).unwrap();
            let start = text[..byte].chars().count();
            let excerpt = project.next_excerpt_id().unwrap();
            apply(
                &mut project,
                Edit::AddExcerpt(Excerpt {
                    label: coded.label.to_owned(),
                    memo: coded.memo.to_owned(),
                    ..fixtures::excerpt(excerpt.0, id, start, start + coded.quote.chars().count())
                }),
            );
            minutes += 4;
            for (annotator, coding, start) in [
                (AnnotatorId(1), coded.anna, anna_start),
                (AnnotatorId(2), coded.jonas, jonas_start),
            ] {
                let Some((position, memo)) = coding else {
                    continue;
                };
                let at = Timestamp(start.0 + minutes * 60);
                let place = Edit::place(&project, annotator, excerpt, position, at);
                apply(&mut project, place);
                if !memo.is_empty() {
                    apply(
                        &mut project,
                        Edit::SetMemo {
                            target: MemoTarget::Placement(annotator, excerpt),
                            text: memo.to_owned(),
                        },
                    );
                }
            }
        }
    }
    for (code, labels) in CODES {
        for label in *labels {
            let excerpt = project
                .excerpts
                .iter()
                .find(|e| e.label == *label)
                .unwrap_or_else(|| panic!("no excerpt labelled {label:?}"));
            let codes = excerpt
                .codes
                .iter()
                .cloned()
                .chain([code.to_string()])
                .collect();
            let id = excerpt.id;
            apply(&mut project, Edit::SetExcerptCodes { excerpt: id, codes });
        }
    }
    project
}

#[test]
fn sample_project_is_built_from_its_sources() {
    let built = io::to_ron_string(&build_sample());
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("sample_projects/care-settings.continuum");
    if std::env::var_os("CONTINUUM_BLESS").is_some() {
        io::write_atomically(&path, built.as_bytes()).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap();
    assert!(
        committed == built,
        "the sample project is out of date; rerun with CONTINUUM_BLESS=1"
    );
}

#[test]
fn sample_project_is_rich_enough_to_learn_from() {
    let project = build_sample();
    assert_eq!(project.cases.len(), 2);
    assert!(project.transcripts.len() >= 6);
    for t in &project.transcripts {
        assert!(
            t.text.split_whitespace().count() >= 800,
            "{} is too short",
            t.name
        );
        assert!(t.turns.len() >= 16, "{} has too few turns", t.name);
    }
    assert_eq!(project.annotators.len(), 2);
    // The two settings lean to opposite ends: mean placement per case.
    let mean = |case: u32| {
        let positions: Vec<f64> = project
            .annotators
            .iter()
            .flat_map(|a| &a.placements)
            .filter(|p| {
                let e = project.excerpt(p.excerpt).unwrap();
                project.transcript(e.transcript).unwrap().case == Some(CaseId(case))
            })
            .map(|p| p.position)
            .collect();
        positions.iter().sum::<f64>() / positions.len() as f64
    };
    assert!(
        mean(1) < 0.45,
        "home care should lean to closeness: {}",
        mean(1)
    );
    assert!(
        mean(2) > 0.6,
        "the day centre should lean to distance: {}",
        mean(2)
    );
}
