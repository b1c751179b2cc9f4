"""Topic and keyword analytics for news corpora (French, English and more).

The subpackages follow the pipeline: ``io`` (load), ``text`` (clean, units,
vectors), ``keywords``, ``embed``, ``topics``, ``themes``, ``report``, and
``pipeline``, which runs them (``analysis.pipeline.run.run``). ``import analysis``
loads nothing heavy; import the modules you use.
"""

__version__ = "0.1.0"
