//! Bytes to text: byte-order marks first (UTF-8, UTF-16 LE/BE), then UTF-8, then a detected
//! legacy encoding (chardetng guesses from the byte statistics, as Firefox does). Binary files are
//! refused rather than decoded into nonsense.

use super::ImportError;
use encoding_rs::{Encoding, UTF_8};

/// Whether `bytes` look like a binary file: NUL bytes, or many control characters.
fn looks_binary(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(8192)];
    if sample.contains(&0) {
        return true;
    }
    let controls = sample
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c))
        .count();
    controls * 100 > sample.len()
}

/// Decodes text and names the encoding it was in. Line ends are left as they are.
pub fn decode_text(bytes: &[u8]) -> Result<(String, &'static str), ImportError> {
    if let Some((encoding, bom_length)) = Encoding::for_bom(bytes) {
        return decode_with(encoding, &bytes[bom_length..]);
    }
    if looks_binary(bytes) {
        return Err(ImportError::Binary);
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok((text.to_owned(), UTF_8.name()));
    }
    // A text file with no byte-order mark that is not UTF-8 is in a legacy encoding.
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let encoding = detector.guess(None, chardetng::Utf8Detection::Deny);
    decode_with(encoding, bytes)
}

fn decode_with(
    encoding: &'static Encoding,
    bytes: &[u8],
) -> Result<(String, &'static str), ImportError> {
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    if had_errors {
        return Err(ImportError::Undecodable {
            encoding: encoding.name(),
        });
    }
    Ok((text.into_owned(), encoding.name()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boms_and_legacy_encodings() {
        let text = "Søren: “Vi er tæt på” – ja.";
        let mut utf8_bom = vec![0xEF, 0xBB, 0xBF];
        utf8_bom.extend_from_slice(text.as_bytes());
        assert_eq!(decode_text(&utf8_bom).unwrap(), (text.to_owned(), "UTF-8"));

        let mut utf16le = vec![0xFF, 0xFE];
        utf16le.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(
            decode_text(&utf16le).unwrap(),
            (text.to_owned(), "UTF-16LE")
        );

        let mut utf16be = vec![0xFE, 0xFF];
        utf16be.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
        assert_eq!(
            decode_text(&utf16be).unwrap(),
            (text.to_owned(), "UTF-16BE")
        );

        let (cp1252, _, _) = encoding_rs::WINDOWS_1252.encode(text);
        assert_eq!(
            decode_text(&cp1252).unwrap(),
            (text.to_owned(), "windows-1252")
        );
    }

    #[test]
    fn text_broken_in_its_announced_encoding_is_refused() {
        // A UTF-16 byte-order mark, then a lone surrogate.
        let broken = [0xFF, 0xFE, 0x00, 0xD8, b'A', 0x00];
        assert_eq!(
            decode_text(&broken),
            Err(ImportError::Undecodable {
                encoding: "UTF-16LE"
            })
        );
    }

    #[test]
    fn binary_is_refused() {
        assert_eq!(
            decode_text(b"PK\x03\x04\x00\x00binary"),
            Err(ImportError::Binary)
        );
        assert_eq!(
            decode_text(&[1, 2, 3, 4, 5, 6, 7, 8, b'a']),
            Err(ImportError::Binary)
        );
    }
}
