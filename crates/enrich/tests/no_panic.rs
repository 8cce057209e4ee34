//! Random recombinations of tricky fragments (role words, particles, punctuation, places,
//! other scripts) must never panic, and every mention must slice the text it came from.

use newswire_enrich::{normalize::normalize, Enricher};

const PIECES: &[&str] = &[
    "President",
    "president",
    "Minister",
    "of",
    "for",
    "the",
    "and",
    ",",
    ".",
    "'s",
    "'",
    "-",
    " - ",
    "--",
    "(",
    ")",
    ":",
    "\"",
    "Maj.",
    "Gen.",
    "Mr.",
    "Sheikh",
    "al-",
    "al",
    "bin",
    "da",
    "von",
    "der",
    "Ki-moon",
    "U.S.",
    "US",
    "UN",
    "EU's",
    "Washington",
    "Georgia",
    "Gaza",
    "Gaza City",
    "Rafah",
    "Israel",
    "Israeli",
    "Palestinian",
    "Kyiv",
    "Hospital",
    "Airport",
    "State",
    "Province",
    "region",
    "Summit",
    "Bank of England",
    "White House",
    "State Department",
    "spokesperson",
    "former",
    "Foreign",
    "Affairs",
    "who",
    "heads",
    "as",
    "to the post of",
    "counterparts",
    "Senators",
    "Antony",
    "Blinken",
    "Wang",
    "Yi",
    "Lula",
    "Inácio",
    "\n",
    "\n\n",
    "   ",
    "🇺🇦",
    "😀",
    "Президент",
    "王毅",
    "مرحبا",
    "\u{200F}",
    "\u{202E}",
    "e\u{0301}",
    "ﬁ",
    "A.",
    "B.",
    "C",
    "12,000",
    "2024-01-01",
    "#",
    "|",
];

#[test]
fn random_fragment_soup_never_panics() {
    let enricher = Enricher::new().expect("data");
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for _ in 0..4000 {
        let len = (next() % 60) as usize;
        let mut raw = String::new();
        for _ in 0..len {
            let p = PIECES[(next() % PIECES.len() as u64) as usize];
            raw.push_str(p);
            if next() % 3 != 0 {
                raw.push(' ');
            }
        }
        let text = normalize(&raw);
        let chars: Vec<char> = text.chars().collect();
        let e = enricher.enrich(&text);
        let mentions = e
            .officials
            .iter()
            .flat_map(|o| o.mentions.iter())
            .chain(e.locations.iter().flat_map(|l| l.mentions.iter()))
            .chain(e.organizations.iter().flat_map(|o| o.mentions.iter()));
        for m in mentions {
            assert!(m.start < m.end && m.end <= chars.len(), "{raw:?}");
            let s: String = chars[m.start..m.end].iter().collect();
            assert_eq!(s, m.text, "{raw:?}");
        }
    }
}
