//! The officials pass's word lists: one list per concept, each a small predicate (a
//! `matches!` compiles to a few comparisons, faster than a set for lists this short).
//!
//! Every word is lowercase, as `Tokens::lower` gives it. Data the curators edit (role words,
//! bodies, demonyms) lives in the lexicon; these are the grammar's own closed classes.

/// Lowercase words that name a public body: "head of an elected parliament", "commander
/// of the armed forces". They qualify a generic head and close a lowercase qualifier.
pub fn public_body_word(w: &str) -> bool {
    matches!(
        w,
        "parliament"
            | "government"
            | "council"
            | "ministry"
            | "agency"
            | "party"
            | "army"
            | "police"
            | "commission"
            | "assembly"
            | "senate"
            | "committee"
            | "authority"
            | "administration"
            | "forces"
            | "delegation"
            | "opposition"
            | "province"
            | "region"
            | "municipality"
            | "military"
            | "junta"
            | "cabinet"
            | "state"
            | "navy"
            | "intelligence"
    )
}

/// Heads too generic to make an official alone ("team leader John"): they need a body or
/// a country, whatever their casing.
pub fn always_generic_head(w: &str) -> bool {
    matches!(
        w,
        "head"
            | "chief"
            | "official"
            | "leader"
            | "director"
            | "founder"
            | "co-founder"
            | "representative"
            | "aide"
            | "delegate"
            | "candidate"
            | "deputy"
            | "member"
            | "officer"
    )
}

/// Heads that are roles when capitalized ("Speaker X") but too often ordinary nouns in
/// lowercase ("the club's captain John").
pub fn lowercase_generic_head(w: &str) -> bool {
    matches!(
        w,
        "chair"
            | "chairman"
            | "chairwoman"
            | "captain"
            | "general"
            | "lieutenant"
            | "sergeant"
            | "speaker"
            | "prince"
            | "king"
            | "queen"
            | "judge"
            | "justice"
    )
}

/// Royal styles before a name that the lexicon files as heads but which hold no post by
/// themselves: a post the text apposes replaces them ("Prince Faisal, Foreign Minister").
pub fn royal_style(w: &str) -> bool {
    matches!(w, "prince" | "princess")
}

/// Political abbreviations the lexicon files as grades but which are posts ("Sen.").
pub fn political_abbreviation(w: &str) -> bool {
    matches!(w, "sen." | "rep." | "gov." | "amb." | "pres.")
}

/// Heads of legislators and governors, who are "of" a state or province ("Senator Jon
/// Ossoff of Georgia"): there a first-level region reading wins.
pub fn regional_head(w: &str) -> bool {
    matches!(
        w,
        "senator"
            | "sen."
            | "representative"
            | "rep."
            | "congressman"
            | "congresswoman"
            | "governor"
            | "gov."
            | "lawmaker"
            | "legislator"
            | "assemblyman"
            | "assemblywoman"
    )
}

/// Verbs of "X, who heads the ministry" and the role each implies.
pub fn relative_role(verb: &str) -> Option<&'static str> {
    Some(match verb {
        "heads" | "headed" => "head",
        "leads" | "led" => "leader",
        "chairs" | "chaired" => "chair",
        "directs" => "director",
        "commands" | "commanded" => "commander",
        "governs" => "governor",
        _ => return None,
    })
}

/// Adverbs and auxiliaries between "who" and the verb: "who has headed", "who also leads".
pub fn relative_adverb(w: &str) -> bool {
    matches!(w, "had" | "has" | "also" | "currently" | "now")
}

/// Copulas of "X, who is the foreign minister": the role follows.
pub fn relative_copula(w: &str) -> bool {
    matches!(w, "is" | "was" | "serves" | "served" | "became")
}

/// Nouns that name the person after a role: "Secretary of Labor pick Jane Doe".
pub fn nominee_word(w: &str) -> bool {
    matches!(w, "pick" | "nominee" | "designate")
}

/// Prepositions opening a qualifier between a role and the holder's name: "chief
/// negotiator for the Istanbul talks, Jane Doe".
pub fn qualifier_preposition(w: &str) -> bool {
    matches!(w, "for" | "on" | "in" | "at" | "of")
}

/// Tokens that may close an apposed name ("the President of France, Emmanuel Macron.").
pub fn closes_apposed_name(w: &str) -> bool {
    matches!(w, "," | "." | ";" | ":" | ")" | "(" | "-" | "\"" | "'s")
}

/// Nouns of "X to the post of ROLE".
pub fn post_noun(w: &str) -> bool {
    matches!(w, "post" | "position" | "office" | "role" | "job")
}

/// Verbs and auxiliaries between a name and "as": "will serve as", "was appointed as".
pub fn role_verb(w: &str) -> bool {
    matches!(
        w,
        // "took oath as", "assumed office as", "took charge as"
        "oath"
            | "office"
            | "charge"
            | "assumed"
            | "assumes"
            | "stepped"
            | "step"
            | "steps"
            | "down"
            | "resigned"
            | "quit"
            | "will"
            | "would"
            | "to"
            | "serve"
            | "serves"
            | "served"
            | "serving"
            | "take"
            | "takes"
            | "took"
            | "over"
            | "was"
            | "is"
            | "be"
            | "been"
            | "has"
            | "had"
            | "appointed"
            | "named"
            | "elected"
            | "sworn"
            | "in"
            | "confirmed"
            | "nominated"
            | "reappointed"
            | "installed"
            | "continue"
            | "continues"
            | "remain"
            | "remains"
            | "act"
            | "acts"
            | "acting"
    )
}

/// Letters after a name before its role in an apposition ("Jane Roe, JP, Minister of
/// ...", "John Doe, S.C., M.P., Prime Minister of ..."): honours and professional marks.
pub fn postnominal(w: &str) -> bool {
    matches!(
        w,
        "jp" | "j.p."
            | "sc"
            | "s.c."
            | "qc"
            | "q.c."
            | "kc"
            | "k.c."
            | "mp"
            | "m.p."
            | "obe"
            | "cbe"
            | "mbe"
            | "kbe"
            | "dbe"
            | "phd"
            | "ph.d."
            | "gcmg"
            | "kcmg"
            | "cmg"
    )
}

/// A copula before a definite role ("X is the new minister"): see
/// `constructions::NAME_IS_ROLE`.
pub fn copula(w: &str) -> bool {
    COPULAS.contains(&w)
}

/// The words [`copula`] accepts.
pub const COPULAS: [&str; 6] = ["is", "was", "be", "being", "becomes", "became"];

/// "X will take over from Y as ROLE": the words of the phrasal verb, last first.
pub fn take_over_from(last3: [&str; 3]) -> bool {
    matches!(last3[0], "from")
        && matches!(last3[1], "over")
        && matches!(last3[2], "take" | "takes" | "took" | "taking")
}

/// An auxiliary before "be" ("will be the minister").
pub fn auxiliary(w: &str) -> bool {
    matches!(w, "will" | "would" | "shall" | "to")
}

/// Participles of appointment whose passive takes the role with no "as" ("X was elected
/// President", "X was named Deputy President").
pub fn appointment_participle(w: &str) -> bool {
    APPOINTMENT_PARTICIPLES.contains(&w)
}

/// The words [`appointment_participle`] accepts.
pub const APPOINTMENT_PARTICIPLES: [&str; 6] = [
    "elected",
    "re-elected",
    "reelected",
    "named",
    "appointed",
    "nominated",
];

/// Auxiliaries of the passive before a participle ("was", "has been").
pub fn passive_auxiliary(w: &str) -> bool {
    matches!(
        w,
        "was" | "were" | "is" | "are" | "been" | "be" | "has" | "have" | "had"
    )
}

/// An auxiliary, or the words of "is set to" before a verb.
pub fn auxiliary_or_set(w: &str) -> bool {
    auxiliary(w) || matches!(w, "is" | "was" | "set" | "expected")
}

/// Words of a term-of-office phrase between a verb and "as" ("for a third six-year term
/// on Friday"); dates and numbers count too (see `constructions`).
pub fn term_word(w: &str) -> bool {
    matches!(
        w,
        "for"
            | "a"
            | "an"
            | "his"
            | "her"
            | "their"
            | "second"
            | "third"
            | "fourth"
            | "fifth"
            | "sixth"
            | "new"
            | "another"
            | "full"
            | "consecutive"
            | "straight"
            | "term"
            | "mandate"
            | "-"
            | "year"
            | "two"
            | "three"
            | "four"
            | "five"
            | "six"
            | "seven"
            | "on"
            | "formally"
            | "officially"
            | "again"
            | "yesterday"
            | "today"
    )
}

/// Private bodies named in lowercase before "'s": "X, the company's spokesperson" is no
/// official.
pub fn private_possessor(w: &str) -> bool {
    matches!(
        w,
        "company" | "firm" | "group" | "bank" | "newspaper" | "channel" | "club" | "team"
    )
}

/// Articles and possessives opening an apposed role: "X, the ...", "X, his ...".
pub fn role_determiner(w: &str) -> bool {
    matches!(
        w,
        "the" | "a" | "an" | "his" | "her" | "its" | "their" | "now" | "then"
    )
}

/// Articles before "new" in "X as the new minister".
pub fn article(w: &str) -> bool {
    matches!(w, "the" | "a" | "an")
}

/// Descriptive words before an apposed role: "the veteran diplomat", "a powerful minister".
pub fn role_descriptor(w: &str) -> bool {
    matches!(
        w,
        "veteran"
            | "longtime"
            | "long-time"
            | "seasoned"
            | "newly"
            | "recently"
            | "powerful"
            | "influential"
            | "outspoken"
            | "popular"
            | "embattled"
    )
}

/// Collective nouns before "'s" whose role is the item's own: "X, the country's foreign
/// minister", "the party's leader".
pub fn collective_possessor(w: &str) -> bool {
    matches!(
        w,
        "country"
            | "nation"
            | "kingdom"
            | "republic"
            | "state"
            | "city"
            | "region"
            | "province"
            | "island"
            | "government"
            | "party"
            | "group"
            | "movement"
            | "army"
            | "bloc"
            | "alliance"
            | "organisation"
            | "organization"
    )
}

/// Verbs introducing a list of names after a plural role: "The governors include A, B".
pub fn list_verb(w: &str) -> bool {
    matches!(w, "include" | "included" | "including" | "are" | "were")
}

/// Punctuation between a plural role and its list: "counterparts -- A and B".
pub fn list_opener(w: &str) -> bool {
    matches!(w, "-" | ":" | ",")
}

/// Title words that make a different role of the same head: "the Secretary" is not the
/// Deputy Secretary.
pub const OTHER_RANK_WORDS: [&str; 5] = ["vice", "deputy", "former", "assistant", "under"];

/// Titles with "secretary" that are not the American cabinet style ("Foreign Secretary"
/// is British, "Secretary General" an organization's).
pub fn non_us_secretary(title: &str) -> bool {
    title.contains("general")
        || title.contains("cabinet")
        || title.contains("defence")
        || title.contains("foreign secretary")
        || title.contains("home secretary")
}

// ---------------------------------------------------------------------------------------
// The role-phrase parser's lists (`titles`)
// ---------------------------------------------------------------------------------------

/// Connectors opening a role's complement: "Minister of ...", "Commissioner for ...",
/// "adviser on ...".
pub fn complement_connector(w: &str) -> bool {
    matches!(w, "of" | "for" | "on")
}

/// Words of a state's formal style before "of": "the Federal Democratic Republic of".
pub fn formal_style_word(w: &str) -> bool {
    matches!(
        w,
        "republic"
            | "kingdom"
            | "federal"
            | "democratic"
            | "islamic"
            | "people's"
            | "arab"
            | "socialist"
            | "united"
            | "state"
            | "sultanate"
            | "emirate"
            | "principality"
            | "federation"
    )
}

/// Words after a place that make it a US-style state rather than a country: "Georgia Gov.
/// Brian Kemp", "Texas Attorney General".
pub fn state_level_role_word(w: &str) -> bool {
    matches!(
        w,
        "gov."
            | "governor"
            | "lt."
            | "lieutenant"
            | "sen."
            | "senator"
            | "rep."
            | "representative"
            | "state"
            | "attorney"
            | "secretary"
            | "house"
            | "senate"
            | "republican"
            | "democrat"
            | "democratic"
            | "congressman"
            | "congresswoman"
            | "assemblyman"
            | "assemblywoman"
            | "legislator"
    )
}

/// Head prefixes of envoys, sent *to* a place ("envoy for Yemen" keeps Yemen in the title
/// and does not serve it).
pub fn envoy_head(w: &str) -> bool {
    w.starts_with("envoy")
        || w.starts_with("ambassador")
        || w.starts_with("representative")
        || w.starts_with("consul")
}

/// Last words of a body's name that states use for their bodies ("National Environment
/// Management Authority"): its staff are officials whatever their job title.
pub fn public_body_suffix(w: &str) -> bool {
    matches!(
        w,
        "authority"
            | "agency"
            | "commission"
            | "ministry"
            | "department"
            | "bureau"
            | "directorate"
            | "administration"
            | "council"
            | "service"
            | "board"
            | "office"
    )
}

/// Words of a company's, outlet's or school's name ("Acme Holdings", "Daily Herald").
pub fn private_body_word(w: &str) -> bool {
    matches!(
        w,
        "company"
            | "corporation"
            | "corp"
            | "corp."
            | "inc"
            | "inc."
            | "ltd"
            | "ltd."
            | "llc"
            | "plc"
            | "holdings"
            | "group"
            | "airlines"
            | "airways"
            | "news"
            | "radio"
            | "television"
            | "tv"
            | "network"
            | "channel"
            | "broadcasting"
            | "herald"
            | "tribune"
            | "journal"
            | "gazette"
            | "telegraph"
            | "university"
            | "college"
            | "school"
            | "institute"
            | "society"
            | "club"
            | "hospital"
            | "motors"
            | "technologies"
            | "energy"
            | "partners"
            | "capital"
    )
}

/// Joining words inside a body's name: "Culture and Tourism", "the General Staff".
pub fn body_joiner(w: &str) -> bool {
    matches!(w, "and" | "the" | "&")
}

/// Tokens after which a capitalized run continues the body, not a name: "Foreign Affairs
/// and Emigrants", "of Economy".
pub fn body_connector(w: &str) -> bool {
    matches!(w, "and" | "of" | "the" | "for" | "," | "&")
}

/// Tokens closing a run of name words inside a body ("... and Rosa Icela Rodríguez,", "...,
/// and Jane Roe as Minister for Education").
pub fn closes_name_run(w: &str) -> bool {
    matches!(w, "," | "." | ";" | "(" | ")" | "as")
}

// ---------------------------------------------------------------------------------------
// Name spans (`names`)
// ---------------------------------------------------------------------------------------

/// Names spelled like English function words ("To Lam", "Do Hung", "Said Mtanda").
pub fn function_word_name(w: &str) -> bool {
    matches!(w, "to" | "do" | "said")
}

/// "Sheikh" inside a name ("Hassan Sheikh Mohamud") is part of it.
pub fn sheikh(w: &str) -> bool {
    matches!(w, "sheikh" | "sheik" | "shaikh")
}

/// Generational suffixes, as written ("Robert Smith Jr.", "Van R. Johnson, II").
pub fn generational_suffix(surface: &str) -> bool {
    matches!(surface, "Jr." | "Jr" | "Sr." | "Sr" | "II" | "III" | "IV")
}

/// A line's bullet: roll-call lists mark their entries with it.
pub fn bullet(w: &str) -> bool {
    matches!(w, "-" | "*" | "•" | "·" | "–" | "—" | "+")
}

/// Punctuation that may close a roll-call line.
pub fn line_closing_punct(w: &str) -> bool {
    matches!(w, "." | ";" | ",")
}

/// `s` lowercased, in `buf` when it is ASCII and fits (role heads, titles: most are), so
/// the checks that run for every role phrase allocate nothing; else a new string.
pub fn lowercase_in<'b>(s: &str, buf: &'b mut [u8]) -> std::borrow::Cow<'b, str> {
    if s.is_ascii() && s.len() <= buf.len() {
        let out = &mut buf[..s.len()];
        out.copy_from_slice(s.as_bytes());
        out.make_ascii_lowercase();
        // ASCII bytes in, ASCII bytes out: always valid UTF-8.
        if let Ok(lower) = std::str::from_utf8(out) {
            return std::borrow::Cow::Borrowed(lower);
        }
    }
    std::borrow::Cow::Owned(s.to_lowercase())
}

/// Whether `s` lowercased contains the lowercase ASCII word `needle`, without lowercasing
/// it: no char but ASCII lowercases to ASCII letters other than the Kelvin sign's "k" and
/// the dotted capital I's "i" (followed by a combining dot, so it never continues a word),
/// and the bytes of other chars are never ASCII.
pub fn contains_ignore_case(s: &str, needle: &str) -> bool {
    debug_assert!(
        !needle.contains('k')
            && !needle.ends_with('i')
            && !needle.bytes().any(|b| b.is_ascii_uppercase())
    );
    let n = needle.len();
    n == 0
        || s.as_bytes()
            .windows(n)
            .any(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}
