//! Organizations: dictionary bodies ("State Department", "Hamas", "ABC News") and
//! capitalized names built on an organization word ("Ministry of Foreign Affairs",
//! "Turkish American National Steering Committee").
//!
//! The bodies' spans come from the tag stage ([`crate::bodies`]); this pass names and
//! classifies them. It must never create officials or places.

use crate::claims::{claim, Claims};
use crate::gazetteer::{Cc, NO_CC};
use crate::lexicon::OrgType;
use crate::model::{CountryCode, Mention, Organization, OrganizationKind};
use crate::scan::{ok, Doc};
use crate::titles;

/// An organization mention before grouping: name, kind, state, token span.
type Found = (String, OrganizationKind, Option<Cc>, usize, usize);

/// A curated body as listed, with its kind and state.
fn described(doc: &Doc<'_, '_>, o: u32, a: usize, b: usize) -> Found {
    let info = &doc.lex.orgs[o as usize];
    let cc = Some(info.cc).filter(|&c| c != NO_CC);
    (info.name.to_string(), kind_of(info.kind), cc, a, b)
}

fn kind_of(t: OrgType) -> OrganizationKind {
    match t {
        OrgType::Gov => OrganizationKind::Government,
        OrgType::Igo => OrganizationKind::Intergovernmental,
        OrgType::Party => OrganizationKind::Party,
        OrgType::Armed => OrganizationKind::ArmedGroup,
        OrgType::Media => OrganizationKind::Media,
        OrgType::Company => OrganizationKind::Company,
        OrgType::Other => OrganizationKind::Other,
    }
}

/// Words of non-governmental bodies: schools, clubs, charities, churches, councils.
const CIVIL_WORDS: &[&str] = &[
    "university",
    "college",
    "school",
    "institute",
    "society",
    "club",
    "hospital",
    "foundation",
    "association",
    "federation",
    "union",
    "church",
    "council",
    "centre",
    "center",
    "committee",
    "fund",
    "trust",
    "league",
    "academy",
];

/// Words that keep a body with a civil word out of the civil class: the "National
/// Security Council" is the state's.
const STATE_MARKS: &[&str] = &[
    "ministry",
    "state",
    "national",
    "parliament",
    "security",
    "government",
];

/// Words of news outlets: "Daily Herald", "Radio Free Asia".
const MEDIA_WORDS: &[&str] = &[
    "news",
    "radio",
    "television",
    "tv",
    "channel",
    "broadcasting",
    "herald",
    "times",
    "post",
    "journal",
    "gazette",
    "tribune",
    "newspaper",
    "press",
];

/// Words of commercial bodies: banks and airlines.
const COMPANY_WORDS: &[&str] = &["bank", "airlines", "airways"];

/// Words that make a bank a public institution ("Central Bank", "World Bank").
const PUBLIC_BANK_MARKS: &[&str] = &["central", "world", "development"];

/// Words of armed groups' units.
const ARMED_WORDS: &[&str] = &["brigades", "brigade", "battalion", "militia", "militias"];

/// Words of state bodies: ministries, agencies, courts, legislatures, forces.
const GOVERNMENT_WORDS: &[&str] = &[
    "ministry",
    "department",
    "agency",
    "authority",
    "commission",
    "office",
    "bureau",
    "directorate",
    "administration",
    "parliament",
    "assembly",
    "senate",
    "congress",
    "court",
    "police",
    "army",
    "navy",
    "government",
    "cabinet",
    "presidency",
    "municipality",
    "bank",
    "guard",
    "forces",
    "ministries",
    "tribunal",
    "prosecutor",
    "legislature",
];

/// Kind and state of a body the curated list lacks, from the words of its name: "Ministry
/// of Water" is a government body, "Acme Holdings" a company, "Daily Herald" an outlet.
fn guess(doc: &Doc<'_, '_>, a: usize, b: usize) -> (OrganizationKind, Option<Cc>) {
    (guess_kind(doc, a, b), titles::span_country(doc, a, b))
}

/// The kind of an unlisted body: the first class whose words its name has, in this order
/// (civil before media, so "University Press" is civil; companies before government, so
/// "Acme Bank" is a company and "Central Bank" a government body).
fn guess_kind(doc: &Doc<'_, '_>, a: usize, b: usize) -> OrganizationKind {
    let has = |words: &[&str]| (a..b).any(|k| words.contains(&doc.t.lower(k)));
    if has(CIVIL_WORDS) && !has(STATE_MARKS) {
        OrganizationKind::Other
    } else if has(MEDIA_WORDS) {
        OrganizationKind::Media
    } else if titles::private_body(doc, a, b) || has(COMPANY_WORDS) && !has(PUBLIC_BANK_MARKS) {
        OrganizationKind::Company
    } else if has(&["party"]) {
        OrganizationKind::Party
    } else if has(ARMED_WORDS) {
        OrganizationKind::ArmedGroup
    } else if has(GOVERNMENT_WORDS) {
        OrganizationKind::Government
    } else {
        OrganizationKind::Other
    }
}

/// The organization a body's span `a..b` names: the curated body when the dictionary
/// lists exactly this span, else its words' guess; none for the name of an event or
/// agreement ("East Asia Summit"), which ends like a body's.
fn body(doc: &Doc<'_, '_>, a: usize, b: usize) -> Option<Found> {
    let event = (a..b)
        .rev()
        .find(|&x| doc.seg[x].is_some_and(|s| s.ok & ok::ORG_HEAD != 0))
        .and_then(|x| doc.seg[x])
        .is_some_and(|s| doc.entry(&s).event_head);
    if event {
        return None;
    }
    let curated = doc
        .seg_with(a, ok::ORG)
        .filter(|s| s.b == b)
        .and_then(|s| doc.entry(&s).org);
    Some(match curated {
        Some(o) => described(doc, o, a, b),
        None => {
            let (kind, cc) = guess(doc, a, b);
            (doc.t.span_text(a, b).to_string(), kind, cc, a, b)
        }
    })
}

/// Collects every organization mention in text order.
pub fn collect(
    doc: &Doc<'_, '_>,
    claims: &Claims,
    extra: &[(String, usize, usize)],
) -> Vec<Organization> {
    let mut found: Vec<Found> = Vec::new();
    let n = doc.len();
    // The bodies' spans (in text order, apart) and the next curated body's match: the
    // walk jumps from one to the next instead of visiting every token.
    let mut chunks = doc.org_chunks.iter().filter(|&&(a, b)| a < b).peekable();
    let mut next_org = doc.next_with(0, ok::ORG);
    let mut i = 0;
    loop {
        while chunks.next_if(|&&(_, b)| b <= i).is_some() {}
        if next_org < i {
            next_org = doc.next_with(i, ok::ORG);
        }
        let next_chunk = chunks.peek().map_or(n, |&&(a, _)| a.max(i));
        i = next_chunk.min(next_org);
        if i >= n {
            break;
        }
        if let Some(&&(a, b)) = chunks.peek().filter(|&&&(a, _)| a <= i) {
            if let Some(f) = body(doc, a, b) {
                found.push(f);
            }
            i = b;
            continue;
        }
        if let Some(s) = doc.seg_with(i, ok::ORG) {
            if claims[i] & (claim::PLACE | claim::PERSON) == 0 {
                if let Some(o) = doc.entry(&s).org {
                    found.push(described(doc, o, s.a, s.b));
                }
            }
            i = s.b;
            continue;
        }
        i += 1;
    }
    found.extend(extra.iter().map(|(name, a, b)| {
        let (kind, cc) = guess(doc, *a, *b);
        (name.clone(), kind, cc, *a, *b)
    }));
    found.sort_by_key(|f| (f.3, f.4));
    found.dedup_by(|x, y| x.3 == y.3 && x.4 == y.4);
    let mut orgs: Vec<Organization> = Vec::new();
    // Lowercased name -> index in `orgs`: one probe per mention, whatever the count.
    // (Sized once: growing a table rehashes it.)
    let mut by_name: rustc_hash::FxHashMap<String, usize> =
        rustc_hash::FxHashMap::with_capacity_and_hasher(found.len(), Default::default());
    for (name, kind, cc, a, b) in found {
        let m = Mention {
            start: doc.t.toks[a].cstart as usize,
            end: doc.t.toks[b - 1].cend as usize,
            text: doc.t.span_text(a, b).to_string(),
        };
        let key = name.to_lowercase();
        if let Some(&k) = by_name.get(&key) {
            orgs[k].mentions.push(m);
        } else {
            by_name.insert(key, orgs.len());
            orgs.push(Organization {
                name,
                kind,
                country: cc.and_then(CountryCode::new),
                mentions: vec![m],
            });
        }
    }
    orgs
}
