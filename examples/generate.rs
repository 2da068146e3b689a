//! Writes a generated study of any size as a project file, for measuring Continuum at scale (see
//! `docs/performance.md`): interviews of speaker turns, cases, roles, memos, codes, excerpts and
//! every excerpt placed by every annotator, the same for the same seed.
//!
//! ```text
//! cargo run --release --example generate -- --transcripts 100 --words 10000 \
//!     --excerpts 200 --annotators 5 --seed 1 --out big.continuum
//! ```
//!
//! The study itself is made by `benches/support/corpus.rs`, which the benchmarks share.

use clap::Parser;
use std::path::PathBuf;
use std::process::ExitCode;

#[allow(dead_code)] // The benchmarks use more of it than this program does.
#[path = "../benches/support/corpus.rs"]
mod corpus;

/// Writes a generated study as a Continuum project.
#[derive(Parser, Debug)]
struct Args {
    /// Interviews, one participant each.
    #[arg(long, default_value_t = 100)]
    transcripts: u32,
    /// Words in each interview.
    #[arg(long, default_value_t = 10_000)]
    words: usize,
    /// Excerpts in each interview.
    #[arg(long, default_value_t = 200)]
    excerpts: u32,
    /// Annotators, each placing every excerpt.
    #[arg(long, default_value_t = 5)]
    annotators: u32,
    /// The same seed gives the same project.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// The project file to write (replaced if it exists, keeping a backup).
    #[arg(long)]
    out: PathBuf,
}

fn main() -> ExitCode {
    let args = Args::parse();
    if args.transcripts == 0 || args.words == 0 {
        eprintln!("a study needs at least one transcript of at least one word");
        return ExitCode::FAILURE;
    }
    let spec = corpus::CorpusSpec {
        transcripts: args.transcripts,
        words: args.words,
        excerpts: args.excerpts,
        annotators: args.annotators,
        seed: args.seed,
    };
    let project = corpus::generate(&spec);
    if let Err(error) = project.validate() {
        eprintln!("the generated project is not valid: {error}");
        return ExitCode::FAILURE;
    }
    if let Err(error) = continuum::io::save_project(&args.out, &project) {
        eprintln!("{error}");
        return ExitCode::FAILURE;
    }
    let placements: usize = project.annotators.iter().map(|a| a.placements.len()).sum();
    let bytes = std::fs::metadata(&args.out).map_or(0, |m| m.len());
    let count = continuum::model::plural;
    println!(
        "wrote {}: {} of about {} words, {}, {}, {}, {}",
        args.out.display(),
        count(project.transcripts.len(), "transcript"),
        args.words,
        count(project.excerpts.len(), "excerpt"),
        count(project.annotators.len(), "annotator"),
        count(placements, "placement"),
        continuum::io::format_mib(bytes)
    );
    ExitCode::SUCCESS
}
