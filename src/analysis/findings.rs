//! From placements to findings: one value per excerpt from a chosen layer (an annotator, the
//! consensus, or the mean or median of the annotators), gathered into groups (case, role,
//! participant, transcript or code), with each group's distribution, its share of placements in
//! each anchor's zone, a comparison of two groups, and the quotes that lie in each zone.
//!
//! An anchor's *zone* is the part of the axis nearer to it than to any other anchor, so a
//! placement's zone is its nearest anchor, as in the exported table's `nearest_anchor` column.
//! An excerpt with two codes counts in both codes' groups; an excerpt without is in "No code".

use super::stats::{
    BOOTSTRAP_RESAMPLES, BOOTSTRAP_SEED, Summary, bootstrap_median_difference, cliffs_delta,
    delta_magnitude, median,
};
use crate::model::{AnnotatorId, Continuum, ExcerptId, Project, Transcript};
use std::collections::BTreeMap;

/// Whose positions the findings are about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Layer {
    Annotator(AnnotatorId),
    /// The settled positions.
    Consensus,
    /// For each excerpt, the mean (or median) of the annotators who placed it (the consensus
    /// left out).
    Mean,
    Median,
}

impl Layer {
    /// What findings start from: the coders' mean when two or more coded, else the one coder.
    pub fn default_for(project: &Project) -> Self {
        let mut coders = project.annotators.iter().filter(|a| !a.consensus);
        match (coders.next(), coders.next()) {
            (Some(only), None) => Layer::Annotator(only.id),
            _ => Layer::Mean,
        }
    }

    /// Every layer the project has: mean, median, the consensus (if settled), each coder.
    pub fn choices(project: &Project) -> Vec<Layer> {
        let mut layers = vec![Layer::Mean, Layer::Median];
        if project.consensus().is_some() {
            layers.push(Layer::Consensus);
        }
        layers.extend(
            project
                .annotators
                .iter()
                .filter(|a| !a.consensus)
                .map(|a| Layer::Annotator(a.id)),
        );
        layers
    }

    pub fn name(&self, project: &Project) -> String {
        match self {
            Layer::Annotator(a) => project
                .annotator(*a)
                .map_or_else(|| a.to_string(), |a| a.name.clone()),
            Layer::Consensus => "the consensus".to_owned(),
            Layer::Mean => "the annotators' mean".to_owned(),
            Layer::Median => "the annotators' median".to_owned(),
        }
    }
}

/// What the groups are.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum GroupBy {
    Case,
    Role,
    Participant,
    Transcript,
    Code,
}

impl GroupBy {
    pub const ALL: [GroupBy; 5] = [
        GroupBy::Case,
        GroupBy::Role,
        GroupBy::Participant,
        GroupBy::Transcript,
        GroupBy::Code,
    ];

    pub fn name(&self) -> &'static str {
        match self {
            GroupBy::Case => "case",
            GroupBy::Role => "role",
            GroupBy::Participant => "participant",
            GroupBy::Transcript => "transcript",
            GroupBy::Code => "code",
        }
    }
}

/// One group's placements and how they are spread.
#[derive(Clone, Debug, PartialEq)]
pub struct Group {
    pub name: String,
    /// (excerpt, position), in excerpt order.
    pub positions: Vec<(ExcerptId, f64)>,
    pub summary: Summary,
    /// How many placements lie in each anchor's zone, in anchor order.
    pub zones: Vec<usize>,
}

impl Group {
    /// The share (0..=1) of the group's placements in each zone.
    pub fn zone_shares(&self) -> Vec<f64> {
        let n = self.summary.n.max(1) as f64;
        self.zones.iter().map(|&c| c as f64 / n).collect()
    }

    pub fn values(&self) -> Vec<f64> {
        self.positions.iter().map(|&(_, p)| p).collect()
    }
}

/// The findings for one layer and grouping.
#[derive(Clone, Debug, PartialEq)]
pub struct Findings {
    pub layer: Layer,
    pub by: GroupBy,
    /// The anchors' names: the zones, in order.
    pub zones: Vec<String>,
    /// Groups with at least one placement, in the project's order (cases, participants,
    /// transcripts) or by name (roles, codes); the group of those without one comes last.
    pub groups: Vec<Group>,
    /// Excerpts with a value in the layer.
    pub placed: usize,
}

/// An excerpt placed in a zone, with what a paper quotes beside it.
#[derive(Clone, Debug, PartialEq)]
pub struct Quote {
    pub excerpt: ExcerptId,
    pub position: f64,
    pub quote: String,
    pub participant: String,
    pub role: String,
    /// The excerpt's memo, and (for an annotator's or the consensus layer) the placement's.
    pub memo: String,
}

impl Findings {
    /// The excerpts of `group` placed in zone `zone`, in position order.
    pub fn quotes(&self, project: &Project, group: usize, zone: usize) -> Vec<Quote> {
        let Some(group) = self.groups.get(group) else {
            return Vec::new();
        };
        let anchors = &project.continuum;
        let layer_annotator = match self.layer {
            Layer::Annotator(a) => Some(a),
            Layer::Consensus => project.consensus().map(|c| c.id),
            Layer::Mean | Layer::Median => None,
        };
        let mut quotes: Vec<Quote> = group
            .positions
            .iter()
            .filter(|&&(_, p)| zone_of(anchors, p) == Some(zone))
            .filter_map(|&(id, position)| {
                let excerpt = project.excerpt(id)?;
                let transcript = project.transcript(excerpt.transcript);
                let participant = transcript
                    .and_then(|t| t.participant)
                    .and_then(|p| project.participant(p));
                let placement_memo = layer_annotator
                    .and_then(|a| project.placement(a, id))
                    .map_or("", |p| p.memo.as_str());
                let memo = [excerpt.memo.as_str(), placement_memo]
                    .into_iter()
                    .filter(|m| !m.trim().is_empty())
                    .collect::<Vec<_>>()
                    .join("\n\n");
                Some(Quote {
                    excerpt: id,
                    position,
                    quote: project.quote(excerpt).to_owned(),
                    participant: participant.map_or(String::new(), |p| p.name.clone()),
                    role: participant.map_or(String::new(), |p| p.role.clone()),
                    memo,
                })
            })
            .collect();
        quotes.sort_by(|a, b| a.position.total_cmp(&b.position));
        quotes
    }
}

/// The zone (nearest anchor's index) of `position`; `None` without anchors.
pub fn zone_of(continuum: &Continuum, position: f64) -> Option<usize> {
    let nearest = continuum.nearest_anchor(position)?;
    continuum
        .anchors
        .iter()
        .position(|a| std::ptr::eq(a, nearest))
}

/// Each excerpt's value in `layer`, in excerpt order.
pub fn layer_positions(project: &Project, layer: Layer) -> Vec<(ExcerptId, f64)> {
    let of_annotator = |annotator: Option<AnnotatorId>| {
        annotator
            .and_then(|a| project.annotator(a))
            .map_or_else(Vec::new, |a| {
                a.placements
                    .iter()
                    .map(|p| (p.excerpt, p.position))
                    .collect()
            })
    };
    match layer {
        Layer::Annotator(a) => of_annotator(Some(a)),
        Layer::Consensus => of_annotator(project.consensus().map(|c| c.id)),
        Layer::Mean | Layer::Median => {
            let mut by_excerpt: BTreeMap<ExcerptId, Vec<f64>> = BTreeMap::new();
            for annotator in project.annotators.iter().filter(|a| !a.consensus) {
                for placement in &annotator.placements {
                    by_excerpt
                        .entry(placement.excerpt)
                        .or_default()
                        .push(placement.position);
                }
            }
            by_excerpt
                .into_iter()
                .map(|(excerpt, values)| {
                    let value = if layer == Layer::Mean {
                        values.iter().sum::<f64>() / values.len() as f64
                    } else {
                        median(&values)
                    };
                    (excerpt, value)
                })
                .collect()
        }
    }
}

/// The group names of one excerpt's transcript (several for codes), with their sort keys.
fn group_keys(
    project: &Project,
    transcript: Option<&Transcript>,
    codes: &[String],
    by: GroupBy,
) -> Vec<(usize, String)> {
    // Groups without a name sort last.
    const LAST: usize = usize::MAX;
    let participant = transcript
        .and_then(|t| t.participant)
        .and_then(|p| project.participant(p));
    match by {
        GroupBy::Case => {
            let case = transcript
                .and_then(|t| project.case_of_transcript(t))
                .and_then(|c| project.cases.iter().position(|x| x.id == c));
            vec![match case {
                Some(i) => (i, project.cases[i].name.clone()),
                None => (LAST, "No case".to_owned()),
            }]
        }
        GroupBy::Role => vec![match participant.filter(|p| !p.role.is_empty()) {
            Some(p) => (0, p.role.clone()),
            None => (LAST, "No role".to_owned()),
        }],
        GroupBy::Participant => {
            let index =
                participant.and_then(|p| project.participants.iter().position(|x| x.id == p.id));
            vec![match index {
                Some(i) => (i, project.participants[i].name.clone()),
                None => (LAST, "No participant".to_owned()),
            }]
        }
        GroupBy::Transcript => {
            let index =
                transcript.and_then(|t| project.transcripts.iter().position(|x| x.id == t.id));
            vec![match index {
                Some(i) => (i, project.transcripts[i].name.clone()),
                None => (LAST, "No transcript".to_owned()),
            }]
        }
        GroupBy::Code => {
            if codes.is_empty() {
                vec![(LAST, "No code".to_owned())]
            } else {
                codes.iter().map(|c| (0, c.clone())).collect()
            }
        }
    }
}

/// The findings of `layer`, grouped `by`.
pub fn findings(project: &Project, layer: Layer, by: GroupBy) -> Findings {
    let positions = layer_positions(project, layer);
    let mut groups: BTreeMap<(usize, String), Vec<(ExcerptId, f64)>> = BTreeMap::new();
    for &(id, position) in &positions {
        let Some(excerpt) = project.excerpt(id) else {
            continue;
        };
        let transcript = project.transcript(excerpt.transcript);
        for key in group_keys(project, transcript, &excerpt.codes, by) {
            groups.entry(key).or_default().push((id, position));
        }
    }
    let continuum = &project.continuum;
    let groups = groups
        .into_iter()
        .filter_map(|((_, name), positions)| {
            let values: Vec<f64> = positions.iter().map(|&(_, p)| p).collect();
            let summary = Summary::of(&values)?;
            let mut zones = vec![0; continuum.anchors.len()];
            for &value in &values {
                if let Some(zone) = zone_of(continuum, value) {
                    zones[zone] += 1;
                }
            }
            Some(Group {
                name,
                positions,
                summary,
                zones,
            })
        })
        .collect();
    Findings {
        layer,
        by,
        zones: continuum.anchors.iter().map(|a| a.name.clone()).collect(),
        groups,
        placed: positions.len(),
    }
}

/// How two groups' placements differ.
#[derive(Clone, Debug, PartialEq)]
pub struct Comparison {
    pub a: String,
    pub b: String,
    pub n_a: usize,
    pub n_b: usize,
    pub median_a: f64,
    pub median_b: f64,
    /// Median of `a` minus median of `b`, with its 95% bootstrap interval.
    pub difference: f64,
    pub interval: (f64, f64),
    /// Cliff's delta of `a` against `b` (negative: `a` lies nearer the closeness pole).
    pub delta: f64,
    pub magnitude: &'static str,
}

/// Compares group `a` with group `b`.
pub fn compare(a: &Group, b: &Group) -> Comparison {
    let (values_a, values_b) = (a.values(), b.values());
    Comparison {
        a: a.name.clone(),
        b: b.name.clone(),
        n_a: values_a.len(),
        n_b: values_b.len(),
        median_a: a.summary.median,
        median_b: b.summary.median,
        difference: a.summary.median - b.summary.median,
        interval: bootstrap_median_difference(
            &values_a,
            &values_b,
            BOOTSTRAP_RESAMPLES,
            BOOTSTRAP_SEED,
        ),
        delta: cliffs_delta(&values_a, &values_b),
        magnitude: delta_magnitude(cliffs_delta(&values_a, &values_b)),
    }
}

impl Comparison {
    /// The comparison in a sentence, with the effect and never a bare p-value: "Vestbo's
    /// placements sit nearer Family than Lindely's: median 0.31 (Friend) vs 0.62 (Professional),
    /// difference −0.31 [95% CI −0.42, −0.18], Cliff's δ = −0.71 (large)".
    pub fn sentence(&self, continuum: &Continuum) -> String {
        let near = |value: f64| {
            continuum
                .nearest_anchor(value)
                .map_or(String::new(), |a| format!(" ({})", a.name))
        };
        let numbers = format!(
            "median {:.2}{} vs {:.2}{}, difference {} [95% CI {}, {}], Cliff's δ = {} ({}; n = {} and {})",
            self.median_a,
            near(self.median_a),
            self.median_b,
            near(self.median_b),
            signed(self.difference),
            signed(self.interval.0),
            signed(self.interval.1),
            signed(self.delta),
            self.magnitude,
            self.n_a,
            self.n_b,
        );
        let interval_spans_zero = self.interval.0 <= 0.0 && self.interval.1 >= 0.0;
        if self.magnitude == "negligible" || interval_spans_zero && self.magnitude == "small" {
            return format!(
                "{} and {} place their excerpts much alike: {numbers}.",
                self.a, self.b
            );
        }
        let pole = if self.delta < 0.0 {
            &continuum.closeness_label
        } else {
            &continuum.distance_label
        };
        format!(
            "{}'s placements sit nearer {} than {}'s: {numbers}.",
            self.a,
            pole.to_lowercase(),
            self.b
        )
    }
}

/// A number with a real minus sign for negatives, two decimals.
fn signed(value: f64) -> String {
    let text = format!("{value:.2}");
    match text.strip_prefix('-') {
        Some(rest) if rest.chars().any(|c| c != '0' && c != '.') => format!("−{rest}"),
        Some(rest) => rest.to_owned(),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{
        Annotator, Case, CaseId, Colour, Excerpt, Participant, ParticipantId, Placement, Timestamp,
        TranscriptId,
    };

    /// Two cases of three transcripts' worth of excerpts, placed by two annotators and a
    /// consensus: Vestbo's near Friend, Lindely's near Professional.
    fn study() -> Project {
        let mut project = Project::new("Findings");
        project.cases = vec![
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
        project.participants = vec![
            Participant {
                id: ParticipantId(1),
                name: "Mette".into(),
                role: "staff".into(),
                case: Some(CaseId(1)),
            },
            Participant {
                id: ParticipantId(2),
                name: "Louise".into(),
                role: "staff".into(),
                case: Some(CaseId(2)),
            },
        ];
        for t in 1..=2u32 {
            let mut transcript = Transcript::of_turns(
                TranscriptId(t),
                &format!("T{t}"),
                &[("A", "one two three four five six seven eight nine ten")],
            );
            transcript.participant = Some(ParticipantId(t));
            project.transcripts.push(transcript);
        }
        let at = Timestamp::parse("2026-01-01T00:00:00Z").unwrap();
        let positions_a = [0.30, 0.35, 0.25, 0.70, 0.65, 0.60];
        let positions_b = [0.32, 0.30, 0.28, 0.66, 0.70, 0.58];
        for (i, _) in positions_a.iter().enumerate() {
            project.excerpts.push(Excerpt {
                id: ExcerptId(i as u32 + 1),
                transcript: TranscriptId(if i < 3 { 1 } else { 2 }),
                start: i,
                end: i + 3,
                label: String::new(),
                memo: format!("memo {}", i + 1),
                codes: if i % 2 == 0 {
                    vec!["warmth".into()]
                } else {
                    vec!["warmth".into(), "rules".into()]
                },
            });
        }
        let layer = |id: u32, name: &str, positions: &[f64], consensus: bool| Annotator {
            id: AnnotatorId(id),
            name: name.into(),
            colour: Colour::PALETTE[id as usize],
            placements: positions
                .iter()
                .enumerate()
                .map(|(i, &position)| Placement {
                    excerpt: ExcerptId(i as u32 + 1),
                    position,
                    memo: format!("why {}", i + 1),
                    created: at,
                    modified: at,
                })
                .collect(),
            consensus,
        };
        project.annotators = vec![
            layer(1, "Anna", &positions_a, false),
            layer(2, "Jonas", &positions_b, false),
            layer(3, "Consensus", &[0.3, 0.33, 0.27, 0.68, 0.67, 0.59], true),
        ];
        project
    }

    #[test]
    fn groups_by_case_with_distribution_and_zones() {
        let project = study();
        let f = findings(&project, Layer::Annotator(AnnotatorId(1)), GroupBy::Case);
        assert_eq!(f.zones, ["Family", "Friend", "Professional", "Stranger"]);
        let names: Vec<&str> = f.groups.iter().map(|g| g.name.as_str()).collect();
        assert_eq!(names, ["Vestbo", "Lindely"]);
        let vestbo = &f.groups[0];
        assert_eq!(vestbo.summary.n, 3);
        assert_eq!(vestbo.summary.median, 0.30);
        assert_eq!(vestbo.zones, [0, 3, 0, 0]);
        assert_eq!(f.groups[1].zones, [0, 0, 3, 0]);
        assert_eq!(vestbo.zone_shares(), [0.0, 1.0, 0.0, 0.0]);
    }

    #[test]
    fn an_excerpt_with_two_codes_counts_in_both() {
        let project = study();
        let f = findings(&project, Layer::Consensus, GroupBy::Code);
        let counts: Vec<(&str, usize)> = f
            .groups
            .iter()
            .map(|g| (g.name.as_str(), g.summary.n))
            .collect();
        assert_eq!(counts, [("rules", 3), ("warmth", 6)]);
        assert_eq!(f.placed, 6);
    }

    #[test]
    fn mean_and_median_layers_leave_the_consensus_out() {
        let project = study();
        let mean = layer_positions(&project, Layer::Mean);
        assert!((mean[0].1 - 0.31).abs() < 1e-12);
        let median = layer_positions(&project, Layer::Median);
        assert!((median[1].1 - 0.325).abs() < 1e-12);
    }

    #[test]
    fn a_comparison_is_worded_with_its_effect() {
        let project = study();
        let f = findings(&project, Layer::Mean, GroupBy::Case);
        let c = compare(&f.groups[0], &f.groups[1]);
        assert_eq!(c.delta, -1.0);
        assert_eq!(c.magnitude, "large");
        assert!(c.interval.1 < 0.0);
        let sentence = c.sentence(&project.continuum);
        assert!(sentence.starts_with("Vestbo's placements sit nearer emotional closeness than Lindely's: median 0.31 (Friend) vs 0.68 (Professional), difference −0.37"), "{sentence}");
        assert!(
            sentence.contains("Cliff's δ = −1.00 (large; n = 3 and 3)"),
            "{sentence}"
        );
    }

    #[test]
    fn quotes_by_zone_carry_participant_role_and_memos() {
        let project = study();
        let f = findings(&project, Layer::Annotator(AnnotatorId(1)), GroupBy::Case);
        let quotes = f.quotes(&project, 0, 1);
        assert_eq!(quotes.len(), 3);
        assert_eq!(quotes[0].position, 0.25);
        assert_eq!(quotes[0].participant, "Mette");
        assert_eq!(quotes[0].role, "staff");
        assert_eq!(quotes[0].memo, "memo 3\n\nwhy 3");
        assert!(f.quotes(&project, 0, 0).is_empty());
    }
}
