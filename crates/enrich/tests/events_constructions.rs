//! The events pass's constructions one by one, each on sentences written for these tests,
//! with a trap each rule must leave alone.

mod common;

use common::enricher;
use newswire_enrich::{normalize::normalize, Entities, EventKind, ItemDate};

fn run_dated(text: &str, date: &str) -> Entities {
    enricher().enrich_dated(&normalize(text), ItemDate::parse(date))
}

/// (kind, participants' names) of every event.
fn kinds(e: &Entities) -> Vec<(EventKind, Vec<String>)> {
    e.events
        .iter()
        .map(|v| {
            (
                v.kind,
                v.participants.iter().map(|p| p.name.clone()).collect(),
            )
        })
        .collect()
}

fn names(xs: &[&str]) -> Vec<String> {
    xs.iter().map(|x| x.to_string()).collect()
}

#[test]
fn meeting_noun_reads_talks_and_separate_meetings() {
    // 2024-05-10 is a Friday.
    let e = run_dated(
        "Foreign Minister Karl Jensen held talks with Defense Minister Ivo Marek on Thursday.\n\n\
         President Lea Novak held separate meetings with Jensen and Marek.\n\n\
         The council meeting on the budget lasted four hours.",
        "2024-05-10",
    );
    assert_eq!(
        kinds(&e),
        [
            (EventKind::Meeting, names(&["Karl Jensen", "Ivo Marek"])),
            (EventKind::Meeting, names(&["Lea Novak", "Karl Jensen"])),
            (EventKind::Meeting, names(&["Lea Novak", "Ivo Marek"])),
        ]
    );
    assert_eq!(e.events[0].date.as_deref(), Some("2024-05-09"));
}

#[test]
fn discussed_with_and_a_working_dinner_are_meetings() {
    let e = run_dated(
        "Foreign Minister Karl Jensen discussed the border dispute with Interior Minister Ivo Marek.\n\n\
         President Lea Novak had a working dinner with Jensen.\n\n\
         Novak discussed the budget at length.",
        "2024-05-10",
    );
    assert_eq!(
        kinds(&e),
        [
            (EventKind::Meeting, names(&["Karl Jensen", "Ivo Marek"])),
            (EventKind::Meeting, names(&["Lea Novak", "Karl Jensen"])),
        ]
    );
}

#[test]
fn a_relative_clause_and_an_adverb_do_not_hide_the_subject() {
    let e = run_dated(
        "Foreign Minister Karl Jensen, who attended the UN Security Council (UNSC) debate on trade, met with Defense \
         Minister Ivo Marek.\n\n\
         Jensen subsequently met with President Lea Novak.",
        "2024-05-10",
    );
    assert_eq!(
        kinds(&e),
        [
            (EventKind::Meeting, names(&["Karl Jensen", "Ivo Marek"])),
            (EventKind::Meeting, names(&["Karl Jensen", "Lea Novak"])),
        ]
    );
}

#[test]
fn two_subjects_meeting_an_unnamed_group_met_together() {
    let e = run_dated(
        "Foreign Minister Karl Jensen and Defense Minister Ivo Marek met with rebel leaders \
         on Monday.\n\n\
         Jensen met with reporters.",
        "2024-05-10",
    );
    assert_eq!(
        kinds(&e),
        [(EventKind::Meeting, names(&["Karl Jensen", "Ivo Marek"]))]
    );
}

#[test]
fn entourage_visits_with_the_visitor() {
    let e = run_dated(
        "President Lea Novak arrived in Oslo on Monday.\n\n\
         During the visit, Novak is accompanied by Foreign Minister Karl Jensen and Defense \
         Minister Ivo Marek.\n\n\
         Later, Finance Minister Ruth Adler was accompanied by her lawyer at a hearing.",
        "2024-05-10",
    );
    let visits: Vec<_> = e
        .events
        .iter()
        .filter(|v| v.kind == EventKind::Visit)
        .flat_map(|v| v.participants.iter().map(|p| p.name.clone()))
        .collect();
    assert_eq!(visits, names(&["Lea Novak", "Karl Jensen", "Ivo Marek"]));
    assert!(e
        .events
        .iter()
        .all(|v| v.place.as_ref().map(|p| p.name.as_str()) == Some("Oslo")));
}

#[test]
fn visit_nouns_and_headed_to() {
    let e = run_dated(
        "Foreign Minister Karl Jensen's visit to Poland ended on Tuesday.\n\n\
         Defense Minister Ivo Marek headed to Sweden.\n\n\
         The delegation headed home.",
        "2024-05-10",
    );
    let got: Vec<_> = e
        .events
        .iter()
        .map(|v| {
            (
                v.kind,
                v.participants[0].name.clone(),
                v.place.clone().map(|p| p.name),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (
                EventKind::Visit,
                "Karl Jensen".to_string(),
                Some("Poland".to_string())
            ),
            (
                EventKind::Visit,
                "Ivo Marek".to_string(),
                Some("Sweden".to_string())
            ),
        ]
    );
}

#[test]
fn appointee_list_gives_each_person_with_a_post_one_appointment() {
    let e = run_dated(
        "President Lea Novak on Monday appointed Karl Jensen as Minister of Finance, Ivo \
         Marek, a former judge, as Attorney General and Ruth Adler as Minister of Health.",
        "2024-05-10",
    );
    assert_eq!(
        kinds(&e),
        [
            (EventKind::Appointment, names(&["Karl Jensen"])),
            (EventKind::Appointment, names(&["Ivo Marek"])),
            (EventKind::Appointment, names(&["Ruth Adler"])),
        ]
    );
    assert!(e
        .events
        .iter()
        .all(|v| v.date.as_deref() == Some("2024-05-06")));
}

#[test]
fn sworn_in_as_lists_and_the_swearing_president_is_no_appointee() {
    let e = run_dated(
        "Karl Jensen was sworn in as Minister of Finance, Ivo Marek as Minister of Trade and \
         Ruth Adler as Minister of Health on Friday.\n\n\
         President Lea Novak has sworn in Otto Brenner as Minister of Energy.",
        "2024-05-10",
    );
    let who: Vec<_> = e
        .events
        .iter()
        .map(|v| (v.kind, v.participants[0].name.clone()))
        .collect();
    assert_eq!(
        who,
        [
            (EventKind::Appointment, "Karl Jensen".to_string()),
            (EventKind::Appointment, "Ivo Marek".to_string()),
            (EventKind::Appointment, "Ruth Adler".to_string()),
            (EventKind::Appointment, "Otto Brenner".to_string()),
        ]
    );
}

#[test]
fn designations_announce_appointments_but_not_speculation() {
    let e = run_dated(
        "President Lea Novak announced her cabinet on Monday.\n\n\
         Karl Jensen will take over as Minister of Finance.\n\n\
         Ivo Marek will serve as Minister of Trade, and Ruth Adler will be the new Minister \
         of Health.\n\n\
         Otto Brenner becomes Minister of Energy.\n\n\
         Maria Stone will be the first woman to climb the tower.",
        "2024-05-10",
    );
    let who: Vec<_> = e
        .events
        .iter()
        .map(|v| (v.participants[0].name.clone(), v.date.clone()))
        .collect();
    let monday = Some("2024-05-06".to_string());
    assert_eq!(
        who,
        [
            ("Karl Jensen".to_string(), monday.clone()),
            ("Ivo Marek".to_string(), monday.clone()),
            ("Ruth Adler".to_string(), monday.clone()),
            ("Otto Brenner".to_string(), monday.clone()),
        ]
    );
    assert!(e.events.iter().all(|v| v.kind == EventKind::Appointment));
}

#[test]
fn election_win_is_an_appointment() {
    let e = run_dated(
        "Opposition leader Karl Jensen won the presidential election on Sunday.\n\n\
         Ivo Marek won the cycling race.",
        "2024-05-10",
    );
    assert_eq!(
        kinds(&e),
        [(EventKind::Appointment, names(&["Karl Jensen"]))]
    );
    assert_eq!(e.events[0].date.as_deref(), Some("2024-05-05"));
}

#[test]
fn roster_lines_after_an_announcement_and_not_a_later_list() {
    let e = run_dated(
        "President Lea Novak named her new cabinet on Thursday.\n\
         The ministers are:\n\
         - Karl Jensen: Minister of Finance\n\
         - Ivo Marek: Minister of Trade and Industry\n\
         Minister of Health: Ruth Adler\n\
         Novak thanked the outgoing ministers.\n\
         She dismissed two officials:\n\
         - Otto Brenner: Minister of Energy\n\
         - Maria Stone: Minister of Transport\n",
        "2024-05-10",
    );
    let who: Vec<_> = e
        .events
        .iter()
        .map(|v| (v.kind, v.participants[0].name.clone(), v.date.clone()))
        .collect();
    let thursday = Some("2024-05-09".to_string());
    assert_eq!(
        who,
        [
            (
                EventKind::Appointment,
                "Karl Jensen".to_string(),
                thursday.clone()
            ),
            (
                EventKind::Appointment,
                "Ivo Marek".to_string(),
                thursday.clone()
            ),
            (
                EventKind::Appointment,
                "Ruth Adler".to_string(),
                thursday.clone()
            ),
        ]
    );
}

#[test]
fn succession_appoints_the_successor_not_the_predecessor() {
    let e = run_dated(
        "Karl Jensen will replace Ivo Marek as Minister of Finance.\n\n\
         Ruth Adler took over from Otto Brenner as Minister of Trade on Monday.",
        "2024-05-10",
    );
    assert_eq!(
        kinds(&e),
        [
            (EventKind::Appointment, names(&["Karl Jensen"])),
            (EventKind::Appointment, names(&["Ruth Adler"])),
        ]
    );
}

#[test]
fn separately_met_is_one_meeting_each() {
    let e = run_dated(
        "Foreign Minister Karl Jensen and Defense Minister Ivo Marek separately met with \
         President Lea Novak on Monday.",
        "2024-05-10",
    );
    assert_eq!(
        kinds(&e),
        [
            (EventKind::Meeting, names(&["Karl Jensen", "Lea Novak"])),
            (EventKind::Meeting, names(&["Ivo Marek", "Lea Novak"])),
        ]
    );
}

#[test]
fn post_pairs_after_an_announcement_without_a_verb() {
    let e = run_dated(
        "President Lea Novak named her cabinet on Monday.\n\n\
         The new team includes Karl Jensen as Minister of Finance and Ivo Marek as Minister \
         of Trade.\n\n\
         Novak spoke of Ruth Adler as a friend.",
        "2024-05-10",
    );
    let who: Vec<_> = e
        .events
        .iter()
        .map(|v| (v.kind, v.participants[0].name.clone(), v.date.clone()))
        .collect();
    let monday = Some("2024-05-06".to_string());
    assert_eq!(
        who,
        [
            (
                EventKind::Appointment,
                "Karl Jensen".to_string(),
                monday.clone()
            ),
            (
                EventKind::Appointment,
                "Ivo Marek".to_string(),
                monday.clone()
            ),
        ]
    );
}

#[test]
fn an_entourage_named_later_takes_the_journey_date_and_place() {
    let e = run_dated(
        "Prime Minister Lea Novak and a group of ministers yesterday visited the flooded \
         villages in Oslo.\n\n\
         She met residents at a school.\n\n\
         Karl Jensen, Ivo Marek, officials of the region and Ruth Adler accompanied the \
         prime minister for this visit.",
        "2024-05-10",
    );
    let got: Vec<_> = e
        .events
        .iter()
        .flat_map(|v| {
            v.participants.iter().map(move |p| {
                (
                    p.name.clone(),
                    v.place.clone().map(|p| p.name),
                    v.date.clone(),
                )
            })
        })
        .collect();
    let oslo = Some("Oslo".to_string());
    let day = Some("2024-05-09".to_string());
    assert_eq!(
        got,
        [
            ("Lea Novak".to_string(), oslo.clone(), day.clone()),
            ("Karl Jensen".to_string(), oslo.clone(), day.clone()),
            ("Ivo Marek".to_string(), oslo.clone(), day.clone()),
            ("Ruth Adler".to_string(), oslo.clone(), day.clone()),
        ]
    );
}

#[test]
fn a_meeting_during_a_visit_is_at_the_visits_place() {
    let e = run_dated(
        "Foreign Minister Karl Jensen arrived in Oslo on Monday for a two-day visit.\n\n\
         During the visit, Jensen met with President Lea Novak.\n\n\
         Defense Minister Ivo Marek met with Finance Minister Ruth Adler.",
        "2024-05-10",
    );
    let got: Vec<_> = e
        .events
        .iter()
        .map(|v| (v.kind, v.place.clone().map(|p| p.name)))
        .collect();
    assert_eq!(
        got,
        [
            (EventKind::Visit, Some("Oslo".to_string())),
            (EventKind::Meeting, Some("Oslo".to_string())),
            (EventKind::Meeting, None),
        ]
    );
}

#[test]
fn appointments_take_the_place_of_the_swearing_in() {
    let e = run_dated(
        "The new ministers took the oath of office at a ceremony in Oslo on Monday.\n\n\
         Karl Jensen will take over as Minister of Finance.",
        "2024-05-10",
    );
    let got: Vec<_> = e
        .events
        .iter()
        .map(|v| (v.kind, v.place.clone().map(|p| p.name), v.date.clone()))
        .collect();
    assert_eq!(
        got,
        [(
            EventKind::Appointment,
            Some("Oslo".to_string()),
            Some("2024-05-06".to_string())
        )]
    );
}

#[test]
fn their_meeting_and_attendance() {
    let e = run_dated(
        "Foreign Minister Karl Jensen and his counterpart Ivo Marek, during their meeting on \
         Thursday, discussed trade.\n\n\
         President Lea Novak held talks with Prime Minister Otto Brenner.\n\n\
         The talks were attended by Finance Minister Ruth Adler and Trade Minister Maria \
         Stone.\n\n\
         Their meeting ended early.",
        "2024-05-10",
    );
    assert_eq!(
        kinds(&e),
        [
            (EventKind::Meeting, names(&["Karl Jensen", "Ivo Marek"])),
            (
                EventKind::Meeting,
                names(&["Lea Novak", "Otto Brenner", "Ruth Adler", "Maria Stone"])
            ),
        ]
    );
    assert_eq!(e.events[0].date.as_deref(), Some("2024-05-09"));
}

#[test]
fn more_designations_head_being_coming_in_and_who_becomes() {
    let e = run_dated(
        "President Lea Novak announced her cabinet on Monday.\n\n\
         Karl Jensen will head the Ministry of Finance, with Ivo Marek being the minister for \
         trade.\n\n\
         Ruth Adler will be responsible for health, with Otto Brenner coming in as the \
         assistant minister.\n\n\
         Among those appointed is Maria Stone, who becomes the Minister for Energy.\n\n\
         Tom Blake will head home after the ceremony.",
        "2024-05-10",
    );
    let mut who: Vec<_> = e
        .events
        .iter()
        .filter(|v| v.kind == EventKind::Appointment)
        .map(|v| v.participants[0].name.clone())
        .collect();
    who.sort();
    assert_eq!(
        who,
        names(&["Ivo Marek", "Karl Jensen", "Maria Stone", "Otto Brenner"])
    );
}

#[test]
fn visit_owner_reads_possessors_light_verbs_and_long_entourages() {
    let e = run_dated(
        "Foreign Minister Karl Jensen has undertaken an official visit to Poland.\n\n\
         Officials praised Defense Minister Ivo Marek's recent official visit to Sweden.\n\n\
         On his visit to Oslo, Finance Minister Otto Brenner was accompanied by deputy trade \
         minister Ruth Adler and Health Minister Maria Stone.\n\n\
         The report on the visit to Norway was published by Tom Blake.",
        "2024-05-10",
    );
    let got: Vec<_> = e
        .events
        .iter()
        .flat_map(|v| {
            v.participants
                .iter()
                .map(move |p| (p.name.clone(), v.place.clone().map(|p| p.name)))
        })
        .collect();
    let at = |who: &str, place: &str| (who.to_string(), Some(place.to_string()));
    assert_eq!(
        got,
        [
            at("Karl Jensen", "Poland"),
            at("Ivo Marek", "Sweden"),
            at("Otto Brenner", "Oslo"),
            at("Ruth Adler", "Oslo"),
            at("Maria Stone", "Oslo"),
        ]
    );
}

#[test]
fn roster_lines_with_names_inside_the_post_and_honorifics() {
    let e = run_dated(
        "President Lea Novak named her cabinet on Thursday.\n\
         Karl Jensen Minister of Transport\n\
         Dr. Ivo Marek- Minister of Labour and Social Affairs\n\
         - Ruth Adler: Minister of Humanitarian Affairs and Poverty Reduction\n\
         Minister of Basic Education: Otto Brenner\n",
        "2024-05-10",
    );
    let who: Vec<_> = e
        .events
        .iter()
        .map(|v| (v.kind, v.participants[0].name.clone()))
        .collect();
    assert_eq!(
        who,
        [
            (EventKind::Appointment, "Karl Jensen".to_string()),
            (EventKind::Appointment, "Ivo Marek".to_string()),
            (EventKind::Appointment, "Ruth Adler".to_string()),
            (EventKind::Appointment, "Otto Brenner".to_string()),
        ]
    );
}

#[test]
fn post_first_designation_appointment_noun_and_promotion() {
    let e = run_dated(
        "The Minister for Justice will be former judge Karl Jensen.\n\n\
         On Monday, Ivo Marek, who led the trade council since 2020, announced his \
         appointment as head of the interim government.\n\n\
         Former Transport Minister Ruth Adler is promoted as the first deputy of the \
         council.\n\n\
         Otto Brenner, who was president of the central bank, will be his Minister of \
         Finance.\n\n\
         The weather will be Maria Stone's main worry.",
        "2024-05-10",
    );
    let who: Vec<_> = e
        .events
        .iter()
        .map(|v| (v.kind, v.participants[0].name.clone()))
        .collect();
    assert_eq!(
        who,
        [
            (EventKind::Appointment, "Karl Jensen".to_string()),
            (EventKind::Appointment, "Ivo Marek".to_string()),
            (EventKind::Appointment, "Ruth Adler".to_string()),
            (EventKind::Appointment, "Otto Brenner".to_string()),
        ]
    );
}

#[test]
fn two_appointees_sharing_a_surname_are_two_appointments() {
    let e = run_dated(
        "Finance Minister Karl Jensen and Health Minister Anna Jensen were sworn in on \
         Monday.",
        "2024-05-10",
    );
    assert_eq!(e.events.len(), 2);
}

#[test]
fn appointments_take_the_setting_of_the_announcement() {
    let e = run_dated(
        "OSLO, May 8 - President Lea Novak named her cabinet on Wednesday.\n\n\
         Karl Jensen will take over as Minister of Finance.\n\n\
         The elected president thanked voters.",
        "2024-05-10",
    );
    let got: Vec<_> = e
        .events
        .iter()
        .map(|v| {
            (
                v.participants[0].name.clone(),
                v.place.clone().map(|p| p.name),
                v.date.clone(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [(
            "Karl Jensen".to_string(),
            Some("Oslo".to_string()),
            Some("2024-05-08".to_string())
        )]
    );
}

#[test]
fn visiting_and_an_entourage_on_a_journey_to_the_country_of_its_place() {
    let e = run_dated(
        "Prime Minister Lea Novak visiting Bergen\n\n\
         Novak arrived in Bergen on Monday.\n\n\
         During her visit to Norway, Novak is accompanied by Finance Minister Karl Jensen.",
        "2024-05-10",
    );
    let got: Vec<_> = e
        .events
        .iter()
        .flat_map(|v| {
            v.participants
                .iter()
                .map(move |p| (p.name.clone(), v.place.clone().map(|p| p.name)))
        })
        .collect();
    let bergen = Some("Bergen".to_string());
    assert_eq!(
        got,
        [
            ("Lea Novak".to_string(), bergen.clone()),
            ("Karl Jensen".to_string(), bergen.clone()),
        ]
    );
}

#[test]
fn the_objects_noun_phrase_may_hold_lowercase_nouns_but_not_a_possessor() {
    let e = run_dated(
        "Defense Minister Ivo Marek met with the head of the ruling council, Karl Jensen, on \
         Monday.\n\n\
         President Lea Novak met with officials from Ruth Adler's government in Oslo.\n\n\
         Finance Minister Otto Brenner met reporters and praised Maria Stone.",
        "2024-05-10",
    );
    assert_eq!(
        kinds(&e),
        [(EventKind::Meeting, names(&["Ivo Marek", "Karl Jensen"]))]
    );
}

#[test]
fn a_date_after_when_until_ahead_of_or_by_dates_something_else() {
    // 2024-05-10 is a Friday.
    let e = run_dated(
        "President Lea Novak confirmed on Wednesday that Karl Jensen will be her Minister of \
         Finance when she takes office on 1 June.\n\n\
         Ivo Marek will take over as Minister of Trade ahead of the vote on Thursday.",
        "2024-05-10",
    );
    let got: Vec<_> = e
        .events
        .iter()
        .map(|v| (v.participants[0].name.clone(), v.date.clone()))
        .collect();
    let wednesday = Some("2024-05-08".to_string());
    assert_eq!(
        got,
        [
            ("Karl Jensen".to_string(), wednesday.clone()),
            ("Ivo Marek".to_string(), wednesday.clone()),
        ]
    );
}

#[test]
fn presence_went_and_drove_to_a_place_are_visits() {
    let e = run_dated(
        "Prime Minister Lea Novak has been in Bergen since Monday.\n\n\
         Finance Minister Karl Jensen drove to the city of Oslo.\n\n\
         Trade Minister Ivo Marek went to Poland on Tuesday.\n\n\
         Health Minister Ruth Adler has been in office for a year.",
        "2024-05-10",
    );
    let got: Vec<_> = e
        .events
        .iter()
        .map(|v| {
            (
                v.kind,
                v.participants[0].name.clone(),
                v.place.clone().map(|p| p.name),
            )
        })
        .collect();
    let visit =
        |who: &str, place: &str| (EventKind::Visit, who.to_string(), Some(place.to_string()));
    assert_eq!(
        got,
        [
            visit("Lea Novak", "Bergen"),
            visit("Karl Jensen", "Oslo"),
            visit("Ivo Marek", "Poland"),
        ]
    );
}

#[test]
fn a_guest_accompanied_by_an_aide_meets_the_host_with_the_aide() {
    let e = run_dated(
        "President Lea Novak received Foreign Minister Karl Jensen, accompanied by Defense \
         Minister Ivo Marek, on Monday.",
        "2024-05-10",
    );
    assert_eq!(
        kinds(&e),
        [(
            EventKind::Meeting,
            names(&["Lea Novak", "Karl Jensen", "Ivo Marek"])
        )]
    );
}

/// (kind, place name, date) of every event.
fn placed(e: &Entities) -> Vec<(EventKind, Option<String>, Option<String>)> {
    e.events
        .iter()
        .map(|v| (v.kind, v.place.clone().map(|p| p.name), v.date.clone()))
        .collect()
}

#[test]
fn a_named_venue_after_at_is_the_place_even_when_no_gazetteer_lists_it() {
    let e = run_dated(
        "Foreign Minister Karl Jensen met with Defense Minister Ivo Marek at Orchard House in Oslo.\n\n\
         President Lea Novak received on Thursday at the Blue Hall Interior Minister Ruth Adler.\n\n\
         Finance Minister Tom Berg met with Jensen at the Nordic summit in Bergen.",
        "2024-05-10",
    );
    assert_eq!(
        placed(&e),
        [
            (EventKind::Meeting, Some("Orchard House".into()), None),
            (
                EventKind::Meeting,
                Some("Blue Hall".into()),
                Some("2024-05-09".into())
            ),
            // "Nordic" modifies "summit": no venue; the city is the place.
            (EventKind::Meeting, Some("Bergen".into()), None),
        ]
    );
    assert_eq!(e.events[0].place.as_ref().and_then(|p| p.location), None);
    // The venue is nobody taking part.
    assert_eq!(
        kinds(&e)[0],
        (EventKind::Meeting, names(&["Karl Jensen", "Ivo Marek"]))
    );
}

#[test]
fn a_possessive_place_names_the_place_its_phrase_goes_on_to() {
    let e = run_dated(
        "Foreign Minister Karl Jensen paid a visit to Norway's capital, Oslo.\n\n\
         Defense Minister Ivo Marek paid a visit to Norway's northern regions.",
        "2024-05-10",
    );
    assert_eq!(
        placed(&e),
        [
            (EventKind::Visit, Some("Oslo".into()), None),
            (EventKind::Visit, Some("Norway".into()), None),
        ]
    );
}

#[test]
fn a_city_based_venue_is_the_place_not_its_city() {
    let e = run_dated(
        "Upon his arrival at the Bern-based Federal Palace, Karl Jensen was welcomed by \
         Foreign Minister Ivo Marek.",
        "2024-05-10",
    );
    let place = e
        .events
        .first()
        .and_then(|v| v.place.clone())
        .map(|p| p.name);
    assert_eq!(place.as_deref(), Some("Federal Palace"), "{:?}", e.events);
}

#[test]
fn a_place_in_a_relative_clause_is_not_the_events_place() {
    let e = run_dated(
        "On Monday, Karl Jensen, who had led the regional council in Bergen since 2020, was \
         appointed Minister of Finance.\n\n\
         President Lea Novak met with Foreign Minister Ivo Marek, who arrived in Oslo for a \
         working visit.",
        "2024-05-10",
    );
    assert_eq!(
        placed(&e),
        [
            (EventKind::Appointment, None, Some("2024-05-06".into())),
            (EventKind::Meeting, Some("Oslo".into()), None),
            (EventKind::Visit, Some("Oslo".into()), None),
        ]
    );
}

#[test]
fn the_meeting_was_held_in_gives_the_latest_meeting_its_place_and_date() {
    let e = run_dated(
        "Foreign Minister Karl Jensen met with Defense Minister Ivo Marek.\n\n\
         The meeting was held in Bergen on Wednesday.\n\n\
         President Lea Novak met with Finance Minister Tom Berg.\n\n\
         The talks took place in Oslo.",
        "2024-05-10",
    );
    assert_eq!(
        placed(&e),
        [
            (
                EventKind::Meeting,
                Some("Bergen".into()),
                Some("2024-05-08".into())
            ),
            (EventKind::Meeting, Some("Oslo".into()), None),
        ]
    );
}

#[test]
fn an_unnamed_meeting_sets_the_scene_of_the_next_paragraphs_meeting() {
    let e = run_dated(
        "The foreign ministers of three Nordic states met in Bergen on Wednesday.\n\n\
         Foreign Minister Karl Jensen met with his counterpart Ivo Marek to discuss trade.\n\n\
         Minister Jensen received a delegation of farmers in Oslo on Thursday.\n\n\
         Later, Jensen met with Defense Minister Ruth Adler.",
        "2024-05-10",
    );
    assert_eq!(
        placed(&e),
        [
            (
                EventKind::Meeting,
                Some("Bergen".into()),
                Some("2024-05-08".into())
            ),
            // A named host's meeting sets no scene.
            (EventKind::Meeting, None, None),
        ]
    );
}

#[test]
fn calls_by_phone_by_their_noun_and_in_a_prepositional_phrase() {
    let e = run_dated(
        "Foreign Minister Karl Jensen spoke by phone with Defense Minister Ivo Marek on Monday.\n\n\
         President Lea Novak had a call with Jensen on Tuesday.\n\n\
         \"We agreed on the next steps,\" Finance Minister Tom Berg said in a phone call with \
         Interior Minister Ruth Adler on Wednesday.\n\n\
         In a telephone conversation with Novak, Marek thanked her for the aid.\n\n\
         Berg said the call for calm was heard.",
        "2024-05-10",
    );
    assert_eq!(
        kinds(&e),
        [
            (EventKind::Call, names(&["Karl Jensen", "Ivo Marek"])),
            (EventKind::Call, names(&["Lea Novak", "Karl Jensen"])),
            (EventKind::Call, names(&["Tom Berg", "Ruth Adler"])),
            (EventKind::Call, names(&["Ivo Marek", "Lea Novak"])),
        ]
    );
    assert_eq!(e.events[2].date.as_deref(), Some("2024-05-08"));
}

#[test]
fn a_meeting_in_a_prepositional_phrase_is_the_subjects() {
    let e = run_dated(
        "Foreign Minister Karl Jensen spoke in a working meeting with Defense Minister Ivo \
         Marek.\n\n\
         President Lea Novak's remarks came during a meeting with Marek.",
        "2024-05-10",
    );
    assert_eq!(
        kinds(&e),
        [(EventKind::Meeting, names(&["Karl Jensen", "Ivo Marek"]))]
    );
}

#[test]
fn a_coordinated_predicate_shares_its_subject() {
    let e = run_dated(
        "Foreign Minister Karl Jensen met Defense Minister Ivo Marek in Oslo and held a phone \
         call with President Lea Novak.",
        "2024-05-10",
    );
    assert_eq!(
        kinds(&e),
        [
            (EventKind::Meeting, names(&["Karl Jensen", "Ivo Marek"])),
            (EventKind::Call, names(&["Karl Jensen", "Lea Novak"])),
        ]
    );
}

#[test]
fn a_title_apposition_after_a_guest_adds_nobody() {
    let e = run_dated(
        "Foreign Minister Karl Jensen met with Ivo Marek, Minister of Trade and Northern \
         Fisheries Abroad of Norway, in Oslo.",
        "2024-05-10",
    );
    assert_eq!(
        kinds(&e),
        [(EventKind::Meeting, names(&["Karl Jensen", "Ivo Marek"]))]
    );
}

#[test]
fn talks_between_and_a_city_before_the_meetings_noun() {
    let e = run_dated(
        "Foreign Minister Karl Jensen took part in talks in Bergen brokered by Norway between \
         Defense Minister Ivo Marek and his rival Ruth Adler.\n\n\
         President Lea Novak spoke after the Oslo talks between Jensen and Marek.\n\n\
         The talks between the unions ended.",
        "2024-05-10",
    );
    assert_eq!(
        kinds(&e),
        [
            (
                EventKind::Meeting,
                names(&["Karl Jensen", "Ivo Marek", "Ruth Adler"])
            ),
            (EventKind::Meeting, names(&["Karl Jensen", "Ivo Marek"])),
        ]
    );
    let places: Vec<_> = e
        .events
        .iter()
        .map(|v| v.place.clone().map(|p| p.name))
        .collect();
    assert_eq!(places, [Some("Bergen".into()), Some("Oslo".into())]);
}

#[test]
fn what_was_discussed_is_no_place() {
    let e = run_dated(
        "Foreign Minister Karl Jensen hosted Defense Minister Ivo Marek for talks that focused \
         on the fishing rights in Bergen.",
        "2024-05-10",
    );
    assert_eq!(placed(&e), [(EventKind::Meeting, None, None)]);
}

#[test]
fn an_announcements_setting_reaches_back_over_paragraphs_but_not_to_a_plan() {
    let e = run_dated(
        "Governor Karl Jensen expanded the regional cabinet in Bergen on Friday.\n\n\
         The chief justice administered the oath of office to three new ministers.\n\n\
         Ivo Marek was sworn in as Minister of Trade.",
        "2024-05-10",
    );
    assert_eq!(
        placed(&e),
        [(
            EventKind::Appointment,
            Some("Bergen".into()),
            Some("2024-05-10".into())
        )]
    );
    let e = run_dated(
        "The leaders will hold a two-day summit of the northern states in Bergen next month.\n\n\
         The chief justice administered the oath of office to three new ministers.\n\n\
         Ivo Marek was sworn in as Minister of Trade.",
        "2024-05-10",
    );
    assert_eq!(placed(&e), [(EventKind::Appointment, None, None)]);
    // Another event's place is no setting.
    let e = run_dated(
        "Foreign Minister Karl Jensen met Defense Minister Tom Berg in Bergen.

         Ivo Marek was sworn in as Minister of Trade.",
        "2024-05-10",
    );
    assert_eq!(
        placed(&e),
        [
            (EventKind::Meeting, Some("Bergen".into()), None),
            (EventKind::Appointment, None, None)
        ]
    );
}

#[test]
fn a_visit_in_a_prepositional_phrase_is_the_subjects_and_the_meeting_is_not_reread() {
    let e = run_dated(
        "Foreign Minister Karl Jensen left Oslo on Monday after a successful three-day visit to \
         Norway.\n\n\
         During a visit to Bergen, Defense Minister Ivo Marek praised the port.\n\n\
         After the meeting with Marek, President Lea Novak spoke to reporters.",
        "2024-05-10",
    );
    assert_eq!(
        placed(&e),
        [
            (
                EventKind::Visit,
                Some("Norway".into()),
                Some("2024-05-06".into())
            ),
            (EventKind::Visit, Some("Bergen".into()), None),
        ]
    );
    assert_eq!(
        kinds(&e),
        [
            (EventKind::Visit, names(&["Karl Jensen"])),
            (EventKind::Visit, names(&["Ivo Marek"])),
        ]
    );
}

#[test]
fn a_passive_coordinated_with_an_appointment_gives_its_subject() {
    let e = run_dated(
        "Colonel Ivo Marek was promoted to general and appointed Minister of Defence.\n\n\
         President Lea Novak thanked the troops and appointed Karl Jensen as envoy.",
        "2024-05-10",
    );
    assert_eq!(
        kinds(&e),
        [
            (EventKind::Appointment, names(&["Ivo Marek"])),
            (EventKind::Appointment, names(&["Karl Jensen"])),
        ]
    );
}

#[test]
fn each_conjunct_of_the_guests_may_hold_its_own_nouns() {
    let e = run_dated(
        "President Lea Novak met Defense Minister Ivo Marek and Norway's chief negotiator for \
         the fishing talks, Karl Jensen, in Oslo.\n\n\
         President Ruth Adler met Tom Berg and signed a trade agreement with the delegation.",
        "2024-05-10",
    );
    assert_eq!(
        kinds(&e),
        [
            (
                EventKind::Meeting,
                names(&["Lea Novak", "Ivo Marek", "Karl Jensen"])
            ),
            (EventKind::Meeting, names(&["Ruth Adler", "Tom Berg"])),
        ]
    );
}

#[test]
fn also_present_joins_the_latest_meeting() {
    let e = run_dated(
        "President Lea Novak received Foreign Minister Karl Jensen at her residence.\n\n\
         Also present were State Secretary Ivo Marek and Attorney General Ruth Adler.\n\n\
         Present at the ceremony were many farmers.",
        "2024-05-10",
    );
    assert_eq!(
        kinds(&e),
        [(
            EventKind::Meeting,
            names(&["Lea Novak", "Karl Jensen", "Ivo Marek", "Ruth Adler"])
        )]
    );
    // A presence with no meeting before it is no meeting.
    let e = run_dated(
        "Also present were State Secretary Ivo Marek and Attorney General Ruth Adler.",
        "2024-05-10",
    );
    assert_eq!(kinds(&e), []);
}

#[test]
fn an_appointment_is_not_dated_by_an_earlier_step() {
    let e = run_dated(
        "Three new ministers took office this week.\n\n\
         The oath came after a hearing of the nominees in parliament on Tuesday, May \
         7.\n\n\
         Ivo Marek was sworn in as Minister of Trade.",
        "2024-05-10",
    );
    assert_eq!(placed(&e), [(EventKind::Appointment, None, None)]);
    let e = run_dated(
        "The new cabinet was announced in the capital on Tuesday, May 7.\n\n\
         Ivo Marek was sworn in as Minister of Trade.",
        "2024-05-10",
    );
    assert_eq!(
        e.events.iter().map(|v| v.date.clone()).collect::<Vec<_>>(),
        [Some("2024-05-07".to_string())]
    );
}

#[test]
fn also_in_the_next_sentence_keeps_the_meetings_place() {
    let e = run_dated(
        "Foreign Minister Karl Jensen met Defense Minister Ivo Marek in Bergen. Jensen also \
         held talks with Finance Minister Tom Berg.\n\n\
         Jensen also met President Lea Novak.",
        "2024-05-10",
    );
    assert_eq!(
        placed(&e),
        [
            (EventKind::Meeting, Some("Bergen".into()), None),
            (EventKind::Meeting, Some("Bergen".into()), None),
            // A new paragraph: no place carried over.
            (EventKind::Meeting, None, None),
        ]
    );
}

#[test]
fn the_guest_a_host_welcomes_is_the_one_on_a_visit() {
    let e = run_dated(
        "Prime Minister Karl Jensen welcomed Trade Commissioner Ruth Adler to the Old Hall \
         for a working lunch during her visit to Bergen.\n\n\
         Foreign Minister Ivo Marek met Jensen during his visit to Oslo.",
        "2024-05-10",
    );
    let visits: Vec<_> = kinds(&e)
        .into_iter()
        .filter(|k| k.0 == EventKind::Visit)
        .collect();
    assert_eq!(
        visits,
        [
            (EventKind::Visit, names(&["Ruth Adler"])),
            (EventKind::Visit, names(&["Ivo Marek"])),
        ]
    );
}
