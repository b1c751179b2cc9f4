"""Text processing: cleaning, segmenting, language detection, units, the
language-aware analyser and the vectorisers built on it."""
