#!/usr/bin/env python3
"""precision_sample.py: draws events at random from coding three public real-news corpora,
for judging by reading (issue 10's precision figure), and tallies the verdicts.

  python3 bench/precision_sample.py draw  [--dyad build/dyad] [--eval ../shared/eval]
                                          [--seed N] [--n 100] [--out FILE] [-- DYAD CODE ARGS]
  python3 bench/precision_sample.py score FILE
  python3 bench/precision_sample.py story STORY_ID [SENTENCE]

draw: converts fjty_reuters2020 (concatenated JSON objects), ngec_guardian (CSV) and
en_worldwide_newswire (URL line, blank line, body) into one JSONL of {id, date, text, url}
(here, with Python's own readers, so the sample does not depend on dyad's readers), codes it
with `dyad code` (default options unless extra args follow `--`), and draws N events with a
fixed seed, uniformly over all events of the three corpora. It writes FILE (default
bench/precision/sample.tsv) with one row per event and empty `verdict` and `reason` columns,
and bench/out/precision-text.tsv (ignored by git) with the sentence of each row, for the
judge to read: news text stays in ../shared, never in the project.

Verdicts: right | not-event | wrong-actor | wrong-code | wrong-date. An event is right when
a trained CAMEO coder reading the sentence (and its story) would code that source, target
and code (the root and a defensible subcode), on that date.

score: prints the share of each verdict, overall and by corpus and root.

story: prints a story of the three corpora as dyad splits it, every sentence numbered (the
row's SENTENCE marked), for the judge; bench/precision/judging.md is the judge's guide.
"""
import argparse, collections, csv, json, os, random, re, subprocess, sys, tempfile

here = os.path.dirname(os.path.abspath(__file__))
COLS = ["n", "corpus", "story", "sentence", "date", "source", "target", "code", "verdict", "reason"]


def read_fjty(path):
    dec = json.JSONDecoder()
    s = open(path, encoding="utf-8").read()
    i = 0
    while True:
        while i < len(s) and s[i].isspace():
            i += 1
        if i >= len(s):
            return
        obj, i = dec.raw_decode(s, i)
        story = obj.get("textInfo", {}).get("textStory")
        text = "\n\n".join(story) if isinstance(story, list) else (story or "")
        cite = obj.get("citeInfo") or {}
        yield {"id": "fjty:%s" % obj.get("id"), "date": obj.get("date"), "text": text,
               "headline": cite.get("title") or "", "url": cite.get("url") or ""}


def read_guardian(path):
    csv.field_size_limit(1 << 30)
    for r in csv.DictReader(open(path, encoding="utf-8", newline="")):
        yield {"id": "guardian:%s" % r[""], "date": r["date"], "text": r["text"]}


def read_worldwide(folder):
    for name in sorted(os.listdir(folder)):
        lines = open(os.path.join(folder, name), encoding="utf-8", errors="replace").read().split("\n")
        url, body = lines[0].strip(), "\n".join(lines[1:]).strip()
        rec = {"id": "worldwide:%s" % name, "text": body, "url": url}
        m = re.search(r"(20\d\d)[/-](\d\d)[/-](\d\d)", url)
        if m:
            rec["date"] = "%s-%s-%s" % m.groups()
        yield rec


def read_corpora(ev):
    """The three corpora's stories, in the order the sample is drawn from."""
    recs = list(read_fjty(os.path.join(ev, "fjty_reuters2020/demo-REUT-20-02-25-stories.jsonl")))
    recs += list(read_guardian(os.path.join(ev, "ngec_guardian/Guardian_SDF_sample.csv")))
    recs += list(read_worldwide(os.path.join(ev, "en_worldwide_newswire/original_articles")))
    return recs


def story(a):
    """Prints a story as dyad splits it, every sentence numbered, for the judge: the row's
    sentence marked >>>. Stories that share an id (the Reuters day has some) all print."""
    sid, mark = a.file, int(a.extra[0]) if a.extra else -1
    recs = [r for r in read_corpora(a.eval) if r["id"] == sid]
    if not recs:
        sys.exit("precision_sample: no story %s in the corpora" % sid)
    if len(recs) > 1:
        print("NOTE: %d stories share the id %s; the row's is the one whose sentence %d is the row's sentence"
              % (len(recs), sid, mark))
    for r in recs:
        out = subprocess.run([a.dyad, "parse", "-"], input=json.dumps({k: v for k, v in r.items() if v}),
                             capture_output=True, text=True)
        if out.returncode or not out.stdout.strip():
            sys.exit("precision_sample: dyad parse failed: %s" % out.stderr[-300:])
        s = json.loads(out.stdout.splitlines()[0])
        print("=== story %s  date %s  url %s" % (s["id"], s.get("date"), s.get("url")))
        for x in s["sentences"]:
            print("%s[%d]%s %s" % (">>> " if x["index"] == mark else "", x["index"],
                                   " (date %s)" % x["date"] if x.get("date") else "", x["text"]))


def draw(a):
    recs = read_corpora(a.eval)
    with tempfile.TemporaryDirectory() as tmp:
        p = os.path.join(tmp, "in.jsonl")
        with open(p, "w", encoding="utf-8") as f:
            for r in recs:
                f.write(json.dumps({k: v for k, v in r.items() if v}) + "\n")
        out = subprocess.run([a.dyad, "code", *a.extra, p], capture_output=True, text=True)
    events = [json.loads(l) for l in out.stdout.splitlines() if l.startswith("{")]
    if not events:
        sys.exit("precision_sample: dyad coded no events (stderr: %s)" % out.stderr[-500:])
    rnd = random.Random(a.seed)
    pick = sorted(rnd.sample(range(len(events)), min(a.n, len(events))))
    os.makedirs(os.path.dirname(os.path.abspath(a.out)), exist_ok=True)
    textdir = os.path.join(here, "out")
    os.makedirs(textdir, exist_ok=True)
    with open(a.out, "w", encoding="utf-8", newline="") as f, \
         open(os.path.join(textdir, "precision-text.tsv"), "w", encoding="utf-8") as t:
        w = csv.writer(f, delimiter="\t", lineterminator="\n")
        f.write("# drawn by: python3 bench/precision_sample.py draw --seed %d --n %d%s\n"
                % (a.seed, a.n, (" -- " + " ".join(a.extra)) if a.extra else ""))
        f.write("# from %d events coded in %d stories\n" % (len(events), len(recs)))
        w.writerow(COLS)
        for k, i in enumerate(pick, 1):
            e = events[i]
            corpus = e["story"].split(":", 1)[0]
            w.writerow([k, corpus, e["story"], e["sentence"], e.get("date") or "", e.get("source") or "",
                        e.get("target") or "", e["code"], "", ""])
            t.write("%d\t%s\t%s | %s | %s\t%s\n" % (k, e["story"], e.get("source_text") or "-",
                    e.get("verb_text") or e["code"], e.get("target_text") or "-", e.get("text", "").replace("\n", " ")))
    print("precision_sample: %d of %d events drawn into %s" % (len(pick), len(events), a.out))


def tally(path, keys, group, who="precision_sample"):
    """Prints the share of each verdict in a judged sample, overall and by each of keys
    (group(row, key) gives a row's group)."""
    rows = [r for r in csv.DictReader((l for l in open(path, encoding="utf-8") if not l.startswith("#")), delimiter="\t")]
    judged = [r for r in rows if r["verdict"]]
    if not judged:
        sys.exit("%s: no verdicts in %s" % (who, path))
    c = collections.Counter(r["verdict"] for r in judged)
    print("%d judged of %d; right %d (%.0f%%)" % (len(judged), len(rows), c["right"], 100.0 * c["right"] / len(judged)))
    for v, k in c.most_common():
        print("  %-12s %3d" % (v, k))
    for key in keys:
        by = collections.defaultdict(collections.Counter)
        for r in judged:
            by[group(r, key)][r["verdict"] == "right"] += 1
        print("by %s: %s" % (key, ", ".join("%s %d/%d" % (g, v[True], v[True] + v[False]) for g, v in sorted(by.items()))))


def score(path):
    tally(path, ("corpus", "root"), lambda r, key: r["corpus"] if key == "corpus" else r["code"][:2])


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("cmd", choices=["draw", "score", "story"])
    ap.add_argument("file", nargs="?")
    ap.add_argument("--dyad", default="build/dyad")
    ap.add_argument("--eval", default=os.path.join(here, "..", "..", "shared", "eval"))
    ap.add_argument("--seed", type=int, default=20261204)
    ap.add_argument("--n", type=int, default=100)
    ap.add_argument("--out", default=os.path.join(here, "precision", "sample.tsv"))
    ap.add_argument("extra", nargs="*")
    a = ap.parse_args()
    if a.cmd in ("draw", "story") and not os.path.isdir(a.eval):
        sys.exit("precision_sample: %s is absent: the corpora are needed (--eval DIR)" % a.eval)
    if a.cmd == "draw":
        draw(a)
    elif a.cmd == "story":
        if not a.file:
            sys.exit("precision_sample: story needs a STORY_ID")
        story(a)
    else:
        score(a.file or a.out)


if __name__ == "__main__":
    main()
