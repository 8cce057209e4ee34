//! The pure part of the path of one record: bytes -> decode -> normalize -> enrich ->
//! encoded event. No Kafka here, so the worker, `newswire enrich` and the benchmarks all
//! run exactly the same code on an item.
//!
//! Must never panic on input: every failure is an [`ItemError`] with a stable code. An
//! unexpected panic inside enrichment is caught and reported as `enrich_failed`, so one
//! poison item cannot take the worker (and its partition) down.

use std::panic::{catch_unwind, AssertUnwindSafe};

use chrono::{Datelike, Utc};
use newswire_enrich::{normalize::normalize, Enricher, Entities, ItemDate};

use crate::decode::decode;
use crate::error::{ErrorCode, ItemError};
use crate::event::{rfc3339, Event, SourceRef, SCHEMA_VERSION, WORKER_VERSION};

/// The finished product of one item: the event and its serialized form.
#[derive(Debug, Clone)]
pub struct Processed {
    pub event: Event,
    pub payload: Vec<u8>,
}

/// The size limits one item is processed under.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// `pipeline.max_message_bytes`: larger values are `too_large`.
    pub max_input_bytes: usize,
    /// `enrich.max_text_bytes`: longer normalized text is enriched on a prefix.
    pub max_text_bytes: usize,
    /// The largest encoded event the output topic can take (the producer's
    /// `message.max.bytes` less the record's key and framing). The text is cut further
    /// until the event fits; `usize::MAX` for `newswire enrich`, which writes no record.
    pub max_event_bytes: usize,
}

/// A cut text shorter than this is not worth publishing: the item is `too_large`.
const MIN_CUT_TEXT_BYTES: usize = 1024;

/// Turns one raw value into an event. `key` is the record key (used as the item id
/// when the value carries none).
pub fn process_item(
    enricher: &Enricher,
    source: SourceRef,
    key: Option<&str>,
    value: &[u8],
    limits: &Limits,
) -> Result<Processed, ItemError> {
    let raw = decode(value, limits.max_input_bytes)
        .map_err(|e| ItemError::new(e.code(), e.to_string()))?;
    let mut full_text = normalize(&raw.body);
    if full_text.trim().is_empty() {
        return Err(ItemError::new(
            ErrorCode::EmptyText,
            "item has no article text once page junk is removed",
        ));
    }
    let title = raw.title.map(|t| normalize(&t));
    let item_id = raw.item_id.or_else(|| key.map(str::to_owned));
    let event_id = source.event_id(value);
    // The event is built once, its fields moved in, not copied; each attempt below sets its
    // text and what was found in it.
    let mut event = Event {
        schema_version: SCHEMA_VERSION,
        event_id,
        source,
        item_id,
        published_date: raw.published_date,
        title,
        url: raw.url,
        text: String::new(),
        truncated: false,
        language: raw.language,
        processed_at: String::new(),
        worker_version: WORKER_VERSION.to_string(),
        officials: Vec::new(),
        locations: Vec::new(),
        organizations: Vec::new(),
        quotes: Vec::new(),
        events: Vec::new(),
    };
    // Entities are found in the published text, so every cut means enriching again; each
    // further cut halves the text, so the total work stays under twice one pass.
    // The item's date resolves the events' "on Monday", "yesterday", "5 March".
    let date = raw
        .published_date
        .and_then(|d| ItemDate::new(d.year(), d.month() as u8, d.day() as u8));
    let mut cap = limits.max_text_bytes;
    loop {
        // The text is a prefix of the full text (`cut_text` cuts, trims the end, never
        // copies): its length says which.
        let len = cut_text(&full_text, cap).len();
        let text = &full_text[..len];
        let entities = enrich_guarded(enricher, text, date)?;
        let truncated = len < full_text.len();
        // A text not cut moves into the event (and back out should the event not fit).
        event.text = if truncated {
            text.to_string()
        } else {
            std::mem::take(&mut full_text)
        };
        event.truncated = truncated;
        event.processed_at = rfc3339(Utc::now());
        event.officials = entities.officials;
        event.locations = entities.locations;
        event.organizations = entities.organizations;
        event.quotes = entities.quotes;
        event.events = entities.events;
        let payload = event.encode().map_err(|e| {
            ItemError::new(ErrorCode::EncodeFailed, format!("cannot encode event: {e}"))
        })?;
        if payload.len() <= limits.max_event_bytes {
            return Ok(Processed { event, payload });
        }
        if !truncated {
            full_text = std::mem::take(&mut event.text);
        }
        let next = len / 2;
        if next < MIN_CUT_TEXT_BYTES {
            return Err(ItemError::new(
                ErrorCode::TooLarge,
                format!(
                    "the event is {} bytes with its text cut to {} bytes, over the {} bytes an output record may hold (the producer's message.max.bytes less key and framing)",
                    payload.len(),
                    len,
                    limits.max_event_bytes
                ),
            ));
        }
        cap = next;
    }
}

/// The longest prefix of `text` of at most `max` bytes that ends at a paragraph end,
/// else a sentence end, else a space, within the last half of that budget (a cut in the
/// middle of a sentence can split a name and invent an entity); else at a char boundary.
pub fn cut_text(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while end > 0 && !text.is_char_boundary(end) {
        end -= 1;
    }
    let window = &text[..end];
    let floor = end / 2;
    let at = |i: Option<usize>| i.filter(|&i| i >= floor);
    let cut = at(window.rfind("\n\n"))
        .or_else(|| {
            at(["\n", ". ", "! ", "? ", ".\" "]
                .iter()
                .filter_map(|p| window.rfind(p).map(|i| i + 1))
                .max())
        })
        .or_else(|| at(window.rfind(' ')))
        .unwrap_or(end);
    text[..cut].trim_end()
}

fn enrich_guarded(
    enricher: &Enricher,
    text: &str,
    date: Option<ItemDate>,
) -> Result<Entities, ItemError> {
    catch_unwind(AssertUnwindSafe(|| enricher.enrich_dated(text, date))).map_err(|panic| {
        let detail = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".into());
        ItemError::new(
            ErrorCode::EnrichFailed,
            format!("enrichment failed on this item (a bug; please report it): {detail}"),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn enricher() -> Enricher {
        Enricher::new().expect("bundled enrichment data loads")
    }

    fn limits(max_input_bytes: usize) -> Limits {
        Limits {
            max_input_bytes,
            max_text_bytes: 512 * 1024,
            max_event_bytes: usize::MAX,
        }
    }

    fn file() -> SourceRef {
        SourceRef::File {
            file: "t.txt".into(),
        }
    }

    /// A cheap deterministic generator (xorshift), so the test needs no extra crate and
    /// every failure is reproducible from its seed.
    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
    }

    #[test]
    fn arbitrary_input_never_panics_and_every_failure_has_a_decode_code() {
        // Pieces that hit the interesting paths: date tokens, envelopes, titles, names,
        // places, typographic punctuation, junk lines, odd scripts and invalid bytes.
        const PIECES: &[&[u8]] = &[
            b"date 2024-03-26 ",
            b"date ",
            b"{\"body\": \"",
            b"\"}",
            b"{",
            b"}",
            b"\n",
            b"\n\n",
            b" ",
            b"President ",
            b"Minister ",
            b"of ",
            b"the ",
            b"Foreign ",
            b"Mr. ",
            b"Antony Blinken",
            b"Gallant",
            b"Washington",
            b"Georgia",
            b"Gaza City",
            b", ",
            b"\xe2\x80\x9c",
            b"\xe2\x80\x9d",
            b"\xe2\x80\x94",
            b"'s ",
            b"al-",
            b"Advertisement\n",
            b"https://x.test/a\n",
            b"\xd8\xa7\xd9\x84\xd8\xb1\xd9\x8a\xd8\xa7\xd8\xb6",
            b"\xf0\x9f\x98\x80",
            b"\xff",
            b"\xc3",
            b"Photo: AP\n",
            b"U.S.",
            b"-",
            b".",
            b"(",
            b")",
            b"\t",
        ];
        let enricher = enricher();
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        for case in 0..3000 {
            let mut value = Vec::new();
            for _ in 0..(rng.next() % 40) {
                value.extend_from_slice(PIECES[(rng.next() % PIECES.len() as u64) as usize]);
            }
            match process_item(&enricher, file(), None, &value, &limits(4096)) {
                Ok(p) => {
                    let chars: Vec<char> = p.event.text.chars().collect();
                    for m in p
                        .event
                        .officials
                        .iter()
                        .flat_map(|o| &o.mentions)
                        .chain(p.event.locations.iter().flat_map(|l| &l.mentions))
                    {
                        let slice: String = chars[m.start..m.end].iter().collect();
                        assert_eq!(
                            slice, m.text,
                            "case {case}: mention offsets off in {value:?}"
                        );
                    }
                }
                Err(e) => assert!(
                    matches!(
                        e.code.stage(),
                        crate::error::Stage::Decode | crate::error::Stage::Normalize
                    ),
                    "case {case}: {e} for {value:?}"
                ),
            }
        }
    }

    const PARAGRAPH: &str = "The committee met again on Tuesday and discussed the budget for the next year. Nobody spoke against it.";

    #[test]
    fn text_over_the_limit_is_enriched_on_a_prefix_cut_at_a_paragraph_and_marked() {
        let article = vec![PARAGRAPH; 40].join("\n\n");
        let max_text_bytes = 1500;
        let l = Limits {
            max_text_bytes,
            ..limits(1 << 20)
        };
        let p = process_item(&enricher(), file(), None, article.as_bytes(), &l).unwrap();
        assert!(p.event.truncated);
        assert!(p.event.text.len() <= max_text_bytes);
        assert!(p.event.text.len() > max_text_bytes / 2);
        assert!(
            p.event.text.ends_with("Nobody spoke against it."),
            "{}",
            p.event.text
        );
        let json: serde_json::Value = serde_json::from_slice(&p.payload).unwrap();
        assert_eq!(json["truncated"], true);

        // At the limit exactly: whole, and the field absent.
        let whole = &article[..article[..max_text_bytes].rfind("\n\n").unwrap()];
        let l = Limits {
            max_text_bytes: whole.len(),
            ..l
        };
        let p = process_item(&enricher(), file(), None, whole.as_bytes(), &l).unwrap();
        assert!(!p.event.truncated);
        assert_eq!(p.event.text, whole);
        let json: serde_json::Value = serde_json::from_slice(&p.payload).unwrap();
        assert!(json.get("truncated").is_none(), "{json}");
    }

    #[test]
    fn cut_text_never_splits_a_char_and_prefers_sentence_ends() {
        let text = "\u{20ac}".repeat(10);
        assert_eq!(cut_text(&text, 7), "\u{20ac}\u{20ac}");
        assert_eq!(
            cut_text("One two three. Four five six", 20),
            "One two three."
        );
        assert_eq!(cut_text("abcdefghij", 4), "abcd");
        assert_eq!(cut_text("short", 100), "short");
    }

    #[test]
    fn an_event_over_the_output_limit_is_cut_further_or_too_large() {
        let article = vec![PARAGRAPH; 200].join("\n\n");
        let l = Limits {
            max_event_bytes: 8 * 1024,
            ..limits(1 << 20)
        };
        let p = process_item(&enricher(), file(), None, article.as_bytes(), &l).unwrap();
        assert!(p.payload.len() <= 8 * 1024, "{}", p.payload.len());
        assert!(p.event.truncated);
        // The first attempt, uncut, did not fit: the cut is still a prefix of the whole
        // article, ended at a paragraph.
        let full = normalize(&article);
        assert!(l.max_text_bytes >= full.len());
        assert!(
            p.event.text.len() >= MIN_CUT_TEXT_BYTES,
            "{}",
            p.event.text.len()
        );
        assert!(full.starts_with(&p.event.text));
        assert!(full[p.event.text.len()..].starts_with("\n\n"));
        // Within the limit, the whole text is published as it was normalized.
        let whole = process_item(
            &enricher(),
            file(),
            None,
            article.as_bytes(),
            &limits(1 << 20),
        );
        let whole = whole.unwrap();
        assert!(!whole.event.truncated);
        assert_eq!(whole.event.text, full);
        // Fields that cannot be cut (a 20 KB url) leave no room: too_large, not a stall.
        let envelope = serde_json::json!({"url": "x".repeat(20_000), "body": article}).to_string();
        let err = process_item(&enricher(), file(), None, envelope.as_bytes(), &l).unwrap_err();
        assert_eq!(err.code, ErrorCode::TooLarge, "{err}");
    }

    /// Every `*.txt` and `*.json` file of the project's evaluation sets and example items.
    fn project_items() -> Vec<Vec<u8>> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut dirs = vec![
            root.join("examples/demo-items"),
            root.join("tests/fixtures"),
        ];
        for set in std::fs::read_dir(root.join("eval"))
            .expect("eval/ is there")
            .flatten()
        {
            dirs.push(set.path());
        }
        let mut paths: Vec<_> = dirs
            .iter()
            .filter_map(|d| std::fs::read_dir(d).ok())
            .flat_map(|files| files.flatten().map(|f| f.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "txt" || e == "json"))
            .collect();
        paths.sort();
        paths.iter().filter_map(|p| std::fs::read(p).ok()).collect()
    }

    #[test]
    fn the_encoded_event_is_what_serde_json_writes_for_every_project_item() {
        let enricher = enricher();
        let items = project_items();
        assert!(items.len() > 150, "{} items", items.len());
        let mut events = 0;
        for (i, value) in items.iter().enumerate() {
            let source = SourceRef::Kafka(crate::event::KafkaSource {
                topic: "news.raw".into(),
                partition: 1,
                offset: i as i64,
                key: Some(format!("k\"{i}\n")),
                timestamp: crate::event::rfc3339_from_millis(1_764_720_000_000),
            });
            let Ok(p) = process_item(&enricher, source, None, value, &limits(1 << 20)) else {
                continue;
            };
            let reference = serde_json::to_vec(&p.event).expect("encodes");
            assert_eq!(
                String::from_utf8_lossy(&p.payload),
                String::from_utf8_lossy(&reference),
                "item {i}"
            );
            events += 1;
        }
        assert!(events > 150, "{events} events");
    }

    #[test]
    fn junk_only_item_is_empty_text_not_an_empty_event() {
        let err = process_item(
            &enricher(),
            file(),
            None,
            b"Advertisement\n\nShare this article\n",
            &limits(4096),
        )
        .unwrap_err();
        assert_eq!(err.code, ErrorCode::EmptyText);
    }

    #[test]
    fn same_record_same_event_id_and_key_becomes_item_id() {
        let source = || {
            SourceRef::Kafka(crate::event::KafkaSource {
                topic: "news.raw".into(),
                partition: 3,
                offset: 42,
                key: Some("k1".into()),
                timestamp: None,
            })
        };
        let e = enricher();
        let a = process_item(
            &e,
            source(),
            Some("k1"),
            b"The president spoke.",
            &limits(4096),
        )
        .unwrap();
        let b = process_item(
            &e,
            source(),
            Some("k1"),
            b"The president spoke.",
            &limits(4096),
        )
        .unwrap();
        assert_eq!(a.event.event_id, b.event.event_id);
        assert_eq!(a.event.item_id.as_deref(), Some("k1"));
    }
}
