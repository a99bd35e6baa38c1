#!/usr/bin/env python3
"""geo_sample.py: how many events dyad places, and how well (issue 13's figures).

  python3 bench/geo_sample.py share [--dyad build/dyad] [--eval ../shared/eval]
  python3 bench/geo_sample.py draw  [--seed N] [--n 100] [--out FILE]
  python3 bench/geo_sample.py score [FILE]

share: codes the public Reuters day (fjty_reuters2020) and the Guardian sample (ngec_guardian),
converted to JSONL here with Python's own readers (those of bench/precision_sample.py), and
prints, per corpus, the share of events with a location and the shares by precision (city,
region, country) and by where the place came from (sentence, dateline, story, actors).

draw: draws N events that have a location, with a fixed seed, uniformly over both corpora,
into FILE (default bench/geo/sample.tsv): event, place, precision, source of the place, and
empty `verdict` and `reason` columns. The sentences go to bench/out/geo-text.tsv (ignored by
git), for the judge to read: news text stays in ../shared, never in the project.

Verdicts: right | wrong-place | too-coarse | not-located. A place is right when a reader of
the sentence (and its story) would put the event there at the stated precision: a city
event placed at its city, or at its country when the story only names the country; an
event placed in a country where it did not happen is wrong-place.

score: prints the share of each verdict.
"""
import argparse, collections, csv, json, os, random, subprocess, sys, tempfile

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, here)
import precision_sample as ps  # the corpus readers and the verdict tally

COLS = ["n", "corpus", "story", "sentence", "source", "target", "code", "place", "precision",
        "from", "country", "adm1", "lat", "lon", "verdict", "reason"]


def code(a):
    ev = a.eval
    recs = {"reuters": list(ps.read_fjty(os.path.join(ev, "fjty_reuters2020/demo-REUT-20-02-25-stories.jsonl"))),
            "guardian": list(ps.read_guardian(os.path.join(ev, "ngec_guardian/Guardian_SDF_sample.csv")))}
    events = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name, rs in recs.items():
            p = os.path.join(tmp, name + ".jsonl")
            with open(p, "w", encoding="utf-8") as f:
                for r in rs:
                    f.write(json.dumps({k: v for k, v in r.items() if v}) + "\n")
            out = subprocess.run([a.dyad, "code", p], capture_output=True, text=True)
            events[name] = [json.loads(l) for l in out.stdout.splitlines() if l.startswith("{")]
            if not events[name]:
                sys.exit("geo_sample: dyad coded no events in %s (stderr: %s)" % (name, out.stderr[-500:]))
    return events


def placed(e):
    loc = e.get("location") or {}
    return loc.get("precision") is not None


def share(a):
    for name, evs in code(a).items():
        n = len(evs)
        k = sum(1 for e in evs if placed(e))
        prec = collections.Counter(e["location"]["precision"] for e in evs if placed(e))
        frm = collections.Counter(e["location"]["from"] for e in evs if placed(e))
        print("%-9s %5d events, %5d with a location (%.1f%%); precision: %s; from: %s" % (
            name, n, k, 100.0 * k / n,
            ", ".join("%s %d" % kv for kv in prec.most_common()),
            ", ".join("%s %d" % kv for kv in frm.most_common())))


def draw(a):
    events = [e for evs in code(a).values() for e in evs if placed(e)]
    rnd = random.Random(a.seed)
    pick = sorted(rnd.sample(range(len(events)), min(a.n, len(events))))
    os.makedirs(os.path.dirname(os.path.abspath(a.out)), exist_ok=True)
    os.makedirs(os.path.join(here, "out"), exist_ok=True)
    with open(a.out, "w", encoding="utf-8", newline="") as f, \
         open(os.path.join(here, "out", "geo-text.tsv"), "w", encoding="utf-8") as t:
        w = csv.writer(f, delimiter="\t", lineterminator="\n")
        f.write("# drawn by: python3 bench/geo_sample.py draw --seed %d --n %d\n" % (a.seed, a.n))
        f.write("# from %d located events of fjty_reuters2020 and ngec_guardian\n" % len(events))
        w.writerow(COLS)
        for k, i in enumerate(pick, 1):
            e = events[i]
            loc = e["location"]
            w.writerow([k, e["story"].split(":", 1)[0], e["story"], e["sentence"], e.get("source") or "",
                        e.get("target") or "", e["code"], loc.get("full_name"), loc.get("precision"),
                        loc.get("from"), loc.get("country"), loc.get("adm1") or "", loc.get("lat"),
                        loc.get("lon"), "", ""])
            t.write("%d\t%s\t%s\t%s\t%s\n" % (k, e["story"], loc.get("text") or "-", loc.get("full_name"),
                                              e.get("text", "").replace("\n", " ")))
    print("geo_sample: %d of %d located events drawn into %s" % (len(pick), len(events), a.out))


def score(path):
    ps.tally(path, ("precision", "from", "corpus"), lambda r, key: r[key], "geo_sample")


ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
ap.add_argument("cmd", choices=["share", "draw", "score"])
ap.add_argument("file", nargs="?")
ap.add_argument("--dyad", default="build/dyad")
ap.add_argument("--eval", default=os.path.join(here, "..", "..", "shared", "eval"))
ap.add_argument("--seed", type=int, default=20261204)
ap.add_argument("--n", type=int, default=100)
ap.add_argument("--out", default=os.path.join(here, "geo", "sample.tsv"))
a = ap.parse_args()
if a.cmd in ("share", "draw") and not os.path.isdir(a.eval):
    sys.exit("geo_sample: %s is absent: the corpora are needed" % a.eval)
if a.cmd == "share":
    share(a)
elif a.cmd == "draw":
    draw(a)
else:
    score(a.file or a.out)
