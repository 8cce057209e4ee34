//! Times `Enricher::new()` (the data load): best and median wall time of N loads in one
//! process (default 5; `load_time N`). Run it on one core for the start-up figure of
//! docs/performance.md: `taskset -c 0 target/release/examples/load_time 5`.

use std::time::Instant;

use newswire_enrich::Enricher;

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(5)
        .max(1);
    let mut ms = Vec::with_capacity(n);
    for _ in 0..n {
        let t = Instant::now();
        let e = Enricher::new();
        let dt = t.elapsed().as_secs_f64() * 1e3;
        if let Err(e) = e {
            eprintln!("enrich data failed to load: {e}");
            std::process::exit(2);
        }
        ms.push(dt);
    }
    let first = ms[0];
    ms.sort_by(f64::total_cmp);
    println!(
        "Enricher::new(): first {first:.1} ms, best {:.1} ms, median {:.1} ms over {n} loads",
        ms[0],
        ms[n / 2]
    );
}
