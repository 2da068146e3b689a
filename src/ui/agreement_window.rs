//! The agreement window: Krippendorff's alpha for the open project, overall, by case or role, and
//! for each pair of annotators, each value read in words by Krippendorff's guide. The numbers come
//! from `crate::analysis`; this only shows them.

use super::dialog::{Dialog, DialogContext};
use super::widgets::{captioned_combo, choose};
use crate::analysis::{
    ALPHA_GUIDE_REFERENCE, AgreementReport, Bootstrap, Grouping, Metric, Ratings, Row,
    agreement_report_with, alpha_reading,
};
use crate::model::Project;

/// What a report was computed for: the project's change count, the metric, the grouping, and
/// whether it has bootstrap intervals.
type ReportKey = (u64, Metric, Option<Grouping>, bool);

pub struct AgreementWindow {
    metric: Metric,
    by: Option<Grouping>,
    /// Whether alpha comes with its 95% bootstrap interval.
    intervals: bool,
    /// The last report and what it was computed for (project change count, metric, grouping), so
    /// it is computed when something changes, not every frame.
    cached: Option<(ReportKey, AgreementReport)>,
}

impl Default for AgreementWindow {
    fn default() -> Self {
        Self {
            metric: Metric::Interval,
            by: Some(Grouping::Case),
            intervals: true,
            cached: None,
        }
    }
}

/// Placements up to which the window opens with intervals on. The bootstrap recomputes alpha
/// on 2,000 resamples, again after every change (each step of a dragged marker): instant for a
/// study of this size, seconds for a large one, which switches them on when it wants them.
const INTERVALS_BY_DEFAULT_UP_TO: usize = 2_000;

impl AgreementWindow {
    /// The window for `project`, with intervals on unless the project is large.
    pub fn for_project(project: &Project) -> Self {
        let placements: usize = project
            .annotators
            .iter()
            .filter(|a| !a.consensus)
            .map(|a| a.placements.len())
            .sum();
        Self {
            intervals: placements <= INTERVALS_BY_DEFAULT_UP_TO,
            ..Self::default()
        }
    }

    /// Test hook (tests/it/session/): if the frame at `change_count` would reuse the cached
    /// report, says whether it differs from a fresh one (compared as text, so an undefined alpha
    /// equals itself).
    #[doc(hidden)]
    pub(crate) fn stale_cache(&self, project: &Project, change_count: u64) -> Option<String> {
        let (metric, by, intervals) = (self.metric, self.by, self.intervals);
        let cached = self.reusable((change_count, metric, by, intervals))?;
        let fresh = report(project, metric, by, intervals);
        (format!("{cached:?}") != format!("{fresh:?}")).then(|| {
            format!(
                "the agreement report reused at revision {change_count} differs from a fresh one"
            )
        })
    }

    /// The cached report, if it was computed for `key`.
    fn reusable(&self, key: ReportKey) -> Option<&AgreementReport> {
        self.cached
            .as_ref()
            .filter(|(k, _)| *k == key)
            .map(|(_, report)| report)
    }
}

/// The report for the window's choices.
fn report(
    project: &Project,
    metric: Metric,
    by: Option<Grouping>,
    intervals: bool,
) -> AgreementReport {
    let ratings = Ratings::from_project(project, metric);
    agreement_report_with(&ratings, metric, by, intervals.then(Bootstrap::default))
}

/// An alpha to three decimals with a real minus sign ("−0.019"): a hyphen next to the range's
/// dash read as one mark, and "−0.500–−0.019" as an interval up to +0.019.
fn alpha_shown(alpha: f64) -> String {
    format!("{alpha:.3}").replacen('-', "\u{2212}", 1)
}

fn row(ui: &mut egui::Ui, name: &str, row: &Row, intervals: bool) {
    ui.label(name);
    ui.label(row.alpha.map_or_else(|| "—".to_owned(), alpha_shown));
    if intervals {
        match &row.interval {
            Some(i) => {
                ui.label(format!("{} to {}", alpha_shown(i.low), alpha_shown(i.high)));
                ui.label(format!("{:.2}", i.below_800));
                ui.label(format!("{:.2}", i.below_667));
            }
            None => {
                for _ in 0..3 {
                    ui.label("—");
                }
            }
        }
    }
    ui.label(row.alpha.map_or("—", alpha_reading));
    ui.label(row.units.to_string());
    ui.label(row.pairable_values.to_string());
    ui.end_row();
}

impl Dialog for AgreementWindow {
    /// Shows the window; returns `false` once it is closed.
    fn show(&mut self, ctx: &egui::Context, cx: &mut DialogContext<'_>) -> bool {
        let project: &Project = cx.project;
        let change_count = cx.revision;
        let mut open = true;
        egui::Window::new("Agreement between annotators")
            .open(&mut open)
            // Below the menu and toolbar: at the top left its corner covered the File menu.
            .default_pos([260.0, 90.0])
            .default_width(520.0)
            .collapsible(false)
            .show(ctx, |ui| {
                ui.horizontal(|ui| {
                    captioned_combo(
                        ui,
                        "Metric:",
                        "alpha-metric",
                        &mut self.metric,
                        |metric| metric.name().to_owned(),
                        |ui, value| {
                            for metric in Metric::ALL {
                                choose(ui, value, metric, metric.name());
                            }
                        },
                    );
                    let by_name = |by: Option<Grouping>| match by {
                        Some(Grouping::Case) => "case",
                        Some(Grouping::Role) => "role",
                        None => "nothing",
                    };
                    captioned_combo(
                        ui,
                        "Break down by:",
                        "alpha-by",
                        &mut self.by,
                        |by| by_name(*by).to_owned(),
                        |ui, value| {
                            for by in [Some(Grouping::Case), Some(Grouping::Role), None] {
                                choose(ui, value, by, by_name(by));
                            }
                        },
                    );
                });
                ui.label(
                    egui::RichText::new(match self.metric {
                        Metric::Interval => "Positions as numbers from 0 to 1.",
                        Metric::Ratio => "Positions as numbers with a true zero at the closeness pole.",
                        Metric::Ordinal => "Positions binned into the zones between neighbouring anchors.",
                        Metric::Nominal => "Each position taken as its nearest anchor.",
                    })
                    .weak(),
                );
                ui.label(
                    egui::RichText::new(
                        "Units are excerpts placed by at least two annotators; others do not count.",
                    )
                    .weak(),
                );
                ui.separator();
                ui.checkbox(&mut self.intervals, "95% intervals")
                    .on_hover_text(
                        "Bootstrap: the excerpts resampled 2,000 times (fixed seed); P(α < .800) \
                         is the share of resamples below .800. On a large project this takes \
                         a moment after each change, so it starts off there.",
                    );
                let key = (change_count, self.metric, self.by, self.intervals);
                if self.reusable(key).is_none() {
                    self.cached = Some((key, report(project, self.metric, self.by, self.intervals)));
                }
                let intervals = self.intervals;
                let Some((_, report)) = &self.cached else {
                    return;
                };
                egui::Grid::new("alpha-table")
                    .striped(true)
                    .spacing([16.0, 4.0])
                    .show(ui, |ui| {
                        ui.strong("");
                        ui.strong("α");
                        if intervals {
                            ui.strong("95% CI");
                            ui.strong("P(α < .800)");
                            ui.strong("P(α < .667)");
                        }
                        ui.strong("reading");
                        ui.strong("units");
                        ui.strong("pairable values");
                        ui.end_row();
                        row(ui, "All excerpts", &report.overall, intervals);
                        for group in &report.groups {
                            row(ui, &group.group, group, intervals);
                        }
                        for pair in &report.pairwise {
                            row(ui, &pair.group, pair, intervals);
                        }
                    });
                let notes: Vec<_> = std::iter::once(&report.overall)
                    .chain(&report.groups)
                    .chain(&report.pairwise)
                    .filter_map(|r| r.note.as_ref().map(|n| format!("{}: α is undefined because {n}.", r.group)))
                    .collect();
                for note in notes {
                    ui.label(egui::RichText::new(note).weak());
                }
                ui.separator();
                ui.label(
                    egui::RichText::new(format!(
                        "Krippendorff recommends relying on data with α ≥ .800, drawing only \
                         tentative conclusions from α ≥ .667, and none from less. \
                         ({ALPHA_GUIDE_REFERENCE}.)"
                    ))
                    .weak(),
                );
            });
        open
    }

    fn shows_others_work(&self) -> bool {
        true
    }

    fn stale_caches(&self, project: &Project, revision: u64) -> Vec<String> {
        self.stale_cache(project, revision).into_iter().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::alpha_shown;

    #[test]
    fn a_negative_alpha_has_a_minus_sign_that_no_dash_can_swallow() {
        assert_eq!(
            format!("{} to {}", alpha_shown(-0.5), alpha_shown(-0.0194)),
            "\u{2212}0.500 to \u{2212}0.019"
        );
        assert_eq!(alpha_shown(0.9721), "0.972");
    }
}
