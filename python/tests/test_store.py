"""dyad.Store gives what `dyad events`, `dyad timeline` and `dyad story` give, and
to_pandas() types the columns: codes stay strings, dates are datetime64."""
import datetime as dt
import json

import pytest

import dyad
from conftest import run


def cli(store_path, *args):
    return [json.loads(l) for l in run(*args, "--db", str(store_path), "--format", "jsonl").splitlines()]


def test_info_counts(store_path):
    with dyad.Store(store_path) as st:
        info = st.info()
    assert info.stories == 48 and info.events == len(cli(store_path, "events"))
    assert info.dict_version


def test_events_are_the_clis(store_path):
    st = dyad.Store(store_path)
    for filters, args in (({}, ()), ({"actor": "PRK"}, ("--actor", "PRK")),
                          ({"code": "03"}, ("--code", "03")),
                          ({"start": "2019-02-01", "end": "2019-02-28"},
                           ("--from", "2019-02-01", "--to", "2019-02-28")),
                          ({"dyad": ("USA", "PRK"), "one_a_day": True},
                           ("--dyad", "USA,PRK", "--one-a-day"))):
        events = st.events(**filters)
        expected = cli(store_path, "events", *args)
        assert events and len(events) == len(expected), filters
        for e, j in zip(events, expected):
            assert (e.story, e.sentence, e.source, e.target or None, e.code, e.date.isoformat()) == \
                   (j["story"], j["sentence"], j["source"], j["target"], j["code"], j["date"])
        assert st.count(**filters) == len(expected)
    e = st.events(limit=1)[0]
    assert isinstance(e, dyad.StoredEvent) and e.id > 0 and e.mentions >= 1
    assert e.publisher in ("AP", "Reuters") and e.url.startswith("https://")
    assert [x.id for x in st.events(limit=2, offset=1)] == [x.id for x in st.events(limit=3)][1:]
    st.close()
    with pytest.raises(dyad.DyadError):
        st.events()


def test_timeline_is_the_clis(store_path):
    with dyad.Store(store_path) as st:
        rows = st.timeline("PRK", "USA", by="month")
    expected = cli(store_path, "timeline", "PRK", "USA", "--by", "month")
    assert rows and len(rows) == len(expected)
    for r, j in zip(rows, expected):
        assert r.period.isoformat() == j["period"] and r.events == j["events"]
        assert r.quad == (j["q1"], j["q2"], j["q3"], j["q4"])
        assert r.stories == j["stories"] and r.total_stories == j["total_stories"]


def test_story(store_path):
    with dyad.Store(store_path) as st:
        s = st.story("sample-001")
        assert s.id == "sample-001" and s.date == dt.date(2019, 1, 7)
        assert s.events and s.sentences and s.group_size >= 1
        e = s.events[0]
        assert s.text.encode()[e.source_span[0]:e.source_span[1]].decode() == e.source_text
        with pytest.raises(dyad.DyadNotFound) as err:
            st.story("no-such-story")
        assert isinstance(err.value, LookupError) and "no-such-story" in str(err.value)


def test_store_errors(tmp_path, store_path):
    with pytest.raises(dyad.DyadNotFound):
        dyad.Store(tmp_path / "missing.db")
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not a database" * 100)
    with pytest.raises(dyad.DyadError) as e:
        dyad.Store(junk)
    assert str(e.value)
    with dyad.Store(store_path) as st:
        with pytest.raises(dyad.DyadInvalid):
            st.events(code="not-a-code")
        with pytest.raises(dyad.DyadInvalid):
            st.events(start="yesterday-ish")
        with pytest.raises(dyad.DyadError):
            st.timeline("PRK", "USA", by="fortnight")


def test_to_pandas_types(store_path):
    pd = pytest.importorskip("pandas")
    with dyad.Store(store_path) as st:
        df = st.to_pandas()
        events = st.events()
        assert len(st.to_pandas(actor="KOR")) == st.count(actor="KOR")
    assert len(df) == len(events)
    assert str(df["date"].dtype) == "datetime64[ns]"
    assert df["date"].iloc[0] == pd.Timestamp(events[0].date)
    for col in ("source", "target", "code", "publisher"):
        assert isinstance(df[col].dtype, pd.CategoricalDtype), col
    # codes are strings with their leading zeros, never numbers
    assert all(isinstance(c, str) for c in df["code"].cat.categories)
    assert list(df["code"].astype(str)) == [e.code for e in events]
    assert any(c.startswith("0") for c in df["code"].astype(str))
    assert str(df["goldstein"].dtype) == "float64" and str(df["id"].dtype) == "int64"
    assert list(df["id"]) == [e.id for e in events]
    assert str(df["lat"].dtype) == "float64"
    assert list(df["place_country"].astype(object).where(df["place_country"].notna(), None)) == \
           [e.place.country if e.place else None for e in events]


FILTERS = ({}, {"actor": "PRK"}, {"code": "03"}, {"source": "USA", "limit": 3, "offset": 1},
           {"start": "2019-02-01", "end": "2019-02-28"}, {"text": "nuclear"},
           {"dyad": ("USA", "PRK"), "one_a_day": True}, {"actor": "NOSUCHACTOR"})


@pytest.mark.parametrize("filters", FILTERS, ids=lambda f: ",".join(f) or "all")
def test_to_pandas_columns_are_the_row_apis(store_path, filters):
    """to_pandas() reads dyad_store_columns_fetch's arrays; every column, value and
    dtype equals the frame built row by row from dyad_store_query_events."""
    pd = pytest.importorskip("pandas")
    from dyad._pandas import rows_frame
    with dyad.Store(store_path) as st:
        df = st.to_pandas(**filters)
        q, keep = st._query(**filters)
        ref = rows_frame(st._handle(), q, st._fail)
        assert len(df) == st.count(**filters) if "limit" not in filters else len(df) == 3
    if filters.get("actor") != "NOSUCHACTOR":
        assert len(df) > 0
    assert list(df.columns) == list(ref.columns)
    for col in df.columns:
        a, b = df[col], ref[col]
        assert a.dtype == b.dtype or (isinstance(a.dtype, pd.CategoricalDtype) and
                                      isinstance(b.dtype, pd.CategoricalDtype)), col
        norm = lambda s: [None if (v is None or v != v or v is pd.NaT) else v
                          for v in s.astype(object)]
        assert norm(a) == norm(b), col


def test_to_pandas_columns_are_typed(store_path):
    pd = pytest.importorskip("pandas")
    with dyad.Store(store_path) as st:
        df = st.to_pandas()
    assert df["rules"].map(lambda r: isinstance(r, str)).all()
    assert df["rules"].str.contains(r" \S+:\d+").any()   # "kind file:line"
    assert (df["mentions"] >= 1).all() and (df["articles"] >= 1).all()
    assert str(df["sentence"].dtype) == "int32" and str(df["root"].dtype) == "int8"
    assert set(df["place_precision"].dropna().astype(str)) <= {"country", "region", "city"}
    assert df["lat"].isna().equals(df["place"].isna())


def test_to_pandas_bad_filter_raises(store_path):
    with dyad.Store(store_path) as st:
        with pytest.raises(dyad.DyadError):
            st.to_pandas(code="banana")
