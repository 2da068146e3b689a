//! Numbers about a project: agreement between annotators (with its uncertainty), how far apart
//! they are per excerpt, and the findings: where each group's placements sit, how groups differ,
//! and which quotes lie in each zone. Pure functions, no GUI, no files.

mod agreement;
mod alpha;
mod findings;
mod spread;
pub mod stats;

pub use agreement::{
    AgreementReport, Grouping, Ratings, Row, agreement_report, agreement_report_with,
};
pub use alpha::{
    ALPHA_GUIDE_REFERENCE, Alpha, AlphaInterval, Bootstrap, Metric, alpha_reading,
    krippendorff_alpha,
};
pub use findings::{Comparison, Findings, Group, GroupBy, Layer, Quote, compare, findings};
pub use spread::{Spread, spreads};
