"""dyad.Coder and dyad.code: stories in, events out, through libdyad's reader, story
parser and coder. Nothing is decided here: the C library does all the work."""
from __future__ import annotations

import json
import os
import threading
import warnings
from typing import Any, Iterable, Iterator, Mapping, Optional, Sequence, Union

from ._ffi import ffi, lib
from ._types import (DateLike, DyadError, DyadWarning, Event, Story, date_from_int,
                     date_to_int, error, event_fields, sentence_of, text)

#: One story: its text, or a mapping with "text" and optional "id", "date", "headline",
#: "url", "publisher" (dyad's JSONL fields and their aliases: docs/json-fields.md).
StoryLike = Union[str, bytes, Mapping[str, Any]]

_FORMATS = {"auto": lib.DYAD_FORMAT_AUTO, "text": lib.DYAD_FORMAT_TEXT,
            "jsonl": lib.DYAD_FORMAT_JSONL, "xml": lib.DYAD_FORMAT_XML}
_SEVERITY = ("note", "warning", "error")


class _Run:
    """What one reader pass collects: events or stories, diagnostics, the first error."""

    def __init__(self, coder: "Coder", cc, want_stories: bool):
        self.coder, self.cc, self.want_stories = coder, cc, want_stories
        self.out: list = []
        self.errors: list[str] = []
        self.exc: Optional[BaseException] = None

    def diag(self, d) -> None:
        where = text(d.file) or "-"
        if d.line:
            where += f":{d.line}"
        msg = f"{where}: {_SEVERITY[d.severity]}: {text(d.message)}"
        if d.severity == lib.DYAD_DIAG_ERROR:
            self.errors.append(msg)
        elif d.severity == lib.DYAD_DIAG_WARNING or self.coder.notes:
            warnings.warn(msg, DyadWarning, stacklevel=4)

    def record(self, rec) -> int:
        sp = ffi.new("dyad_story **")
        rc = lib.dyad_story_parse(rec, _on_diag, self.handle, sp)
        if rc != lib.DYAD_OK:
            where = f"{text(rec.file)}:{rec.line}" if rec.line else text(rec.file)
            detail = self.errors[-1] if self.errors else f"{where}: story {text(rec.id)}"
            raise error(rc, detail)
        story = sp[0]
        try:
            evp = ffi.new("const dyad_event **")
            n = ffi.new("size_t *")
            rc = lib.dyad_coder_run(self.cc, story, evp, n)
            if rc != lib.DYAD_OK:
                raise error(rc, f"coding story {text(story.id)}")
            events = [Event(*event_fields(evp[0][i])) for i in range(n[0])]
            if not self.want_stories:
                self.out.extend(events)
                return lib.DYAD_OK
            s = story
            self.out.append(Story(
                text(s.id), date_from_int(s.date), text(s.headline),
                ffi.string(s.text, s.text_len).decode("utf-8", "replace"),
                tuple(sentence_of(s.sentences[i]) for i in range(s.n_sentences)),
                tuple(events)))
            return lib.DYAD_OK
        finally:
            lib.dyad_story_free(story)


@ffi.callback("void(void *, const dyad_diag *)")
def _on_diag(ud, d):
    run = ffi.from_handle(ud)
    try:
        run.diag(d)
    except BaseException as e:  # a warnings filter set to "error", for one
        run.exc = run.exc or e


@ffi.callback("int(void *, const dyad_record *)")
def _on_record(ud, rec):
    run = ffi.from_handle(ud)
    try:
        return run.record(rec)
    except BaseException as e:
        run.exc = e
        return lib.DYAD_EINVAL  # stops the reader; the exception is raised after it


class Coder:
    """Dictionaries loaded once, to code any number of stories.

    dicts: paths of dictionary files or directories (dyad's format or TABARI/PETRARCH's);
    empty: dyad's own (DYAD_DATA, else the installed share/dyad/data). The options are
    dyad code's: require_dyad, one_a_story, statements, keep_discarded; require_dyad and
    statements left None keep the library's defaults (docs/coding-policy.md: one-actor
    events kept, a statement only when the sentence has no other event); statements=True
    always codes it, False never.

    A Coder may be shared by any number of threads: the loaded dictionaries are
    immutable, and each thread gets a dyad_coder of its own (dyad.h's thread rule);
    the C work runs without the GIL, so threads code in parallel.
    """

    def __init__(self, dicts: Union[str, os.PathLike, Sequence[Union[str, os.PathLike]]] = (),
                 *, require_dyad: Optional[bool] = None, one_a_story: bool = False,
                 statements: Optional[bool] = None, keep_discarded: bool = False,
                 strict: bool = False, notes: bool = False):
        if isinstance(dicts, (str, os.PathLike)):
            dicts = [dicts]
        self.notes = notes
        paths = [ffi.new("char[]", os.fsencode(p)) for p in dicts]
        arr = ffi.new("const char *[]", paths) if paths else ffi.NULL
        run = _Run(self, ffi.NULL, False)
        run.handle = ffi.new_handle(run)
        opt = ffi.new("dyad_dict_options *", {"strict": int(strict), "diag": _on_diag,
                                               "diag_ud": run.handle})
        dp = ffi.new("dyad_dict **")
        rc = lib.dyad_dict_open(arr, len(paths), opt, dp)
        if rc != lib.DYAD_OK:
            if dp[0] != ffi.NULL:
                lib.dyad_dict_free(dp[0])
            where = ", ".join(os.fsdecode(p) for p in dicts) or text(lib.dyad_dict_default_dir())
            detail = "; ".join(run.errors[:3]) or f"cannot load dictionaries from {where}"
            raise error(rc, detail)
        if run.exc:
            lib.dyad_dict_free(dp[0])
            raise run.exc
        self._dict = ffi.gc(dp[0], lib.dyad_dict_free)
        self._opt = ffi.new("dyad_coder_options *")
        lib.dyad_coder_options_init(self._opt)
        if require_dyad is not None:
            self._opt.require_dyad = int(require_dyad)
        self._opt.one_a_story = int(one_a_story)
        if statements is not None:
            self._opt.code_statements = lib.DYAD_STATEMENTS_ALL if statements else lib.DYAD_STATEMENTS_NONE
        self._opt.keep_discarded = int(keep_discarded)
        self._local = threading.local()

    @property
    def dict_version(self) -> str:
        """The version of the loaded dictionaries (as stored with ingested events)."""
        return text(lib.dyad_dict_version(self._dict))

    def _coder(self):
        c = getattr(self._local, "coder", None)
        if c is None:
            cp = ffi.new("dyad_coder **")
            rc = lib.dyad_coder_new(self._dict, self._opt, cp)
            if rc != lib.DYAD_OK:
                raise error(rc, "cannot start a coder")
            c = ffi.gc(cp[0], lib.dyad_coder_free)
            # the coder reads the dictionaries: keep them alive as long as it lives
            self._local.coder, self._local.dict = c, self._dict
        return c

    def _read(self, name: str, data: bytes, fmt: int, date: DateLike, stories: bool,
              path: bool = False) -> list:
        run = _Run(self, self._coder(), stories)
        run.handle = ffi.new_handle(run)
        ro = ffi.new("dyad_read_options *", {"format": fmt, "date": date_to_int(date),
                                             "diag": _on_diag, "diag_ud": run.handle})
        skipped = ffi.new("uint64_t *")
        if path:
            rc = lib.dyad_read_path(os.fsencode(name), ro, _on_record, run.handle, skipped)
        else:
            rc = lib.dyad_read_buffer(name.encode(), data, len(data), ro, _on_record,
                                      run.handle, skipped)
        if run.exc:
            raise run.exc
        if rc != lib.DYAD_OK:
            raise error(rc, run.errors[-1] if run.errors else name)
        if skipped[0] and run.errors:
            raise error(lib.DYAD_EFORMAT, "; ".join(run.errors[:3]))
        return run.out

    def _one(self, story: StoryLike, date: DateLike, stories: bool, n: int) -> list:
        if isinstance(story, Mapping):
            line = json.dumps(story, default=str, ensure_ascii=False).encode()
            return self._read(f"<story {n}>", line, lib.DYAD_FORMAT_JSONL, date, stories)
        data = story.encode() if isinstance(story, str) else bytes(story)
        return self._read(f"<story {n}>", data, lib.DYAD_FORMAT_TEXT, date, stories)

    def code(self, stories: Union[StoryLike, Iterable[StoryLike]], *,
             date: DateLike = None) -> Iterator[Event]:
        """Yields the events of one story (a str, bytes or mapping) or of each story of an
        iterable, in order. date: for stories that carry none. A story that cannot be
        read or coded raises DyadError (DyadInvalid for empty or binary input) with
        dyad's message; warnings about input become DyadWarning warnings."""
        for n, story in enumerate(_stories(stories), 1):
            yield from self._one(story, date, False, n)

    def parse(self, stories: Union[StoryLike, Iterable[StoryLike]], *,
              date: DateLike = None) -> Iterator[Story]:
        """Like code(), but yields each story (id, date, headline, sentences) with its
        events."""
        for n, story in enumerate(_stories(stories), 1):
            yield from self._one(story, date, True, n)

    def code_path(self, path: Union[str, os.PathLike], *, date: DateLike = None,
                  format: str = "auto") -> list[Event]:
        """The events of every story in a file or directory (text, JSONL, PETRARCH XML;
        format as dyad code's --input), read by libdyad's reader."""
        if format not in _FORMATS:
            raise DyadError(f"format: '{format}' is not one of {', '.join(_FORMATS)}",
                            lib.DYAD_EINVAL)
        return self._read(os.fspath(path), b"", _FORMATS[format], date, False, path=True)


def _stories(stories) -> Iterable[StoryLike]:
    if isinstance(stories, (str, bytes, bytearray, Mapping)):
        return (stories,)
    return stories


_default: Optional[Coder] = None
_default_lock = threading.Lock()


def code(stories: Union[StoryLike, Iterable[StoryLike]], *, date: DateLike = None,
         dicts: Union[str, os.PathLike, Sequence[Union[str, os.PathLike]], None] = None,
         **options: bool) -> Iterator[Event]:
    """Codes a story (str, bytes or a mapping with "text", "id", "date", ...) or an
    iterable of them into events. With neither dicts nor options, dyad's own
    dictionaries are loaded once and kept for later calls; otherwise a Coder is made for
    this call (keep a dyad.Coder to code many batches with other dictionaries)."""
    global _default
    if dicts is None and not options:
        with _default_lock:
            if _default is None:
                _default = Coder()
        coder = _default
    else:
        coder = Coder(dicts or (), **options)
    return coder.code(stories, date=date)
