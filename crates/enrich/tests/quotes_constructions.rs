//! The quotes pass's attribution rules one by one, on sentences written for these tests,
//! with a trap each rule must leave alone.

mod common;

use common::enricher;
use newswire_enrich::{normalize::normalize, Entities, ItemDate};

fn run(text: &str) -> Entities {
    enricher().enrich_dated(&normalize(text), ItemDate::parse("2024-05-10"))
}

/// (quote's first three words, speaker) of every quote.
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

fn pair(q: &str, who: &str) -> (String, String) {
    (q.to_string(), who.to_string())
}

#[test]
fn a_pronoun_after_a_quote_is_not_a_person_named_inside_it() {
    let e = run(
        "Foreign Minister Lea Novak will host the talks in Oslo.\n\n\
         \"I look forward to welcoming Defense Minister Karl Jensen to our capital,\" she said.\n\n\
         \"The talks will cover trade and security in the whole region,\" she added.",
    );
    assert_eq!(
        quotes(&e),
        [
            pair("I look forward", "Lea Novak"),
            pair("The talks will", "Lea Novak"),
        ]
    );
}

#[test]
fn a_paragraph_long_quote_after_a_reported_sentence_is_the_reporters_subject() {
    let e = run(
        "The council's chief executive, Ruth Adler, said drivers still needed to be careful.\n\n\
         \"The roads will be icy early in the morning, so please drive with great care.\"\n\n\
         The storm closed two schools on Friday.\n\n\
         \"Drive slowly near schools\" signs were put up along the coast road.",
    );
    assert_eq!(quotes(&e), [pair("The roads will", "Ruth Adler")]);
}

#[test]
fn a_run_on_quote_after_a_reported_sentence_and_not_inside_a_quote() {
    let e = run(
        "In a statement on Sunday, police spokesperson Ivo Marek denied the reports, adding \
         that they were false.\n\n\
         \"We can confirm that no such incident took place in the city.\n\n\
         \"There have been no reports of any clashes in the region.\"\n\n\
         Marek said: \"We will keep patrolling the streets. Nobody should worry today.\n\n\
         \"We ask residents to stay calm and carry on.\"",
    );
    assert_eq!(
        quotes(&e),
        [
            pair("We can confirm", "Ivo Marek"),
            pair("There have been", "Ivo Marek"),
            pair("We will keep", "Ivo Marek"),
            pair("We ask residents", "Ivo Marek"),
        ]
    );
}

#[test]
fn the_sentence_subject_speaks_across_a_relative_clause_or_a_participle() {
    let e = run(
        "Finance Minister Karl Jensen, who met bankers in Oslo on Tuesday, said that \"the \
         meetings were very useful.\"\n\n\
         Speaking at a rally, Interior Minister Ivo Marek warned the opposition, saying \"we \
         will not allow any chaos.\"\n\n\
         The case of Ruth Adler's appeal was described as \"a matter for the courts\" by \
         officials.",
    );
    assert_eq!(
        quotes(&e),
        [
            pair("the meetings were", "Karl Jensen"),
            pair("we will not", "Ivo Marek"),
        ]
    );
}

#[test]
fn a_participle_speaks_for_the_subject_and_a_pronoun_subject_passes_the_antecedent_on() {
    let e = run(
        "Foreign Minister Karl Jensen thanked Ivo Marek for his help, stressing Norway's \
         commitment to \"a lasting peace in the whole region.\"\n\n\
         Opposition leader Ruth Adler spoke to reporters on Monday.\n\n\
         She said she had tried to meet Health Minister Otto Brenner during the floods.\n\n\
         \"I was told to stay away from the roads,\" she told the radio.",
    );
    assert_eq!(
        quotes(&e),
        [
            pair("a lasting peace", "Karl Jensen"),
            pair("I was told", "Ruth Adler"),
        ]
    );
}

#[test]
fn a_verb_that_introduces_the_next_quote_is_not_the_previous_ones() {
    let e = run(
        "Prime Minister Lea Novak said the talks would \"go on for weeks.\" \"We have \
         raised the case at the highest levels with our partners,\" she said. Finance \
         Minister Karl Jensen stated on Monday that \"the budget will hold this year.\"",
    );
    assert_eq!(
        quotes(&e),
        [
            pair("go on for", "Lea Novak"),
            pair("We have raised", "Lea Novak"),
            pair("the budget will", "Karl Jensen"),
        ]
    );
}

#[test]
fn a_capitalized_word_of_a_name_is_no_speech_verb() {
    let e = run("President Lea Novak met reporters in Oslo on Thursday.\n\n\
         She stressed that firms building their goods in the United States would pay \
         \"no new fees at all.\"");
    assert_eq!(quotes(&e), [pair("no new fees", "Lea Novak")]);
}

#[test]
fn a_quote_joined_by_and_to_the_one_before_is_the_same_speakers() {
    let e = run(
        "Interior Minister Karl Jensen said the storm was \"the worst in decades\" and warned \
         that the rivers \"could burst their banks tonight.\"\n\n\
         Mayor Ruth Adler called the plan \"a good first step\" and Governor Tom Berg dismissed \
         it as \"far too little, far too late.\"",
    );
    assert_eq!(
        quotes(&e),
        [
            pair("the worst in", "Karl Jensen"),
            pair("could burst their", "Karl Jensen"),
            pair("a good first", "Ruth Adler"),
        ]
    );
}

#[test]
fn a_speaker_after_a_roles_comma_and_a_pronoun_opening_a_sentence() {
    let e = run(
        "\"We thank every voter for taking part today,\" said the President of the Electoral \
         Board, Mara Quist.\n\n\
         Governor Paul Okafor spoke to farmers on Monday.\n\n\
         He posted on his page, saying, \"The harvest will be saved this year.\"",
    );
    assert_eq!(
        quotes(&e),
        [
            pair("We thank every", "Mara Quist"),
            pair("The harvest will", "Paul Okafor"),
        ]
    );
}
