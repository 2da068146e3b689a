//! Numbers about a project: agreement between annotators and how far apart they are per excerpt. Pure functions, no GUI, no files.

mod agreement;
mod alpha;
mod spread;

pub use agreement::{AgreementReport, Grouping, Ratings, Row, agreement_report};
pub use alpha::{ALPHA_GUIDE_REFERENCE, Alpha, Metric, alpha_reading, krippendorff_alpha};
pub use spread::{Spread, spreads};
