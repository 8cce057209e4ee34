//! The project's own example item (from the worker issue) must come out exactly right.

use newswire_enrich::{normalize::normalize, Enricher, LocationKind};

/// (name, title, country, organization)
type Row<'a> = (&'a str, Option<&'a str>, Option<&'a str>, Option<&'a str>);

const SAMPLE: &str = r#"US Secretary of State Antony Blinken met on Monday in Washington with Defense Minister Yoav Gallant.

State Department spokesperson Matthew Miller said in a statement after the meeting that Blinken “reiterated the United States’ support for ensuring the defeat of Hamas, including in Rafah, while reiterating opposition to a major ground operation in Rafah that would further jeopardize the welfare of the more than 1.4 million Palestinian civilians sheltering there.”

“The Secretary underscored that alternatives exist to a major ground invasion that would both better ensure Israel’s security and protect Palestinian civilians. Secretary Blinken also discussed the need to immediately surge and sustain additional humanitarian assistance to meet the needs of civilians in Gaza,” the statement added.

Earlier on Monday, Gallant met US National Security Advisor Jake Sullivan at the White House for a meeting which lasted over 90 minutes.

The meetings with Sullivan and Blinken are two in a series of meeting planned for Gallant's trip to Washington.

The US administration has repeatedly stressed its opposition to an Israeli operation in Rafah. Blinken, who visited Israel just this past Friday, reiterated that the Biden administration opposes an Israeli operation in Rafah.

“We share Israel’s goal of defeating Hamas, which is responsible for the worst massacre of the Jewish people since the Holocaust. And we share the goal of ensuring Israel’s long-term security. As we’ve said, though, a major military ground operation in Rafah is not the way to do it,” he told reporters at Ben Gurion Airport.

White House spokesperson John Kirby later said, "We believe a major ground offensive [in Rafah] is a mistake" and would be a "disaster".

US Vice President Kamala Harris on Sunday told ABC News that she would not rule out "consequences" if Israel carried out a military operation in Rafah.
"#;

fn enricher() -> &'static Enricher {
    static E: std::sync::OnceLock<Enricher> = std::sync::OnceLock::new();
    E.get_or_init(|| Enricher::new().expect("bundled data loads"))
}

fn run() -> newswire_enrich::Entities {
    enricher().enrich(&normalize(SAMPLE))
}

#[test]
fn officials_are_exactly_the_six_with_titles_countries_and_bodies() {
    let ents = run();
    let got: Vec<Row<'_>> = ents
        .officials
        .iter()
        .map(|o| {
            (
                o.name.as_str(),
                o.title.as_deref(),
                o.country.as_deref(),
                o.organization.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            (
                "Antony Blinken",
                Some("Secretary of State"),
                Some("US"),
                None
            ),
            ("Yoav Gallant", Some("Defense Minister"), Some("IL"), None),
            (
                "Matthew Miller",
                Some("spokesperson"),
                Some("US"),
                Some("State Department")
            ),
            (
                "Jake Sullivan",
                Some("National Security Advisor"),
                Some("US"),
                None
            ),
            (
                "John Kirby",
                Some("spokesperson"),
                Some("US"),
                Some("White House")
            ),
            ("Kamala Harris", Some("Vice President"), Some("US"), None),
        ]
    );
}

#[test]
fn later_mentions_resolve_to_the_same_person() {
    let ents = run();
    let blinken = &ents.officials[0];
    let texts: Vec<&str> = blinken.mentions.iter().map(|m| m.text.as_str()).collect();
    assert!(texts.contains(&"Blinken"), "{texts:?}");
    assert!(
        texts
            .iter()
            .any(|t| t.eq_ignore_ascii_case("the Secretary")),
        "{texts:?}"
    );
    // "Secretary Blinken" is a mention of the surname, not a new person.
    assert_eq!(
        texts.iter().filter(|t| **t == "Blinken").count(),
        4,
        "{texts:?}"
    );
    let gallant = &ents.officials[1];
    assert_eq!(gallant.mentions.len(), 3);
}

#[test]
fn mentions_are_char_offsets_into_the_normalized_text() {
    let text = normalize(SAMPLE);
    let ents = enricher().enrich(&text);
    let chars: Vec<char> = text.chars().collect();
    for o in &ents.officials {
        for m in &o.mentions {
            let s: String = chars[m.start..m.end].iter().collect();
            assert_eq!(s, m.text);
        }
    }
    for l in &ents.locations {
        for m in &l.mentions {
            let s: String = chars[m.start..m.end].iter().collect();
            assert_eq!(s, m.text);
        }
    }
}

#[test]
fn locations_are_exactly_the_seven_places() {
    let ents = run();
    let mut got: Vec<(&str, LocationKind, Option<&str>)> = ents
        .locations
        .iter()
        .map(|l| (l.name.as_str(), l.kind, l.country.as_deref()))
        .collect();
    got.sort_by(|a, b| a.0.cmp(b.0));
    assert_eq!(
        got,
        vec![
            ("Ben Gurion Airport", LocationKind::Facility, Some("IL")),
            ("Gaza", LocationKind::Territory, Some("PS")),
            ("Israel", LocationKind::Country, Some("IL")),
            ("Rafah", LocationKind::City, Some("PS")),
            ("United States", LocationKind::Country, Some("US")),
            ("Washington", LocationKind::City, Some("US")),
            ("White House", LocationKind::Facility, Some("US")),
        ]
    );
    let washington = ents
        .locations
        .iter()
        .find(|l| l.name == "Washington")
        .expect("Washington");
    assert!((washington.lat - 38.9).abs() < 0.2 && (washington.lon + 77.0).abs() < 0.2);
    // Demonyms are not places.
    assert!(ents.locations.iter().all(|l| l
        .mentions
        .iter()
        .all(|m| m.text != "Palestinian" && m.text != "Israeli")));
}

#[test]
fn organizations_include_the_bodies_and_outlets() {
    let ents = run();
    let names: Vec<&str> = ents.organizations.iter().map(|o| o.name.as_str()).collect();
    for want in [
        "State Department",
        "Hamas",
        "Biden administration",
        "ABC News",
    ] {
        assert!(names.contains(&want), "{want} missing from {names:?}");
    }
}
