//! Bytes to text: byte-order marks first (UTF-8, UTF-16 LE/BE), then UTF-8, then a detected
//! legacy encoding (chardetng guesses from the byte statistics, as Firefox does). Binary files are
//! refused rather than decoded into nonsense.

use super::{EncodingConfidence, ImportError};
use encoding_rs::{DecoderResult, Encoding, UTF_8};

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

/// Text decoded from bytes, with what we know of its encoding.
#[derive(Debug, PartialEq)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static str,
    pub confidence: EncodingConfidence,
}

/// Decodes text and names the encoding it was in. Line ends are left as they are. Text longer
/// than `limit` bytes (as UTF-8) is refused while decoding: a legacy encoding can triple in
/// UTF-8, so the file limit alone does not bound it.
pub fn decode_text(bytes: &[u8], limit: usize) -> Result<Decoded, ImportError> {
    let decoded = decode_any(bytes, limit)?;
    refuse_garbage(&decoded)?;
    Ok(decoded)
}

fn decode_any(bytes: &[u8], limit: usize) -> Result<Decoded, ImportError> {
    if let Some((encoding, bom_length)) = Encoding::for_bom(bytes) {
        let text = decode_with(encoding, &bytes[bom_length..], limit)?;
        return Ok(certain(text, encoding));
    }
    if looks_binary(bytes) {
        return Err(ImportError::Binary);
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        if text.len() > limit {
            return Err(ImportError::TooMuchText { limit });
        }
        return Ok(certain(text.to_owned(), UTF_8));
    }
    // A text file with no byte-order mark that is not UTF-8 is in a legacy encoding.
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let encoding = detector.guess(None, chardetng::Utf8Detection::Deny);
    let text = decode_with(encoding, bytes, limit)?;
    let percent = plausibility(&text);
    Ok(Decoded {
        text,
        encoding: encoding.name(),
        confidence: EncodingConfidence::Guessed { percent },
    })
}

fn certain(text: String, encoding: &'static Encoding) -> Decoded {
    Decoded {
        text,
        encoding: encoding.name(),
        confidence: EncodingConfidence::Certain,
    }
}

/// Decodes into a buffer of at most about `limit` bytes, so an expanding file stops at the limit
/// instead of after allocating all of it.
fn decode_with(
    encoding: &'static Encoding,
    bytes: &[u8],
    limit: usize,
) -> Result<String, ImportError> {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let worst_case = decoder
        .max_utf8_buffer_length_without_replacement(bytes.len())
        .unwrap_or(usize::MAX);
    // A few bytes of slack, so the longest character still fits at the limit itself.
    let mut text = String::with_capacity(worst_case.min(limit.saturating_add(8)));
    let (result, _) = decoder.decode_to_string_without_replacement(bytes, &mut text, true);
    match result {
        DecoderResult::InputEmpty if text.len() <= limit => Ok(text),
        DecoderResult::InputEmpty | DecoderResult::OutputFull => {
            Err(ImportError::TooMuchText { limit })
        }
        DecoderResult::Malformed(..) => Err(ImportError::Undecodable {
            encoding: encoding.name(),
        }),
    }
}

/// Characters that no transcript holds more than a few of: control characters other than tab,
/// line ends and form feed, and U+FFFD, which marks bytes an earlier conversion could not read.
fn is_garbage(c: char) -> bool {
    c == '\u{FFFD}' || (c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{0c}'))
}

/// More than one character in ten being garbage is far past any honest file (real transcripts
/// have none), and refusing there catches half-garbage as well as "mostly".
const MAX_GARBAGE_PER_TEN: usize = 1;

/// Refuses text that decoded to mostly control or replacement characters: the binary check only
/// samples the start of an unmarked file, and a byte-order mark skips it altogether.
fn refuse_garbage(decoded: &Decoded) -> Result<(), ImportError> {
    let (mut total, mut garbage) = (0usize, 0usize);
    for c in decoded.text.chars() {
        total += 1;
        garbage += usize::from(is_garbage(c));
    }
    if garbage * 10 > total * MAX_GARBAGE_PER_TEN {
        return Err(ImportError::Garbled {
            encoding: decoded.encoding,
            percent: (garbage * 100 / total.max(1)) as u8,
        });
    }
    Ok(())
}

/// The writing system of a letter, coarsely: a word of real text keeps to one.
fn script(c: char) -> u8 {
    match c {
        'a'..='z' | 'A'..='Z' | '\u{C0}'..='\u{24F}' | '\u{1E00}'..='\u{1EFF}' => 1,
        '\u{370}'..='\u{3FF}' | '\u{1F00}'..='\u{1FFF}' => 2,
        '\u{400}'..='\u{52F}' => 3,
        '\u{590}'..='\u{5FF}' => 4,
        '\u{600}'..='\u{6FF}' => 5,
        '\u{E00}'..='\u{E7F}' => 6,
        _ => 0,
    }
}

/// Whether a word's capitals fall where a language puts them: none, all, or only the first.
fn plausible_case(word: &str) -> bool {
    let mut cased = word
        .chars()
        .filter(|c| c.is_uppercase() || c.is_lowercase());
    let Some(first) = cased.next() else {
        return true;
    };
    let rest: Vec<bool> = cased.map(char::is_uppercase).collect();
    rest.iter().all(|&upper| !upper) || (first.is_uppercase() && rest.iter().all(|&upper| upper))
}

/// Whether a word containing non-ASCII letters reads like a word: one script, plausible capitals.
fn plausible_word(word: &str) -> bool {
    let mut scripts = word.chars().map(script);
    let first = scripts.next();
    scripts.all(|s| Some(s) == first) && plausible_case(word)
}

/// Non-letter, non-ASCII characters that real text is full of.
fn common_punctuation(c: char) -> bool {
    c.is_whitespace()
        || c.is_numeric()
        || matches!(
            c,
            '“' | '”'
                | '„'
                | '‘'
                | '’'
                | '‚'
                | '«'
                | '»'
                | '‹'
                | '›'
                | '–'
                | '—'
                | '…'
                | '•'
                | '·'
                | '°'
                | '€'
                | '£'
                | '§'
                | '©'
                | '®'
                | '™'
                | '¡'
                | '¿'
                | '´'
                | '½'
        )
}

/// How well a text decoded in a guessed encoding reads, in percent: of the words with non-ASCII
/// letters and the non-ASCII symbols, the share that look like real text. A wrong guess turns
/// letters into symbols and mixes scripts and capitals within words ("tÃ¦t", "РЎРѕ"), so it
/// scores low; chardetng itself gives no confidence to report.
pub fn plausibility(text: &str) -> u8 {
    let (mut good, mut bad) = (0usize, 0usize);
    for word in text.split(|c: char| !c.is_alphabetic()) {
        if !word.is_ascii() {
            if plausible_word(word) {
                good += 1;
            } else {
                bad += 1;
            }
        }
    }
    bad += text
        .chars()
        .filter(|&c| !c.is_ascii() && !c.is_alphabetic() && !common_punctuation(c))
        .count();
    if good + bad == 0 {
        return 100;
    }
    (good * 100 / (good + bad)) as u8
}

#[cfg(test)]
mod tests {
    use super::*;

    const NO_LIMIT: usize = usize::MAX;

    /// The text and encoding name, for comparisons.
    fn decode(bytes: &[u8]) -> Result<(String, &'static str), ImportError> {
        decode_text(bytes, NO_LIMIT).map(|d| (d.text, d.encoding))
    }

    #[test]
    fn boms_and_legacy_encodings() {
        let text = "Søren: “Vi er tæt på” – ja.";
        let mut utf8_bom = vec![0xEF, 0xBB, 0xBF];
        utf8_bom.extend_from_slice(text.as_bytes());
        assert_eq!(decode(&utf8_bom).unwrap(), (text.to_owned(), "UTF-8"));

        let mut utf16le = vec![0xFF, 0xFE];
        utf16le.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(decode(&utf16le).unwrap(), (text.to_owned(), "UTF-16LE"));

        let mut utf16be = vec![0xFE, 0xFF];
        utf16be.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
        assert_eq!(decode(&utf16be).unwrap(), (text.to_owned(), "UTF-16BE"));

        let (cp1252, _, _) = encoding_rs::WINDOWS_1252.encode(text);
        let decoded = decode_text(&cp1252, NO_LIMIT).unwrap();
        assert_eq!(
            (decoded.text.as_str(), decoded.encoding),
            (text, "windows-1252")
        );
        assert_eq!(
            decoded.confidence,
            EncodingConfidence::Guessed { percent: 100 }
        );
    }

    #[test]
    fn text_broken_in_its_announced_encoding_is_refused() {
        // A UTF-16 byte-order mark, then a lone surrogate.
        let broken = [0xFF, 0xFE, 0x00, 0xD8, b'A', 0x00];
        assert_eq!(
            decode(&broken),
            Err(ImportError::Undecodable {
                encoding: "UTF-16LE"
            })
        );
    }

    #[test]
    fn binary_is_refused() {
        assert_eq!(
            decode(b"PK\x03\x04\x00\x00binary"),
            Err(ImportError::Binary)
        );
        assert_eq!(
            decode(&[1, 2, 3, 4, 5, 6, 7, 8, b'a']),
            Err(ImportError::Binary)
        );
    }

    /// Issue 11, item 8: windows-1252 text triples in UTF-8 (every byte 0x80 is a 3-byte €);
    /// the decoder stops at the limit instead of allocating all of it.
    #[test]
    fn legacy_text_that_expands_past_the_limit_is_refused_while_decoding() {
        let euros = [b"Price: ".as_slice(), &[0x80; 400]].concat();
        let windows_1252 = encoding_rs::WINDOWS_1252;
        assert_eq!(
            decode_with(windows_1252, &euros, 1000),
            Err(ImportError::TooMuchText { limit: 1000 })
        );
        assert_eq!(decode_with(windows_1252, &euros, 1207).unwrap().len(), 1207);
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend("æ".repeat(600).encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(
            decode_text(&utf16, 1000),
            Err(ImportError::TooMuchText { limit: 1000 })
        );
        assert_eq!(
            decode_text(&[b'a'; 1001], 1000),
            Err(ImportError::TooMuchText { limit: 1000 })
        );
    }

    /// Issue 11, item 15: UTF-8 mojibake and random high bytes read as a legacy encoding score
    /// low; real Danish, Russian and Greek text scores high.
    #[test]
    fn plausibility_tells_real_text_from_a_wrong_guess() {
        for real in [
            "Søren: “Vi er tæt på” – ja. Især over for ham… han er ensom.",
            "Мы говорим открыто в команде, ничего не скрываем.",
            "Η απόσταση δεν είναι ψυχρή.",
        ] {
            assert!(plausibility(real) >= 90, "{real}: {}", plausibility(real));
        }
        let utf8 = "Søren: “Vi er tæt på” – ja. Især over for ham… han er ensom.";
        for wrong in [encoding_rs::WINDOWS_1252, encoding_rs::WINDOWS_1251] {
            let (mojibake, _) = wrong.decode_without_bom_handling(utf8.as_bytes());
            assert!(plausibility(&mojibake) < 50, "{mojibake}");
        }
    }

    /// Issue 11, item 15: text with a byte-order mark skips the binary check, and U+FFFD is valid
    /// UTF-8; both are refused when they are mostly control or replacement characters.
    #[test]
    fn text_of_mostly_control_or_replacement_characters_is_refused() {
        let replacement = "\u{FFFD}".repeat(100) + "ok";
        assert_eq!(
            decode(replacement.as_bytes()),
            Err(ImportError::Garbled {
                encoding: "UTF-8",
                percent: 98
            })
        );
        let mut controls = vec![0xFF, 0xFE];
        controls.extend(
            "\u{1}\u{2}\u{3}a"
                .repeat(50)
                .encode_utf16()
                .flat_map(u16::to_le_bytes),
        );
        assert!(matches!(
            decode(&controls),
            Err(ImportError::Garbled {
                encoding: "UTF-16LE",
                ..
            })
        ));
        // A few replacement characters in real text are kept.
        let mostly_fine = format!("{}\u{FFFD}", "Vi er tæt på. ".repeat(5));
        assert!(decode(mostly_fine.as_bytes()).is_ok());
    }
}
