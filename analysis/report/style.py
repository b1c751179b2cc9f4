"""Figures for reports: one style, one ``save_figure()``.

Every figure is saved as PNG (200 dpi) and SVG with deterministic metadata (a
fixed ``svg.hashsalt``, no dates, no software stamp), so the same data give
byte-identical files. The palette is Okabe & Ito's colour-blind-safe set and the
default size fits the text column of an A4 report (16 cm wide).
"""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

from analysis.config import FIGURES_DIR
from analysis.io.atomic import atomic_path

# Okabe & Ito (2008), "Color Universal Design".
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442",
           "#000000")
# The fonts an SVG asks for, in order: DejaVu Sans (the metrics of the layout), then
# common fonts with wide Latin coverage, then fonts with CJK and Arabic glyphs, so a
# title in those scripts shows on a machine that has them instead of empty boxes.
FONT_STACK = ("DejaVu Sans", "Noto Sans", "Arial", "Helvetica", "Liberation Sans",
              "Noto Sans CJK JP", "Noto Sans CJK SC", "Noto Sans Arabic", "Noto Naskh Arabic")
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
    # matplotlib measures and draws (PNG) with the first font of the stack, DejaVu
    # Sans, which ships with matplotlib and has every French accent: the layout is
    # the same on every machine, and the fonts a machine lacks raise no warning
    "font.family": "sans-serif",
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


@contextmanager
def house_style():
    """Apply :func:`style` for the duration, then put back only those settings.

    Not ``matplotlib.rc_context``: it restores every rcParam, so when the first
    figure of a Jupyter kernel loads the inline backend inside it, the backend's
    switch to interactive mode is undone on the way out, and every later figure of
    the session is left blank.
    """
    import matplotlib

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
