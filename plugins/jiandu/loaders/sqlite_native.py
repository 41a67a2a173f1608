"""The compiled SQLite reader (`sqlite_copy.c`): a query's rows as ready COPY text, in chunks of whole rows.

Built by `make bootstrap` (`cc -O2 -shared ... -lsqlite3`) into `.tools/native/libjiandu_sqlite_copy.so`; the
production image builds it into `/opt/jiandu/lib` and points `JIANDU_SQLITE_COPY_LIB` at it. Without a
compiler the library is absent and the loader reads SQLite with apsw instead (same rows, slower): see
`available()`.
"""

from __future__ import annotations

import ctypes
import os
import shutil
import subprocess
from collections.abc import Iterator
from functools import cache
from pathlib import Path

from jiandu.settings import PROJECT_ROOT, get_settings

SOURCE = Path(__file__).with_name("sqlite_copy.c")
DEFAULT_LIBRARY = PROJECT_ROOT / ".tools" / "native" / "libjiandu_sqlite_copy.so"
CFLAGS = ["-O2", "-shared", "-fPIC", "-Wall", "-Werror"]  # the Dockerfile builds it with the same
CHUNK_BYTES = 1 << 18  # rows are handed to COPY in chunks of about 256 KiB


class NativeReadError(RuntimeError):
    """A value the COPY cannot take (BLOB, NUL, not UTF-8) or a SQLite error; names the 1-based column."""

    def __init__(self, message: str, column: int | None = None):
        super().__init__(message)
        self.column = column


def library_path() -> Path:
    return get_settings().sqlite_copy_lib or DEFAULT_LIBRARY


def build(target: Path | None = None) -> Path:
    """Compile the reader (needs a C compiler and SQLite's header, e.g. Debian's gcc and libsqlite3-dev)."""
    target = target or library_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    compiler = os.environ.get("CC") or shutil.which("cc") or "gcc"
    subprocess.run([compiler, *CFLAGS, "-o", str(target), str(SOURCE), "-lsqlite3"], check=True)
    return target


@cache
def _library() -> ctypes.CDLL | None:
    path = library_path()
    if not path.exists():
        return None
    lib = ctypes.CDLL(str(path))
    lib.jd_open.restype = ctypes.c_void_p
    lib.jd_open.argtypes = [ctypes.c_char_p, ctypes.c_char_p]
    lib.jd_error.restype = ctypes.c_char_p
    lib.jd_error.argtypes = [ctypes.c_void_p]
    lib.jd_rows.restype = ctypes.c_longlong
    lib.jd_rows.argtypes = [ctypes.c_void_p]
    lib.jd_close.restype = None
    lib.jd_close.argtypes = [ctypes.c_void_p]
    lib.jd_bind_text.restype = ctypes.c_int
    lib.jd_bind_text.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_char_p]
    lib.jd_bind_int64.restype = ctypes.c_int
    lib.jd_bind_int64.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_longlong]
    lib.jd_next.restype = ctypes.c_longlong
    lib.jd_next.argtypes = [ctypes.c_void_p, ctypes.c_longlong, ctypes.POINTER(ctypes.c_void_p)]
    return lib


def available() -> bool:
    """Whether the compiled reader is built (and loads)."""
    try:
        return _library() is not None
    except OSError:
        return False


def _column_of(message: str) -> int | None:
    if message.startswith("column "):
        return int(message.split()[1])
    return None


class Rows:
    """Rows of `select_sql` on the SQLite file at `path`, as COPY text chunks; `.rows` counts what was read."""

    def __init__(self, path: str, select_sql: str, params: dict | None = None):
        self._lib = _library()
        if self._lib is None:
            raise RuntimeError(f"native SQLite reader not built: {library_path()} (run `make bootstrap`)")
        self._reader = self._lib.jd_open(path.encode(), select_sql.encode())
        if not self._reader:
            raise MemoryError("native SQLite reader: out of memory")
        self._check()
        for name, value in (params or {}).items():
            key = f":{name}".encode()
            ok = (self._lib.jd_bind_int64(self._reader, key, value) if isinstance(value, int)
                  else self._lib.jd_bind_text(self._reader, key, str(value).encode()))
            if not ok:
                self._check()

    def _check(self) -> None:
        message = self._lib.jd_error(self._reader).decode("utf-8", "replace")
        if message:
            raise NativeReadError(message, _column_of(message))

    @property
    def rows(self) -> int:
        return self._lib.jd_rows(self._reader)

    def chunks(self) -> Iterator[bytes]:
        out = ctypes.c_void_p()
        while True:
            n = self._lib.jd_next(self._reader, CHUNK_BYTES, ctypes.byref(out))
            if n < 0:
                self._check()
            if n <= 0:
                return
            yield ctypes.string_at(out.value, n)

    def close(self) -> None:
        if self._reader:
            self._lib.jd_close(self._reader)
            self._reader = None

    def __enter__(self) -> Rows:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
