//! Typed, stable ids. Each kind of entity has its own id type so a transcript id can never be
//! passed where an excerpt id is expected; in the file they are plain numbers.

use serde::{Deserialize, Serialize};
use std::fmt;

/// No id is left after the largest one a file can hold (4294967295). Ids are never wrapped around
/// to 0: the next "new" id would then collide with existing ones on every try.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IdsExhausted {
    /// The kind of entity, e.g. "case".
    pub kind: &'static str,
    /// The largest id in use, e.g. "c4294967295".
    pub largest: String,
}

impl fmt::Display for IdsExhausted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "no new {} can be added: the project already has {}, the largest id there can be \
             ({}); give that {} a smaller id in the project file",
            self.kind,
            self.largest,
            u32::MAX,
            self.kind
        )
    }
}

impl std::error::Error for IdsExhausted {}

/// Takes the id in `next` for a new entity and moves `next` past it, by checked arithmetic; once
/// the largest id is taken, `next` holds the error. For handing out a run of new ids in a batch.
pub(crate) fn take_id<T: Copy>(
    next: &mut Result<T, IdsExhausted>,
    step: fn(T) -> Result<T, IdsExhausted>,
) -> Result<T, IdsExhausted> {
    let id = next.clone()?;
    *next = step(id);
    Ok(id)
}

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident, $prefix:literal, $kind:literal) => {
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

        impl $name {
            /// The id after this one, by checked arithmetic: past the largest there is none.
            pub fn next(self) -> Result<Self, IdsExhausted> {
                self.0.checked_add(1).map(Self).ok_or_else(|| IdsExhausted {
                    kind: $kind,
                    largest: self.to_string(),
                })
            }

            /// The id after the largest of `ids`, or the first id (1) if there are none.
            pub fn after_all(ids: impl IntoIterator<Item = Self>) -> Result<Self, IdsExhausted> {
                ids.into_iter().max().unwrap_or(Self(0)).next()
            }
        }
    };
}

id_type!(
    /// Identifies a case (a care setting being compared).
    CaseId, "c", "case"
);
id_type!(
    /// Identifies a participant (an interviewee).
    ParticipantId, "p", "participant"
);
id_type!(
    /// Identifies a transcript.
    TranscriptId, "t", "transcript"
);
id_type!(
    /// Identifies an excerpt of a transcript.
    ExcerptId, "e", "excerpt"
);
id_type!(
    /// Identifies an annotator (a person coding).
    AnnotatorId, "a", "annotator"
);

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 11, item 13: an id of 4294967295 made the next id 0 in release builds ("case c0
    /// already exists" on every try) and panicked in debug builds.
    #[test]
    fn the_id_after_the_largest_is_an_error_not_zero() {
        assert_eq!(CaseId::after_all([]), Ok(CaseId(1)));
        assert_eq!(CaseId::after_all([CaseId(3), CaseId(7)]), Ok(CaseId(8)));
        let error = CaseId::after_all([CaseId(2), CaseId(u32::MAX)]).unwrap_err();
        assert_eq!(
            error.to_string(),
            "no new case can be added: the project already has c4294967295, the largest id \
             there can be (4294967295); give that case a smaller id in the project file"
        );
        assert!(ExcerptId(u32::MAX).next().is_err());
    }
}
