//! How the worker learns it must stop: a signal (graceful: drain, commit, exit 0) or a
//! fatal client error (exit non-zero with the reason).

use std::sync::{Arc, Mutex};

use tokio_util::sync::CancellationToken;

use crate::lock;

/// Raised by Kafka client callbacks when an error cannot be retried away. Cheap to clone.
#[derive(Clone, Debug, Default)]
pub struct FatalError {
    token: CancellationToken,
    reason: Arc<Mutex<Option<String>>>,
}

impl FatalError {
    pub fn new() -> Self {
        Self::default()
    }

    /// Records the first fatal reason and wakes whoever waits in [`raised`](Self::raised).
    pub fn raise(&self, reason: String) {
        let mut slot = lock(&self.reason);
        if slot.is_none() {
            tracing::error!(%reason, "fatal Kafka client error");
            *slot = Some(reason);
        }
        self.token.cancel();
    }

    /// Resolves with the reason once a fatal error has been raised.
    pub async fn raised(&self) -> String {
        self.token.cancelled().await;
        lock(&self.reason).clone().unwrap_or_default()
    }
}

/// Cancels `token` on the first SIGTERM or SIGINT (Ctrl-C). The SIGTERM handler is
/// registered before this returns (inside a runtime), so a signal that arrives while the
/// caller goes on starting up (the data load) is a clean stop, not the default disposition
/// killing the process.
pub fn cancel_on_signal(token: CancellationToken) {
    let listener = listen();
    tokio::spawn(async move {
        listener.recv().await;
        tracing::info!("shutdown signal received: draining");
        token.cancel();
    });
}

/// A registered SIGTERM listener, or none (then only Ctrl-C stops the worker).
#[cfg(unix)]
struct Listener(Option<tokio::signal::unix::Signal>);

#[cfg(unix)]
fn listen() -> Listener {
    use tokio::signal::unix::{signal, SignalKind};
    match signal(SignalKind::terminate()) {
        Ok(term) => Listener(Some(term)),
        Err(e) => {
            tracing::warn!(error = %e, "cannot listen for SIGTERM; only Ctrl-C stops the worker");
            Listener(None)
        }
    }
}

#[cfg(unix)]
impl Listener {
    async fn recv(self) {
        match self.0 {
            Some(mut term) => {
                tokio::select! {
                    _ = term.recv() => {}
                    _ = tokio::signal::ctrl_c() => {}
                }
            }
            None => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
}

#[cfg(not(unix))]
struct Listener;

#[cfg(not(unix))]
fn listen() -> Listener {
    Listener
}

#[cfg(not(unix))]
impl Listener {
    async fn recv(self) {
        let _ = tokio::signal::ctrl_c().await;
    }
}
