#!/usr/bin/env python3
"""validate_roots.py: reads `dyad validate` output on stdin and prints, over the records
that have gold events, how many got the right CAMEO root and the right full code for at
least one gold event (actors aside): the measures the issue sets for codebook examples."""
import re, sys

recs, cur = [], None
for line in sys.stdin:
    m = re.match(r"(correct  |INCORRECT) (\S+) ?(\S*)", line)
    if m:
        cur = {"ok": m.group(1) == "correct  ", "cat": m.group(3), "exp": [], "act": []}
        recs.append(cur)
        continue
    m = re.match(r"\s+(expected|actual  ): (.*)", line)
    if m and cur is not None:
        ev = [] if "(no events)" in m.group(2) else [x.split() for x in m.group(2).split(";")]
        cur["exp" if m.group(1) == "expected" else "act"] = ev
coded = [r for r in recs if r["cat"] != "NONE" and (r["ok"] or r["exp"])]
root = code = 0
for r in coded:
    if r["ok"]:
        root += 1; code += 1; continue
    ec = {e[2] for e in r["exp"] if len(e) > 2}
    ac = {a[2] for a in r["act"] if len(a) > 2}
    root += bool({c[:2] for c in ec} & {c[:2] for c in ac})
    code += bool(ec & ac)
n = max(len(coded), 1)
print(f"  {len(coded)} records with gold events: right root {root} ({100*root/n:.1f}%), "
      f"right full code {code} ({100*code/n:.1f}%)")
