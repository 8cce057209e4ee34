//! Officials: people the text gives a public role, found by the constructions news uses:
//! role before the name ("Defense Minister Yoav Gallant"), apposition after it ("Antony
//! Blinken, the US Secretary of State"), apposition after the role ("the President of
//! France, Emmanuel Macron") and relative clauses ("X, who heads the ministry"). Later
//! mentions (surname, "Mr. X", "the Secretary") are attached to the same person.
//!
//! It must never report a person the text gives no public role, and never invent a
//! country the text does not support.

use crate::claims::{claim, Claims};
use crate::country::{CountryWeights, Signal};
use crate::gazetteer::{cc_str, Cc, NO_CC};
use crate::lexicon::{tc, OrgType};
use crate::model::{LocationKind, Mention, Official};
use crate::names;
use crate::scan::{ok, Doc};
use crate::titles::{self, OrgRef, TitlePhrase};
use crate::weights::*;

/// A person being assembled.
#[derive(Debug, Clone)]
pub struct Person {
    /// Lowercased name tokens of the fullest name.
    pub words: Vec<String>,
    pub name: String,
    pub title: Option<String>,
    /// Position (token) where the reported title was found; the earliest wins.
    pub title_pos: usize,
    /// Lowercased head words of the title, for "the Secretary".
    pub head: Vec<String>,
    pub country: Option<Cc>,
    pub country_explicit: bool,
    pub igo: bool,
    pub org: Option<String>,
    pub mentions: Vec<(usize, usize)>,
    pub minister_like: bool,
    /// Every role phrase the text gives the person, the reported one included: a later,
    /// fuller form ("Under Secretary of State for ...") can name the state.
    pub roles: Vec<String>,
    /// The reported title is a grade only ("Commodore"): a post the text gives later
    /// replaces it.
    pub rank_only: bool,
}

fn name_words(doc: &Doc<'_, '_>, a: usize, b: usize) -> Vec<String> {
    (a..b)
        .filter(|&k| doc.is_cap_word(k))
        .map(|k| doc.t.lower(k).to_string())
        .collect()
}

fn org_name(doc: &Doc<'_, '_>, o: OrgRef) -> String {
    match o {
        OrgRef::Lex(id) => doc.lex.orgs[id as usize].name.to_string(),
        OrgRef::Span(a, b) => doc.t.span_text(a, b).to_string(),
    }
}

/// Lowercase words that name a public body ("head of an elected parliament").
fn public_body_word(w: &str) -> bool {
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

/// Is a title phrase a real public role for the person it names?
fn acceptable(doc: &Doc<'_, '_>, tp: &TitlePhrase) -> bool {
    if tp.not_official {
        return false;
    }
    // A lone generic head in lowercase ("head", "chief", "official", "leader") needs a body
    // or country to qualify it, otherwise "team leader John" would count.
    let (ha, hb) = tp.head;
    let head = doc.t.span_text(ha, hb).to_lowercase();
    // Plural heads ("ministers", "officials") never introduce one name.
    if head.ends_with('s') && !head.ends_with("ss") {
        return false;
    }
    let always_generic = matches!(
        head.as_str(),
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
    );
    let lower_generic = matches!(
        head.as_str(),
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
    );
    let bare = tp.pieces.len() <= 1 && tp.org.is_none() && tp.country.is_none();
    // "head of an elected parliament": a public body named in lowercase qualifies too.
    let public_body = doc.t.is_word(hb, "of")
        && (hb + 1..(hb + 6).min(doc.len())).any(|k| {
            // "leader of the far-right National Rally": a named body qualifies too.
            if doc.seg_with(k, ok::ORG).is_some() || doc.org_chunk_at(k).is_some() {
                return true;
            }
            public_body_word(doc.t.lower(k))
        });
    if bare && !public_body && (always_generic || (lower_generic && !doc.t.toks[ha].cap)) {
        return false;
    }
    true
}

fn make_person(
    doc: &Doc<'_, '_>,
    name: (usize, usize),
    tp: Option<&TitlePhrase>,
    title_override: Option<(String, Option<OrgRef>)>,
) -> Person {
    let (a, b) = name;
    let mut p = Person {
        words: name_words(doc, a, b),
        name: doc.t.span_text(a, b).to_string(),
        title: None,
        title_pos: usize::MAX,
        head: Vec::new(),
        country: None,
        country_explicit: false,
        igo: false,
        org: None,
        mentions: vec![(a, b)],
        minister_like: false,
        roles: Vec::new(),
        rank_only: false,
    };
    if let Some(end) = names::generational_suffix(doc, b) {
        p.name = doc.t.span_text(a, end).to_string();
    }
    if let Some(tp) = tp {
        let text = tp.text(doc);
        p.minister_like = text.to_lowercase().contains("minister");
        p.title = Some(text);
        p.title_pos = tp.a;
        // (Political abbreviations such as "Sen." and "Gov." are posts, not grades.)
        p.rank_only = !tp.pieces.is_empty()
            && tp.pieces.iter().all(|&(a, b)| {
                doc.seg[a].is_some_and(|s| s.b >= b && doc.entry(&s).title & tc::RANK != 0)
                    && !matches!(doc.t.lower(a), "sen." | "rep." | "gov." | "amb." | "pres.")
            });
        p.head = name_words_lower(doc, tp.head.0, tp.head.1);
        p.country = tp.country;
        p.country_explicit = tp.country.is_some();
        p.igo = tp.igo;
        p.org = tp.org.map(|o| org_name(doc, o));
    }
    if let Some((t, org)) = title_override {
        p.title = Some(t);
        p.title_pos = b;
        if let Some(o) = org {
            if let OrgRef::Lex(id) = o {
                let info = &doc.lex.orgs[id as usize];
                if info.cc != NO_CC && info.kind != OrgType::Igo {
                    p.country = Some(info.cc);
                    p.country_explicit = true;
                }
                p.igo = info.kind == OrgType::Igo;
            }
            p.org = Some(org_name(doc, o));
        }
    }
    p
}

fn name_words_lower(doc: &Doc<'_, '_>, a: usize, b: usize) -> Vec<String> {
    (a..b)
        .filter(|&k| doc.t.toks[k].kind == crate::tokens::Kind::Word)
        .map(|k| doc.t.lower(k).to_string())
        .collect()
}

/// Name after a title must not be a place or body on its own ("President of France").
fn plausible_name(doc: &Doc<'_, '_>, a: usize, b: usize) -> bool {
    if b <= a {
        return false;
    }
    // An ALL-CAPS headline ("SAMIA INAUGURATES NEW BRIDGE") is not a name.
    let words: Vec<&str> = (a..b)
        .filter(|&k| doc.t.toks[k].kind == crate::tokens::Kind::Word)
        .map(|k| doc.t.surface(k))
        .collect();
    if words.iter().all(|w| {
        w.chars().filter(|c| c.is_alphabetic()).count() >= 3 && !w.chars().any(|c| c.is_lowercase())
    }) {
        return false;
    }
    // "Admiral Brown Promenade", "General Hospital": a place or body word ends the phrase.
    if doc.seg_with(b - 1, ok::SUFFIX | ok::ORG_HEAD).is_some() {
        return false;
    }
    if b - a == 1 || (b - a == 2 && doc.seg[a].is_some_and(|s| s.b == b)) {
        if let Some(s) = doc.seg[a] {
            if s.b == b && s.ok & (ok::PLACE | ok::ORG) != 0 {
                // A lone token that is also a place: accept only if it is a small city
                // (surnames like "Sullivan"), never a country or region.
                let e = doc.entry(&s);
                if s.ok & ok::ORG != 0 {
                    return false;
                }
                let big = e.places.iter().any(|&p| {
                    let pl = &doc.lex.places[p as usize];
                    !matches!(pl.kind, LocationKind::City) || pl.pop > 500_000
                });
                if big {
                    return false;
                }
            }
        }
    }
    true
}

/// Country named right after a name: "President Macron of France".
/// "Senator Jon Ossoff of Georgia": legislators and governors are "of" a state or
/// province, so a first-level region reading wins there.
/// Also "General X, of the Republic of Sudan": a comma, "the" and a state's formal style
/// ("Republic of", "Kingdom of") may come between.
fn trailing_country(doc: &Doc<'_, '_>, b: usize, tp: &TitlePhrase) -> Option<(Cc, usize)> {
    let n = doc.len();
    let mut k = b;
    if k < n && doc.t.is_punct(k, ",") && doc.t.is_word(k + 1, "of") {
        k += 1;
    }
    if !doc.t.is_word(k, "of") {
        return None;
    }
    k += 1;
    if k < n && doc.t.lower(k) == "the" && doc.seg_with(k, ok::PLACE).is_none() {
        k += 1;
    }
    // "the Republic of Sudan", "the Federal Democratic Republic of Ethiopia".
    if doc.seg_with(k, ok::PLACE).is_none() {
        if let Some(state) = titles::formal_state(doc, k) {
            return Some(state);
        }
    }
    let s = doc.seg_with(k, ok::PLACE)?;
    let regional = (tp.head.0..tp.head.1).any(|h| {
        matches!(
            doc.t.lower(h),
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
    });
    if regional {
        let admin = doc
            .entry(&s)
            .places
            .iter()
            .map(|&p| &doc.lex.places[p as usize])
            .filter(|p| p.kind == LocationKind::Admin)
            .max_by_key(|p| p.pop);
        if let Some(p) = admin {
            return Some((p.cc, s.b));
        }
    }
    let (cc, kind) = titles::place_country(doc, s.entry)?;
    matches!(kind, LocationKind::Country | LocationKind::Territory).then_some((cc, s.b))
}

/// Verbs of "X, who heads the ministry" and the role they imply.
fn relative_role(verb: &str) -> Option<&'static str> {
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

/// Finds every official and their mentions. Claims the tokens it uses.
pub fn extract(doc: &Doc<'_, '_>, claims: &mut Claims) -> Vec<Person> {
    let n = doc.len();
    let mut cands: Vec<Person> = Vec::new();
    // Pass 1: role before name, and "the President of France, Emmanuel Macron".
    let mut i = 0;
    while i < n {
        if claims[i] != 0 || !starts_title(doc, i) {
            i += 1;
            continue;
        }
        let Some(tp) = titles::parse(doc, i) else {
            i += 1;
            continue;
        };
        // "U.S. Senators Chris Murphy (D-Conn.) and Richard Blumenthal": a plural role
        // followed by a list of names gives each the singular role.
        if is_plural_head(doc, &tp) && !tp.not_official {
            let list = name_list(doc, claims, tp.b);
            if let Some(&(_, last_b)) = list.last() {
                let title = singular(&tp.text(doc));
                // "his US and Japanese counterparts, Lloyd Austin and Nobuo Kishi": as many
                // countries as names pair up in order; otherwise a list says nothing per name.
                let respective = tp.countries.len() == list.len() && list.len() > 1;
                for (idx, &(a, b)) in list.iter().enumerate() {
                    let mut p = make_person(doc, (a, b), Some(&tp), None);
                    if respective {
                        p.country = Some(tp.countries[idx]);
                    } else if tp.countries.len() > 1 {
                        p.country = None;
                        p.country_explicit = false;
                    }
                    p.title = Some(title.clone());
                    claims.claim(a, b, claim::PERSON);
                    cands.push(p);
                }
                claims.claim(tp.a, tp.b, claim::TITLE);
                i = last_b;
                continue;
            }
        }
        let mut j = tp.b;
        // "Secretary of Labor pick Jane Doe": a nominee is named after the role.
        if matches!(doc.t.lower(j), "pick" | "nominee" | "designate") {
            j += 1;
        }
        // "chief negotiator for the Istanbul talks, Jane Doe": a short qualifier naming
        // something (a capitalized word) between the role and the comma.
        // ("for the Geneva" may already be in the role as a complement; "the head of the
        // Houthi ruling council, X" ends in lowercase words.)
        let place_tail = j > tp.head.1
            && j < n
            && doc.is_cap_word(j - 1)
            && !doc.t.toks[j].cap
            && doc.t.toks[j].kind == crate::tokens::Kind::Word;
        if place_tail {
            if let Some(close) = words_then_comma(doc, j, 4) {
                j = close;
            }
        } else if matches!(doc.t.lower(j), "for" | "on" | "in" | "at" | "of") {
            // ("commander of the armed forces, Admiral X": a body in lowercase qualifies.)
            if let Some(close) = words_then_comma(doc, j + 1, 7) {
                let named = (j + 1..close).any(|k| doc.is_cap_word(k))
                    || public_body_word(doc.t.lower(close - 1));
                if named {
                    j = close;
                }
            }
        }
        let mut apposition = false;
        // "the leader of the Rapid Support Forces (RSF), General X": the body's acronym
        // in brackets belongs to the role when a rank follows (in "head of the Council
        // (MAC), Y will ..." Y is the next item of a list).
        if doc.t.is_punct(j, "(")
            && doc.t.is_punct(j + 2, ")")
            && doc.t.is_punct(j + 3, ",")
            && rank_only_at(doc, j + 4).is_some()
        {
            j += 3;
        }
        if doc.t.is_punct(j, ",") {
            j += 1;
            apposition = true;
        }
        j = names::skip_honorifics(doc, j);
        // "Chief of Defence Staff, Gen. Christopher Musa", "police spokesperson Inspector
        // X": a grade between the post and the name is skipped; the post is the title.
        // (Not the "General" of a split "Secretary-General".)
        let glued = j > 0 && doc.t.is_punct(j - 1, "-");
        if let Some(end) = rank_only_at(doc, j).filter(|_| !glued) {
            j = names::skip_honorifics(doc, end);
        }
        let same_line = j < n && !doc.t.toks[j].newline_before;
        let name = names::forward(doc, j)
            .filter(|_| same_line)
            .and_then(|(a, b)| {
                if doc.headline[a] {
                    confirmed_in_body(doc, a, b)
                } else {
                    Some((a, b))
                }
            })
            .filter(|&(a, b)| {
                plausible_name(doc, a, b)
                    && (!apposition
                        || (b - a >= 2
                            && (b >= n
                                || matches!(
                                    doc.t.lower(b),
                                    "," | "." | ";" | ":" | ")" | "(" | "-" | "\"" | "'s"
                                )
                                || !doc.t.toks[b].cap)))
            });
        match name {
            Some((a, b)) if acceptable(doc, &tp) && claims.free(a, b) => {
                let mut p = make_person(doc, (a, b), Some(&tp), None);
                let mut end = b;
                if p.country.is_none() {
                    if let Some((cc, e)) = trailing_country(doc, b, &tp) {
                        p.country = Some(cc);
                        p.country_explicit = true;
                        end = e;
                    }
                }
                claims.claim(tp.a, tp.b, claim::TITLE);
                claims.claim(a, b, claim::PERSON);
                if end > b {
                    claims.claim(b, end, claim::TITLE);
                }
                cands.push(p);
                i = end;
            }
            _ => i += 1,
        }
    }
    // Pass 2: apposition after the name: "Antony Blinken, the US Secretary of State".
    for c in 0..n {
        if doc.headline[c] {
            continue;
        }
        // "X as ROLE", and "X to the post of ROLE" (the "of" is the separator there).
        let post_of = doc.t.is_word(c, "of")
            && c >= 3
            && matches!(
                doc.t.lower(c - 1),
                "post" | "position" | "office" | "role" | "job"
            )
            && doc.t.is_word(c - 2, "the")
            && doc.t.is_word(c - 3, "to");
        let as_sep = (doc.t.is_word(c, "as") && !doc.t.toks[c].cap) || post_of;
        if !doc.t.is_punct(c, ",") && !as_sep {
            continue;
        }
        // "Yen Teh-fa will take over as head of ...": skip a short verb group before "as".
        let mut nb = if post_of { c - 3 } else { c };
        if as_sep && !post_of {
            while nb > 0 && c - nb < 4 && is_role_verb(doc.t.lower(nb - 1)) {
                nb -= 1;
            }
            // "X was sworn in for a third six-year term on Friday as president".
            let mut mb = nb;
            while mb > 0 && c - mb < 14 && is_term_word(doc, mb - 1) {
                mb -= 1;
            }
            if mb < nb {
                let term_start = mb;
                while mb > 0 && term_start - mb < 4 && is_role_verb(doc.t.lower(mb - 1)) {
                    mb -= 1;
                }
                if names::backward(doc, mb).is_some() {
                    nb = mb;
                }
            }
        }
        let Some((a, b)) = names::backward(doc, nb) else {
            continue;
        };
        // "Commodore Jay Doe, the coast guard's spokesperson": a holder named with a grade
        // only may still get the post that follows.
        let graded = cands
            .iter()
            .any(|p| p.rank_only && p.mentions.contains(&(a, b)));
        if !(claims.free(a, b) || graded) || !plausible_name(doc, a, b) {
            continue;
        }
        // A sentence-initial single word before a comma is usually not a name.
        if b - a == 1 && doc.sent_start[a] && doc.seg[a].is_some() {
            continue;
        }
        // "After his visit to Hagen, the Prime Minister ...": a lone place word before the
        // comma is the place.
        if b - a == 1 && doc.seg_with(a, ok::PLACE).is_some() {
            continue;
        }
        let mut k = c + 1;
        // "X, the fund's mission chief": the body before "'s" is the role's, the role
        // follows (a company's staff are not officials).
        if doc.t.is_word(k, "the")
            && doc.t.is_word(k + 2, "'s")
            && !doc.t.toks[k + 1].cap
            && doc.seg_with(k + 3, ok::TITLE).is_some()
        {
            if matches!(
                doc.t.lower(k + 1),
                "company" | "firm" | "group" | "bank" | "newspaper" | "channel" | "club" | "team"
            ) {
                continue;
            }
            k += 3;
        }
        // "X, Biden's top Middle East adviser": the role follows the principal's name, and
        // a well-known principal names the state the staff member serves.
        let mut principal_cc = None;
        if doc.is_cap_word(k)
            && doc.t.is_word(k + 1, "'s")
            && doc.seg_with(k, ok::PLACE | ok::DEMONYM | ok::ORG).is_none()
            && doc.seg_with(k + 2, ok::TITLE).is_some()
        {
            principal_cc = doc
                .lex
                .known_official(doc.t.surface(k))
                .filter(|&cc| cc != NO_CC);
            k += 2;
        }
        if as_sep && matches!(doc.t.lower(k), "the" | "a" | "an") && doc.t.is_word(k + 1, "new") {
            k += 1;
        }
        if doc.t.is_word(k, "new") {
            k += 1;
        }
        if !as_sep && matches!(doc.t.lower(k), "who") {
            // "X, who heads the ministry" / "X, who is the foreign minister"
            if matches!(
                doc.t.lower(k + 1),
                "had" | "has" | "also" | "currently" | "now"
            ) {
                k += 1;
            }
            let v = doc.t.lower(k + 1).to_string();
            if let Some(role) = relative_role(&v) {
                let mut m = k + 2;
                if doc.t.is_word(m, "the") {
                    m += 1;
                }
                let org = doc
                    .org_chunk_at(m)
                    .map(|(x, y)| OrgRef::Span(x, y))
                    .or_else(|| {
                        doc.seg_with(m, ok::ORG)
                            .and_then(|s| doc.entry(&s).org.map(OrgRef::Lex))
                    });
                if org.is_some() {
                    let p = make_person(doc, (a, b), None, Some((role.to_string(), org)));
                    claims.claim(a, b, claim::PERSON);
                    cands.push(p);
                }
                continue;
            }
            if matches!(v.as_str(), "is" | "was" | "serves" | "served" | "became") {
                k += 2;
                if doc.t.is_word(k, "as") {
                    k += 1;
                }
            } else {
                continue;
            }
        }
        if matches!(
            doc.t.lower(k),
            "the" | "a" | "an" | "his" | "her" | "its" | "their" | "now" | "then"
        ) {
            k += 1;
        }
        // Descriptive words before the role: "a four-term lawmaker", "the veteran diplomat".
        for _ in 0..2 {
            let compound = k + 2 < n
                && doc.t.toks[k].kind == crate::tokens::Kind::Word
                && !doc.t.toks[k].cap
                && doc.t.is_punct(k + 1, "-")
                && !doc.t.toks[k + 1].space_before
                && !doc.t.toks[k + 2].space_before
                && !doc.t.toks[k + 2].cap;
            if compound && doc.seg_with(k, ok::TITLE).is_none() {
                k += 3;
            } else if doc.is_cap_word(k)
                && !doc.t.toks[k].upper
                && doc.seg[k].is_none()
                && claims[k] == 0
                && doc.seg_with(k + 1, ok::TITLE).is_some()
            {
                // "the Peronist governor of Buenos Aires province": a party word the
                // lexicon lacks (an acronym is the body instead: "the DA leader").
                k += 1;
            } else if matches!(
                doc.t.lower(k),
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
            ) {
                k += 1;
            }
        }
        // "X, the country's foreign minister": the country is the item's own.
        if matches!(
            doc.t.lower(k),
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
        ) && doc.t.is_word(k + 1, "'s")
        {
            k += 2;
        }
        // "the government's institutional relations minister": a ministry's field the
        // lexicon lacks, written in lowercase before "minister".
        let field_minister = || {
            let j = (k + 1..(k + 4).min(n)).find(|&j| doc.t.is_word(j, "minister"))?;
            let plain = (k..j).all(|x| {
                doc.t.toks[x].kind == crate::tokens::Kind::Word
                    && !doc.t.toks[x].cap
                    && doc.word(x).is_none_or(|e| !e.stop)
            });
            if !plain {
                return None;
            }
            let mut tp = titles::parse(doc, j)?;
            tp.a = k;
            tp.pieces.insert(0, (k, j));
            Some(tp)
        };
        let Some(tp) = titles::parse(doc, k).or_else(field_minister) else {
            continue;
        };
        if !acceptable(doc, &tp) {
            continue;
        }
        // The role phrase must not run on into another name ("X, Minister Y").
        let e = tp.b;
        if e < n && doc.is_cap_word(e) && doc.seg[e].is_none() && !doc.t.toks[e].newline_before {
            continue;
        }
        let mut p = make_person(doc, (a, b), Some(&tp), None);
        if p.country.is_none() && principal_cc.is_some() {
            p.country = principal_cc;
            p.country_explicit = true;
        }
        claims.claim(a, b, claim::PERSON);
        claims.claim(tp.a, tp.b, claim::TITLE);
        cands.push(p);
    }
    // Merge candidates into persons, earliest title first.
    cands.sort_by_key(|p| (p.title_pos, p.mentions[0].0));
    let mut people: Vec<Person> = Vec::new();
    for mut c in cands {
        c.roles.extend(c.title.clone());
        if let Some(p) = people.iter_mut().find(|p| same_person(&p.words, &c.words)) {
            if c.words.len() > p.words.len() {
                p.words = c.words.clone();
                p.name = c.name.clone();
            }
            if p.title.is_none() || (p.rank_only && !c.rank_only && c.title.is_some()) {
                p.title = c.title.clone();
                p.head = c.head.clone();
                p.rank_only = c.rank_only;
            }
            if !p.country_explicit && c.country_explicit {
                p.country = c.country;
                p.country_explicit = true;
            }
            if p.org.is_none() {
                p.org = c.org.clone();
            }
            p.igo |= c.igo;
            p.minister_like |= c.minister_like;
            p.mentions.extend(c.mentions);
            p.roles.extend(c.roles);
        } else {
            people.push(c);
        }
    }
    later_mentions(doc, claims, &mut people);
    role_anaphora(doc, claims, &mut people);
    for p in &mut people {
        p.mentions.sort_unstable();
        p.mentions.dedup();
    }
    people.sort_by_key(|p| p.mentions.first().map_or(usize::MAX, |m| m.0));
    people
}

/// In a Title-Case headline every word is capitalized, so a name after a role is cut to
/// the longest prefix whose last word the body text also writes capitalized.
/// The comma closing a run of at most `max` words starting at `from`, if one does.
fn words_then_comma(doc: &Doc<'_, '_>, from: usize, max: usize) -> Option<usize> {
    let n = doc.len();
    (from..(from + max).min(n))
        .take_while(|&k| doc.t.toks[k].kind == crate::tokens::Kind::Word)
        .last()
        .map(|k| k + 1)
        .filter(|&c| doc.t.is_punct(c, ","))
}

/// The office a staff member works for, from "to the President" right after their
/// first mention's role ("Vincent Doe, Spokesperson to the President" -> "president").
fn served_office(doc: &Doc<'_, '_>, p: &Person) -> Option<String> {
    let &(_, b) = p.mentions.first()?;
    let end = (b + 10).min(doc.len());
    let k = (b..end)
        .take_while(|&k| !doc.t.is_punct(k, ".") && !doc.t.is_punct(k, ";"))
        .find(|&k| doc.t.is_word(k, "to") && doc.t.is_word(k + 1, "the"))?;
    let words: Vec<&str> = (k + 2..(k + 5).min(doc.len()))
        .take_while(|&w| doc.t.toks[w].cap)
        .map(|w| doc.t.lower(w))
        .collect();
    (!words.is_empty()).then(|| words.join(" "))
}

/// The end of a title at `i` made of ranks only ("Gen.", "Vice Admiral"), if there is one.
fn rank_only_at(doc: &Doc<'_, '_>, i: usize) -> Option<usize> {
    let r = titles::parse(doc, i)?;
    r.pieces
        .iter()
        .all(|&(a, b)| doc.seg[a].is_some_and(|s| s.b >= b && doc.entry(&s).title & tc::RANK != 0))
        .then_some(r.b)
}

fn confirmed_in_body(doc: &Doc<'_, '_>, a: usize, b: usize) -> Option<(usize, usize)> {
    (a + 1..=b)
        .rev()
        .find(|&e| {
            let h = doc.t.toks[e - 1].hash;
            (0..doc.len())
                .any(|k| !doc.headline[k] && doc.t.toks[k].hash == h && doc.is_cap_word(k))
        })
        .map(|e| (a, e))
}

/// Verbs and auxiliaries between a name and "as": "will serve as", "was appointed as".
fn is_role_verb(w: &str) -> bool {
    matches!(
        w,
        "stepped"
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

/// Words of a term-of-office phrase between a verb and "as": "for a third six-year term
/// on Friday".
fn is_term_word(doc: &Doc<'_, '_>, k: usize) -> bool {
    let w = doc.t.lower(k);
    crate::tokens::is_date_word(w)
        || w.bytes().all(|b| b.is_ascii_digit())
        || matches!(
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
        )
}

/// The role's head is a plural noun ("Senators", "ministers").
fn is_plural_head(doc: &Doc<'_, '_>, tp: &TitlePhrase) -> bool {
    let h = doc.t.span_text(tp.head.0, tp.head.1).to_lowercase();
    (h.ends_with('s') && !h.ends_with("ss")) || h.ends_with("men")
}

/// "Senators" -> "Senator", "spokesmen" -> "spokesman" (last word only).
fn singular(title: &str) -> String {
    let (head, last) = title.rsplit_once(' ').map_or(("", title), |(h, l)| (h, l));
    let one = if let Some(stem) = last.strip_suffix("men") {
        format!("{stem}man")
    } else if let Some(stem) = last.strip_suffix("ies") {
        format!("{stem}y")
    } else {
        last.strip_suffix('s').unwrap_or(last).to_string()
    };
    if head.is_empty() {
        one
    } else {
        format!("{head} {one}")
    }
}

/// Names listed from token `j`: "A B (x), C D and E F". Each name has two words or more.
fn name_list(doc: &Doc<'_, '_>, claims: &Claims, mut j: usize) -> Vec<(usize, usize)> {
    let n = doc.len();
    let mut out = Vec::new();
    // "counterparts -- A and B", "counterparts: A and B", "counterparts, A and B".
    while j < n
        && j < n.min(j + 3)
        && matches!(doc.t.lower(j), "-" | ":" | ",")
        && !doc.t.toks[j].newline_before
    {
        j += 1;
    }
    // "The governors include A of Borno State, B of Niger State and C".
    if matches!(
        doc.t.lower(j),
        "include" | "included" | "including" | "are" | "were"
    ) && doc.is_cap_word(j + 1)
    {
        j += 1;
    }
    while out.len() < 12 {
        j = names::skip_honorifics(doc, j);
        if j >= n || doc.t.toks[j].newline_before {
            break;
        }
        let Some((a, b)) = names::forward(doc, j) else {
            break;
        };
        if b - a < 2 || !claims.free(a, b) {
            break;
        }
        out.push((a, b));
        let mut k = b;
        if doc.t.is_punct(k, "(") {
            while k < n && k - b < 12 && !doc.t.is_punct(k, ")") {
                k += 1;
            }
            k += 1;
        }
        // "A of Borno State": the place each holder serves is part of the list item.
        if doc.t.is_word(k, "of") {
            if let Some(s) = doc.seg_with(k + 1, ok::PLACE) {
                k = s.b;
                if doc.is_cap_word(k) && doc.seg_with(k, ok::SUFFIX).is_some() {
                    k += 1;
                }
            }
        }
        let before = k;
        if doc.t.is_punct(k, ",") {
            k += 1;
        }
        if doc.t.is_word(k, "and") {
            k += 1;
        }
        if k == before {
            break;
        }
        j = k;
    }
    out
}

fn starts_title(doc: &Doc<'_, '_>, i: usize) -> bool {
    doc.seg[i].is_some_and(|s| s.ok & (ok::TITLE | ok::DEMONYM | ok::PLACE | ok::ORG) != 0)
        || doc.org_chunk_at(i).is_some_and(|(a, _)| a == i)
        || (titles::unknown_acronym(doc, i) && doc.seg_with(i + 1, ok::TITLE).is_some())
}

/// Two name forms refer to the same person: one is the other's surname, or they share all
/// the words of the shorter one in order.
fn same_person(a: &[String], b: &[String]) -> bool {
    if a.is_empty() || b.is_empty() {
        return false;
    }
    if a == b {
        return true;
    }
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if short.len() == 1 {
        // "Lula" in "Luiz Inácio Lula da Silva".
        return long.last() == short.last() || (long.len() >= 3 && long.contains(&short[0]));
    }
    // "Luiz Inácio Lula da Silva" vs "Lula da Silva"
    long.ends_with(short) || (short.first() == long.first() && short.last() == long.last())
}

/// Surname-only, full-name and "Mr. X" mentions anywhere in the text.
fn later_mentions(doc: &Doc<'_, '_>, claims: &mut Claims, people: &mut [Person]) {
    let n = doc.len();
    let firsts: Vec<String> = people
        .iter()
        .filter_map(|p| p.words.first().cloned())
        .collect();
    let lasts: Vec<String> = people
        .iter()
        .filter_map(|p| p.words.last().cloned())
        .collect();
    let first_unique =
        |w: &String| firsts.iter().filter(|f| *f == w).count() == 1 && !lasts.contains(w);
    let name_hashes: Vec<u64> = people
        .iter()
        .flat_map(|p| p.words.iter().map(|w| crate::tokens::hash_str(w)))
        .collect();
    // A fuller form may start with a first name the role mention lacked ("Vladimir Putin"
    // after "President Putin"): any capitalized token directly before a known surname counts.
    let name_hashes: Vec<u64> = {
        let mut v = name_hashes;
        for k in 0..n.saturating_sub(1) {
            if doc.is_cap_word(k) && v.contains(&doc.t.toks[k + 1].hash) && doc.is_cap_word(k + 1) {
                v.push(doc.t.toks[k].hash);
            }
        }
        v
    };
    let mut k = 0;
    while k < n {
        if claims[k] & (claim::PERSON | claim::TITLE) != 0 || !doc.is_cap_word(k) {
            k += 1;
            continue;
        }
        // Cheap filter first: only tokens that are a word of a known name can start a
        // mention (most capitalized tokens are not).
        let first_name_word = name_hashes.contains(&doc.t.toks[k].hash);
        if !first_name_word {
            k += 1;
            continue;
        }
        // Longest name starting here that belongs to a known person.
        let Some((a, b)) = names::forward(doc, k) else {
            k += 1;
            continue;
        };
        let words = name_words(doc, a, b);
        let mut hit = None;
        for (pi, p) in people.iter().enumerate() {
            let matches = words == p.words
                || (words.len() == 1
                    && (p.words.last() == words.last()
                        || (p.words.len() >= 3 && p.words.contains(&words[0]))
                        // "Wang" for "Wang Yi": family name first, unless shared.
                        || (p.words.len() == 2 && p.words.first() == words.first() && first_unique(&words[0]))))
                || (words.len() >= 2 && p.words.ends_with(&words))
                || (words.len() > p.words.len()
                    && p.words.len() == 1
                    && words.last() == p.words.last());
            if matches {
                hit = Some(pi);
                break;
            }
        }
        match hit {
            Some(pi) if claims.free(a, b) => {
                // The text names the person more fully here ("Vladimir Putin").
                if words.len() > people[pi].words.len() {
                    people[pi].words = words.clone();
                    people[pi].name = doc.t.span_text(a, b).to_string();
                }
                people[pi].mentions.push((a, b));
                claims.claim(a, b, claim::PERSON);
                k = b;
            }
            _ => k = b.max(k + 1),
        }
    }
}

/// "the Secretary", "the president": a bare role word resolved to the most recently
/// mentioned person holding that role.
fn role_anaphora(doc: &Doc<'_, '_>, claims: &mut Claims, people: &mut [Person]) {
    let n = doc.len();
    for k in 1..n {
        if !doc.t.is_word(k - 1, "the") || claims[k] != 0 {
            continue;
        }
        let Some(s) = doc.seg_with(k, ok::TITLE) else {
            continue;
        };
        if doc.entry(&s).title & tc::HEAD == 0 || !claims.free(s.a, s.b) {
            continue;
        }
        // "the President of France" names a different role holder; "the president's" ok.
        if doc.t.is_word(s.b, "of") || doc.is_cap_word(s.b) {
            continue;
        }
        let head = name_words_lower(doc, s.a, s.b);
        let mut best: Option<(usize, usize)> = None;
        for (pi, p) in people.iter().enumerate() {
            let Some(title) = p.title.as_ref() else {
                continue;
            };
            let tl = title.to_lowercase();
            let tw: Vec<&str> = tl
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .collect();
            let contains = head.iter().all(|h| tw.contains(&h.as_str()));
            let vice = ["vice", "deputy", "former", "assistant", "under"]
                .iter()
                .any(|v| tw.contains(v) && !head.iter().any(|h| h == v));
            if !contains || vice {
                continue;
            }
            let last = p.mentions.iter().filter(|m| m.0 < k).map(|m| m.0).max();
            if let Some(l) = last {
                if best.is_none_or(|(bl, _)| l > bl) {
                    best = Some((l, pi));
                }
            }
        }
        if let Some((_, pi)) = best {
            people[pi].mentions.push((k - 1, s.b));
            claims.claim(k - 1, s.b, claim::PERSON);
        }
    }
}

/// Countries with their weight, best first.
type Ranked = CountryWeights;

/// Fills missing countries from the item's context and converts to the public type.
///
/// The evidence, in order of strength: countries named in the sentences that mention the
/// person, a role only one country uses, the dateline's country, then the whole item.
/// Ministers are never American (the US has secretaries).
pub fn finish(
    doc: &Doc<'_, '_>,
    people: Vec<Person>,
    ctx: &CountryWeights,
    signals: &[Signal],
    dateline: Option<Cc>,
) -> Vec<Official> {
    // Each person's country and, for implicit ones, the ranked alternatives.
    let mut chosen: Vec<(Option<Cc>, Ranked)> = people
        .iter()
        .map(|p| {
            if p.country.is_some() || p.igo {
                (p.country, Ranked::new())
            } else if let Some(cc) = doc.lex.known_official(&p.name) {
                // World knowledge the reader of the item has too: "President Trump" serves
                // the US even where the item names only other countries.
                (Some(cc).filter(|&cc| cc != NO_CC), Ranked::new())
            } else {
                let sents: Vec<u32> = p.mentions.iter().map(|&(a, _)| doc.sent_id[a]).collect();
                let mut score = ctx.scaled(OFFICIAL_CONTEXT_SHARE);
                let mut add = |cc: Cc, w: f32| score.add(cc, w);
                // Nearer evidence counts more: in "Saudi Crown Prince X in Riyadh before
                // travelling to Doha, Qatar, where he met Prime Minister Y", Qatar is Y's.
                for &Signal {
                    sentence: s,
                    token: pos,
                    country: cc,
                    weight: w,
                } in signals
                {
                    let near = p
                        .mentions
                        .iter()
                        .filter(|m| doc.sent_id[m.0] == s)
                        .map(|m| pos.abs_diff(m.0))
                        .min();
                    if let (true, Some(d)) = (sents.contains(&s), near) {
                        let decay = if d <= SIGNAL_NEAR_TOKENS {
                            1.0
                        } else {
                            SIGNAL_NEAR_TOKENS as f32 / d as f32
                        };
                        add(cc, w * decay);
                    }
                }
                if let Some(cc) = dateline {
                    add(cc, OFFICIAL_DATELINE);
                }
                let title = p.title.as_deref().unwrap_or("").to_lowercase();
                // A role only one country uses names that country ("Taoiseach").
                let one_country_role = p.roles.iter().find_map(|role| {
                    let padded = format!(" {} ", role.to_lowercase().replace(['-', ','], " "));
                    doc.lex
                        .title_countries
                        .iter()
                        .find(|(t, _)| padded.contains(&**t))
                        .map(|&(_, cc)| cc)
                });
                if let Some(cc) = one_country_role {
                    add(cc, OFFICIAL_ONE_COUNTRY_ROLE);
                }
                let us_style = title.contains("secretary")
                    && !title.contains("general")
                    && !title.contains("cabinet")
                    && !title.contains("defence")
                    && !title.contains("foreign secretary")
                    && !title.contains("home secretary");
                let mut ranked = Ranked::new();
                for (cc, w) in score.iter().map(|(cc, w)| {
                    let mut w = w;
                    if cc == *b"US" {
                        if p.minister_like {
                            w *= OFFICIAL_US_MINISTER_FACTOR;
                        } else if us_style && w >= SUPPORTED_COUNTRY {
                            // "Secretary X" is the American style when America is in the item.
                            w += OFFICIAL_US_SECRETARY;
                        }
                    }
                    (cc, w)
                }) {
                    if w >= OFFICIAL_MIN_WEIGHT {
                        ranked.add(cc, w);
                    }
                }
                ranked.sort_best_first();
                (ranked.first(), ranked)
            }
        })
        .collect();
    // "Spokesperson to the President", "adviser to the Prime Minister": staff serve the
    // state of the office holder they work for, when the item names one.
    for i in 0..people.len() {
        if people[i].country_explicit || people[i].igo {
            continue;
        }
        let Some(office) = served_office(doc, &people[i]) else {
            continue;
        };
        let principal = people.iter().enumerate().find_map(|(j, q)| {
            let qt = q.title.as_deref().unwrap_or("").to_lowercase();
            (j != i && !qt.contains("former") && qt.ends_with(&office))
                .then_some(chosen[j].0)
                .flatten()
        });
        if let Some(cc) = principal {
            chosen[i] = (Some(cc), Ranked::new());
        }
    }
    // "his counterpart X": a counterpart serves another state than the official whose
    // counterpart they are, so X does not take the country of an official named before
    // in the same sentence.
    for i in 0..people.len() {
        let p = &people[i];
        let is_counterpart = p
            .title
            .as_deref()
            .is_some_and(|t| t.to_lowercase().contains("counterpart"));
        if !is_counterpart || chosen[i].1.is_empty() {
            continue;
        }
        let Some(&(a, _)) = p.mentions.first() else {
            continue;
        };
        let others: Vec<Cc> = people
            .iter()
            .enumerate()
            .filter(|&(j, q)| {
                j != i
                    && q.mentions
                        .iter()
                        .any(|m| m.0 < a && doc.sent_id[m.0] == doc.sent_id[a])
            })
            .filter_map(|(j, _)| chosen[j].0)
            .collect();
        if chosen[i].0.is_some_and(|cc| others.contains(&cc)) {
            let other = chosen[i]
                .1
                .iter()
                .find(|r| !others.contains(&r.0))
                .map(|r| r.0);
            chosen[i].0 = other;
        }
    }
    people
        .into_iter()
        .zip(chosen)
        .map(|(p, (country, _))| Official {
            name: p.name.clone(),
            title: p.title.clone(),
            country: country.and_then(cc_str),
            organization: p.org.clone(),
            mentions: p
                .mentions
                .iter()
                .map(|&(a, b)| mention(doc, a, b))
                .collect(),
        })
        .collect()
}

pub fn mention(doc: &Doc<'_, '_>, a: usize, b: usize) -> Mention {
    Mention {
        start: doc.t.toks[a].cstart as usize,
        end: doc.t.toks[b - 1].cend as usize,
        text: doc.t.span_text(a, b).to_string(),
    }
}
