"""Topic and keyword analytics for news corpora (French, English and more).

The package is imported lazily: ``import analysis`` loads nothing heavy. Use the
modules directly (``analysis.corpus.load_corpus``, ``analysis.pipeline.run``...).
"""

__version__ = "0.1.0"
