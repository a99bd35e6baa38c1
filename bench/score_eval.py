#!/usr/bin/env python3
"""score_eval.py: code gold sentences with dyad and compare labels (bench, not a test).

Finds, in each CSV/TSV/JSON(L) file of a folder, a text column and a label column by
name, runs `dyad code` on every text (one JSONL story each), and scores: the right
CAMEO root and full code (codebook examples), the right PentaClass (ConfliBERT), the right
PLOVER category (PLOVER gold, through dyad's CAMEO->PLOVER map below). A sentence that
yields no event counts as wrong (or as right when its gold label says "no event")."""
import argparse, csv, glob, json, os, subprocess, sys, tempfile

TEXT = ("text", "sentence", "example", "examples", "sent", "content")
LABEL = {"cameo_codebook": ("code", "cameo", "cameo_code", "eventcode"),
         "conflibert": ("pentaclass", "penta", "label", "class"),
         "plover": ("event_type", "plover", "category", "label", "code")}
PENTA = {1: 0, 2: 0, 3: 1, 4: 1, 5: 1, 6: 2, 7: 2, 8: 2, 9: 3, 10: 3, 11: 3, 12: 3, 13: 3,
         16: 3, 14: 4, 15: 4, 17: 4, 18: 4, 19: 4, 20: 4}
# CAMEO root -> PLOVER event type (the mapping PLOVER's documentation gives, by root).
PLOVER = {1: "AGREE", 2: "REQUEST", 3: "AGREE", 4: "CONSULT", 5: "SUPPORT", 6: "COOPERATE",
          7: "AID", 8: "CONCEDE", 9: "INVESTIGATE", 10: "DEMAND", 11: "DISAPPROVE",
          12: "REJECT", 13: "THREATEN", 14: "PROTEST", 15: "MOBILIZE", 16: "SANCTION",
          17: "COERCE", 18: "ASSAULT", 19: "ASSAULT", 20: "ASSAULT"}

def rows(path):
    if path.endswith((".jsonl", ".json")):
        with open(path, encoding="utf-8") as f:
            txt = f.read().strip()
        if txt.startswith("["):
            yield from json.loads(txt)
        else:
            for line in txt.splitlines():
                if line.strip():
                    yield json.loads(line)
    else:
        with open(path, encoding="utf-8", newline="") as f:
            sample = f.read(4096); f.seek(0)
            dialect = csv.excel_tab if sample.count("\t") > sample.count(",") else csv.excel
            yield from csv.DictReader(f, dialect=dialect)

def pick(keys, names):
    low = {k.lower().strip(): k for k in keys}
    for n in names:
        if n in low: return low[n]
    return None

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dyad", default="build/dyad")
    ap.add_argument("--set", required=True, choices=sorted(LABEL))
    ap.add_argument("folder")
    a = ap.parse_args()
    items = []
    for path in sorted(glob.glob(os.path.join(a.folder, "**", "*"), recursive=True)):
        if not path.endswith((".csv", ".tsv", ".jsonl", ".json")): continue
        try:
            it = list(rows(path))
        except Exception as e:
            print(f"  {path}: unreadable ({e})"); continue
        if not it or not isinstance(it[0], dict): continue
        t, l = pick(it[0].keys(), TEXT), pick(it[0].keys(), LABEL[a.set])
        if not t or not l:
            print(f"  {path}: no text/label columns among {list(it[0].keys())[:8]}"); continue
        print(f"  {path}: text={t!r} label={l!r}, {len(it)} rows")
        items += [(str(r[t]), str(r[l]).strip()) for r in it if r.get(t)]
    if not items:
        print("  nothing to score"); return
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as f:
        for i, (text, _) in enumerate(items):
            f.write(json.dumps({"id": str(i), "text": text}) + "\n")
        name = f.name
    out = subprocess.run([a.dyad, "code", "--no-progress", name], capture_output=True, text=True).stdout
    os.unlink(name)
    got = {}
    for line in out.splitlines():
        e = json.loads(line)
        got.setdefault(int(e["story"]), []).append(e)
    n = len(items); root_ok = code_ok = cls_ok = 0
    for i, (_, gold) in enumerate(items):
        ev = got.get(i, [])
        if a.set == "cameo_codebook":
            root_ok += any(e["code"][:2] == gold[:2] for e in ev)
            code_ok += any(e["code"] == gold for e in ev)
        elif a.set == "conflibert":
            cls_ok += any(str(PENTA.get(e["root"])) == gold for e in ev)
        else:
            cls_ok += any(PLOVER.get(e["root"], "").lower() == gold.lower() for e in ev)
    if a.set == "cameo_codebook":
        print(f"  right root: {root_ok}/{n} = {100*root_ok/n:.1f}%  right code: {code_ok}/{n} = {100*code_ok/n:.1f}%")
    else:
        print(f"  right class: {cls_ok}/{n} = {100*cls_ok/n:.1f}%")

if __name__ == "__main__":
    main()
