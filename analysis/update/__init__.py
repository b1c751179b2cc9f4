"""Tomorrow's documents on today's topics: :func:`update` (see :mod:`analysis.update.run`)."""

from analysis.update.run import assign_units, update

__all__ = ["assign_units", "update"]
