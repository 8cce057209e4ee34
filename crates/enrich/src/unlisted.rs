//! Places in no gazetteer that the text itself introduces as places.
//!
//! News names villages, suburbs, districts and rivers far below any gazetteer's cut ("the
//! villages of Ceel Baraf and Mahaday Weyne", "Kasimpar village", "suburbs such as Crosby
//! and Northcliff", "Moqokori, a farming settlement"). A capitalized name the lexicon does
//! not know is still a place when the sentence says so through a place noun around it. This
//! pass finds those names after people, titles, organizations and known places have taken
//! their words, so only the leftovers are read, and only where one of these cues holds:
//!
//! * a place noun and "of" before a list of names: "the villages of A and B", "the town of
//!   A", "the outskirts of A";
//! * a plural place noun and "such as" / "including" / "like" before the list: "suburbs
//!   such as A, B and C";
//! * a place noun after the name or list, in lowercase: "A village", "A and B districts",
//!   "A rural municipality", "the A and B rivers";
//! * an apposition that says what the name is: "A, a farming settlement on the road";
//! * "near A", "north of A", "A's outskirts" (a compass word or "near" right before);
//! * "in A, B" / "in A in B" where B is a place already found;
//! * Korean administrative suffixes: "Myeongil-dong", "Gangdong-gu".
//!
//! The caller gives each such place the country and coordinates of the place the text puts
//! it in, and marks it approximate.

use crate::claims::Claims;
use crate::model::LocationKind;
use crate::scan::{ok, Doc};

/// Longest name read here, in tokens ("Son en Breugel", "Mahaday Weyne").
const MAX_RUN: usize = 5;

/// Place nouns and what they say about the names they introduce: (word, kind, plural).
/// [`place_noun`] and the cue filter of [`find`] both read this one table.
const PLACE_NOUNS: &[(&str, LocationKind, bool)] = {
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

/// What a place noun says about the names it introduces (see [`PLACE_NOUNS`]).
fn place_noun(w: &str) -> Option<(LocationKind, bool)> {
    PLACE_NOUNS
        .iter()
        .find(|(word, _, _)| *word == w)
        .map(|&(_, kind, plural)| (kind, plural))
}

/// Natural-feature nouns that say what a name is in an apposition ("the Sundarbans, the
/// world's largest mangrove forest").
fn apposition_noun(w: &str) -> Option<(LocationKind, bool)> {
    match w {
        "forest" | "lake" | "mountain" | "desert" | "peninsula" | "archipelago" | "bay"
        | "valley" | "atoll" | "lagoon" | "wetland" | "reserve" => Some((LocationKind::Geo, false)),
        _ => None,
    }
}

/// Nouns after which "such as" lists places; wider than [`place_noun`] ("areas such as").
fn list_noun(w: &str) -> Option<LocationKind> {
    match w {
        "areas" | "communities" | "places" => Some(LocationKind::City),
        _ => place_noun(w).filter(|p| p.1).map(|p| p.0),
    }
}

/// Words that make a trailing place noun part of a longer common noun or a title
/// ("the Dhading district chief", "a town hall", "the county council"): the name is then a
/// modifier, not a place mention.
fn compound_after(w: &str) -> bool {
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

/// Does the token after a trailing place noun end the noun phrase? ("A village, where",
/// "A village on", "A village.")
fn phrase_ends(doc: &Doc<'_, '_>, k: usize) -> bool {
    if k >= doc.len() || doc.t.toks[k].newline_before {
        return true;
    }
    let w = doc.t.lower(k);
    doc.t.toks[k].kind != crate::tokens::Kind::Word || !compound_after(w)
}

/// Lowercase name particles inside place names ("Son en Breugel", "Norte de Santander").
fn particle(w: &str) -> bool {
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

/// Does token `k` join two parts of one name: a hyphen glued on both sides ("Kambarata-1",
/// "Castilla-La Mancha") or a lowercase particle before a capitalized word?
fn joins(doc: &Doc<'_, '_>, k: usize) -> bool {
    let n = doc.len();
    if k + 1 >= n {
        return false;
    }
    // ... not "Arab-dominated"; "Myeongil-dong" is one name.
    let next = &doc.t.toks[k + 1];
    let hyphen = doc.t.is_punct(k, "-")
        && !doc.t.toks[k].space_before
        && !next.space_before
        && (next.cap || next.kind == crate::tokens::Kind::Num || korean_suffix(doc.t.lower(k + 1)));
    hyphen || (particle(doc.t.lower(k)) && doc.is_cap_word(k + 1))
}

/// End of the run of name words starting at `a` ("Mahaday Weyne", "Son en Breugel",
/// "Kambarata-1"), or `None` when `a` starts no name.
fn run_from(doc: &Doc<'_, '_>, a: usize) -> Option<usize> {
    if !doc.is_cap_word(a) {
        return None;
    }
    let n = doc.len();
    let mut b = a + 1;
    while b < n && b - a < MAX_RUN && !doc.t.toks[b].newline_before {
        // "Ain el-Tineh", "Deir al-Balah": an article glued to the next word.
        let article = matches!(
            doc.t.lower(b),
            "el" | "al" | "ad" | "as" | "ash" | "ar" | "an"
        ) && doc.t.is_punct(b + 1, "-")
            && !doc.t.toks[b + 1].space_before
            && doc.is_cap_word(b + 2)
            && !doc.t.toks[b + 2].space_before;
        if doc.is_cap_word(b) {
            b += 1;
        } else if article {
            b += 3;
        } else if joins(doc, b) {
            b += 2;
        } else {
            break;
        }
    }
    Some(b.min(n))
}

/// Start of the run of name words ending at `b` (exclusive), the mirror of [`run_from`].
fn run_to(doc: &Doc<'_, '_>, b: usize) -> Option<usize> {
    if b == 0 || !doc.is_cap_word(b - 1) {
        return None;
    }
    let mut a = b - 1;
    while a > 0 && b - a < MAX_RUN && !doc.t.toks[a].newline_before && !doc.sent_start[a] {
        let j = a - 1;
        if doc.is_cap_word(j) {
            a = j;
        } else if j > 0 && joins(doc, j) && doc.is_cap_word(j - 1) {
            a = j - 1;
        } else {
            break;
        }
    }
    Some(a)
}

/// Is `a..b` a name this pass may take: nothing in it already read as a person, title,
/// place or organization, no headline, not a dictionary word alone, not an acronym, and not
/// written elsewhere in the item as a surname.
fn free_name(
    doc: &Doc<'_, '_>,
    claims: &Claims,
    a: usize,
    b: usize,
    taken: &dyn Fn(usize) -> bool,
) -> bool {
    if b <= a || b > doc.len() {
        return false;
    }
    if (a..b)
        .any(|k| claims[k] != 0 || taken(k) || doc.headline[k] || doc.org_chunk_at(k).is_some())
    {
        return false;
    }
    // A dictionary phrase reaching out of the run ("Northern Rivers region" is fine,
    // "Development Bank" is not a village).
    if (a..b).any(|k| {
        doc.seg[k].is_some_and(|s| s.b > b || s.ok & (ok::TITLE | ok::ORG | ok::DEMONYM) != 0)
    }) {
        return false;
    }
    // A word the dictionary knows alone, unless as a place name the earlier passes left out
    // ("Crosby" of "suburbs such as Crosby", a village of the Isle of Man in the gazetteer).
    // "Ras Isa": an Arabic word for a cape or spring starts a longer name.
    let toponym_head = b - a > 1 && matches!(doc.t.lower(a), "ras" | "ain" | "bir" | "wadi");
    if let Some(e) = doc.word(a).filter(|_| !toponym_head) {
        if (b - a == 1 && e.places.is_empty()) || e.stop || e.title != 0 || e.demonym.is_some() {
            return false;
        }
    }
    // "in Formula One", "worked in Marketing": common words, not a name.
    if (a..b)
        .filter(|&k| doc.t.toks[k].kind == crate::tokens::Kind::Word)
        .all(|k| doc.lex.common.contains(&doc.t.toks[k].hash))
    {
        return false;
    }
    // "the Sicilian province": an adjective the lexicon lacks, not a name.
    if b - a == 1
        && ["ian", "ese", "ish", "ern"]
            .iter()
            .any(|e| doc.t.lower(a).ends_with(e))
    {
        return false;
    }
    if (a..b).all(|k| doc.t.toks[k].upper) {
        return false;
    }
    // "A's", and dates ("in Sept 15").
    if doc.t.is_punct(b, "'")
        || doc.t.lower(b) == "'s"
        || (b < doc.len() && doc.t.toks[b].kind == crate::tokens::Kind::Num)
    {
        return false;
    }
    !crate::locations::used_as_surname(doc, claims, a, b, taken)
}

/// Names of a list starting at `a`: "A", "A and B", "A, B and C", "A, B, or C". Members
/// already read as places (`taken`) are skipped but keep the list going. Returns each
/// unread member's span.
fn list_from(
    doc: &Doc<'_, '_>,
    mut a: usize,
    taken: &dyn Fn(usize) -> bool,
) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for _ in 0..8 {
        let b = if taken(a) {
            let mut b = a;
            while b < doc.len() && taken(b) {
                b += 1;
            }
            b
        } else {
            match run_from(doc, a) {
                Some(b) => {
                    out.push((a, b));
                    b
                }
                None => break,
            }
        };
        // A comma alone also ends clauses ("in A, B told them"): the list must end with
        // "and" or "or".
        let next = match (doc.t.lower(b), doc.t.lower(b + 1)) {
            (",", "and" | "or") => b + 2,
            ("and" | "or", _) => b + 1,
            (",", _) if doc.is_cap_word(b + 1) && crate::locations::list_goes_on(doc, b) => b + 1,
            _ => break,
        };
        if !doc.is_cap_word(next) {
            break;
        }
        a = next;
    }
    out
}

/// Names of a list ending right before token `end` ("A and B" before "districts"), last
/// first; the mirror of [`list_from`].
fn list_to(
    doc: &Doc<'_, '_>,
    mut end: usize,
    plural: bool,
    taken: &dyn Fn(usize) -> bool,
) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for _ in 0..8 {
        let a = if end > 0 && taken(end - 1) {
            let mut a = end - 1;
            while a > 0 && taken(a - 1) {
                a -= 1;
            }
            a
        } else {
            match run_to(doc, end) {
                Some(a) => {
                    out.push((a, end));
                    a
                }
                None => break,
            }
        };
        if !plural || a < 2 {
            break;
        }
        end = match (doc.t.lower(a - 1), doc.t.lower(a.saturating_sub(2))) {
            ("and" | "or", ",") => a - 2,
            ("and" | "or", _) | (",", _) => a - 1,
            _ => break,
        };
        if end == 0 || !doc.is_cap_word(end - 1) && !taken(end - 1) {
            break;
        }
    }
    out
}

/// Is token `k` a preposition that puts the names after it somewhere ("in", "near")? Not
/// after words that take "in" for other things ("invested in", "a stake in", "believe in"),
/// nor "via" ("Share via WhatsApp"). "To", "at" and "from" introduce people and companies
/// as often as places: they count only after words of movement or position ("fled to",
/// "the danger mark at").
fn locative(doc: &Doc<'_, '_>, k: usize) -> bool {
    let w = doc.t.lower(k);
    let before = k.checked_sub(1).map_or("", |j| doc.t.lower(j));
    // "fled to A", "the danger mark at A", "evacuated from A": these three only after words
    // of movement and position.
    match w {
        "to" => return movement(before) || matches!(before, "closer" | "next" | "close"),
        "from" => {
            return movement(before)
                || matches!(
                    before,
                    "withdrew" | "withdrawn" | "expelled" | "away" | "far"
                )
        }
        "at" => {
            return matches!(
                before,
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
        _ => {}
    }
    if !matches!(
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
    ) {
        return false;
    }
    !matches!(
        before,
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

/// Members of the list whose last joiner is token `k` ("and"/"or"): the unread names, and
/// how many members are places already read.
fn list_around(
    doc: &Doc<'_, '_>,
    k: usize,
    taken: &dyn Fn(usize) -> bool,
) -> (Vec<(usize, usize)>, usize) {
    let mut unknown = Vec::new();
    let mut known = 0;
    // The member after the joiner.
    if taken(k + 1) {
        known += 1;
    } else if let Some(b) = run_from(doc, k + 1) {
        unknown.push((k + 1, b));
    } else {
        return (unknown, 0);
    }
    // The members before it, back to the first.
    let mut end = if doc.t.is_punct(k.wrapping_sub(1), ",") {
        k - 1
    } else {
        k
    };
    for _ in 0..8 {
        if end == 0 {
            break;
        }
        let a = if taken(end - 1) {
            known += 1;
            let mut a = end - 1;
            while a > 0 && taken(a - 1) {
                a -= 1;
            }
            a
        } else if let Some(a) = run_to(doc, end) {
            unknown.push((a, end));
            a
        } else {
            break;
        };
        if a < 2 || !doc.t.is_punct(a - 1, ",") {
            break;
        }
        end = a - 1;
    }
    (unknown, known)
}

/// Words of movement after which "to A" and "from A" name places.
fn movement(w: &str) -> bool {
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
fn compass(w: &str) -> bool {
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

/// Length of a capitalized generic building name starting at `k` ("Government House",
/// "Palace of Justice", "City Hall"), if any.
fn generic_building(doc: &Doc<'_, '_>, k: usize) -> Option<usize> {
    const NAMES: &[&[&str]] = &[
        &["Government", "House"],
        &["Parliament", "House"],
        &["Palace", "of", "Justice"],
        &["City", "Hall"],
        &["Town", "Hall"],
    ];
    NAMES
        .iter()
        .find(|words| {
            words
                .iter()
                .enumerate()
                .all(|(x, w)| k + x < doc.len() && doc.t.surface(k + x) == *w)
        })
        .map(|words| words.len())
}

/// Korean administrative suffixes written after a hyphen: neighbourhoods ("-dong"),
/// districts ("-gu", "-gun"), towns ("-eup", "-myeon"), villages ("-ri").
fn korean_suffix(w: &str) -> bool {
    matches!(w, "dong" | "gu" | "gun" | "eup" | "myeon" | "ri")
}

/// Hashes of every token that can be a cue of [`find`]: the words its branches test first.
fn cue_words() -> &'static crate::lexicon::IdSet {
    static CUES: std::sync::OnceLock<crate::lexicon::IdSet> = std::sync::OnceLock::new();
    CUES.get_or_init(|| {
        const WORDS: &[&str] = &[
            ",",
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
        let nouns = PLACE_NOUNS.iter().map(|&(word, _, _)| word);
        WORDS
            .iter()
            .copied()
            .chain(nouns)
            .map(crate::tokens::hash_str)
            .collect()
    })
}

/// Place spans in no gazetteer, with the kind their cue gives, and for each the token just
/// after its whole phrase (the kind word included), where a containing place may follow
/// ("X village in Y"). `taken(k)`: token `k` is already part of a place.
pub fn find(doc: &Doc<'_, '_>, claims: &Claims, taken: &dyn Fn(usize) -> bool) -> Vec<Unlisted> {
    let n = doc.len();
    let mut out: Vec<Unlisted> = Vec::new();
    let push = |out: &mut Vec<Unlisted>, a: usize, b: usize, end: usize, kind| {
        if let Some(u) = out.iter_mut().find(|u| u.a < b && a < u.b) {
            // Read again with its kind word after it ("..., and Kasembo village").
            if (u.a, u.b) == (a, b) && end > u.end {
                u.end = end;
                u.kind = kind;
            }
        } else if free_name(doc, claims, a, b, taken) {
            out.push(Unlisted { a, b, end, kind });
        }
    };
    let cues = cue_words();
    for k in 0..n {
        // Most tokens are no cue: one hash probe skips them.
        if !cues.contains(&doc.t.toks[k].hash) {
            continue;
        }
        let w = doc.t.lower(k);
        // "the villages of A and B", "the town of A", "north of A", "parts of A".
        if doc.t.lower(k + 1) == "of" && doc.is_cap_word(k + 2) {
            let kind = match place_noun(w) {
                Some((kind, _)) if !matches!(w, "river" | "rivers") => Some(kind),
                _ if compass(w) || w == "parts" => Some(LocationKind::City),
                _ => None,
            };
            if let Some(kind) = kind {
                for (a, b) in list_from(doc, k + 2, taken) {
                    push(&mut out, a, b, b, kind);
                }
            }
        }
        // "suburbs such as A, B and C".
        if let Some(kind) = list_noun(w) {
            let start = match (doc.t.lower(k + 1), doc.t.lower(k + 2)) {
                ("such", "as") => Some(k + 3),
                ("including" | "like", _) => Some(k + 2),
                _ => None,
            };
            if let Some(s) = start.filter(|&s| doc.is_cap_word(s)) {
                for (a, b) in list_from(doc, s, taken) {
                    push(&mut out, a, b, b, kind);
                }
            }
        }
        // "A village", "A and B districts", "A rural municipality"; "the A area", "the A, B
        // and C ports" (these two nouns only after the name).
        let trailing = place_noun(w).or(match w {
            "area" | "port" => Some((LocationKind::City, false)),
            "areas" | "ports" => Some((LocationKind::City, true)),
            _ => None,
        });
        if let Some((kind, plural)) = trailing.filter(|_| !doc.t.toks[k].cap) {
            let before = if k >= 1 && matches!(doc.t.lower(k - 1), "rural" | "urban") {
                k - 1
            } else {
                k
            };
            // "in the Kalkaji seat" style titles never reach here; "a district" neither.
            if before > 0 && phrase_ends(doc, k + 1) && !doc.t.toks[before].newline_before {
                for (a, b) in list_to(doc, before, plural, taken) {
                    push(&mut out, a, b, k + 1, kind);
                }
            }
        }
        // "near A", "in A and B": a locative preposition before names nothing else claims.
        // A name the gazetteers place in a country the item does not name was left out on
        // purpose (the Irish village of Foxford in a story from Madrid); a preposition alone
        // does not bring it back.
        if locative(doc, k) && doc.is_cap_word(k + 1) && !doc.sent_start[k + 1] {
            for (a, b) in list_from(doc, k + 1, taken) {
                if !crate::locations::known_anywhere(doc, a, b) {
                    push(&mut out, a, b, b, LocationKind::City);
                }
            }
        }
        // "A, a farming settlement on the road", "A, a silt island in the Bay of Bengal".
        if w == "," && k > 0 && matches!(doc.t.lower(k + 1), "a" | "an" | "the") {
            // Only describing words between the article and the noun: "a pensioner in the
            // town of X" describes a person.
            let mut j = k + 2;
            let noun_at = |j: usize| place_noun(doc.t.lower(j)).or(apposition_noun(doc.t.lower(j)));
            while j < n
                && j < k + 6
                && !doc.t.toks[j].cap
                && (doc.t.toks[j].kind == crate::tokens::Kind::Word || doc.t.lower(j) == "'s")
                && noun_at(j).is_none()
                && !matches!(
                    doc.t.lower(j),
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
            {
                j += 1;
            }
            let noun = noun_at(j).filter(|p| !p.1 && !doc.t.toks[j].cap);
            let ends = matches!(
                doc.t.lower(j + 1),
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
            );
            if let (Some((kind, _)), true) = (noun, ends) {
                if let Some(a) = run_to(doc, k) {
                    push(&mut out, a, k, k, kind);
                }
            }
        }
        // "Kathmandu, Lalitpur and Kavrepalanchok": a list that is mostly places already
        // read is a list of places.
        if matches!(w, "and" | "or") {
            let (unknown, known) = list_around(doc, k, taken);
            if known >= 2 && !unknown.is_empty() && unknown.len() <= known {
                for (a, b) in unknown {
                    push(&mut out, a, b, b, LocationKind::City);
                }
            }
        }
        // "in Albay, Camarines Sur and other provinces".
        if w == "other" && k > 0 && matches!(doc.t.lower(k - 1), "and" | "or") {
            if let Some(kind) = list_noun(doc.t.lower(k + 1)) {
                for (a, b) in list_to(doc, k - 1, true, taken) {
                    push(&mut out, a, b, b, kind);
                }
            }
        }
        // "... and Woodruff, South Carolina": a name in a list or after a preposition, then
        // a place already read after the comma.
        if w == "," && k > 0 && taken(k + 1) && !taken(k - 1) {
            let mut e = k + 1;
            while e < n && taken(e) {
                e += 1;
            }
            let ends = !doc.is_cap_word(e) && doc.t.lower(e) != "'s";
            if let Some(a) = run_to(doc, k).filter(|_| ends) {
                let joined = a > 0 && matches!(doc.t.lower(a - 1), "and" | "or" | ",");
                if joined || (a > 0 && locative(doc, a - 1)) {
                    push(&mut out, a, k, k, LocationKind::City);
                }
            }
        }
        // "Amberley, west of Brisbane", "A, 40 km north of B": B a place already read.
        if w == "," && k > 0 {
            let mut j = k + 1;
            if matches!(
                doc.t.lower(j),
                "about" | "some" | "around" | "roughly" | "just"
            ) {
                j += 1;
            }
            if doc
                .t
                .toks
                .get(j)
                .is_some_and(|t| t.kind == crate::tokens::Kind::Num)
            {
                j += 1;
                if matches!(
                    doc.t.lower(j),
                    "km" | "kilometres" | "kilometers" | "miles" | "mi" | "kilometre" | "kilometer"
                ) {
                    j += 1;
                }
            }
            let rel = doc.t.lower(j);
            if rel == "near" || compass(rel) && rel != "outskirts" && doc.t.lower(j + 1) == "of" {
                let at = if rel == "near" { j + 1 } else { j + 2 };
                if taken(at) {
                    if let Some(a) = run_to(doc, k) {
                        push(&mut out, a, k, k, LocationKind::City);
                    }
                }
            }
        }
        // "in A, B" / "in A in B", B a place already read ("at A in B" is as often a
        // company: "analysts at Banco Base in Mexico City").
        if matches!(w, "in" | "near") && doc.is_cap_word(k + 1) && !taken(k + 1) {
            if let Some(b) = run_from(doc, k + 1) {
                let next = match doc.t.lower(b) {
                    "," | "in" => b + 1,
                    _ => usize::MAX,
                };
                if next < n && taken(next) && doc.is_cap_word(next) {
                    push(&mut out, k + 1, b, b, LocationKind::City);
                }
            }
        }
        // "at Government House", "outside the Palace of Justice": buildings every capital
        // has, named by their kind alone.
        if let Some(len) = generic_building(doc, k) {
            let before = k.checked_sub(1).map_or("", |j| doc.t.lower(j));
            let free =
                (k..k + len).all(|x| claims[x] & !crate::claims::claim::TITLE == 0 && !taken(x));
            // Not a modifier ("the Government House committee").
            let e = k + len;
            let ends = e >= n
                || doc.t.toks[e].kind != crate::tokens::Kind::Word
                || matches!(
                    doc.t.lower(e),
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
                );
            if free
                && ends
                && matches!(
                    before,
                    "the" | "at" | "in" | "outside" | "inside" | "to" | "from"
                )
                && !out.iter().any(|u| u.a < e && k < u.b)
            {
                out.push(Unlisted {
                    a: k,
                    b: e,
                    end: e,
                    kind: LocationKind::Facility,
                });
            }
        }
        // "Myeongil-dong", "Gangdong-gu".
        if korean_suffix(w)
            && k >= 2
            && doc.t.is_punct(k - 1, "-")
            && !doc.t.toks[k - 1].space_before
            && !doc.t.toks[k].space_before
            && doc.is_cap_word(k - 2)
        {
            let a = k - 2;
            if a == 0 || !doc.is_cap_word(a - 1) {
                push(&mut out, a, k + 1, k + 1, LocationKind::City);
            }
        }
    }
    out.sort_by_key(|u| u.a);
    out
}

/// A place found by [`find`]: the name `a..b`, its kind, and `end`, the token after the
/// whole phrase ("Kasimpar village" ends after "village").
#[derive(Debug, Clone, Copy)]
pub struct Unlisted {
    pub a: usize,
    pub b: usize,
    pub end: usize,
    pub kind: LocationKind,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cue_filter_knows_every_place_noun() {
        // A place noun the filter skipped would silently never introduce a place.
        let cues = cue_words();
        for (w, _, _) in PLACE_NOUNS {
            assert!(
                cues.contains(&crate::tokens::hash_str(w)),
                "{w} is a place noun but no cue"
            );
            assert!(
                place_noun(w).is_some(),
                "{w} is listed but place_noun does not know it"
            );
        }
        for w in [
            "village",
            "districts",
            "sub-counties",
            "islands",
            "barangay",
        ] {
            assert!(place_noun(w).is_some(), "{w}");
        }
    }
}
