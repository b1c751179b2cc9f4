"""A theme's example passages, as the themes file names them.

Each example is, in this order of precedence: the id of a document in the corpus
(its text), the path of a text file (relative to the themes file, or absolute), or
else the quoted passage itself. Examples may be in any language.
"""

from __future__ import annotations

from pathlib import Path

from analysis.errors import UserInputError

# An example longer than this, or with a line break, is a passage, never a path.
MAX_PATH_CHARS = 260


def resolve_example(example: str, documents: dict | None = None,
                    base_dir: Path | None = None) -> str:
    """The text an example stands for (see the module docstring)."""
    if documents and example in documents:
        return documents[example]
    if len(example) <= MAX_PATH_CHARS and "\n" not in example and example.lower().endswith(
            (".txt", ".md")):
        path = Path(example)
        if not path.is_absolute() and base_dir is not None:
            path = Path(base_dir) / path
        if not path.is_file():
            raise UserInputError(f"theme example file {example!r} was not found; give a path "
                                 "relative to the themes file, or quote the passage itself.")
        return path.read_text(encoding="utf-8", errors="replace").strip()
    return example


def resolve_examples(examples, documents=None, base_dir=None) -> list[str]:
    """The texts of a theme's examples, in order, empty ones left out."""
    texts = [resolve_example(e, documents, base_dir) for e in examples]
    return [t for t in texts if t.strip()]
