//! Raw record bytes -> [`RawItem`]: plain text (with an optional leading `date YYYY-MM-DD`)
//! or a JSON envelope.
//!
//! Every way an input can be unusable is a [`DecodeError`] variant with a stable code,
//! because that code becomes the dead-letter header and the metrics label. This module
//! never panics on input and never silently drops one: it returns an item or an error.

use chrono::NaiveDate;
use serde::Deserialize;

use crate::error::ErrorCode;

/// One news item as it arrived, before normalization.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawItem {
    pub item_id: Option<String>,
    pub source_name: Option<String>,
    pub url: Option<String>,
    pub published_date: Option<NaiveDate>,
    pub title: Option<String>,
    pub language: Option<String>,
    /// The article text, still raw (page junk, typographic punctuation).
    pub body: String,
}

/// Why a record's value is not a news item.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    #[error("value is {size} bytes, over the limit of {limit} (pipeline.max_message_bytes)")]
    TooLarge { size: usize, limit: usize },
    #[error("value is not valid UTF-8: invalid byte sequence at byte {valid_up_to}")]
    InvalidUtf8 { valid_up_to: usize },
    #[error("value looks like a JSON envelope but does not parse: {0}")]
    InvalidJson(String),
    #[error("JSON envelope has neither a `body` nor a `text` string")]
    MissingBody,
    #[error("item has no article text{0}")]
    EmptyText(&'static str),
}

impl DecodeError {
    pub fn code(&self) -> ErrorCode {
        match self {
            DecodeError::TooLarge { .. } => ErrorCode::TooLarge,
            DecodeError::InvalidUtf8 { .. } => ErrorCode::InvalidUtf8,
            DecodeError::InvalidJson(_) => ErrorCode::InvalidJson,
            DecodeError::MissingBody => ErrorCode::MissingBody,
            DecodeError::EmptyText(_) => ErrorCode::EmptyText,
        }
    }
}

/// The JSON envelope producers may wrap an item in. Unknown fields are tolerated: feeds
/// add their own, and rejecting them would dead-letter good news.
#[derive(Debug, Deserialize)]
struct Envelope {
    #[serde(default, deserialize_with = "string_or_number")]
    id: Option<String>,
    source: Option<String>,
    url: Option<String>,
    published_at: Option<String>,
    title: Option<String>,
    body: Option<String>,
    text: Option<String>,
    language: Option<String>,
}

/// Ids arrive as strings or numbers depending on the feed; both are fine.
fn string_or_number<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(match Option::<serde_json::Value>::deserialize(d)? {
        None | Some(serde_json::Value::Null) => None,
        Some(serde_json::Value::String(s)) => Some(s),
        Some(serde_json::Value::Number(n)) => Some(n.to_string()),
        // Name the kind of value only: quoting it would copy a hostile 500 KB object
        // into the error message.
        Some(other) => {
            let kind = match other {
                serde_json::Value::Bool(_) => "a boolean",
                serde_json::Value::Array(_) => "an array",
                _ => "an object",
            };
            return Err(serde::de::Error::custom(format!(
                "`id` must be a string or a number, found {kind}"
            )));
        }
    })
}

/// Decodes one record value. `max_bytes` is checked first, before any parsing work.
pub fn decode(value: &[u8], max_bytes: usize) -> Result<RawItem, DecodeError> {
    if value.len() > max_bytes {
        return Err(DecodeError::TooLarge {
            size: value.len(),
            limit: max_bytes,
        });
    }
    let text = std::str::from_utf8(value).map_err(|e| DecodeError::InvalidUtf8 {
        valid_up_to: e.valid_up_to(),
    })?;
    // A byte-order mark is invisible and not part of the article.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim_start().starts_with('{') {
        decode_envelope(text)
    } else {
        decode_plain(text)
    }
}

fn decode_envelope(text: &str) -> Result<RawItem, DecodeError> {
    let envelope: Envelope =
        serde_json::from_str(text).map_err(|e| DecodeError::InvalidJson(e.to_string()))?;
    let body = envelope
        .body
        .or(envelope.text)
        .ok_or(DecodeError::MissingBody)?;
    // The body may itself start with a `date` line, as plain items do.
    let (date_in_body, body) = split_date_prefix(&body);
    if body.trim().is_empty() {
        return Err(DecodeError::EmptyText(" (the envelope's body is blank)"));
    }
    let published_date = envelope
        .published_at
        .as_deref()
        .and_then(parse_published_at)
        .or(date_in_body);
    Ok(RawItem {
        item_id: envelope.id.filter(|s| !s.is_empty()),
        source_name: envelope.source,
        url: envelope.url,
        published_date,
        title: envelope.title.filter(|s| !s.trim().is_empty()),
        language: envelope.language.filter(|s| !s.trim().is_empty()),
        body: body.to_string(),
    })
}

fn decode_plain(text: &str) -> Result<RawItem, DecodeError> {
    let (published_date, body) = split_date_prefix(text);
    if body.trim().is_empty() {
        return Err(DecodeError::EmptyText(""));
    }
    Ok(RawItem {
        item_id: None,
        source_name: None,
        url: None,
        published_date,
        title: None,
        language: None,
        body: body.to_string(),
    })
}

/// Splits a leading `date YYYY-MM-DD` token off the text. The article may follow on the
/// same line (as in feeds that lost their line breaks) or on the next. A token that is
/// not a real calendar date is left in the text: it is then part of the article.
pub fn split_date_prefix(text: &str) -> (Option<NaiveDate>, &str) {
    let trimmed = text.trim_start();
    let Some(rest) = trimmed.strip_prefix("date") else {
        return (None, text);
    };
    let after_keyword = rest.trim_start_matches([' ', '\t']);
    if after_keyword.len() == rest.len() {
        return (None, text); // "dated ..." or "date:" is prose, not the token
    }
    let Some(candidate) = after_keyword.get(..10) else {
        return (None, text);
    };
    let Some(date) = parse_ymd(candidate) else {
        return (None, text);
    };
    let after_date = &after_keyword[10..];
    match after_date.chars().next() {
        None => (Some(date), after_date),
        Some(c) if c.is_whitespace() => (Some(date), after_date.trim_start()),
        Some(_) => (None, text), // "2024-03-261" is not a date token
    }
}

/// Accepts an ISO date or an RFC 3339 timestamp; keeps the calendar date as written.
fn parse_published_at(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    s.get(..10).and_then(parse_ymd)
}

/// `NaiveDate::parse_from_str(s, "%Y-%m-%d")`, with the usual form (four, two and two
/// ASCII digits, ten bytes) read directly: chrono's format parser costs about 1,200
/// instructions a date, and most plain items open with a date line. Other forms (signs,
/// spaces, fields of other widths) are left to chrono, which knows its own rules for them.
fn parse_ymd(s: &str) -> Option<NaiveDate> {
    if let [y0, y1, y2, y3, b'-', m0, m1, b'-', d0, d1] = *s.as_bytes() {
        let digits = [y0, y1, y2, y3, m0, m1, d0, d1];
        if digits.iter().all(u8::is_ascii_digit) {
            let value = |ds: &[u8]| (ds.iter()).fold(0u32, |v, d| v * 10 + u32::from(d - b'0'));
            let year = i32::try_from(value(&digits[..4])).ok()?;
            return NaiveDate::from_ymd_opt(year, value(&digits[4..6]), value(&digits[6..]));
        }
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIMIT: usize = 1 << 20;

    #[test]
    fn plain_text_with_date_on_the_same_line_as_the_article() {
        let item = decode(
            b" date 2024-03-26 US Secretary of State met.\n\nMore.",
            LIMIT,
        )
        .unwrap();
        assert_eq!(item.published_date, NaiveDate::from_ymd_opt(2024, 3, 26));
        assert_eq!(item.body, "US Secretary of State met.\n\nMore.");
    }

    #[test]
    fn plain_text_with_date_on_its_own_line() {
        let item = decode(b"date 2023-12-01\nThe minister spoke.", LIMIT).unwrap();
        assert_eq!(item.published_date, NaiveDate::from_ymd_opt(2023, 12, 1));
        assert_eq!(item.body, "The minister spoke.");
    }

    #[test]
    fn prose_starting_with_date_is_not_a_date_token() {
        let item = decode(b"dated letters were found", LIMIT).unwrap();
        assert_eq!(item.published_date, None);
        assert_eq!(item.body, "dated letters were found");
        let item = decode(b"date 2024-02-30 is not a day", LIMIT).unwrap();
        assert_eq!(item.published_date, None);
        assert!(item.body.starts_with("date 2024-02-30"));
    }

    #[test]
    fn envelope_with_body_or_text() {
        let item = decode(
            br#"{"id": 17, "source": "wire", "url": "https://x.test/a", "published_at": "2024-05-01T10:00:00Z",
                "title": "Talks", "text": "The president spoke.", "language": "en", "extra": true}"#,
            LIMIT,
        )
        .unwrap();
        assert_eq!(item.item_id.as_deref(), Some("17"));
        assert_eq!(item.published_date, NaiveDate::from_ymd_opt(2024, 5, 1));
        assert_eq!(item.title.as_deref(), Some("Talks"));
        assert_eq!(item.body, "The president spoke.");
        assert_eq!(item.language.as_deref(), Some("en"));
    }

    #[test]
    fn each_bad_input_has_its_own_error_code() {
        let cases: [(&[u8], ErrorCode); 6] = [
            (b"\xff\xfe not utf8", ErrorCode::InvalidUtf8),
            (b"{\"body\": ", ErrorCode::InvalidJson),
            (b"{\"title\": \"no body\"}", ErrorCode::MissingBody),
            (b"{\"body\": \"   \"}", ErrorCode::EmptyText),
            (b"  \n\t ", ErrorCode::EmptyText),
            (b"date 2024-03-26   \n", ErrorCode::EmptyText),
        ];
        for (input, code) in cases {
            let err = decode(input, LIMIT).unwrap_err();
            assert_eq!(err.code(), code, "{input:?}: {err}");
        }
        let err = decode(&[b'a'; 101], 100).unwrap_err();
        assert_eq!(err.code(), ErrorCode::TooLarge);
        assert!(err.to_string().contains("101 bytes"), "{err}");
    }

    #[test]
    fn a_huge_id_object_is_not_quoted_in_the_error() {
        let value = format!(
            "{{\"id\": {{\"x\": \"{}\"}}, \"body\": \"text\"}}",
            "a".repeat(500_000)
        );
        let err = decode(value.as_bytes(), LIMIT).unwrap_err();
        assert_eq!(err.code(), ErrorCode::InvalidJson);
        assert!(err.to_string().len() < 300, "{}", err.to_string().len());
        assert!(err.to_string().contains("found an object"), "{err}");
    }

    #[test]
    fn dates_are_read_as_chrono_reads_them() {
        let chrono = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
        // Every month and day field from 00 to 99 in years at the edges (leap years,
        // year 0), then forms only chrono reads or rejects.
        for year in [
            "0000", "0001", "1900", "2000", "2023", "2024", "2100", "9999",
        ] {
            for month in 0..100 {
                for day in 0..100 {
                    let s = format!("{year}-{month:02}-{day:02}");
                    assert_eq!(parse_ymd(&s), chrono(&s), "{s}");
                }
            }
        }
        for s in [
            "+2024-03-26",
            "-2024-03-2",
            "2024-3-26",
            "2024-03-6 ",
            " 2024-3-26",
            "2024/03/26",
            "2024-03-26",
            "20240-3-26",
            "2024-03-2x",
            "2024-0３-26",
            "",
            "2024-03-261",
        ] {
            assert_eq!(parse_ymd(s), chrono(s), "{s:?}");
        }
        assert_eq!(
            parse_ymd("2024-02-29"),
            NaiveDate::from_ymd_opt(2024, 2, 29)
        );
    }

    #[test]
    fn invalid_utf8_error_says_where() {
        let err = decode(b"abc\xffdef", LIMIT).unwrap_err();
        assert_eq!(err, DecodeError::InvalidUtf8 { valid_up_to: 3 });
    }
}
