"""Read a saved analysis back, checked: the format version first, then every saved
file against the run's ``manifest.json``, so a damaged or edited file is named
instead of read."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.errors import UserInputError
from analysis.saved.format import (
    DOCUMENTS_FILE,
    EDITS_FILE,
    FILES,
    FORMAT_NAME,
    FORMAT_VERSION,
    META_FILE,
    SAVED_DIR,
    UNITS_FILE,
    VECTORS_FILE,
    SavedAnalysis,
    empty_edits,
)


def _manifest(run: Path, option: str) -> dict:
    from analysis.io.runfolder import MANIFEST

    if not run.is_dir():
        raise UserInputError(f"{option} {run}: no such folder. Give the --out folder of a "
                             "run (python -m analysis run --out FOLDER).")
    try:
        manifest = json.loads((run / MANIFEST).read_text(encoding="utf-8"))
        manifest["files"].items()
    except FileNotFoundError:
        raise UserInputError(f"{option} {run}: not a run folder (no {MANIFEST}). Give the "
                             "--out folder of a run.") from None
    except (OSError, ValueError, KeyError, AttributeError, TypeError):
        raise UserInputError(f"{option} {run}: its {MANIFEST} is damaged. Run the analysis "
                             "again into a new folder.") from None
    return manifest


def check_version(meta, run: Path, option: str) -> None:
    from analysis import __version__

    if not isinstance(meta, dict) or meta.get("format") != FORMAT_NAME:
        raise UserInputError(f"{option} {run}: {SAVED_DIR}/{META_FILE} is not a saved analysis. "
                             "Run the analysis again into a new folder.")
    version = meta.get("version")
    if version != FORMAT_VERSION:
        made = meta.get("package_version", "?")
        raise UserInputError(
            f"{option} {run}: saved analysis format {version} (package {made}); this package "
            f"({__version__}) reads format {FORMAT_VERSION}. Run the analysis again with this "
            "version, or use the version that made it.")


def check_files(run: Path, manifest: dict, option: str) -> None:
    """Every saved file present and as the manifest lists it."""
    from analysis.io.runfolder import file_digest

    listed = manifest["files"]
    for name in FILES:
        rel = f"{SAVED_DIR}/{name}"
        path = run / rel
        if rel not in listed:
            raise UserInputError(f"{option} {run}: its manifest does not list {rel} (a run "
                                 "made before saved analyses, or a damaged folder). Run the "
                                 "analysis again into a new folder.")
        if not path.is_file():
            raise UserInputError(f"{option} {run}: {rel} is missing. Run the analysis again "
                                 "into a new folder.")
        entry = listed[rel]
        if not isinstance(entry, dict) or file_digest(path) != entry.get("sha256"):
            raise UserInputError(f"{option} {run}: {rel} is damaged (its SHA-256 differs from "
                                 "manifest.json). Run the analysis again into a new folder.")


def load_analysis(run, option: str = "--model") -> SavedAnalysis:
    """The saved analysis of the run folder ``run``, checked (see the module
    docstring); a :class:`UserInputError` names what is wrong."""
    from safetensors.numpy import load_file

    run = Path(run)
    manifest = _manifest(run, option)
    meta_path = run / SAVED_DIR / META_FILE
    if not meta_path.is_file():
        raise UserInputError(f"{option} {run}: no saved analysis in it ({SAVED_DIR}/ is "
                             "missing: a run made before saved analyses, or with "
                             "--keywords-only). Run the analysis again with topics.")
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        meta = None
    if meta is not None:
        check_version(meta, run, option)  # another version: say so before any checksum
    check_files(run, manifest, option)
    if meta is None:
        raise UserInputError(f"{option} {run}: {SAVED_DIR}/{META_FILE} cannot be read. Run "
                             "the analysis again into a new folder.")
    folder = run / SAVED_DIR
    try:
        units = pd.read_csv(folder / UNITS_FILE, dtype={"unit_id": str, "doc_id": str,
                                                        "language": str, "text": str},
                            keep_default_na=False, encoding="utf-8")
        documents = pd.read_csv(folder / DOCUMENTS_FILE, dtype=str, keep_default_na=False,
                                encoding="utf-8")
        tensors = load_file(str(folder / VECTORS_FILE))
        edits = json.loads((folder / EDITS_FILE).read_text(encoding="utf-8"))
        embeddings = tensors["embeddings"]
        means = {}
        if meta.get("language_means"):
            means = dict(zip(meta["language_means"], tensors["language_means"]))
    except (OSError, ValueError, KeyError) as err:
        raise UserInputError(f"{option} {run}: the saved analysis cannot be read ({err}). "
                             "Run the analysis again into a new folder.") from None
    if embeddings.dtype != np.float32 or embeddings.shape[0] != len(units):
        raise UserInputError(f"{option} {run}: the saved embeddings do not match the units. "
                             "Run the analysis again into a new folder.")
    return SavedAnalysis(run, meta, units, documents, embeddings, means,
                         {**empty_edits(), **edits})
