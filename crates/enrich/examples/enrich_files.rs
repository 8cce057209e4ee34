//! Runs normalize + enrich over files or directories and prints one JSON event per file:
//! `{"source":{"file":PATH},"text":...,"officials":[...],"locations":[...],"organizations":[...],
//! "quotes":[...],"events":[...]}`.
//!
//! A directory means its `*.txt` and `*.json` files in name order. A leading
//! `date YYYY-MM-DD` token is stripped first, as the worker does, and
//! its date resolves the events' dates.

use std::io::Write;
use std::path::{Path, PathBuf};

use newswire_enrich::{normalize::normalize, Enricher, ItemDate};

/// The text after a leading `date YYYY-MM-DD` token, and that date.
fn strip_date(raw: &str) -> (&str, Option<ItemDate>) {
    let t = raw.trim_start();
    if let Some(rest) = t.strip_prefix("date ") {
        let rest = rest.trim_start();
        let date: String = rest.chars().take(10).collect();
        let b = date.as_bytes();
        if b.len() == 10
            && b[4] == b'-'
            && b[7] == b'-'
            && date.chars().filter(|c| c.is_ascii_digit()).count() == 8
        {
            return (&rest[10..], ItemDate::parse(&date));
        }
    }
    (raw, None)
}

fn text_of(path: &Path, raw: &str) -> String {
    if path.extension().is_some_and(|e| e == "json") {
        if let Ok(v) = serde_json::from_str::<serde_json::Value>(raw) {
            for k in ["text", "body", "content"] {
                if let Some(s) = v.get(k).and_then(|s| s.as_str()) {
                    return s.to_string();
                }
            }
        }
    }
    raw.to_string()
}

fn main() {
    let enricher = match Enricher::new() {
        Ok(e) => e,
        Err(e) => {
            eprintln!("enrich data failed to load: {e}");
            std::process::exit(2);
        }
    };
    let mut files: Vec<PathBuf> = Vec::new();
    for arg in std::env::args().skip(1) {
        let p = PathBuf::from(&arg);
        if p.is_dir() {
            let mut v: Vec<PathBuf> = std::fs::read_dir(&p)
                .map(|rd| {
                    rd.filter_map(|e| e.ok().map(|e| e.path()))
                        .filter(|f| f.extension().is_some_and(|x| x == "txt" || x == "json"))
                        .collect()
                })
                .unwrap_or_default();
            v.sort();
            files.extend(v);
        } else {
            files.push(p);
        }
    }
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for f in files {
        let raw = match std::fs::read_to_string(&f) {
            Ok(s) => s,
            Err(e) => {
                eprintln!("{}: {e}", f.display());
                continue;
            }
        };
        let body = text_of(&f, &raw);
        let (body, date) = strip_date(&body);
        let text = normalize(body);
        let ents = enricher.enrich_dated(&text, date);
        let ev = serde_json::json!({
            "source": {"file": f.display().to_string()},
            "text": text,
            "officials": ents.officials,
            "locations": ents.locations,
            "organizations": ents.organizations,
            "quotes": ents.quotes,
            "events": ents.events,
        });
        let _ = writeln!(out, "{ev}");
    }
}
