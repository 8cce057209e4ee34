//! Prints the dictionary matches of the text given as arguments (rule development aid).
fn main() {
    let text = std::env::args().skip(1).collect::<Vec<_>>().join(" ");
    if let Ok(e) = newswire_enrich::Enricher::new() {
        for l in e.debug_segments(&text) {
            println!("{l}");
        }
    }
}
