//! Each named construction and each state decision, on sentences invented for these tests:
//! the rule the trace names, and the name, title and country it gives.

use super::constructions::*;
use super::state::*;
use crate::explain::Trace;
use crate::model::Official;

/// The officials of `text` with their traces, from the whole pass table.
fn run(text: &str) -> Vec<(Official, Trace)> {
    let e = crate::Enricher::new().expect("compiled data loads");
    let (entities, traces, _) = e.traced(text);
    entities.officials.into_iter().zip(traces).collect()
}

fn official<'a>(out: &'a [(Official, Trace)], name: &str) -> &'a (Official, Trace) {
    out.iter()
        .find(|(o, _)| o.name == name)
        .unwrap_or_else(|| panic!("no official {name:?} in {out:#?}"))
}

/// Asserts the rule, title and country of `name`.
fn check(out: &[(Official, Trace)], name: &str, rule: &str, title: &str, cc: Option<&str>) {
    let (o, t) = official(out, name);
    assert_eq!(t.rule, rule, "{o:?} {t:?}");
    assert_eq!(o.title.as_deref(), Some(title), "{o:?}");
    assert_eq!(o.country.as_deref(), cc, "{o:?} {t:?}");
    // The name's first mention is among the spans the rule read.
    assert!(!t.evidence.is_empty(), "{t:?}");
}

#[test]
fn title_before_name() {
    let out = run("Norwegian Foreign Minister Ingrid Solberg arrived in Rome on Monday.");
    check(
        &out,
        "Ingrid Solberg",
        TITLE_BEFORE_NAME,
        "Foreign Minister",
        Some("NO"),
    );
    assert_eq!(official(&out, "Ingrid Solberg").1.notes, [NOTE_TITLE]);
}

#[test]
fn role_apposition() {
    let out = run("The president of Chile, Mateo Fuentes, opened the new session of congress.");
    check(
        &out,
        "Mateo Fuentes",
        ROLE_APPOSITION,
        "president",
        Some("CL"),
    );
}

#[test]
fn plural_title_list() {
    let out = run("Senators Alma Ruiz and Peter Lindqvist voted against the bill on Tuesday.");
    check(&out, "Alma Ruiz", PLURAL_TITLE_LIST, "Senator", None);
    check(&out, "Peter Lindqvist", PLURAL_TITLE_LIST, "Senator", None);
}

#[test]
fn name_apposition() {
    let out = run("Tomas Berglund, the Swedish defence minister, visited the naval base.");
    check(
        &out,
        "Tomas Berglund",
        NAME_APPOSITION,
        "defence minister",
        Some("SE"),
    );
}

#[test]
fn name_as_role() {
    let out = run("Hana Kobayashi was sworn in on Friday as Japanese foreign minister.");
    check(
        &out,
        "Hana Kobayashi",
        NAME_AS_ROLE,
        "foreign minister",
        Some("JP"),
    );
}

#[test]
fn relative_clause_with_a_verb_and_with_a_copula() {
    let out = run(
        "Oskar Lindahl, who chairs the Central Election Commission, announced the results. \
         Mira Kovac, who is the Croatian health minister, opened the clinic.",
    );
    let (o, t) = official(&out, "Oskar Lindahl");
    assert_eq!(t.rule, RELATIVE_CLAUSE);
    assert_eq!(o.title.as_deref(), Some("chair"));
    assert_eq!(
        o.organization.as_deref(),
        Some("Central Election Commission")
    );
    check(
        &out,
        "Mira Kovac",
        RELATIVE_CLAUSE,
        "health minister",
        Some("HR"),
    );
}

#[test]
fn a_state_weighed_from_evidence_lists_the_countries_best_first() {
    let out = run("Minister Aroha Ngata spoke to reporters in Wellington on Tuesday.");
    let (o, t) = official(&out, "Aroha Ngata");
    assert_eq!(o.country.as_deref(), Some("NZ"));
    assert_eq!(t.countries.first(), Some(*b"NZ"));
    assert!(t.notes.is_empty(), "{t:?}");
}

#[test]
fn staff_take_the_principals_state() {
    let out = run(
        "Kenyan President Amani Otieno met reporters in the capital. Wanjiru Kamau, \
         Spokesperson to the President, said the talks went well.",
    );
    let (o, t) = official(&out, "Wanjiru Kamau");
    assert_eq!(o.country.as_deref(), Some("KE"));
    assert_eq!(t.notes, [NOTE_PRINCIPAL]);
}

#[test]
fn a_counterpart_serves_another_state() {
    // Poland weighs most around Meier too; it is Nowak's, so Meier takes the next.
    let out = run(
        "Polish Foreign Minister Jan Nowak hosted his counterpart Lukas Meier in Warsaw on \
         Monday, before Meier flew back to Vienna.",
    );
    check(
        &out,
        "Jan Nowak",
        TITLE_BEFORE_NAME,
        "Foreign Minister",
        Some("PL"),
    );
    let (o, t) = official(&out, "Lukas Meier");
    assert_eq!(o.country.as_deref(), Some("AT"));
    assert_eq!(o.title.as_deref(), Some("Foreign Minister"));
    assert_eq!(t.notes, [NOTE_COUNTERPART, NOTE_COUNTERPART_TITLE]);
    assert_eq!(t.countries.first(), Some(*b"PL"), "{t:?}");
}

#[test]
fn later_mentions_and_a_bare_role_join_the_person() {
    let out = run(
        "Defence Secretary Owen Pryce arrived on Monday. Mr. Pryce met troops. \
         The secretary later left.",
    );
    let (o, _) = official(&out, "Owen Pryce");
    let texts: Vec<&str> = o.mentions.iter().map(|m| m.text.as_str()).collect();
    assert_eq!(texts, ["Owen Pryce", "Pryce", "The secretary"]);
}

#[test]
fn hostile_runs_of_role_words_end() {
    // Long runs of role words and of "and"-joined roles: bounded work per token, and no
    // recursion per "and".
    let text = "Minister and ".repeat(20_000) + &"Minister ".repeat(20_000);
    let out = run(&text);
    assert!(out.is_empty(), "{:?}", out.first());
}

#[test]
fn roll_call_lines_in_both_orders() {
    let out = run("The new cabinet of Valdoria was sworn in on Monday.\n\
         Minister of Rural Roads: Jane Roe\n\
         - John Doe: Minister of Water Resources\n\
         Minister of Industry, Trade and Investment - Ada Obi\n\
         Kemal Arslan Minister of Transport\n");
    check(
        &out,
        "Jane Roe",
        ROLL_CALL_LINE,
        "Minister of Rural Roads",
        None,
    );
    check(
        &out,
        "John Doe",
        ROLL_CALL_LINE,
        "Minister of Water Resources",
        None,
    );
    check(
        &out,
        "Ada Obi",
        ROLL_CALL_LINE,
        "Minister of Industry, Trade and Investment",
        None,
    );
    check(
        &out,
        "Kemal Arslan",
        ROLL_CALL_LINE,
        "Minister of Transport",
        None,
    );
}

#[test]
fn roll_call_lines_typed_in_a_hurry() {
    // A dash glued to the name, a portfolio that runs on in lowercase role vocabulary.
    let out = run("The parliament approved the new ministers today.\n\
         Dr. Selam Tadesse- Minister of Water and Energy resource\n\
         Abel Girma Minister of industry\n");
    let (o, t) = official(&out, "Selam Tadesse");
    assert_eq!(t.rule, ROLL_CALL_LINE);
    assert_eq!(
        o.title.as_deref(),
        Some("Minister of Water and Energy resource")
    );
    let (o, t) = official(&out, "Abel Girma");
    assert_eq!(
        (t.rule, o.title.as_deref()),
        (ROLL_CALL_LINE, Some("Minister of industry"))
    );
    // A line that goes on as a sentence is prose, not a list member.
    let out =
        run("The ministers met.\nAbel Girma Minister of Transport said the road was closed\n");
    assert!(
        out.iter().all(|(_, t)| t.rule != ROLL_CALL_LINE),
        "{out:#?}"
    );
}

#[test]
fn roll_call_leaves_contact_labels_and_prose_alone() {
    let out = run("The ministry thanked the volunteers.\n\
         PRESS OFFICER: Jane Roe\n\
         Contact: John Doe\n\
         Weather: Sunny spells in the afternoon\n");
    assert!(out.is_empty(), "{out:#?}");
}

#[test]
fn initials_without_periods_open_and_split_names() {
    // Invented sentences in the style of South Asian copy: bare initials before and
    // inside names, after a role and in a list.
    let out = run(
        "The order was signed by Chief Secretary K Ramaswamy in Chennai. \
         Fisheries Minister P Anandan, replacing Law Minister Leela V Murugan, will \
         oversee the district.",
    );
    for (name, title) in [
        ("K Ramaswamy", "Chief Secretary"),
        ("P Anandan", "Fisheries Minister"),
        ("Leela V Murugan", "Law Minister"),
    ] {
        let (o, t) = official(&out, name);
        assert_eq!(
            (t.rule, o.title.as_deref()),
            (TITLE_BEFORE_NAME, Some(title))
        );
    }
    // A sentence-initial "A" stays the article.
    let out = run("A Minister said the talks would resume. Minister Kofi Mensah agreed.");
    assert!(
        out.iter().all(|(o, _)| !o.name.starts_with("A ")),
        "{out:#?}"
    );
}

#[test]
fn a_tiny_town_before_a_role_is_no_jurisdiction() {
    // "Change" is also the name of two small French towns; "Climate Change Minister" is a
    // portfolio, and the minister's country comes from the item.
    let out = run("In Nairobi, Climate Change Minister Jane Wanjiru opened the summit.");
    let (o, _) = official(&out, "Jane Wanjiru");
    assert_eq!(o.country.as_deref(), Some("KE"), "{o:?}");
}

#[test]
fn name_is_role_and_oath_taking() {
    let out = run(
        "In the new cabinet of Valdoria, engineer Tomas Vale is the new minister for \
         Energy, while Rita Sol will be the Minister for Education. Later, Omar Adi took \
         oath as the Minister of Finance.",
    );
    for (name, rule, title) in [
        ("Tomas Vale", NAME_IS_ROLE, "minister for Energy"),
        ("Rita Sol", NAME_IS_ROLE, "Minister for Education"),
        ("Omar Adi", NAME_AS_ROLE, "Minister of Finance"),
    ] {
        let (o, t) = official(&out, name);
        assert_eq!((t.rule, o.title.as_deref()), (rule, Some(title)), "{o:?}");
    }
    // A copula before anything but a role gives nobody a post.
    let out = run("Tomas Vale is the author of a book on rivers. Lima is the capital.");
    assert!(out.is_empty(), "{out:#?}");
}

#[test]
fn candidates_qualified_by_a_political_leaning() {
    let out = run(
        "The populist left-wing candidate Ana Ruiz led the count, while independent \
         candidate Marco Diaz conceded. The team leader Paul Stone thanked the volunteers.",
    );
    let (o, _) = official(&out, "Ana Ruiz");
    assert_eq!(o.title.as_deref(), Some("populist left-wing candidate"));
    let (o, _) = official(&out, "Marco Diaz");
    assert_eq!(o.title.as_deref(), Some("independent candidate"));
    // A generic head without a political qualifier stays no role.
    assert!(out.iter().all(|(o, _)| o.name != "Paul Stone"), "{out:#?}");
}

#[test]
fn as_role_lists_keep_each_members_role() {
    // Each member of the list is given her own post with "as"; "as" also closes a name,
    // so a role phrase never runs on into the next member.
    let out = run(
        "The ministers began work, including Ama Mensah as Finance Minister, Yaw \
         Darko as Minister for Food and Agriculture, and Abena Owusu as Minister for \
         Education. Later, Kojo Asante will replace Efua Adjei as Trade CS, Kwesi Appiah \
         will stay on.",
    );
    for (name, title) in [
        ("Ama Mensah", "Finance Minister"),
        ("Yaw Darko", "Minister for Food and Agriculture"),
        ("Abena Owusu", "Minister for Education"),
        ("Efua Adjei", "Trade CS"),
    ] {
        let (o, t) = official(&out, name);
        assert_eq!(
            (t.rule, o.title.as_deref()),
            (NAME_AS_ROLE, Some(title)),
            "{o:?}"
        );
    }
    // "as Trade CS, Kwesi Appiah will ...": no apposition across the clause's comma.
    assert!(
        out.iter().all(|(o, _)| o.name != "Kwesi Appiah"),
        "{out:#?}"
    );
}

#[test]
fn styles_and_bracketed_abbreviations_between_role_and_name() {
    let out = run(
        "KUALA LUMPUR - Prime Minister Datuk Seri Aziz Rahman met Foreign Minister \
         Sayyid Faisal Al Harthy. Minister of Home Affairs (Mendagri) Budi Santoso \
         attended. Warden Laura Chisholm thanked the staff.",
    );
    for (name, title) in [
        ("Aziz Rahman", "Prime Minister"),
        ("Faisal Al Harthy", "Foreign Minister"),
        ("Budi Santoso", "Minister of Home Affairs"),
        ("Laura Chisholm", "Warden"),
    ] {
        let (o, t) = official(&out, name);
        assert_eq!(
            (t.rule, o.title.as_deref()),
            (TITLE_BEFORE_NAME, Some(title)),
            "{o:?}"
        );
    }
}

#[test]
fn honours_after_a_name_and_unlisted_places_in_a_governors_list() {
    let out = run(
        "He met the Honourable Joan Baptiste, S.C., M.P., Prime Minister of Saint \
         Lucia, and Mark Rolle, JP, Minister of Foreign Affairs of the Bahamas.",
    );
    for (name, title) in [
        ("Joan Baptiste", "Prime Minister"),
        ("Mark Rolle", "Minister of Foreign Affairs"),
    ] {
        let (o, t) = official(&out, name);
        assert_eq!(
            (t.rule, o.title.as_deref()),
            (NAME_APPOSITION, Some(title)),
            "{o:?}"
        );
    }
    assert!(
        out.iter()
            .all(|(o, _)| !o.name.contains("M.P.") && o.name != "JP"),
        "{out:#?}"
    );
    // "of Quelpa del Norte": a province the gazetteer lacks still ends a list member.
    let out = run(
        "From left are governors Ana Dela Cruz of Quelpa del Norte, Ramon Sy of \
         Tabrin-tabrin and Lito Ramos.",
    );
    for name in ["Ana Dela Cruz", "Ramon Sy", "Lito Ramos"] {
        let (o, t) = official(&out, name);
        assert_eq!(
            (t.rule, o.title.as_deref()),
            (PLURAL_TITLE_LIST, Some("governor")),
            "{o:?}"
        );
    }
}

#[test]
fn a_sentence_opening_frame_sets_its_officials_country() {
    // The dateline and most places are Burkina Faso's; "In neighbouring Mali," sets the
    // scene of the sentence its minister speaks in.
    let out = run(
        "OUAGADOUGOU - Soldiers were killed near Djibo in Burkina Faso, officials in \
         Burkina Faso said.\n\nIn neighbouring Mali, Foreign Minister Abdou Diallo said the \
         alliance formed by Mali, Burkina Faso and Niger would answer.",
    );
    let (o, _) = official(&out, "Abdou Diallo");
    assert_eq!(o.country.as_deref(), Some("ML"), "{o:?}");
}

#[test]
fn a_form_of_address_before_a_name_is_not_part_of_it() {
    let out = run("JAKARTA - Acting Governor Brother Budi Hartono took office on Friday.");
    let (o, _) = official(&out, "Budi Hartono");
    assert_eq!(o.title.as_deref(), Some("Acting Governor"));
}

#[test]
fn a_country_after_of_ends_the_role_before_a_name_with_no_comma() {
    let out = run("On Friday she met the President of North Macedonia Ana Petreska in Skopje.");
    check(
        &out,
        "Ana Petreska",
        TITLE_BEFORE_NAME,
        "President",
        Some("MK"),
    );
    // A surname alone, as lists of office-holders give them.
    let out = run("The envoy then met the Prime Minister of Albania Kodra and two deputies.");
    check(
        &out,
        "Kodra",
        TITLE_BEFORE_NAME,
        "Prime Minister",
        Some("AL"),
    );
    // A lesser place glued to an unknown word is still part of a longer name.
    let out = run("The Governor of Minas Gerais Paulo Lima opened the fair.");
    assert!(
        out.iter().all(|(o, _)| o.name != "Gerais Paulo Lima"),
        "{out:#?}"
    );
}

#[test]
fn a_state_in_the_possessive_before_a_lowercase_role_stays_a_place() {
    let e = crate::Enricher::new().expect("compiled data loads");
    let places = |text: &str| -> Vec<String> {
        let (entities, _, _) = e.traced(text);
        entities.locations.into_iter().map(|l| l.name).collect()
    };
    let text = "Chile's president, Mateo Fuentes, opened the new session of congress.";
    assert_eq!(places(text), ["Chile"]);
    check(
        &run(text),
        "Mateo Fuentes",
        ROLE_APPOSITION,
        "president",
        Some("CL"),
    );
    // Before a capitalized title it is the title's modifier, like "Chilean".
    let text = "Chile's President Mateo Fuentes opened the new session of congress.";
    assert!(places(text).is_empty(), "{:?}", places(text));
}

#[test]
fn a_common_word_naming_only_small_places_is_no_jurisdiction_nor_country() {
    // "Alliance" (towns in the US) in a party's name before a role.
    let out = run("In Suva, Alliance General Secretary Mere Vula said the coalition would hold.");
    check(
        &out,
        "Mere Vula",
        TITLE_BEFORE_NAME,
        "General Secretary",
        Some("FJ"),
    );
    // "Forest" (a Brussels municipality) in a portfolio after "of".
    let out = run(
        "The cabinet named Jane Roe as the Minister of Forest, Environment and Soil \
         Conservation on Friday in Kathmandu.",
    );
    let (o, _) = official(&out, "Jane Roe");
    assert_eq!(
        o.title.as_deref(),
        Some("Minister of Forest, Environment and Soil Conservation")
    );
    assert_eq!(o.country.as_deref(), Some("NP"));
}

#[test]
fn a_list_of_names_each_sworn_in_as_the_role_after_it() {
    let out = run(
        "In Pokhara, Ram Lal took oath as the Minister of Finance, Sita Rai as the Minister \
         of Tourism and Hari Gurung as the Minister of Health.",
    );
    let (o, _) = official(&out, "Sita Rai");
    assert_eq!(o.title.as_deref(), Some("Minister of Tourism"), "{out:#?}");
    // "as well as" joins a list: the role before the comma is the next name's.
    let out = run(
        "The envoy was seen off by the governor of the central bank, Dr. Kofi Mensah, as \
         well as the IMF Resident Representative in Ghana, Dr. Paula Mensah.",
    );
    let (o, _) = official(&out, "Paula Mensah");
    assert!(
        o.title
            .as_deref()
            .is_some_and(|t| t.ends_with("Representative")),
        "{out:#?}"
    );
}

#[test]
fn officials_without_evidence_take_the_one_state_of_the_items_other_officials() {
    let text = "President Emmanuel Macron swore in his new ministers on Monday.\n\nThe ceremony \
                marked the start of duties for Jean Dupont as Minister for Housing and Marie \
                Durand as Minister for Culture.";
    let out = run(text);
    let (o, t) = official(&out, "Marie Durand");
    assert_eq!(o.country.as_deref(), Some("FR"), "{t:?}");
    assert!(t.notes.contains(&NOTE_PEERS), "{t:?}");
    // Two states among the settled officials decide nothing.
    let text = "President Emmanuel Macron met Chancellor Olaf Scholz on Monday.\n\nThe \
                talks were also attended by Marie Durand as Minister for Culture.";
    let out = run(text);
    assert_eq!(official(&out, "Marie Durand").0.country, None, "{out:#?}");
}

#[test]
fn portfolio_lines_under_a_plural_role_header() {
    let text = "In October, the president dismissed five ministers, including:\n- Jane Roe (Women \
                Affairs)\n- Tom Poe (State for Housing and Urban Development)\n- Ann Moe-Lee \
                (Tourism)\nTen other ministers kept their posts.\n- Bob Doe (Mining)\n";
    let out = run(text);
    check(
        &out,
        "Jane Roe",
        PORTFOLIO_LINE,
        "Minister of Women Affairs",
        None,
    );
    check(
        &out,
        "Tom Poe",
        PORTFOLIO_LINE,
        "Minister of State for Housing and Urban Development",
        None,
    );
    check(
        &out,
        "Ann Moe-Lee",
        PORTFOLIO_LINE,
        "Minister of Tourism",
        None,
    );
    // A line after the list has ended has no header.
    assert!(out.iter().all(|(o, _)| o.name != "Bob Doe"), "{out:#?}");
}

#[test]
fn a_function_word_between_name_words_is_part_of_the_name() {
    let text = "The newly appointed ministers include:\n- Amina Said Bello: Minister of State for \
                Education\n- Tom Poe: Minister of Livestock Development\n";
    let out = run(text);
    check(
        &out,
        "Amina Said Bello",
        ROLL_CALL_LINE,
        "Minister of State for Education",
        None,
    );
}

#[test]
fn a_lone_surname_after_a_body_closes_the_role() {
    let out = run("In Skopje she met the President of the Parliament Dimovski, and the mayor.");
    check(
        &out,
        "Dimovski",
        TITLE_BEFORE_NAME,
        "President of the Parliament",
        Some("MK"),
    );
    // Before a comma and the next role of a list.
    let out =
        run("In Tirana she met the President of the Parliament Kodra, Prime Minister Lleshi.");
    check(
        &out,
        "Kodra",
        TITLE_BEFORE_NAME,
        "President of the Parliament",
        Some("AL"),
    );
    check(
        &out,
        "Lleshi",
        TITLE_BEFORE_NAME,
        "Prime Minister",
        Some("AL"),
    );
    // A compass word and a place name are no body: "North Tongu" is a constituency.
    let out = run("Jane Roe, the MP for North Tongu, was nominated to head the ministry.");
    assert!(out.iter().all(|(o, _)| o.name != "Tongu"), "{out:#?}");
}

#[test]
fn a_successor_takes_the_role_of_the_holder_replaced() {
    let out = run(
        "Following the ceremony, Jane Roe will replace Tom Poe as Agriculture Minister, and Joe \
         Lee will take over from Amy Kay as Minister for Information.",
    );
    check(
        &out,
        "Jane Roe",
        SUCCESSOR_AS_ROLE,
        "Agriculture Minister",
        None,
    );
    check(&out, "Tom Poe", NAME_AS_ROLE, "Agriculture Minister", None);
    check(
        &out,
        "Joe Lee",
        SUCCESSOR_AS_ROLE,
        "Minister for Information",
        None,
    );
    // No verb of succession: the name before is someone else.
    let out = run("Jane Roe thanked Tom Poe as Agriculture Minister for his work.");
    assert!(out.iter().all(|(o, _)| o.name != "Jane Roe"), "{out:#?}");
}

#[test]
fn a_counterpart_holds_the_role_of_the_official_met() {
    let out = run(
        "Foreign Minister Ana Silva and Jan Novak, Minister of Finance of Slovakia, met their \
         Serbian counterpart Petar Jovic in Belgrade.",
    );
    let (o, t) = official(&out, "Petar Jovic");
    assert_eq!(o.title.as_deref(), Some("Foreign Minister"), "{t:?}");
    assert_eq!(o.country.as_deref(), Some("RS"));
    assert!(t.notes.contains(&NOTE_COUNTERPART_TITLE), "{t:?}");
}

#[test]
fn a_region_right_after_the_role_qualifies_it() {
    let out = run("LAHORE: Chief Secretary Punjab Imran Ali Khan chaired the meeting on Monday.");
    let (o, _) = official(&out, "Imran Ali Khan");
    assert_eq!(o.title.as_deref(), Some("Chief Secretary"));
    // One word after the place is the name; a place before an initial is a given name.
    let out = run("Defense Minister Israel Katz spoke to Mayor Van R. Johnson on Monday.");
    official(&out, "Israel Katz");
    // A region of a country the item is not about is a given name.
    let out = run("In Caracas, Defense Minister Vladimir Padrino Rojas spoke on Monday.");
    official(&out, "Vladimir Padrino Rojas");
    assert!(out.iter().all(|(o, _)| o.name != "R. Johnson"), "{out:#?}");
}

#[test]
fn a_royal_style_gives_way_to_the_post_apposed() {
    let out = run(
        "Prince Khalid bin Saud, Foreign Minister of the Kingdom of Saudi Arabia, arrived in \
         Rome on Monday.",
    );
    let (o, _) = official(&out, "Khalid bin Saud");
    assert_eq!(o.title.as_deref(), Some("Foreign Minister"));
    assert_eq!(o.country.as_deref(), Some("SA"));
}

#[test]
fn a_roll_call_portfolio_may_end_in_and_the_field() {
    let text = "The new cabinet:\nMinister of Forestry, Fisheries, and the Environment: Jane Roe\n";
    let out = run(text);
    check(
        &out,
        "Jane Roe",
        ROLL_CALL_LINE,
        "Minister of Forestry, Fisheries, and the Environment",
        None,
    );
}

#[test]
fn the_passive_of_an_appointment_takes_its_role_without_as() {
    let out = run("Maria Lopez was elected President of Chile after a runoff on Sunday.");
    check(&out, "Maria Lopez", NAME_AS_ROLE, "President", Some("CL"));
    let out = run("In Pretoria, Sipho Dlamini has been named Deputy President.");
    check(
        &out,
        "Sipho Dlamini",
        NAME_AS_ROLE,
        "Deputy President",
        Some("ZA"),
    );
    // Not a role after the participle: nothing.
    let out = run("Maria Lopez was named Woman of the Year in Santiago.");
    assert!(out.is_empty(), "{out:#?}");
}

#[test]
fn a_participle_copula_before_the_role() {
    let out =
        run("Ann Moe is the new minister for Energy, with Tom Poe being the minister for Water.");
    check(&out, "Tom Poe", NAME_IS_ROLE, "minister for Water", None);
}

#[test]
fn verbs_and_term_words_in_any_order_before_as() {
    let out =
        run("Jan Kowal was officially sworn in yesterday as President of the Republic of Poland.");
    check(&out, "Jan Kowal", NAME_AS_ROLE, "President", Some("PL"));
}

#[test]
fn elected_auditors_of_counties_and_states() {
    let out = run("On Monday county auditor Jane Roe presented the budget in Decatur, Indiana.");
    check(
        &out,
        "Jane Roe",
        TITLE_BEFORE_NAME,
        "county auditor",
        Some("US"),
    );
}

#[test]
fn a_hyphenated_role_is_no_name_but_a_hyphenated_name_is() {
    let out =
        run("Chile President, OAS Secretary-General meet in Santiago\n\nThe talks went well.");
    assert!(
        out.iter().all(|(o, _)| !o.name.contains("Secretary")),
        "{out:#?}"
    );
    let out = run("Foreign Minister Hossein Amir-Abdollahian arrived in Beirut on Friday.");
    official(&out, "Hossein Amir-Abdollahian");
}

#[test]
fn a_demonym_between_name_words_is_part_of_the_name() {
    let out = run("In Pokhara, Chief Minister Hari Prasad Nepali Sharma took the oath on Monday.");
    official(&out, "Hari Prasad Nepali Sharma");
    // Not before a role or a lowercase word.
    let out = run("Minister Jane Roe Nepali officials said had left.");
    assert!(
        out.iter().all(|(o, _)| !o.name.contains("Nepali")),
        "{out:#?}"
    );
}

#[test]
fn chief_ministers_and_governors_general_serve_several_countries() {
    let out = run("KATHMANDU: Chief Minister Hari Prasad Sharma expanded his cabinet on Friday.");
    assert_eq!(
        official(&out, "Hari Prasad Sharma").0.country.as_deref(),
        Some("NP")
    );
    let out = run("WELLINGTON - Governor-General Jane Roe opened parliament on Tuesday.");
    assert_eq!(official(&out, "Jane Roe").0.country.as_deref(), Some("NZ"));
    let out = run("CANBERRA - Shadow Treasurer Tom Poe criticised the budget on Tuesday.");
    assert_eq!(official(&out, "Tom Poe").0.country.as_deref(), Some("AU"));
}

#[test]
fn sheikh_and_a_demonym_between_name_words_belong_to_the_name() {
    let out = run("Somali President Ahmed Sheikh Warsame spoke on Monday. \
         Later, Nepalese Foreign Minister Ram Chandra Nepali Thapa replied.");
    official(&out, "Ahmed Sheikh Warsame");
    official(&out, "Ram Chandra Nepali Thapa");
    // At a name's end, with no name word after it, "Sheikh" is not part of it.
    let out = run("Somali President Ahmed Sheikh said on Monday that talks would resume.");
    official(&out, "Ahmed");
}

/// A person's reading becomes the trace [`Trace::read`] would have built: the rule and
/// the spans read, in order, without empty spans.
#[test]
fn readings_become_the_traces_of_their_spans() {
    let mut reading = super::Reading::rule("title-before-name");
    for (a, b) in [(3, 5), (5, 5), (5, 7), (9, 8)] {
        reading.read(a, b);
    }
    let trace = Trace::rule("title-before-name").read(3, 5).read(5, 7);
    assert_eq!(reading.into_trace(), trace);
    assert_ne!(
        trace,
        Trace::rule("title-before-name").read(5, 7).read(3, 5)
    );
}
