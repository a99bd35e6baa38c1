#!/usr/bin/env python3
"""story_dates.py: how well dyad reads the date of a story that comes with none (issue 10).

  python3 bench/story_dates.py [--dyad build/dyad] [--eval ../shared/eval] [--show]

Ground truth: the stories of the public corpora that do carry a date (fjty_reuters2020, the
Reuters day 2020-02-25; ngec_guardian; en_worldwide_newswire stories whose URL holds a date;
reuters21578, 1987; indiapoliceevents, the Times of India, without its first line "This story
is from <date>", which states the date outright). Each is handed to `dyad parse` WITHOUT its
date; the date dyad infers (date_source "dateline" or "text") is compared with the true one.
A "timestamp" date (a Published:/Updated: line, read before this work) is counted apart.

Prints, per corpus and overall: stories, the share given a date, and of those: exact, within
1 day, within 7 days, off by more. --show lists every inferred date off by more than a day,
with the words that gave it. For comparison it also scores, in Python, the rule not taken:
the latest full date ("July 25, 2022", "25 July 2022") the text names outside a clause that
looks forward. Skips cleanly (exit 0, a note) when ../shared/eval is absent.
"""
import argparse, collections, datetime, json, os, re, subprocess, sys, tempfile

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, here)
from precision_sample import read_fjty, read_guardian, read_worldwide  # noqa: E402


def read_reuters21578(folder):
    ent = {"&lt;": "<", "&gt;": ">", "&amp;": "&"}
    for name in sorted(os.listdir(folder)):
        if not re.match(r"reut2-\d+\.sgm$", name):
            continue
        s = open(os.path.join(folder, name), encoding="latin-1").read()
        for m in re.finditer(r'<REUTERS[^>]*NEWID="(\d+)"[^>]*>(.*?)</REUTERS>', s, re.S):
            r = m.group(2)
            body = re.search(r"<BODY>(.*?)</BODY>", r, re.S)
            date = re.search(r"<DATE>\s*(\d+)-(\w+)-(\d{4})", r)
            if not body or not date:
                continue
            dl = re.search(r"<DATELINE>(.*?)</DATELINE>", r, re.S)
            text = ((dl.group(1).strip() + " ") if dl else "") + body.group(1)
            text = re.sub(r"&(lt|gt|amp);", lambda x: ent[x.group(0)], re.sub(r"&#\d+;", "", text))
            d = datetime.datetime.strptime("%s-%s-%s" % date.groups(), "%d-%b-%Y").date()
            yield {"id": "reuters21578:%s" % m.group(1), "date": d.isoformat(), "text": text}


def read_indiapolice(path):
    for line in open(path, encoding="utf-8"):
        j = json.loads(line)
        text = re.sub(r"^This story is from [^\n]*\n+", "", j.get("full_text") or "")
        if j.get("date") and text:
            yield {"id": "indiapolice:%s" % j["doc_id"], "date": j["date"], "text": text}


MONTHS = {m: i + 1 for i, m in enumerate(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug",
                                           "sep", "oct", "nov", "dec"])}
MON = r"(Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|Aug(?:ust|\.)?|" \
      r"Sept?(?:ember|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"
MDY = re.compile(MON + r"\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+((?:19|20)\d\d)\b")
DMY = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+" + MON + r",?\s+((?:19|20)\d\d)\b")
FORWARD = set("will would shall expect expects expected plan plans planned due next scheduled hope "
              "hopes aim aims target targets until by could may might should must upcoming set "
              "from before after till through between to ahead".split())


def latest_full_date(text):
    """The rule not taken: the latest full date outside a forward-looking clause."""
    best = None
    for rx, mi, di in ((MDY, 1, 2), (DMY, 2, 1)):
        for m in rx.finditer(text):
            try:
                d = datetime.date(int(m.group(3)), MONTHS[m.group(mi)[:3].lower()], int(m.group(di)))
            except ValueError:
                continue
            s = m.start()
            while s > 0 and text[s - 1] not in ".;:!?\n":
                s -= 1
            if any(w.lower() in FORWARD and w != "May" for w in re.findall(r"[A-Za-z]+", text[s:m.start()])[-40:]):
                continue
            best = max(best, d) if best else d
    return best


class Tally:
    def __init__(self):
        self.c = collections.Counter()

    def add(self, truth, got):
        self.c["n"] += 1
        if got is None:
            return
        off = abs((truth - got).days)
        self.c["dated"] += 1
        self.c["exact"] += off == 0
        self.c["day"] += off <= 1
        self.c["week"] += off <= 7
        self.c["more"] += off > 7

    def line(self, name):
        c = self.c
        d = c["dated"]
        pct = lambda k: "%5.1f%%" % (100.0 * c[k] / d) if d else "    -"
        return "%-22s %6d %6d (%4.1f%%) %s %s %s %s" % (
            name, c["n"], d, 100.0 * d / c["n"] if c["n"] else 0, pct("exact"), pct("day"), pct("week"), pct("more"))


HEAD = "%-22s %6s %15s %6s %6s %6s %6s" % ("corpus", "n", "dated", "exact", "<=1d", "<=7d", ">7d")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--dyad", default="build/dyad")
    ap.add_argument("--eval", default=os.path.join(here, "..", "..", "shared", "eval"))
    ap.add_argument("--show", action="store_true")
    a = ap.parse_args()
    if not os.path.isdir(a.eval):
        print("story_dates: %s is absent: skipped" % a.eval)
        return 0
    ev = a.eval
    sources = [
        ("fjty", lambda: read_fjty(os.path.join(ev, "fjty_reuters2020/demo-REUT-20-02-25-stories.jsonl"))),
        ("guardian", lambda: read_guardian(os.path.join(ev, "ngec_guardian/Guardian_SDF_sample.csv"))),
        ("worldwide", lambda: read_worldwide(os.path.join(ev, "en_worldwide_newswire/original_articles"))),
        ("reuters21578", lambda: read_reuters21578(os.path.join(ev, "reuters21578"))),
        ("indiapolice", lambda: read_indiapolice(os.path.join(ev, "indiapoliceevents/metadata.jsonl"))),
    ]
    undated = []  # the stories with no date at all: what the rule gives them is read by hand
    recs = []
    for name, read in sources:
        try:
            every = list(read())
        except (OSError, ValueError) as e:
            print("story_dates: %s: %s: skipped" % (name, e))
            continue
        got = [r for r in every if r.get("date")]
        undated += [dict(r, key="%s#undated%d" % (name, k), corpus=name)
                     for k, r in enumerate(r for r in every if not r.get("date"))]
        for k, r in enumerate(got):
            r["corpus"] = name
            r["key"] = "%s#%d" % (name, k)  # ids repeat in fjty
        recs += got
    truth = {r["key"]: datetime.date.fromisoformat(r["date"][:10]) for r in recs}
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "undated.jsonl")
        with open(path, "w", encoding="utf-8") as f:
            for r in recs + undated:
                f.write(json.dumps({"id": r["key"], "text": r["text"]}) + "\n")
        run = subprocess.run([a.dyad, "parse", "--quiet", path], capture_output=True, text=True)
        out = run.stdout  # exit status 1: some record was skipped (no text); it counts as undated
        if run.returncode not in (0, 1) or not out:
            sys.exit("story_dates: %s parse failed: %s" % (a.dyad, run.stderr[-500:]))
    parsed = {}
    for line in out.split("\n"):
        if not line:
            continue
        j = json.loads(line)
        parsed[j["id"]] = j
    dyad, other, stamped = collections.defaultdict(Tally), collections.defaultdict(Tally), collections.Counter()
    by_source = collections.defaultdict(Tally)
    for r in recs:
        j = parsed.get(r["key"], {})
        t = truth[r["key"]]
        src = j.get("date_source")
        if src == "timestamp":
            stamped[r["corpus"]] += 1
            continue
        got = datetime.date.fromisoformat(j["date"]) if j.get("date") and src in ("dateline", "text") else None
        for key in (r["corpus"], "all"):
            dyad[key].add(t, got)
            other[key].add(t, latest_full_date(r["text"]))
        if got:
            by_source[src].add(t, got)
        if a.show and got and abs((t - got).days) > 1:
            print("off %+5d days  %s  true %s  read %s (%s: %s)" % ((got - t).days, r["key"], t, got, src,
                                                                   j.get("date_evidence")))
    names = [n for n, _ in sources if n in dyad] + ["all"]
    print("dyad's rule (a full date in the dateline, else one the text ties to the day of writing):")
    print(HEAD)
    for n in names:
        print(dyad[n].line(n))
    for s in sorted(by_source):
        print(by_source[s].line("  by " + s))
    print("\nnot taken: the latest full date the text names outside a clause that looks forward:")
    print(HEAD)
    for n in names:
        print(other[n].line(n))
    if undated:
        given = collections.Counter()
        for r in undated:
            j = parsed.get(r["key"], {})
            given[j.get("date_source")] += 1
            if a.show and j.get("date_source") in ("dateline", "text"):
                print("undated %s -> %s (%s: %s)" % (r.get("id", r["key"]), j["date"], j["date_source"],
                                                     j.get("date_evidence")))
        print("\nstories with no date at all (%d): given one by dyad: %s; by a timestamp line: %d; left undated: %d"
              % (len(undated), ", ".join("%s %d" % (k, given[k]) for k in ("dateline", "text")),
                 given["timestamp"], given[None]))
    if stamped:
        print("\nleft out, dated by a timestamp line (Published:/Updated:): %s" %
              ", ".join("%s %d" % kv for kv in sorted(stamped.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
