//! Role phrases around a person's name: "US Secretary of State", "former Israeli prime
//! minister", "State Department spokesperson", "Minister of Foreign Affairs of Austria",
//! "the EU's foreign policy chief".
//!
//! The parser splits such a phrase into the role text (what `Official.title` reports), the
//! country it names (demonym, country name, "of Ukraine") and the body ("State Department").
//! It must never treat a place or body that only qualifies the role as part of the title,
//! and never decide who holds the role (that is `officials.rs`).

use crate::gazetteer::{Cc, NO_CC};
use crate::lexicon::{tc, OrgType};
use crate::model::LocationKind;
use crate::scan::{ok, Doc};

/// The body a role belongs to: a dictionary organization or a span of text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrgRef {
    Lex(u32),
    Span(usize, usize),
}

/// A parsed role phrase.
#[derive(Debug, Clone)]
pub struct TitlePhrase {
    /// Token span consumed (modifiers, complements and "of Country" included).
    pub a: usize,
    pub b: usize,
    /// Token ranges whose text forms the title.
    pub pieces: Vec<(usize, usize)>,
    pub country: Option<Cc>,
    pub org: Option<OrgRef>,
    /// The body is intergovernmental or a non-state group: no country from it.
    pub igo: bool,
    /// The phrase contains a role that disqualifies (journalist) or belongs to a company.
    pub not_official: bool,
    /// Last head phrase span (for anaphora: "the Secretary").
    pub head: (usize, usize),
    pub has_complement: bool,
    /// Countries listed before a plural role ("his US and Japanese counterparts"), in order.
    pub countries: Vec<Cc>,
}

impl TitlePhrase {
    /// Title text: the pieces joined by single spaces.
    pub fn text(&self, doc: &Doc<'_, '_>) -> String {
        let mut out = String::new();
        let mut merged: Vec<(usize, usize)> = Vec::new();
        for &(a, b) in &self.pieces {
            match merged.last_mut() {
                Some(last) if last.1 == a => last.1 = b,
                _ => merged.push((a, b)),
            }
        }
        for (a, b) in merged {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(doc.t.span_text(a, b));
        }
        expand_abbreviations(&out)
    }
}

/// Rank and office abbreviations written out, as annotators and readers expect them:
/// "Sen." -> "Senator", "Maj. Gen." -> "Major General".
fn expand_abbreviations(title: &str) -> String {
    const FULL: &[(&str, &str)] = &[
        ("Maj. Gen.", "Major General"),
        ("Lt. Gen.", "Lieutenant General"),
        ("Brig. Gen.", "Brigadier General"),
        ("Lt. Col.", "Lieutenant Colonel"),
        ("Vice Adm.", "Vice Admiral"),
        ("Rear Adm.", "Rear Admiral"),
        ("Lt. Gov.", "Lieutenant Governor"),
        ("Gen.", "General"),
        ("Col.", "Colonel"),
        ("Adm.", "Admiral"),
        ("Capt.", "Captain"),
        ("Maj.", "Major"),
        ("Lt.", "Lieutenant"),
        ("Sgt.", "Sergeant"),
        ("Cmdr.", "Commander"),
        ("Cpl.", "Corporal"),
        ("Brig.", "Brigadier"),
        ("Sen.", "Senator"),
        ("Rep.", "Representative"),
        ("Gov.", "Governor"),
        ("Amb.", "Ambassador"),
        ("Pres.", "President"),
    ];
    // Acronym roles: "PM" -> "Prime Minister".
    match title {
        "PM" => return "Prime Minister".to_string(),
        "FM" => return "Foreign Minister".to_string(),
        "DPM" => return "Deputy Prime Minister".to_string(),
        _ => {}
    }
    if !title.contains('.') {
        return title.to_string();
    }
    let mut out = title.to_string();
    for (abbr, full) in FULL {
        // Whole words only: "Gen." must not touch "Maj. Gen." once that is replaced.
        let mut res = String::with_capacity(out.len());
        let mut rest = out.as_str();
        while let Some(pos) = rest.find(abbr) {
            let before_ok = pos == 0 || rest[..pos].ends_with(' ');
            res.push_str(&rest[..pos]);
            res.push_str(if before_ok { full } else { abbr });
            rest = &rest[pos + abbr.len()..];
        }
        res.push_str(rest);
        out = res;
    }
    out
}

/// Country of a place match when the place is a country or lies in one (for "of Ukraine",
/// "US", "Gaza's"). Returns the best candidate's code by kind then population.
pub fn place_country(doc: &Doc<'_, '_>, entry: u32) -> Option<(Cc, LocationKind)> {
    let e = &doc.lex.entries[entry as usize];
    // A country or territory first (it beats a same-named town), then a place in a country
    // the item names (Kingston, Ontario over Kingston, Jamaica), then kind and population.
    let mut best: Option<(bool, bool, u8, u32, Cc, LocationKind)> = None;
    for &pid in &e.places {
        let p = &doc.lex.places[pid as usize];
        let rank = match p.kind {
            LocationKind::Country => 5,
            LocationKind::Territory => 4,
            LocationKind::Admin => 3,
            LocationKind::City => 2,
            _ => 1,
        };
        let named = doc.named_countries.iter().any(|c| c.0 == p.cc && c.1 > 0.0);
        let state = rank >= 4;
        if best.is_none_or(|b| (state, named, rank, p.pop) > (b.0, b.1, b.2, b.3)) {
            best = Some((state, named, rank, p.pop, p.cc, p.kind));
        }
    }
    best.and_then(|(_, _, _, _, cc, k)| (cc != NO_CC).then_some((cc, k)))
}

/// "Republic of Tajikistan", "United Republic of Tanzania" at `j`: the country and the
/// end of the phrase.
pub fn formal_state(doc: &Doc<'_, '_>, j: usize) -> Option<(Cc, usize)> {
    let n = doc.len();
    // "the Kyrgyz Republic", "the Slovak Republic".
    if let Some(s) = doc.seg_with(j, ok::DEMONYM) {
        if doc.t.is_word(s.b, "republic") || doc.t.is_word(s.b, "kingdom") {
            let cc = doc.entry(&s).demonym.filter(|&c| c != NO_CC)?;
            return Some((cc, s.b + 1));
        }
    }
    let mut k = j;
    while k < n
        && k < j + 4
        && matches!(
            doc.t.lower(k),
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
    {
        k += 1;
    }
    if k == j || !doc.t.is_word(k, "of") {
        return None;
    }
    let s = doc.seg_with(k + 1, ok::PLACE)?;
    match place_country(doc, s.entry)? {
        (cc, LocationKind::Country) => Some((cc, s.b)),
        _ => None,
    }
}

/// The country of the most populous first-level region reading of a place entry.
fn admin_country(doc: &Doc<'_, '_>, entry: u32) -> Option<Cc> {
    doc.lex.entries[entry as usize]
        .places
        .iter()
        .map(|&pid| &doc.lex.places[pid as usize])
        .filter(|p| p.kind == LocationKind::Admin && p.cc != NO_CC)
        .max_by_key(|p| p.pop)
        .map(|p| p.cc)
}

fn is_conn(doc: &Doc<'_, '_>, k: usize) -> bool {
    matches!(doc.t.lower(k), "of" | "for" | "on")
}

/// Parses a role phrase starting at token `i`. `None` unless it contains a role head.
pub fn parse(doc: &Doc<'_, '_>, i: usize) -> Option<TitlePhrase> {
    let n = doc.len();
    let mut k = i;
    let mut tp = TitlePhrase {
        a: i,
        b: i,
        pieces: Vec::new(),
        country: None,
        org: None,
        igo: false,
        not_official: false,
        head: (i, i),
        has_complement: false,
        countries: Vec::new(),
    };
    let mut has_head = false;
    let mut last_was_head = false;
    // A private-sector role word ("executive"): not an official unless the body is public.
    let mut nonoff_role = false;
    while k < n {
        if k > i && doc.t.toks[k].newline_before {
            break;
        }
        // "the secretary-general's special envoy": the role is the one after "'s".
        if has_head && doc.t.is_word(k, "'s") && doc.seg_with(k + 1, ok::TITLE).is_some() {
            tp.pieces.clear();
            has_head = false;
            last_was_head = false;
            k += 1;
            continue;
        }
        let seg = doc.seg[k];
        // After a head only more role words may follow: "Defense Minister Israel Katz" is a
        // name, not a country.
        if has_head && seg.is_none_or(|s| s.ok & ok::TITLE == 0) && !doc.t.is_punct(k, "-") {
            break;
        }
        if let Some(s) = seg.filter(|s| s.ok & ok::TITLE != 0) {
            let e = doc.entry(&s);
            if e.title & tc::NONOFF != 0 && e.title & tc::HEAD == 0 {
                nonoff_role = true;
                if e.title & tc::MOD != 0 {
                    tp.pieces.push((s.a, s.b));
                }
                k = s.b;
                last_was_head = false;
                continue;
            }
            // "Police spokesperson Inspector X": a grade after a post opens the holder's
            // name ("Secretary General" stays whole: "general" is also a modifier).
            let grade = e.title & tc::RANK != 0 && e.title & tc::MOD == 0;
            let post_before = tp.pieces.last().is_some_and(|&(a, _)| {
                doc.seg[a].is_some_and(|p| doc.entry(&p).title & tc::RANK == 0)
            });
            if has_head && last_was_head && grade && post_before {
                break;
            }
            if e.title & (tc::HEAD | tc::RANK) != 0 {
                // Lowercase "head"/"general"/"chair" mid-sentence are too often not roles
                // unless something else in the phrase marks a role.
                has_head = true;
                last_was_head = true;
                tp.head = (s.a, s.b);
                tp.pieces.push((s.a, s.b));
                k = s.b;
                continue;
            }
            let before_role = doc
                .seg_with(s.b, ok::TITLE)
                .is_some_and(|n| doc.entry(&n).title & (tc::HEAD | tc::MOD | tc::PORTFOLIO) != 0);
            if e.title & tc::MOD != 0 || (e.title & tc::PORTFOLIO != 0 && before_role) {
                // "the party's floor leader", "the ministry's spokesperson": the body is
                // named by the word before "'s"; the role follows.
                if doc.t.is_word(s.b, "'s") && doc.seg_with(s.b + 1, ok::TITLE).is_some() {
                    k = s.b + 1;
                    last_was_head = false;
                    continue;
                }
                // Don't swallow an org ("Foreign Ministry") as a modifier.
                if doc.org_chunk_at(k).is_none() {
                    tp.pieces.push((s.a, s.b));
                    k = s.b;
                    last_was_head = false;
                    continue;
                }
            }
            if e.title & tc::HON != 0 {
                break;
            }
        }
        if let Some((a, b)) = doc.org_chunk_at(k).filter(|_| {
            doc.seg_with(k, ok::ORG)
                .is_none_or(|s| s.b < doc.org_chunk_at(k).map_or(0, |c| c.1))
        }) {
            if a == k {
                tp.org = Some(OrgRef::Span(a, b));
                tp.not_official |= private_body(doc, a, b);
                if tp.country.is_none() {
                    tp.country = span_country(doc, a, b);
                }
                k = b;
                if doc.t.is_word(k, "'s") {
                    k += 1;
                }
                last_was_head = false;
                continue;
            }
        }
        if let Some(s) = seg.filter(|s| s.ok & ok::ORG != 0) {
            if let Some(oid) = doc.entry(&s).org {
                let o = &doc.lex.orgs[oid as usize];
                match o.kind {
                    OrgType::Company | OrgType::Media | OrgType::Other => tp.not_official = true,
                    OrgType::Igo => tp.igo = true,
                    // A group with no country of its own ("Islamic State"); a party name
                    // several countries use ("Democratic Party") just leaves it open.
                    OrgType::Armed => {
                        if o.cc == NO_CC {
                            tp.igo = true;
                        }
                    }
                    OrgType::Party => {}
                    OrgType::Gov => {}
                }
                if o.cc != NO_CC && tp.country.is_none() {
                    tp.country = Some(o.cc);
                }
                tp.org = Some(OrgRef::Lex(oid));
                k = s.b;
                if doc.t.is_word(k, "'s") || doc.t.is_punct(k, "'") {
                    k += 1;
                }
                last_was_head = false;
                continue;
            }
        }
        if let Some(s) = seg.filter(|s| s.ok & ok::DEMONYM != 0) {
            if let Some(cc) = doc.entry(&s).demonym.filter(|&c| c != NO_CC) {
                tp.country = Some(cc);
                tp.countries.push(cc);
            }
            k = s.b;
            last_was_head = false;
            continue;
        }
        if let Some(s) = seg.filter(|s| s.ok & ok::PLACE != 0) {
            // "Georgia Gov. Brian Kemp": before a state-level role, a first-level region
            // reading beats a country of the same name.
            let state_role = matches!(
                doc.t.lower(s.b),
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
            );
            let region = state_role.then(|| admin_country(doc, s.entry)).flatten();
            if let Some((cc, _)) = region
                .map(|cc| (cc, LocationKind::Admin))
                .or_else(|| place_country(doc, s.entry))
            {
                if !tp.igo {
                    tp.country = Some(cc);
                    tp.countries.push(cc);
                }
                k = s.b;
                if doc.t.is_word(k, "'s") {
                    k += 1;
                }
                last_was_head = false;
                continue;
            }
        }
        // "the party's 2023 presidential candidate": a year inside the role.
        if !has_head
            && k < n
            && doc.t.toks[k].kind == crate::tokens::Kind::Num
            && doc.t.lower(k).len() == 4
            && doc.t.lower(k).bytes().all(|b| b.is_ascii_digit())
            && doc.seg_with(k + 1, ok::TITLE).is_some()
        {
            k += 1;
            continue;
        }
        // "the DA leader", "ANC spokesperson": an acronym the lexicon lacks, right before
        // a role word, is the body.
        if !has_head
            && tp.org.is_none()
            && seg.is_none()
            && unknown_acronym(doc, k)
            && doc.seg_with(k + 1, ok::TITLE).is_some()
        {
            tp.org = Some(OrgRef::Span(k, k + 1));
            k += 1;
            continue;
        }
        // "US and Japanese counterparts": a list of country modifiers.
        // A comma only inside a longer list ("US, Japanese and Korean counterparts"): in
        // "In Manila, Philippine Coast Guard spokesperson" the comma ends a place.
        let listed = doc.seg_with(k + 1, ok::DEMONYM | ok::PLACE);
        let list_goes_on = listed.is_some_and(|s| {
            doc.t.is_word(k, "and") || doc.t.is_word(s.b, "and") || doc.t.is_punct(s.b, ",")
        });
        if !has_head
            && !tp.countries.is_empty()
            && (doc.t.is_word(k, "and") || doc.t.is_punct(k, ","))
            && list_goes_on
        {
            k += 1;
            continue;
        }
        // "Vice-President" written with a hyphen inside a role.
        if doc.t.is_punct(k, "-")
            && !tp.pieces.is_empty()
            && !doc.t.toks[k].space_before
            && k + 1 < n
            && !doc.t.toks[k + 1].space_before
            && doc.seg_with(k + 1, ok::TITLE).is_some()
        {
            tp.pieces.push((k, k + 1));
            k += 1;
            continue;
        }
        break;
    }
    if !has_head {
        return None;
    }
    // The title ends at its last head ("Foreign Minister", not "Minister Foreign").
    while let Some(&(a, _)) = tp.pieces.last() {
        if a >= tp.head.1 {
            tp.pieces.pop();
        } else {
            break;
        }
    }
    if !last_was_head {
        k = k.max(tp.head.1);
    }
    // Complements: "of Foreign Affairs", "for Europe and Foreign Affairs", "of Austria".
    // Envoys and ambassadors are sent *to* a place: it stays in the title ("envoy for
    // Yemen") and is not the country they serve.
    let envoy = (tp.head.0..tp.head.1).any(|h| {
        let w = doc.t.lower(h);
        w.starts_with("envoy")
            || w.starts_with("ambassador")
            || w.starts_with("representative")
            || w.starts_with("consul")
    });
    let mut guard = 0;
    while last_was_head
        && k < n
        && (is_conn(doc, k) || (envoy && doc.t.is_word(k, "to")))
        && guard < 3
    {
        guard += 1;
        let mut j = k + 1;
        if doc.t.is_word(j, "the") {
            j += 1;
        }
        if j >= n || doc.t.toks[j].newline_before {
            break;
        }
        // "Minister of Foreign Affairs of the Republic of Tajikistan": the state's formal
        // style names the country and ends the role.
        if tp.has_complement || tp.head.1 == k {
            if let Some((cc, end)) = formal_state(doc, j) {
                if !tp.igo {
                    tp.country = Some(cc);
                }
                tp.b = tp.b.max(end);
                k = end;
                break;
            }
        }
        // A body named in full ("of the Central Bank of Nigeria"): the body, and the
        // country its name carries.
        if let Some((a, b)) = doc.org_chunk_at(j).filter(|&(a, _)| a == j) {
            if doc.seg_with(j, ok::ORG).is_none_or(|s| s.b < b) {
                tp.org = Some(OrgRef::Span(a, b));
                tp.not_official |= private_body(doc, a, b);
                if tp.country.is_none() {
                    tp.country = span_country(doc, a, b);
                }
                k = b;
                continue;
            }
        }
        // A place reading of a common word ("of Economy") is not a place.
        if let Some(s) = doc
            .seg_with(j, ok::PLACE)
            .filter(|s| !(s.ok & ok::STOP != 0 && s.b == j + 1))
        {
            // "of Austria": the country, not part of the title; stop unless the place
            // begins a longer capitalized body ("for Europe and Foreign Affairs").
            // "Minas Gerais": a place word glued to an unknown capitalized word is part of a
            // longer name the gazetteer lacks.
            // "Chief of Naval Staff": a role word after the place continues the body too.
            let glued = doc.is_cap_word(s.b)
                && (doc.seg[s.b].is_none() || doc.seg_with(s.b, ok::TITLE).is_some())
                && !doc.t.toks[s.b].newline_before;
            let continues = glued || (doc.t.is_word(s.b, "and") && doc.is_cap_word(s.b + 1));
            let poss = doc.t.is_word(s.b, "'s");
            if !continues && doc.org_chunk_at(j).is_none() {
                if envoy && !doc.t.is_word(k, "of") {
                    tp.pieces.push((k, s.b));
                    k = s.b;
                    continue;
                }
                if let Some((cc, kind)) = place_country(doc, s.entry) {
                    if !tp.igo
                        && (matches!(kind, LocationKind::Country | LocationKind::Territory)
                            || tp.country.is_none())
                    {
                        tp.country = Some(cc);
                    }
                }
                if poss {
                    // "Head of Sudan's ruling Sovereign Council": the body follows.
                    let of_tok = k;
                    let body_start = s.b + 1;
                    let (bend, _) = complement_words(doc, body_start);
                    if bend > body_start {
                        tp.pieces.push((of_tok, of_tok + 1));
                        tp.pieces.push((body_start, bend));
                        tp.has_complement = true;
                        k = bend;
                    } else {
                        k = s.b + 1;
                    }
                    break;
                }
                k = s.b;
                continue;
            }
        }
        if let Some(s) = doc.seg_with(j, ok::ORG) {
            if let Some(oid) = doc.entry(&s).org {
                let o = &doc.lex.orgs[oid as usize];
                // "US Ambassador to the UN": sent to the body, serving the state.
                if envoy && doc.t.is_word(k, "to") {
                    tp.pieces.push((k, s.b));
                    k = s.b;
                    continue;
                }
                if o.kind == OrgType::Igo || (o.kind == OrgType::Armed && o.cc == NO_CC) {
                    tp.igo = true;
                }
                // "a spokesman for Gazprom", "director of the Red Cross": a company's,
                // a media outlet's or an NGO's staff are not officials.
                if matches!(o.kind, OrgType::Company | OrgType::Media | OrgType::Other) {
                    tp.not_official = true;
                }
                if o.cc != NO_CC && tp.country.is_none() {
                    tp.country = Some(o.cc);
                }
                tp.org = Some(OrgRef::Lex(oid));
                k = s.b;
                continue;
            }
        }
        let (end, _) = complement_words(doc, j);
        if end > j {
            tp.pieces.push((k, end));
            tp.has_complement = true;
            k = end;
        } else {
            break;
        }
    }
    tp.b = k.max(tp.head.1);
    // "Deputy Prime Minister and Minister for Defence Richard Marles": the first role is
    // the title, the span runs to the last.
    if doc.t.is_word(tp.b, "and") && tp.b + 1 < n && doc.seg_with(tp.b + 1, ok::TITLE).is_some() {
        if let Some(second) = parse(doc, tp.b + 1) {
            if second.pieces.iter().all(|&(a, _)| a > tp.b) {
                tp.b = second.b;
                tp.country = tp.country.or(second.country);
                tp.org = tp.org.or(second.org);
                tp.igo |= second.igo;
                tp.not_official |= second.not_official;
            }
        }
    }
    // "executive director of the National Water Authority": staff of a state or
    // intergovernmental body are officials, whatever their job title.
    if nonoff_role && !(tp.igo || public_body(doc, tp.org)) {
        tp.not_official = true;
    }
    tp.a = i;
    if tp.igo {
        tp.country = tp.country.filter(|_| !matches!(tp.org, Some(OrgRef::Lex(o)) if doc.lex.orgs[o as usize].kind == OrgType::Igo));
    }
    Some(tp)
}

/// A token written like an acronym ("DA", "NEMA") that the lexicon does not know.
pub fn unknown_acronym(doc: &Doc<'_, '_>, k: usize) -> bool {
    let w = doc.t.surface(k);
    doc.seg[k].is_none() && (2..=6).contains(&w.len()) && w.chars().all(|c| c.is_ascii_uppercase())
}

/// A government body: a curated one, or a name ending in a word states use for their
/// bodies ("National Environment Management Authority").
fn public_body(doc: &Doc<'_, '_>, org: Option<OrgRef>) -> bool {
    match org {
        Some(OrgRef::Lex(o)) => {
            matches!(doc.lex.orgs[o as usize].kind, OrgType::Gov | OrgType::Igo)
        }
        Some(OrgRef::Span(a, b)) if b > a => matches!(
            doc.t.lower(b - 1),
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
        ),
        _ => false,
    }
}

/// After a comma inside a complement: "Democracy, and Human Rights" / "Culture and Tourism".
fn list_continues(doc: &Doc<'_, '_>, m: usize) -> bool {
    let mut k = m;
    if doc.t.is_word(k, "and") {
        return doc.is_cap_word(k + 1);
    }
    // "Chief of Naval Staff, Vice Admiral X": a rank starts the holder's name, not a body.
    if doc.seg[m].is_some_and(|s| doc.entry(&s).title & tc::RANK != 0) {
        return false;
    }
    // A capitalized word (or phrase) followed by "and", or by "," when its words are role
    // vocabulary or an Oxford "and" follows; never a name ("Gen. Christopher Musa,").
    let mut known = true;
    while k < doc.len() && doc.is_cap_word(k) && k - m < 4 {
        known &= doc.seg[k].is_some_and(|s| s.ok & ok::TITLE != 0);
        k += 1;
    }
    k > m
        && (doc.t.is_word(k, "and")
            || (doc.t.is_punct(k, ",") && (known || doc.t.is_word(k + 1, "and"))))
}

/// "... of the Interior and Rosa Icela Rodríguez, the ...": after "and", two or more
/// unknown capitalized words closed by a comma or the end are a person, not the body.
fn name_run_then_comma(doc: &Doc<'_, '_>, m: usize) -> bool {
    let mut k = m;
    let mut words = 0;
    while k < doc.len() && pure_name_tok(doc, k) && k - m < 6 {
        if doc.is_cap_word(k) {
            words += 1;
        }
        k += 1;
    }
    words >= 2 && (k >= doc.len() || matches!(doc.t.lower(k), "," | "." | ";" | "(" | ")"))
}

/// The country a body's name carries: "Central Bank of Nigeria", "Ukrainian Air Force".
pub fn span_country(doc: &Doc<'_, '_>, a: usize, b: usize) -> Option<Cc> {
    (a..b).find_map(|k| {
        if let Some(s) = doc.seg_with(k, ok::DEMONYM) {
            return doc.entry(&s).demonym.filter(|&c| c != NO_CC);
        }
        let s = doc.seg_with(k, ok::PLACE)?;
        match place_country(doc, s.entry) {
            Some((cc, LocationKind::Country)) => Some(cc),
            _ => None,
        }
    })
}

/// A capitalized body named as a company, outlet or school ("Acme Holdings", "Daily
/// Herald", "Oxford University"): its staff are not officials.
pub fn private_body(doc: &Doc<'_, '_>, a: usize, b: usize) -> bool {
    (a..b).any(|k| {
        matches!(
            doc.t.lower(k),
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
    })
}

/// Every reading of the place entry is a town or a smaller region (surnames like
/// "Austin", "Sullivan" or "Douglas").
fn only_cities(doc: &Doc<'_, '_>, entry: u32) -> bool {
    doc.lex.entries[entry as usize].places.iter().all(|&p| {
        matches!(
            doc.lex.places[p as usize].kind,
            LocationKind::City | LocationKind::Admin
        ) && doc.lex.places[p as usize].pop < 2_000_000
    })
}

/// A pure name token: capitalized and unknown to the dictionary (or a particle/hyphen piece).
fn pure_name_tok(doc: &Doc<'_, '_>, m: usize) -> bool {
    (doc.is_cap_word(m) && doc.seg[m].is_none() && doc.word(m).is_none())
        || (doc.is_cap_word(m)
            && doc.seg[m]
                .is_some_and(|s| s.ok == ok::PLACE && s.b == m + 1 && only_cities(doc, s.entry)))
        || (doc.t.is_punct(m, "-") && !doc.t.toks[m].space_before)
        || (m > 0
            && doc.t.is_punct(m - 1, "-")
            && !doc.t.toks[m].space_before
            && doc.t.toks[m].kind == crate::tokens::Kind::Word)
        || doc.word(m).is_some_and(|e| e.particle)
}

/// Capitalized or role-word body after "of"/"for": "Foreign Affairs and Emigrants",
/// "the General Staff". Returns the end (exclusive). A trailing run of unknown capitalized
/// words is left out when it reads as the holder's name ("Minister of Economy Sergio Massa").
fn complement_words(doc: &Doc<'_, '_>, j: usize) -> (usize, bool) {
    let n = doc.len();
    let mut m = j;
    let mut end = j;
    while m < n && !doc.t.toks[m].newline_before {
        // Capitalized body words, common ones included ("Republic of Buryatia"), but not
        // demonyms, weekdays or months.
        let capw = doc.is_cap_word(m)
            && doc
                .seg_with(m, ok::DEMONYM)
                .is_none_or(|s| s.ok & ok::TITLE != 0)
            // "May" stays: it is a surname as often as a month inside a body.
            && !(crate::tokens::is_date_word(doc.t.lower(m)) && doc.t.lower(m) != "may");
        let modw = doc
            .seg_with(m, ok::TITLE)
            .is_some_and(|s| doc.entry(&s).title & tc::MOD != 0);
        if let Some(s) = doc
            .seg_with(m, ok::PLACE)
            .filter(|s| !(s.ok & ok::STOP != 0 && s.b == m + 1))
        {
            // a place inside the complement only when more body words follow; a city-named
            // surname right after an unknown word continues a name ("Lloyd Austin").
            let surname = m > j
                && s.b == m + 1
                && only_cities(doc, s.entry)
                && doc.is_cap_word(m - 1)
                && doc.seg[m - 1].is_none();
            if surname {
                m += 1;
                end = m;
                continue;
            }
            let glued = doc.is_cap_word(s.b)
                && (doc.seg[s.b].is_none() || doc.seg_with(s.b, ok::TITLE).is_some())
                && !doc.t.toks[s.b].newline_before;
            let more = glued || (doc.t.is_word(s.b, "and") && doc.is_cap_word(s.b + 1));
            if !more {
                break;
            }
            m = s.b;
            end = m;
            continue;
        }
        if capw || modw {
            m = doc.seg[m].map_or(m + 1, |s| s.b.max(m + 1));
            end = m;
        } else if matches!(doc.t.lower(m), "and" | "the" | "&")
            && m + 1 < n
            && (doc.is_cap_word(m + 1)
                || doc.seg_with(m + 1, ok::TITLE).is_some()
                // "for International Development and the Pacific"
                || (doc.t.is_word(m, "and") && doc.t.is_word(m + 1, "the") && doc.is_cap_word(m + 2)))
            && !(doc.t.is_word(m, "and") && name_run_then_comma(doc, m + 1))
        {
            // "Minister of Economy Ivan Sokolov and Head of ...": a name before "and" ends
            // the body there.
            if doc.t.is_word(m, "and") {
                if let Some(c) = trailing_name(doc, j, end) {
                    return (c, true);
                }
            }
            m += 1;
        } else if doc.t.is_punct(m, ",") && end > j && list_continues(doc, m + 1) {
            // "for Civilian Security, Democracy, and Human Rights"
            m += 1;
        } else if doc.t.is_punct(m, "-")
            && !doc.t.toks[m].space_before
            && m + 1 < n
            && !doc.t.toks[m + 1].space_before
        {
            m += 1;
        } else {
            break;
        }
    }
    match trailing_name(doc, j, end) {
        Some(c) => (c, true),
        None => (end, false),
    }
}

/// Start of a trailing name in the body `j..end`: two or more unknown capitalized words not
/// introduced by a connector ("Minister of Economy Sergio Massa", not "Foreign Affairs and
/// Emigrants").
fn trailing_name(doc: &Doc<'_, '_>, j: usize, end: usize) -> Option<usize> {
    let mut c = j + 1;
    while c < end {
        let after_conn = matches!(doc.t.lower(c - 1), "and" | "of" | "the" | "for" | "," | "&");
        // Not inside a known phrase ("Human Rights"): a name starts after it.
        let inside = (c.saturating_sub(4)..c).any(|x| doc.seg[x].is_some_and(|s| s.b > c));
        if !after_conn
            && !inside
            && doc.is_cap_word(c)
            && pure_name_tok(doc, c)
            && (c..end).all(|x| pure_name_tok(doc, x))
        {
            let rest_words = (c..end).filter(|&x| doc.is_cap_word(x)).count();
            let before_known =
                doc.seg[c - 1].is_some() || doc.word(c - 1).is_some() || !doc.is_cap_word(c - 1);
            let then_of = doc.t.is_word(end, "of");
            if !then_of && (rest_words == 2 || ((2..=4).contains(&rest_words) && before_known)) {
                return Some(c);
            }
        }
        c += 1;
    }
    None
}
