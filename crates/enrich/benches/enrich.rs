//! Throughput of enrichment alone over a mix of news-like items written for this bench,
//! with a baseline in the same run: a plain whitespace tokenizer pass over the same texts.
//! Both report elements = words, so criterion prints words/s; their ratio is the cost of
//! enrichment relative to merely splitting the text.
//!
//! Run: `cargo bench -p newswire-enrich --bench enrich`

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use newswire_enrich::{normalize::normalize, Enricher};

/// Items in the style of wire copy (written for this benchmark, not taken from any outlet).
const ITEMS: &[&str] = &[
    "KYIV - Ukrainian Foreign Minister Andrii Sybiha said on Tuesday that talks with his Polish counterpart Radoslaw Sikorski in Warsaw had focused on air defence for Kharkiv and Odesa. Sybiha, who met President Volodymyr Zelenskyy afterwards, said the Black Sea corridor remained open. Russian Defence Ministry spokesman Igor Konashenkov claimed strikes near Pokrovsk in the Donetsk region.",
    "US Secretary of State Marco Rubio met Saudi Crown Prince Mohammed bin Salman in Riyadh on Monday before travelling to Doha, Qatar, where he discussed Gaza with Prime Minister Mohammed bin Abdulrahman Al Thani. \"We are not there yet,\" Rubio told reporters at King Khalid International Airport. The State Department said the Secretary would return to Washington on Thursday.",
    "Canberra: Australian Minister for Foreign Affairs Penny Wong will host her counterparts from India, Japan and the United States next week. Wong said the Quad remained central to stability in the Indo-Pacific and the South China Sea. Opposition leader Peter Dutton criticised the timing. Analyst Sarah Jones of the Lowy Institute said the meeting was overdue.",
    "Sudan's army chief Abdel Fattah al-Burhan vowed on Sunday to keep fighting the paramilitary Rapid Support Forces, whose commander Mohamed Hamdan Dagalo controls much of Darfur. The United Nations envoy for Sudan, Ramtane Lamamra, urged both sides to allow aid through the Adre crossing from Chad. Khartoum and Omdurman have seen heavy shelling since April.",
    "Brazilian President Luiz Inácio Lula da Silva received Chinese Foreign Minister Wang Yi in Brasília on Friday. Lula said trade with China had reached a record, while Wang praised cooperation within BRICS. Finance Minister Fernando Haddad later told Reuters the government expected growth above two percent. The meeting took place at the Planalto Palace.",
    "SEOUL - South Korea's President Lee Jae-myung spoke by phone with Japanese Prime Minister Shigeru Ishiba about North Korea's latest missile launch into the Sea of Japan. Lee's office said the two leaders agreed to coordinate with Washington. Defence Minister Ahn Gyu-back visited a base in Pyeongtaek, Gyeonggi Province, on Wednesday.",
    "Georgia's Prime Minister Irakli Kobakhidze rejected criticism from the European Union after protests in Tbilisi, saying the government would not be lectured by Brussels. EU foreign policy chief Kaja Kallas said the bloc was reviewing visa-free travel. Meanwhile, in the US state of Georgia, Governor Brian Kemp signed a budget bill in Atlanta.",
    "Israeli Prime Minister Benjamin Netanyahu met US envoy Steve Witkoff in Jerusalem on Thursday as negotiators in Cairo discussed a ceasefire in Gaza. Hamas official Osama Hamdan said in Beirut that the group had not received a new proposal. Netanyahu's office said Mr. Witkoff would travel to Amman, Jordan. Residents of Khan Younis and Rafah reported strikes overnight.",
    "Advertisement\nShare\nMexico City - Mexican President Claudia Sheinbaum said on Monday that Security Secretary Omar García Harfuch would travel to Washington for talks with Homeland Security officials. Sheinbaum, speaking at the National Palace, said cooperation on fentanyl had improved. The former foreign minister Marcelo Ebrard, now Economy Secretary, joined the call.",
    "NAIROBI - Kenya's Cabinet Secretary for Interior Kipchumba Murkomen said police had been deployed to Mombasa and Kisumu ahead of the protests. Inspector-General of Police Douglas Kanja, who heads the National Police Service, told journalists in Nairobi that officers would act within the law. Opposition leader Raila Odinga called for calm.",
];

fn words(texts: &[String]) -> u64 {
    texts
        .iter()
        .map(|t| t.split_whitespace().count() as u64)
        .sum()
}

fn bench(c: &mut Criterion) {
    let enricher = Enricher::new().expect("bundled data loads");
    // A realistic batch: each item repeated so one iteration is a few thousand words.
    let texts: Vec<String> = ITEMS
        .iter()
        .cycle()
        .take(ITEMS.len() * 4)
        .map(|t| normalize(t))
        .collect();
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
