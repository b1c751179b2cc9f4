"""The saved analysis: what ``search``, ``update`` and ``edit`` read from a run folder.

A run writes it into ``<out>/saved/`` (:func:`save_analysis`), inside the staging
folder, so ``manifest.json`` lists every file with its SHA-256;
:func:`load_analysis` checks the format version and those checksums before anything
is read, and says in one line what is wrong (:class:`analysis.errors.UserInputError`).
Formats: JSON, CSV (UTF-8) and safetensors (float32 vectors); never pickle.
"""

from analysis.saved.format import FORMAT_VERSION, SAVED_DIR, SavedAnalysis
from analysis.saved.load import load_analysis
from analysis.saved.save import save_analysis

__all__ = ["FORMAT_VERSION", "SAVED_DIR", "SavedAnalysis", "load_analysis", "save_analysis"]
