//! The operations endpoint: `/metrics` (Prometheus text), `/healthz` (liveness) and
//! `/readyz` (readiness).
//!
//! Liveness must stay 200 through rebalances and broker outages: restarting a worker
//! because the broker is down only adds churn. It fails only when the poll loop itself
//! has stopped making progress. Readiness says whether this instance is doing its job
//! (or able to start it): partitions assigned, or waiting for an assignment with a live
//! broker connection, and a producer in place.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, AtomicI64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::http::{header, StatusCode};
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Router;
use tokio::net::TcpListener;
use tokio_util::sync::CancellationToken;

use crate::lock;
use crate::metrics::metrics;

/// How long the poll loop may go without a heartbeat before liveness fails.
const POLL_LOOP_STALL: Duration = Duration::from_secs(60);

/// Shared, lock-free view of the worker's state for the health endpoints.
#[derive(Debug, Default)]
pub struct Health {
    last_poll_loop_beat_ms: AtomicI64,
    broker_connected: AtomicBool,
    producer_ready: AtomicBool,
    assigned_partitions: AtomicI64,
    /// Why each stalled input partition is stalled.
    stalled: Mutex<BTreeMap<(String, i32), String>>,
    /// What is wrong with each configured topic that is missing or forbidden.
    topic_problems: Mutex<BTreeMap<String, String>>,
}

impl Health {
    pub fn new() -> Arc<Self> {
        let h = Arc::new(Health::default());
        h.beat();
        h
    }

    /// Called by the poll loop on every turn, including idle ones.
    pub fn beat(&self) {
        self.last_poll_loop_beat_ms
            .store(chrono::Utc::now().timestamp_millis(), Ordering::Relaxed);
    }

    pub fn set_broker_connected(&self, up: bool) {
        self.broker_connected.store(up, Ordering::Relaxed);
    }

    pub fn set_producer_ready(&self, ready: bool) {
        self.producer_ready.store(ready, Ordering::Relaxed);
    }

    pub fn set_assigned_partitions(&self, n: usize) {
        self.assigned_partitions.store(n as i64, Ordering::Relaxed);
    }

    /// Marks an input partition stalled (`Some(reason)`) or moving again (`None`).
    pub fn set_partition_stalled(&self, topic: &str, partition: i32, reason: Option<String>) {
        let mut stalled = lock(&self.stalled);
        match reason {
            Some(r) => stalled.insert((topic.to_string(), partition), r),
            None => stalled.remove(&(topic.to_string(), partition)),
        };
    }

    /// Records a problem with a configured topic (`Some`), or that it is fine (`None`).
    pub fn set_topic_problem(&self, topic: &str, problem: Option<String>) {
        let mut problems = lock(&self.topic_problems);
        match problem {
            Some(p) => problems.insert(topic.to_string(), p),
            None => problems.remove(topic),
        };
    }

    pub fn is_live(&self) -> bool {
        let age = chrono::Utc::now().timestamp_millis()
            - self.last_poll_loop_beat_ms.load(Ordering::Relaxed);
        age < POLL_LOOP_STALL.as_millis() as i64
    }

    /// Ready when the producer exists, every configured topic is in the metadata, no
    /// partition is stalled, and either partitions are assigned or the broker is
    /// reachable so that an assignment can arrive. The error names every problem.
    pub fn readiness(&self) -> Result<(), String> {
        if !self.producer_ready.load(Ordering::Relaxed) {
            return Err("producer not ready".into());
        }
        let mut problems: Vec<String> = lock(&self.topic_problems)
            .iter()
            .map(|(topic, problem)| format!("topic {topic}: {problem}"))
            .collect();
        problems.extend(lock(&self.stalled).iter().map(|((topic, partition), why)| {
            format!("partition {topic}[{partition}] stalled: {why}")
        }));
        if !problems.is_empty() {
            return Err(problems.join("; "));
        }
        if self.assigned_partitions.load(Ordering::Relaxed) > 0 {
            return Ok(());
        }
        if self.broker_connected.load(Ordering::Relaxed) {
            Ok(())
        } else {
            Err("no partitions assigned and no broker connection".into())
        }
    }
}

/// Binds the address; separate from [`serve`] so that a port in use is reported before
/// the worker starts consuming.
pub async fn bind(addr: SocketAddr) -> std::io::Result<TcpListener> {
    TcpListener::bind(addr).await
}

/// Serves the endpoints until `shutdown` is cancelled.
pub async fn serve(listener: TcpListener, health: Arc<Health>, shutdown: CancellationToken) {
    let live = health.clone();
    let app = Router::new()
        .route(
            "/metrics",
            get(|| async {
                (
                    [(
                        header::CONTENT_TYPE,
                        "text/plain; version=0.0.4; charset=utf-8",
                    )],
                    metrics().render(),
                )
            }),
        )
        .route(
            "/healthz",
            get(move || async move {
                if live.is_live() {
                    (StatusCode::OK, "ok\n").into_response()
                } else {
                    (StatusCode::SERVICE_UNAVAILABLE, "poll loop stalled\n").into_response()
                }
            }),
        )
        .route(
            "/readyz",
            get(move || async move {
                match health.readiness() {
                    Ok(()) => (StatusCode::OK, "ready\n".to_string()).into_response(),
                    Err(why) => (
                        StatusCode::SERVICE_UNAVAILABLE,
                        format!("not ready: {why}\n"),
                    )
                        .into_response(),
                }
            }),
        );
    let result = axum::serve(listener, app)
        .with_graceful_shutdown(async move { shutdown.cancelled().await })
        .await;
    if let Err(e) = result {
        tracing::error!(error = %e, "metrics/health server failed");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn readiness_names_each_topic_problem_and_stalled_partition_until_cleared() {
        let h = Health::new();
        h.set_producer_ready(true);
        h.set_broker_connected(true);
        assert_eq!(h.readiness(), Ok(()));
        h.set_topic_problem("news.events", Some("does not exist".into()));
        h.set_partition_stalled("news.raw", 3, Some("offset 9 waited 61s".into()));
        let why = h.readiness().unwrap_err();
        assert!(why.contains("topic news.events: does not exist"), "{why}");
        assert!(
            why.contains("partition news.raw[3] stalled: offset 9 waited 61s"),
            "{why}"
        );
        h.set_topic_problem("news.events", None);
        h.set_partition_stalled("news.raw", 3, None);
        assert_eq!(h.readiness(), Ok(()));
    }
}
