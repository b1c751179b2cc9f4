"""Sentence encoders (the :class:`~analysis.embed.base.Encoder` base class and its
implementations) and the on-disk embedding cache."""
