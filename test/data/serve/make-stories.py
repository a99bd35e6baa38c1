#!/usr/bin/env python3
"""make-stories.py: writes stories.jsonl, the sample stories behind `dyad serve`'s tests
and the dashboard demo: wire-style copy written for dyad (no agency's text), about real
actors in the first quarter of 2019. Deterministic: rerunning it gives the same file."""
import json, random, datetime

random.seed(2019)
PLACES = [("SEOUL, South Korea", "AP"), ("WASHINGTON", "Reuters"), ("BEIJING", "AP"),
          ("TOKYO", "Reuters"), ("HANOI, Vietnam", "AP"), ("PYONGYANG, North Korea", "AP")]
LEADS = [
    "North Korea accused the United States of raising tensions on the peninsula.",
    "South Korea urged North Korea to return to talks on its nuclear program.",
    "President Donald Trump will meet North Korean leader Kim Jong Un in Hanoi.",
    "North Korea threatened the United States with a nuclear strike.",
    "South Korea sent food aid to North Korea after severe floods.",
    "Japan condemned North Korea over the missile launch.",
    "North Korea rejected the proposal by South Korea.",
    "Secretary of State Mike Pompeo met Chinese Foreign Minister Wang Yi in Beijing.",
    "China criticized the United States over new tariffs.",
    "Russia warned the United States against new sanctions.",
    "South Korean President Moon Jae-in met North Korean leader Kim Jong Un at the border.",
    "The United States praised South Korea for its support.",
]
BODY = [
    "Officials in {city} did not say when talks might resume.",
    "The statement came a day after a senior envoy visited the region.",
    "Analysts said the move was aimed at a domestic audience.",
    "The foreign ministry spokesman gave no further details at a briefing on {day}.",
    "Markets in Asia were little changed after the announcement.",
    "Diplomats said preparations for a second summit were under way.",
    "A government spokeswoman declined to comment on the report.",
    "State media carried the remarks without comment.",
    "The talks are expected to cover sanctions relief and inspections.",
    "Lawmakers in {city} called for a firmer line.",
]
CITIES = ["Seoul", "Washington", "Beijing", "Tokyo", "Pyongyang", "Moscow"]
start = datetime.date(2019, 1, 7)
out = []
for i in range(48):
    d = start + datetime.timedelta(days=(i * 37) % 84)
    place, agency = PLACES[i % len(PLACES)]
    leads = random.sample(LEADS, 2)
    body = random.sample(BODY, 3)
    city = random.choice(CITIES)
    day = d.strftime("%A")
    text = "%s (%s) — %s %s %s" % (place, agency, leads[0], " ".join(
        s.format(city=city, day=day) for s in body[:2]), leads[1])
    text += " " + body[2].format(city=city, day=day)
    text += " Story number %d of the sample, filed on %s." % (i + 1, d.strftime("%B %-d"))
    out.append({"id": "sample-%03d" % (i + 1), "date": d.isoformat(),
                "headline": leads[0].rstrip("."), "publisher": agency,
                "url": "https://example.org/dyad/sample-%03d" % (i + 1), "text": text})
with open("stories.jsonl", "w") as f:
    for o in sorted(out, key=lambda o: (o["date"], o["id"])):
        f.write(json.dumps(o, ensure_ascii=False) + "\n")
