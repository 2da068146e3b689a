//! Scaling of REFI-QDA exchange: exporting a project to .qdpx bytes, and importing them again as
//! another tool's file (from `project.qde`, mapping every selection through the text) and as
//! Continuum's own (from its exact copy). Projects of n and 10·n words (100,000 and 1,000,000,
//! the size issue 13 asks about): transcripts of 10,000 words in speaker turns, an excerpt every
//! 50 words with a code, placed by three annotators. An O(n log n) exchange keeps the ratio near
//! 10. Run with `cargo bench --bench qdpx_scaling`.

use continuum::io::qdpx::{ReadSettings, qdpx_bytes, read_qdpx_bytes};
use continuum::model::*;
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use std::hint::black_box;

const WORDS_PER_TRANSCRIPT: usize = 10_000;
const WORDS_PER_EXCERPT: usize = 50;

/// A project of about `words` words.
fn project(words: usize) -> Project {
    let mut project = Project::new("Scaling");
    for a in 1..=3u32 {
        project.annotators.push(Annotator {
            id: AnnotatorId(a),
            name: format!("Annotator {a}"),
            colour: Colour::PALETTE[a as usize],
            placements: Vec::new(),
            consensus: false,
        });
    }
    for t in 1..=(words / WORDS_PER_TRANSCRIPT).max(1) {
        let mut text = String::new();
        let mut turns = Vec::new();
        let mut chars = 0;
        for line in 0..WORDS_PER_TRANSCRIPT / 10 {
            if !text.is_empty() {
                text.push('\n');
                chars += 1;
            }
            let said = "vi taler om tæt på borgerne og om familie 👍 ja";
            text.push_str(said);
            let len = said.chars().count();
            turns.push(Turn {
                start: chars,
                end: chars + len,
                speaker: if line % 2 == 0 {
                    "Interviewer"
                } else {
                    "Mette"
                }
                .to_owned(),
                time_ms: None,
            });
            chars += len;
        }
        let transcript = TranscriptId(t as u32);
        for turn in turns.iter().step_by(WORDS_PER_EXCERPT / 10) {
            let id = ExcerptId(project.excerpts.len() as u32 + 1);
            project.excerpts.push(Excerpt {
                id,
                transcript,
                start: turn.start,
                end: turn.start + 18,
                label: String::new(),
                memo: "Why here.".to_owned(),
                codes: vec![format!("theme/{}", id.0 % 20)],
            });
            for a in &mut project.annotators {
                a.placements.push(Placement {
                    excerpt: id,
                    position: f64::from(id.0 * a.id.0 % 100) / 100.0,
                    memo: String::new(),
                    created: Timestamp(1_764_411_300),
                    modified: Timestamp(1_764_411_300),
                });
            }
        }
        project.transcripts.push(Transcript {
            id: transcript,
            name: format!("Interview {t}"),
            participant: None,
            case: None,
            memo: String::new(),
            speakers: Vec::new(),
            turns,
            text,
        });
    }
    project.validate().unwrap();
    project
}

fn benches(c: &mut Criterion) {
    let mut group = c.benchmark_group("qdpx_scaling");
    group.sample_size(10);
    let as_other_tool = ReadSettings {
        use_continuum_copy: false,
        ..ReadSettings::default()
    };
    for words in [100_000, 1_000_000] {
        let project = project(words);
        group.bench_with_input(BenchmarkId::new("export", words), &project, |b, p| {
            b.iter(|| black_box(qdpx_bytes(p).unwrap().len()))
        });
        let bytes = qdpx_bytes(&project).unwrap();
        group.bench_with_input(BenchmarkId::new("import_qde", words), &bytes, |b, bytes| {
            b.iter(|| {
                black_box(
                    read_qdpx_bytes(bytes, &as_other_tool)
                        .unwrap()
                        .project
                        .excerpts
                        .len(),
                )
            })
        });
        group.bench_with_input(
            BenchmarkId::new("import_copy", words),
            &bytes,
            |b, bytes| {
                b.iter(|| {
                    black_box(
                        read_qdpx_bytes(bytes, &ReadSettings::default())
                            .unwrap()
                            .project
                            .excerpts
                            .len(),
                    )
                })
            },
        );
    }
    group.finish();
}

criterion_group!(qdpx_scaling, benches);
criterion_main!(qdpx_scaling);
