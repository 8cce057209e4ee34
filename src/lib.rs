//! # newswire
//!
//! A Kafka ingestion worker for news: it consumes raw news items, normalizes them,
//! extracts the officials and geocoded locations they mention, and publishes one
//! structured JSON event per item (schema: `schema/event.v1.json`), exporting Prometheus
//! metrics as it goes.
//!
//! The path of one record, and the module that owns each step:
//!
//! - [`source`]: the Kafka consumer (group membership, cooperative-sticky rebalances,
//!   statistics). Never auto-commits.
//! - [`decode`]: record bytes -> `RawItem` (plain text with an optional `date` line, or a
//!   JSON envelope). Every failure is typed and carries a stable [`error::ErrorCode`].
//! - normalize and enrich: the pure crate [`newswire_enrich`] (normalized text,
//!   officials, locations, organizations). [`process`] chains decode, normalize, enrich
//!   and encoding into the [`event::Event`], and is shared by the worker and the offline
//!   `enrich` command.
//! - [`sink`]: the idempotent producer; events to the output topic, failures to the
//!   dead-letter topic with Kafka Connect error headers.
//! - [`ledger`]: per-partition in-flight offsets; the commit never passes an unfinished one.
//! - [`pipeline`]: wires it together with bounded parallelism and per-partition order,
//!   and handles draining on shutdown.
//! - [`exactly_once`]: the other delivery mode: batches of records consumed, processed
//!   and produced in Kafka transactions with their input offsets.
//! - [`internal_events`] and [`metrics`]: every observable happening is one type whose
//!   `emit` logs and counts together. [`http`] serves `/metrics`, `/healthz`, `/readyz`.
//! - [`config`]: typed config with environment overrides and validation naming the key.
//! - [`demo`]: the whole pipeline on librdkafka's in-process mock cluster.

pub mod config;
pub mod decode;
pub mod demo;
pub mod error;
pub mod event;
pub mod exactly_once;
pub mod http;
pub mod internal_events;
pub mod json;
pub mod ledger;
pub mod log_limit;
pub mod logging;
pub mod metrics;
pub mod offline;
pub mod pipeline;
pub mod process;
pub mod shutdown;
pub mod sink;
pub mod source;

pub use newswire_enrich as enrich;

/// Locks a mutex, recovering the data if another thread panicked while holding it: the
/// structures guarded here stay consistent between statements, and one panicked task
/// must not wedge the whole worker.
pub(crate) fn lock<T>(m: &std::sync::Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}
