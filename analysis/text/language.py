"""Offline language detection with lingua, memoised by content.

Only a prefix of each text is read, which is enough for news paragraphs and keeps
detection cheap on long articles. A text whose best guess is not confident is
labelled ``"und"`` (undetermined), which the rest of the pipeline treats as an
unsupported language.
"""

from __future__ import annotations

import hashlib

from analysis.text.clean import valid_text

# The 16 languages of the multilingual Universal Sentence Encoder v3, as 15 codes: lingua
# gives one code, zh, for its Chinese (simplified and traditional).
SUPPORTED = ("ar", "de", "en", "es", "fr", "it", "ja", "ko", "nl", "pl", "pt", "ru", "th",
             "tr", "zh")
UNDETERMINED = "und"


class LanguageDetector:
    """Detect ISO 639-1 codes for texts.

    Parameters
    ----------
    languages : tuple of str
        Candidate languages. Fewer candidates are faster and more accurate.
    prefix_chars : int
        How much of each text is read.
    min_confidence : float
        Below this confidence for the best language, the text is ``"und"``.
    """

    def __init__(self, languages=SUPPORTED, prefix_chars: int = 240,
                 min_confidence: float = 0.5):
        self.languages = tuple(languages)
        self.prefix_chars = prefix_chars
        self.min_confidence = min_confidence
        self._detector = None
        self._memo: dict[bytes, str] = {}

    def _build(self):
        from lingua import IsoCode639_1, LanguageDetectorBuilder

        codes = [getattr(IsoCode639_1, code.upper()) for code in self.languages]
        self._detector = LanguageDetectorBuilder.from_iso_codes_639_1(*codes).build()
        return self._detector

    def _key(self, text: str) -> bytes:
        head = text[: self.prefix_chars].encode("utf-8", "surrogatepass")
        return hashlib.blake2b(head, digest_size=12).digest()

    def detect(self, texts: list[str]) -> list[str]:
        """Language codes for ``texts``, in order."""
        if len(self.languages) == 1:
            return [self.languages[0]] * len(texts)
        keys = [self._key(t) for t in texts]
        # lone surrogates (text that was never valid Unicode) cannot reach lingua
        todo = {k: valid_text(t[: self.prefix_chars])
                for k, t in zip(keys, texts) if k not in self._memo}
        if todo:
            detector = self._detector or self._build()
            batch = list(todo.values())
            values = detector.compute_language_confidence_values_in_parallel(batch)
            for key, confidences in zip(todo, values):
                best = confidences[0] if confidences else None
                if best is None or best.value < self.min_confidence:
                    self._memo[key] = UNDETERMINED
                else:
                    self._memo[key] = best.language.iso_code_639_1.name.lower()
        return [self._memo[k] for k in keys]

    def detect_one(self, text: str) -> str:
        return self.detect([text])[0]
