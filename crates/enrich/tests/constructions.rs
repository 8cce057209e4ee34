//! Each construction and trap named in the enrichment issue, on sentences written for these
//! tests.

mod common;

use common::{place, run};
use newswire_enrich::{normalize::normalize, Entities, LocationKind, Official};

fn official<'a>(e: &'a Entities, name: &str) -> &'a Official {
    e.officials
        .iter()
        .find(|o| o.name == name)
        .unwrap_or_else(|| panic!("no official {name:?} in {:#?}", e.officials))
}

fn has_place(e: &Entities, surface: &str) -> bool {
    e.locations
        .iter()
        .any(|l| l.mentions.iter().any(|m| m.text == surface))
}

#[test]
fn title_before_name_with_demonym() {
    let e = run("Ukrainian President Volodymyr Zelenskyy visited troops near Kharkiv on Friday.");
    let z = official(&e, "Volodymyr Zelenskyy");
    assert_eq!(z.title.as_deref(), Some("President"));
    assert_eq!(z.country.as_deref(), Some("UA"));
    assert!(!has_place(&e, "Ukrainian"));
    assert_eq!(place(&e, "Kharkiv").country.as_deref(), Some("UA"));
}

#[test]
fn military_rank_before_name() {
    let e = run("Israeli army chief Maj. Gen. Eyal Zamir toured the northern border on Sunday.");
    let z = official(&e, "Eyal Zamir");
    assert!(
        z.title
            .as_deref()
            .is_some_and(|t| t.contains("chief") || t.contains("Gen.")),
        "{z:?}"
    );
    assert_eq!(z.country.as_deref(), Some("IL"));
}

#[test]
fn apposition_after_name_drops_country_from_title() {
    let e = run("Antony Blinken, the US Secretary of State, arrived in Cairo on Tuesday.");
    let b = official(&e, "Antony Blinken");
    assert_eq!(b.title.as_deref(), Some("Secretary of State"));
    assert_eq!(b.country.as_deref(), Some("US"));
    // "US" only qualifies the title here.
    assert!(!has_place(&e, "US"));
    assert_eq!(place(&e, "Cairo").country.as_deref(), Some("EG"));
}

#[test]
fn igo_role_has_no_country() {
    let e = run("Kaja Kallas, the EU's foreign policy chief, said the bloc would respond.");
    let k = official(&e, "Kaja Kallas");
    assert_eq!(k.title.as_deref(), Some("foreign policy chief"));
    assert_eq!(k.country, None);
    assert_eq!(k.organization.as_deref(), Some("European Union"));
}

#[test]
fn relative_clause_role() {
    let e = run(
        "Lena Hartmann, who heads the Federal Statistics Office, presented the figures in Berlin.",
    );
    let h = official(&e, "Lena Hartmann");
    assert_eq!(h.title.as_deref(), Some("head"));
    assert_eq!(h.organization.as_deref(), Some("Federal Statistics Office"));
}

#[test]
fn titles_with_bodies_and_of_country() {
    let e = run("He later met Marta Novak, Minister of Foreign Affairs of Slovenia, and the Chief of the General Staff, Gen. Piotr Lis.");
    let n = official(&e, "Marta Novak");
    assert_eq!(n.title.as_deref(), Some("Minister of Foreign Affairs"));
    assert_eq!(n.country.as_deref(), Some("SI"));
    // The country inside the role phrase is not a place mention.
    assert!(!has_place(&e, "Slovenia"));
    let l = official(&e, "Piotr Lis");
    assert_eq!(l.title.as_deref(), Some("Chief of the General Staff"));
}

#[test]
fn body_before_generic_role_goes_to_organization() {
    let e = run("State Department spokesperson Matthew Miller declined to comment.");
    let m = official(&e, "Matthew Miller");
    assert_eq!(m.title.as_deref(), Some("spokesperson"));
    assert_eq!(m.organization.as_deref(), Some("State Department"));
    assert_eq!(m.country.as_deref(), Some("US"));
    assert!(e.locations.is_empty(), "{:?}", e.locations);
}

#[test]
fn former_role_and_later_mentions_by_surname_and_honorific() {
    let e = run("Former British prime minister Boris Johnson arrived in Kyiv. Mr. Johnson met students. Johnson later left.");
    let j = official(&e, "Boris Johnson");
    assert_eq!(j.title.as_deref(), Some("Former prime minister"));
    assert_eq!(j.country.as_deref(), Some("GB"));
    let texts: Vec<&str> = j.mentions.iter().map(|m| m.text.as_str()).collect();
    assert_eq!(texts, ["Boris Johnson", "Johnson", "Johnson"]);
    assert_eq!(e.officials.len(), 1);
}

#[test]
fn title_alone_resolves_to_the_holder() {
    let e = run("Secretary of Defense Lloyd Austin flew to Tokyo. The secretary said the alliance was strong.");
    let a = official(&e, "Lloyd Austin");
    assert!(
        a.mentions
            .iter()
            .any(|m| m.text.eq_ignore_ascii_case("the secretary")),
        "{a:?}"
    );
}

#[test]
fn non_latin_origin_names() {
    let e = run("Sudanese army chief Abdel Fattah al-Burhan met Chinese Foreign Minister Wang Yi. Brazilian President Luiz Inácio Lula da Silva sent a message. Lula said peace was possible.");
    assert_eq!(
        official(&e, "Abdel Fattah al-Burhan").country.as_deref(),
        Some("SD")
    );
    assert_eq!(official(&e, "Wang Yi").country.as_deref(), Some("CN"));
    let lula = official(&e, "Luiz Inácio Lula da Silva");
    assert_eq!(lula.country.as_deref(), Some("BR"));
    assert_eq!(lula.mentions.len(), 2);
}

#[test]
fn hyphenated_east_asian_names() {
    let e = run("South Korean President Yoon Suk-yeol met Taiwan's Vice President Lai Ching-te.");
    assert_eq!(official(&e, "Yoon Suk-yeol").country.as_deref(), Some("KR"));
    assert_eq!(official(&e, "Lai Ching-te").country.as_deref(), Some("TW"));
}

#[test]
fn people_without_public_role_are_not_officials() {
    let e = run("Journalist Maria Santos and analyst Tom Becker spoke to Tesla CEO Elon Musk in Austin, Texas.");
    assert!(e.officials.is_empty(), "{:?}", e.officials);
    assert_eq!(place(&e, "Austin").country.as_deref(), Some("US"));
}

#[test]
fn washington_is_the_us_capital_in_government_stories() {
    let e = run("The Pentagon said the delegation would return to Washington after the talks.");
    let w = place(&e, "Washington");
    assert_eq!(w.kind, LocationKind::City);
    assert!((w.lat - 38.9).abs() < 0.5);
}

#[test]
fn georgia_country_versus_us_state() {
    let e = run("Protesters gathered in Tbilisi as Georgia's government met Russian envoys.");
    assert_eq!(place(&e, "Georgia").kind, LocationKind::Country);
    let e = run(
        "Voters in Atlanta and Savannah, Georgia, lined up early, the governor of Georgia said.",
    );
    let g = place(&e, "Georgia");
    assert_eq!(g.kind, LocationKind::Admin);
    assert_eq!(g.country.as_deref(), Some("US"));
}

#[test]
fn gaza_territory_versus_gaza_city() {
    let e =
        run("Aid trucks entered Gaza on Monday, and residents of Gaza City reported shortages.");
    assert_eq!(place(&e, "Gaza").kind, LocationKind::Territory);
    assert_eq!(place(&e, "Gaza City").kind, LocationKind::City);
    assert_eq!(place(&e, "Gaza City").country.as_deref(), Some("PS"));
}

#[test]
fn places_inside_titles_and_organization_names_are_not_mentions() {
    let e =
        run("The Bank of England held rates, and the Texas Department of Health issued a warning.");
    assert!(!has_place(&e, "England"), "{:?}", e.locations);
    assert!(!has_place(&e, "Texas"), "{:?}", e.locations);
    let names: Vec<&str> = e.organizations.iter().map(|o| o.name.as_str()).collect();
    assert!(names.contains(&"Bank of England"), "{names:?}");
}

#[test]
fn place_before_common_noun_is_a_mention() {
    let e =
        run("Iran-backed militias attacked a base, officials said after the Russia-Ukraine talks.");
    assert!(has_place(&e, "Iran"));
    assert!(has_place(&e, "Russia"));
    assert!(has_place(&e, "Ukraine"));
}

#[test]
fn dateline_names_a_place() {
    let e = run("AMMAN - Jordan's foreign minister said the border would stay open.");
    assert_eq!(place(&e, "Amman").country.as_deref(), Some("JO"));
}

#[test]
fn city_country_pattern_resolves_ambiguity() {
    let e = run("Talks were held in Valencia, Venezuela, on Friday.");
    assert_eq!(place(&e, "Valencia").country.as_deref(), Some("VE"));
}

#[test]
fn seas_and_facilities_have_their_kinds() {
    let e = run("Chinese ships blocked a resupply mission to Second Thomas Shoal in the South China Sea, and a diplomat was summoned to the Kremlin.");
    assert_eq!(place(&e, "South China Sea").kind, LocationKind::Geo);
    assert_eq!(place(&e, "South China Sea").country, None);
    assert_eq!(place(&e, "Second Thomas Shoal").kind, LocationKind::Geo);
    assert_eq!(place(&e, "Kremlin").kind, LocationKind::Facility);
}

#[test]
fn output_is_deterministic_and_ordered_by_first_mention() {
    let t = "Paris and Berlin welcomed the deal. French President Emmanuel Macron spoke with German Chancellor Olaf Scholz.";
    let a = run(t);
    let b = run(t);
    assert_eq!(a, b);
    let starts: Vec<usize> = a.locations.iter().map(|l| l.mentions[0].start).collect();
    let mut sorted = starts.clone();
    sorted.sort_unstable();
    assert_eq!(starts, sorted);
    assert_eq!(a.officials[0].name, "Emmanuel Macron");
    assert_eq!(a.officials[1].country.as_deref(), Some("DE"));
}

#[test]
fn odd_input_never_panics() {
    let huge = "A".repeat(200_000);
    let cases = [
        String::new(),
        "   \n\n  ".to_string(),
        "!!! ??? ... --- ,,, ''' \"\"\"".to_string(),
        huge,
        "Президент Зеленский встретился с Blinken in Kyiv 🇺🇦🔥 and 王毅 in 北京.".to_string(),
        "\u{202E}مرحبا President Ali Hassan \u{200F}said שלום in Gaza.".to_string(),
        "U.S. U.S.A. U. S. A Mr. Mr. Mr. Gen. Gen.".to_string(),
        "President President President, the the , ,".to_string(),
        "al- -al al-al - - Minister of of of".to_string(),
        "\u{0301}\u{0301}e\u{0301} ﬁ ㍿ 🏳️‍🌈".to_string(),
    ];
    for c in &cases {
        let e = run(c);
        let text = normalize(c);
        let n = text.chars().count();
        for m in e
            .officials
            .iter()
            .flat_map(|o| o.mentions.iter())
            .chain(e.locations.iter().flat_map(|l| l.mentions.iter()))
        {
            assert!(m.start < m.end && m.end <= n);
        }
    }
}

#[test]
fn plural_role_before_a_list_of_names() {
    let e = run(
        "U.S. Senators Ann Porter (D-Ore.) and Mark Ellis (R-Utah) wrote to the agency on Friday.",
    );
    for name in ["Ann Porter", "Mark Ellis"] {
        let o = official(&e, name);
        assert_eq!(o.title.as_deref(), Some("Senator"));
        assert_eq!(o.country.as_deref(), Some("US"));
    }
}

#[test]
fn names_with_several_particles() {
    let e = run("European Commission President Ursula von der Leyen arrived in Dublin.");
    let u = official(&e, "Ursula von der Leyen");
    assert_eq!(u.title.as_deref(), Some("President"));
    assert_eq!(u.organization.as_deref(), Some("European Commission"));
    assert_eq!(u.country, None);
}

#[test]
fn title_case_headline_does_not_stretch_names() {
    let e = run("Governor Maria Ortiz Signs Flood Relief Bill\nGovernor Maria Ortiz signed the bill in Sacramento on Monday.");
    assert_eq!(e.officials.len(), 1, "{:?}", e.officials);
    assert_eq!(e.officials[0].name, "Maria Ortiz");
    assert_eq!(e.officials[0].mentions.len(), 2);
}

#[test]
fn the_countrys_role_and_appointment_as_role() {
    let e = run("NAIROBI - Peter Kamau, the country's interior minister, said Lena Park will serve as ambassador to Japan.");
    let k = official(&e, "Peter Kamau");
    assert_eq!(k.title.as_deref(), Some("interior minister"));
    assert_eq!(k.country.as_deref(), Some("KE"));
    let p = official(&e, "Lena Park");
    assert_eq!(p.title.as_deref(), Some("ambassador to Japan"));
    assert_ne!(p.country.as_deref(), Some("JP"));
}

#[test]
fn family_name_first_later_mentions() {
    let e = run("Chinese Foreign Minister Wang Yi met his Thai counterpart in Bangkok. Wang said ties were strong.");
    let w = official(&e, "Wang Yi");
    assert_eq!(w.mentions.len(), 2, "{:?}", w.mentions);
}

#[test]
fn staff_of_companies_and_outlets_are_not_officials() {
    let e = run(
        "Northwind Holdings chairman Peter Grant and Daily Herald editor Anna Berg met in Boston.",
    );
    assert!(e.officials.is_empty(), "{:?}", e.officials);
    assert_eq!(place(&e, "Boston").country.as_deref(), Some("US"));
}

#[test]
fn rank_abbreviations_are_written_out_in_titles() {
    let e = run("Sen. Laura Kim and Maj. Gen. Omar Haddad spoke in Amman.");
    assert_eq!(official(&e, "Laura Kim").title.as_deref(), Some("Senator"));
    assert_eq!(
        official(&e, "Omar Haddad").title.as_deref(),
        Some("Major General")
    );
}

#[test]
fn a_lone_place_before_a_comma_is_not_a_name() {
    let e = run("After his visit to Hagen, the Prime Minister flew home.");
    assert!(e.officials.is_empty(), "{:?}", e.officials);
    assert_eq!(place(&e, "Hagen").country.as_deref(), Some("DE"));
}

#[test]
fn neighbouring_places_pick_the_country() {
    let e = run("Ministers tend to visit London, Manchester and Cambridge.");
    assert_eq!(place(&e, "Cambridge").country.as_deref(), Some("GB"));
}

#[test]
fn party_roles_and_appointment_to_a_post() {
    let e = run("BERLIN - CDU boss Armin Laschet visited Hagen. The president appointed Elena Ruiz to the post of Secretary of Security.");
    let l = official(&e, "Armin Laschet");
    assert_eq!(l.title.as_deref(), Some("boss"));
    assert_eq!(l.country.as_deref(), Some("DE"));
    assert_eq!(
        official(&e, "Elena Ruiz").title.as_deref(),
        Some("Secretary of Security")
    );
}

#[test]
fn generic_head_with_a_public_body_in_lowercase() {
    let e = run("He will meet Agila Saleh, the head of an elected parliament, in Benghazi.");
    assert_eq!(official(&e, "Agila Saleh").title.as_deref(), Some("head"));
    let e = run("He will meet Tom Baker, the head of research at a bank.");
    assert!(e.officials.is_empty(), "{:?}", e.officials);
}

#[test]
fn georgia_is_the_state_in_american_politics() {
    let e = run("Senator Jon Ossoff of Georgia met voters in Texas, Ohio and Florida, and said Georgia needs federal help.");
    let g = place(&e, "Georgia");
    assert_eq!(g.kind, LocationKind::Admin);
    assert_eq!(g.country.as_deref(), Some("US"));
}

#[test]
fn city_followed_by_a_postal_state_code() {
    let e = run("(Hartford, CT) - Today the two senators announced new funding.");
    assert_eq!(place(&e, "Hartford").country.as_deref(), Some("US"));
}

#[test]
fn bodies_named_in_full_give_organization_and_country() {
    let e =
        run("He appointed Olayemi Adeyemi as governor of the Central Bank of Nigeria on Friday.");
    let o = official(&e, "Olayemi Adeyemi");
    assert_eq!(o.organization.as_deref(), Some("Central Bank of Nigeria"));
    assert_eq!(o.country.as_deref(), Some("NG"));
    // "Nigeria" is inside the body's name here, not a place mention.
    assert!(!has_place(&e, "Nigeria"));
}

#[test]
fn organization_names_with_romance_connectors() {
    let e = run("Analyst María Ruiz of the Universidad de los Andes said the Ministry of the Interior had not replied.");
    let names: Vec<&str> = e.organizations.iter().map(|o| o.name.as_str()).collect();
    assert_eq!(
        names,
        ["Universidad de los Andes", "Ministry of the Interior"]
    );
    assert!(e.officials.is_empty());
    assert!(e.locations.is_empty(), "{:?}", e.locations);
}

#[test]
fn generic_role_for_a_named_body_keeps_the_body_apart() {
    let e = run("\"We will not give up,\" said Mr. Oleh Nikolenko, a spokesman for the Foreign Ministry, in Kyiv.");
    let o = official(&e, "Oleh Nikolenko");
    assert_eq!(o.title.as_deref(), Some("spokesman"));
    assert_eq!(o.organization.as_deref(), Some("Foreign Ministry"));
    assert_eq!(o.country.as_deref(), Some("UA"));
}

#[test]
fn named_buildings_stay_places() {
    let e = run("The president spoke to reporters in the Oval Office on Thursday.");
    assert_eq!(place(&e, "Oval Office").kind, LocationKind::Facility);
}

#[test]
fn descriptive_words_before_the_role_and_shared_party_names() {
    let e = run("SEOUL - The president named Kim Min-seok, a four-term lawmaker of the Democratic Party, as prime minister. Kim said he would focus on the economy.");
    let k = official(&e, "Kim Min-seok");
    assert_eq!(k.title.as_deref(), Some("lawmaker"));
    assert_eq!(k.country.as_deref(), Some("KR"));
    assert_eq!(k.mentions.len(), 2);
}

#[test]
fn leader_of_a_named_party() {
    let e =
        run("PARIS - Marine Le Pen, leader of the far-right National Rally, said she would wait.");
    let l = official(&e, "Marine Le Pen");
    assert_eq!(l.title.as_deref(), Some("leader"));
    assert_eq!(l.country.as_deref(), Some("FR"));
}

#[test]
fn washington_state_and_washington_in_foreign_datelines() {
    let e = run("In Washington state, Gov. Ann Lee visited Seattle and Spokane.");
    let w = e
        .locations
        .iter()
        .find(|l| l.mentions.iter().any(|m| m.text == "Washington state"))
        .expect("Washington state");
    assert_eq!(w.kind, LocationKind::Admin);
    let e = run("LONDON - British Foreign Secretary Tom Hale will travel to Washington to meet officials, the Foreign Office said.");
    let w = place(&e, "Washington");
    assert_eq!(w.kind, LocationKind::City);
    assert_eq!(w.country.as_deref(), Some("US"));
    assert_eq!(official(&e, "Tom Hale").country.as_deref(), Some("GB"));
}

#[test]
fn country_names_as_first_names_are_not_places() {
    let e = run("Paris Hilton and Jordan Peele attended the gala; Jordan closed its border.");
    assert!(!has_place(&e, "Paris"), "{:?}", e.locations);
    assert_eq!(place(&e, "Jordan").mentions.len(), 1);
}

#[test]
fn stepped_down_as_role_and_two_roles_before_an_apposition() {
    let e = run("Rebels entered the capital. Omar Nasser stepped down as Syrian president and left the country.");
    let o = official(&e, "Omar Nasser");
    assert_eq!(o.title.as_deref(), Some("president"));
    assert_eq!(o.country.as_deref(), Some("SY"));
    let e = run("The former mayor of Taichung and current secretary general of the presidential office, Lin Wen-hao, will become foreign minister.");
    let l = official(&e, "Lin Wen-hao");
    assert_eq!(l.title.as_deref(), Some("former mayor"));
    assert_eq!(l.country.as_deref(), Some("TW"));
}

#[test]
fn common_words_in_role_bodies_are_not_places() {
    let e = run("MOSCOW - Present were Minister of Economy Ivan Sokolov and Head of Republic of Buryatia Alexey Tsydenov.");
    let s = official(&e, "Ivan Sokolov");
    assert_eq!(s.title.as_deref(), Some("Minister of Economy"));
    assert_eq!(s.country.as_deref(), Some("RU"));
    assert_eq!(
        official(&e, "Alexey Tsydenov").title.as_deref(),
        Some("Head of Republic of Buryatia")
    );
    assert!(!has_place(&e, "Economy") && !has_place(&e, "Republic"));
}

#[test]
fn facilities_named_after_people_are_places_not_officials() {
    let e = run(
        "RIYADH - Rubio spoke to reporters at King Khalid International Airport before leaving.",
    );
    assert!(
        e.officials.iter().all(|o| o.name != "Khalid"),
        "{:?}",
        e.officials
    );
    assert_eq!(
        place(&e, "King Khalid International Airport").kind,
        LocationKind::Facility
    );
}

#[test]
fn nearest_country_evidence_wins_in_long_sentences() {
    let e = run("Saudi Crown Prince Faisal bin Salman met the envoy in Riyadh before the envoy travelled to Doha, Qatar, where he discussed Gaza with Prime Minister Hamad bin Khalifa.");
    assert_eq!(
        official(&e, "Hamad bin Khalifa").country.as_deref(),
        Some("QA")
    );
    assert_eq!(
        official(&e, "Faisal bin Salman").country.as_deref(),
        Some("SA")
    );
}

#[test]
fn hyphenated_inspector_general_of_police() {
    let e = run("NAIROBI - Inspector-General of Police Douglas Kanja, who heads the National Police Service, spoke.");
    let k = official(&e, "Douglas Kanja");
    assert_eq!(k.title.as_deref(), Some("Inspector-General of Police"));
    assert_eq!(k.country.as_deref(), Some("KE"));
}

#[test]
fn respective_countries_before_a_plural_role() {
    let e = run("The minister met his US and Japanese counterparts -- Mark Hale and Kenji Sato -- in Seoul.");
    assert_eq!(official(&e, "Mark Hale").country.as_deref(), Some("US"));
    assert_eq!(official(&e, "Kenji Sato").country.as_deref(), Some("JP"));
    assert_eq!(
        official(&e, "Kenji Sato").title.as_deref(),
        Some("counterpart")
    );
}

#[test]
fn bare_title_takes_the_dateline_over_a_destination() {
    let e = run("WELLINGTON - Prime Minister Aroha Tane arrived in Suva on Monday for talks on fisheries and a new shipping route, officials said.");
    let t = official(&e, "Aroha Tane");
    assert_eq!(t.country.as_deref(), Some("NZ"), "{t:?}");
}

#[test]
fn counterpart_serves_another_state() {
    let e = run("CANBERRA: Foreign Minister Mara Lindqvist flew to Honiara on Friday and met her counterpart Peter Kolomoa to discuss policing in Solomon Islands.");
    let l = official(&e, "Mara Lindqvist");
    assert_eq!(l.country.as_deref(), Some("AU"), "{l:?}");
    let k = official(&e, "Peter Kolomoa");
    assert_ne!(k.country.as_deref(), Some("AU"), "{k:?}");
}

#[test]
fn regional_envoy_keeps_the_country_before_it() {
    let e = run("U.S. Mideast envoy Daniel Harlow held talks in Doha on Sunday.");
    let h = official(&e, "Daniel Harlow");
    assert_eq!(h.country.as_deref(), Some("US"), "{h:?}");
    assert!(!has_place(&e, "Mideast"));
}

#[test]
fn seats_of_government_and_bases_are_facilities() {
    let e = run("The cabinet met at the Casa Rosada on Tuesday, while the president later flew to Olivos. Separately, drones struck the Olenya air base in Russia's far north, and reporters gathered outside Lancaster House in London.");
    assert_eq!(place(&e, "Casa Rosada").country.as_deref(), Some("AR"));
    assert_eq!(place(&e, "Casa Rosada").kind, LocationKind::Facility);
    assert!(has_place(&e, "Lancaster House"));
    assert!(e
        .locations
        .iter()
        .any(|l| l.country.as_deref() == Some("RU") && l.name.starts_with("Olenya")));
}

#[test]
fn natural_features_world_wide() {
    let e = run("Fishermen on Lake Kivu and farmers along the Indus and on the island of Sulawesi were hit by the storms, while herders in the Sahel moved south.");
    assert!(has_place(&e, "Lake Kivu"));
    assert!(has_place(&e, "Indus"));
    assert_eq!(place(&e, "Sulawesi").country.as_deref(), Some("ID"));
    assert!(has_place(&e, "Sahel"));
}

#[test]
fn state_house_of_assembly_is_a_body_not_a_place() {
    let e = run("Members of the Ogun State House of Assembly met in Abeokuta on Monday.");
    assert!(!has_place(&e, "State House"));
}

#[test]
fn seats_and_bases_named_with_a_kind_word() {
    let e = run("Governors met at the Rivers State Government House in Port Harcourt on Monday. Councillors from the Ikeja Local Government Area in Lagos attended.");
    assert!(
        has_place(&e, "Rivers State Government House"),
        "{:#?}",
        e.locations
    );
    assert!(
        has_place(&e, "Ikeja Local Government Area"),
        "{:#?}",
        e.locations
    );
}

#[test]
fn historical_germanies_are_places() {
    let e = run("He grew up in West Germany before the wall fell.");
    assert_eq!(place(&e, "West Germany").country.as_deref(), Some("DE"));
}

#[test]
fn accented_region_names() {
    let e =
        run("Floods hit Monterrey, the capital of Nuevo León, and farms in Michoacán on Sunday.");
    assert_eq!(place(&e, "Nuevo León").country.as_deref(), Some("MX"));
    assert_eq!(place(&e, "Michoacán").country.as_deref(), Some("MX"));
}

#[test]
fn country_after_a_comma_and_a_formal_style() {
    let e = run("The envoy later met General Tomas Wek, of the Republic of Sudan, on Monday.");
    let w = official(&e, "Tomas Wek");
    assert_eq!(w.country.as_deref(), Some("SD"), "{w:?}");
}

#[test]
fn bare_congo_is_the_larger_state_unless_brazzaville_says_otherwise() {
    let e = run("Rebels advanced in eastern Congo on Monday, aid groups in Goma said.");
    assert_eq!(place(&e, "Congo").country.as_deref(), Some("CD"));
    let e = run("Voters in Republic of Congo queued in Brazzaville on Sunday.");
    assert!(e
        .locations
        .iter()
        .any(|l| l.country.as_deref() == Some("CG") && l.kind == LocationKind::Country));
}

#[test]
fn dual_dateline_names_both_places() {
    let e = run("BEIRUT/AMMAN - Aid convoys reached the border on Tuesday, officials said.");
    assert_eq!(place(&e, "Beirut").country.as_deref(), Some("LB"));
    assert!(has_place(&e, "AMMAN"), "{:#?}", e.locations);
}

#[test]
fn well_known_office_holder_keeps_their_country_among_other_countries() {
    // The item never says which state Trump serves, and names only China and Chinese
    // places: a reader still knows, and so does the curated list.
    let e = run(
        "BEIJING, May 3 - President Trump spoke by phone with Chinese leader Xi Jinping on \
         Friday about tariffs, the Chinese Foreign Ministry said in Beijing.",
    );
    assert_eq!(official(&e, "Trump").country.as_deref(), Some("US"));
    assert_eq!(official(&e, "Xi Jinping").country.as_deref(), Some("CN"));
}

#[test]
fn country_the_text_states_wins_over_the_curated_list() {
    // Volodymyr Zelenskyy is Ukrainian in the list; a (fictional) text saying otherwise
    // is what the item supports, so the text decides.
    let e = run("Moldovan Foreign Minister Volodymyr Zelenskyy met envoys in Chisinau.");
    assert_eq!(
        official(&e, "Volodymyr Zelenskyy").country.as_deref(),
        Some("MD")
    );
}

#[test]
fn a_bare_senate_names_no_country() {
    // Kenya, Nigeria, the Philippines and many others have a Senate: the US is not implied.
    let e = run(
        "NAIROBI - Amina Odhiambo, former Senate Deputy Speaker, was sworn in as Cabinet \
         Secretary for Trade on Monday in Nairobi.",
    );
    assert_eq!(
        official(&e, "Amina Odhiambo").country.as_deref(),
        Some("KE")
    );
}

#[test]
fn a_post_given_before_the_rank_is_the_title() {
    let e = run(
        "The meeting was attended by the Chief of Naval Staff, Vice Admiral Musa Danjuma, \
         and the Chief of Air Staff, Air Marshal Bello Garba, at the defence headquarters.",
    );
    assert_eq!(
        official(&e, "Musa Danjuma").title.as_deref(),
        Some("Chief of Naval Staff")
    );
    assert_eq!(
        official(&e, "Bello Garba").title.as_deref(),
        Some("Chief of Air Staff")
    );
}

#[test]
fn a_bodys_acronym_between_post_and_rank_keeps_the_post() {
    let e = run(
        "Officials met the commander of the National Defence Forces (NDF), General Amadou \
         Keita, in the capital on Monday.",
    );
    let k = official(&e, "Amadou Keita");
    assert!(
        k.title
            .as_deref()
            .is_some_and(|t| t.starts_with("commander")),
        "{k:?}"
    );
}

#[test]
fn staff_serve_the_state_of_the_office_holder_they_work_for() {
    let e = run(
        "President Cyril Ramaphosa on Tuesday received the Sudanese delegation led by \
         General Hamid Osman in Pretoria to discuss the war in Sudan and Sudan's \
         humanitarian crisis.\n\nMedia enquiries: Lindiwe Dube, Spokesperson to the \
         President.",
    );
    assert_eq!(official(&e, "Lindiwe Dube").country.as_deref(), Some("ZA"));
}

#[test]
fn portfolio_words_the_lexicon_spells_out_stay_in_the_title() {
    let e = run("Pedro Alves, the investment minister, said the first projects would start soon.");
    assert_eq!(
        official(&e, "Pedro Alves").title.as_deref(),
        Some("investment minister")
    );
}

#[test]
fn staff_of_a_public_body_are_officials_whatever_their_job_title() {
    let e = run(
        "Samuel Okello, executive director of the National Water Regulatory Authority, said \
         the dam was safe. IMF Managing Director Kristalina Georgieva praised the plan, while \
         Grace Atieno, executive director of Atieno Foods Ltd, did not.",
    );
    let o = official(&e, "Samuel Okello");
    assert_eq!(o.title.as_deref(), Some("executive director"));
    assert_eq!(
        o.organization.as_deref(),
        Some("National Water Regulatory Authority")
    );
    let g = official(&e, "Kristalina Georgieva");
    assert_eq!(g.country, None, "an IMF official serves no one state");
    assert!(
        e.officials.iter().all(|o| o.name != "Grace Atieno"),
        "a company executive is not an official: {:?}",
        e.officials
    );
}

#[test]
fn an_unknown_party_acronym_before_a_role_is_the_body() {
    let e = run("\"We will not back it,\" said Peter Botha, the DA leader, on Tuesday.");
    let b = official(&e, "Peter Botha");
    assert_eq!(b.title.as_deref(), Some("leader"));
    assert_eq!(b.organization.as_deref(), Some("DA"));
}

#[test]
fn a_nominee_named_after_the_role_is_an_official() {
    let e = run("According to the Secretary of Labor pick Daniel Howe, the rules will change.");
    assert_eq!(
        official(&e, "Daniel Howe").title.as_deref(),
        Some("Secretary of Labor")
    );
    let e = run("Ombudsperson Laura Vidal said community leaders had been threatened.");
    assert_eq!(
        official(&e, "Laura Vidal").title.as_deref(),
        Some("Ombudsperson")
    );
}

#[test]
fn an_envoy_to_an_intergovernmental_body_serves_their_state() {
    let e = run("US Ambassador to the UN Samantha Power said the Security Council must act.");
    let p = official(&e, "Samantha Power");
    assert_eq!(p.country.as_deref(), Some("US"));
    assert!(p
        .title
        .as_deref()
        .is_some_and(|t| t.starts_with("Ambassador")));
}

#[test]
fn a_plural_role_then_include_lists_holders_with_their_states() {
    let e = run(
        "ABUJA - The governors include Musa Garba of Kano State, Ifeanyi Obi of Enugu State \
         and Seyi Adeyemi of Oyo State, officials in Nigeria said.",
    );
    for name in ["Musa Garba", "Ifeanyi Obi", "Seyi Adeyemi"] {
        let o = official(&e, name);
        assert_eq!(o.title.as_deref(), Some("governor"));
        assert_eq!(o.country.as_deref(), Some("NG"));
    }
    assert!(has_place(&e, "Kano State"));
}

#[test]
fn a_term_of_office_between_verb_and_role() {
    let e = run("Andrés Molina was sworn in for a second term as Bolivia's president on Friday.");
    let m = official(&e, "Andrés Molina");
    assert_eq!(m.title.as_deref(), Some("president"));
    assert_eq!(m.country.as_deref(), Some("BO"));
}

#[test]
fn a_named_qualifier_between_role_and_holder() {
    let e = run("He met Russia's chief negotiator for the Geneva talks, Pavel Orlov, on Monday.");
    let o = official(&e, "Pavel Orlov");
    assert_eq!(o.title.as_deref(), Some("chief negotiator"));
    assert_eq!(o.country.as_deref(), Some("RU"));
    // A role followed by a verb and a comma names no one after the comma.
    let e = run("The Israeli Defense Minister said, John Carter reported, that talks failed.");
    assert!(e.officials.is_empty(), "{:?}", e.officials);
}

#[test]
fn the_role_after_a_possessive_role_is_the_title() {
    let e =
        run("Ana Ruiz, the secretary-general's special envoy for Libya, met the prime minister.");
    assert_eq!(
        official(&e, "Ana Ruiz").title.as_deref(),
        Some("special envoy for Libya")
    );
}

#[test]
fn a_generational_suffix_is_part_of_the_name_as_written() {
    let e = run("Mayor Van R. Johnson, II said the city would reopen the park on Friday.");
    assert_eq!(
        official(&e, "Van R. Johnson, II").title.as_deref(),
        Some("Mayor")
    );
}

#[test]
fn a_rank_before_a_street_name_is_not_a_person() {
    let e = run("Crowds gathered on Admiral Brown Promenade in Ballina, County Mayo, Ireland.");
    assert!(e.officials.is_empty(), "{:?}", e.officials);
}

#[test]
fn a_fuller_role_given_later_names_the_state() {
    // The headline's short role says nothing; the body's full State Department role does,
    // even though the item names only the countries visited.
    let e = run(
        "Under Secretary Reyes to Travel to Jamaica\n\nUnder Secretary of State for Political \
         Affairs Carla Reyes will travel to Kingston, Jamaica, on March 3 to meet officials of \
         Jamaica. In Kingston, Under Secretary Reyes will discuss trade with Jamaica.",
    );
    assert_eq!(official(&e, "Carla Reyes").country.as_deref(), Some("US"));
}

#[test]
fn a_grade_between_post_and_name_leaves_the_post_as_title() {
    let e = run(
        "KUALA LUMPUR - Police spokesperson Inspector Ahmad Rizal said two men were arrested in \
         Johor Bahru. Army spokesman Brigadier General Omar Haddad denied the report.",
    );
    assert_eq!(
        official(&e, "Ahmad Rizal").title.as_deref(),
        Some("Police spokesperson")
    );
    assert_eq!(
        official(&e, "Omar Haddad").title.as_deref(),
        Some("Army spokesman")
    );
    // "Secretary-General" is one role, not a post and a grade.
    let e = run("A spokesperson for Secretary-General Ana Lindqvist said talks would resume.");
    assert!(
        e.officials
            .iter()
            .all(|o| o.title.as_deref() != Some("spokesperson for Secretary-")),
        "{:?}",
        e.officials
    );
}

#[test]
fn the_bodys_possessive_before_a_role() {
    let e = run("\"We need unity,\" said Park Chan-dae, the party's floor leader, in Seoul.");
    assert_eq!(
        official(&e, "Park Chan-dae").title.as_deref(),
        Some("floor leader")
    );
}

#[test]
fn a_post_given_after_a_grade_replaces_the_grade() {
    let e = run(
        "MANILA - Commodore Jay Santos, the coast guard's spokesperson for the West Philippine \
         Sea, said the vessel was hit. Senator Ana Cruz, the governor of Cebu, agreed.",
    );
    let s = official(&e, "Jay Santos");
    assert!(
        s.title
            .as_deref()
            .is_some_and(|t| t.starts_with("spokesperson")),
        "{s:?}"
    );
    // A political title is a post, not a grade: the first role stays.
    assert_eq!(official(&e, "Ana Cruz").title.as_deref(), Some("Senator"));
}

#[test]
fn a_post_with_a_lowercase_body_before_a_grade() {
    let e = run(
        "He travelled with the commander of the armed forces, Admiral Francisco Rueda, and said \
         troops would be deployed.",
    );
    assert_eq!(
        official(&e, "Francisco Rueda").title.as_deref(),
        Some("commander")
    );
}

#[test]
fn roles_with_a_field_a_year_or_a_coordinating_minister() {
    let e = run(
        "JAKARTA - UN human rights chief Volker Türk warned of abuses. Indonesia's Coordinating \
         Minister for Economic Affairs Airlangga Hartarto disagreed.",
    );
    let t = official(&e, "Volker Türk");
    assert_eq!(t.title.as_deref(), Some("human rights chief"));
    assert_eq!(t.country, None);
    let h = official(&e, "Airlangga Hartarto");
    assert_eq!(
        h.title.as_deref(),
        Some("Coordinating Minister for Economic Affairs")
    );
    assert_eq!(h.country.as_deref(), Some("ID"));
}

#[test]
fn a_party_name_many_countries_use_does_not_name_the_state() {
    let e = run(
        "LAGOS, Nigeria - Peter Obi, the Labour Party's 2023 presidential candidate, criticised \
         the plan in Lagos.",
    );
    let o = official(&e, "Peter Obi");
    assert_eq!(o.title.as_deref(), Some("presidential candidate"));
    assert_eq!(o.country.as_deref(), Some("NG"));
}

#[test]
fn a_us_state_before_a_state_level_role_is_the_state_not_the_country() {
    let e = run(
        "ATLANTA (AP) - Georgia Gov. Brian Kemp signed the bill on Tuesday. Georgia Foreign \
         Minister Maka Botchorishvili criticised it in Tbilisi.",
    );
    assert_eq!(official(&e, "Brian Kemp").country.as_deref(), Some("US"));
    assert_eq!(
        official(&e, "Maka Botchorishvili").country.as_deref(),
        Some("GE")
    );
}

#[test]
fn vietnamese_surnames_spelled_like_english_words() {
    let e = run(
        "HANOI - Vietnam's top leader To Lam met the visiting minister on Monday. Lam, the \
         general secretary of the Communist Party, spoke first.",
    );
    let l = official(&e, "To Lam");
    assert_eq!(l.country.as_deref(), Some("VN"));
    assert_eq!(l.mentions.len(), 2);
}

#[test]
fn organizations_carry_their_kind_and_state() {
    use newswire_enrich::OrganizationKind as K;
    let e = run(
        "The Russian Foreign Ministry rejected the plan, the State Department said. Hamas and \
         NATO commented, as did Reuters, Acme Holdings and the University of Nairobi. Samuel \
         Okello, executive director of the National Water Regulatory Authority, agreed.",
    );
    let org = |name: &str| {
        e.organizations
            .iter()
            .find(|o| o.name == name)
            .unwrap_or_else(|| panic!("no organization {name:?} in {:#?}", e.organizations))
    };
    assert_eq!(org("Russian Foreign Ministry").kind, K::Government);
    assert_eq!(
        org("Russian Foreign Ministry").country.as_deref(),
        Some("RU")
    );
    assert_eq!(org("State Department").country.as_deref(), Some("US"));
    assert_eq!(org("Hamas").kind, K::ArmedGroup);
    assert_eq!(org("NATO").kind, K::Intergovernmental);
    assert_eq!(org("Reuters").kind, K::Media);
    assert_eq!(org("Acme Holdings").kind, K::Company);
    assert_eq!(org("University of Nairobi").kind, K::Other);
    assert_eq!(
        org("National Water Regulatory Authority").kind,
        K::Government
    );
}

#[test]
fn a_states_formal_style_after_a_role_names_the_state() {
    let e = run(
        "ASTANA - The meeting was attended by Minister of Foreign Affairs of the Kyrgyz \
         Republic Jeenbek Kulubaev and Minister of Foreign Affairs of the Republic of \
         Tajikistan Sirojiddin Muhriddin in Astana, Kazakhstan.",
    );
    let k = official(&e, "Jeenbek Kulubaev");
    assert_eq!(k.country.as_deref(), Some("KG"));
    assert_eq!(k.title.as_deref(), Some("Minister of Foreign Affairs"));
    let m = official(&e, "Sirojiddin Muhriddin");
    assert_eq!(m.country.as_deref(), Some("TJ"));
    assert_eq!(m.title.as_deref(), Some("Minister of Foreign Affairs"));
}

#[test]
fn honorifics_and_names_spelled_like_words_in_press_releases() {
    let e = run(
        "PRESIDENT OPENS NEW BRIDGE\n\nMwanza, 19 June 2025 - The President of the United \
         Republic of Tanzania, H.E. Dr. Samia Suluhu Hassan, today inaugurated the bridge. The \
         Mwanza Regional Commissioner, Hon. Said Mtanda, thanked the President. Somali \
         President Hassan Sheikh Mohamud sent greetings.",
    );
    assert_eq!(
        official(&e, "Samia Suluhu Hassan").country.as_deref(),
        Some("TZ")
    );
    assert_eq!(
        official(&e, "Said Mtanda").title.as_deref(),
        Some("Regional Commissioner")
    );
    assert_eq!(
        official(&e, "Hassan Sheikh Mohamud").country.as_deref(),
        Some("SO")
    );
    assert!(
        e.officials.iter().all(|o| o.name != "OPENS NEW BRIDGE"),
        "an all-caps headline is not a name: {:?}",
        e.officials
    );
}

#[test]
fn the_bodys_possessive_after_a_name() {
    let e = run(
        "Alvaro Pires, the fund's mission chief for Ethiopia, said reforms were on track. \
         Mark Stone, the company's chief executive, agreed.",
    );
    assert!(official(&e, "Alvaro Pires")
        .title
        .as_deref()
        .is_some_and(|t| t.contains("chief")));
    assert!(
        e.officials.iter().all(|o| o.name != "Mark Stone"),
        "{:?}",
        e.officials
    );
}

#[test]
fn a_facility_lies_in_the_country_its_name_carries_and_never_in_its_kind_word() {
    let e = run(
        "Arab leaders arrived at Bahrain International Airport on Wednesday for a summit on \
         Gaza. Gaza needs aid, Gaza must be rebuilt and the West Bank must be protected, they \
         said in Gaza.",
    );
    assert_eq!(
        place(&e, "Bahrain International Airport")
            .country
            .as_deref(),
        Some("BH")
    );
    // "Airport" is also a town in Hawaii: the kind word never locates the facility.
    let e = run(
        "KATHMANDU - Floods hit Kathmandu and Lalitpur in Nepal. Domestic flights at \
         Tribhuvan International Airport resumed on Sunday.",
    );
    assert_eq!(
        place(&e, "Tribhuvan International Airport")
            .country
            .as_deref(),
        Some("NP")
    );
}

#[test]
fn a_port_named_by_its_city_is_a_facility() {
    let e = run("Canberra: The lease of the Port of Darwin to a Chinese company will be reviewed.");
    let p = place(&e, "Port of Darwin");
    assert_eq!(p.kind, LocationKind::Facility);
    assert_eq!(p.country.as_deref(), Some("AU"));
    assert!(
        e.locations.iter().all(|l| l.name != "Darwin"),
        "{:?}",
        e.locations
    );
}

#[test]
fn roads_stations_and_gorges_named_with_a_kind_word() {
    let e = run(
        "KATHMANDU - A landslide blocked the Tribhuvan Highway near Kathmandu, Nepal, and the \
         Marsyangdi Power Station was shut. Traffic on U.S. Highway 82 was normal.",
    );
    assert_eq!(place(&e, "Tribhuvan Highway").kind, LocationKind::Facility);
    assert_eq!(
        place(&e, "Marsyangdi Power Station").country.as_deref(),
        Some("NP")
    );
    assert!(
        !has_place(&e, "U.S. Highway"),
        "a numbered road is a designation: {:?}",
        e.locations
    );
}

#[test]
fn an_adjective_before_a_lowercase_region_word_is_not_a_place() {
    let e = run(
        "ROME - Many migrants land on Lampedusa, a tiny island in the Sicilian province of \
         Agrigento, Italy.",
    );
    assert!(!has_place(&e, "Sicilian"), "{:?}", e.locations);
}

#[test]
fn a_portfolio_listing_a_region_and_a_party_adjective_before_a_role() {
    let e = run(
        "CANBERRA - Minister for International Development and the Pacific Pat Conroy said \
         the treaty was historic. Carole Delga, the Socialist president of the Occitanie \
         region, called on Paris to act.",
    );
    assert_eq!(
        official(&e, "Pat Conroy").title.as_deref(),
        Some("Minister for International Development and the Pacific")
    );
    assert!(official(&e, "Carole Delga")
        .title
        .as_deref()
        .is_some_and(|t| t.contains("president")));
}

#[test]
fn staff_named_by_their_principal_serve_the_principals_state() {
    let e = run(
        "CAIRO - Brett Holloway, Biden's top Middle East adviser, was headed to Cairo, Egypt, \
         on Monday. Yuri Orlov, Putin's foreign policy aide, met officials in Beijing, China.",
    );
    let h = official(&e, "Brett Holloway");
    assert_eq!(h.title.as_deref(), Some("top Middle East adviser"));
    assert_eq!(h.country.as_deref(), Some("US"));
    assert_eq!(official(&e, "Yuri Orlov").country.as_deref(), Some("RU"));
}

#[test]
fn irish_counties_are_regions_of_ireland() {
    let e = run(
        "BALLINA, Ireland - Councillors in County Mayo approved the plan. As a county we \
         undersell ourselves in Mayo, one said, while Galway and Sligo waited.",
    );
    let m = place(&e, "County Mayo");
    assert_eq!(m.country.as_deref(), Some("IE"));
    assert_eq!(m.kind, LocationKind::Admin);
    assert!(m.mentions.iter().any(|x| x.text == "Mayo"), "{m:?}");
}

#[test]
fn a_feature_word_before_its_name() {
    let e = run(
        "LUSAKA, Zambia - Water levels at Lake Kariba fell again, and the River Moy in County \
         Mayo, Ireland, flooded.",
    );
    assert_eq!(place(&e, "Lake Kariba").kind, LocationKind::Geo);
    assert_eq!(place(&e, "River Moy").kind, LocationKind::Geo);
}

#[test]
fn a_role_modifier_can_open_a_facility_name() {
    let e = run(
        "ISTANBUL, Turkey - Shops in the Grand Bazaar closed early, and fans filled the \
         National Stadium in Istanbul.",
    );
    assert_eq!(place(&e, "Grand Bazaar").country.as_deref(), Some("TR"));
    assert_eq!(place(&e, "National Stadium").kind, LocationKind::Facility);
}

#[test]
fn a_numbered_road_shields_the_places_inside_it() {
    let e = run("PARIS, Texas - Lamar Street, which is also U.S. Highway 82 in Paris, will close.");
    assert!(!has_place(&e, "U.S."), "{:?}", e.locations);
    assert!(!has_place(&e, "U.S. Highway"), "{:?}", e.locations);
}

#[test]
fn west_african_honorifics_hyphenated_ranks_and_provincial_administrators() {
    let e = run(
        "ABUJA, Nigeria - Alhaji Musa Danjuma, the director-general of the National \
         Emergency Management Agency, toured camps in Makurdi.",
    );
    let d = official(&e, "Musa Danjuma");
    assert_eq!(d.country.as_deref(), Some("NG"));
    let e = run(
        "OUAGADOUGOU - Defence Minister Colonel-Major Issa Kabore said reinforcements \
         had been sent.",
    );
    assert_eq!(official(&e, "Issa Kabore").country.as_deref(), Some("BF"));
    let e = run(
        "In Papua New Guinea, the provincial administrator, Peter Kama, said convoys \
         were held up.",
    );
    let k = official(&e, "Peter Kama");
    assert_eq!(k.title.as_deref(), Some("provincial administrator"));
}

#[test]
fn company_staff_un_under_secretaries_and_high_representatives() {
    let e = run("MOSCOW - Sergei Volkov, a spokesman for Gazprom, said deliveries had stopped.");
    assert!(
        e.officials.iter().all(|o| o.name != "Sergei Volkov"),
        "{:#?}",
        e.officials
    );
    let e = run(
        "Tom Fletcher, the United Nations Under-Secretary-General for Humanitarian \
         Affairs, said the attack in Sudan was horrific. Christian Schmidt, the international \
         High Representative in Bosnia, welcomed the ruling.",
    );
    assert!(official(&e, "Tom Fletcher").title.is_some());
    assert!(official(&e, "Christian Schmidt").title.is_some());
}

#[test]
fn a_town_in_a_title_is_the_one_of_the_country_the_item_names() {
    // Kingston is Jamaica's capital and a city in Ontario.
    let e = run(
        "KINGSTON, Ont. - Ted Hsu, the member of provincial parliament for Kingston and \
         the Islands, said Ontario had left the city holding the bag. Kingston Police Chief \
         Scott Fraser agreed.",
    );
    assert_eq!(official(&e, "Ted Hsu").country.as_deref(), Some("CA"));
    assert_eq!(official(&e, "Scott Fraser").country.as_deref(), Some("CA"));
}

#[test]
fn a_capital_named_in_a_dateline_is_the_capital_and_ranks_without_periods_leave_names() {
    // GeoNames lists "Islamabad" among Chattogram's old names.
    let e = run(
        "ISLAMABAD - The military's spokesman, Lt Gen Ahmed Sharif Chaudhry, said \
         troops had repulsed the attack.",
    );
    assert_eq!(place(&e, "Islamabad").country.as_deref(), Some("PK"));
    let c = official(&e, "Ahmed Sharif Chaudhry");
    assert_eq!(c.country.as_deref(), Some("PK"));
}

#[test]
fn party_adjectives_and_unlisted_ministry_fields_in_appositions() {
    let e = run(
        "Axel Kicillof, the Peronist governor of Buenos Aires province, criticised the \
         plan. Gleisi Hoffmann, the government's institutional relations minister, spoke in \
         Brasilia. Jan Botha, the DA leader, disagreed in Cape Town.",
    );
    assert_eq!(
        official(&e, "Axel Kicillof").title.as_deref(),
        Some("governor")
    );
    assert_eq!(
        official(&e, "Gleisi Hoffmann").title.as_deref(),
        Some("institutional relations minister")
    );
    assert!(official(&e, "Jan Botha").title.is_some());
}
