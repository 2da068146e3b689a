//! The report: one self-contained HTML page about a project (inline SVG figures and CSS, no
//! external resources, prints cleanly to PDF from a browser) with the project summary, coders
//! and procedure, agreement with its uncertainty, the map, the summary plots, zone × group
//! tables, quotes by zone (which can be left out for sensitive data), code frequencies and a
//! methods paragraph. `continuum report` and File > Export report… write it; this module only
//! builds the text (no files, no egui). The page is also well-formed XML (void elements closed),
//! so tests can parse it strictly.

mod html;
mod methods;

pub use methods::{alpha_text, number_word};

use crate::analysis::{
    ALPHA_GUIDE_REFERENCE, AgreementReport, Bootstrap, Findings, GroupBy, Grouping, Layer, Metric,
    Ratings, agreement_report_with, compare, findings, spreads, stats::DELTA_REFERENCE,
};
use crate::map::{MapSettings, layout, summary_plot, to_svg};
use crate::model::{Project, plural};
use html::{escape, figure, heading, paragraph, table};
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// What the report holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReportOptions {
    /// Quotes by zone (leave them out when the report leaves the research team).
    pub quotes: bool,
    /// Whose positions the findings describe.
    pub layer: Layer,
}

impl Default for ReportOptions {
    fn default() -> Self {
        Self {
            quotes: true,
            layer: Layer::Mean,
        }
    }
}

/// The most quotes listed per zone and group: a report is read, not scrolled for ever.
const MAX_QUOTES: usize = 12;

/// The report as one HTML document. `generated` is the date line ("29 November 2026").
pub fn report_html(project: &Project, options: ReportOptions, generated: &str) -> String {
    let mut body = String::new();
    let _ = writeln!(body, "<h1>{}</h1>", escape(&project.title));
    let _ = writeln!(
        body,
        "<p class=\"meta\">Continuum report, {}. Positions run from 0 ({}) to 1 ({}).</p>",
        escape(generated),
        escape(&project.continuum.closeness_label),
        escape(&project.continuum.distance_label)
    );
    let interval = agreement(project, Metric::Interval, Some(Grouping::Case));
    let by_case = findings(project, options.layer, GroupBy::Case);
    let comparison =
        (by_case.groups.len() == 2).then(|| compare(&by_case.groups[0], &by_case.groups[1]));
    let settled = project.consensus().map_or(0, |c| c.placements.len());
    let settled_with_memo = project.consensus().map_or(0, |c| {
        c.placements
            .iter()
            .filter(|p| !p.memo.trim().is_empty())
            .count()
    });
    let double_coded = spreads(project).len();

    heading(&mut body, 2, "Methods");
    let methods = methods::paragraph(&methods::Facts {
        project,
        agreement: &interval,
        double_coded,
        settled,
        settled_with_memo,
        comparison: comparison.as_ref(),
    });
    let _ = writeln!(body, "<p class=\"methods\">{}</p>", escape(&methods));
    paragraph(
        &mut body,
        "This paragraph is written from the numbers below; edit it as the paper needs.",
    );

    summary_section(&mut body, project);
    coders_section(&mut body, project, settled);
    agreement_section(&mut body, project, &interval);

    heading(&mut body, 2, "The continuum map");
    let map = layout(
        project,
        &MapSettings {
            title: None,
            ..MapSettings::default()
        },
    );
    figure(
        &mut body,
        &to_svg(&map),
        &format!(
            "Every coder's placements by case ({}, {}).",
            plural(map.markers.len(), "marker"),
            plural(map.lanes.len(), "lane")
        ),
        "The continuum map",
    );

    let by_role = findings(project, options.layer, GroupBy::Role);
    for found in [&by_case, &by_role] {
        findings_section(&mut body, project, found, options);
    }
    if let Some(comparison) = &comparison {
        paragraph(&mut body, &comparison.sentence(&project.continuum));
        paragraph(
            &mut body,
            &format!(
                "Difference in medians with a 95% bootstrap interval (2,000 resamples, fixed \
                 seed); Cliff's δ as the effect size, read by {DELTA_REFERENCE}."
            ),
        );
    }
    codes_section(&mut body, project);

    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n\
         <title>{}</title>\n<style>{}</style>\n</head>\n<body>\n{body}</body>\n</html>\n",
        escape(&project.title),
        html::STYLE
    )
}

fn agreement(project: &Project, metric: Metric, by: Option<Grouping>) -> AgreementReport {
    let ratings = Ratings::from_project(project, metric);
    agreement_report_with(&ratings, metric, by, Some(Bootstrap::default()))
}

fn summary_section(out: &mut String, project: &Project) {
    heading(out, 2, "The project");
    let mut roles: BTreeMap<&str, usize> = BTreeMap::new();
    for p in &project.participants {
        *roles
            .entry(if p.role.is_empty() {
                "no role"
            } else {
                &p.role
            })
            .or_default() += 1;
    }
    let roles: Vec<String> = roles
        .iter()
        .map(|(role, n)| format!("{n} {role}"))
        .collect();
    let cases: Vec<String> = project.cases.iter().map(|c| c.name.clone()).collect();
    let rows = vec![
        vec![
            "Cases".to_owned(),
            format!("{} ({})", cases.len(), cases.join(", ")),
        ],
        vec![
            "Participants".to_owned(),
            format!("{} ({})", project.participants.len(), roles.join(", ")),
        ],
        vec![
            "Transcripts".to_owned(),
            project.transcripts.len().to_string(),
        ],
        vec!["Words".to_owned(), project.word_count().to_string()],
        vec!["Excerpts".to_owned(), project.excerpts.len().to_string()],
    ];
    table(out, &["".to_owned(), "number".to_owned()], &rows);
}

fn coders_section(out: &mut String, project: &Project, settled: usize) {
    heading(out, 2, "Coders and procedure");
    let rows: Vec<Vec<String>> = project
        .annotators
        .iter()
        .map(|a| {
            vec![
                a.name.clone(),
                if a.consensus { "consensus" } else { "coder" }.to_owned(),
                a.placements.len().to_string(),
            ]
        })
        .collect();
    table(
        out,
        &["Layer".into(), "kind".into(), "placements".into()],
        &rows,
    );
    paragraph(
        out,
        &if project.blind.is_some() {
            "The project is being coded blind: each coder sees only their own placements."
                .to_owned()
        } else {
            "Each coder placed excerpts in a layer of their own; the window can hide the others' \
             layers (blind coding) while coding."
                .to_owned()
        },
    );
    if let Some(consensus) = project.consensus() {
        let settled_text = if settled == 1 {
            "1 excerpt was".to_owned()
        } else {
            format!("{settled} excerpts were")
        };
        let memos: Vec<_> = consensus
            .placements
            .iter()
            .filter(|p| !p.memo.trim().is_empty())
            .collect();
        if memos.is_empty() {
            paragraph(
                out,
                &format!("{settled_text} settled in consensus, with no decision memos."),
            );
            return;
        }
        paragraph(
            out,
            &format!("{settled_text} settled in consensus. Decision memos:"),
        );
        out.push_str("<ul>\n");
        for placement in memos {
            let label = project
                .excerpt(placement.excerpt)
                .map_or_else(String::new, |e| project.excerpt_label(e));
            let _ = writeln!(
                out,
                "<li><strong>{}</strong> ({:.2}): {}</li>",
                escape(&label),
                placement.position,
                escape(&placement.memo)
            );
        }
        out.push_str("</ul>\n");
    }
}

fn agreement_section(out: &mut String, project: &Project, interval: &AgreementReport) {
    heading(out, 2, "Agreement");
    let mut rows = Vec::new();
    for metric in Metric::ALL {
        let report = if metric == Metric::Interval {
            interval.clone()
        } else {
            agreement(project, metric, None)
        };
        rows.push(agreement_row(metric.name(), &report.overall));
    }
    for row in &interval.groups {
        rows.push(agreement_row(&format!("interval, {}", row.group), row));
    }
    let by_role = agreement(project, Metric::Interval, Some(Grouping::Role));
    for row in &by_role.groups {
        rows.push(agreement_row(&format!("interval, {}", row.group), row));
    }
    table(
        out,
        &[
            "Metric and group".into(),
            "α".into(),
            "95% CI".into(),
            "P(α < .800)".into(),
            "P(α < .667)".into(),
            "units".into(),
            "pairable values".into(),
        ],
        &rows,
    );
    paragraph(
        out,
        &format!(
            "Units are excerpts placed by at least two coders. Intervals from 2,000 bootstrap \
             resamples of the excerpts (fixed seed). Krippendorff recommends relying on data with \
             α ≥ .800, drawing tentative conclusions only from α ≥ .667, and none below \
             ({ALPHA_GUIDE_REFERENCE})."
        ),
    );
}

fn agreement_row(name: &str, row: &crate::analysis::Row) -> Vec<String> {
    let dash = || "—".to_owned();
    let interval = row.interval.as_ref();
    vec![
        name.to_owned(),
        row.alpha.map_or_else(dash, alpha_text),
        interval.map_or_else(dash, |i| {
            format!("{} to {}", alpha_text(i.low), alpha_text(i.high))
        }),
        interval.map_or_else(dash, |i| format!("{:.2}", i.below_800)),
        interval.map_or_else(dash, |i| format!("{:.2}", i.below_667)),
        row.units.to_string(),
        row.pairable_values.to_string(),
    ]
}

fn findings_section(out: &mut String, project: &Project, found: &Findings, options: ReportOptions) {
    heading(
        out,
        2,
        &format!(
            "Placements by {} ({})",
            found.by.name(),
            found.layer.name(project)
        ),
    );
    let plot = summary_plot(project, found, 540.0, None);
    figure(
        out,
        &to_svg(&plot),
        "Each group's placements (dots) with a box from the lower to the upper quartile, the \
         median marked, whiskers to the smallest and largest.",
        &format!("Summary plot by {}", found.by.name()),
    );
    let mut header: Vec<String> = [found.by.name(), "n", "median", "quartiles", "mean", "sd"]
        .map(str::to_owned)
        .to_vec();
    header.extend(found.zones.iter().cloned());
    let rows: Vec<Vec<String>> = found
        .groups
        .iter()
        .map(|g| {
            let s = &g.summary;
            let mut row = vec![
                g.name.clone(),
                s.n.to_string(),
                format!("{:.2}", s.median),
                format!("{:.2}–{:.2}", s.q1, s.q3),
                format!("{:.2}", s.mean),
                format!("{:.2}", s.sd),
            ];
            row.extend(
                g.zones
                    .iter()
                    .zip(g.zone_shares())
                    .map(|(c, share)| format!("{c} ({:.0}%)", share * 100.0)),
            );
            row
        })
        .collect();
    table(out, &header, &rows);
    paragraph(
        out,
        "Zones: a placement's zone is its nearest anchor. Counts with row percentages.",
    );
    if !options.quotes {
        return;
    }
    heading(out, 3, &format!("Quotes by zone and {}", found.by.name()));
    for (zone_index, zone) in found.zones.iter().enumerate() {
        for (group_index, group) in found.groups.iter().enumerate() {
            let quotes = found.quotes(project, group_index, zone_index);
            if quotes.is_empty() {
                continue;
            }
            let _ = writeln!(
                out,
                "<h4>{} · {} ({})</h4>",
                escape(zone),
                escape(&group.name),
                quotes.len()
            );
            for quote in quotes.iter().take(MAX_QUOTES) {
                let who = [quote.participant.as_str(), quote.role.as_str()]
                    .into_iter()
                    .filter(|s| !s.is_empty())
                    .collect::<Vec<_>>()
                    .join(", ");
                let _ = write!(
                    out,
                    "<blockquote>“{}”<br/><span class=\"who\">{} · {:.2}</span>",
                    escape(quote.quote.trim()),
                    escape(&who),
                    quote.position
                );
                if !quote.memo.is_empty() {
                    let _ = write!(
                        out,
                        "<br/><span class=\"memo\">{}</span>",
                        escape(&quote.memo)
                    );
                }
                out.push_str("</blockquote>\n");
            }
            if quotes.len() > MAX_QUOTES {
                paragraph(out, &format!("… and {} more.", quotes.len() - MAX_QUOTES));
            }
        }
    }
}

fn codes_section(out: &mut String, project: &Project) {
    heading(out, 2, "Codes");
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for excerpt in &project.excerpts {
        for code in &excerpt.codes {
            *counts.entry(code).or_default() += 1;
        }
    }
    if counts.is_empty() {
        paragraph(out, "No excerpt has a code.");
        return;
    }
    let mut rows: Vec<(&str, usize)> = counts.into_iter().collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let rows: Vec<Vec<String>> = rows
        .into_iter()
        .map(|(code, n)| vec![code.to_owned(), n.to_string()])
        .collect();
    table(out, &["Code".into(), "excerpts".into()], &rows);
}
