"""dyad: political event data from news text, coded in CAMEO, from Python.

A thin layer over libdyad's C API (include/dyad.h), loaded with cffi:

    import dyad
    events = list(dyad.code(open("story.txt").read(), date="2019-09-24"))
    coder = dyad.Coder(dicts=["data/"])          # dictionaries loaded once; thread-safe
    with dyad.Store("events.db") as st:          # a store made by `dyad ingest`
        df = st.to_pandas(start="2019-01-01", actor="KOR")
"""
from ._ffi import LIBRARY_PATH, ffi, lib
from ._types import (DyadError, DyadInvalid, DyadNotFound, DyadWarning, Event, Rule, Sentence,
                     StoredEvent, StoreInfo, Story, TimelineRow)
from ._coder import Coder, code
from ._store import Store, to_pandas

#: The version of the loaded libdyad.
__version__ = ffi.string(lib.dyad_version()).decode()


def data_dir() -> str:
    """The directory of dyad's own dictionaries that a Coder() without dicts loads."""
    return ffi.string(lib.dyad_dict_default_dir()).decode()


__all__ = ["Coder", "DyadError", "DyadInvalid", "DyadNotFound", "DyadWarning", "Event",
           "LIBRARY_PATH", "Rule", "Sentence", "Store", "StoreInfo", "StoredEvent", "Story",
           "TimelineRow", "code", "data_dir", "to_pandas", "__version__"]
