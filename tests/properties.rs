//! Property tests of the input path (issue 8, part 10): `decode` on any bytes,
//! `normalize` on any text, `Enricher::enrich` on any normalized text. None may panic
//! (a panic is a dead letter at best); every offset in an event must slice its text as
//! the schema says (char offsets, end exclusive); and no step may take more than linear
//! time, or one record can stop a partition.
//!
//! The invariants themselves are in fuzz/src/checks.rs, shared with the cargo-fuzz
//! targets. Case counts are modest so the suite stays quick on 2 cores; the fuzz targets
//! are where long runs happen (README, "Property tests and fuzzing"). A failing case is
//! printed minimized; it becomes a named test here (nothing is persisted to disk).

use newswire::decode::{self, split_date_prefix, DecodeError};
use newswire::error;
use newswire_enrich::{normalize::normalize, ItemDate};
use proptest::prelude::*;

#[path = "../fuzz/src/checks.rs"]
mod checks;

use checks::{check_decode, check_enrich, check_entities, check_normalize, enricher};

/// Words and marks that make the rules fire: role words, particles, names, places,
/// quotes, dates, other scripts, invisible and control characters.
const PIECES: &[&str] = &[
    "President",
    "Foreign Minister",
    "minister",
    "Secretary of State",
    "spokesperson",
    "Mayor",
    "of",
    "the",
    "and",
    "met",
    "spoke by phone with",
    "visited",
    "arrived in",
    "was appointed",
    "said",
    "told reporters",
    "on Monday",
    "yesterday",
    "today",
    "on 5 March",
    "last week",
    "village of",
    "Ostrova",
    "Maria",
    "Lepik",
    "Antony Blinken",
    "Wang Yi",
    "Vilnius",
    "Washington",
    "Georgia",
    "Gaza City",
    "Kharkiv",
    "United Nations",
    "State Department",
    "Hamas",
    "NATO",
    "U.S.",
    "EU's",
    ",",
    ".",
    ":",
    "-",
    "'",
    "\"",
    "\u{201C}",
    "\u{201D}",
    "\u{2019}",
    "(",
    ")",
    "\n",
    "\n\n",
    "\r\n",
    "\t",
    "\u{0}",
    "\u{1b}",
    "\u{85}",
    "\u{200B}",
    "\u{FEFF}",
    "e\u{301}",
    "\u{301}",
    "\u{FB01}",
    "\u{1F1FA}\u{1F1E6}",
    "Президент",
    "王毅",
    "مرحبا",
    "\u{202E}",
    "https://news.example/x",
    "Advertisement",
    "By Jane Roe",
    "2024-01-01",
];

/// Text made of `PIECES`, joined by spaces or nothing.
fn soup() -> impl Strategy<Value = String> {
    prop::collection::vec((prop::sample::select(PIECES), any::<bool>()), 0..80).prop_map(|v| {
        let mut s = String::new();
        for (p, space) in v {
            s.push_str(p);
            if space {
                s.push(' ');
            }
        }
        s
    })
}

/// Any text: arbitrary chars (controls and unassigned ones included), or soup.
fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![any::<String>(), soup(), "[A-Za-z .,\"'\n-]{0,200}"]
}

fn any_date() -> impl Strategy<Value = Option<ItemDate>> {
    prop_oneof![
        Just(None),
        (0i32..=9999, 1u8..=12, 1u8..=31).prop_map(|(y, m, d)| ItemDate::new(y, m, d)),
        // The edges of the years a `date YYYY-MM-DD` token can carry.
        prop::sample::select(vec![
            ItemDate::new(0, 1, 1),
            ItemDate::new(0, 3, 1),
            ItemDate::new(9999, 12, 31),
            ItemDate::new(2024, 2, 29),
        ]),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn decode_any_bytes_is_an_item_or_the_right_error(
        data in prop_oneof![
            prop::collection::vec(any::<u8>(), 0..400),
            any::<String>().prop_map(String::into_bytes),
            soup().prop_map(|s| format!("date 2024-03-26 {s}").into_bytes()),
            soup().prop_map(|s| format!("{{\"id\": 1, \"body\": {s:?}").into_bytes()),
        ],
        max in prop_oneof![Just(1usize << 20), 0usize..64],
    ) {
        let _ = check_decode(&data, max);
    }

    /// An envelope built by a JSON library from any strings decodes to those strings.
    #[test]
    fn an_envelope_of_any_strings_decodes_to_them(
        id in any::<String>(),
        title in any::<String>(),
        body in any_text(),
        use_text_field in any::<bool>(),
    ) {
        let mut envelope = serde_json::json!({ "id": id, "title": title });
        envelope[if use_text_field { "text" } else { "body" }] = serde_json::Value::String(body.clone());
        let value = serde_json::to_vec(&envelope).unwrap();
        let expected_body = split_date_prefix(&body).1;
        match check_decode(&value, 1 << 20) {
            Ok(item) => {
                prop_assert_eq!(item.body.as_str(), expected_body);
                prop_assert_eq!(item.item_id, Some(id).filter(|s| !s.is_empty()));
                prop_assert_eq!(item.title, Some(title).filter(|s| !s.trim().is_empty()));
            }
            Err(e) => {
                prop_assert_eq!(e.clone(), DecodeError::EmptyText(" (the envelope's body is blank)"));
                prop_assert!(expected_body.trim().is_empty(), "{}", e);
            }
        }
    }

    #[test]
    fn normalize_any_text_is_tidy(raw in any_text()) {
        check_normalize(&raw);
    }

    #[test]
    fn enrich_any_text_keeps_every_offset_inside_the_text(raw in any_text(), date in any_date()) {
        check_enrich(&raw, date);
    }
}

proptest! {
    // Longer texts, fewer cases: rules that need several sentences to fire.
    #![proptest_config(ProptestConfig { cases: 48, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn enrich_long_soup_keeps_every_offset_inside_the_text(
        parts in prop::collection::vec(soup(), 1..12),
        date in any_date(),
    ) {
        check_enrich(&parts.join(". "), date);
    }
}

/// The seed corpus of the fuzz targets passes the checks (fuzz/seeds): so the seeds
/// stay valid and the targets' code is built and run by `cargo test`, even where
/// cargo-fuzz cannot run.
#[test]
fn the_fuzz_seeds_pass_the_checks() {
    let seeds = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/seeds");
    let mut n = 0;
    for target in ["decode", "normalize", "enrich"] {
        let dir = seeds.join(target);
        for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
            let data = std::fs::read(entry.unwrap().path()).unwrap();
            match target {
                "decode" => checks::check_record(&data),
                "normalize" => {
                    check_normalize(&String::from_utf8_lossy(&data));
                }
                _ => {
                    let (date, text) = checks::dated_text(&data);
                    check_enrich(&text, date);
                }
            }
            n += 1;
        }
    }
    assert!(n >= 20, "only {n} seeds found under {}", seeds.display());
}

/// The CPU time this thread has used: unlike wall time, it does not grow when other
/// processes (parallel tests, other builds on a shared 2-core machine) take the cores.
fn thread_cpu_time() -> std::time::Duration {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime writes one timespec we own.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    assert_eq!(rc, 0, "clock_gettime(CLOCK_THREAD_CPUTIME_ID)");
    std::time::Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32)
}

/// The least CPU time of `runs` runs of `f` (the least is the one least disturbed).
fn cost(runs: usize, mut f: impl FnMut()) -> std::time::Duration {
    (0..runs)
        .map(|_| {
            let t0 = thread_cpu_time();
            f();
            thread_cpu_time() - t0
        })
        .min()
        .unwrap()
}

/// A made-up capitalized name, distinct for each `i`.
fn name(i: usize) -> String {
    const SYL: &[&str] = &[
        "ka", "lo", "mir", "ta", "ven", "su", "dor", "ri", "bel", "no",
    ];
    let mut s = String::new();
    let mut k = i + 11;
    for _ in 0..4 {
        s.push_str(SYL[k % SYL.len()]);
        k /= SYL.len();
    }
    let mut c = s.chars();
    c.next().unwrap().to_uppercase().collect::<String>() + c.as_str()
}

/// Linear time: a text repeated 8 times costs at most 20 times the text once (linear
/// gives 8; a quadratic pass gives 64). The shapes are those of the hostile benchmark
/// that once were quadratic (issue 8, part 2), plus a realistic article; each unit is
/// big enough (about 8 KB) that the measurement is well above the clock's resolution.
#[test]
fn normalize_and_enrich_cost_grows_linearly_with_the_text() {
    let article = String::from_utf8(std::fs::read("tests/fixtures/sample_item.txt").unwrap())
        .expect("sample item is UTF-8");
    let shapes: Vec<(&str, String)> = vec![
        ("one word repeated", "news ".repeat(1600)),
        ("one title repeated", "Minister ".repeat(1000)),
        (
            "distinct officials",
            (0..240)
                .map(|i| format!("Deputy Minister {} {} said. ", name(i), name(i + 500)))
                .collect(),
        ),
        (
            "'the village of X', distinct X",
            (0..400)
                .map(|i| format!("the village of {} ", name(i)))
                .collect(),
        ),
        (
            "no whitespace",
            (0..1200).map(|i| name(i).to_lowercase()).collect(),
        ),
        (
            "one quote repeated",
            "\"We will not give up,\" he said. ".repeat(240),
        ),
        ("realistic article", article.repeat(4)),
    ];
    let e = enricher();
    let mut report = Vec::new();
    for (shape, once) in &shapes {
        let eight = once.repeat(8);
        let run = |text: &str| {
            let normalized = normalize(text);
            std::hint::black_box(e.enrich(&normalized));
        };
        run(once); // warm-up: data structures, page faults
        let c1 = cost(5, || run(once));
        let c8 = cost(3, || run(&eight));
        let ratio = c8.as_secs_f64() / c1.as_secs_f64().max(1e-6);
        report.push(format!(
            "{shape:<34} {:>7} B {:>9.2?} | x8 {:>9.2?}  ratio {ratio:>5.1}",
            once.len(),
            c1,
            c8
        ));
        assert!(
            ratio <= 20.0,
            "{shape}: {} bytes cost {c1:?}, the same text 8 times cost {c8:?} ({ratio:.1}x; linear is 8x)",
            once.len()
        );
    }
    eprintln!("{}", report.join("\n"));
}

/// The worker caps every error message (dead-letter header, log line); decode's own
/// messages are short already, whatever the input.
#[test]
fn decode_errors_stay_short_for_huge_hostile_inputs() {
    let huge = "a".repeat(200_000);
    let inputs = [
        format!("{{\"id\": {{\"x\": \"{huge}\"}}, \"body\": \"b\"}}"),
        format!("{{\"id\": [\"{huge}\"], \"body\": \"b\"}}"),
        format!("{{\"body\": {{\"{huge}\": 1}}}}"),
        format!("{{\"title\": \"{huge}\"}}"),
        format!("{{\"body\": \"{huge}\\q\"}}"),
        format!("{{\"{huge}\""),
    ];
    for input in &inputs {
        let err = decode::decode(input.as_bytes(), 1 << 20).expect_err("not an item");
        assert!(
            err.to_string().len() <= error::MAX_ERROR_MESSAGE_BYTES,
            "{} bytes: {:.200}",
            err.to_string().len(),
            err
        );
    }
    // and the limit check comes first: an oversized value is not parsed at all
    let err = decode::decode(huge.as_bytes(), 1000).unwrap_err();
    assert_eq!(err.code(), error::ErrorCode::TooLarge);
}
/// Found by the property tests' checks: relative dates in an item of year 0 resolved to
/// year -1 ("-001-12-31"), not a date the schema allows. Each date rule, at the edges of
/// the years an item's date can have.
#[test]
fn event_dates_are_real_days_at_the_edges_of_the_calendar() {
    let e = enricher();
    let mut dated = 0;
    for when in [
        "yesterday",
        "on Monday",
        "on 5 March",
        "on 31 December",
        "today",
    ] {
        let text = normalize(&format!(
            "Foreign Minister Maria Ostrova met President Ana Ribeiro in Paris {when}."
        ));
        for date in [
            ItemDate::new(0, 1, 1),
            ItemDate::new(0, 3, 1),
            ItemDate::new(9999, 12, 31),
        ] {
            let entities = e.enrich_dated(&text, date);
            assert_eq!(entities.events.len(), 1, "{text:?} is one meeting");
            check_entities(&text, &entities);
            // Within the calendar, the date is still resolved.
            if date == ItemDate::new(9999, 12, 31) {
                assert!(entities.events[0].date.is_some(), "{text:?}: no date");
                dated += 1;
            }
        }
    }
    assert_eq!(dated, 5);
}
/// Texts are cut: `enrich.max_text_bytes` keeps a prefix, and feeds truncate articles.
/// Every prefix of real-looking text, cut after each word or mark, passes the checks.
/// (The fuzzer found "... the Minister of Health," panicking: a comma ending the text
/// after a title's complement was read past the last token.)
#[test]
fn every_prefix_of_an_article_passes_the_checks() {
    let sample =
        String::from_utf8(std::fs::read("tests/fixtures/sample_item.txt").unwrap()).unwrap();
    let seeds = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/seeds/normalize");
    let mut texts = vec![sample];
    for entry in std::fs::read_dir(&seeds).unwrap() {
        texts.push(String::from_utf8(std::fs::read(entry.unwrap().path()).unwrap()).unwrap());
    }
    texts.push(
        "Minister of Health, Labour and Welfare Keiko Mori, the Minister for Culture, and \
         Chief of Naval Staff, Vice Admiral Ian Roe, met Secretary-General of the United \
         Nations Organization, Dr. Ana Ruiz (UN), in Geneva's Palais des Nations - today."
            .to_string(),
    );
    let mut cuts = 0;
    for text in &texts {
        let ends = text
            .char_indices()
            .filter(|&(_, c)| !c.is_alphanumeric())
            .map(|(i, _)| i)
            .chain([text.len()]);
        for end in ends {
            // the prefix up to each mark, and with the mark itself
            for cut in [
                end,
                text[end..]
                    .chars()
                    .next()
                    .map_or(end, |c| end + c.len_utf8()),
            ] {
                check_enrich(&text[..cut], ItemDate::new(2024, 3, 26));
                cuts += 1;
            }
        }
    }
    assert!(cuts > 1000, "only {cuts} prefixes");
}
