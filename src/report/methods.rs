//! The methods paragraph: what was coded, by whom, how, and how far the coders agreed, written
//! from the project's own numbers for the researcher to paste into a paper and edit.

use crate::analysis::{AgreementReport, Comparison};
use crate::model::Project;

/// Small numbers in words, as style guides ask for in running text.
pub fn number_word(n: usize) -> String {
    const WORDS: [&str; 13] = [
        "no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve",
    ];
    WORDS
        .get(n)
        .map_or_else(|| n.to_string(), |w| (*w).to_owned())
}

/// "a, b and c".
pub fn listing(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// An alpha as papers print it: ".972" (no leading zero, since it cannot exceed 1).
pub fn alpha_text(alpha: f64) -> String {
    let text = format!("{alpha:.3}");
    match text.strip_prefix("0") {
        Some(rest) => rest.to_owned(),
        None => match text.strip_prefix("-0") {
            Some(rest) => format!("−{rest}"),
            None => text,
        },
    }
}

/// What the paragraph is written from.
pub struct Facts<'a> {
    pub project: &'a Project,
    /// Interval alpha, overall with its interval, and by case.
    pub agreement: &'a AgreementReport,
    /// Excerpts placed by at least two coders.
    pub double_coded: usize,
    /// Excerpts with a consensus position.
    pub settled: usize,
    /// Of those, the ones whose consensus placement has a memo (the decision's reason).
    pub settled_with_memo: usize,
    /// The first two cases compared, if there are two.
    pub comparison: Option<&'a Comparison>,
}

/// The methods paragraph.
pub fn paragraph(facts: &Facts<'_>) -> String {
    let project = facts.project;
    let coders: Vec<String> = project
        .annotators
        .iter()
        .filter(|a| !a.consensus)
        .map(|a| a.name.clone())
        .collect();
    let cases: Vec<String> = project.cases.iter().map(|c| c.name.clone()).collect();
    let anchors: Vec<String> = project
        .continuum
        .anchors
        .iter()
        .map(|a| a.name.clone())
        .collect();
    let coder_count = number_word(coders.len());
    let mut text = format!(
        "{} coder{}{} independently placed {} excerpt{} from {} interview{}",
        capitalise(&coder_count),
        if coders.len() == 1 { "" } else { "s" },
        if coders.is_empty() {
            String::new()
        } else {
            format!(" ({})", listing(&coders))
        },
        number_word(project.excerpts.len()),
        if project.excerpts.len() == 1 { "" } else { "s" },
        number_word(project.transcripts.len()),
        if project.transcripts.len() == 1 {
            ""
        } else {
            "s"
        },
    );
    if !cases.is_empty() {
        text.push_str(&format!(
            " in {} setting{} ({})",
            number_word(cases.len()),
            if cases.len() == 1 { "" } else { "s" },
            listing(&cases)
        ));
    }
    text.push_str(&format!(
        " on a continuum from {} to {} anchored at {}, by dragging each excerpt to its position \
         and writing a memo on why.",
        project.continuum.closeness_label.to_lowercase(),
        project.continuum.distance_label.to_lowercase(),
        listing(&anchors)
    ));
    if project.blind.is_some() {
        text.push_str(" Coding was blind: each coder saw only their own placements.");
    }
    let overall = &facts.agreement.overall;
    if let Some(alpha) = overall.alpha {
        text.push_str(&format!(
            " {} excerpts were placed by at least two coders; agreement on their positions \
             (Krippendorff's α, interval metric) was {}",
            capitalise(&number_word(facts.double_coded)),
            alpha_text(alpha)
        ));
        if let Some(interval) = &overall.interval {
            text.push_str(&format!(
                " (95% bootstrap CI {} to {}, resampling excerpts)",
                alpha_text(interval.low),
                alpha_text(interval.high)
            ));
        }
        let by_case: Vec<String> = facts
            .agreement
            .groups
            .iter()
            .filter_map(|row| Some(format!("{} in {}", alpha_text(row.alpha?), row.group)))
            .collect();
        if !by_case.is_empty() {
            text.push_str(&format!(", {}", listing(&by_case)));
        }
        text.push('.');
    }
    if facts.settled > 0 {
        // Says only what the file holds: a consensus without memos is not "with a memo".
        let memos = match facts.settled_with_memo {
            0 => String::new(),
            n if n == facts.settled && n == 1 => ", with a decision memo".to_owned(),
            n if n == facts.settled => ", each with a decision memo".to_owned(),
            n => format!(", {} of them with a decision memo", number_word(n)),
        };
        text.push_str(&format!(
            " Disagreements were discussed and {} excerpt{} settled in a consensus position{memos}.",
            number_word(facts.settled),
            if facts.settled == 1 { " was" } else { "s were" }
        ));
    }
    if let Some(comparison) = facts.comparison {
        text.push_str(&format!(
            " Taking each excerpt's mean position across coders, {}",
            comparison.sentence(&project.continuum)
        ));
    }
    text
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_lists_and_alphas_read_as_in_a_paper() {
        assert_eq!(number_word(2), "two");
        assert_eq!(number_word(41), "41");
        assert_eq!(listing(&["a".into(), "b".into(), "c".into()]), "a, b and c");
        assert_eq!(listing(&["a".into()]), "a");
        assert_eq!(alpha_text(0.9718), ".972");
        assert_eq!(alpha_text(1.0), "1.000");
        assert_eq!(alpha_text(-0.05), "−.050");
    }
}
