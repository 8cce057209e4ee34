//! The small-place tier (`data/small_places.tsv`): villages and towns below the gazetteer's
//! population cut count as locations only where the text introduces them as places and the
//! item already names their country. Sentences written for these tests.

mod common;

use common::enricher;
use newswire_enrich::{normalize::normalize, Location, LocationKind};

fn locations(text: &str) -> Vec<Location> {
    enricher().enrich(&normalize(text)).locations
}

fn find<'a>(locs: &'a [Location], name: &str) -> Option<&'a Location> {
    locs.iter().find(|l| l.name == name)
}

fn names(locs: &[Location]) -> Vec<&str> {
    locs.iter().map(|l| l.name.as_str()).collect()
}

#[test]
fn a_village_after_in_is_found_in_the_country_the_item_names() {
    let locs = locations(
        "Heavy rain flooded several homes in Foxford overnight, emergency services in Dublin \
         said on Tuesday.",
    );
    let l = find(&locs, "Foxford").unwrap_or_else(|| panic!("no Foxford in {:?}", names(&locs)));
    assert_eq!(l.country.as_deref(), Some("IE"));
    assert_eq!(l.kind, LocationKind::City);
    assert!((l.lat - 53.98).abs() < 0.02, "lat {}", l.lat);
    assert!((l.lon + 9.12).abs() < 0.02, "lon {}", l.lon);
    assert_eq!(l.mentions[0].text, "Foxford");
}

#[test]
fn the_same_village_without_its_country_in_the_item_is_not_a_location() {
    let locs = locations("Heavy rain flooded several homes in Foxford overnight, officials said.");
    assert!(find(&locs, "Foxford").is_none(), "{:?}", names(&locs));
    // Another country named: still no evidence for an Irish village.
    let locs = locations(
        "Heavy rain flooded several homes in Foxford overnight, officials in Madrid said.",
    );
    assert!(find(&locs, "Foxford").is_none(), "{:?}", names(&locs));
}

#[test]
fn a_village_name_used_as_a_surname_is_not_a_location() {
    let locs = locations(
        "The poetry prize went to Mary Swinford, a teacher from Cork. Judges in Dublin said \
         the medal would be presented to Swinford at a ceremony next month.",
    );
    assert!(find(&locs, "Swinford").is_none(), "{:?}", names(&locs));
    assert!(find(&locs, "Dublin").is_some(), "{:?}", names(&locs));
}

#[test]
fn a_village_name_glued_to_another_capitalized_word_is_not_a_location() {
    let locs = locations("Officials in Dublin said the Foxford Woollen Mills would reopen.");
    assert!(find(&locs, "Foxford").is_none(), "{:?}", names(&locs));
}

#[test]
fn common_words_that_name_villages_are_not_locations() {
    // GeoNames has villages named Christmas and Congress in the United States.
    let locs = locations(
        "Families in Boston said they would stay home at Christmas, while the bill stalled \
         in Congress, lawmakers in Washington said.",
    );
    for w in ["Christmas", "Congress"] {
        assert!(find(&locs, w).is_none(), "{w}: {:?}", names(&locs));
    }
}

#[test]
fn villages_listed_with_an_introduced_place_are_found() {
    let locs = locations(
        "Council officials in Dublin said new footpaths would be built in Foxford, Swinford \
         and Killala next year.",
    );
    for w in ["Foxford", "Swinford", "Killala"] {
        let l = find(&locs, w).unwrap_or_else(|| panic!("no {w} in {:?}", names(&locs)));
        assert_eq!(l.country.as_deref(), Some("IE"), "{w}");
    }
}

#[test]
fn a_comma_alone_after_a_place_does_not_make_a_list() {
    // "in Gaza, X said": X is whoever speaks, not a place of a list.
    let locs = locations(
        "Officials in Dublin said on Monday that in Foxford, Swinford told them, the river \
         had burst its banks.",
    );
    assert!(find(&locs, "Foxford").is_some(), "{:?}", names(&locs));
    assert!(find(&locs, "Swinford").is_none(), "{:?}", names(&locs));
}

#[test]
fn town_comma_region_introduces_the_town() {
    let locs = locations("Sewickley, Pennsylvania, has fewer than 4,000 residents.");
    let l = find(&locs, "Sewickley").unwrap_or_else(|| panic!("{:?}", names(&locs)));
    assert_eq!(l.country.as_deref(), Some("US"));
    assert!((l.lat - 40.54).abs() < 0.05, "lat {}", l.lat);
}

#[test]
fn a_region_named_in_the_item_picks_among_same_named_villages() {
    // Several Mexican villages are called Pueblo Viejo; the state named picks one.
    let locs = locations(
        "Investigators found a burned truck near Pueblo Viejo, in the Mexican state of \
         Veracruz, prosecutors said in Xalapa.",
    );
    let l = find(&locs, "Pueblo Viejo").unwrap_or_else(|| panic!("{:?}", names(&locs)));
    assert_eq!(l.country.as_deref(), Some("MX"));
    assert!((l.lat - 19.82).abs() < 0.1, "lat {}", l.lat);
    assert!((l.lon + 96.87).abs() < 0.1, "lon {}", l.lon);
}

#[test]
fn full_tier_readings_win() {
    // Hagen is a German city in the gazetteer; a US context does not turn it into a village.
    let locs = locations(
        "Officials in Chicago said the company would open a new plant in Hagen next year.",
    );
    let l = find(&locs, "Hagen").unwrap_or_else(|| panic!("{:?}", names(&locs)));
    assert_eq!(l.country.as_deref(), Some("DE"));
    assert!(l.lat > 51.0 && l.lat < 52.0, "lat {}", l.lat);
}

#[test]
fn a_dateline_country_is_evidence() {
    let locs =
        locations("NAIROBI - Police said three people were hurt in a clash at Watamu on Sunday.");
    let l = find(&locs, "Watamu").unwrap_or_else(|| panic!("{:?}", names(&locs)));
    assert_eq!(l.country.as_deref(), Some("KE"));
}

#[test]
fn quoted_people_after_cue_like_words_are_not_places() {
    let locs = locations(
        "Officials in Dublin said the plan was sound, according to Swinford, while a \
         statement from Foxford praised it.",
    );
    for w in ["Swinford", "Foxford"] {
        assert!(find(&locs, w).is_none(), "{w}: {:?}", names(&locs));
    }
}

#[test]
fn another_spelling_of_a_gazetteer_town_is_that_town() {
    // GeoNames writes Jawhar; news often writes Jowhar.
    let locs = locations(
        "Troops retook a bridge near Jowhar on Friday, officials in Mogadishu said. Jawhar \
         lies on the Shabelle river.",
    );
    let hits: Vec<&Location> = locs
        .iter()
        .filter(|l| l.name == "Jowhar" || l.name == "Jawhar")
        .collect();
    assert_eq!(hits.len(), 1, "{:?}", names(&locs));
    assert_eq!(hits[0].country.as_deref(), Some("SO"));
    assert!((hits[0].lat - 2.78).abs() < 0.05, "lat {}", hits[0].lat);
    assert!(hits[0].mentions.iter().any(|m| m.text == "Jowhar"));
}

#[test]
fn a_district_with_its_kind_word_is_found_in_the_country_the_item_names() {
    // Machinga is a Malawian district (GeoNames second level) the gazetteer lacks.
    let locs = locations(
        "Floods swept through villages in Machinga district on Monday, officials in Malawi \
         said.",
    );
    let l = find(&locs, "Machinga").unwrap_or_else(|| panic!("{:?}", names(&locs)));
    assert_eq!(l.country.as_deref(), Some("MW"));
    assert_eq!(l.kind, LocationKind::Admin);
    assert!((l.lat + 15.07).abs() < 0.3, "lat {}", l.lat);
    // Accents need not be in the data (GeoNames' admin2 names come in ASCII).
    let locs = locations(
        "Firefighters in France battled a blaze in the Pyrénées-Orientales department on \
         Sunday.",
    );
    let l = find(&locs, "Pyrénées-Orientales").unwrap_or_else(|| panic!("{:?}", names(&locs)));
    assert_eq!(l.country.as_deref(), Some("FR"));
    assert!((l.lat - 42.6).abs() < 0.3, "lat {}", l.lat);
}

#[test]
fn a_generic_first_level_name_with_its_kind_word_is_that_countrys_region() {
    let locs = locations(
        "Cholera cases rose in Southern Province, health officials said in Lusaka, Zambia.",
    );
    let l = find(&locs, "Southern Province").unwrap_or_else(|| panic!("{:?}", names(&locs)));
    assert_eq!(l.country.as_deref(), Some("ZM"));
    assert_eq!(l.kind, LocationKind::Admin);
    assert!(l.lat < -15.5 && l.lon < 28.0, "{} {}", l.lat, l.lon);
    // Without the kind word, or without the country, it is no place.
    let locs = locations("Southern farmers met in Lusaka, Zambia, on Monday.");
    assert!(
        locs.iter().all(|l| !l.name.starts_with("Southern")),
        "{:?}",
        names(&locs)
    );
    let locs =
        locations("The minister said the Southern Province was calm. Officials in Paris agreed.");
    assert!(find(&locs, "Southern Province").is_none_or(|l| l.country.as_deref() != Some("ZM")));
}

#[test]
fn a_county_named_like_a_town_elsewhere_is_the_county_of_the_state_named() {
    let locs = locations("The storm hit Calhoun County on Monday, officials in Texas said.");
    let l = find(&locs, "Calhoun County").unwrap_or_else(|| panic!("{:?}", names(&locs)));
    assert_eq!(l.country.as_deref(), Some("US"));
    assert!(
        (l.lat - 28.6).abs() < 0.5 && (l.lon + 96.6).abs() < 0.5,
        "{} {}",
        l.lat,
        l.lon
    );
}

#[test]
fn a_district_name_without_evidence_is_not_a_location() {
    // No cue, no kind word: a name like any other.
    let locs = locations("Officials in Malawi said Machinga had asked for more time.");
    assert!(find(&locs, "Machinga").is_none(), "{:?}", names(&locs));
    // A kind word but no Malawian place in the item.
    let locs = locations("Floods swept through Machinga district, officials in Paris said.");
    assert!(
        find(&locs, "Machinga").is_none_or(|l| l.kind != LocationKind::Admin || l.lat > 0.0),
        "{:?}",
        names(&locs)
    );
}

#[test]
fn a_person_of_a_place_introduces_it_and_a_spanish_compass_qualifier_belongs_to_it() {
    let locs = locations(
        "Philippine governors met in Manila on Tuesday. Governor Ana Reyes of Lanao del Norte \
         and Governor Jose Cruz of Tawi-Tawi attended.",
    );
    for name in ["Lanao del Norte", "Tawi-Tawi"] {
        let l = find(&locs, name).unwrap_or_else(|| panic!("no {name} in {:?}", names(&locs)));
        assert_eq!(l.country.as_deref(), Some("PH"));
    }
    // A split province the tier lacks is read through its qualifier, at its parent.
    let locs = locations(
        "Philippine governors met in Manila on Tuesday. Governor Ana Reyes of Maguindanao del \
         Sur attended.",
    );
    let l = find(&locs, "Maguindanao del Sur")
        .unwrap_or_else(|| panic!("no Maguindanao del Sur in {:?}", names(&locs)));
    assert_eq!(l.country.as_deref(), Some("PH"));
}
