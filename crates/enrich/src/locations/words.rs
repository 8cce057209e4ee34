//! The locations pass's word lists, one per concept. Each is a small predicate (a `matches!`
//! compiles to a jump table, faster than a slice search); the comment says what the list is
//! for and which rule reads it.

use crate::lexicon::IdMap;
use crate::model::LocationKind;
use std::sync::OnceLock;

/// Prepositions and words after which a capitalized gazetteer name is very likely a place
/// ("in Kharkiv", "visited Kyiv", "northern Gaza"): a candidate so introduced is strong.
pub fn locative(w: &str) -> bool {
    matches!(
        w,
        "in" | "at"
            | "to"
            | "from"
            | "near"
            | "into"
            | "inside"
            | "outside"
            | "toward"
            | "towards"
            | "across"
            | "around"
            | "via"
            | "within"
            | "throughout"
            | "visit"
            | "visited"
            | "visiting"
            | "of"
            | "between"
            | "and"
            | "over"
            | "off"
            | "north"
            | "south"
            | "east"
            | "west"
            | "northern"
            | "southern"
            | "eastern"
            | "western"
            | "central"
    )
}

/// A word right before a place that makes it a destination ("a visit to", "toured X").
pub fn visit_word(w: &str) -> bool {
    matches!(
        w,
        "visit" | "visits" | "visited" | "visiting" | "toured" | "tour"
    )
}

/// Words before "to" that make the place after it a destination ("travel to X").
pub fn travel_word(w: &str) -> bool {
    matches!(
        w,
        "visit"
            | "visits"
            | "trip"
            | "trips"
            | "travel"
            | "travels"
            | "travelled"
            | "traveled"
            | "travelling"
            | "traveling"
            | "flew"
            | "fly"
            | "flies"
            | "flying"
            | "journey"
            | "tour"
            | "voyage"
            | "mission"
            | "delegation"
            | "return"
            | "returned"
            | "head"
            | "headed"
            | "heading"
    )
}

/// Words before "in" that make the place after it a destination ("arrived in X").
pub fn arrival_word(w: &str) -> bool {
    matches!(
        w,
        "arrived" | "arrives" | "arrive" | "arriving" | "landed" | "lands" | "stopover"
    )
}

/// Punctuation that ends a dateline place ("KYIV -", "CAIRO:", "LAGOS,", "ROME (").
pub fn dateline_end(w: &str) -> bool {
    matches!(w, "-" | ":" | "," | "(")
}

/// Nouns that name an agreement after a place ("the Minsk accords").
pub fn agreement(w: &str) -> bool {
    matches!(
        w,
        "agreement" | "agreements" | "accord" | "accords" | "treaty"
    )
}

/// Heads of a programme's or a project's proper name after the places it joins ("the
/// Lobito Corridor", "the Praia-Dakar-Abidjan Corridor"): capitalized, they end a name.
pub fn programme(w: &str) -> bool {
    matches!(w, "corridor" | "initiative" | "programme" | "program")
}

/// Capitalized qualifiers that make a region of a place ("Northern Rivers", "Greater
/// Manchester").
pub fn region_qualifier(w: &str) -> bool {
    matches!(
        w,
        "northern"
            | "southern"
            | "eastern"
            | "western"
            | "north"
            | "south"
            | "east"
            | "west"
            | "upper"
            | "lower"
            | "central"
            | "greater"
            | "inner"
            | "outer"
    )
}

/// The Arabic article as transliterated before a hyphen ("Al-Bayda", "Ash-Shifa", "Deir
/// al-Balah", "Bab al-Mandab Strait"): the article belongs to the name.
pub fn arabic_article(w: &str) -> bool {
    matches!(w, "al" | "el" | "ad" | "as" | "ash" | "ar" | "an")
}

/// [`arabic_article`] as a gazetteer name's start reads it: also the sun-letter form "az"
/// ("Az-Zarqa"). (The kind-word and unlisted passes never learnt "az"; unifying the two
/// would change output, so it waits for a behaviour change.)
pub fn arabic_article_before_gazetteer_name(w: &str) -> bool {
    arabic_article(w) || w == "az"
}

/// The two articles that may start a facility's name before a hyphen ("al-Shifa
/// Hospital", "el-Arish Airport") even when nothing capitalized precedes them.
pub fn leading_article(w: &str) -> bool {
    matches!(w, "al" | "el")
}

/// Endings of adjectives the lexicon lacks ("Sicilian", "Genovese", "Cornish"): such a
/// word before a place noun describes, it does not name.
pub fn adjective_ending(w: &str) -> bool {
    ["ian", "ese", "ish"].iter().any(|e| w.ends_with(e))
}

/// [`adjective_ending`] plus the compass adjectives' "-ern" ("Southern"), for a lone word
/// the unlisted pass would otherwise take as a name.
pub fn adjective_or_compass_ending(w: &str) -> bool {
    adjective_ending(w) || w.ends_with("ern")
}

/// Honorifics that open a facility named after a person ("King Khalid International
/// Airport", "Sheikh Zayed Mosque").
pub fn honour(w: &str) -> bool {
    matches!(
        w,
        "king"
            | "queen"
            | "prince"
            | "princess"
            | "president"
            | "saint"
            | "st."
            | "sheikh"
            | "sultan"
            | "emir"
            | "general"
            | "marshal"
            | "admiral"
            | "imam"
    )
}

/// Spanish compass words after "del" in the names of provinces split in two ("Lanao del
/// Norte", "Davao del Sur").
pub fn spanish_compass(w: &str) -> bool {
    matches!(w, "norte" | "sur" | "este" | "oeste")
}

/// Lowercase kind words that name a facility even after a known place ("Sanaa airport",
/// "the Bonaire shopping centre").
pub fn facility_after_place(w: &str) -> bool {
    matches!(
        w,
        "airport"
            | "palace"
            | "presidential"
            | "shopping"
            | "hydropower"
            | "hydroelectric"
            | "power"
            | "jail"
            | "beach"
            | "border"
    )
}

/// Determiners that make "a X region" generic, no name.
pub fn generic_determiner(w: &str) -> bool {
    matches!(w, "a" | "an" | "another" | "one")
}

/// Words that open a company's name, not a place's ("Banco Base", "Grupo Puerto").
pub fn company_word(w: &str) -> bool {
    matches!(w, "banco" | "banca" | "grupo")
}

/// Words that make a kind-word span a military or police command ("the Third Army
/// Region").
pub fn command_word(w: &str) -> bool {
    matches!(
        w,
        "army" | "military" | "naval" | "police" | "command" | "corps"
    )
}

/// A kind word whose name follows it ("RAAF Base Amberley").
pub fn base_word(w: &str) -> bool {
    w == "base"
}

/// Feature words written before their name ("Lake Kariba", "Mount Elgon", "Río Bravo"),
/// as written (capitalized).
pub fn feature_word_first(surface: &str) -> bool {
    FEATURE_WORDS_FIRST.contains(&surface)
}

/// The words of [`feature_word_first`].
pub const FEATURE_WORDS_FIRST: [&str; 10] = [
    "Lake", "River", "Mount", "Mt.", "Isla", "Lago", "Laguna", "Cerro", "Volcán", "Río",
];

/// English feature words before their name: no particle follows them ("Lake of ..." is no
/// name here), unlike "Isla del Sol".
pub fn english_feature_word(surface: &str) -> bool {
    matches!(surface, "Lake" | "River" | "Mount" | "Mt.")
}

/// Stadium words in the local language, before the name ("Stadio Olimpico", "Stade de
/// France").
pub fn stadium_word_first(surface: &str) -> bool {
    STADIUM_WORDS_FIRST.contains(&surface)
}

/// The words of [`stadium_word_first`].
pub const STADIUM_WORDS_FIRST: [&str; 5] = ["Stadio", "Estadio", "Estádio", "Stade", "Stadion"];

/// Particles inside a feature's or stadium's name ("Stade de France", "Isla del Sol").
pub fn feature_particle(w: &str) -> bool {
    matches!(w, "de" | "del" | "do")
}

/// Camp words, which follow any place as part of its mention ("the Bakassi camp").
pub fn camp_word(w: &str) -> bool {
    matches!(w, "camp" | "camps")
}

/// Common nouns after a lowercase kind word that make it a modifier ("the Gaza city
/// council"): the kind word then stays out of the place's mention. (Narrower than
/// [`place_noun_compound`], which the unlisted pass reads; unifying them would change
/// output.)
pub fn kind_word_compound(w: &str) -> bool {
    matches!(
        w,
        "council" | "government" | "governor" | "official" | "officials" | "police" | "authorities"
    )
}

/// Lowercase kind words a name ends in that stay out of the bare name ("Borno state",
/// "the Danube river"), besides the gazetteer's region words.
pub fn name_tail_word(w: &str) -> bool {
    matches!(w, "region" | "river")
}

/// Region words that name other things too ("Mexico City", "the Gaza zone"): no region
/// kind word for the small tier.
pub fn not_a_region_word(w: &str) -> bool {
    matches!(w, "city" | "zone")
}

/// Two-letter US postal codes ("CT", "NY") as written after a city name.
pub fn us_state_code(s: &str) -> bool {
    const CODES: &[&str] = &[
        "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL", "IN", "IA",
        "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ",
        "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT",
        "VA", "WA", "WV", "WI", "WY", "DC",
    ];
    // Two capitals first: most words after a comma are none, and fail here.
    s.len() == 2 && s.bytes().all(|b| b.is_ascii_uppercase()) && CODES.contains(&s)
}

/// List joiners ("A and B", "A or B").
pub fn joiner(w: &str) -> bool {
    matches!(w, "and" | "or")
}

// ---------------------------------------------------------------------------------------
// Cues that introduce a name as a place (small tier and unlisted places)
// ---------------------------------------------------------------------------------------

/// Adjectives between a cue and the name ("in nearby X", "in rural X"), skipped.
pub fn cue_adjective(w: &str) -> bool {
    matches!(
        w,
        "nearby" | "neighbouring" | "neighboring" | "rural" | "remote" | "coastal" | "tiny"
    )
}

/// Prepositions that introduce a small place whatever comes before them ("in Foxford").
pub fn small_cue_preposition(w: &str) -> bool {
    matches!(
        w,
        "in" | "near"
            | "outside"
            | "inside"
            | "into"
            | "around"
            | "toward"
            | "towards"
            | "across"
            | "via"
            | "within"
            | "throughout"
            | "through"
            | "between"
    )
}

/// Words before "to" that make the name after it a person's ("spoke to X", "son to X").
pub fn to_a_person(w: &str) -> bool {
    matches!(
        w,
        "according"
            | "spoke"
            | "speak"
            | "speaks"
            | "speaking"
            | "talk"
            | "talked"
            | "talking"
            | "told"
            | "said"
            | "say"
            | "says"
            | "wrote"
            | "write"
            | "writing"
            | "letter"
            | "message"
            | "reply"
            | "replied"
            | "responded"
            | "response"
            | "thanks"
            | "belongs"
            | "belonged"
            | "belonging"
            | "married"
            | "loyal"
            | "close"
            | "related"
            | "tribute"
            | "appealed"
            | "appeal"
            | "listen"
            | "listened"
            | "introduced"
            | "addressed"
            | "referring"
            | "referred"
            | "compared"
            | "answer"
            | "answered"
            | "succeeded"
            | "successor"
            | "predecessor"
            | "rival"
            | "adviser"
            | "advisor"
            | "aide"
            | "deputy"
            | "spokesman"
            | "spokeswoman"
            | "spokesperson"
            | "son"
            | "daughter"
            | "wife"
            | "husband"
    )
}

/// Words before "from" that make the name after it a source ("a statement from X").
pub fn from_a_source(w: &str) -> bool {
    matches!(
        w,
        "statement"
            | "comment"
            | "comments"
            | "remarks"
            | "message"
            | "letter"
            | "call"
            | "calls"
            | "email"
            | "quote"
            | "quotes"
            | "response"
            | "reaction"
            | "support"
            | "help"
            | "pressure"
            | "criticism"
            | "praise"
            | "approval"
            | "permission"
            | "request"
            | "warning"
            | "testimony"
            | "word"
            | "words"
            | "challenge"
            | "visit"
            | "apology"
            | "backing"
            | "votes"
    )
}

/// Words before "at" that make the name after it a target ("a swipe at X").
pub fn at_a_target(w: &str) -> bool {
    matches!(
        w,
        "aimed"
            | "directed"
            | "looked"
            | "look"
            | "looking"
            | "laughed"
            | "jab"
            | "swipe"
            | "dig"
            | "lashed"
            | "pointed"
            | "angry"
            | "furious"
            | "upset"
            | "glared"
            | "smiled"
            | "shouted"
            | "yelled"
            | "hit"
            | "hits"
    )
}

/// Nouns before "of" that introduce a small place ("the village of X", "residents of X",
/// "the outskirts of X").
pub fn place_of(w: &str) -> bool {
    matches!(
        w,
        "village"
            | "villages"
            | "town"
            | "towns"
            | "city"
            | "cities"
            | "district"
            | "districts"
            | "area"
            | "areas"
            | "community"
            | "communities"
            | "region"
            | "municipality"
            | "municipalities"
            | "hamlet"
            | "hamlets"
            | "suburb"
            | "suburbs"
            | "parish"
            | "county"
            | "province"
            | "settlement"
            | "settlements"
            | "locality"
            | "outskirts"
            | "neighbourhood"
            | "neighborhood"
            | "commune"
            | "township"
            | "ward"
            | "borough"
            | "island"
            | "islands"
            | "port"
            | "resort"
            | "residents"
            | "inhabitants"
            | "mayor"
            | "streets"
            | "centre"
            | "center"
            | "heart"
            | "east"
            | "west"
            | "north"
            | "south"
            | "northeast"
            | "northwest"
            | "southeast"
            | "southwest"
    )
}

// ---------------------------------------------------------------------------------------
// Unlisted places: the nouns and words around a name that say it is a place
// ---------------------------------------------------------------------------------------

/// Place nouns and what they say about the names they introduce: (word, kind, plural).
/// [`place_noun_of_hash`] and the cue filter of [`super::unlisted::find`] both read this one table.
pub const PLACE_NOUNS: &[(&str, LocationKind, bool)] = {
    use LocationKind::{Admin, City, Geo};
    &[
        ("village", City, false),
        ("town", City, false),
        ("township", City, false),
        ("settlement", City, false),
        ("hamlet", City, false),
        ("suburb", City, false),
        ("neighbourhood", City, false),
        ("neighborhood", City, false),
        ("locality", City, false),
        ("commune", City, false),
        ("ward", City, false),
        ("barangay", City, false),
        ("city", City, false),
        ("villages", City, true),
        ("towns", City, true),
        ("townships", City, true),
        ("settlements", City, true),
        ("hamlets", City, true),
        ("suburbs", City, true),
        ("neighbourhoods", City, true),
        ("neighborhoods", City, true),
        ("localities", City, true),
        ("communes", City, true),
        ("wards", City, true),
        ("barangays", City, true),
        ("cities", City, true),
        ("district", Admin, false),
        ("sub-county", Admin, false),
        ("subcounty", Admin, false),
        ("municipality", Admin, false),
        ("county", Admin, false),
        ("province", Admin, false),
        ("block", Admin, false),
        ("regency", Admin, false),
        ("tehsil", Admin, false),
        ("taluk", Admin, false),
        ("upazila", Admin, false),
        ("mandal", Admin, false),
        ("constituency", Admin, false),
        ("districts", Admin, true),
        ("sub-counties", Admin, true),
        ("municipalities", Admin, true),
        ("counties", Admin, true),
        ("provinces", Admin, true),
        ("blocks", Admin, true),
        ("regencies", Admin, true),
        ("tehsils", Admin, true),
        ("upazilas", Admin, true),
        ("constituencies", Admin, true),
        ("river", Geo, false),
        ("island", Geo, false),
        ("rivers", Geo, true),
        ("islands", Geo, true),
    ]
};

/// What a place noun says about the names it introduces (see [`PLACE_NOUNS`]), for the
/// word whose hash is `h` (a token's hash is that of its lowercase form,
/// [`crate::tokens::hash_str`]).
///
/// The unlisted pass asks this of every cue word: one probe by the hash the token already
/// has (the table's first entry for a word wins, as a search in order would find), no
/// string hashed or compared per noun.
pub fn place_noun_of_hash(h: u64) -> Option<(LocationKind, bool)> {
    static BY_HASH: OnceLock<IdMap<(LocationKind, bool)>> = OnceLock::new();
    BY_HASH
        .get_or_init(|| {
            let mut map = IdMap::default();
            for &(word, kind, plural) in PLACE_NOUNS {
                map.entry(crate::tokens::hash_str(word))
                    .or_insert((kind, plural));
            }
            map
        })
        .get(&h)
        .copied()
}

/// Natural-feature nouns that say what a name is in an apposition ("the Sundarbans, the
/// world's largest mangrove forest").
pub fn apposition_noun(w: &str) -> Option<(LocationKind, bool)> {
    match w {
        "forest" | "lake" | "mountain" | "desert" | "peninsula" | "archipelago" | "bay"
        | "valley" | "atoll" | "lagoon" | "wetland" | "reserve" => Some((LocationKind::Geo, false)),
        _ => None,
    }
}

/// Nouns after which "such as" lists places; wider than [`place_noun_of_hash`] ("areas such as").
/// `noun` is the [`place_noun_of_hash`] of `w`, which the caller has at hand.
pub fn list_noun(w: &str, noun: Option<(LocationKind, bool)>) -> Option<LocationKind> {
    match w {
        "areas" | "communities" | "places" => Some(LocationKind::City),
        _ => noun.filter(|p| p.1).map(|p| p.0),
    }
}

/// Words that make a trailing place noun part of a longer common noun or a title
/// ("the Dhading district chief", "a town hall", "the county council"): the name is then a
/// modifier, not a place mention.
pub fn place_noun_compound(w: &str) -> bool {
    matches!(
        w,
        "hall"
            | "halls"
            | "council"
            | "councils"
            | "councillor"
            | "councilor"
            | "chief"
            | "chiefs"
            | "head"
            | "heads"
            | "headman"
            | "commissioner"
            | "officer"
            | "officers"
            | "official"
            | "officials"
            | "administrator"
            | "administration"
            | "court"
            | "courts"
            | "police"
            | "government"
            | "assembly"
            | "chairman"
            | "chairperson"
            | "mayor"
            | "collector"
            | "magistrate"
            | "headquarters"
            | "secretary"
            | "level"
            | "elder"
            | "elders"
            | "development"
            | "authority"
            | "authorities"
            | "board"
            | "leader"
            | "leaders"
    )
}

/// Lowercase name particles inside place names ("Son en Breugel", "Norte de Santander").
pub fn particle(w: &str) -> bool {
    matches!(
        w,
        "de" | "del"
            | "la"
            | "las"
            | "los"
            | "el"
            | "en"
            | "da"
            | "do"
            | "dos"
            | "das"
            | "di"
            | "du"
            | "des"
            | "sur"
            | "am"
            | "an"
            | "im"
            | "op"
            | "aan"
            | "ter"
    )
}

/// Words of movement after which "to A" and "from A" name places.
pub fn movement(w: &str) -> bool {
    matches!(
        w,
        "fled"
            | "flee"
            | "fleeing"
            | "moved"
            | "sent"
            | "travelled"
            | "traveled"
            | "returned"
            | "flew"
            | "flights"
            | "flight"
            | "trip"
            | "route"
            | "road"
            | "roads"
            | "highway"
            | "evacuated"
            | "relocated"
            | "deployed"
            | "headed"
            | "heading"
            | "marched"
            | "retreated"
            | "advanced"
            | "deported"
            | "transferred"
            | "drove"
            | "walked"
            | "sailed"
            | "journey"
            | "displaced"
            | "spread"
            | "migrated"
            | "launched"
            | "fired"
    )
}

/// Compass words that, with "of" after them, put a place after ("north of A").
pub fn compass(w: &str) -> bool {
    matches!(
        w,
        "north"
            | "south"
            | "east"
            | "west"
            | "northeast"
            | "northwest"
            | "southeast"
            | "southwest"
            | "north-east"
            | "north-west"
            | "south-east"
            | "south-west"
            | "outskirts"
    )
}

/// Korean administrative suffixes written after a hyphen: neighbourhoods ("-dong"),
/// districts ("-gu", "-gun"), towns ("-eup", "-myeon"), villages ("-ri").
pub fn korean_suffix(w: &str) -> bool {
    matches!(w, "dong" | "gu" | "gun" | "eup" | "myeon" | "ri")
}

/// Arabic words for a cape, spring, well or valley that start a longer name ("Ras Isa",
/// "Ain el-Tineh", "Wadi Araba") though the dictionary knows them alone.
pub fn toponym_head(w: &str) -> bool {
    matches!(w, "ras" | "ain" | "bir" | "wadi")
}

/// Words before "to" that put the name after it somewhere besides movement ("closer to X").
pub fn nearness_word(w: &str) -> bool {
    matches!(w, "closer" | "next" | "close")
}

/// Words before "from" that put the name after it somewhere besides movement ("withdrew
/// from X").
pub fn leaving_word(w: &str) -> bool {
    matches!(w, "withdrew" | "withdrawn" | "expelled" | "away" | "far")
}

/// Words before "at" that say where something is ("stationed at X", "the danger mark at
/// X").
pub fn position_word(w: &str) -> bool {
    matches!(
        w,
        "arrived"
            | "arriving"
            | "landed"
            | "stationed"
            | "based"
            | "docked"
            | "stopped"
            | "gathered"
            | "mark"
            | "level"
            | "checkpoint"
            | "camp"
            | "rally"
            | "killed"
            | "struck"
            | "attack"
            | "attacks"
            | "strike"
            | "strikes"
            | "crossing"
            | "station"
    )
}

/// Prepositions that put the names after them somewhere, whatever word precedes them
/// (within the exceptions of [`in_something_else`]).
pub fn unlisted_preposition(w: &str) -> bool {
    matches!(
        w,
        "in" | "near"
            | "outside"
            | "around"
            | "across"
            | "towards"
            | "toward"
            | "throughout"
            | "within"
            | "through"
    )
}

/// Words that take "in" for other things than places ("invested in", "a stake in",
/// "believe in", "starred in").
pub fn in_something_else(w: &str) -> bool {
    matches!(
        w,
        "invest"
            | "invests"
            | "invested"
            | "investing"
            | "investment"
            | "investments"
            | "interest"
            | "interested"
            | "stake"
            | "stakes"
            | "shares"
            | "believe"
            | "believes"
            | "believed"
            | "faith"
            | "trust"
            | "role"
            | "part"
            | "participate"
            | "participated"
            | "involved"
            | "engaged"
            | "expert"
            | "degree"
            | "fluent"
            | "published"
            | "appeared"
            | "starred"
            | "written"
            | "wrote"
            | "quoted"
    )
}

/// Words that end the describing words of an apposition before its noun ("A, a pensioner
/// in the town of X" describes a person): prepositions, relatives, joiners, articles.
pub fn apposition_stop(w: &str) -> bool {
    matches!(
        w,
        "in" | "on"
            | "at"
            | "of"
            | "for"
            | "with"
            | "from"
            | "by"
            | "who"
            | "whose"
            | "which"
            | "that"
            | "where"
            | "and"
            | "or"
            | "to"
            | "the"
            | "a"
            | "an"
    )
}

/// Words that may follow the place noun of an apposition ("A, a farming settlement on the
/// road", "A, a village north of B").
pub fn apposition_end(w: &str) -> bool {
    matches!(
        w,
        "," | "."
            | ";"
            | "on"
            | "in"
            | "near"
            | "of"
            | "north"
            | "south"
            | "east"
            | "west"
            | "about"
            | "some"
            | "where"
            | "that"
            | "which"
            | "with"
            | "close"
            | "along"
            | "just"
            | "outside"
            | "by"
            | "at"
            | "known"
            | "located"
            | "home"
            | "off"
            | ")"
    )
}

/// Articles that open an apposition ("A, a village").
pub fn article(w: &str) -> bool {
    matches!(w, "a" | "an" | "the")
}

/// Approximations before a distance ("about 40 km north of B").
pub fn approximately(w: &str) -> bool {
    matches!(w, "about" | "some" | "around" | "roughly" | "just")
}

/// Units of a distance ("40 km north of B").
pub fn distance_unit(w: &str) -> bool {
    matches!(
        w,
        "km" | "kilometres" | "kilometers" | "miles" | "mi" | "kilometre" | "kilometer"
    )
}

/// Adjectives between a name and its place noun ("A rural municipality").
pub fn settlement_adjective(w: &str) -> bool {
    matches!(w, "rural" | "urban")
}

/// Capitalized generic building names every capital has ("Government House", "Palace of
/// Justice", "City Hall"), word by word as written.
pub const GENERIC_BUILDINGS: &[&[&str]] = &[
    &["Government", "House"],
    &["Parliament", "House"],
    &["Palace", "of", "Justice"],
    &["City", "Hall"],
    &["Town", "Hall"],
];

/// Words before a generic building name that put it somewhere ("at Government House").
pub fn building_before(w: &str) -> bool {
    matches!(
        w,
        "the" | "at" | "in" | "outside" | "inside" | "to" | "from"
    )
}

/// Words after a generic building name that end its noun phrase (not "the Government
/// House committee").
pub fn building_after(w: &str) -> bool {
    matches!(
        w,
        "on" | "in"
            | "at"
            | "and"
            | "or"
            | "to"
            | "for"
            | "with"
            | "where"
            | "which"
            | "that"
            | "was"
            | "is"
            | "has"
            | "had"
            | "after"
            | "before"
            | "during"
            | "since"
            | "until"
            | "when"
            | "while"
            | "by"
            | "of"
    )
}

/// The words the unlisted pass's cues test first, besides [`PLACE_NOUNS`]: one hash probe
/// per token skips every token that is none of them.
pub const UNLISTED_CUE_WORDS: &[&str] = &[
    ",",
    "council",
    "councils",
    "and",
    "or",
    "other",
    "near",
    "in",
    "to",
    "at",
    "from",
    "outside",
    "around",
    "across",
    "towards",
    "toward",
    "throughout",
    "within",
    "through",
    "parts",
    "area",
    "areas",
    "port",
    "ports",
    "communities",
    "places",
    "outskirts",
    "north",
    "south",
    "east",
    "west",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
    "north-east",
    "north-west",
    "south-east",
    "south-west",
    "dong",
    "gu",
    "gun",
    "eup",
    "myeon",
    "ri",
    "government",
    "parliament",
    "palace",
    "city",
    "town",
];
