//! Numbers about a project: agreement between annotators and how far apart they are per excerpt. Pure functions, no GUI, no files.

mod agreement;
mod alpha;
mod spread;

pub use agreement::{AgreementReport, Grouping, Ratings, Row, agreement_report};
pub use alpha::{Alpha, Metric, krippendorff_alpha};
pub use spread::{Spread, spreads};
