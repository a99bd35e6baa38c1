"""dyad.Store: queries over an event store (SQLite, docs/database.md) through libdyad's
store API; to_pandas() turns events into a typed DataFrame."""
from __future__ import annotations

import dataclasses
import datetime as _dt
import os
import threading
from typing import Any, Iterable, Optional, Union

from ._ffi import STORE_CREATE, STORE_READONLY, ffi, lib
from ._types import (DateLike, DyadError, DyadNotFound, Event, StoreInfo, StoredEvent, Story,
                     TimelineRow, date_from_int, date_to_int, error, event_fields,
                     sentence_of, text)

_PERIODS = {"day": lib.DYAD_STORE_BY_DAY, "week": lib.DYAD_STORE_BY_WEEK,
            "month": lib.DYAD_STORE_BY_MONTH}


class _Collect:
    def __init__(self, fn):
        self.fn, self.out, self.exc = fn, [], None


def _collect(ud, row):
    """The body of both row callbacks (cffi needs one callback per C signature)."""
    c = ffi.from_handle(ud)
    try:
        c.out.append(c.fn(row))
        return lib.DYAD_OK
    except BaseException as e:
        c.exc = e
        return lib.DYAD_EINVAL


@ffi.callback("int(void *, const dyad_store_row *)")
def _on_row(ud, row):
    return _collect(ud, row)


@ffi.callback("int(void *, const dyad_store_timeline_row *)")
def _on_period(ud, row):
    return _collect(ud, row)


def _stored_event(row) -> StoredEvent:
    fields = event_fields(row.event)
    if fields[_URL] is None and row.url != ffi.NULL:
        fields = fields[:_URL] + (text(row.url),) + fields[_URL + 1:]
    return StoredEvent(*fields, row.id, row.mentions, row.sources, row.articles, row.group,
                       text(row.publisher), text(row.dict_version))


_URL = [f.name for f in dataclasses.fields(Event)].index("url")


class Store:
    """An event store made by `dyad ingest` (or the C API), opened read-only unless
    writable=True. Calls on one Store are serialised by a lock, so it may be shared by
    threads (a dyad_store belongs to one thread at a time). Use it as a context manager
    or call close()."""

    def __init__(self, path: Union[str, os.PathLike], *, writable: bool = False,
                 create: bool = False):
        self.path = os.fspath(path)
        flags = (STORE_CREATE if create else 0) | (0 if writable or create else STORE_READONLY)
        sp = ffi.new("dyad_store **")
        rc = lib.dyad_store_open(os.fsencode(self.path), flags, sp)
        if rc != lib.DYAD_OK:
            msg = text(lib.dyad_store_errmsg(sp[0])) if sp[0] != ffi.NULL else ""
            if sp[0] != ffi.NULL:
                lib.dyad_store_close(sp[0])
            raise error(rc, msg or self.path)
        self._st = ffi.gc(sp[0], lib.dyad_store_close)
        self._lock = threading.Lock()

    def close(self) -> None:
        if self._st is not None:
            st, self._st = self._st, None
            ffi.release(st)

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def _handle(self):
        if self._st is None:
            raise DyadError("the store is closed", lib.DYAD_EINVAL)
        return self._st

    def _fail(self, rc: int) -> DyadError:
        return error(rc, text(lib.dyad_store_errmsg(self._st)) or "")

    def info(self) -> StoreInfo:
        """Counts and dictionary versions of the store."""
        with self._lock:
            i = ffi.new("dyad_store_info *")
            rc = lib.dyad_store_get_info(self._handle(), i)
            if rc != lib.DYAD_OK:
                raise self._fail(rc)
            return StoreInfo(i.schema_version, i.stories, i.groups, i.sentences, i.events,
                             text(i.dict_version) or "", text(i.previous_dict_version) or "")

    @staticmethod
    def _query(start: DateLike = None, end: DateLike = None, *, actor: Optional[str] = None,
               source: Optional[str] = None, target: Optional[str] = None,
               dyad: Optional[tuple[str, str]] = None, code: Optional[str] = None,
               text: Optional[str] = None, one_a_day: bool = False, limit: int = 0,
               offset: int = 0):
        keep = []

        def s(v):
            if v is None:
                return ffi.NULL
            keep.append(ffi.new("char[]", str(v).encode()))
            return keep[-1]

        q = ffi.new("dyad_store_query *")
        q.__setattr__("from", date_to_int(start))
        q.to = date_to_int(end)
        q.actor, q.source, q.target, q.code, q.text = s(actor), s(source), s(target), s(code), s(text)
        if dyad is not None:
            a, b = dyad
            q.dyad_a, q.dyad_b = s(a), s(b)
        q.one_a_day, q.limit, q.offset = int(one_a_day), limit, offset
        return q, keep

    def events(self, start: DateLike = None, end: DateLike = None, **filters: Any) -> list[StoredEvent]:
        """Stored events in (date, id) order, dates start..end inclusive. Filters, as
        `dyad events`: actor, source, target (code prefixes: "USA" matches USAGOV),
        dyad=(A, B) (either direction), code ("036", a root "03", "quad:1"), text (words
        of the sentence), one_a_day, limit, offset. DyadInvalid for a malformed filter."""
        q, keep = self._query(start, end, **filters)
        c = _Collect(_stored_event)
        h = ffi.new_handle(c)
        with self._lock:
            rc = lib.dyad_store_query_events(self._handle(), q, _on_row, h)
            if c.exc:
                raise c.exc
            if rc != lib.DYAD_OK:
                raise self._fail(rc)
        del keep
        return c.out

    def count(self, start: DateLike = None, end: DateLike = None, **filters: Any) -> int:
        """How many rows events() would return for the same filters, limit aside."""
        q, keep = self._query(start, end, **filters)
        n = ffi.new("uint64_t *")
        with self._lock:
            rc = lib.dyad_store_count_events(self._handle(), q, n)
            if rc != lib.DYAD_OK:
                raise self._fail(rc)
        del keep
        return n[0]

    def timeline(self, a: str, b: str, *, by: str = "month", both_directions: bool = False,
                 raw: bool = False, start: DateLike = None, end: DateLike = None) -> list[TimelineRow]:
        """Events from actor a to actor b per day, week or month (one a day unless raw),
        as `dyad timeline`. Periods without events are omitted."""
        if by not in _PERIODS:
            raise DyadError(f"by: '{by}' is not one of day, week, month", lib.DYAD_EINVAL)
        q, keep = self._query(start, end)
        c = _Collect(lambda r: TimelineRow(date_from_int(r.period), r.events,
                                           (r.quad[1], r.quad[2], r.quad[3], r.quad[4]),
                                           r.goldstein_sum, r.goldstein_mean, r.stories,
                                           r.total_stories))
        h = ffi.new_handle(c)
        with self._lock:
            rc = lib.dyad_store_timeline(self._handle(), a.encode(), b.encode(), _PERIODS[by],
                                         int(both_directions), int(raw), q, _on_period, h)
            if c.exc:
                raise c.exc
            if rc != lib.DYAD_OK:
                raise self._fail(rc)
        del keep
        return c.out

    def story(self, id: str) -> Story:
        """A stored story with its sentences and current events. DyadNotFound (a
        LookupError) when no story has this id."""
        out = ffi.new("dyad_store_story **")
        with self._lock:
            rc = lib.dyad_store_story_fetch(self._handle(), str(id).encode(), out)
            if rc == lib.DYAD_ENOTFOUND:
                raise DyadNotFound(f"no story '{id}' in {self.path}", rc)
            if rc != lib.DYAD_OK:
                raise self._fail(rc)
        try:
            ss = out[0]
            s = ss.story
            return Story(text(s.id), date_from_int(s.date), text(s.headline),
                         ffi.string(s.text, s.text_len).decode("utf-8", "replace"),
                         tuple(sentence_of(s.sentences[i]) for i in range(s.n_sentences)),
                         tuple(Event(*event_fields(ss.events[i])) for i in range(ss.n_events)),
                         text(ss.dict_version), ss.group, ss.group_size)
        finally:
            lib.dyad_store_story_free(out[0])

    def to_pandas(self, start: DateLike = None, end: DateLike = None, **filters: Any):
        """The events of events(...) as a pandas DataFrame (see dyad.to_pandas), read by
        one C call into column arrays (dyad_store_columns_fetch)."""
        from ._pandas import columns_frame
        q, keep = self._query(start, end, **filters)
        with self._lock:
            frame = columns_frame(self._handle(), q, self._fail)
        del keep
        return frame


def to_pandas(events: Iterable[Event]):
    """A DataFrame of events (from dyad.code or Store.events): one row per event, codes
    as strings (categories for actor and event codes), date as datetime64, spans as
    start/end integer columns, rules as "kind file:line" strings joined by "; "."""
    from ._pandas import events_frame
    return events_frame(events)
