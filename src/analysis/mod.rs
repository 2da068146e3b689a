//! Numbers about a project: agreement between annotators. Pure functions, no GUI, no files.

mod agreement;
mod alpha;

pub use agreement::{AgreementReport, Grouping, Ratings, Row, agreement_report};
pub use alpha::{Alpha, Metric, krippendorff_alpha};
