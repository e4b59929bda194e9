"""Installed Argos Translate packages: finding, validating, installing, routing.

The layout is Argos Translate's: ``$ARGOS_PACKAGES_DIR`` (default
``$XDG_DATA_HOME/argos-translate/packages``) holds one folder per package with
``metadata.json``, ``model/`` (CTranslate2) and ``sentencepiece.model``. An
``.argosmodel`` file is a zip with exactly one top-level folder; it is checked
before anything is extracted, since a malformed package breaks every later
listing in argostranslate itself.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from translate.errors import InputError

PIVOT = "en"


@dataclass(frozen=True)
class Package:
    path: Path
    from_code: str
    to_code: str
    name: str
    version: str
    target_prefix: str = ""

    @property
    def pair(self) -> str:
        return f"{self.from_code}→{self.to_code}"

    @property
    def signature(self) -> str:
        """What provenance records: package name and version."""
        return f"{self.name} {self.version}".strip()


def packages_dir() -> Path:
    configured = os.environ.get("ARGOS_PACKAGES_DIR")
    if configured:
        return Path(configured)
    data = Path(os.environ.get("XDG_DATA_HOME", Path.home() / ".local" / "share"))
    return data / "argos-translate" / "packages"


def _metadata(folder: Path, source: str) -> dict:
    try:
        data = json.loads((folder / "metadata.json").read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError("not an Argos package: no metadata.json", source) from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"not an Argos package: bad metadata.json ({exc})", source) from None
    if not isinstance(data, dict) or not data.get("from_code") or not data.get("to_code"):
        raise InputError("not an Argos package: metadata.json lacks from_code/to_code", source)
    if data.get("type", "translate") != "translate":
        raise InputError(f"not a translation package (type {data.get('type')!r})", source)
    return data


def read_package(folder: Path) -> Package:
    data = _metadata(folder, str(folder))
    return Package(
        path=folder,
        from_code=str(data["from_code"]),
        to_code=str(data["to_code"]),
        name=str(data.get("package_name") or data.get("name") or folder.name),
        version=str(data.get("package_version", "")),
        target_prefix=str(data.get("target_prefix", "")),
    )


def installed(folder: Path | None = None) -> list[Package]:
    folder = folder or packages_dir()
    found = []
    for child in sorted(folder.iterdir()) if folder.is_dir() else []:
        if (child / "metadata.json").exists() and (child / "model").is_dir():
            try:
                found.append(read_package(child))
            except InputError:
                continue  # a broken folder is reported by `translate models list --check`, not fatal here
    return found


def route(src: str, tgt: str, packages: list[Package]) -> list[Package]:
    """The packages that take ``src`` to ``tgt``: direct, or two hops through English."""
    direct = {(p.from_code, p.to_code): p for p in packages}
    if (src, tgt) in direct:
        return [direct[(src, tgt)]]
    if (src, PIVOT) in direct and (PIVOT, tgt) in direct:
        return [direct[(src, PIVOT)], direct[(PIVOT, tgt)]]
    return []


def missing_pair_message(src: str, tgt: str) -> str:
    need = f"translate-{src}_{tgt}"
    pivot = f" (or translate-{src}_{PIVOT} and translate-{PIVOT}_{tgt})" if PIVOT not in (src, tgt) else ""
    return (
        f"no model for {src}→{tgt}: install {need}{pivot} with `argospm install {need}` "
        f"or `translate models install FILE.argosmodel`"
    )


def validate_archive(path: Path) -> str:
    """Check an .argosmodel zip; return its top-level folder name."""
    try:
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as exc:
        raise InputError(f"not an .argosmodel (zip) file: {exc}", path) from None
    with archive:
        names = archive.namelist()
        tops = {n.split("/", 1)[0] for n in names if n.strip("/")}
        if len(tops) != 1:
            raise InputError(f"an .argosmodel must hold exactly one top-level folder, found {len(tops)}", path)
        top = tops.pop()
        for name in names:
            if name.startswith("/") or ".." in Path(name).parts:
                raise InputError(f"unsafe path in archive: {name}", path)
        for required in ("metadata.json", "model/model.bin", "sentencepiece.model"):
            if f"{top}/{required}" not in names:
                raise InputError(f"not an Argos package: {required} missing", path)
        try:
            data = json.loads(archive.read(f"{top}/metadata.json"))
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise InputError(f"not an Argos package: bad metadata.json ({exc})", path) from None
        if not isinstance(data, dict) or not data.get("from_code") or not data.get("to_code"):
            raise InputError("not an Argos package: metadata.json lacks from_code/to_code", path)
    return top


def install(path: Path, folder: Path | None = None) -> Package:
    """Validate, extract next to the target, then move into place (no half-installed package)."""
    top = validate_archive(path)
    folder = folder or packages_dir()
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / top
    with tempfile.TemporaryDirectory(dir=folder, prefix=".installing-") as tmp:
        with zipfile.ZipFile(path) as archive:
            archive.extractall(tmp)
        package = read_package(Path(tmp) / top)
        if target.exists():
            shutil.rmtree(target)
        os.replace(Path(tmp) / top, target)
    return Package(target, package.from_code, package.to_code, package.name, package.version, package.target_prefix)
