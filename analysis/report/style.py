"""Figures for reports: one style, one ``save_figure()``.

Every figure is saved as PNG (200 dpi) and SVG with deterministic metadata (a
fixed ``svg.hashsalt``, no dates, no software stamp), so the same data give
byte-identical files. The palette is Okabe & Ito's colour-blind-safe set and the
default size fits the text column of an A4 report (16 cm wide).

Chinese text is drawn with Noto Sans SC, which the pinned ``pylopdf-fonts-zh-cn``
package ships (OFL 1.1): :func:`register_fonts` adds it to matplotlib's font manager
in memory (no font cache is written), under the names the SVG's font stack asks for,
"Noto Sans CJK SC" (the same typeface: Noto CJK's Simplified Chinese subset) and
"Noto Sans CJK JP" (so a system font of that name is never drawn with). Each
character takes the first font of the stack that has it (matplotlib's per-glyph
fallback), so Latin text keeps DejaVu Sans and its metrics.
"""

from __future__ import annotations

import logging
from contextlib import contextmanager
from pathlib import Path

from analysis.config import FIGURES_DIR
from analysis.io.atomic import atomic_path

# Okabe & Ito (2008), "Color Universal Design".
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442",
           "#000000")
# Topics get 20 distinguishable colours: the palette above without black, then
# Paul Tol's muted and light schemes, each colour unlike its neighbours; past 20
# topics the smallest are drawn together as "other" (TOPIC_OTHER_COLOUR).
TOPIC_PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00",
                 "#F0E442", "#332288", "#882255", "#44AA99", "#999933", "#AA4499",
                 "#117733", "#661100", "#88CCEE", "#DDCC77", "#6699CC", "#000000",
                 "#EE8866", "#AAAA00")
TOPIC_OTHER_COLOUR = "#BBBBBB"


def topic_colours(topics, max_colours: int = len(TOPIC_PALETTE)) -> dict:
    """``{topic: colour}``: a colour each for the first ``max_colours`` topics of
    ``topics`` (give them largest first), the rest :data:`TOPIC_OTHER_COLOUR`."""
    return {t: TOPIC_PALETTE[i] if i < max_colours else TOPIC_OTHER_COLOUR
            for i, t in enumerate(topics)}
# The fonts an SVG asks for, in order: DejaVu Sans (the metrics of the layout), then
# common fonts with wide Latin coverage, then fonts with CJK and Arabic glyphs, so a
# title in those scripts shows on a machine that has them instead of empty boxes.
FONT_STACK = ("DejaVu Sans", "Noto Sans", "Arial", "Helvetica", "Liberation Sans",
              "Noto Sans CJK JP", "Noto Sans CJK SC", "Noto Sans Arabic", "Noto Naskh Arabic")
# The CJK font matplotlib draws with: the module of the pinned package holding the
# file (Noto Sans SC), and the stack's CJK names, which all lead matplotlib to that
# file, so no machine draws with a system font of one of those names instead (the SVG
# still names them for its viewer)
CJK_FONT_PACKAGE = "pylopdf_fonts_zh_cn"
CJK_FONT_NAMES = tuple(name for name in FONT_STACK if " CJK " in name)
A4_COLUMN_INCHES = 6.3  # 16 cm
DPI = 200
STYLE = {
    "svg.hashsalt": "analysis",
    # every text drawn is taken literally: a headline such as "Fare $2 (20%) $3" is
    # not read as mathtext (which garbles it, or fails on an unbalanced "$")
    "text.parse_math": False,
    # SVG text stays text (<text> elements), so a report editor can select, search
    # and edit it; the viewer draws it with the first font of FONT_STACK it has
    "svg.fonttype": "none",
    # matplotlib measures and draws (PNG) each character with the first font of the
    # stack that has it: DejaVu Sans, which ships with matplotlib and has every
    # French accent, else the pinned CJK font (register_fonts), so the layout is the
    # same on every machine. The family is the stack itself (a generic "sans-serif"
    # gets one font, with no fallback); the SVG writes it as before, the names then
    # "sans-serif", once each. The fonts a machine lacks raise no warning
    # (_QuietMissingFonts).
    "font.family": [*FONT_STACK, "sans-serif"],
    "font.sans-serif": list(FONT_STACK),
    "font.size": 8,
    "axes.titlesize": 9,
    "axes.labelsize": 8,
    "xtick.labelsize": 7,
    "ytick.labelsize": 7,
    "legend.fontsize": 7,
    "figure.titlesize": 10,
    "axes.prop_cycle": None,  # set in style()
    "axes.spines.top": False,
    "axes.spines.right": False,
    "figure.dpi": 100,
    "savefig.dpi": DPI,
    "path.simplify": False,
}


def style() -> dict:
    """The rcParams used for every figure (applied by :func:`house_style`)."""
    from cycler import cycler

    return {**STYLE, "axes.prop_cycle": cycler(color=PALETTE)}


class _QuietMissingFonts(logging.Filter):
    """Drops matplotlib's "findfont: Font family 'Arial' not found." for the fonts of
    :data:`FONT_STACK`: the SVG names them for the viewer, and matplotlib need not
    have them (it measures with DejaVu Sans and the CJK font)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not (record.msg == "findfont: Font family %r not found."
                    and record.args and record.args[0] in FONT_STACK)


_registered: list[str] = []


def register_fonts() -> list[str]:
    """Make the pinned CJK font known to matplotlib (once per process); returns the
    font files added (empty when the package is missing: Chinese then draws as
    empty boxes, with matplotlib's "Glyph ... missing" warning).

    The font is added in memory, first in the font manager's list, so it wins over
    a system font of the same name and every machine draws with the same file.
    """
    if _registered:
        return [path for path in _registered if path]
    import dataclasses
    import importlib

    from matplotlib import font_manager, ft2font

    logging.getLogger("matplotlib.font_manager").addFilter(_QuietMissingFonts())
    try:
        package = importlib.import_module(CJK_FONT_PACKAGE)
    except ImportError:
        _registered.append("")  # tried once: not again at every figure
        return []
    path = str(package.sans_path())
    entry = font_manager.ttfFontProperty(ft2font.FT2Font(path))
    # its own name ("Noto Sans SC") and the names the font stack asks for
    entries = [entry] + [dataclasses.replace(entry, name=name) for name in CJK_FONT_NAMES
                         if name != entry.name]
    manager = font_manager.fontManager
    manager.ttflist[:0] = entries
    # addfont() also empties findfont's cache, so the entries above are seen (the
    # entry it appends is found after them)
    manager.addfont(path)
    _registered.append(path)
    return [path]


@contextmanager
def house_style():
    """Apply :func:`style` for the duration, then put back only those settings.

    Not ``matplotlib.rc_context``: it restores every rcParam, so when the first
    figure of a Jupyter kernel loads the inline backend inside it, the backend's
    switch to interactive mode is undone on the way out, and every later figure of
    the session is left blank.
    """
    import matplotlib

    register_fonts()
    changes = style()
    saved = {key: matplotlib.rcParams[key] for key in changes}
    matplotlib.rcParams.update(changes)
    try:
        yield
    finally:
        matplotlib.rcParams.update(saved)


def styled(func):
    """Decorator: run a plotting function inside the house style."""
    import functools

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        with house_style():
            return func(*args, **kwargs)

    return wrapper


# Widest line of a title holding Chinese (or other wide) characters, in columns: 28
# characters at the title's 9 pt are 3.5 inches, which fit beside the longest
# document labels.
TITLE_COLUMNS = 56


def title_text(text: str, columns: int = TITLE_COLUMNS) -> str:
    """A title for ``ax.set_title(..., wrap=True)``: matplotlib wraps only at spaces,
    so a title holding wide (Chinese) characters is wrapped here, by display width;
    other titles are left to matplotlib as they are."""
    from analysis.text.width import display_width, fill_to_width

    text = str(text)
    if display_width(text) == len(text):
        return text
    return fill_to_width(text, columns)


def new_figure(height: float = 3.5, width: float = A4_COLUMN_INCHES, **subplots):
    """A figure in the house style, A4-column wide."""
    import matplotlib.pyplot as plt

    with house_style():
        fig, axes = plt.subplots(figsize=(width, height), layout="constrained", **subplots)
    return fig, axes


def save_figure(fig, name: str, out_dir: str | Path | None = None,
                close: bool = True) -> list[Path]:
    """Save ``fig`` as ``<out_dir>/<name>.png`` and ``.svg``, atomically.

    ``out_dir`` defaults to the project's ``figures/``. Returns the two paths.
    """
    import matplotlib.pyplot as plt

    out_dir = Path(out_dir) if out_dir is not None else FIGURES_DIR
    paths = []
    metadata = {"png": {"Software": None}, "svg": {"Date": None, "Creator": None}}
    with house_style():
        for fmt in ("png", "svg"):
            path = out_dir / f"{name}.{fmt}"
            with atomic_path(path) as tmp:
                fig.savefig(tmp, format=fmt, dpi=DPI, metadata=metadata[fmt])
            paths.append(path)
    if close:
        plt.close(fig)
    return paths
