"""What dyad hands to Python: events, stories, timeline rows (frozen dataclasses), the
exceptions that carry dyad's error messages, and the conversions of C values."""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from typing import Optional, Union

from ._ffi import ffi, lib

#: A date as dyad takes it: "2019-09-24" (any form dyad_date_parse reads), a
#: datetime.date, or an int YYYYMMDD.
DateLike = Union[str, _dt.date, int, None]


class DyadError(Exception):
    """An error from libdyad: .code is the DYAD_E* value, str() is dyad's message."""

    def __init__(self, message: str, code: int = 0):
        super().__init__(message)
        self.code = code


class DyadInvalid(DyadError, ValueError):
    """An argument or input dyad refuses (DYAD_EINVAL, DYAD_EFORMAT, DYAD_ELIMIT, ...)."""


class DyadNotFound(DyadError, LookupError):
    """A named thing (a story id, a database, a dictionary path) does not exist."""


class DyadWarning(UserWarning):
    """A diagnostic of severity note or warning about input, with file:line."""


_INVALID = {lib.DYAD_EINVAL, lib.DYAD_EFORMAT, lib.DYAD_ELIMIT, lib.DYAD_EENCODING,
            lib.DYAD_EEMPTY, lib.DYAD_EBINARY}


def error(rc: int, detail: str = "") -> DyadError:
    """The exception for return code rc; detail (dyad's own message) goes first."""
    name = ffi.string(lib.dyad_strerror(rc)).decode()
    msg = f"{detail} ({name})" if detail and name not in detail else (detail or name)
    if rc == lib.DYAD_ENOTFOUND or rc == lib.DYAD_EIO:
        return DyadNotFound(msg, rc)
    if rc in _INVALID:
        return DyadInvalid(msg, rc)
    return DyadError(msg, rc)


def text(p) -> Optional[str]:
    """A borrowed C string as str (None for NULL)."""
    return None if p == ffi.NULL else ffi.string(p).decode("utf-8", "replace")


def date_from_int(d: int) -> Optional[_dt.date]:
    return _dt.date(d // 10000, d // 100 % 100, d % 100) if d else None


def date_to_int(d: DateLike) -> int:
    """A DateLike as YYYYMMDD (0 for None); DyadInvalid when it is not a date."""
    if d is None:
        return 0
    if isinstance(d, _dt.date):
        return d.year * 10000 + d.month * 100 + d.day
    if isinstance(d, int):
        try:
            date_from_int(d)
        except ValueError:
            raise DyadInvalid(f"{d} is not a date (YYYYMMDD)", lib.DYAD_EINVAL) from None
        return d
    raw = str(d).encode()
    out = ffi.new("int32_t *")
    if lib.dyad_date_parse(raw, len(raw), out) != lib.DYAD_OK:
        raise DyadInvalid(f"'{d}' is not a date (use YYYY-MM-DD)", lib.DYAD_EINVAL)
    return out[0]


@dataclass(frozen=True)
class Rule:
    """A dictionary entry that fired for an event: where it is written, and how."""
    kind: str
    file: str
    line: int
    text: str


@dataclass(frozen=True)
class Place:
    """Where: from dyad's gazetteer (docs/geography.md). precision is "country",
    "region" or "city"; source says what gave it: "sentence", "dateline", "story" or
    "actors"; span is the text's byte range in the story ((0, 0) for "actors")."""
    precision: str
    name: str
    full_name: str
    country: str
    country2: str
    adm1: str
    lat: float
    lon: float
    feature_id: int
    text: Optional[str]
    source: Optional[str]
    span: tuple[int, int]


@dataclass(frozen=True)
class Event:
    """One CAMEO event (docs/json-fields.md). Spans are byte ranges [start, end) into
    the story's text; target is "" for an event without a target."""
    story: str
    sentence: int
    date: Optional[_dt.date]
    source: str
    target: str
    code: str
    root: int
    quad_class: int
    goldstein: float
    source_text: Optional[str]
    target_text: Optional[str]
    location: Optional[str]
    location_country: Optional[str]
    text: Optional[str]
    source_span: tuple[int, int]
    verb_span: tuple[int, int]
    target_span: tuple[int, int]
    rules: tuple[Rule, ...]
    place: Optional[Place]
    source_place: Optional[Place]
    target_place: Optional[Place]
    url: Optional[str]
    story_date: Optional[_dt.date]
    date_source: Optional[str]  # "input", "timestamp", "dateline", "text", "url"; None: no date, or a stored event


@dataclass(frozen=True)
class StoredEvent(Event):
    """An event read from a store, with its row id, GDELT-style counts over its story's
    near-duplicate group, and its story's publisher, url and dictionary version."""
    id: int = 0
    mentions: int = 0
    sources: int = 0
    articles: int = 0
    group: int = 0
    publisher: Optional[str] = None
    dict_version: Optional[str] = None


@dataclass(frozen=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str
    date: Optional[_dt.date]
    headline: bool
    quote: bool
    skipped: bool


@dataclass(frozen=True)
class Story:
    """A story as dyad cleaned it: sentences with spans into text, and its events."""
    id: str
    date: Optional[_dt.date]
    headline: Optional[str]
    text: str
    sentences: tuple[Sentence, ...]
    events: tuple[Event, ...]
    dict_version: Optional[str] = None
    group: int = 0
    group_size: int = 1


@dataclass(frozen=True)
class TimelineRow:
    """One period of a dyad's timeline: events per QuadClass (quad[1..4])."""
    period: _dt.date
    events: int
    quad: tuple[int, int, int, int]
    goldstein_sum: float
    goldstein_mean: float
    stories: int
    total_stories: int


@dataclass(frozen=True)
class StoreInfo:
    schema_version: int
    stories: int
    groups: int
    sentences: int
    events: int
    dict_version: str
    previous_dict_version: str


def _span(s) -> tuple[int, int]:
    return (s.start, s.end)


_PRECISION = (None, "country", "region", "city")


def place_of(p) -> Optional[Place]:
    if not 0 < p.precision < len(_PRECISION):
        return None
    return Place(_PRECISION[p.precision], text(p.name) or "", text(p.full_name) or "",
                 text(p.country) or "", text(p.country2) or "", text(p.adm1) or "",
                 p.lat, p.lon, p.feature_id, text(p.text), text(getattr(p, "from")),
                 _span(p.span))


def event_fields(e) -> tuple:
    """The fields of a C dyad_event, in Event's order."""
    rules = tuple(Rule(text(r.kind), text(r.file), r.line, text(r.text))
                  for r in (e.rules[i] for i in range(e.n_rules)))
    return (text(e.story), e.sentence, date_from_int(e.date),
            ffi.string(e.source).decode(), ffi.string(e.target).decode(),
            ffi.string(e.code).decode(), e.root, e.quad_class, e.goldstein,
            text(e.source_text), text(e.target_text), text(e.location),
            text(e.location_country), text(e.text),
            _span(e.source_span), _span(e.verb_span), _span(e.target_span), rules,
            place_of(e.place), place_of(e.source_place), place_of(e.target_place),
            text(e.url), date_from_int(e.story_date), text(e.date_source))


def sentence_of(s) -> Sentence:
    return Sentence(s.index, s.start, s.end, ffi.string(s.text, s.text_len).decode("utf-8", "replace"),
                    date_from_int(s.date), bool(s.flags & 1), bool(s.flags & 2), bool(s.flags & 4))
