"""The cffi declarations (dyad/_ffi.py) match include/dyad.h: every struct has the size
and field offsets a C compiler gives it, and every declared function is exported."""
import os
import shutil
import subprocess

import pytest

from dyad import _ffi
from conftest import ROOT


def test_struct_layouts_match_the_header(tmp_path):
    cc = os.environ.get("CC") or shutil.which("cc") or shutil.which("gcc")
    if not cc:
        pytest.skip("no C compiler to compare struct layouts with")
    ffi = _ffi.ffi
    lines, expected = [], []
    for name in _ffi.STRUCTS:
        t = ffi.typeof(name)
        lines.append(f'printf("%zu\\n", sizeof({name}));')
        expected.append(ffi.sizeof(t))
        for field, _ in t.fields:
            lines.append(f'printf("%zu\\n", offsetof({name}, {field}));')
            expected.append(ffi.offsetof(t, field))
    src = tmp_path / "layout.c"
    src.write_text("#include <stddef.h>\n#include <stdio.h>\n#include \"dyad.h\"\n"
                   "int main(void) {\n" + "\n".join(lines) + "\nreturn 0;\n}\n")
    exe = tmp_path / "layout"
    subprocess.run([cc, "-std=c11", "-I", str(ROOT / "include"), "-o", str(exe), str(src)],
                   check=True)
    got = [int(x) for x in subprocess.run([str(exe)], check=True, capture_output=True,
                                          text=True).stdout.split()]
    assert got == expected


def test_every_declared_function_is_exported():
    import re
    names = re.findall(r"\b(dyad_[a-z_]+)\s*\(", _ffi.CDEF)
    assert len(names) > 20
    for n in names:
        assert getattr(_ffi.lib, n) is not None, n
