"""The main job as steps, run by a local or a Dask back end.

- :mod:`analysis.pipeline.config`: :class:`RunConfig`, every option of a run;
- :mod:`analysis.pipeline.steps`: embed, topics, themes, translations;
- :mod:`analysis.pipeline.run`: :func:`run`, the whole job, and the local front;
- :mod:`analysis.pipeline.dask`: the Dask front (``distributed`` extra).
"""
