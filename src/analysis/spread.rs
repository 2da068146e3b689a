//! How far the annotators are apart on each excerpt: the positions of everyone who placed it, their
//! range and standard deviation. Drives the comparison view, sorted by disagreement.

use crate::model::{AnnotatorId, ExcerptId, Project};

#[derive(Clone, Debug, PartialEq)]
pub struct Spread {
    pub excerpt: ExcerptId,
    /// Each annotator's position, in annotator order.
    pub positions: Vec<(AnnotatorId, f64)>,
    /// Largest minus smallest position.
    pub range: f64,
    /// Population standard deviation of the positions.
    pub sd: f64,
}

impl Spread {
    pub fn mean(&self) -> f64 {
        self.positions.iter().map(|(_, p)| p).sum::<f64>() / self.positions.len() as f64
    }

    /// The middle position (the mean of the two middle ones for an even count).
    pub fn median(&self) -> f64 {
        let mut values: Vec<f64> = self.positions.iter().map(|(_, p)| *p).collect();
        values.sort_by(f64::total_cmp);
        let mid = values.len() / 2;
        if values.len().is_multiple_of(2) {
            (values[mid - 1] + values[mid]) / 2.0
        } else {
            values[mid]
        }
    }
}

/// Every excerpt placed by two or more annotators, in excerpt order.
pub fn spreads(project: &Project) -> Vec<Spread> {
    project
        .excerpts
        .iter()
        .filter_map(|excerpt| {
            let positions: Vec<(AnnotatorId, f64)> = project
                .annotators
                .iter()
                // The consensus is where the team settled, not a view to compare.
                .filter(|a| !a.consensus)
                .filter_map(|a| {
                    project
                        .placement(a.id, excerpt.id)
                        .map(|p| (a.id, p.position))
                })
                .collect();
            if positions.len() < 2 {
                return None;
            }
            let values = positions.iter().map(|(_, p)| *p);
            let (min, max) = values
                .clone()
                .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
                    (lo.min(v), hi.max(v))
                });
            let mean = values.clone().sum::<f64>() / positions.len() as f64;
            let variance = values.map(|v| (v - mean).powi(2)).sum::<f64>() / positions.len() as f64;
            Some(Spread {
                excerpt: excerpt.id,
                positions,
                range: max - min,
                sd: variance.sqrt(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sample_spreads_are_measured() {
        let project = crate::io::parse_project(crate::SAMPLE_PROJECT).unwrap();
        let all = spreads(&project);
        assert_eq!(all.len(), 39, "excerpts placed by both annotators");
        let first = &all[0]; // "Part of her week": 0.22 and 0.30
        assert_eq!(first.excerpt, ExcerptId(1));
        assert!((first.range - 0.08).abs() < 1e-9);
        assert!((first.sd - 0.04).abs() < 1e-9);
        assert!((first.mean() - 0.26).abs() < 1e-9);
        assert!((first.median() - 0.26).abs() < 1e-9);
    }

    #[test]
    fn median_of_odd_and_even_counts() {
        let spread = |values: &[f64]| Spread {
            excerpt: ExcerptId(1),
            positions: values
                .iter()
                .enumerate()
                .map(|(i, v)| (AnnotatorId(i as u32 + 1), *v))
                .collect(),
            range: 0.0,
            sd: 0.0,
        };
        assert_eq!(spread(&[0.9, 0.1, 0.5]).median(), 0.5);
        assert_eq!(spread(&[0.9, 0.1, 0.5, 0.3]).median(), 0.4);
    }
}
