"""Units of analysis (documents, paragraphs or sentences) with their language."""

from __future__ import annotations

import pandas as pd

from analysis.text.lang import word_count
from analysis.text.language import (
    DOCUMENT_PREFIX_CHARS,
    OUTSIDE_MIN_CONFIDENCE,
    PROBE_LANGUAGES,
    UNDETERMINED,
    LanguageDetector,
    function_language,
    function_word_share,
    main_languages,
    most_function_words,
    within,
)
from analysis.text.segment import UNITS, split_units

# Documents read against every candidate language to find a corpus's main ones.
SAMPLE_DOCUMENTS = 400
# Characters whose function words confirm a document's language (about 60 words).
CONFIRM_CHARS = 400
# A document's language is first read from this many characters.
FIRST_READ_CHARS = 160
# Words a unit needs for its own detected language to overrule its document's.
MIN_SWITCH_WORDS = 15


def document_scores(docs, detector: LanguageDetector) -> list:
    """Each document's language candidates (:meth:`LanguageDetector.scores`), from
    the first ``FIRST_READ_CHARS`` characters of its clean text (enough for most;
    :func:`corpus_languages` reads the doubtful ones further).

    Past ``SAMPLE_DOCUMENTS`` documents, an even sample of them is read against
    every candidate language to find the corpus's main ones, and the rest against
    those only (far faster: one main language needs no detector at all); a
    document whose function words point to another language than the one so
    found (a German article in an English corpus) is read again against every
    candidate; one without function words of any candidate (a Chinese headline of
    nouns and verbs) gives no sign against it.
    """
    texts = [d.clean for d in docs]
    if len(texts) <= SAMPLE_DOCUMENTS or len(detector.languages) < 2:
        return detector.scores(texts, FIRST_READ_CHARS)
    step = len(texts) / SAMPLE_DOCUMENTS
    sample = sorted({int(i * step) for i in range(SAMPLE_DOCUMENTS)})
    sampled = dict(zip(sample, detector.scores([texts[i] for i in sample], FIRST_READ_CHARS)))
    main = main_languages(detector.best(s) for s in sampled.values())
    if not main:
        return detector.scores(texts, FIRST_READ_CHARS)
    narrow = LanguageDetector(tuple(sorted(main)), detector.prefix_chars,
                              detector.min_confidence)
    rest = [i for i in range(len(texts)) if i not in sampled]
    scores = dict(sampled)
    scores.update(zip(rest, narrow.scores([texts[i] for i in rest], FIRST_READ_CHARS)))
    probes = tuple(sorted(set(PROBE_LANGUAGES) | main))
    doubtful = [i for i in rest if function_language(texts[i][:CONFIRM_CHARS], probes)
                not in (scores[i][0][0], UNDETERMINED)]
    if doubtful:
        again = detector.scores([texts[i] for i in doubtful], FIRST_READ_CHARS)
        scores.update(zip(doubtful, again))
    return [scores[i] for i in range(len(texts))]


def corpus_languages(docs, scores, detector: LanguageDetector
                     ) -> tuple[list[str], frozenset[str]]:
    """``(document languages, main languages)`` from every document's scores.

    The main languages are those of at least 5 % of the documents. A document
    whose likeliest language is another one, or not confident, or has more
    function words of another main language (an English headline on a French
    article), is read again
    further (``DOCUMENT_PREFIX_CHARS``: a quote or names in its first lines must
    not decide a whole article) and is given a language outside the main ones
    only when it passes :func:`analysis.text.language.within` (a French editorial
    full of Italian names stays French).
    """
    main = main_languages(detector.best(s) for s in scores)
    langs = []
    for doc, scored in zip(docs, scores):
        head = doc.clean[:DOCUMENT_PREFIX_CHARS]
        if (scored and scored[0][0] in main and scored[0][1] >= OUTSIDE_MIN_CONFIDENCE
                and most_function_words(head, scored[0][0], main)):
            langs.append(scored[0][0])
            continue
        if len(doc.clean) > FIRST_READ_CHARS:
            scored = detector.scores([doc.clean], DOCUMENT_PREFIX_CHARS)[0]
        langs.append(within(scored, main, head, detector.min_confidence))
    return langs, main


def build_units(corpus, unit: str = "paragraph", min_words: int = 4,
                detector: LanguageDetector | None = None, languages=None) -> pd.DataFrame:
    """One row per unit: doc_id, unit_id, position, text, language, n_words.

    Each document's language is detected on its clean text and stored on the
    document (:func:`corpus_languages`; ``languages``, a pair of the document
    languages and the corpus's main languages, is given when the documents are a
    part of a larger corpus). A unit takes its document's language unless it has
    at least ``MIN_SWITCH_WORDS`` words and its own detection is confident (more so
    for a language outside the corpus's main ones): a headline or a short
    paragraph holds too few words to overrule the whole document ("Deutsche
    Telekom sees mobile gain" is English in an English article), and so do a
    unit's names (a French sentence listing English names has more French
    function words than English ones), while a real paragraph in another language
    keeps its own. A document's headline (a short first line without a final
    full stop) is not a unit of its own: it opens the unit of the paragraph after
    it (:func:`analysis.text.segment.join_headline`). Units shorter than
    ``min_words`` words are dropped, except a document's only unit; words are
    counted, and sentences split, as the document's language profile does
    (Chinese words are found by its segmenter).

    When the languages are not given (the whole corpus is here), the lines that
    repeat across the corpus's documents (page boilerplate) are first removed
    from their clean text (:func:`analysis.text.clean.remove_repeated_lines`).
    """
    if unit not in UNITS:
        raise ValueError(f"unit must be one of {', '.join(UNITS)}, not {unit!r}")
    detector = detector or LanguageDetector()
    docs = list(corpus)
    if languages is None:
        from analysis.text.clean import remove_repeated_lines

        remove_repeated_lines(docs)
        languages = corpus_languages(docs, document_scores(docs, detector), detector)
    doc_languages, main = languages
    for doc, lang in zip(docs, doc_languages):
        doc.language = lang
    rows = []
    for doc in docs:
        pieces = [(p, word_count(p, doc.language))
                  for p in split_units(doc.clean, unit, doc.language)]
        kept = [p for p in pieces if p[1] >= min_words] or pieces[:1]
        for i, (text, n_words) in enumerate(kept):
            rows.append((doc.doc_id, f"{doc.doc_id}#{i}", i, text, doc.language, n_words))
    frame = pd.DataFrame(rows, columns=["doc_id", "unit_id", "position", "text",
                                        "doc_language", "n_words"])
    if unit == "document":
        frame["language"] = frame["doc_language"]
    else:
        long_ = frame["n_words"] >= MIN_SWITCH_WORDS
        texts = frame.loc[long_, "text"].tolist()
        own = dict(zip(frame.index[long_], (
            within(s, main, t, detector.min_confidence)
            for s, t in zip(detector.scores(texts), texts))))
        frame["language"] = [
            _unit_language(own.get(i, UNDETERMINED), d, text)
            for i, d, text in zip(frame.index, frame["doc_language"], frame["text"])]
    return frame.drop(columns="doc_language")


def _unit_language(own: str, doc_language: str, text: str) -> str:
    """A unit's language: its own detection overrules its document's only when it
    has a larger share of function words in its own language than in its
    document's (a French sentence listing English names stays French)."""
    if own in (UNDETERMINED, doc_language):
        return doc_language
    if (function_word_share(text, own, [doc_language])
            <= function_word_share(text, doc_language, [own])):
        return doc_language
    return own
