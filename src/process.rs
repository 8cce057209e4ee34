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

/// Turns one raw value into an event. `key` is the record key (used as the item id
/// when the value carries none).
pub fn process_item(
    enricher: &Enricher,
    source: SourceRef,
    key: Option<&str>,
    value: &[u8],
    max_bytes: usize,
) -> Result<Processed, ItemError> {
    let raw = decode(value, max_bytes).map_err(|e| ItemError::new(e.code(), e.to_string()))?;
    let text = normalize(&raw.body);
    if text.trim().is_empty() {
        return Err(ItemError::new(
            ErrorCode::EmptyText,
            "item has no article text once page junk is removed",
        ));
    }
    // The item's date resolves the events' "on Monday", "yesterday", "5 March".
    let date = raw
        .published_date
        .and_then(|d| ItemDate::new(d.year(), d.month() as u8, d.day() as u8));
    let entities = enrich_guarded(enricher, &text, date)?;
    let event = Event {
        schema_version: SCHEMA_VERSION,
        event_id: source.event_id(value),
        source,
        item_id: raw.item_id.or_else(|| key.map(str::to_owned)),
        published_date: raw.published_date,
        title: raw.title.map(|t| normalize(&t)),
        url: raw.url,
        text,
        language: raw.language,
        processed_at: rfc3339(Utc::now()),
        worker_version: WORKER_VERSION.to_string(),
        officials: entities.officials,
        locations: entities.locations,
        organizations: entities.organizations,
        quotes: entities.quotes,
        events: entities.events,
    };
    let payload = serde_json::to_vec(&event).map_err(|e| {
        ItemError::new(ErrorCode::EncodeFailed, format!("cannot encode event: {e}"))
    })?;
    Ok(Processed { event, payload })
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
            match process_item(&enricher, file(), None, &value, 4096) {
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

    #[test]
    fn junk_only_item_is_empty_text_not_an_empty_event() {
        let err = process_item(
            &enricher(),
            file(),
            None,
            b"Advertisement\n\nShare this article\n",
            4096,
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
        let a = process_item(&e, source(), Some("k1"), b"The president spoke.", 4096).unwrap();
        let b = process_item(&e, source(), Some("k1"), b"The president spoke.", 4096).unwrap();
        assert_eq!(a.event.event_id, b.event.event_id);
        assert_eq!(a.event.item_id.as_deref(), Some("k1"));
    }
}
