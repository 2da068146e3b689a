//! Wall-clock times for placements, stored as RFC 3339 UTC strings ("2026-11-29T10:15:00Z") so the
//! file is readable and sorts as text.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Seconds since the Unix epoch, UTC. Whole seconds keep saved files stable and readable.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Timestamp(pub u64);

impl Timestamp {
    pub fn now() -> Self {
        let secs = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0);
        Self(secs)
    }

    /// A short, readable form for the screen: `2026-11-29 10:15 UTC`.
    pub fn short(&self) -> String {
        let full = self.to_string(); // 2026-11-29T10:15:00Z
        format!("{} {} UTC", &full[..10], &full[11..16])
    }

    /// Parses an RFC 3339 time such as `2026-11-29T10:15:00Z`.
    pub fn parse(text: &str) -> Option<Self> {
        let time = humantime::parse_rfc3339_weak(text).ok()?;
        time.duration_since(UNIX_EPOCH)
            .ok()
            .map(|d| Self(d.as_secs()))
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // humantime only formats times it can represent; clamp absurd values instead of panicking.
        let secs = self.0.min(253_402_300_799); // 9999-12-31T23:59:59Z
        let time = UNIX_EPOCH + Duration::from_secs(secs);
        write!(f, "{}", humantime::format_rfc3339_seconds(time))
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_string())
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Timestamp::parse(&text).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "time {text:?} is not an RFC 3339 time such as \"2026-11-29T10:15:00Z\""
            ))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_and_parses_rfc3339() {
        let t = Timestamp(1_764_411_300);
        assert_eq!(t.to_string(), "2025-11-29T10:15:00Z");
        assert_eq!(Timestamp::parse("2025-11-29T10:15:00Z"), Some(t));
        assert_eq!(t.short(), "2025-11-29 10:15 UTC");
    }

    #[test]
    fn rejects_garbage_and_clamps_huge_values() {
        assert_eq!(Timestamp::parse("yesterday"), None);
        assert_eq!(Timestamp(u64::MAX).to_string(), "9999-12-31T23:59:59Z");
    }
}
