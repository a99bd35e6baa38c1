"""Events as a pandas DataFrame with explicit dtypes: codes stay strings ("010" is not
10), actor and event codes are categories, dates are datetime64 (NaT for "no date")."""
from __future__ import annotations

from typing import Iterable

import numpy as np
import pandas as pd

from ._ffi import ffi, lib
from ._types import text

EVENT_COLUMNS = ("story", "sentence", "date", "source", "target", "code", "root", "quad_class",
                 "goldstein", "source_text", "target_text", "location", "location_country",
                 "text", "source_start", "source_end", "verb_start", "verb_end", "target_start",
                 "target_end", "rules", "place", "place_country", "place_precision", "lat",
                 "lon", "url")
STORED_COLUMNS = ("id",) + EVENT_COLUMNS + ("mentions", "sources", "articles", "group",
                                            "publisher", "dict_version")
_CATEGORIES = {"source", "target", "code", "location_country", "publisher", "dict_version",
               "place_country", "place_precision"}
_REALS = {"goldstein", "lat", "lon"}
_PRECISION = (None, "country", "region", "city")
_INTS = {"sentence": "int32", "root": "int8", "quad_class": "int8", "source_start": "int64",
         "source_end": "int64", "verb_start": "int64", "verb_end": "int64",
         "target_start": "int64", "target_end": "int64", "id": "int64", "mentions": "int64",
         "sources": "int64", "articles": "int64", "group": "int64"}


def _dates(yyyymmdd) -> np.ndarray:
    """int YYYYMMDD -> datetime64[ns], 0 -> NaT, without a Python loop."""
    d = np.asarray(yyyymmdd, dtype=np.int64)
    months = ((d // 10000 - 1970) * 12 + d // 100 % 100 - 1).astype("datetime64[M]")
    days = months.astype("datetime64[D]") + (d % 100 - 1).astype("timedelta64[D]")
    days[d <= 0] = np.datetime64("NaT")
    return days.astype("datetime64[ns]")


def _frame(cols: dict, names) -> pd.DataFrame:
    out = {}
    for name in names:
        v = cols[name]
        if name == "date":
            out[name] = _dates(v)
        elif name in _CATEGORIES:
            out[name] = pd.Categorical(v)
        elif name in _INTS:
            out[name] = np.asarray(v, dtype=_INTS[name])
        elif name in _REALS:
            out[name] = np.asarray(v, dtype=np.float64)
        else:
            out[name] = pd.array(v, dtype=object) if v else np.array([], dtype=object)
    return pd.DataFrame(out, columns=list(names))


def _rules(e) -> str:
    return "; ".join(f"{text(r.kind)} {text(r.file)}:{r.line}"
                     for r in (e.rules[i] for i in range(e.n_rules)))


class _Columns:
    def __init__(self):
        self.c = {n: [] for n in STORED_COLUMNS}
        self.exc = None


@ffi.callback("int(void *, const dyad_store_row *)")
def _on_row(ud, row):
    cols = ffi.from_handle(ud)
    try:
        c, e = cols.c, row.event
        c["id"].append(row.id)
        c["story"].append(text(e.story))
        c["sentence"].append(e.sentence)
        c["date"].append(e.date)
        c["source"].append(ffi.string(e.source).decode())
        c["target"].append(ffi.string(e.target).decode())
        c["code"].append(ffi.string(e.code).decode())
        c["root"].append(e.root)
        c["quad_class"].append(e.quad_class)
        c["goldstein"].append(e.goldstein)
        c["source_text"].append(text(e.source_text))
        c["target_text"].append(text(e.target_text))
        c["location"].append(text(e.location))
        c["location_country"].append(text(e.location_country))
        c["text"].append(text(e.text))
        c["source_start"].append(e.source_span.start)
        c["source_end"].append(e.source_span.end)
        c["verb_start"].append(e.verb_span.start)
        c["verb_end"].append(e.verb_span.end)
        c["target_start"].append(e.target_span.start)
        c["target_end"].append(e.target_span.end)
        c["rules"].append(_rules(e))
        p = e.place
        known = 0 < p.precision < 4
        c["place"].append(text(p.full_name) if known else None)
        c["place_country"].append(text(p.country) if known else None)
        c["place_precision"].append(_PRECISION[p.precision] if known else None)
        c["lat"].append(p.lat if known else np.nan)
        c["lon"].append(p.lon if known else np.nan)
        c["url"].append(text(e.url) if e.url != ffi.NULL else text(row.url))
        c["mentions"].append(row.mentions)
        c["sources"].append(row.sources)
        c["articles"].append(row.articles)
        c["group"].append(row.group)
        c["publisher"].append(text(row.publisher))
        c["dict_version"].append(text(row.dict_version))
        return lib.DYAD_OK
    except BaseException as exc:
        cols.exc = exc
        return lib.DYAD_EINVAL


def rows_frame(st, q, fail) -> pd.DataFrame:
    """The rows of query q on store st, straight into columns (no Event objects)."""
    cols = _Columns()
    rc = lib.dyad_store_query_events(st, q, _on_row, ffi.new_handle(cols))
    if cols.exc:
        raise cols.exc
    if rc != lib.DYAD_OK:
        raise fail(rc)
    return _frame(cols.c, STORED_COLUMNS)


_NUMERIC = {"id": "int64", "date": "int32", "sentence": "int32", "root": "int8",
            "quad_class": "int8", "goldstein": "float64", "source_start": "int64",
            "source_end": "int64", "verb_start": "int64", "verb_end": "int64",
            "target_start": "int64", "target_end": "int64", "lat": "float64", "lon": "float64",
            "mentions": "int64", "sources": "int64", "articles": "int64", "group": "int64"}


def _array(ptr, n: int, dtype: str) -> np.ndarray:
    """n values of a C array, copied (the C columns are freed after)."""
    dt = np.dtype(dtype)
    if n == 0:
        return np.empty(0, dtype=dt)
    return np.frombuffer(ffi.buffer(ptr, n * dt.itemsize), dtype=dt).copy()


def _strings(s, n: int, categorical: bool):
    """A dictionary-encoded C string column as a Categorical or an object array: Python
    work per distinct value, numpy indexing per row."""
    codes = _array(s.codes, n, "int32")
    k = s.n_values
    off = _array(s.offsets, k + 1, "int64").tolist()
    data = bytes(ffi.buffer(s.bytes, off[-1])) if off[-1] else b""
    whole = data.decode("utf-8", "replace")
    if len(whole) == len(data):  # ASCII: byte offsets are character offsets
        values = [whole[a:b] for a, b in zip(off, off[1:])]
    else:
        values = [data[a:b].decode("utf-8", "replace") for a, b in zip(off, off[1:])]
    if categorical:
        cat = pd.Categorical.from_codes(codes, categories=pd.Index(values, dtype=object))
        return cat.set_categories(sorted(values))  # sorted, as pd.Categorical(list) gives
    table = np.empty(k + 1, dtype=object)
    table[:k] = values
    table[k] = None  # code -1 indexes the last entry: NULL
    return table[codes]


def columns_frame(st, q, fail) -> pd.DataFrame:
    """The rows of query q on store st from dyad_store_columns_fetch: one C call fills
    column arrays; no Python work per row."""
    out = ffi.new("dyad_store_columns **")
    rc = lib.dyad_store_columns_fetch(st, q, out)
    if rc != lib.DYAD_OK:
        raise fail(rc)
    c = out[0]
    try:
        n = c.n
        cols = {name: _array(getattr(c, name), n, dt) for name, dt in _NUMERIC.items()}
        cols["date"] = _dates(cols["date"])
        prec = _array(c.place_precision, n, "int8").astype(np.int8) - 1
        cats = pd.Categorical.from_codes(np.where(prec >= 0, prec, -1),
                                         categories=list(_PRECISION[1:]))
        cols["place_precision"] = cats.remove_unused_categories()
        for name in ("story", "source", "target", "code", "source_text", "target_text",
                     "location", "location_country", "text", "place", "place_country", "url",
                     "publisher", "dict_version", "rules"):
            cols[name] = _strings(getattr(c, name), n, name in _CATEGORIES)
    finally:
        lib.dyad_store_columns_free(c)
    # copy=False: the arrays are already copies; pandas keeps them as they are instead of
    # consolidating the integer columns into one more 2-D copy
    return pd.DataFrame({name: cols[name] for name in STORED_COLUMNS},
                        columns=list(STORED_COLUMNS), copy=False)


def events_frame(events: Iterable) -> pd.DataFrame:
    events = list(events)
    stored = bool(events) and all(hasattr(e, "mentions") for e in events)
    names = STORED_COLUMNS if stored else EVENT_COLUMNS
    c = {n: [] for n in names}
    for e in events:
        d = e.date
        c["date"].append(d.year * 10000 + d.month * 100 + d.day if d else 0)
        for n in names:
            if n == "date":
                continue
            if n.endswith(("_start", "_end")):
                span, _, which = n.rpartition("_")
                c[n].append(getattr(e, span + "_span")[0 if which == "start" else 1])
            elif n.startswith("place") or n in ("lat", "lon"):
                p = e.place
                c[n].append(None if p is None and n not in ("lat", "lon") else
                            np.nan if p is None else
                            {"place": p.full_name, "place_country": p.country,
                             "place_precision": p.precision, "lat": p.lat, "lon": p.lon}[n])
            elif n == "rules":
                c[n].append("; ".join(f"{r.kind} {r.file}:{r.line}" for r in e.rules))
            else:
                c[n].append(getattr(e, n))
    return _frame(c, names)
