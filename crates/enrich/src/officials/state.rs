//! An official's state: the country the title states, a well-known office holder's, or
//! the country the evidence around the official's mentions weighs heaviest; then the two
//! decisions that read other officials (staff serve their principal's state, a
//! counterpart serves another state than the official met).
//!
//! Each official leaves with a [`Trace`]: the weighed countries, best first, when the
//! state came from evidence, and a note naming the decision that fixed it otherwise.

use std::collections::BTreeSet;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use super::{mention, words, Person};
use crate::country::{CountryWeights, Few, Signal};
use crate::explain::Trace;
use crate::gazetteer::{Cc, NO_CC};
use crate::model::{CountryCode, Official};
use crate::scan::{ok, Doc};
use crate::weights::*;

/// Countries with their weight, best first.
type Ranked = CountryWeights;

/// Notes on the decision that fixed a state.
pub const NOTE_TITLE: &str = "the title states the country";
pub const NOTE_IGO: &str = "intergovernmental";
pub const NOTE_KNOWN: &str = "a well-known office holder";
pub const NOTE_PRINCIPAL: &str = "the principal's state";
pub const NOTE_COUNTERPART: &str = "counterpart: not the state of the official met";
pub const NOTE_PEERS: &str = "the one state the item's other officials serve";
pub const NOTE_COUNTERPART_TITLE: &str = "counterpart: the role of the official met";

/// One official's state while it is decided.
#[derive(Debug, Clone, Default)]
struct State {
    country: Option<Cc>,
    /// The weighed alternatives, best first (empty unless the state came from evidence).
    ranked: Ranked,
    notes: Few<&'static str, 2>,
}

/// Fills missing countries from the item's context and converts to the public type: the
/// officials and, when the traces will be read (`explain`), index for index, the traces of
/// how each was found and how its state was decided (else no trace is built: the list is
/// empty).
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
    explain: bool,
) -> (Vec<Official>, Vec<Trace>) {
    let evidence = Evidence::new(doc, ctx, signals, dateline);
    let mut states: Vec<State> = people.iter().map(|p| own_state(&evidence, p)).collect();
    staff_states(doc, &people, &mut states);
    counterpart_states(doc, &people, &mut states);
    peer_states(&people, &mut states);
    let mut people = people;
    counterpart_titles(doc, &mut people, &mut states);
    // Two lists, index for index, so that neither is moved again to be split from the other.
    let mut officials = Vec::with_capacity(people.len());
    let mut traces = Vec::with_capacity(if explain { people.len() } else { 0 });
    for (p, st) in people.into_iter().zip(states) {
        officials.push(Official {
            name: p.name,
            title: p.title,
            country: st.country.and_then(CountryCode::new),
            organization: p.org,
            mentions: p
                .mentions
                .iter()
                .map(|&(a, b)| mention(doc, a, b))
                .collect(),
        });
        if explain {
            let mut trace = p.trace.into_trace();
            trace.countries = st.ranked;
            trace.notes.extend(st.notes.iter().copied());
            traces.push(trace);
        }
    }
    (officials, traces)
}

/// What the item offers as country evidence for any official.
struct Evidence<'e, 'd, 'a, 'l> {
    doc: &'d Doc<'a, 'l>,
    ctx: &'e CountryWeights,
    signals: &'e [Signal],
    /// (sentence, index into `signals`) of every signal, ascending: one sorted list
    /// rather than a list per sentence (see [`Evidence::in_sentence`]). Sorted on first
    /// use: most items' officials all have a state the title or the world knows.
    by_sentence: std::cell::OnceCell<Vec<(u32, usize)>>,
    dateline: Option<Cc>,
}

impl Evidence<'_, '_, '_, '_> {
    /// The indices into `signals` of sentence `sentence`'s signals, ascending.
    fn in_sentence(&self, sentence: u32) -> impl Iterator<Item = usize> + '_ {
        let by_sentence = self.by_sentence.get_or_init(|| {
            let mut by_sentence: Vec<(u32, usize)> = (self.signals.iter().enumerate())
                .map(|(i, s)| (s.sentence, i))
                .collect();
            by_sentence.sort_unstable();
            by_sentence
        });
        let lo = by_sentence.partition_point(|e| e.0 < sentence);
        let hi = by_sentence.partition_point(|e| e.0 <= sentence);
        by_sentence[lo..hi].iter().map(|e| e.1)
    }
}

impl<'e, 'd, 'a, 'l> Evidence<'e, 'd, 'a, 'l> {
    fn new(
        doc: &'d Doc<'a, 'l>,
        ctx: &'e CountryWeights,
        signals: &'e [Signal],
        dateline: Option<Cc>,
    ) -> Self {
        Evidence {
            doc,
            ctx,
            signals,
            by_sentence: std::cell::OnceCell::new(),
            dateline,
        }
    }
}

/// The state of `p` on its own: stated by the title, known, or weighed.
fn own_state(ev: &Evidence<'_, '_, '_, '_>, p: &Person) -> State {
    if p.country.is_some() || p.igo {
        let mut notes = Few::new();
        if p.country.is_some() {
            notes.push(NOTE_TITLE);
        }
        if p.igo {
            notes.push(NOTE_IGO);
        }
        return State {
            country: p.country,
            ranked: Ranked::new(),
            notes,
        };
    }
    if let Some(cc) = ev.doc.lex.known_official(&p.name) {
        // World knowledge the reader of the item has too: "President Trump" serves the US
        // even where the item names only other countries.
        return State {
            country: Some(cc).filter(|&cc| cc != NO_CC),
            ranked: Ranked::new(),
            notes: [NOTE_KNOWN].into_iter().collect(),
        };
    }
    let ranked = weigh(ev, p);
    State {
        country: ranked.first(),
        ranked,
        notes: Few::new(),
    }
}

/// Construction "scene frame": a sentence that opens with "In <country>," ("In
/// neighbouring Mali, Foreign Minister X said in Bamako ...", "In Nepal, the Prime
/// Minister ...") sets the scene its people act in, as roundups move from country to
/// country. A city there ("In Kingston, the visiting Under Secretary ...") only says where
/// something happens, so only a country counts.
fn scene_frame(ev: &Evidence<'_, '_, '_, '_>, sentence: u32) -> Option<Cc> {
    let doc = ev.doc;
    // The sentence's earliest place (signals are listed by entity, not by position).
    let first = ev
        .in_sentence(sentence)
        .map(|i| ev.signals[i])
        .min_by_key(|sig| sig.token)?;
    // The sentence's first token: walk back from its first signal (a short way: the frame
    // opens the sentence).
    let mut s = first.token;
    while s > 0 && doc.sent_id[s - 1] == sentence && first.token - s < 6 {
        s -= 1;
    }
    if !doc.sent_start[s] || !doc.t.is_word(s, "in") {
        return None;
    }
    // "In neighbouring Mali,": at most two lowercase words between "In" and the place.
    let mut k = s + 1;
    while k < first.token && k - s <= 3 && !doc.t.toks[k].cap {
        k += 1;
    }
    let frame = k == first.token && {
        let end = doc.seg_with(k, ok::PLACE).map_or(k + 1, |g| g.b);
        doc.t.is_punct(end, ",")
    };
    // A country's signal (cities and regions weigh less; see `signals`).
    let country = first.weight >= SIGNAL_COUNTRY;
    (frame && country).then_some(first.country)
}

/// The countries the evidence gives `p`, above the least weight, best first.
fn weigh(ev: &Evidence<'_, '_, '_, '_>, p: &Person) -> Ranked {
    let doc = ev.doc;
    let mut score = ev.ctx.scaled(OFFICIAL_CONTEXT_SHARE);
    // Nearer evidence counts more: in "Saudi Crown Prince X in Riyadh before travelling
    // to Doha, Qatar, where he met Prime Minister Y", Qatar is Y's. Only the signals of
    // the person's sentences count; they are added in the signals' order.
    // (Short lists kept inline: this runs for every official the title gives no state.)
    let mut starts: Few<usize, 8> = p.mentions.iter().map(|m| m.0).collect();
    starts.as_mut_slice().sort_unstable();
    let mut sentences: Few<u32, 8> = Few::new();
    for &a in starts.iter() {
        let s = doc.sent_id[a];
        if sentences.last() != Some(&s) {
            sentences.push(s);
        }
    }
    let mut near: Few<usize, 16> = sentences.iter().flat_map(|&s| ev.in_sentence(s)).collect();
    near.as_mut_slice().sort_unstable();
    for &i in near.iter() {
        let sig = ev.signals[i];
        if let Some(d) = nearest_in_sentence(doc, &starts, sig.sentence, sig.token) {
            let decay = if d <= SIGNAL_NEAR_TOKENS {
                1.0
            } else {
                SIGNAL_NEAR_TOKENS as f32 / d as f32
            };
            score.add(sig.country, sig.weight * decay);
        }
    }
    if let Some(cc) = ev.dateline {
        score.add(cc, OFFICIAL_DATELINE);
    }
    for &s in &sentences {
        if let Some(cc) = scene_frame(ev, s) {
            score.add(cc, OFFICIAL_SCENE_FRAME);
        }
    }
    if let Some(cc) = one_country_role(doc, p) {
        score.add(cc, OFFICIAL_ONE_COUNTRY_ROLE);
    }
    // (Lowercased only when it names a secretary: most titles do not.)
    let title = p.title.as_deref().unwrap_or("");
    let us_style = words::contains_ignore_case(title, "secretary") && {
        let mut buf = [0u8; 128];
        !words::non_us_secretary(&words::lowercase_in(title, &mut buf))
    };
    let mut ranked = Ranked::new();
    for (cc, w) in score.iter() {
        let mut w = w;
        if cc == *b"US" {
            if p.minister_like {
                w *= OFFICIAL_US_MINISTER_FACTOR;
            } else if us_style && w >= SUPPORTED_COUNTRY {
                // "Secretary X" is the American style when America is in the item.
                w += OFFICIAL_US_SECRETARY;
            }
        }
        if w >= OFFICIAL_MIN_WEIGHT {
            ranked.add(cc, w);
        }
    }
    ranked.sort_best_first();
    ranked
}

/// The distance from `pos` to the nearest of the sorted mention `starts` in sentence
/// `sentence`, if the person is mentioned there.
fn nearest_in_sentence(
    doc: &Doc<'_, '_>,
    starts: &[usize],
    sentence: u32,
    pos: usize,
) -> Option<usize> {
    let lo = starts.partition_point(|&a| doc.sent_id[a] < sentence);
    let hi = starts.partition_point(|&a| doc.sent_id[a] <= sentence);
    let here = &starts[lo..hi];
    let at = here.partition_point(|&a| a < pos);
    let before = at.checked_sub(1).map(|i| pos.abs_diff(here[i]));
    let after = here.get(at).map(|&a| pos.abs_diff(a));
    match (before, after) {
        (Some(x), Some(y)) => Some(x.min(y)),
        (x, None) => x,
        (None, y) => y,
    }
}

/// A role only one country uses names that country ("Taoiseach").
fn one_country_role(doc: &Doc<'_, '_>, p: &Person) -> Option<Cc> {
    let mut buf = [0u8; 128];
    p.roles().iter().find_map(|role| {
        let padded = padded_role(role, &mut buf);
        let edges = WordEdges::of(padded.as_bytes());
        doc.lex
            .title_countries
            .iter()
            .find(|(t, _)| edges.may_contain(t.as_bytes()) && padded.contains(&**t))
            .map(|&(_, cc)| cc)
    })
}

/// The bytes that follow a space and those that precede one in a padded role: a phrase
/// " w ... v " occurs in the role only if its first byte follows a space there and its
/// last byte precedes one. That rules out most of the one-country list (searched for
/// every role of every official the title gives no state) without a substring search.
struct WordEdges {
    after_space: [u64; 4],
    before_space: [u64; 4],
}

impl WordEdges {
    fn of(s: &[u8]) -> Self {
        let mut edges = WordEdges {
            after_space: [0; 4],
            before_space: [0; 4],
        };
        for w in s.windows(2) {
            if w[0] == b' ' {
                edges.after_space[usize::from(w[1] >> 6)] |= 1 << (w[1] & 63);
            }
            if w[1] == b' ' {
                edges.before_space[usize::from(w[0] >> 6)] |= 1 << (w[0] & 63);
            }
        }
        edges
    }

    /// False only when `t` cannot occur in the role.
    fn may_contain(&self, t: &[u8]) -> bool {
        let has = |set: &[u64; 4], b: u8| set[usize::from(b >> 6)] & (1 << (b & 63)) != 0;
        let n = t.len();
        n < 2
            || ((t[0] != b' ' || has(&self.after_space, t[1]))
                && (t[n - 1] != b' ' || has(&self.before_space, t[n - 2])))
    }
}

/// `role` as the one-country role list is matched: lowercased, hyphens and commas as
/// spaces, a space either side. Built in `buf` when the role is ASCII and fits (this runs
/// for every role of every official the title gives no state), else a new string.
fn padded_role<'b>(role: &str, buf: &'b mut [u8]) -> std::borrow::Cow<'b, str> {
    if role.is_ascii() && role.len() + 2 <= buf.len() {
        let out = &mut buf[..role.len() + 2];
        out[0] = b' ';
        out[role.len() + 1] = b' ';
        for (o, b) in out[1..=role.len()].iter_mut().zip(role.bytes()) {
            *o = match b {
                b'-' | b',' => b' ',
                _ => b.to_ascii_lowercase(),
            };
        }
        // ASCII bytes in, ASCII bytes out: always valid UTF-8.
        if let Ok(padded) = std::str::from_utf8(out) {
            return std::borrow::Cow::Borrowed(padded);
        }
    }
    std::borrow::Cow::Owned(format!(
        " {} ",
        role.to_lowercase().replace(['-', ','], " ")
    ))
}

/// The office a staff member works for, from "to the President" right after their first
/// mention's role ("Vincent Doe, Spokesperson to the President" -> "president").
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

/// "Spokesperson to the President", "adviser to the Prime Minister": staff serve the
/// state of the office holder they work for, when the item names one: the first other
/// official (not a former one) whose title ends with the office and whose state is known
/// at that point (staff are decided in order, so one may be another's principal).
///
/// The holders of each office are found through the titles' suffixes of the offices'
/// lengths, and those with a known state kept in ordered sets, so each staff member costs
/// a lookup, not a scan of every official.
fn staff_states(doc: &Doc<'_, '_>, people: &[Person], states: &mut [State]) {
    let offices: Vec<Option<String>> = people
        .iter()
        .map(|p| {
            (!p.country_explicit && !p.igo)
                .then(|| served_office(doc, p))
                .flatten()
        })
        .collect();
    let ids: HashMap<&str, usize> = offices
        .iter()
        .flatten()
        .map(String::as_str)
        .collect::<BTreeSet<_>>()
        .into_iter()
        .enumerate()
        .map(|(id, o)| (o, id))
        .collect();
    if ids.is_empty() {
        return;
    }
    let lengths: BTreeSet<usize> = ids.keys().map(|o| o.len()).collect();
    // The offices each official holds, and per office the holders with a known state.
    let mut holds: Vec<Vec<usize>> = vec![Vec::new(); people.len()];
    let mut known: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); ids.len()];
    for (j, q) in people.iter().enumerate() {
        let qt = q.title.as_deref().unwrap_or("").to_lowercase();
        if qt.contains("former") {
            continue;
        }
        for &l in &lengths {
            let Some(cut) = qt.len().checked_sub(l).filter(|&c| qt.is_char_boundary(c)) else {
                continue;
            };
            if let Some(&id) = ids.get(&qt[cut..]) {
                holds[j].push(id);
                if states[j].country.is_some() {
                    known[id].insert(j);
                }
            }
        }
    }
    for i in 0..people.len() {
        let Some(id) = offices[i].as_deref().and_then(|o| ids.get(o)) else {
            continue;
        };
        let Some(cc) = known[*id]
            .iter()
            .find(|&&j| j != i)
            .and_then(|&j| states[j].country)
        else {
            continue;
        };
        if states[i].country.is_none() {
            for &o in &holds[i] {
                known[o].insert(i);
            }
        }
        states[i] = State {
            country: Some(cc),
            ranked: Ranked::new(),
            notes: [NOTE_PRINCIPAL].into_iter().collect(),
        };
    }
}

/// Construction "one government's people": a cabinet list under a named president, a
/// ministry's release naming its officials. An official the evidence gives no state takes
/// the state of the item's other officials when every official whose title states a
/// state, or whom the world knows, serves the same one ("President John Doe ... Jane Roe
/// as Finance Minister" with no other country in the item). Two states among them, or
/// none, decide nothing.
fn peer_states(people: &[Person], states: &mut [State]) {
    let mut settled = states.iter().filter(|st| {
        st.country.is_some() && st.notes.iter().any(|&n| n == NOTE_TITLE || n == NOTE_KNOWN)
    });
    let Some(one) = settled.next().and_then(|st| st.country) else {
        return;
    };
    if settled.any(|st| st.country != Some(one)) {
        return;
    }
    for (p, st) in people.iter().zip(states.iter_mut()) {
        if st.country.is_none() && !p.igo {
            st.country = Some(one);
            st.notes.push(NOTE_PEERS);
        }
    }
}

/// "his counterpart X": a counterpart serves another state than the official whose
/// counterpart they are, so X does not take the country of an official named before in
/// the same sentence; the next weighed country that is none of theirs, if any.
///
/// The officials named in a counterpart's sentence are indexed by (sentence, state), each
/// with their first mention there, so "is this state an earlier official's" is a lookup.
fn counterpart_states(doc: &Doc<'_, '_>, people: &[Person], states: &mut [State]) {
    let counterparts: Vec<(usize, usize)> = people
        .iter()
        .enumerate()
        .filter(|(i, p)| {
            let named = p
                .title
                .as_deref()
                .is_some_and(|t| words::contains_ignore_case(t, "counterpart"));
            named && !states[*i].ranked.is_empty()
        })
        .filter_map(|(i, p)| p.mentions.first().map(|m| (i, m.0)))
        .collect();
    if counterparts.is_empty() {
        return;
    }
    let sentences: HashSet<u32> = counterparts.iter().map(|&(_, a)| doc.sent_id[a]).collect();
    let mut met = MetIndex::default();
    // Each official's first mention in each of those sentences.
    let mut firsts: Vec<Vec<(u32, usize)>> = vec![Vec::new(); people.len()];
    for (j, q) in people.iter().enumerate() {
        let mut seen: HashMap<u32, usize> = HashMap::default();
        for m in &q.mentions {
            let s = doc.sent_id[m.0];
            if sentences.contains(&s) {
                let e = seen.entry(s).or_insert(m.0);
                *e = (*e).min(m.0);
            }
        }
        firsts[j] = seen.into_iter().collect();
        if let Some(cc) = states[j].country {
            met.insert(&firsts[j], cc, j);
        }
    }
    for (i, a) in counterparts {
        let s = doc.sent_id[a];
        let Some(cc) = states[i].country.filter(|&cc| met.before(s, cc, a, i)) else {
            continue;
        };
        let other = states[i]
            .ranked
            .iter()
            .find(|r| !met.before(s, r.0, a, i))
            .map(|r| r.0);
        met.remove(&firsts[i], cc, i);
        if let Some(o) = other {
            met.insert(&firsts[i], o, i);
        }
        states[i].country = other;
        states[i].notes.push(NOTE_COUNTERPART);
    }
}

/// Is `title` a counterpart ("counterpart", "Japanese counterparts")?
fn is_counterpart(title: Option<&str>) -> bool {
    // ASCII case folded in place (this runs for every official).
    let ends = |t: &[u8], suffix: &[u8]| {
        t.len() >= suffix.len() && t[t.len() - suffix.len()..].eq_ignore_ascii_case(suffix)
    };
    title.is_some_and(|t| ends(t.as_bytes(), b"counterpart") || ends(t.as_bytes(), b"counterparts"))
}

/// "Foreign Minister A met his Serbian counterpart B": a counterpart holds the role of the
/// official whose counterpart it is, the first official the sentence names before it
/// (its subject: "A and C met their counterpart B"), when that one has a role of its own.
///
/// The officials' mentions in the counterparts' sentences are indexed once, sorted, so
/// each counterpart costs a lookup.
fn counterpart_titles(doc: &Doc<'_, '_>, people: &mut [Person], states: &mut [State]) {
    let counterparts: Vec<usize> = (0..people.len())
        .filter(|&i| is_counterpart(people[i].title.as_deref()))
        .collect();
    if counterparts.is_empty() {
        return;
    }
    let sentences: HashSet<u32> = counterparts
        .iter()
        .filter_map(|&i| people[i].mentions.first())
        .map(|m| doc.sent_id[m.0])
        .collect();
    // (sentence, mention start, official) of every mention in those sentences, sorted.
    let mut index: Vec<(u32, usize, usize)> = Vec::new();
    for (j, q) in people.iter().enumerate() {
        for m in &q.mentions {
            let s = doc.sent_id[m.0];
            if sentences.contains(&s) {
                index.push((s, m.0, j));
            }
        }
    }
    index.sort_unstable();
    for i in counterparts {
        let Some(a) = people[i].mentions.first().map(|m| m.0) else {
            continue;
        };
        let s = doc.sent_id[a];
        let first = index.partition_point(|&(t, _, _)| t < s);
        let subject = index[first..]
            .iter()
            .take_while(|&&(t, at, _)| t == s && at < a)
            .map(|&(_, _, j)| j)
            .find(|&j| j != i);
        let Some(j) = subject else { continue };
        if is_counterpart(people[j].title.as_deref()) || people[j].title.is_none() {
            continue;
        }
        people[i].title = people[j].title.clone();
        states[i].notes.push(NOTE_COUNTERPART_TITLE);
    }
}

/// Officials by (sentence, state): (first mention there, official), ascending.
#[derive(Default)]
struct MetIndex(HashMap<(u32, Cc), BTreeSet<(usize, usize)>>);

impl MetIndex {
    fn insert(&mut self, firsts: &[(u32, usize)], cc: Cc, j: usize) {
        for &(s, a) in firsts {
            self.0.entry((s, cc)).or_default().insert((a, j));
        }
    }

    fn remove(&mut self, firsts: &[(u32, usize)], cc: Cc, j: usize) {
        for &(s, a) in firsts {
            if let Some(set) = self.0.get_mut(&(s, cc)) {
                set.remove(&(a, j));
            }
        }
    }

    /// Is `cc` the state of an official other than `i` mentioned in sentence `s` before
    /// token `a`?
    fn before(&self, s: u32, cc: Cc, a: usize, i: usize) -> bool {
        self.0
            .get(&(s, cc))
            .and_then(|set| set.iter().find(|&&(_, j)| j != i))
            .is_some_and(|&(first, _)| first < a)
    }
}
