//! The people, places and bodies the final entities put on each token, for the passes that
//! read who did what (quotes, events): officials' mentions, plus the names of people the
//! text gives no role ("Smith said"), plus per-token links to locations and organizations.
//!
//! Built once per item in one left-to-right pass over the tokens and the entities'
//! mentions (a binary search per mention to find its tokens).

use crate::lexicon::IdMap;

use crate::model::{Entities, Mention, PersonRef};
use crate::officials::{names, words};
use crate::scan::Doc;
use crate::tokens::{first_starting_at_or_after, hash_str, Kind};

pub const NONE: u32 = u32::MAX;

/// One mention of a person: tokens `a..b`.
#[derive(Debug, Clone)]
pub struct PersonMention {
    pub a: usize,
    pub b: usize,
    /// Index into [`Persons::people`].
    pub who: u32,
    /// The first person mention of its sentence: the likeliest subject, what a later
    /// "he" or "she" points back to.
    pub subject: bool,
    /// The latest subject-like mention up to this one (itself included), or [`NONE`].
    pub prev_subject: u32,
}

#[derive(Debug, Default)]
pub struct Persons {
    /// The people named: officials first (index for index), then others.
    pub people: Vec<PersonRef>,
    /// Person mentions in text order.
    pub list: Vec<PersonMention>,
    /// Per token: index into `list`, or [`NONE`].
    pub at: Vec<u32>,
    /// Per token: index into `locations`, or [`NONE`].
    pub loc_at: Vec<u32>,
    /// Per token: index into `organizations`, or [`NONE`].
    pub org_at: Vec<u32>,
}

/// Marks on `out` (unmarked: all [`NONE`]) the tokens of every mention of the entities
/// `mentions` yields (entity index, its mentions): each token gets the index of the last
/// entity, in entity order, whose mention covers it. A mention that starts inside a token
/// marks nothing.
///
/// One sort of the mentions by start and one forward walk over the tokens, galloping from
/// one mention to the next, so that the cost stays linear in the text (a binary search
/// per mention over the whole token array costs a cache miss per step on long texts).
/// The last entity is the greatest index: each token keeps the greatest it is given, so
/// the mentions need no second sort into entity order. `spans` is scratch room for the
/// mentions (emptied first): the three kinds of entity share one list.
fn mark<'m>(
    doc: &Doc<'_, '_>,
    out: &mut [u32],
    mentions: impl Iterator<Item = (usize, &'m [Mention])>,
    spans: &mut Vec<(usize, usize, u32)>,
) {
    spans.clear();
    spans.extend(
        mentions.flat_map(|(idx, ms)| ms.iter().map(move |m| (m.start, m.end, idx as u32))),
    );
    spans.sort_unstable_by_key(|&(start, _, _)| start);
    let toks = &doc.t.toks;
    let n = out.len();
    let mut a = 0;
    for &(start, end, idx) in spans.iter() {
        a = first_starting_at_or_after(toks, a, start);
        if toks.get(a).is_none_or(|t| t.cstart as usize != start) {
            continue;
        }
        let mut b = a;
        while b < toks.len() && (toks[b].cstart as usize) < end {
            b += 1;
        }
        for x in out.iter_mut().take(b.min(n)).skip(a.min(n)) {
            if *x == NONE || *x < idx {
                *x = idx;
            }
        }
    }
}

/// The hash of a name's last word as the tokenizer hashes it ("al-Burhan" -> "burhan").
fn surname_hash(name: &str) -> u64 {
    let last = name
        .rsplit(|c: char| !c.is_alphanumeric() && c != '\'')
        .find(|w| !w.is_empty())
        .unwrap_or("");
    // Lowercased on the stack when it is ASCII and fits (this runs for every official).
    let mut buf = [0u8; 64];
    hash_str(&words::lowercase_in(last, &mut buf))
}

/// Links every token to the final entities and to the people named on it, in text order.
pub fn build(doc: &Doc<'_, '_>, ents: &Entities) -> Persons {
    let mut scan = Scan::new(doc, ents);
    let n = doc.len();
    // Room for the officials' mentions and a few others' (a first push would allocate
    // four, and a text that names people doubles it from there).
    let officials: usize = ents.officials.iter().map(|o| o.mentions.len()).sum();
    let mut list: Vec<PersonMention> = Vec::with_capacity(officials + 8);
    let mut at = vec![NONE; n];
    let mut last_sent = u32::MAX;
    let mut k = 0;
    while k < n {
        // Only an official's mention or a capitalized word starts a person's mention: the
        // tokens before the next one are passed over in one read.
        let starts = |(&off, t): (&u32, &crate::tokens::Token)| off != NONE || t.cap;
        let ahead = scan.off_at[k..].iter().zip(&doc.t.toks[k..]);
        k += ahead.take_while(|&x| !starts(x)).count();
        if k >= n {
            break;
        }
        let found = if scan.off_at[k] != NONE {
            Some(scan.official_at(k))
        } else {
            scan.unofficial_name(k)
        };
        match found {
            Some((b, who)) => {
                let s = doc.sent_id[k];
                for x in at.iter_mut().take(b).skip(k) {
                    *x = list.len() as u32;
                }
                list.push(PersonMention {
                    a: k,
                    b,
                    who,
                    subject: s != last_sent,
                    prev_subject: NONE,
                });
                last_sent = s;
                k = b.max(k + 1);
            }
            None => k += 1,
        }
    }
    link_subjects(&mut list);
    Persons {
        people: scan.people,
        list,
        at,
        loc_at: scan.loc_at,
        org_at: scan.org_at,
    }
}

/// Each mention's latest subject-like mention (itself included).
fn link_subjects(list: &mut [PersonMention]) {
    let mut cur = NONE;
    for (i, m) in list.iter_mut().enumerate() {
        if m.subject {
            cur = i as u32;
        }
        m.prev_subject = cur;
    }
}

/// The per-token marks of the final entities and the people met so far, while
/// [`build`] walks the text.
struct Scan<'d, 'a, 'l> {
    doc: &'d Doc<'a, 'l>,
    off_at: Vec<u32>,
    loc_at: Vec<u32>,
    org_at: Vec<u32>,
    people: Vec<PersonRef>,
    /// Surnames (hash of the last word, lowercased) of the people named so far -> their
    /// entry in `people`.
    known: IdMap<u32>,
}

impl<'d, 'a, 'l> Scan<'d, 'a, 'l> {
    fn new(doc: &'d Doc<'a, 'l>, ents: &Entities) -> Self {
        let n = doc.len();
        let mut off_at = vec![NONE; n];
        let mut loc_at = vec![NONE; n];
        let mut org_at = vec![NONE; n];
        let officials = ents.officials.iter().map(|o| o.mentions.as_slice());
        let locations = ents.locations.iter().map(|l| l.mentions.as_slice());
        let organizations = ents.organizations.iter().map(|o| o.mentions.as_slice());
        // One list for the three kinds' mentions, sized once for the most numerous.
        let most = (officials.clone().map(<[Mention]>::len).sum::<usize>())
            .max(locations.clone().map(<[Mention]>::len).sum())
            .max(organizations.clone().map(<[Mention]>::len).sum());
        let mut spans = Vec::with_capacity(most);
        mark(doc, &mut off_at, officials.enumerate(), &mut spans);
        mark(doc, &mut loc_at, locations.enumerate(), &mut spans);
        mark(doc, &mut org_at, organizations.enumerate(), &mut spans);
        let mut people: Vec<PersonRef> = Vec::with_capacity(ents.officials.len() + 8);
        // Sized for the officials and a few others: growing a table rehashes it.
        let mut known: IdMap<u32> =
            IdMap::with_capacity_and_hasher(people.capacity(), Default::default());
        for (i, o) in ents.officials.iter().enumerate() {
            known.insert(surname_hash(&o.name), people.len() as u32);
            people.push(PersonRef {
                name: o.name.clone(),
                official: Some(i),
            });
        }
        Scan {
            doc,
            off_at,
            loc_at,
            org_at,
            people,
            known,
        }
    }

    /// An official's mention starting at `k`: its end (on the same line) and the person.
    fn official_at(&self, k: usize) -> (usize, u32) {
        let (doc, n) = (self.doc, self.doc.len());
        let mut b = k + 1;
        while b < n && self.off_at[b] == self.off_at[k] && !doc.t.toks[b].newline_before {
            b += 1;
        }
        (b, self.off_at[k])
    }

    /// A name at `k` that is no official, place or body: a person of two words or more
    /// (met before or new), or the surname of one met before.
    fn unofficial_name(&mut self, k: usize) -> Option<(usize, u32)> {
        let doc = self.doc;
        let free = |at: &[u32], j: usize| at[j] == NONE;
        if !doc.is_cap_word(k)
            || !free(&self.loc_at, k)
            || !free(&self.org_at, k)
            || doc.chunk_of[k] != NONE
            || !names::name_word(doc, k)
        {
            return None;
        }
        let (a, b) = names::forward_from_name_word(doc, k)?;
        let words = (a..b).filter(|&j| doc.is_cap_word(j)).count();
        let clean =
            (a..b).all(|j| free(&self.loc_at, j) && free(&self.org_at, j) && free(&self.off_at, j));
        let last = (a..b).rev().find(|&j| doc.t.toks[j].kind == Kind::Word)?;
        let key = doc.t.toks[last].hash;
        if !clean {
            return None;
        }
        if words < 2 {
            return self.known.get(&key).map(|&idx| (b, idx));
        }
        let name = doc.t.span_text(a, b);
        let people = &mut self.people;
        let idx = *self.known.entry(key).or_insert_with(|| {
            people.push(PersonRef {
                name: name.to_string(),
                official: None,
            });
            (people.len() - 1) as u32
        });
        // A fuller form of a person met before (not an official) replaces it.
        if let Some(p) = self.people.get_mut(idx as usize) {
            if p.official.is_none() && name.len() > p.name.len() {
                p.name = name.to_string();
            }
        }
        Some((b, idx))
    }
}

impl Persons {
    /// Who a mention names.
    pub fn who(&self, m: &PersonMention) -> &PersonRef {
        &self.people[m.who as usize]
    }

    /// The person mention covering token `k`.
    pub fn person(&self, k: usize) -> Option<&PersonMention> {
        let i = *self.at.get(k)?;
        self.list.get(i as usize)
    }

    /// The latest subject-like person mention ending at or before token `k`.
    pub fn subject_before(&self, k: usize) -> Option<&PersonMention> {
        let end = self.list.partition_point(|m| m.b <= k);
        let i = self.list.get(end.checked_sub(1)?)?.prev_subject;
        self.list.get(i as usize)
    }

    /// The latest official whose mention ends before `k` and whose title contains
    /// `head` ("the minister"), looking back over at most `window` person mentions.
    pub fn titled_before(
        &self,
        ents: &Entities,
        k: usize,
        head: &str,
        window: usize,
    ) -> Option<&PersonMention> {
        let end = self.list.partition_point(|m| m.b <= k);
        self.list[..end].iter().rev().take(window).find(|m| {
            self.who(m)
                .official
                .and_then(|i| ents.officials.get(i))
                .and_then(|o| o.title.as_deref())
                .is_some_and(|t| {
                    t.split(|c: char| !c.is_alphanumeric())
                        .any(|w| w.eq_ignore_ascii_case(head))
                })
        })
    }
}
