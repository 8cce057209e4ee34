//! [`TxnIo`] on Kafka: the group consumer and the transactional producer.
//!
//! librdkafka's transactional calls block for a broker round trip or more, so they run
//! on the blocking pool, never on the async runtime's threads.

use std::collections::HashSet;
use std::sync::Arc;
use std::time::{Duration, Instant};

use rdkafka::consumer::Consumer;
use rdkafka::error::KafkaError;
use rdkafka::message::OwnedMessage;
use rdkafka::producer::Producer;
use rdkafka::types::RDKafkaErrorCode;
use tokio_util::sync::CancellationToken;

use super::{TxnError, TxnIo};
use crate::internal_events::KafkaClientError;
use crate::ledger::PartitionKey;
use crate::pipeline::WorkerError;
use crate::sink::{self, Failure, NewsProducer, OutRecord};
use crate::source::{self, NewsConsumer};

/// How long one `init_transactions` call may wait for the coordinator; it is made again
/// until it answers (or the worker is shut down).
const INIT_TIMEOUT: Duration = Duration::from_secs(30);
/// Pause after a consumer error before reading again.
const CONSUMER_ERROR_PAUSE: Duration = Duration::from_millis(500);

/// The consumer and the transactional producer of one worker.
pub(crate) struct KafkaTxn {
    consumer: Arc<NewsConsumer>,
    producer: NewsProducer,
    timeout: Duration,
}

impl KafkaTxn {
    pub(crate) fn new(
        consumer: Arc<NewsConsumer>,
        producer: NewsProducer,
        timeout: Duration,
    ) -> Self {
        KafkaTxn {
            consumer,
            producer,
            timeout,
        }
    }

    /// Runs a blocking transactional call of the producer on the blocking pool.
    async fn producer_call<F>(&self, call: F) -> Result<(), TxnError>
    where
        F: FnOnce(&NewsProducer, Duration) -> Result<(), KafkaError> + Send + 'static,
    {
        let (producer, timeout) = (self.producer.clone(), self.timeout);
        match tokio::task::spawn_blocking(move || call(&producer, timeout)).await {
            Ok(result) => result.map_err(txn_error),
            Err(e) => Err(TxnError::Retry(format!(
                "transactional call did not finish: {e}"
            ))),
        }
    }
}

/// Registers the transactional id (which aborts what a previous process with the same
/// id left open, and fences it). Retried until the coordinator answers; `Ok(false)` when
/// the worker was shut down first.
pub(crate) async fn init_transactions(
    producer: &NewsProducer,
    transactional_id: &str,
    shutdown: &CancellationToken,
) -> Result<bool, WorkerError> {
    loop {
        let p = producer.clone();
        let call = tokio::task::spawn_blocking(move || p.init_transactions(INIT_TIMEOUT));
        let result = tokio::select! {
            _ = shutdown.cancelled() => return Ok(false),
            result = call => result,
        };
        let error = match result {
            Ok(Ok(())) => return Ok(true),
            Ok(Err(e)) => e,
            Err(e) => return Err(WorkerError::Fatal(format!("init_transactions: {e}"))),
        };
        match txn_error(error) {
            TxnError::Fatal {
                fenced: true,
                reason,
            } => {
                return Err(WorkerError::Fenced {
                    transactional_id: transactional_id.to_string(),
                    reason,
                })
            }
            TxnError::Fatal { reason, .. } => {
                return Err(WorkerError::Fatal(format!("init_transactions: {reason}")))
            }
            TxnError::Retry(reason) | TxnError::Abort { reason, .. } => {
                KafkaClientError {
                    client: "producer",
                    code: "init_transactions",
                    reason: &reason,
                }
                .emit();
                tokio::select! {
                    _ = shutdown.cancelled() => return Ok(false),
                    _ = tokio::time::sleep(Duration::from_secs(1)) => {}
                }
            }
        }
    }
}

impl TxnIo for KafkaTxn {
    async fn next_record(&mut self, until: Instant) -> Option<Arc<OwnedMessage>> {
        loop {
            let received = tokio::time::timeout_at(until.into(), self.consumer.recv())
                .await
                .ok()?;
            match received {
                Ok(message) => return Some(Arc::new(message.detach())),
                Err(e) => {
                    KafkaClientError::consumer(&e);
                    let pause = (Instant::now() + CONSUMER_ERROR_PAUSE).min(until);
                    tokio::time::sleep_until(pause.into()).await;
                }
            }
        }
    }

    fn owned(&self) -> Option<HashSet<PartitionKey>> {
        let assignment = self.consumer.assignment().ok()?;
        Some(
            assignment
                .elements()
                .iter()
                .map(|e| (e.topic().to_string(), e.partition()))
                .collect(),
        )
    }

    async fn begin(&mut self) -> Result<(), TxnError> {
        self.producer.begin_transaction().map_err(txn_error)
    }

    async fn send_offsets(&mut self, next: &[(PartitionKey, i64)]) -> Result<(), TxnError> {
        let offsets = source::commit_list(next).map_err(|e| TxnError::abort(e.to_string()))?;
        // The group metadata carries the generation: a zombie's is refused.
        let Some(group) = self.consumer.group_metadata() else {
            return Err(TxnError::abort("the consumer has no group metadata yet"));
        };
        self.producer_call(move |p, timeout| {
            p.send_offsets_to_transaction(&offsets, &group, timeout)
        })
        .await
    }

    async fn produce(&mut self, records: &[OutRecord]) -> Result<(), TxnError> {
        let mut deliveries = Vec::with_capacity(records.len());
        for record in records {
            deliveries.push(sink::enqueue(&self.producer, record).await);
        }
        for (index, delivery) in deliveries.into_iter().enumerate() {
            if let Err(e) = sink::acknowledged(delivery).await {
                return Err(delivery_error(index, records, &e));
            }
        }
        Ok(())
    }

    async fn commit(&mut self) -> Result<(), TxnError> {
        self.producer_call(|p, timeout| p.commit_transaction(timeout))
            .await
    }

    async fn abort(&mut self) -> Result<(), TxnError> {
        self.producer_call(|p, timeout| p.abort_transaction(timeout))
            .await
    }

    async fn rewind(&mut self, to: &[(PartitionKey, i64)]) -> Result<(), TxnError> {
        let positions = source::commit_list(to).map_err(|e| TxnError::abort(e.to_string()))?;
        let (consumer, timeout) = (self.consumer.clone(), self.timeout);
        let sought =
            tokio::task::spawn_blocking(move || consumer.seek_partitions(positions, timeout))
                .await
                .map_err(|e| TxnError::Retry(format!("seek did not finish: {e}")))?
                .map_err(|e| TxnError::Retry(format!("seek failed: {e}")))?;
        for element in sought.elements() {
            if let Err(e) = element.error() {
                return Err(TxnError::Retry(format!(
                    "seek of {}[{}] failed: {e}",
                    element.topic(),
                    element.partition()
                )));
            }
        }
        Ok(())
    }
}

/// A failed delivery inside a transaction: the transaction must abort. A record the
/// broker will never take as it is (too large, malformed) is named, so that it is
/// replaced next time; fencing and fatal errors stop the worker.
fn delivery_error(index: usize, records: &[OutRecord], error: &KafkaError) -> TxnError {
    if let Some(fatal) = fatal_code(error.rdkafka_error_code()) {
        return TxnError::Fatal {
            fenced: fatal,
            reason: error.to_string(),
        };
    }
    let topic = records.get(index).map_or("?", |r| &*r.topic);
    let failure = sink::classify(error);
    TxnError::Abort {
        reason: format!("publishing to {topic} failed: {error}"),
        refused: (failure != Failure::Retriable).then_some((index, failure)),
    }
}

/// `Some(fenced)` for an error code after which the producer cannot go on.
fn fatal_code(code: Option<RDKafkaErrorCode>) -> Option<bool> {
    match code? {
        RDKafkaErrorCode::Fenced
        | RDKafkaErrorCode::ProducerFenced
        | RDKafkaErrorCode::InvalidProducerEpoch
        | RDKafkaErrorCode::TransactionCoordinatorFenced => Some(true),
        RDKafkaErrorCode::Fatal => Some(false),
        _ => None,
    }
}

/// Classifies an error of a transactional call by librdkafka's own flags.
fn txn_error(error: KafkaError) -> TxnError {
    let reason = error.to_string();
    let fenced_code = fatal_code(error.rdkafka_error_code()).unwrap_or(false);
    match &error {
        KafkaError::Transaction(e) if e.is_fatal() => TxnError::Fatal {
            fenced: fenced_code || reason.to_ascii_lowercase().contains("fenced"),
            reason,
        },
        KafkaError::Transaction(e) if e.txn_requires_abort() => TxnError::abort(reason),
        KafkaError::Transaction(e) if e.is_retriable() => TxnError::Retry(reason),
        _ => match fatal_code(error.rdkafka_error_code()) {
            Some(fenced) => TxnError::Fatal { fenced, reason },
            None => TxnError::abort(reason),
        },
    }
}
