//! Helpers the enrichment test files share: one loaded [`Enricher`] per test binary, and
//! lookups that fail with the whole list when the wanted entity is missing.
#![allow(dead_code)] // each test binary uses its own subset

use newswire_enrich::{normalize::normalize, Enricher, Entities, Location};

/// The bundled data, loaded once per test binary.
pub fn enricher() -> &'static Enricher {
    static E: std::sync::OnceLock<Enricher> = std::sync::OnceLock::new();
    E.get_or_init(|| Enricher::new().expect("bundled data loads"))
}

/// Normalizes and enriches `text`, as the worker does.
pub fn run(text: &str) -> Entities {
    enricher().enrich(&normalize(text))
}

/// The location named `name`; panics listing every location when there is none.
pub fn place<'a>(e: &'a Entities, name: &str) -> &'a Location {
    e.locations
        .iter()
        .find(|l| l.name == name)
        .unwrap_or_else(|| panic!("no location {name:?} in {:#?}", e.locations))
}
