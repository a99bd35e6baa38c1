"""dyad.code and dyad.Coder give exactly the events `dyad code` gives, as typed
dataclasses; errors are exceptions with dyad's message; a Coder is safe from threads."""
import datetime as dt
import json
import threading
import warnings

import pytest

import dyad
from conftest import DYAD, ROOT, SAMPLE, STORIES, run

STORY = ("ANKARA, Turkey (AP) — Turkish Foreign Minister Mevlut Cavusoglu on Tuesday "
         "accused Greece of violating Turkish airspace over the Aegean Sea.\n\n"
         "Greece rejected the accusation and said its jets had stayed in Greek airspace.\n")


def cli_events(path, *args):
    return [json.loads(l) for l in run("code", *args, str(path)).splitlines()]


def same(e: dyad.Event, j: dict) -> bool:
    # the JSONL writes null for no target, the Python event "" (docs: _types.Event)
    return (e.sentence == j["sentence"] and e.source == j["source"] and (e.target or None) == j["target"]
            and e.code == j["code"] and e.root == j["root"] and e.quad_class == j["quad_class"]
            and e.goldstein == j["goldstein"] and e.text == j["text"]
            and (e.date.isoformat() if e.date else None) == j.get("date")
            and list(e.source_span) == j["spans"]["source"]
            and list(e.verb_span) == j["spans"]["verb"]
            and len(e.rules) == len(j["rules"]))


def test_version_is_the_librarys():
    assert dyad.__version__ == run("--version").split()[1]


def test_code_text_gives_the_cli_events():
    events = list(dyad.code(SAMPLE.read_text()))
    expected = cli_events(SAMPLE)
    assert len(expected) >= 3
    assert len(events) == len(expected)
    assert all(same(e, j) for e, j in zip(events, expected))
    e = events[0]
    assert isinstance(e, dyad.Event) and isinstance(e.date, dt.date)
    assert isinstance(e.code, str) and len(e.code) >= 3
    assert e.rules and all(isinstance(r, dyad.Rule) and r.line > 0 for r in e.rules)


def test_code_path_reads_jsonl_like_the_cli():
    coder = dyad.Coder()
    events = coder.code_path(STORIES)
    expected = cli_events(STORIES)
    assert len(events) == len(expected) > 50
    assert all(same(e, j) and e.story == j["story"] for e, j in zip(events, expected))


def test_mapping_stories_use_the_readers_fields(tmp_path):
    story = {"id": "tr-1", "published": "Sept. 24, 2019", "title": "Turkey accuses Greece",
             "body": STORY}
    events = list(dyad.code(story))
    f = tmp_path / "s.jsonl"
    f.write_text(json.dumps(story) + "\n")
    expected = cli_events(f)
    assert expected and len(events) == len(expected)
    assert all(e.story == "tr-1" and e.date == dt.date(2019, 9, 24) for e in events)
    assert all(same(e, j) for e, j in zip(events, expected))


def test_date_is_used_only_when_the_story_has_none():
    undated = list(dyad.code(STORY))
    assert undated and all(e.date is None for e in undated)
    for d in ("2019-09-24", dt.date(2019, 9, 24), 20190924):
        assert {e.date for e in dyad.code(STORY, date=d)} == {dt.date(2019, 9, 24)}
    dated = {"text": STORY, "date": "2020-01-07"}  # a Tuesday: "on Tuesday" is that day
    assert {e.date for e in dyad.code(dated, date="2019-09-24")} == {dt.date(2020, 1, 7)}


def test_many_stories_in_order():
    events = list(dyad.code([STORY, {"id": "b", "text": STORY}], date="2019-09-24"))
    n = len(list(dyad.code(STORY)))
    assert len(events) == 2 * n
    assert [e.story for e in events[n:]] == ["b"] * n


def test_parse_gives_sentences_with_spans():
    (story,) = list(dyad.Coder().parse(STORY, date="2019-09-24"))
    assert isinstance(story, dyad.Story) and len(story.sentences) == 2
    s = story.sentences[1]
    assert story.text.encode()[s.start:s.end].decode().startswith("Greece rejected")
    assert story.events and story.events[0].sentence in (0, 1)


def test_options_reach_the_coder():
    with_target = list(dyad.code(STORY, date="2019-09-24", require_dyad=True))
    without = list(dyad.code(STORY, date="2019-09-24"))
    assert all(e.target for e in with_target)
    assert len(without) >= len(with_target)


def test_errors_are_exceptions_with_dyads_message(tmp_path):
    with pytest.raises(dyad.DyadInvalid) as e:
        list(dyad.code("   \n"))
    assert isinstance(e.value, ValueError) and "empty" in str(e.value)
    with pytest.raises(dyad.DyadInvalid):
        list(dyad.code(b"\x7fELF\x02\x01\x01\x00" + bytes(200)))
    with pytest.raises(dyad.DyadInvalid) as e:
        list(dyad.code(STORY, date="the 32nd of Smarch"))
    assert "not a date" in str(e.value)
    missing = tmp_path / "no-such-dictionaries"
    with pytest.raises(dyad.DyadError) as e:
        dyad.Coder(dicts=[missing])
    assert str(missing) in str(e.value)
    bad = tmp_path / "bad.txt"
    bad.write_text("%version 1\n%kind actors\nthis line has no arrow\n")
    with pytest.raises(dyad.DyadError) as e:
        dyad.Coder(dicts=[bad], strict=True)
    assert f"{bad}:3" in str(e.value)
    with pytest.raises(dyad.DyadNotFound):
        dyad.Coder().code_path(tmp_path / "nothing-here.txt")


def test_warnings_about_input_are_python_warnings():
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        list(dyad.code(b"Japan condemned North Korea \xff on Monday.", date="2019-09-24"))
    assert any(issubclass(x.category, dyad.DyadWarning) and "UTF-8" in str(x.message) for x in w)


def test_own_dictionaries(tmp_path):
    d = tmp_path / "dict"
    d.mkdir()
    (d / "actors.txt").write_text("%version t-1\n%kind actors\nRuritania => RUR\nGraustark => GRA\n")
    coder = dyad.Coder(dicts=[d, ROOT / "data" / "verbs", ROOT / "data" / "agents.txt"])
    assert "t-1" in coder.dict_version
    events = list(coder.code("Ruritania accused Graustark of violating its border.", date="2019-09-24"))
    assert [(e.source, e.target) for e in events] == [("RUR", "GRA")]


def test_one_coder_from_many_threads():
    coder = dyad.Coder()
    stories = [SAMPLE.read_text(), STORY] * 10
    expected = [list(coder.code(s, date="2019-09-24")) for s in stories]
    results, errors = {}, []

    def work(k):
        try:
            results[k] = [list(coder.code(s, date="2019-09-24")) for s in stories]
        except BaseException as e:  # pragma: no cover - reported below
            errors.append(e)

    threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert all(results[k] == expected for k in range(4))


def test_to_pandas_of_coded_events():
    pd = pytest.importorskip("pandas")
    events = list(dyad.code(SAMPLE.read_text()))
    df = dyad.to_pandas(events)
    assert len(df) == len(events)
    assert str(df["date"].dtype) == "datetime64[ns]"
    assert isinstance(df["code"].dtype, pd.CategoricalDtype)
    assert list(df["code"].astype(str)) == [e.code for e in events]
    assert list(df["source_start"]) == [e.source_span[0] for e in events]
