//! Speed of text search (issue 14: a word in a 1M-word project under 50 ms, a regular expression
//! under 200 ms) and its growth: projects of 100,000 and 1,000,000 words (n and 10·n) in
//! transcripts of 10,000 words of Danish speaker turns, with "æ", "ø" and "å" throughout, a
//! common word ("familie", one turn in six), a rare one ("veninde", once per transcript) and an
//! excerpt every 50 words. Each search is the whole of it, as the window and `continuum search`
//! run it: folding every text, matching, and the context of up to 10,000 hits. Run with
//! `cargo bench --bench search_scaling`.

use continuum::model::{Project, TranscriptId};
use continuum::search::{Mode, Query, search};
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use support::fixtures::{excerpt, transcript_of_turns};

#[allow(dead_code)]
mod support;

const WORDS_PER_TRANSCRIPT: usize = 10_000;

/// Turns of about ten words each, in a fixed rotation; a turn in six says "familie".
const TURNS: [(&str, &str); 6] = [
    (
        "Interviewer",
        "Hvordan er det at komme hjem til borgerne hver dag?",
    ),
    (
        "Mette",
        "Man bliver tæt på dem, det gør man jo, næsten som familie.",
    ),
    (
        "Interviewer",
        "Kan du fortælle om en dag hvor det var svært?",
    ),
    (
        "Mette",
        "Der var en dame som græd, og jeg blev længere end jeg måtte.",
    ),
    (
        "Interviewer",
        "Hvad sagde din leder til det bagefter på kontoret?",
    ),
    (
        "Mette",
        "Hun sagde at vi skal være professionelle, men også søde.",
    ),
];

/// A project of about `words` words.
fn project(words: usize) -> Project {
    let mut project = Project::new("Search scaling");
    for t in 1..=(words / WORDS_PER_TRANSCRIPT).max(1) {
        let mut turns: Vec<(&str, &str)> = TURNS
            .iter()
            .copied()
            .cycle()
            .take(WORDS_PER_TRANSCRIPT / 10)
            .collect();
        let middle = turns.len() / 2;
        turns[middle] = ("Mette", "Hun er ikke min veninde, hun er min borger.");
        let transcript = transcript_of_turns(t as u32, &format!("Interview {t}"), &turns);
        for turn in transcript.turns.iter().step_by(5) {
            let id = project.excerpts.len() as u32 + 1;
            project
                .excerpts
                .push(excerpt(id, t as u32, turn.start, turn.end));
        }
        project.transcripts.push(transcript);
    }
    project
}

fn searches(c: &mut Criterion) {
    let mut group = c.benchmark_group("search");
    group.sample_size(20);
    for words in [100_000, 1_000_000] {
        let project = project(words);
        assert_eq!(project.transcripts.len(), words / WORDS_PER_TRANSCRIPT);
        let queries = [
            ("rare word", Query::words("veninde")),
            ("common word", Query::words("familie")),
            (
                "whole word",
                Query {
                    whole_words: true,
                    ..Query::words("på")
                },
            ),
            (
                "match case",
                Query {
                    match_case: true,
                    ..Query::words("Hun")
                },
            ),
            (
                "ignore accents",
                Query {
                    ignore_accents: true,
                    ..Query::words("matte")
                },
            ),
            (
                "regex",
                Query {
                    mode: Mode::Regex,
                    ..Query::words(r"profession\w+|ven(inde|ner)")
                },
            ),
            (
                "one transcript",
                Query {
                    scope: continuum::search::Scope {
                        transcript: Some(TranscriptId(1)),
                        ..Default::default()
                    },
                    ..Query::words("familie")
                },
            ),
        ];
        for (name, query) in queries {
            let found = search(&project, &query).unwrap();
            assert!(found.total > 0, "{name} finds nothing");
            group.bench_with_input(BenchmarkId::new(name, words), &query, |b, query| {
                b.iter(|| black_box(search(&project, query).unwrap().total))
            });
        }
    }
    group.finish();
}

criterion_group!(benches, searches);
criterion_main!(benches);
