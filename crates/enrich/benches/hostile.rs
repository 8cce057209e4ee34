//! Hostile-input benchmark: the time per byte of normalize + enrich on texts built to
//! hit each pass's worst case, from 100 KB to 4 MB. Linear passes give a flat time per
//! byte; a ratio that grows with the size is a superlinear pass.
//!
//! Prints one table; the baseline in the same run is a whitespace split of the same
//! texts. A shape whose time at one size passes `HOSTILE_CAP_SECS` (default 30) is not
//! run at larger sizes, and the table says so.
//!
//! Run: `cargo bench -p newswire-enrich --bench hostile`
//! (`HOSTILE_SIZES=100000,1000000` to choose the sizes in bytes, `HOSTILE_SHAPES=village`
//! to run only the shapes whose name contains that text.)

use std::hint::black_box;
use std::time::{Duration, Instant};

use newswire_enrich::{normalize::normalize, Enricher};

/// A capitalized made-up word, distinct for each `i` (so no list or cache can collapse
/// repeated names into one).
fn made_up_name(i: usize) -> String {
    const SYL: &[&str] = &[
        "ka", "lo", "mir", "ta", "ven", "su", "dor", "ri", "bel", "no", "zan", "pe", "gu", "ra",
        "thi", "mo",
    ];
    let mut s = String::new();
    let mut k = i + 17;
    for _ in 0..3 {
        s.push_str(SYL[k % SYL.len()]);
        k /= SYL.len();
    }
    s.push_str(SYL[k % SYL.len()]);
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => s,
    }
}

/// Repeats `unit(i)` until the text is `bytes` long.
fn fill(bytes: usize, unit: impl Fn(usize) -> String) -> String {
    let mut s = String::with_capacity(bytes + 256);
    let mut i = 0;
    while s.len() < bytes {
        s.push_str(&unit(i));
        i += 1;
    }
    s
}

/// A realistic news paragraph with its people and places varied per copy.
fn article_paragraph(i: usize) -> String {
    let (a, b, c) = (
        made_up_name(i),
        made_up_name(i + 7919),
        made_up_name(i + 104_729),
    );
    format!(
        "KYIV - Ukrainian Foreign Minister {a} {b} said on Tuesday that talks with his Polish \
         counterpart Radoslaw {c} in Warsaw had focused on air defence for Kharkiv and Odesa. \
         {b}, who met President Volodymyr Zelenskyy afterwards, said the Black Sea corridor \
         remained open. \"We will not give up,\" {b} told reporters. Russian Defence Ministry \
         spokesman Igor {c} claimed strikes near Pokrovsk in the Donetsk region and the village \
         of {a}ivka.\n\n"
    )
}

type Shape = (&'static str, fn(usize) -> String);

fn shapes() -> Vec<Shape> {
    vec![
        ("one word repeated", |n| fill(n, |_| "news ".to_string())),
        ("one title repeated", |n| {
            fill(n, |_| "Minister ".to_string())
        }),
        ("title + name repeated", |n| {
            fill(n, |_| "Foreign Minister Anna Kowalska ".to_string())
        }),
        ("distinct officials", |n| {
            fill(n, |i| {
                format!(
                    "Deputy Minister {} {} said. ",
                    made_up_name(i),
                    made_up_name(i + 1)
                )
            })
        }),
        ("'the village of X', distinct X", |n| {
            fill(n, |i| format!("the village of {} ", made_up_name(i)))
        }),
        ("one long list of places", |n| {
            let mut s = String::from("Strikes hit ");
            s.push_str(&fill(n, |i| format!("{}, ", made_up_name(i))));
            s.push_str("and Kharkiv.");
            s
        }),
        ("capitalized words, no punctuation", |n| {
            fill(n, |i| format!("{} ", made_up_name(i)))
        }),
        ("no whitespace", |n| {
            fill(n, |i| made_up_name(i).to_lowercase())
        }),
        ("one quote repeated", |n| {
            fill(n, |_| "\"We will not give up,\" he said. ".to_string())
        }),
        ("realistic article", |n| fill(n, article_paragraph)),
    ]
}

fn main() {
    let enricher = match Enricher::new() {
        Ok(e) => e,
        Err(e) => {
            eprintln!("enrich data failed to load: {e}");
            std::process::exit(2);
        }
    };
    // `cargo test --all-targets` runs bench binaries without `--bench`: a smoke run
    // then (every shape once, small), so the suite stays fast and still runs the code.
    let benching = std::env::args().any(|a| a == "--bench");
    let default_sizes = if benching {
        vec![100_000, 400_000, 1_000_000, 4_000_000]
    } else {
        vec![10_000]
    };
    let sizes: Vec<usize> = std::env::var("HOSTILE_SIZES")
        .ok()
        .map(|s| s.split(',').filter_map(|x| x.trim().parse().ok()).collect())
        .unwrap_or(default_sizes);
    let cap = Duration::from_secs(
        std::env::var("HOSTILE_CAP_SECS")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(30),
    );
    println!(
        "time per byte of normalize + enrich (ns/B); ratio = ns/B at this size / at the smallest"
    );
    println!(
        "{:<36} {:>10} {:>12} {:>10} {:>8} {:>12}",
        "shape", "bytes", "seconds", "ns/B", "ratio", "split ns/B"
    );
    // `HOSTILE_SHAPES=realistic` runs only the shapes whose name contains that text.
    let only = std::env::var("HOSTILE_SHAPES").ok();
    for (name, make) in shapes() {
        if only.as_deref().is_some_and(|o| !name.contains(o)) {
            continue;
        }
        let mut first: Option<f64> = None;
        let mut stopped = false;
        for &n in &sizes {
            if stopped {
                println!(
                    "{name:<36} {n:>10} {:>12}",
                    "skipped (previous size over the cap)"
                );
                continue;
            }
            let raw = make(n);
            let t0 = Instant::now();
            let text = normalize(&raw);
            let e = enricher.enrich(black_box(&text));
            let took = t0.elapsed();
            black_box(e.officials.len() + e.locations.len());
            // The baseline in the same run: split the same text on whitespace.
            let t1 = Instant::now();
            let words = black_box(raw.as_str()).split_whitespace().count();
            let split = t1.elapsed();
            black_box(words);
            let ns_per_byte = took.as_nanos() as f64 / raw.len() as f64;
            let base = *first.get_or_insert(ns_per_byte);
            println!(
                "{name:<36} {:>10} {:>12.3} {:>10.1} {:>8.2} {:>12.2}",
                raw.len(),
                took.as_secs_f64(),
                ns_per_byte,
                ns_per_byte / base,
                split.as_nanos() as f64 / raw.len() as f64
            );
            stopped = took > cap;
        }
    }
}
