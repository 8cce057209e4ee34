//! Quotes with their speakers and dated events, on sentences written for these tests (and
//! the project's own sample item).

mod common;

use common::enricher;
use newswire_enrich::{normalize::normalize, Entities, EventKind, ItemDate};

fn run_dated(text: &str, date: &str) -> Entities {
    enricher().enrich_dated(&normalize(text), ItemDate::parse(date))
}

/// (quote's first words, speaker) of every quote.
fn quotes(e: &Entities) -> Vec<(String, String)> {
    e.quotes
        .iter()
        .map(|q| {
            (
                q.text
                    .split_whitespace()
                    .take(3)
                    .collect::<Vec<_>>()
                    .join(" "),
                q.speaker.name.clone(),
            )
        })
        .collect()
}

/// (kind, participants, place, date) of every event.
type Row = (EventKind, Vec<String>, Option<String>, Option<String>);

fn events(e: &Entities) -> Vec<Row> {
    e.events
        .iter()
        .map(|v| {
            (
                v.kind,
                v.participants.iter().map(|p| p.name.clone()).collect(),
                v.place.as_ref().map(|p| p.name.clone()),
                v.date.clone(),
            )
        })
        .collect()
}

fn s(x: &str) -> String {
    x.to_string()
}

#[test]
fn item_dates_resolve_weekdays_and_civil_arithmetic() {
    let d = ItemDate::parse("2024-03-26").expect("valid");
    assert_eq!(d.weekday(), 1);
    assert_eq!(d.add_days(-1).to_string(), "2024-03-25");
    assert_eq!(ItemDate::parse("2024-02-30"), None);
}

#[test]
fn said_after_and_before_the_quote_and_a_broken_quote_is_two() {
    let e = run_dated(
        "Finance Minister Lorna Vasquez spoke to reporters in Lisbon.\n\n\
         \"We will keep the budget balanced this year,\" Vasquez said, \"but the road is long.\"\n\n\
         Vasquez said: \"Nobody should expect miracles from us.\"",
        "2024-05-10",
    );
    assert_eq!(
        quotes(&e),
        [
            (s("We will keep"), s("Lorna Vasquez")),
            (s("but the road"), s("Lorna Vasquez")),
            (s("Nobody should expect"), s("Lorna Vasquez")),
        ]
    );
    assert_eq!(e.quotes[0].speaker.official, Some(0));
    let text = normalize(
        "Finance Minister Lorna Vasquez spoke to reporters in Lisbon.\n\n\
         \"We will keep the budget balanced this year,\" Vasquez said, \"but the road is long.\"\n\n\
         Vasquez said: \"Nobody should expect miracles from us.\"",
    );
    let q = &e.quotes[0];
    let got: String = text.chars().skip(q.start).take(q.end - q.start).collect();
    assert_eq!(got, q.text);
}

#[test]
fn pronouns_titles_and_according_to_point_back_to_the_person() {
    let e = run_dated(
        "Interior Minister Tomas Brandt visited the border on Friday.\n\n\
         \"The situation at the crossing is under control,\" he told reporters.\n\n\
         \"We have sent more officers to the region,\" the minister added.\n\n\
         According to Brandt, \"the new checkpoints will open next month.\"",
        "2024-05-10",
    );
    assert_eq!(
        quotes(&e),
        [
            (s("The situation at"), s("Tomas Brandt")),
            (s("We have sent"), s("Tomas Brandt")),
            (s("the new checkpoints"), s("Tomas Brandt")),
        ]
    );
}

#[test]
fn a_statement_is_its_issuer_and_scare_quotes_are_no_quotes() {
    let e = run_dated(
        "Ministry spokesperson Ana Ruiz said in a statement that the talks had been \"frank\".\n\n\
         \"Both sides agreed to meet again before the summer,\" the statement added.",
        "2024-05-10",
    );
    assert_eq!(quotes(&e), [(s("Both sides agreed"), s("Ana Ruiz"))]);
}

#[test]
fn a_quote_over_two_paragraphs_is_two_quotes_of_one_speaker() {
    let e = run_dated(
        "Governor Paul Okafor spoke after the flood.\n\n\
         \"The water reached the first floors of many houses in the valley.\n\n\
         \"We will rebuild every bridge that was lost,\" Okafor said.",
        "2024-05-10",
    );
    assert_eq!(
        quotes(&e),
        [
            (s("The water reached"), s("Paul Okafor")),
            (s("We will rebuild"), s("Paul Okafor")),
        ]
    );
}

#[test]
fn meetings_calls_visits_and_appointments_with_dates_and_places() {
    // 2024-05-10 is a Friday.
    let e = run_dated(
        "Foreign Minister Karl Jensen met on Monday in Oslo with Defense Minister Ivo Marek.\n\n\
         Jensen spoke by phone with Prime Minister Sara Lind yesterday.\n\n\
         Marek visited Poland on 2 May.\n\n\
         Ruth Adler was appointed ambassador today.\n\n\
         Jensen will visit Sweden next week.",
        "2024-05-10",
    );
    assert_eq!(
        events(&e),
        [
            (
                EventKind::Meeting,
                vec![s("Karl Jensen"), s("Ivo Marek")],
                Some(s("Oslo")),
                Some(s("2024-05-06"))
            ),
            (
                EventKind::Call,
                vec![s("Karl Jensen"), s("Sara Lind")],
                None,
                Some(s("2024-05-09"))
            ),
            (
                EventKind::Visit,
                vec![s("Ivo Marek")],
                Some(s("Poland")),
                Some(s("2024-05-02"))
            ),
            (
                EventKind::Appointment,
                vec![s("Ruth Adler")],
                None,
                Some(s("2024-05-10"))
            ),
        ]
    );
    assert_eq!(e.events[0].date_text.as_deref(), Some("on Monday"));
    assert!(e.events[0]
        .participants
        .iter()
        .all(|p| p.official.is_some()));
}

#[test]
fn a_date_without_a_year_after_the_item_is_last_year_and_no_date_gives_none() {
    let text = "President Lea Novak met Chancellor Otto Brenner on 20 December.";
    let e = run_dated(text, "2024-01-05");
    assert_eq!(e.events[0].date.as_deref(), Some("2023-12-20"));
    let e = enricher().enrich(&normalize(text));
    assert_eq!(e.events[0].date, None);
    assert_eq!(e.events[0].date_text.as_deref(), Some("20 December"));
}

#[test]
fn the_sample_item_quotes_meetings_and_visit() {
    let raw = include_str!("../../../tests/fixtures/sample_item.txt");
    let body = raw.trim_start().trim_start_matches("date 2024-03-26");
    let e = run_dated(body, "2024-03-26");
    assert_eq!(
        quotes(&e),
        [
            (s("reiterated the United"), s("Matthew Miller")),
            (s("The Secretary underscored"), s("Matthew Miller")),
            (s("We share Israel's"), s("Antony Blinken")),
            (s("We believe a"), s("John Kirby")),
        ]
    );
    let ev = events(&e);
    let want_meetings = [
        (
            EventKind::Meeting,
            vec![s("Antony Blinken"), s("Yoav Gallant")],
            Some(s("Washington")),
            Some(s("2024-03-25")),
        ),
        (
            EventKind::Meeting,
            vec![s("Yoav Gallant"), s("Jake Sullivan")],
            Some(s("White House")),
            Some(s("2024-03-25")),
        ),
    ];
    for m in &want_meetings {
        assert!(ev.contains(m), "missing {m:?} in {ev:#?}");
    }
    let israel = (
        EventKind::Visit,
        vec![s("Antony Blinken")],
        Some(s("Israel")),
        Some(s("2024-03-22")),
    );
    assert!(
        ev.contains(&israel),
        "missing the visit to Israel in {ev:#?}"
    );
    assert_eq!(
        ev.iter().filter(|e| e.0 == EventKind::Meeting).count(),
        2,
        "{ev:#?}"
    );
}
