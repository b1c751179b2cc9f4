"""Text processing: cleaning, segmenting, language detection, units, the
language-aware analyser and the vectorisers built on it. Everything that depends
on how a language is written comes from its profile (:mod:`analysis.text.lang`)."""
