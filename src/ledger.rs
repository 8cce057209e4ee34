//! Per-partition bookkeeping of which offsets are in flight and which are done, so that
//! the committed offset never passes an unfinished item.
//!
//! Items finish out of order (enrichment runs in parallel, output partitions are acked
//! independently), but Kafka stores one offset per partition: "everything before this is
//! done". The ledger turns a set of finished offsets into that contiguous watermark.
//!
//! Invariant this module must never break: the committable offset of a partition is
//! never greater than its smallest unfinished offset.

use std::collections::{BTreeSet, HashMap};

/// A topic-partition, owned.
pub type PartitionKey = (String, i32);

#[derive(Debug, Default)]
struct PartitionLedger {
    /// Offsets consumed and not yet finished.
    in_flight: BTreeSet<i64>,
    /// One past the highest offset ever started on this partition (in this assignment).
    next_after_started: Option<i64>,
    /// The last offset handed out for commit, to avoid committing the same one again.
    last_committed: Option<i64>,
}

impl PartitionLedger {
    /// The offset to commit: the first unfinished one, or one past everything started.
    fn committable(&self) -> Option<i64> {
        match self.in_flight.first() {
            Some(&first_unfinished) => Some(first_unfinished),
            None => self.next_after_started,
        }
    }
}

/// All partitions this instance currently owns.
#[derive(Debug, Default)]
pub struct Ledger {
    partitions: HashMap<PartitionKey, PartitionLedger>,
}

impl Ledger {
    pub fn new() -> Self {
        Self::default()
    }

    /// Records that `offset` entered the pipeline.
    pub fn start(&mut self, topic: &str, partition: i32, offset: i64) {
        let p = self
            .partitions
            .entry((topic.to_string(), partition))
            .or_default();
        p.in_flight.insert(offset);
        let next = offset + 1;
        if p.next_after_started.is_none_or(|n| next > n) {
            p.next_after_started = Some(next);
        }
    }

    /// Records that `offset` is finished (its output acknowledged). Finishing an offset
    /// of a partition that was revoked meanwhile is ignored: its new owner commits it.
    pub fn finish(&mut self, topic: &str, partition: i32, offset: i64) {
        if let Some(p) = self.partitions.get_mut(&(topic.to_string(), partition)) {
            p.in_flight.remove(&offset);
        }
    }

    /// Offsets that moved since the last call, to commit now. Marks them as handed out.
    pub fn take_commits(&mut self) -> Vec<(PartitionKey, i64)> {
        let mut out = Vec::new();
        for (key, p) in self.partitions.iter_mut() {
            if let Some(offset) = p.committable() {
                if p.last_committed != Some(offset) {
                    p.last_committed = Some(offset);
                    out.push((key.clone(), offset));
                }
            }
        }
        out.sort();
        out
    }

    /// Forgets a commit handed out by [`take_commits`](Self::take_commits) that failed,
    /// so the next call offers it again.
    pub fn commit_failed(&mut self, key: &PartitionKey, offset: i64) {
        if let Some(p) = self.partitions.get_mut(key) {
            if p.last_committed == Some(offset) {
                p.last_committed = None;
            }
        }
    }

    /// Removes revoked partitions and returns their final committable offsets.
    pub fn revoke(&mut self, revoked: &[PartitionKey]) -> Vec<(PartitionKey, i64)> {
        let mut out = Vec::new();
        for key in revoked {
            if let Some(p) = self.partitions.remove(key) {
                if let Some(offset) = p.committable() {
                    if p.last_committed != Some(offset) {
                        out.push((key.clone(), offset));
                    }
                }
            }
        }
        out
    }

    /// Items started and not finished, over all partitions.
    pub fn in_flight(&self) -> usize {
        self.partitions.values().map(|p| p.in_flight.len()).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(p: i32) -> PartitionKey {
        ("in".to_string(), p)
    }

    #[test]
    fn commit_never_passes_an_unfinished_offset() {
        let mut l = Ledger::new();
        for o in 10..15 {
            l.start("in", 0, o);
        }
        // 11, 12 and 14 finish before 10 and 13.
        l.finish("in", 0, 11);
        l.finish("in", 0, 12);
        l.finish("in", 0, 14);
        assert_eq!(l.take_commits(), vec![(key(0), 10)]);
        l.finish("in", 0, 10);
        assert_eq!(l.take_commits(), vec![(key(0), 13)]);
        l.finish("in", 0, 13);
        assert_eq!(l.take_commits(), vec![(key(0), 15)]);
        assert_eq!(l.in_flight(), 0);
    }

    #[test]
    fn same_offset_is_not_committed_twice_unless_the_commit_failed() {
        let mut l = Ledger::new();
        l.start("in", 1, 0);
        l.finish("in", 1, 0);
        assert_eq!(l.take_commits(), vec![(key(1), 1)]);
        assert_eq!(l.take_commits(), vec![]);
        l.commit_failed(&key(1), 1);
        assert_eq!(l.take_commits(), vec![(key(1), 1)]);
    }

    #[test]
    fn offset_gaps_from_compaction_do_not_stall_commits() {
        let mut l = Ledger::new();
        l.start("in", 0, 5);
        l.start("in", 0, 9);
        l.finish("in", 0, 9);
        l.finish("in", 0, 5);
        assert_eq!(l.take_commits(), vec![(key(0), 10)]);
    }

    #[test]
    fn revoked_partition_reports_its_final_offset_and_ignores_late_finishes() {
        let mut l = Ledger::new();
        l.start("in", 0, 0);
        l.start("in", 0, 1);
        l.finish("in", 0, 0);
        assert_eq!(l.revoke(&[key(0)]), vec![(key(0), 1)]);
        l.finish("in", 0, 1);
        assert_eq!(l.take_commits(), vec![]);
        assert_eq!(l.in_flight(), 0);
    }
}
