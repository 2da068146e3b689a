//! Typed, stable ids. Each kind of entity has its own id type so a transcript id can never be
//! passed where an excerpt id is expected; in the file they are plain numbers.

use serde::{Deserialize, Serialize};
use std::fmt;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident, $prefix:literal) => {
        $(#[$doc])*
        #[derive(
            Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
        )]
        #[serde(transparent)]
        pub struct $name(pub u32);

        impl fmt::Display for $name {
            /// Shown with a prefix ("e12") so messages say which kind of thing is meant.
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, concat!($prefix, "{}"), self.0)
            }
        }
    };
}

id_type!(
    /// Identifies a case (a care setting being compared).
    CaseId, "c"
);
id_type!(
    /// Identifies a participant (an interviewee).
    ParticipantId, "p"
);
id_type!(
    /// Identifies a transcript.
    TranscriptId, "t"
);
id_type!(
    /// Identifies an excerpt of a transcript.
    ExcerptId, "e"
);
id_type!(
    /// Identifies an annotator (a person coding).
    AnnotatorId, "a"
);
