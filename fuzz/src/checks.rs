//! The invariants the fuzz targets, the property tests (tests/properties.rs) and the seed
//! corpus test (tests/fuzz_corpus.rs) check, written once. This file is included by path
//! in both places (`#[path]`), because the fuzz crate is outside the workspace and the
//! worker's test crate cannot depend on it. It refers to the decoder as `crate::decode`
//! and to the error module as `crate::error`: each includer provides those names.
//!
//! Each check panics with the input when an invariant fails: a panic is what libFuzzer
//! and proptest report (and minimize).

use std::sync::OnceLock;

use newswire_enrich::{normalize::normalize, Enricher, Entities, ItemDate};

use crate::decode::{decode, DecodeError, RawItem};
use crate::error::MAX_ERROR_MESSAGE_BYTES;

/// One enricher for the whole process: loading the data is the slow part, and
/// `&Enricher` is shared by every worker thread in production too.
pub fn enricher() -> &'static Enricher {
    static E: OnceLock<Enricher> = OnceLock::new();
    E.get_or_init(|| Enricher::new().expect("bundled enrichment data loads"))
}

/// `decode` on any bytes: an item or the error the bytes deserve, never a panic.
pub fn check_decode(data: &[u8], max_bytes: usize) -> Result<RawItem, DecodeError> {
    let result = decode(data, max_bytes);
    let utf8 = std::str::from_utf8(data);
    match &result {
        // The size limit is checked first: an oversized value costs no parsing.
        _ if data.len() > max_bytes => assert_eq!(
            result,
            Err(DecodeError::TooLarge {
                size: data.len(),
                limit: max_bytes
            }),
            "a value over the limit must be too_large"
        ),
        Err(DecodeError::TooLarge { .. }) => panic!("a value within the limit was too_large"),
        Err(DecodeError::InvalidUtf8 { valid_up_to }) => assert_eq!(
            utf8.err().map(|e| e.valid_up_to()),
            Some(*valid_up_to),
            "invalid_utf8 must say where the bad byte is"
        ),
        _ => assert!(utf8.is_ok(), "a value that is not UTF-8 was accepted"),
    }
    match &result {
        Ok(item) => {
            assert!(!item.body.trim().is_empty(), "an item with a blank body");
            let text = utf8.expect("accepted, so UTF-8");
            let text = text.strip_prefix('\u{feff}').unwrap_or(text);
            if !text.trim_start().starts_with('{') {
                // Plain text: the body is the value, less a leading date token.
                assert!(
                    text.ends_with(item.body.as_str()),
                    "the body of a plain item is not the end of its value"
                );
            }
        }
        // The message becomes a dead-letter header and a log line: it must not grow
        // with the input.
        Err(e) => assert!(
            e.to_string().len() <= MAX_ERROR_MESSAGE_BYTES,
            "error message of {} bytes: {:.200}",
            e.to_string().len(),
            e.to_string()
        ),
    }
    result
}

/// `normalize` on any text: no control characters but '\n', single spaces inside lines,
/// no line with leading or trailing spaces, at most one blank line in a row.
pub fn check_normalize(raw: &str) -> String {
    let text = normalize(raw);
    assert!(
        !text.chars().any(|c| c.is_control() && c != '\n'),
        "a control character survived normalization"
    );
    assert!(
        !text.contains("\n\n\n"),
        "more than one blank line in a row"
    );
    assert!(
        !text.starts_with('\n') && !text.ends_with('\n'),
        "leading or trailing line break"
    );
    for line in text.split('\n') {
        assert!(
            !line.starts_with(' ') && !line.ends_with(' ') && !line.contains("  "),
            "untidy spaces in line {line:?}"
        );
    }
    text
}

/// Every offset the enrichment reports (mentions, quotes, events) lies inside `text`,
/// counted in chars as the event schema defines them (so every such offset is a char
/// boundary), with start < end; mention and quote texts are exactly the slices they
/// name; every index into officials or locations exists; coordinates are finite and on
/// the globe; every resolved date is a real `YYYY-MM-DD` day.
pub fn check_entities(text: &str, e: &Entities) {
    let chars: Vec<char> = text.chars().collect();
    let n = chars.len();
    let slice = |what: &str, start: usize, end: usize| -> String {
        assert!(
            start < end && end <= n,
            "{what} [{start}, {end}) is not inside the text of {n} chars"
        );
        chars[start..end].iter().collect()
    };
    let mentions = e
        .officials
        .iter()
        .flat_map(|o| o.mentions.iter().map(move |m| (&o.name, m)))
        .chain(
            e.locations
                .iter()
                .flat_map(|l| l.mentions.iter().map(move |m| (&l.name, m))),
        )
        .chain(
            e.organizations
                .iter()
                .flat_map(|o| o.mentions.iter().map(move |m| (&o.name, m))),
        );
    for (name, m) in mentions {
        assert_eq!(
            slice(&format!("mention of {name:?}"), m.start, m.end),
            m.text,
            "mention of {name:?} does not slice the text to its own text"
        );
    }
    for l in &e.locations {
        assert!(
            l.lat.is_finite() && l.lon.is_finite() && l.lat.abs() <= 90.0 && l.lon.abs() <= 180.0,
            "{} at ({}, {})",
            l.name,
            l.lat,
            l.lon
        );
    }
    let person = |p: &newswire_enrich::PersonRef| {
        assert!(!p.name.is_empty(), "a person without a name");
        if let Some(i) = p.official {
            assert!(i < e.officials.len(), "official index {i} out of range");
        }
    };
    for q in &e.quotes {
        assert_eq!(
            slice("quote", q.start, q.end),
            q.text,
            "a quote does not slice the text to its own text"
        );
        person(&q.speaker);
    }
    for ev in &e.events {
        slice("event evidence", ev.start, ev.end);
        ev.participants.iter().for_each(person);
        if let Some(place) = &ev.place {
            if let Some(i) = place.location {
                assert!(i < e.locations.len(), "location index {i} out of range");
            }
        }
        if let Some(d) = &ev.date {
            let digits_and_dashes = d.len() == 10
                && d.bytes().enumerate().all(|(i, b)| match i {
                    4 | 7 => b == b'-',
                    _ => b.is_ascii_digit(),
                });
            assert!(
                digits_and_dashes && ItemDate::parse(d).is_some(),
                "event date {d:?} is not a YYYY-MM-DD day"
            );
        }
    }
    // The event is serialized to JSON: that must work for any entities.
    serde_json::to_string(e).expect("entities serialize to JSON");
}

/// The worker's path for a text: normalize, then enrich (dated, as items with a
/// published date are), then check everything.
pub fn check_enrich(raw: &str, date: Option<ItemDate>) -> (String, Entities) {
    let text = check_normalize(raw);
    let e = enricher().enrich_dated(&text, date);
    check_entities(&text, &e);
    (text, e)
}

/// A fuzz input as the worker sees it: decoded (a 1 MiB limit), then, when it is an
/// item, normalized and enriched with its published date.
pub fn check_record(data: &[u8]) {
    if let Ok(item) = check_decode(data, 1 << 20) {
        let date = item.published_date.and_then(|d| {
            use chrono::Datelike;
            ItemDate::new(d.year(), d.month() as u8, d.day() as u8)
        });
        check_enrich(&item.body, date);
    }
}

/// Splits a fuzz input into a date (first three bytes) and a text (the rest, lossily
/// UTF-8), so that one byte string exercises the date-relative rules at any day of
/// years 0..=9999 (the years a `date YYYY-MM-DD` token can carry).
pub fn dated_text(data: &[u8]) -> (Option<ItemDate>, String) {
    let (date, rest) = match data {
        [a, b, c, rest @ ..] => {
            let year = (u16::from_le_bytes([*a, *b]) % 10_000) as i32;
            let month = 1 + c % 12;
            let day = 1 + (c / 12) % 31;
            (ItemDate::new(year, month, day), rest)
        }
        _ => (None, data),
    };
    (date, String::from_utf8_lossy(rest).into_owned())
}
