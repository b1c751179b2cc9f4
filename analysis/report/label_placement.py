"""Place text labels beside points so that no two labels overlap.

Greedy, in a fixed order (the largest point first): each label tries the positions
around its point in :data:`POSITIONS`' order and takes the first whose box meets no
label placed before it; then its shorter forms (a topic's number for its name), the
same way; a label with no free position is not drawn (its point keeps its hover).
Work is in pixels, so the caller gives the plot's size: a plot drawn larger only
moves the labels apart.
"""

from __future__ import annotations

from dataclasses import dataclass

# Plotly's text positions, tried in this order, with the box's offset from the
# point: (horizontal: -1 left of it, 0 centred, 1 right; vertical: 1 above, 0
# centred, -1 below).
POSITIONS = (("top center", 0, 1), ("bottom center", 0, -1), ("middle right", 1, 0),
             ("middle left", -1, 0), ("top right", 1, 1), ("top left", -1, 1),
             ("bottom right", 1, -1), ("bottom left", -1, -1))
GAP_PX = 3  # between a point's edge and its label, and around every box


@dataclass(frozen=True)
class Box:
    left: float
    bottom: float
    right: float
    top: float

    def meets(self, other: Box) -> bool:
        return not (self.right <= other.left or other.right <= self.left
                    or self.top <= other.bottom or other.top <= self.bottom)


def label_box(x: float, y: float, radius: float, width: float, height: float,
              horizontal: int, vertical: int) -> Box:
    """The box (pixels, y up) of a ``width`` × ``height`` label at a position around
    a point at ``(x, y)`` drawn with ``radius``."""
    reach = radius + GAP_PX
    if horizontal == 0:
        left = x - width / 2
    else:
        left = x + reach if horizontal > 0 else x - reach - width
    if vertical == 0:
        bottom = y - height / 2
    else:
        bottom = y + reach if vertical > 0 else y - reach - height
    return Box(left - GAP_PX, bottom - GAP_PX, left + width + GAP_PX,
               bottom + height + GAP_PX)


def place_labels(points, sizes, order=None, obstacles=()) -> list[tuple[str, int] | None]:
    """Each label's plotly text position and the form it takes, or ``None`` where
    no form can be drawn without meeting another label.

    ``points``: ``(x, y, radius)`` in pixels; ``sizes``: each label's forms, longest
    first, as ``[(width, height), ...]`` in pixels; ``order``: the indices in the
    order they choose (default: as given). A form is its index in ``sizes[i]``.
    ``obstacles``: boxes no label may meet (the points' own marks).
    """
    placed: list[Box] = list(obstacles)
    chosen: list[tuple[str, int] | None] = [None] * len(points)
    for i in (range(len(points)) if order is None else order):
        x, y, radius = points[i]
        chosen[i] = _first_free(x, y, radius, sizes[i], placed)
    return chosen


def point_boxes(points) -> list[Box]:
    """The box of each ``(x, y, radius)`` point's mark, to keep labels off it."""
    return [Box(x - r, y - r, x + r, y + r) for x, y, r in points]


def _first_free(x, y, radius, forms, placed: list[Box]) -> tuple[str, int] | None:
    for form, (width, height) in enumerate(forms):
        for name, horizontal, vertical in POSITIONS:
            box = label_box(x, y, radius, width, height, horizontal, vertical)
            if not any(box.meets(other) for other in placed):
                placed.append(box)
                return name, form
    return None
