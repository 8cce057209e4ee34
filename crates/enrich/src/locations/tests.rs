//! Each named rule of the pass on sentences written for these tests, with the trace the
//! pass keeps (rule, evidence, senses), which only the crate sees.

use super::*;
use crate::normalize::normalize;
use crate::Enricher;

fn enricher() -> &'static Enricher {
    static E: std::sync::OnceLock<Enricher> = std::sync::OnceLock::new();
    E.get_or_init(|| Enricher::new().expect("bundled data loads"))
}

/// The locations of `text` with their traces, from the whole pass table.
fn traced(text: &str) -> Vec<(Location, Trace)> {
    let text = normalize(text);
    let (entities, _, traces) = enricher().traced(&text);
    entities.locations.into_iter().zip(traces).collect()
}

/// The location with a mention written `surface`, and its trace.
fn at<'a>(found: &'a [(Location, Trace)], surface: &str) -> &'a (Location, Trace) {
    found
        .iter()
        .find(|(l, _)| l.mentions.iter().any(|m| m.text == surface))
        .unwrap_or_else(|| panic!("no mention {surface:?} in {found:#?}"))
}

/// No location has a mention containing `word`.
fn none(found: &[(Location, Trace)], word: &str) {
    assert!(
        !found
            .iter()
            .any(|(l, _)| l.mentions.iter().any(|m| m.text.contains(word))),
        "{word:?} is no place here: {found:#?}"
    );
}

#[test]
fn a_gazetteer_name_keeps_its_readings_best_first() {
    let found = traced("Power was cut in Kharkiv on Monday, the Ukrainian grid operator said.");
    let (l, t) = at(&found, "Kharkiv");
    assert_eq!(t.rule, "gazetteer-name");
    assert_eq!(l.country.as_deref(), Some("UA"));
    assert!(!t.senses.is_empty(), "{t:?}");
    assert!(t.senses.windows(2).all(|w| w[0].1 >= w[1].1), "{t:?}");
    // The mention and the locative before it.
    assert_eq!(t.evidence.len(), 2, "{t:?}");
}

#[test]
fn inside_a_body_name() {
    none(
        &traced("The Bank of England held rates on Thursday."),
        "England",
    );
}

#[test]
fn claimed() {
    let found = traced("US Secretary of State Marco Rubio landed in Cairo late on Monday.");
    none(&found, "US");
    assert_eq!(at(&found, "Cairo").0.country.as_deref(), Some("EG"));
}

#[test]
fn body_not_placed() {
    none(
        &traced("The White House said on Tuesday that talks would resume."),
        "White House",
    );
}

#[test]
fn capitals_acronym_and_label() {
    let found = traced("SANA reported shelling near Homs.\nPRESS OFFICER: Jane Doe");
    none(&found, "SANA");
    none(&found, "OFFICER");
}

#[test]
fn glued_to_a_name() {
    none(
        &traced("Jordan Pellerin told the council that budgets were tight."),
        "Jordan",
    );
}

#[test]
fn demonym_before_noun() {
    none(
        &traced("The Kazakh side rejected the draft on Friday."),
        "Kazakh",
    );
}

#[test]
fn designation() {
    none(
        &traced("Brent crude rose two percent in early trade."),
        "Brent",
    );
}

#[test]
fn agreement_name() {
    let found =
        traced("Both envoys cited the Dayton peace agreement and the Minsk accords on Sunday.");
    none(&found, "Dayton");
    none(&found, "Minsk");
}

#[test]
fn hyphenated_name() {
    none(
        &traced("Growers in Castilla-Vendralo protested new water quotas."),
        "Castilla",
    );
}

#[test]
fn glued_article_start() {
    let found = traced("Airstrikes hit Al-Bayda in Yemen overnight, residents said.");
    let (_, t) = at(&found, "Al-Bayda");
    assert_eq!(t.rule, "gazetteer-name");
}

#[test]
fn qualified_region() {
    let found = traced("Storms swept across Lower Bavaria, the government in Munich said.");
    let (l, t) = at(&found, "Lower Bavaria");
    assert_eq!(t.rule, "qualified-region");
    assert_eq!(l.country.as_deref(), Some("DE"));
}

#[test]
fn sentence_initial_word() {
    none(
        &traced("Reading glasses were handed out at the clinic."),
        "Reading",
    );
}

#[test]
fn local_place_abroad() {
    let found = traced(
        "Johannesburg's roads agency said potholes in Melville would be fixed, Gauteng \
         officials in Pretoria added.",
    );
    let (l, t) = at(&found, "Melville");
    assert_eq!(t.rule, "local-place");
    assert_eq!(l.country.as_deref(), Some("ZA"));
    assert!(l.approximate);
}

#[test]
fn pinned_by_country_after_and_one_sense_per_item() {
    let found = traced(
        "HYDERABAD, Pakistan - Traders closed shops on Monday. Police in Hyderabad said the \
         strike would end.",
    );
    let (l, _) = at(&found, "HYDERABAD");
    assert_eq!(l.country.as_deref(), Some("PK"));
    assert_eq!(l.mentions.len(), 2, "{l:?}");
}

#[test]
fn kind_word_names_say_where_they_lie() {
    let found = traced("Patients were moved from Kamal Adwan Hospital in northern Gaza.");
    let (l, t) = at(&found, "Kamal Adwan Hospital");
    assert_eq!(t.rule, "kind-word-name");
    assert_eq!(l.kind, LocationKind::Facility);
    assert!(!t.notes.is_empty());
}

#[test]
fn a_military_command_is_no_region() {
    none(
        &traced("Troops of the Third Army Region were deployed, the ministry in Bogota said."),
        "Army Region",
    );
}

#[test]
fn a_nested_kind_word_span_goes() {
    let found = traced("Smoke filled the Athabasca River valley, officials in Alberta said.");
    assert!(
        !found
            .iter()
            .any(|(l, _)| l.mentions.iter().any(|m| m.text == "Athabasca River")),
        "{found:#?}"
    );
}

#[test]
fn a_lowercase_kind_word_after_a_place_joins_the_mention() {
    let found = traced("Rescuers reached villages in Lublin province on Friday.");
    let (l, _) = at(&found, "Lublin province");
    assert_eq!(l.name, "Lublin");
}

#[test]
fn unlisted_places_name_their_cue() {
    let found = traced(
        "In Kenya, floods cut off the villages of Ndorvale and Kiptimo, police in Nakuru \
         said.",
    );
    let (_, t) = at(&found, "Ndorvale");
    assert_eq!(t.rule, "unlisted:place-noun-of");
    // The name and the cue ("villages of").
    assert_eq!(t.evidence.len(), 2, "{t:?}");
}

#[test]
fn a_long_repeated_text_keeps_every_mention() {
    // Every construction that used to rescan the text per mention, repeated to 1 MB: each
    // repetition is read as the first one is. (Time per byte at this size and up to 4 MB is
    // measured by `cargo bench -p newswire-enrich --bench hostile`, not asserted here.)
    let unit = "In Kenya, the villages of Ndorvale and Kiptimo, near Nakuru, Kenya, and \
                Hyderabad, Pakistan, met Jordan Pellerin in Melville. ";
    let times = 1_000_000 / unit.len();
    let found = traced(&unit.repeat(times));
    for place in ["Ndorvale", "Kiptimo", "Nakuru", "Hyderabad"] {
        let (l, _) = at(&found, place);
        assert_eq!(l.mentions.len(), times, "{place}: {:?}", l.name);
    }
}

#[test]
fn two_letter_word() {
    none(
        &traced("Officials said Bo would host the fair, the mayor added."),
        "Bo",
    );
}

#[test]
fn unsupported_small_place_and_tiny_town() {
    // A town of a few thousand with nothing in the text for its country.
    none(
        &traced("The prize went to a choir from Dalby last year."),
        "Dalby",
    );
    // Its country after it supports it.
    let found = traced("The prize went to a choir from Dalby, Australia, last year.");
    assert_eq!(at(&found, "Dalby").0.country.as_deref(), Some("AU"));
}

#[test]
fn local_before_foreign_region_and_once_local_always_local() {
    let found = traced(
        "Crews in Jasper, Alberta, cleared the highway. Later, Jasper residents were told \
         to stay home.",
    );
    let (l, t) = at(&found, "Jasper");
    assert_eq!(l.mentions.len(), 2, "{found:#?}");
    assert_eq!(l.country.as_deref(), Some("CA"), "{found:#?}");
    assert_eq!(t.rule, "local-place", "{found:#?}");
}

#[test]
fn country_spellings_without_the_hyphen_and_new_zealands_islands() {
    let found = traced("Guinea Bissau sent observers; storms hit the North Island and the South Island of New Zealand.");
    assert_eq!(at(&found, "Guinea Bissau").0.country.as_deref(), Some("GW"));
    none(&found, "Bissau ");
    assert_eq!(at(&found, "North Island").0.country.as_deref(), Some("NZ"));
    assert_eq!(at(&found, "South Island").0.country.as_deref(), Some("NZ"));
}

#[test]
fn a_dateline_after_the_headline_and_standfirst() {
    // The body's first line opens with the dateline in capitals, after a headline and a
    // standfirst; it supports a region the gazetteer's small tier holds.
    let found = traced(
        "Provincial cabinet expanded, four ministers sworn in\n\nTwo from each coalition party\n\n\
         KATHMANDU: The council of ministers in Gandaki Province grew on Friday.",
    );
    assert_eq!(at(&found, "KATHMANDU").0.country.as_deref(), Some("NP"));
    assert_eq!(
        at(&found, "Gandaki Province").0.country.as_deref(),
        Some("NP")
    );
    // Without the dateline nothing supports the region.
    let found =
        traced("Provincial cabinet expanded\n\nThe council met in Gandaki Province on Friday.");
    none(&found, "Gandaki");
}

#[test]
fn a_place_word_ending_a_compound_name_is_no_place() {
    // "Sur" is also a town in Oman; "de León" ends a person's name.
    let found = traced(
        "Governors from Quelpa del Sur and Manila met President Ana Ruiz de León in Manila.",
    );
    none(&found, "Sur");
    none(&found, "León");
    assert_eq!(at(&found, "Manila").0.country.as_deref(), Some("PH"));
}

#[test]
fn a_lowercase_kind_word_belongs_to_the_mention_not_the_name() {
    let found =
        traced("Gunmen attacked a checkpoint in Iraq's northern Tarmiyah province and fled.");
    let (l, t) = at(&found, "Tarmiyah province");
    assert_eq!((l.name.as_str(), t.rule), ("Tarmiyah", "kind-word-name"));
    // A leading article glued by a hyphen opens the name.
    let found = traced("Troops searched houses in al-Rashidiya district of Iraq on Sunday.");
    let (l, _) = at(&found, "al-Rashidiya district");
    assert_eq!(l.name, "al-Rashidiya");
}

#[test]
fn a_facility_word_after_a_place_names_the_facility() {
    // A kind word of several words that a gazetteer name ends inside.
    let found = traced("Lawmakers gathered at the Georgia State Capitol in Atlanta on Friday.");
    let (l, t) = at(&found, "Georgia State Capitol");
    assert_eq!((l.kind, t.rule), (LocationKind::Facility, "kind-word-name"));
    none(&found, "Capitol Hill");
    // A residence named after a known place.
    let found =
        traced("The new ministers were sworn in at the Aso Rock Presidential Villa in Abuja.");
    assert_eq!(
        at(&found, "Aso Rock Presidential Villa")
            .0
            .country
            .as_deref(),
        Some("NG")
    );
    // A border crossing point named after its town.
    let found =
        traced("Officials from both sides met at the Mae Sot border checkpoint in Thailand.");
    let (l, _) = at(&found, "Mae Sot border checkpoint");
    assert_eq!(
        (l.kind, l.country.as_deref()),
        (LocationKind::Facility, Some("TH"))
    );
    // A racecourse named after its town.
    let found = traced("Racing at Ayr Racecourse in Scotland was abandoned after the storm.");
    assert_eq!(at(&found, "Ayr Racecourse").0.kind, LocationKind::Facility);
}

#[test]
fn a_common_word_naming_only_small_places_needs_the_text_to_make_it_a_place() {
    // "Alliance" has towns in the US, which the item names; the party is no place.
    let found = traced("The People's Alliance won in Ohio, and its leader flew to Columbus.");
    none(&found, "Alliance");
    // A locative still introduces it as one.
    let found = traced("The fair opened in Alliance, Ohio, on Saturday.");
    assert_eq!(at(&found, "Alliance").0.country.as_deref(), Some("US"));
}

#[test]
fn the_local_councils_of_places_name_the_places() {
    let found = traced(
        "On his tour of the Maldives the President met the island councils of Fulhadhoo, \
         Maalhosmadulu and Kendhikulhudhoo on Sunday.",
    );
    for name in ["Fulhadhoo", "Maalhosmadulu", "Kendhikulhudhoo"] {
        let (l, t) = at(&found, name);
        assert_eq!(l.country.as_deref(), Some("MV"), "{l:?}");
        assert_eq!(t.rule, "unlisted:place-noun-of", "{t:?}");
    }
    // A council of something else names no place.
    let found = traced("He addressed the Council of Ministers in Male on Sunday.");
    none(&found, "Ministers");
}

#[test]
fn a_participle_opening_the_sentence_names_no_county() {
    let found = traced("Addressing county officials in Ohio, the mayor asked for more money.");
    none(&found, "Addressing");
}

#[test]
fn places_chained_before_a_programmes_name_are_its_name() {
    let found = traced(
        "Ministers in Abuja approved the accession of Ghana to the Lagos-Cotonou-Lome Corridor \
         programme on Monday.",
    );
    none(&found, "Cotonou");
    none(&found, "Lome");
    at(&found, "Abuja");
}

#[test]
fn a_headline_opening_on_a_place_leaves_the_dateline_to_a_later_line() {
    let found = traced(
        "Iraq launches operation against militants\n\nERBIL, Kurdistan Region - The army \
         began an operation in the western deserts.",
    );
    let (l, _) = at(&found, "ERBIL");
    assert_eq!(l.country.as_deref(), Some("IQ"));
}

#[test]
fn a_place_named_twice_keeps_both_mentions_evidence_and_its_readings_scores_in_explain() {
    let once = traced("Fighting in Kharkiv continued on Monday.");
    let found = traced("Fighting in Kharkiv continued on Monday. Kharkiv was shelled again.");
    let (l, t) = at(&found, "Kharkiv");
    assert_eq!(l.mentions.len(), 2);
    assert_eq!(t.rule, "gazetteer-name");
    let first = at(&once, "Kharkiv").1.evidence.len();
    assert!(t.evidence.len() > first, "{t:?}");
    assert!(!t.senses.is_empty(), "{t:?}");
}

#[test]
fn the_entities_are_the_same_whether_or_not_the_traces_are_kept() {
    // Only explain reads the traces, so only it has their costly parts built: every
    // project item, read both ways, gives the same entities; without explain, no trace.
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../eval");
    let mut items = 0;
    for set in std::fs::read_dir(root).expect("eval sets").flatten() {
        for file in std::fs::read_dir(set.path())
            .into_iter()
            .flatten()
            .flatten()
        {
            let Ok(raw) = std::fs::read_to_string(file.path()) else {
                continue;
            };
            let text = normalize(&raw);
            let e = enricher();
            let (plain, traces) = e.run(&text, None, false, |_, x, t| (x, t.locations));
            let (explained, traces_kept) = e.run(&text, None, true, |_, x, t| (x, t.locations));
            assert_eq!(plain, explained, "{:?}", file.path());
            assert!(traces.is_empty());
            assert_eq!(traces_kept.len(), explained.locations.len());
            items += 1;
        }
    }
    assert!(items > 100, "{items} items read");
}
