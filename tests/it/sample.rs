//! The bundled sample project is built from `sample_projects/source/*.txt` and the coding below.
//! `sample_project_is_built_from_its_sources` fails if the committed file differs from what the
//! sources give; run it with `CONTINUUM_BLESS=1` to rewrite the file after changing them.

use crate::support::fixtures;
use continuum::io;
use continuum::model::*;
use std::path::{Path, PathBuf};

struct Coded {
    quote: &'static str,
    label: &'static str,
    memo: &'static str,
    anna: Option<(f64, &'static str)>,
    jonas: Option<(f64, &'static str)>,
}

const fn c(
    quote: &'static str,
    label: &'static str,
    memo: &'static str,
    anna: Option<(f64, &'static str)>,
    jonas: Option<(f64, &'static str)>,
) -> Coded {
    Coded {
        quote,
        label,
        memo,
        anna,
        jonas,
    }
}

struct Interview {
    file: &'static str,
    name: &'static str,
    participant: (&'static str, &'static str),
    case: u32,
    memo: &'static str,
    coding: &'static [Coded],
}

const INTERVIEWS: &[Interview] = &[
    Interview {
        file: "01-birgitte-manager-vestbo.txt",
        name: "Birgitte Ravn, manager",
        participant: ("Birgitte Ravn", "manager"),
        case: 1,
        memo: "Interviewed in the unit's office. Speaks as the architect of the fixed-team model; careful to balance warmth with team accountability.",
        coding: &[
            c(
                "we are not strangers walking in with a key box any more, we are part of her week",
                "Part of her week",
                "",
                Some((
                    0.22,
                    "Staff belong to the citizen's week: kin-like routine rather than service.",
                )),
                Some((
                    0.30,
                    "Routine closeness; I read it as friend rather than family.",
                )),
            ),
            c(
                "it is not unprofessional to be fond of someone",
                "Fond is not unprofessional",
                "Key display rule of the unit: affection is legitimate.",
                Some((
                    0.35,
                    "The manager makes friend-like affection part of the role.",
                )),
                Some((0.40, "")),
            ),
            c(
                "So the closeness belongs to the team, not only to one person.",
                "Closeness belongs to the team",
                "",
                Some((
                    0.52,
                    "Closeness bounded by the team moves it towards professional.",
                )),
                Some((0.55, "Team as the frame for closeness.")),
            ),
            c(
                "Nothing should be a secret. If you feel you cannot tell your colleagues about it, then it is probably over the line.",
                "Nothing should be a secret",
                "Transparency rule: the test for the grey zone.",
                Some((0.58, "")),
                Some((0.62, "Transparency is the professional limit on closeness.")),
            ),
            c(
                "Closeness without the team around it can become a burden for both sides.",
                "Closeness as burden",
                "",
                Some((
                    0.62,
                    "Closeness pathologised as dependence when it is individual.",
                )),
                Some((
                    0.50,
                    "Not distance as such: she wants closeness, held by the team.",
                )),
            ),
            c(
                "we had been more of a family to his father than he had been in the last years",
                "More of a family than the son",
                "The manager is moved and uneasy at once.",
                Some((0.05, "Family end, in the son's words.")),
                Some((0.12, "Family, though reported second-hand.")),
            ),
            c(
                "Somewhere between friend and professional, I think, but closer to friend than most people would expect from a public service. A good neighbour, maybe.",
                "A good neighbour",
                "",
                Some((
                    0.40,
                    "Her own placement: between friend and professional, nearer friend.",
                )),
                Some((0.42, "")),
            ),
        ],
    },
    Interview {
        file: "02-mette-staff-vestbo.txt",
        name: "Mette Sørensen, home-care worker",
        participant: ("Mette Sørensen", "staff"),
        case: 1,
        memo: "Eleven years in home care; contrasts the old route-based job with the fixed team.",
        coding: &[
            c(
                "She calls me her girl.",
                "She calls me her girl",
                "Kin term used by the citizen and accepted by the worker.",
                Some((0.08, "Family: the worker accepts a daughter-like name.")),
                Some((0.15, "Family end, slightly tempered by humour.")),
            ),
            c(
                "My husband teases me that I have two families.",
                "Two families",
                "",
                Some((0.06, "")),
                Some((0.10, "Work framed as a second family.")),
            ),
            c(
                "I did not know whether I was a guest or a mourner.",
                "Guest or mourner",
                "The uncertainty itself is the finding.",
                Some((0.20, "Between family and friend: she grieves like kin.")),
                Some((0.35, "She stands at the back: friend rather than family.")),
            ),
            c(
                "I had made myself her friend, and then I could not be her friend properly, because I was also her helper and I had my own life.",
                "Could not be her friend properly",
                "",
                Some((
                    0.55,
                    "Learned limit: friendship collides with the helper role.",
                )),
                Some((0.48, "")),
            ),
            c(
                "She forms them, I stand at the stove, because her balance is not good.",
                "Frikadeller together",
                "Co-production in a concrete task.",
                Some((0.30, "Reciprocal, shared task: friend-like.")),
                Some((0.28, "Doing with, not for.")),
            ),
            c(
                "It is a bit like family, the way you are with an old aunt you visit.",
                "Like an old aunt",
                "",
                Some((0.12, "")),
                Some((0.18, "Extended family: close but with some distance.")),
            ),
            c(
                "he does not want them to depend on him. He is friendly, but he keeps it a bit lighter.",
                "Jesper keeps it lighter",
                "A colleague's more distanced style, accepted by the team.",
                Some((0.60, "")),
                Some((0.66, "Friendly professional.")),
            ),
        ],
    },
    Interview {
        file: "03-ingrid-citizen-vestbo.txt",
        name: "Ingrid Dahl, citizen",
        participant: ("Ingrid Dahl", "citizen"),
        case: 1,
        memo: "Interviewed at home over coffee, in the blue cups. Mette was not present.",
        coding: &[
            c(
                "Strangers in my house, opening my cupboards.",
                "Strangers in my house",
                "The time before fixed teams.",
                Some((0.95, "The old regime: strangers.")),
                Some((0.92, "")),
            ),
            c(
                "Mette is my girl. She is like a daughter to me, almost.",
                "Like a daughter, almost",
                "",
                Some((0.04, "Family, with her own qualifier 'almost'.")),
                Some((0.08, "")),
            ),
            c(
                "You get so tired of only receiving. When you only receive, you start to feel like a burden.",
                "Tired of only receiving",
                "Reciprocity as the citizen's own need, not only the staff's.",
                Some((0.30, "")),
                Some((0.36, "Friend: the wish to give back.")),
            ),
            c(
                "They were polite, but they were like the man who reads the electricity meter.",
                "Like the meter reader",
                "",
                Some((0.90, "Polite strangers.")),
                Some((0.86, "Stranger, though polite.")),
            ),
            c(
                "It is a job, and she likes me. I can live with both.",
                "A job, and she likes me",
                "The citizen holds both frames at once.",
                Some((
                    0.38,
                    "Both friend and professional: I put it nearer friend.",
                )),
                Some((0.45, "Midway between friend and professional.")),
            ),
            c(
                "I did not know him, but he held my hand.",
                "A stranger held my hand",
                "",
                Some((0.78, "Kind stranger: warmth without a relationship.")),
                Some((0.70, "")),
            ),
            c(
                "Mette near the family end. Not at the very end, because she is not my daughter",
                "Near the family end",
                "The citizen's own placement.",
                Some((0.10, "")),
                Some((0.14, "Taken at her word.")),
            ),
        ],
    },
    Interview {
        file: "04-soeren-manager-lindely.txt",
        name: "Søren Kjær, manager",
        participant: ("Søren Kjær", "manager"),
        case: 2,
        memo: "Former quality-standards officer. Frames co-production as staff stepping back so that networks form elsewhere.",
        coding: &[
            c(
                "If a citizen says my best friend is the activity worker, I would see that as a small failure on our part.",
                "Best friend would be a failure",
                "Closeness to staff read as a failure of co-production.",
                Some((0.72, "")),
                Some((0.80, "Distance as the goal of the model.")),
            ),
            c(
                "The same friendliness for the difficult man in the corner as for the charming lady who brings cake.",
                "Even-handed friendliness",
                "",
                Some((0.70, "Impartial friendliness: professional.")),
                Some((0.68, "")),
            ),
            c(
                "I think people misunderstand professional distance as coldness. For me it is a form of respect.",
                "Distance as respect",
                "Normative defence of distance.",
                Some((0.68, "Professional, explicitly not stranger.")),
                Some((0.75, "")),
            ),
            c(
                "Closeness is good, but it needs a frame. Without the frame, people get hurt.",
                "Closeness needs a frame",
                "Echoes Birgitte's 'team' almost word for word; the cases differ in what the frame allows.",
                Some((0.62, "")),
                Some((0.58, "Closer to Vestbo than the rest of his interview.")),
            ),
            c(
                "At professional, quite firmly. Friendly professionals.",
                "Firmly professional",
                "",
                Some((0.67, "His own placement.")),
                Some((0.70, "")),
            ),
            c(
                "you are the scaffolding, not the house.",
                "Scaffolding, not the house",
                "The centre's key metaphor.",
                Some((
                    0.80,
                    "Beyond professional: staff as structure, not relationship.",
                )),
                Some((0.85, "Near stranger in function, not in attitude.")),
            ),
        ],
    },
    Interview {
        file: "05-louise-staff-lindely.txt",
        name: "Louise Østergaard, activity worker",
        participant: ("Louise Østergaard", "staff"),
        case: 2,
        memo: "Occupational therapist; contact person for fifteen citizens.",
        coding: &[
            c(
                "When someone starts to talk about me as their friend, I gently turn it towards the others.",
                "Turning friendship to the others",
                "Redirecting closeness to peers: the centre's co-production strategy in action.",
                Some((0.70, "")),
                Some((0.74, "Deliberate distance, warmly done.")),
            ),
            c(
                "It is not kind, even though it feels kind at the time.",
                "Not kind, though it feels kind",
                "",
                Some((0.72, "Closeness pathologised as creating dependence.")),
                Some((0.76, "")),
            ),
            c(
                "It is easier to say, the centre does not allow it, than to say, I do not want to.",
                "The rules speak for me",
                "Rules as a shield for the worker.",
                Some((0.78, "")),
                Some((0.72, "Professional: the rule carries the refusal.")),
            ),
            c(
                "I went out to my car afterwards and cried.",
                "Cried in the car",
                "Feeling kept backstage.",
                Some((0.40, "The feeling is friend-like, whatever the rules say.")),
                Some((
                    0.55,
                    "Felt but not displayed: that is the professional display rule.",
                )),
            ),
            c(
                "But I did not go to her funeral. That felt like the family's place",
                "Not at the funeral",
                "Compare Mette at Mr Lund's funeral.",
                Some((0.74, "")),
                Some((0.70, "")),
            ),
            c(
                "you are like the referee at a football match, you only notice her when something goes wrong.",
                "Like a referee",
                "",
                Some((0.85, "Quoted approvingly: near stranger in visibility.")),
                Some((0.80, "Professional at its most distant.")),
            ),
            c(
                "At professional. Maybe a little towards friend, on good days.",
                "Professional, towards friend on good days",
                "Her own placement.",
                None,
                Some((0.62, "")),
            ),
        ],
    },
    Interview {
        file: "06-poul-citizen-lindely.txt",
        name: "Poul Frederiksen, citizen",
        participant: ("Poul Frederiksen", "citizen"),
        case: 2,
        memo: "Widower, retired mechanic; interviewed in the centre's workshop.",
        coding: &[
            c(
                "But I felt like a stranger at somebody else's party.",
                "Stranger at someone's party",
                "",
                Some((0.95, "Stranger, on arrival.")),
                Some((0.90, "")),
            ),
            c(
                "They are friendly with everybody the same way, which is fair, I suppose.",
                "Friendly with everybody the same",
                "The citizen's view of the even-handedness rule.",
                Some((0.74, "")),
                Some((0.70, "Professional, accepted as fair.")),
            ),
            c(
                "It is her job to be nice to me.",
                "Her job to be nice",
                "",
                Some((0.80, "Paid kindness: towards stranger.")),
                Some((0.84, "")),
            ),
            c(
                "But she sounded like she meant it.",
                "Sounded like she meant it",
                "Warmth leaking through the routine call.",
                None,
                Some((0.50, "Between friend and professional.")),
            ),
            c(
                "I found friends here. Not among the staff, among the others.",
                "Friends among the others",
                "Co-production working as the manager intends.",
                Some((0.76, "About staff: clearly not friends.")),
                Some((0.82, "")),
            ),
            c(
                "More like the good people at the bank, or a good doctor.",
                "Like the good people at the bank",
                "",
                Some((0.84, "")),
                Some((0.86, "Professional-to-stranger.")),
            ),
            c(
                "If Louise had been my friend, maybe I would not have bothered with Erik.",
                "Would not have bothered with Erik",
                "The citizen endorses the distance in hindsight.",
                Some((0.70, "")),
                Some((0.66, "")),
            ),
        ],
    },
];

const CASES: [(&str, &str); 2] = [
    (
        "Hjemmeplejen Vestbo",
        "Home-care unit; small fixed teams and 'doing things together' since joining the co-production programme.",
    ),
    (
        "Dagcentret Lindely",
        "Day centre; co-production through a users' council, volunteers and peer networks, with staff as facilitators.",
    ),
];

const PROJECT_MEMO: &str = "Fictional sample for Continuum, modelled on the study design of Mortensen & Needham (2019), \
\"Family, friend, professional, stranger?\". Two Danish care settings that have committed to co-production: \
a home-care unit (Vestbo) and a day centre (Lindely). Interviews with a manager, a member of staff and a citizen in each.

Question: where do the display rules of each setting put paid workers on the continuum from emotional closeness to distance?
Coding: Anna and Jonas place the excerpts independently (Anna still has two to place); compare before settling.";

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

/// A few codes on the sample's excerpts (by label), so the map's code filter has something to do.
const CODES: &[(&str, &[&str])] = &[
    (
        "kin terms",
        &[
            "She calls me her girl",
            "Like a daughter, almost",
            "Like an old aunt",
            "Two families",
            "More of a family than the son",
        ],
    ),
    (
        "display rules",
        &[
            "Fond is not unprofessional",
            "Nothing should be a secret",
            "Closeness needs a frame",
            "The rules speak for me",
            "Not kind, though it feels kind",
        ],
    ),
    (
        "reciprocity",
        &[
            "Tired of only receiving",
            "Frikadeller together",
            "A good neighbour",
        ],
    ),
    (
        "co-production",
        &[
            "Frikadeller together",
            "Best friend would be a failure",
            "Turning friendship to the others",
            "Scaffolding, not the house",
        ],
    ),
    (
        "death and farewell",
        &[
            "Guest or mourner",
            "Not at the funeral",
            "Cried in the car",
            "A stranger held my hand",
        ],
    ),
];

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
