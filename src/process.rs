//! The pure part of the path of one record: bytes -> decode -> normalize -> enrich ->
//! encoded event. No Kafka here, so the worker, `newswire enrich` and the benchmarks all
//! run exactly the same code on an item.
//!
//! Must never panic on input: every failure is an [`ItemError`] with a stable code. An
//! unexpected panic inside enrichment is caught and reported as `enrich_failed`, so one
//! poison item cannot take the worker (and its partition) down.

use std::panic::{catch_unwind, AssertUnwindSafe};

use chrono::Utc;
use newswire_enrich::{normalize::normalize, Enricher, Entities};

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
    let entities = enrich_guarded(enricher, &text)?;
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
    };
    let payload = serde_json::to_vec(&event).map_err(|e| {
        ItemError::new(ErrorCode::EncodeFailed, format!("cannot encode event: {e}"))
    })?;
    Ok(Processed { event, payload })
}

fn enrich_guarded(enricher: &Enricher, text: &str) -> Result<Entities, ItemError> {
    catch_unwind(AssertUnwindSafe(|| enricher.enrich(text))).map_err(|panic| {
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
