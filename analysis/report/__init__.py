"""What a run writes: the figure style, figures, CSV tables, the Markdown summary and
the interactive HTML views."""
