"""Zero-shot theme labels for topics: the theme whose descriptions are nearest in
meaning to a topic's mean embedding."""

from __future__ import annotations

import numpy as np

# Below this cosine between a topic's mean embedding and a theme's descriptions, the
# topic keeps its own words as its label. Calibrated with bench/bench_topics.py
# --calibrate (bench/RESULTS.md): the bundled corpus's topics, which are about the
# themes, reach 0.263 and 0.305; BBC's and MasakhaNEWS's classes stay at or below
# 0.177 (technology) and 0.130 (business), down to 0.020 (health), except BBC
# tech, 0.252 to "Digital economy", a fair label. The threshold is the midpoint
# of 0.177 and 0.263.
ZERO_SHOT_MIN_COSINE = 0.22


def label_topics_with_themes(info, topics, embeddings, centroids, theme_list,
                             min_cosine: float = ZERO_SHOT_MIN_COSINE):
    """Zero-shot label of each topic: the theme whose description is nearest to the
    topic's mean embedding, when that cosine reaches ``min_cosine``; otherwise no
    theme (the topic keeps its own words). ``theme_cosine`` is given either way,
    and both are empty when the encoder cannot embed the descriptions
    (``centroids`` is ``None``)."""
    if centroids is None:
        return info.assign(theme="", theme_cosine=np.nan)
    themes, cosines = [], []
    for t in info["topic"]:
        centre = embeddings[topics == t].mean(axis=0)
        cos = centroids @ (centre / max(np.linalg.norm(centre), 1e-12))
        best = int(np.argmax(cos))  # the first maximum
        themes.append(theme_list[best].label if cos[best] >= min_cosine else "")
        cosines.append(round(float(cos[best]), 4))
    return info.assign(theme=themes, theme_cosine=cosines)
