"""Content-addressed cache of the expensive products (plots, analyses, the evidence page).

An entry is keyed by a digest of exactly the data the product draws or computes, plus the
code version (every source file of this package and the versions of the libraries that
shape the bytes). An unchanged key means the product is taken from the cache instead of
being recomputed; the output file is rewritten with the same bytes, so Snakemake is
satisfied and the outputs stay byte-identical.

The cache lives in ``.cache/litmeta/`` (git-ignored; ``LITMETA_CACHE_DIR`` moves it, an empty
value turns it off). It is safe to delete: without it every product is recomputed, with the
same bytes. Entries are written to a temporary directory and renamed into place, and each
file carries its sha256 in the entry's manifest, so a run killed mid-write, two runs at once
or a damaged file leave either no entry or a complete one. An entry is a hit only if its
manifest lists the product's files and every one is present with its recorded digest; an
empty or damaged manifest, or a missing or altered file, is a miss and the product is
recomputed.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Mapping
from functools import lru_cache
from importlib import metadata
from pathlib import Path

DEFAULT_DIR = ".cache/litmeta"
#: the libraries whose versions can change the bytes of a product
#: (pillow encodes the PNGs)
LIBRARIES = ("matplotlib", "fonttools", "pillow", "numpy", "scipy", "jinja2", "markupsafe")
#: the package files that are code: sources, schemas, page templates
CODE_SUFFIXES = (".py", ".json", ".j2")
MANIFEST = "manifest.json"


def cache_dir() -> Path | None:
    """The cache directory, or None when caching is off (``LITMETA_CACHE_DIR=``)."""
    value = os.environ.get("LITMETA_CACHE_DIR", DEFAULT_DIR)
    return Path(value) if value else None


def code_files() -> list[Path]:
    """This package's files whose change can change a product (:data:`CODE_SUFFIXES`)."""
    root = Path(__file__).parent
    return [
        path
        for path in sorted(root.rglob("*"))
        if path.suffix in CODE_SUFFIXES and "__pycache__" not in path.parts
    ]


@lru_cache(maxsize=1)
def code_version() -> str:
    """Digest of this package's source files and the versions of :data:`LIBRARIES`."""
    h = hashlib.sha256()
    root = Path(__file__).parent
    for path in code_files():
        h.update(path.relative_to(root).as_posix().encode())
        h.update(b"\0")
        h.update(path.read_bytes())
        h.update(b"\0")
    for lib in LIBRARIES:
        try:
            version = metadata.version(lib)
        except metadata.PackageNotFoundError:
            version = "-"
        h.update(f"{lib}={version}\0".encode())
    return h.hexdigest()


def digest(kind: str, data: object) -> str:
    """The key of a product of ``kind`` computed from ``data`` (JSON-serialisable)."""
    h = hashlib.sha256()
    h.update(f"{kind}\0{code_version()}\0".encode())
    h.update(json.dumps(data, sort_keys=False, separators=(",", ":")).encode())
    return h.hexdigest()


def file_digest(paths: list[str | os.PathLike[str]]) -> list[str]:
    """sha256 of each file's bytes (for products keyed by whole input files)."""
    return [hashlib.sha256(Path(p).read_bytes()).hexdigest() for p in paths]


def _valid_manifest(manifest: object) -> bool:
    """A non-empty mapping of plain file names (no folder, not the manifest itself) to
    sha256 digests."""
    return (
        isinstance(manifest, dict)
        and bool(manifest)
        and all(
            isinstance(name, str)
            and name not in ("", ".", "..", MANIFEST)
            and "/" not in name
            and "\\" not in name
            and isinstance(digest, str)
            and len(digest) == 64
            for name, digest in manifest.items()
        )
    )


class Store:
    """Entries of one kind of product: ``<cache dir>/<kind>/<key[:2]>/<key>/``. ``hits`` and
    ``misses`` list the keys looked up in this process (what the tests count)."""

    def __init__(self, kind: str, root: Path | None = None) -> None:
        self.kind = kind
        base = root if root is not None else cache_dir()
        self.dir = base / kind if base is not None else None
        self.hits: list[str] = []
        self.misses: list[str] = []

    def _entry(self, key: str) -> Path:
        assert self.dir is not None
        return self.dir / key[:2] / key

    def get(
        self, key: str, name: str = "", required: Iterable[str] = ()
    ) -> dict[str, bytes] | None:
        """The files of entry ``key`` by name, or None (no entry, cache off, or damaged).
        ``name`` (e.g. ``forest/orr``) is what ``hits`` or ``misses`` records (default: key);
        ``required``: the file names the product has, all of which the entry must hold."""
        files = self._read(key, required) if self.dir is not None else None
        (self.hits if files is not None else self.misses).append(name or key)
        return files

    def _read(self, key: str, required: Iterable[str] = ()) -> dict[str, bytes] | None:
        """A hit only if the manifest lists files (plain names, the ``required`` ones among
        them) and every file is present with its recorded sha256; anything else (an empty or
        damaged manifest, a missing or altered file) is a miss, and the product is
        recomputed."""
        entry = self._entry(key)
        try:
            manifest = json.loads((entry / MANIFEST).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not _valid_manifest(manifest) or not set(required) <= set(manifest):
            return None
        try:
            files = {name: (entry / name).read_bytes() for name in manifest}
        except OSError:
            return None
        for name, data in files.items():
            if hashlib.sha256(data).hexdigest() != manifest[name]:
                return None
        return files

    def put(self, key: str, files: Mapping[str, bytes]) -> None:
        """Store ``files`` under ``key``: written in a temporary directory beside the entry
        and renamed into place; if another run stored the key first, its entry stays. A cache
        that cannot be written (read-only, disk full) is skipped: it is only a cache."""
        if self.dir is None:
            return
        entry = self._entry(key)
        tmp = None
        try:
            entry.parent.mkdir(parents=True, exist_ok=True)
            tmp = Path(tempfile.mkdtemp(dir=entry.parent, prefix=f".{key[:12]}.", suffix=".tmp"))
            for name, data in files.items():
                (tmp / name).write_bytes(data)
            manifest = {name: hashlib.sha256(data).hexdigest() for name, data in files.items()}
            (tmp / MANIFEST).write_text(json.dumps(manifest, sort_keys=True), encoding="utf-8")
            os.rename(tmp, entry)
            tmp = None
        except OSError:
            pass  # entry present already (a concurrent run), or the cache is not writable
        finally:
            if tmp is not None:
                shutil.rmtree(tmp, ignore_errors=True)

    def cached(
        self,
        key: str,
        compute: Callable[[], dict[str, bytes]],
        name: str = "",
        required: Iterable[str] = (),
    ) -> dict[str, bytes]:
        """The files of ``key``: from the cache (holding every ``required`` file), or
        ``compute()``d and stored."""
        files = self.get(key, name, required)
        if files is None:
            files = compute()
            self.put(key, files)
        return files

    def value(
        self,
        name: str,
        data: object,
        compute: Callable[[], object],
        catch: tuple[type[Exception], ...] = (),
    ) -> object:
        """``compute()``, kept in this store by ``name`` and ``data`` (JSON-serialisable: the
        numbers it is computed from; :func:`digest` adds the code version): computed once,
        then read back pickled, the same value bit for bit. An exception of a type in
        ``catch`` that ``compute`` raised is kept too and raised again as it was."""
        import pickle

        def run() -> dict[str, bytes]:
            try:
                outcome = ("value", compute())
            except catch as exc:
                outcome = ("raised", exc)
            return {"value.pickle": pickle.dumps(outcome)}

        key = digest(name, data)
        kind, got = pickle.loads(self.cached(key, run, name, ["value.pickle"])["value.pickle"])
        if kind == "raised":
            raise got
        return got
