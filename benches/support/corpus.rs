//! A generated study, shaped like a real one and as large as asked: interviews of speaker turns
//! (an interviewer asking, a participant answering, in Danish- and English-like words with æ, ø
//! and å), several cases and roles, multi-line memos, codes, and every excerpt placed by every
//! annotator. The same seed always gives the same project.
//!
//! Written once for two users: the scaling benchmarks (`benches/scale.rs`, which include this
//! file as a module) and `examples/generate.rs`, which writes a project file for the command
//! line and the window (`cargo run --release --example generate -- --help`).

use continuum::analysis::stats::Stream;
use continuum::model::{
    Annotator, AnnotatorId, Case, CaseId, Colour, Excerpt, ExcerptId, Participant, ParticipantId,
    Placement, Project, Speaker, Timestamp, Transcript, TranscriptId, Turn,
};

/// How large a study to generate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CorpusSpec {
    pub transcripts: u32,
    /// Words in each transcript.
    pub words: usize,
    /// Excerpts in each transcript.
    pub excerpts: u32,
    /// Annotators, each placing every excerpt.
    pub annotators: u32,
    pub seed: u64,
}

impl CorpusSpec {
    /// A study of `total` words in the shape of the large project (100 transcripts of
    /// 10,000 words, 200 excerpts each, 5 annotators): `total / 10,000` transcripts, at least one.
    pub fn of_words(total: usize) -> Self {
        Self {
            transcripts: (total / 10_000).max(1) as u32,
            words: total.min(10_000),
            excerpts: 200,
            annotators: 5,
            seed: 1,
        }
    }
}

/// The study's random choices, from the library's seeded stream (SplitMix64), so the same seed
/// gives the same study on every machine.
pub struct Rng(Stream);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(Stream::new(seed))
    }

    /// A number in `low..high` (`high` exclusive, greater than `low`).
    pub fn range(&mut self, low: usize, high: usize) -> usize {
        low + (self.0.next_u64() % (high - low) as u64) as usize
    }

    /// A number in 0..1.
    pub fn unit(&mut self) -> f64 {
        (self.0.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.range(0, items.len())]
    }
}

const WORDS: &[&str] = &[
    "jeg",
    "vi",
    "de",
    "hun",
    "han",
    "er",
    "var",
    "har",
    "kommer",
    "går",
    "siger",
    "tror",
    "ved",
    "og",
    "men",
    "så",
    "også",
    "måske",
    "aldrig",
    "altid",
    "lidt",
    "meget",
    "næsten",
    "bare",
    "borgerne",
    "borger",
    "hjælper",
    "hjælperne",
    "familie",
    "veninde",
    "nærhed",
    "afstand",
    "kaffe",
    "søndag",
    "køkkenet",
    "hjemmet",
    "plejen",
    "tæt",
    "på",
    "for",
    "med",
    "til",
    "fra",
    "om",
    "ikke",
    "det",
    "den",
    "en",
    "et",
    "at",
    "hjem",
    "tid",
    "grænser",
    "rolle",
    "fælles",
    "glæde",
    "ærlig",
    "første",
    "gøre",
    "være",
    "følelse",
    "tryghed",
    "rådhuset",
    "frivillige",
    "the",
    "care",
    "worker",
    "we",
    "they",
    "trust",
    "time",
    "close",
    "feel",
    "boundary",
    "friend",
    "professional",
    "stranger",
    "really",
    "kind",
    "of",
    "like",
    "you",
    "know",
    "home",
    "visit",
    "team",
    "rules",
    "together",
    "coffee",
    "morning",
    "always",
    "never",
    "a",
    "bit",
];

const QUESTIONS: &[&str] = &[
    "Hvordan vil du beskrive jeres forhold",
    "Kan du fortælle om en almindelig dag",
    "What does a good visit look like",
    "Hvad betyder det for dig",
    "Would you call them a friend",
    "Hvor går grænsen for dig",
    "Hvad sker der når nogen er syg",
];

const FIRST_NAMES: &[&str] = &[
    "Mette", "Søren", "Ingrid", "Louise", "Poul", "Birgitte", "Jørgen", "Åse", "Kirsten", "Niels",
    "Hanne", "Bjørn", "Grethe", "Lars", "Sørine", "Ærbo",
];
const LAST_NAMES: &[&str] = &[
    "Sørensen",
    "Dahl",
    "Østergaard",
    "Kjær",
    "Frederiksen",
    "Ravn",
    "Møller",
    "Læsø",
    "Holm",
    "Brøndum",
    "Nielsen",
    "Åberg",
];
const CASES: &[&str] = &[
    "Hjemmeplejen Vestbo",
    "Dagcentret Lindely",
    "Plejecenter Solgården",
    "Aktivitetshuset Åbyen",
    "Bostedet Kærlunden",
    "Hjemmeplejen Nørrevang",
];
const ROLES: &[&str] = &[
    "manager", "staff", "staff", "citizen", "citizen", "relative",
];
const CODES: &[&str] = &[
    "kin terms",
    "reciprocity",
    "display rules",
    "boundary work",
    "time pressure",
    "gifts",
    "humour",
    "continuity",
    "Attitude/sceptical",
    "Attitude/warm",
    "Attitude/ambivalent",
    "Setting/home",
    "Setting/centre",
    "co-production",
    "volunteers",
    "loneliness",
];
const ANNOTATORS: &[&str] = &["Anna", "Jonas", "Sofie", "Mikkel", "Freja", "Emil", "Ida"];

/// A project of `spec`'s size: cases, participants (one per transcript, with a role and a case),
/// transcripts of alternating turns with memos, excerpts inside the participants' turns (some
/// with labels, memos and codes), and every excerpt placed by every annotator, near a position
/// the excerpt "really" has, each annotator with a lean of their own. Valid, in canonical order.
pub fn generate(spec: &CorpusSpec) -> Project {
    let mut rng = Rng::new(spec.seed);
    let mut project = Project::new("Nærhed og afstand: a generated study");
    project.memo = format!(
        "Generated by examples/generate.rs (seed {}).\n\nQuestion: where do paid care workers \
         stand between \"family\" and \"stranger\"?\nCoding: every excerpt placed independently.",
        spec.seed
    );
    let cases = (spec.transcripts as usize).min(CASES.len());
    project.cases = (0..cases)
        .map(|i| Case {
            id: CaseId(i as u32 + 1),
            name: CASES[i].to_owned(),
            description: sentence(&mut rng, 8, 20, '.'),
        })
        .collect();
    let mut excerpts = Vec::new();
    for t in 0..spec.transcripts {
        let id = t + 1;
        let first = FIRST_NAMES[t as usize % FIRST_NAMES.len()];
        let last = LAST_NAMES[(t as usize / FIRST_NAMES.len()) % LAST_NAMES.len()];
        let case = CaseId(t % cases as u32 + 1);
        let participant = Participant {
            id: ParticipantId(id),
            name: format!("{first} {last}"),
            role: (*rng.pick(ROLES)).to_owned(),
            case: Some(case),
        };
        let (transcript, answers) = interview(&mut rng, id, first, spec.words);
        project.transcripts.push(Transcript {
            name: format!("{}, {}", participant.name, participant.role),
            participant: Some(participant.id),
            case: Some(case),
            memo: memo(&mut rng, 2, 5),
            ..transcript
        });
        project.participants.push(participant);
        excerpts.extend(excerpts_of(&mut rng, id, &answers, spec.excerpts));
    }
    for (i, excerpt) in excerpts.iter_mut().enumerate() {
        excerpt.id = ExcerptId(i as u32 + 1);
    }
    let truths: Vec<f64> = excerpts.iter().map(|_| rng.unit()).collect();
    project.excerpts = excerpts;
    for a in 0..spec.annotators {
        let lean = (rng.unit() - 0.5) * 0.2;
        let start = 1_767_225_600 + u64::from(a) * 86_400; // 2026-01-01, a day apart
        let placements = truths
            .iter()
            .enumerate()
            .map(|(i, truth)| {
                let noise = (rng.unit() + rng.unit() + rng.unit() - 1.5) * 0.2;
                let created = Timestamp(start + i as u64 * 37);
                Placement {
                    excerpt: ExcerptId(i as u32 + 1),
                    position: (truth + lean + noise).clamp(0.0, 1.0),
                    memo: if rng.chance(0.1) {
                        memo(&mut rng, 1, 3)
                    } else {
                        String::new()
                    },
                    created,
                    modified: Timestamp(created.0 + rng.range(0, 3) as u64 * 600),
                }
            })
            .collect();
        project.annotators.push(Annotator {
            id: AnnotatorId(a + 1),
            name: match ANNOTATORS.get(a as usize) {
                Some(name) => (*name).to_owned(),
                None => format!("Coder {}", a + 1),
            },
            colour: Colour::PALETTE[a as usize % Colour::PALETTE.len()],
            placements,
            consensus: false,
        });
    }
    project
}

/// A sentence of `min..max` words ending in `end`, its first letter capitalised.
fn sentence(rng: &mut Rng, min: usize, max: usize, end: char) -> String {
    let mut text = String::new();
    for i in 0..rng.range(min, max) {
        let word = *rng.pick(WORDS);
        if i == 0 {
            let mut chars = word.chars();
            text.extend(chars.next().into_iter().flat_map(char::to_uppercase));
            text.push_str(chars.as_str());
        } else {
            text.push(' ');
            text.push_str(word);
        }
    }
    text.push(end);
    text
}

/// A memo of `min..max` lines, some of them quoting a participant.
fn memo(rng: &mut Rng, min: usize, max: usize) -> String {
    (0..rng.range(min, max))
        .map(|_| {
            if rng.chance(0.2) {
                format!("She says \"{}\"", sentence(rng, 3, 8, '.'))
            } else {
                sentence(rng, 5, 18, '.')
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// An interview of `words` words (about): a question by the interviewer, an answer by the
/// participant called `speaker`, and so on. Also returns each answer's words as char ranges.
fn interview(
    rng: &mut Rng,
    id: u32,
    speaker: &str,
    words: usize,
) -> (Transcript, Vec<Vec<(usize, usize)>>) {
    let mut text = String::new();
    let mut chars = 0;
    let mut turns = Vec::new();
    let mut answers = Vec::new();
    let mut said = 0;
    while said < words {
        if !text.is_empty() {
            text.push('\n');
            chars += 1;
        }
        let question = format!("{}?", rng.pick(QUESTIONS));
        said += question.split(' ').count();
        push_turn(&mut text, &mut chars, &mut turns, "Interviewer", &question);
        text.push('\n');
        chars += 1;
        // Every answer has a sentence at least, so every answer can hold an excerpt.
        let mut answer = String::new();
        let mut spans = Vec::new();
        let mut at = chars;
        while answer.is_empty() || (said < words && rng.chance(0.7)) {
            let end = *rng.pick(&['.', '.', '.', ',', '?', '!']);
            for word in sentence(rng, 3, 25, end).split(' ') {
                if !answer.is_empty() {
                    answer.push(' ');
                    at += 1;
                }
                answer.push_str(word);
                let len = word.chars().count();
                spans.push((at, at + len));
                at += len;
                said += 1;
            }
        }
        push_turn(&mut text, &mut chars, &mut turns, speaker, &answer);
        answers.push(spans);
    }
    let transcript = Transcript {
        id: TranscriptId(id),
        name: String::new(),
        participant: None,
        case: None,
        memo: String::new(),
        speakers: vec![
            Speaker {
                name: "Interviewer".to_owned(),
                participant: None,
                interviewer: true,
            },
            Speaker {
                name: speaker.to_owned(),
                participant: Some(ParticipantId(id)),
                interviewer: false,
            },
        ],
        turns,
        text,
    };
    (transcript, answers)
}

fn push_turn(text: &mut String, chars: &mut usize, turns: &mut Vec<Turn>, who: &str, said: &str) {
    let start = *chars;
    text.push_str(said);
    *chars += said.chars().count();
    turns.push(Turn {
        start,
        end: *chars,
        speaker: who.to_owned(),
        time_ms: None,
    });
}

/// `count` excerpts of whole words inside the answers (`answers`: each answer's words as char
/// ranges), in text order; their ids are given afterwards.
fn excerpts_of(
    rng: &mut Rng,
    transcript: u32,
    answers: &[Vec<(usize, usize)>],
    count: u32,
) -> Vec<Excerpt> {
    let mut spans: Vec<(usize, usize)> = (0..count)
        .map(|_| {
            let words = rng.pick(answers);
            let first = rng.range(0, words.len());
            let last = (first + rng.range(3, 40)).min(words.len() - 1);
            (words[first].0, words[last].1)
        })
        .collect();
    spans.sort_unstable();
    spans
        .into_iter()
        .map(|(start, end)| Excerpt {
            id: ExcerptId(0),
            transcript: TranscriptId(transcript),
            start,
            end,
            label: if rng.chance(0.2) {
                sentence(rng, 2, 5, ' ').trim_end().to_owned()
            } else {
                String::new()
            },
            memo: if rng.chance(0.3) {
                memo(rng, 1, 4)
            } else {
                String::new()
            },
            codes: {
                let mut codes: Vec<String> = (0..rng.range(0, 4))
                    .map(|_| (*rng.pick(CODES)).to_owned())
                    .collect();
                codes.sort_unstable();
                codes.dedup();
                codes
            },
        })
        .collect()
}
