//! Times `Enricher::enrich` over the enrich bench's items as the minimum (and low
//! quantiles) of many short rounds, for `scripts/enrich-time`.
//!
//! Why not criterion's mean: on the shared 2-core VMs this project is measured on, the
//! time of the same round moves by up to 2x within seconds (other tenants of the host),
//! so means and medians of two builds differ by 10-20% from run to run. A round is never
//! faster than the code allows, so the fastest rounds of many are a repeatable figure
//! (they moved by about 2% between runs where the medians moved by 50%).
//!
//! Usage: `enrich_min_time [ROUNDS]` (default 1500); prints one line:
//! `min P10 P25 median` in microseconds per round of 40 items.

use std::hint::black_box;
use std::time::Instant;

use newswire_enrich::Enricher;

include!("../benches/common/items.rs");

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let rounds: usize = match std::env::args().nth(1) {
        Some(a) => a.parse()?,
        None => 1500,
    };
    let enricher = Enricher::new()?;
    // The same batch as the criterion bench.
    let texts = batch();
    let mut micros = Vec::with_capacity(rounds.max(1));
    let mut found = 0usize;
    for _ in 0..rounds.max(1) {
        let start = Instant::now();
        for t in &texts {
            let e = enricher.enrich(black_box(t));
            found += e.officials.len() + e.locations.len() + e.organizations.len();
        }
        micros.push(start.elapsed().as_secs_f64() * 1e6);
    }
    black_box(found);
    micros.sort_by(f64::total_cmp);
    let at = |q: f64| micros[((micros.len() - 1) as f64 * q) as usize];
    println!(
        "{:.1} {:.1} {:.1} {:.1}",
        at(0.0),
        at(0.1),
        at(0.25),
        at(0.5)
    );
    Ok(())
}
