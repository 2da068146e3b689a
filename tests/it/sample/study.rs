//! The study around the interviews: the project memo, the two cases, and a few codes on the
//! excerpts (by label).

pub(super) const CASES: [(&str, &str); 2] = [
    (
        "Hjemmeplejen Vestbo",
        "Home-care unit; small fixed teams and 'doing things together' since joining the co-production programme.",
    ),
    (
        "Dagcentret Lindely",
        "Day centre; co-production through a users' council, volunteers and peer networks, with staff as facilitators.",
    ),
];

pub(super) const PROJECT_MEMO: &str = "Fictional sample for Continuum, modelled on the study design of Mortensen & Needham (2019), \
\"Family, friend, professional, stranger?\". Two Danish care settings that have committed to co-production: \
a home-care unit (Vestbo) and a day centre (Lindely). Interviews with a manager, a member of staff and a citizen in each.

Question: where do the display rules of each setting put paid workers on the continuum from emotional closeness to distance?
Coding: Anna and Jonas place the excerpts independently (Anna still has two to place); compare before settling.";

/// A few codes on the sample's excerpts (by label), so the map's code filter has something to do.
pub(super) const CODES: &[(&str, &[&str])] = &[
    (
        "kin terms",
        &[
            "She calls me her girl",
            "Like a daughter, almost",
            "Like an old aunt",
            "Two families",
            "More of a family than the son",
        ],
    ),
    (
        "display rules",
        &[
            "Fond is not unprofessional",
            "Nothing should be a secret",
            "Closeness needs a frame",
            "The rules speak for me",
            "Not kind, though it feels kind",
        ],
    ),
    (
        "reciprocity",
        &[
            "Tired of only receiving",
            "Frikadeller together",
            "A good neighbour",
        ],
    ),
    (
        "co-production",
        &[
            "Frikadeller together",
            "Best friend would be a failure",
            "Turning friendship to the others",
            "Scaffolding, not the house",
        ],
    ),
    (
        "death and farewell",
        &[
            "Guest or mourner",
            "Not at the funeral",
            "Cried in the car",
            "A stranger held my hand",
        ],
    ),
];
