//! `newswire enrich`: the same processing as the worker, on files instead of Kafka.
//!
//! Each file is one raw item (plain text or a JSON envelope, exactly as a record value
//! would be). Output is one event per line, in input order, so that it can be diffed,
//! scored and piped. A bad file is reported on stderr by name and does not stop the rest.

use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::config::Config;
use crate::decode::decode;
use crate::error::ItemError;
use crate::event::SourceRef;
use crate::process::{process_item, Limits};
use chrono::Datelike;
use newswire_enrich::{normalize::normalize, Enricher, ItemDate};

/// Items processed in parallel per batch; bounds memory on huge directories while
/// keeping output in input order.
const BATCH: usize = 256;

/// Why an input could not be read.
#[derive(Debug, thiserror::Error)]
pub enum OfflineError {
    #[error("{path}: {source}")]
    Read { path: String, source: io::Error },
    #[error("{path}: {error}")]
    Item { path: String, error: ItemError },
}

/// One input: a path as given by the user, or standard input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    File(PathBuf),
    Stdin,
}

impl Input {
    fn label(&self) -> String {
        match self {
            Input::File(p) => p.display().to_string(),
            Input::Stdin => "-".to_string(),
        }
    }
}

/// Expands the command-line paths: a directory means its `*.txt` and `*.json` files in
/// name order; no path means one item on standard input.
pub fn expand_inputs(paths: &[PathBuf]) -> Result<Vec<Input>, OfflineError> {
    if paths.is_empty() {
        return Ok(vec![Input::Stdin]);
    }
    let mut inputs = Vec::new();
    for path in paths {
        if path.is_dir() {
            let entries = std::fs::read_dir(path).map_err(|source| OfflineError::Read {
                path: path.display().to_string(),
                source,
            })?;
            let mut files: Vec<PathBuf> = entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.is_file() && has_item_extension(p))
                .collect();
            files.sort();
            inputs.extend(files.into_iter().map(Input::File));
        } else {
            inputs.push(Input::File(path.clone()));
        }
    }
    Ok(inputs)
}

fn has_item_extension(p: &Path) -> bool {
    matches!(
        p.extension().and_then(|e| e.to_str()),
        Some("txt") | Some("json")
    )
}

fn read_input(input: &Input) -> Result<Vec<u8>, OfflineError> {
    let mut buf = Vec::new();
    let result = match input {
        Input::File(p) => std::fs::File::open(p).and_then(|mut f| f.read_to_end(&mut buf)),
        Input::Stdin => io::stdin().lock().read_to_end(&mut buf),
    };
    result.map_err(|source| OfflineError::Read {
        path: input.label(),
        source,
    })?;
    Ok(buf)
}

/// Processes one input into its JSON line.
pub fn enrich_one(
    enricher: &Enricher,
    input: &Input,
    limits: &Limits,
) -> Result<Vec<u8>, OfflineError> {
    let value = read_input(input)?;
    let label = input.label();
    let source = SourceRef::File {
        file: label.clone(),
    };
    process_item(enricher, source, None, &value, limits)
        .map(|p| p.payload)
        .map_err(|error| OfflineError::Item { path: label, error })
}

/// Explains one input: decode and normalize as the worker does, then report for each
/// official and location the rule, the words read and the scores weighed.
pub fn explain_one(
    enricher: &Enricher,
    input: &Input,
    max_bytes: usize,
) -> Result<String, OfflineError> {
    let value = read_input(input)?;
    let label = input.label();
    let raw = decode(&value, max_bytes).map_err(|e| OfflineError::Item {
        path: label.clone(),
        error: ItemError::new(e.code(), e.to_string()),
    })?;
    let text = normalize(&raw.body);
    let date = raw
        .published_date
        .and_then(|d| ItemDate::new(d.year(), d.month() as u8, d.day() as u8));
    let explained = enricher.explain_dated(&text, date);
    Ok(format!(
        "== {label}\n{}",
        explained.to_text(EXPLAIN_MAX_SCORES)
    ))
}

/// Candidates shown per entity in an explanation (best first).
const EXPLAIN_MAX_SCORES: usize = 5;

/// Explains every input in order, writing reports to `out` and errors to `err`. Returns
/// the number of inputs that failed.
pub fn explain(
    enricher: &Enricher,
    inputs: &[Input],
    max_bytes: usize,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<usize> {
    let mut failed = 0;
    for input in inputs {
        match explain_one(enricher, input, max_bytes) {
            Ok(report) => writeln!(out, "{report}")?,
            Err(e) => {
                failed += 1;
                writeln!(err, "newswire enrich --explain: {e}")?;
            }
        }
    }
    out.flush()?;
    Ok(failed)
}

/// Runs every input, writing events to `out` and errors to `err`. Returns the number of
/// inputs that failed.
pub fn run(
    enricher: &Enricher,
    inputs: &[Input],
    max_bytes: usize,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<usize> {
    // The worker's text limit, so that a file gives the event the worker would publish;
    // no record is written, so no event size limit.
    let limits = Limits {
        max_input_bytes: max_bytes,
        max_text_bytes: Config::default().enrich.max_text_bytes,
        max_event_bytes: usize::MAX,
    };
    let mut failed = 0;
    for batch in inputs.chunks(BATCH) {
        let results: Vec<_> = batch
            .par_iter()
            .map(|input| enrich_one(enricher, input, &limits))
            .collect();
        for result in results {
            match result {
                Ok(line) => {
                    out.write_all(&line)?;
                    out.write_all(b"\n")?;
                }
                Err(e) => {
                    failed += 1;
                    writeln!(err, "newswire enrich: {e}")?;
                }
            }
        }
    }
    out.flush()?;
    Ok(failed)
}
