//! Throughput of enrichment alone over a mix of news-like items written for this bench,
//! with a baseline in the same run: a plain whitespace tokenizer pass over the same texts.
//! Both report elements = words, so criterion prints words/s; their ratio is the cost of
//! enrichment relative to merely splitting the text.
//!
//! Run: `cargo bench -p newswire-enrich --bench enrich`

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use newswire_enrich::Enricher;

include!("common/items.rs");

fn words(texts: &[String]) -> u64 {
    texts
        .iter()
        .map(|t| t.split_whitespace().count() as u64)
        .sum()
}

fn bench(c: &mut Criterion) {
    let enricher = Enricher::new().expect("bundled data loads");
    let texts = batch();
    let n_words = words(&texts);
    let mut g = c.benchmark_group("news_items");
    g.throughput(Throughput::Elements(n_words));
    g.bench_function("baseline_whitespace_tokenizer", |b| {
        b.iter(|| {
            let mut count = 0usize;
            for t in &texts {
                for w in black_box(t.as_str()).split_whitespace() {
                    count += w.len() & 1;
                }
            }
            black_box(count)
        })
    });
    g.bench_function("enrich", |b| {
        b.iter(|| {
            let mut found = 0usize;
            for t in &texts {
                let e = enricher.enrich(black_box(t));
                found += e.officials.len() + e.locations.len() + e.organizations.len();
            }
            black_box(found)
        })
    });
    g.finish();
    let mut g = c.benchmark_group("load");
    g.sample_size(10);
    g.bench_function("enricher_new", |b| {
        b.iter(|| black_box(Enricher::new().map(|_| ()).is_ok()))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
