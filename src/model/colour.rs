//! An annotator's colour, stored in the file as a `"#rrggbb"` string so it reads like CSS.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// An opaque sRGB colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Colour {
    pub r: u8,
    pub g: u8,
    pub b: u8,
}

impl Colour {
    pub const fn rgb(r: u8, g: u8, b: u8) -> Self {
        Self { r, g, b }
    }

    /// Parses `#rrggbb` (the `#` is optional). Returns `None` for anything else.
    pub fn from_hex(text: &str) -> Option<Self> {
        let hex = text.strip_prefix('#').unwrap_or(text);
        if hex.len() != 6 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
        Some(Self::rgb(byte(0)?, byte(2)?, byte(4)?))
    }

    /// A colour-blind-safe palette (Okabe & Ito, 2008), used for new annotators in turn.
    pub const PALETTE: [Colour; 7] = [
        Colour::rgb(0x00, 0x72, 0xB2), // blue
        Colour::rgb(0xD5, 0x5E, 0x00), // vermillion
        Colour::rgb(0x00, 0x9E, 0x73), // bluish green
        Colour::rgb(0xCC, 0x79, 0xA7), // reddish purple
        Colour::rgb(0xE6, 0x9F, 0x00), // orange
        Colour::rgb(0x56, 0xB4, 0xE9), // sky blue
        Colour::rgb(0x55, 0x55, 0x55), // grey
    ];

    /// The names of the [`PALETTE`](Self::PALETTE)'s colours, in its order, for menus.
    pub const PALETTE_NAMES: [&'static str; 7] = [
        "Blue",
        "Vermillion",
        "Bluish green",
        "Reddish purple",
        "Orange",
        "Sky blue",
        "Grey",
    ];
}

impl fmt::Display for Colour {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{:02x}{:02x}{:02x}", self.r, self.g, self.b)
    }
}

impl Serialize for Colour {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_string())
    }
}

impl<'de> Deserialize<'de> for Colour {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Colour::from_hex(&text).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "colour {text:?} is not of the form \"#rrggbb\" (e.g. \"#0072b2\")"
            ))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_round_trip() {
        let c = Colour::rgb(0x0a, 0xbc, 0xff);
        assert_eq!(c.to_string(), "#0abcff");
        assert_eq!(Colour::from_hex("#0ABCFF"), Some(c));
        assert_eq!(Colour::from_hex("0abcff"), Some(c));
    }

    #[test]
    fn rejects_malformed_hex() {
        for bad in ["", "#", "#12345", "#1234567", "#gg0000", "#ææ0000"] {
            assert_eq!(Colour::from_hex(bad), None, "{bad:?}");
        }
    }
}
