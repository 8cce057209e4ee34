//! Places in no gazetteer that the text introduces as places ("the villages of A and B",
//! "A village", "suburbs such as A"). The place names here are invented, so that only the
//! text around them can make them places.

mod common;

use common::{place, run};
use newswire_enrich::{Entities, LocationKind};

fn no_place(e: &Entities, word: &str) {
    assert!(
        !e.locations
            .iter()
            .any(|l| l.mentions.iter().any(|m| m.text.contains(word))),
        "{word:?} is no place here: {:#?}",
        e.locations
    );
}

/// An unlisted place: the kind the cue gives, the containing country, coordinates marked
/// approximate.
fn unlisted(e: &Entities, name: &str, kind: LocationKind, cc: &str) {
    let p = place(e, name);
    assert_eq!(p.kind, kind, "{p:?}");
    assert_eq!(p.country.as_deref(), Some(cc), "{p:?}");
    assert!(p.approximate, "{p:?}");
}

#[test]
fn villages_of_a_list() {
    let e = run(
        "Gunmen attacked the villages of Kwamboro and Lelesi Tano in northern Kenya on \
         Sunday, police said.",
    );
    unlisted(&e, "Kwamboro", LocationKind::City, "KE");
    unlisted(&e, "Lelesi Tano", LocationKind::City, "KE");
    // Gazetteer places keep exact coordinates.
    assert!(!place(&e, "Kenya").approximate);
}

#[test]
fn trailing_kind_word_and_plural_lists() {
    let e = run(
        "Floods hit Ndigati and Oloropa districts of Kenya, and Kasembo village was cut \
         off.",
    );
    unlisted(&e, "Ndigati", LocationKind::Admin, "KE");
    unlisted(&e, "Oloropa", LocationKind::Admin, "KE");
    // The name drops the lowercase kind word; the mention keeps it.
    let k = place(&e, "Kasembo");
    assert_eq!(k.mentions[0].text, "Kasembo village");
    assert_eq!(k.country.as_deref(), Some("KE"));
}

#[test]
fn such_as_list_and_apposition() {
    let e = run(
        "Water cuts in Johannesburg will continue in suburbs such as Mavuleni, Kwathema \
         and Soweto. Residents of Tamwadi, a small farming settlement on the city's edge, \
         queued for tankers.",
    );
    unlisted(&e, "Mavuleni", LocationKind::City, "ZA");
    unlisted(&e, "Kwathema", LocationKind::City, "ZA");
    // A known place in the list keeps its gazetteer entry.
    assert!(!place(&e, "Soweto").approximate);
    unlisted(&e, "Tamwadi", LocationKind::City, "ZA");
}

#[test]
fn a_place_named_after_the_name_contains_it() {
    // The nearest place before it is Chad; the text puts the village in Borno State.
    let e = run(
        "Officials in Chad said refugees had reached the village of Tembaro in Borno \
         State.",
    );
    unlisted(&e, "Tembaro", LocationKind::City, "NG");
}

#[test]
fn a_demonym_names_the_country_when_no_place_does() {
    let e = run(
        "Farmers blocked roads in Perpignan. On the Spanish side, tractors gathered near \
         Olotreva from early morning.",
    );
    unlisted(&e, "Olotreva", LocationKind::City, "ES");
}

#[test]
fn korean_neighbourhoods() {
    let e = run("A sinkhole opened in Hamun-dong, in Seoul's Gangdong District, on Monday.");
    unlisted(&e, "Hamun-dong", LocationKind::City, "KR");
}

#[test]
fn traps_people_titles_and_common_nouns() {
    let e = run(
        "Nairobi county officials met Daniel Kwamboro, a village elder, and Ann \
         Mwangale, a town planner, near Parliament. The Sicilian province of Agrigento \
         was also named. The Ndigati district commissioner said roads were closed.",
    );
    // Daniel Kwamboro is a person: "a village elder" describes him, not a place.
    no_place(&e, "Kwamboro");
    no_place(&e, "Mwangale");
    no_place(&e, "Sicilian");
    // A place inside a title is a modifier, not a mention.
    no_place(&e, "Ndigati");
    // A surname elsewhere in the item is never a village.
    let e = run(
        "Mary Lelesi spoke in Nairobi. Later, in the village of Lelesi, Kenya, crops \
         failed.",
    );
    no_place(&e, "Lelesi");
}

#[test]
fn a_small_town_abroad_in_a_local_story_is_a_local_place() {
    // Melville is a town in the US and Australia, and a Johannesburg suburb; Brixton is in
    // London and in Johannesburg.
    let e = run(
        "Johannesburg's water utility said taps in Melville and Brixton would run again \
         by Friday. Johannesburg and Soweto residents queued at tankers.",
    );
    for name in ["Melville", "Brixton"] {
        unlisted(&e, name, LocationKind::City, "ZA");
    }
    // Said of a US story, the same town is the American one, from the gazetteer.
    let e = run("Voters in Melville, New York, and in Albany lined up early.");
    let m = place(&e, "Melville");
    assert_eq!(m.country.as_deref(), Some("US"));
    assert!(!m.approximate);
}

#[test]
fn a_qualifier_before_a_region_makes_a_region_of_its_own() {
    let e = run(
        "Floods in Queensland and New South Wales spread to the Northern Rivers, \
         where Brisbane crews helped.",
    );
    let r = place(&e, "Northern Rivers");
    assert_eq!(
        r.country.as_deref(),
        Some("AU"),
        "not Rivers State, Nigeria: {r:?}"
    );
    let e = run("BMW will build a plant in Lower Bavaria, the Bavarian government in Munich said.");
    assert_eq!(place(&e, "Lower Bavaria").country.as_deref(), Some("DE"));
}

#[test]
fn a_lowercase_kind_word_stays_in_the_mention_not_the_name() {
    let e = run("Gunmen raided a village in Nigeria's Borno state overnight.");
    let b = place(&e, "Borno");
    assert_eq!(b.mentions[0].text, "Borno state");
    assert_eq!(b.country.as_deref(), Some("NG"));
}

#[test]
fn delhi_the_territory_and_new_delhi_the_capital_are_two_places() {
    let e =
        run("NEW DELHI - The BJP won the Delhi assembly election, officials in New Delhi said.");
    assert_eq!(place(&e, "Delhi").kind, LocationKind::Admin);
    assert_eq!(place(&e, "New Delhi").kind, LocationKind::City);
}

#[test]
fn a_locative_preposition_introduces_unlisted_names() {
    let e = run(
        "In Mombasa, drainage works in Kivusani and Mtopanga were fast-tracked. The \
         speaker received envoys at his residence in Ain el-Tabbeh.",
    );
    unlisted(&e, "Kivusani", LocationKind::City, "KE");
    unlisted(&e, "Mtopanga", LocationKind::City, "KE");
    // The glued article belongs to the name.
    assert!(place(&e, "Ain el-Tabbeh").approximate);
    // Words that take "in" for other things, and dates, are no places.
    let e = run(
        "Kenyan pension funds invested in Zentrix and Olvara, officials in Nairobi \
         said in Sept 2024.",
    );
    no_place(&e, "Zentrix");
    no_place(&e, "Olvara");
    no_place(&e, "Sept");
}

#[test]
fn names_with_hyphens_and_longer_places_stay_whole() {
    let e = run(
        "Floods killed seven people in Letur in Castilla-La Mancha, Spain's interior \
         ministry said. Agents at ports of entry in Santa Cruz County, Arizona, seized \
         fentanyl. In Antakya, the Habib-i Neccar Mosque was rebuilt, while the Kambarata-1 \
         hydropower plant in Kyrgyzstan was approved.",
    );
    // Not the town of Castilla, nor "Cruz County", nor "Neccar Mosque".
    no_place(&e, "Castilla,");
    assert_eq!(
        place(&e, "Castilla-La Mancha").country.as_deref(),
        Some("ES")
    );
    assert!(
        e.locations.iter().all(|l| l.name != "Castilla"),
        "{:#?}",
        e.locations
    );
    assert_eq!(
        place(&e, "Santa Cruz County").country.as_deref(),
        Some("US")
    );
    // A facility takes the country of the place the text puts it in.
    assert_eq!(
        place(&e, "Habib-i Neccar Mosque").country.as_deref(),
        Some("TR")
    );
    assert_eq!(
        place(&e, "Kambarata-1 hydropower plant").country.as_deref(),
        Some("KG")
    );
}

#[test]
fn a_gazetteer_name_left_out_earlier_is_read_in_a_place_list() {
    // Crosby is a village of the Isle of Man in the gazetteer; here a Johannesburg suburb.
    let e = run(
        "Johannesburg Water said throttling would continue in high-lying suburbs such \
         as Crosby and Northcliff until storage recovered.",
    );
    unlisted(&e, "Crosby", LocationKind::City, "ZA");
}

#[test]
fn a_list_of_places_and_a_place_west_of_another() {
    let e = run(
        "The worst-hit districts were Kathmandu, Lalitpur and Kavrasindhu, Nepali \
         officials said. Army trucks were sent to Tamberley, west of Brisbane, and to parts of \
         Lisdoran and Cairns.",
    );
    unlisted(&e, "Kavrasindhu", LocationKind::City, "NP");
    unlisted(&e, "Tamberley", LocationKind::City, "AU");
    unlisted(&e, "Lisdoran", LocationKind::City, "AU");
    // A list of people is no list of places, even with one place in it.
    let e = run("Talks in Nairobi brought together Ruto, Kagame and Museveni.");
    no_place(&e, "Kagame");
    no_place(&e, "Museveni");
}

#[test]
fn movement_words_other_provinces_and_a_region_after_the_comma() {
    let e = run(
        "In Odisha, India, the flood cut the road to Chandiburi and pushed the river \
         above the danger mark at Rajkhet. Thousands fled to shelters in Albay, Camarines \
         Norte and other provinces of the Philippines. The carmaker builds batteries in \
         Debrecen and Woodralle, South Carolina.",
    );
    unlisted(&e, "Chandiburi", LocationKind::City, "IN");
    unlisted(&e, "Rajkhet", LocationKind::City, "IN");
    unlisted(&e, "Camarines Norte", LocationKind::Admin, "PH");
    unlisted(&e, "Woodralle", LocationKind::City, "US");
    // "To", "at" and "from" after other words introduce people and companies.
    let e = run(
        "In Nairobi, the minister spoke to Ochieng and met staff at Zentrix, a letter \
         from Wanjala said.",
    );
    no_place(&e, "Ochieng");
    no_place(&e, "Zentrix");
    no_place(&e, "Wanjala");
}

#[test]
fn the_dateline_decides_a_name_for_the_whole_item() {
    // Hyderabad is bigger in India; the dateline says Pakistan, and so does every later
    // mention, and the dateline's country weighs on the other places.
    let e = run(
        "HYDERABAD, Pakistan - Floods threatened low-lying areas around Hyderabad after \
         rains in Punjab province and dam releases in India.",
    );
    let h = place(&e, "Hyderabad");
    assert_eq!(h.country.as_deref(), Some("PK"));
    assert_eq!(h.mentions.len(), 2, "{h:?}");
    assert_eq!(place(&e, "Punjab").country.as_deref(), Some("PK"));
    // A town the gazetteer knows only in the US, written with a Canadian province.
    let e = run("JASPER, Alberta - Crews protected the water plant of the Rocky Mountain town.");
    unlisted(&e, "JASPER", LocationKind::City, "CA");
    // A list of countries is no "town, country" pair: China is not a town in Japan.
    let e = run("China, Japan and South Korea will meet in Seoul. China said so on Friday.");
    assert_eq!(place(&e, "China").country.as_deref(), Some("CN"));
}

#[test]
fn kind_words_local_names_and_provinces_in_english() {
    let e = run(
        "JASPER, Alberta - The fire burned parts of the Athabasca River valley and \
         reached Jasper National Park, officials in Jasper said.",
    );
    // "River valley" is no place name of its own (the River Valley of Singapore).
    assert_eq!(place(&e, "Athabasca River").country.as_deref(), Some("CA"));
    assert!(e.locations.iter().all(|l| !l.name.ends_with("valley")));
    assert_eq!(
        place(&e, "Jasper National Park").country.as_deref(),
        Some("CA")
    );
    assert!(e
        .locations
        .iter()
        .filter(|l| l.mentions.iter().any(|m| m.text == "Jasper"))
        .all(|l| l.country.as_deref() == Some("CA")));
    // Provinces GeoNames writes in Korean and Indonesian.
    let e = run(
        "Wildfires spread in North Gyeongsang and South Jeolla, while floods hit West \
         Sulawesi.",
    );
    for name in ["North Gyeongsang", "South Jeolla"] {
        assert_eq!(place(&e, name).country.as_deref(), Some("KR"));
    }
    assert_eq!(place(&e, "West Sulawesi").country.as_deref(), Some("ID"));
    // A demonym inside a title does not place a building.
    let e = run(
        "TOKYO - Foreign Minister Iwaya hosted Chinese Foreign Minister Wang Yi at the \
         Kanbara Guest House.",
    );
    assert_eq!(
        place(&e, "Kanbara Guest House").country.as_deref(),
        Some("JP")
    );
}

#[test]
fn areas_and_ports_after_a_name() {
    let e = run(
        "The attack took place in the Al-Kubaisat area north of Ramadi, Iraqi police \
         said. Militias use Hodeidah, Salifat and Ras Kumayr ports in Yemen.",
    );
    unlisted(&e, "Al-Kubaisat", LocationKind::City, "IQ");
    unlisted(&e, "Salifat", LocationKind::City, "YE");
    unlisted(&e, "Ras Kumayr", LocationKind::City, "YE");
}

#[test]
fn bases_banks_and_forums() {
    let e = run(
        "Australian aircraft flew from RAAF Base Amberley to Port Moresby. Analysts at \
         Banco Base in Mexico City were not surprised. Leaders of the Pacific Islands Forum \
         met in Suva.",
    );
    assert_eq!(
        place(&e, "RAAF Base Amberley").country.as_deref(),
        Some("AU")
    );
    no_place(&e, "Banco");
    no_place(&e, "Pacific Islands");
}

#[test]
fn common_words_after_a_preposition_are_no_places() {
    let e = run(
        "In Formula One, Verstappen won in Suzuka. She worked in Marketing in Tokyo \
         before moving to Engineering.",
    );
    no_place(&e, "Formula");
    no_place(&e, "Marketing");
    no_place(&e, "Engineering");
}

#[test]
fn stadiums_named_in_the_local_language() {
    let e = run(
        "In Italy, the Stadio Olimpico in Rome and the Stadio Diego Armando Maradona in \
         Naples will host games; France plays at the Stade de France.",
    );
    for (name, cc) in [
        ("Stadio Olimpico", "IT"),
        ("Stadio Diego Armando Maradona", "IT"),
        ("Stade de France", "FR"),
    ] {
        let s = place(&e, name);
        assert_eq!(
            (s.kind, s.country.as_deref()),
            (LocationKind::Facility, Some(cc))
        );
    }
}

#[test]
fn session_three_traps_and_names() {
    let e = run(
        "KINGSTON, Ont. - Patients at Kingston General Hospital were moved, Ontario \
         officials said.",
    );
    assert_eq!(place(&e, "Kingston").country.as_deref(), Some("CA"));
    assert_eq!(
        place(&e, "Kingston General Hospital").country.as_deref(),
        Some("CA")
    );
    let e = run(
        "In Bolivia, boats to Isla del Sol on Lake Titicaca stopped. Flights from Ramón \
         Villeda Morales International Airport in Honduras resumed.",
    );
    assert_eq!(place(&e, "Isla del Sol").kind, LocationKind::Geo);
    no_place(&e, "Isla,");
    assert_eq!(
        place(&e, "Ramón Villeda Morales International Airport")
            .country
            .as_deref(),
        Some("HN")
    );
    let e = run(
        "Lieutenant General Somchai, commander of the Third Army Region, said Thailand \
         would not let anyone use Thai territory. Houthi attacks near the Bab al-Mandab Strait \
         and in the Suez Canal continued, while Bosnia marked the Dayton peace agreement.",
    );
    no_place(&e, "Army Region");
    assert!(
        e.locations
            .iter()
            .all(|l| l.mentions.iter().all(|m| m.text != "Thai")),
        "{:#?}",
        e.locations
    );
    no_place(&e, "Dayton");
    assert!(place(&e, "Bab al-Mandab Strait").mentions.len() == 1);
    assert_eq!(place(&e, "Suez Canal").country.as_deref(), Some("EG"));
    let e = run(
        "Refugees crossed from South Sudan into West Nile, Uganda. In Bangladesh, \
         rangers patrolled the Sundarbans, the world's largest mangrove forest.",
    );
    assert_eq!(place(&e, "West Nile").country.as_deref(), Some("UG"));
    assert_eq!(place(&e, "Sundarbans").country.as_deref(), Some("BD"));
}

#[test]
fn buildings_every_capital_has() {
    let e = run(
        "In Maiduguri, the governor met aid groups at Government House on Monday. \
         Protesters gathered outside the Palace of Justice in Port-au-Prince.",
    );
    for (name, cc) in [("Government House", "NG"), ("Palace of Justice", "HT")] {
        let b = place(&e, name);
        assert_eq!(
            (b.kind, b.country.as_deref()),
            (LocationKind::Facility, Some(cc))
        );
    }
    // Not as part of a body's name or a title.
    let e = run("The Government House committee in Lagos met Town Hall organisers.");
    no_place(&e, "Government House");
}

#[test]
fn designations_and_names_that_start_a_title_or_body() {
    let e = run(
        "In Portland, U.S. District Judge Karin Immergut ruled on Friday. Lawrence \
         Kanyuka, spokesman for the Congo River Alliance, spoke in Goma. Brent crude traded \
         near $66. North Korea fired Hwasong-11 missiles near Pyongyang.",
    );
    no_place(&e, "U.S. District");
    no_place(&e, "River Alliance");
    no_place(&e, "Brent");
    no_place(&e, "Hwasong");
    assert_eq!(place(&e, "Goma").country.as_deref(), Some("CD"));
}
