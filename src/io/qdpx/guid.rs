//! Stable GUIDs for export: the same project exported twice names every source, selection, code,
//! user and note with the same GUID, so a tool that imported the first export can recognise the
//! second as an update of the same things.
//!
//! A GUID is a 128-bit FNV-1a hash of the project's name space and what the entity is ("excerpt",
//! its id), written as an RFC 9562 version-8 (vendor-defined) UUID. FNV is written out here rather
//! than taken from `std`: the standard library's hasher may change between Rust releases, which
//! would change every GUID; and a SHA-1 name-based UUID (version 5) would need a dependency for no
//! gain, since nothing here has to resist an adversary.

use std::fmt::Write as _;

const FNV_OFFSET: u128 = 0x6c62272e07bb014262b821756295c58d;
const FNV_PRIME: u128 = 0x0000000001000000000000000000013B;

/// 128-bit FNV-1a of `parts`, each followed by a 0xff byte (which UTF-8 never contains), so
/// ("ab", "c") and ("a", "bc") differ.
pub fn fnv128(parts: &[&[u8]]) -> u128 {
    let mut hash = FNV_OFFSET;
    for part in parts {
        for &byte in part.iter().chain(&[0xff]) {
            hash ^= u128::from(byte);
            hash = hash.wrapping_mul(FNV_PRIME);
        }
    }
    hash
}

/// Names GUIDs within one project.
#[derive(Clone, Debug)]
pub struct GuidSpace {
    seed: [u8; 16],
}

impl GuidSpace {
    /// The space of a project called `title`: exports of the same project give the same GUIDs;
    /// projects with other titles give other ones, so two exports merged in another tool do not
    /// mistake one project's transcript t1 for the other's.
    pub fn for_project(title: &str) -> Self {
        Self {
            seed: fnv128(&[b"Continuum REFI-QDA export", title.as_bytes()]).to_be_bytes(),
        }
    }

    /// The GUID of the entity of `kind` known by `key` (its id, or a code's path).
    pub fn guid(&self, kind: &str, key: &str) -> String {
        let hash = fnv128(&[&self.seed, kind.as_bytes(), key.as_bytes()]);
        format_uuid_v8(hash)
    }
}

/// `hash` as a version-8, RFC-variant UUID in lower case: 8-4-4-4-12 hex digits.
fn format_uuid_v8(hash: u128) -> String {
    let mut bytes = hash.to_be_bytes();
    bytes[6] = (bytes[6] & 0x0f) | 0x80;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let mut out = String::with_capacity(36);
    for (i, byte) in bytes.iter().enumerate() {
        if matches!(i, 4 | 6 | 8 | 10) {
            out.push('-');
        }
        let _ = write!(out, "{byte:02x}");
    }
    out
}

/// Whether `text` is a GUID as the schema defines it: 8-4-4-4-12 hex digits, optionally in braces.
pub fn is_guid(text: &str) -> bool {
    let inner = text
        .strip_prefix('{')
        .and_then(|t| t.strip_suffix('}'))
        .unwrap_or(text);
    let groups: Vec<&str> = inner.split('-').collect();
    groups.len() == 5
        && groups
            .iter()
            .zip([8, 4, 4, 4, 12])
            .all(|(g, len)| g.len() == len && g.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// The form GUIDs are compared in: lower case, without braces (tools differ in both).
pub fn canonical(text: &str) -> String {
    text.trim()
        .trim_start_matches('{')
        .trim_end_matches('}')
        .to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guids_are_stable_distinct_and_well_formed() {
        let space = GuidSpace::for_project("Care study");
        let a = space.guid("excerpt", "1");
        assert_eq!(a, GuidSpace::for_project("Care study").guid("excerpt", "1"));
        assert_ne!(a, space.guid("excerpt", "2"));
        assert_ne!(a, space.guid("transcript", "1"));
        assert_ne!(
            a,
            GuidSpace::for_project("Other study").guid("excerpt", "1")
        );
        assert!(is_guid(&a), "{a}");
        assert_eq!(&a[14..15], "8", "version 8: {a}");
        assert!(matches!(&a[19..20], "8" | "9" | "a" | "b"), "variant: {a}");
        // Pinned: a change here would change every GUID of every export.
        assert_eq!(fnv128(&[b"a"]), 0x0880954550ab1be95aa0733055b751b9);
        assert_ne!(fnv128(&[b"ab", b"c"]), fnv128(&[b"a", b"bc"]));
    }

    #[test]
    fn guid_syntax_follows_the_schema() {
        assert!(is_guid("5067d381-1dc9-4816-81dd-ae1dbfea2ad7"));
        assert!(is_guid("{088B08AC-D5CD-4ADB-8B71-B4F3459C177F}"));
        assert!(!is_guid("5067d381-1dc9-4816-81dd-ae1dbfea2ad"));
        assert!(!is_guid("5067d381x1dc9-4816-81dd-ae1dbfea2ad7"));
        assert!(!is_guid(""));
        assert_eq!(
            canonical("{088B08AC-D5CD-4ADB-8B71-B4F3459C177F}"),
            "088b08ac-d5cd-4adb-8b71-b4f3459c177f"
        );
    }
}
