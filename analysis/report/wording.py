"""The words of figures and of the report page, in English and French.

``say(key, lang, **values)`` gives a phrase in ``lang`` ("en" or "fr"); dates are
written by :func:`format_date` with the language's month names, whatever the
machine's locale, so a figure is the same bytes everywhere. The run picks the
corpus's main language unless ``--lang`` says otherwise (:func:`report_language`).
"""

from __future__ import annotations

LANGUAGES = ("en", "fr")

PHRASES = {
    "en": {
        "keywords_by_document": "Top keywords per document",
        "keywords_by_language": "Top keywords per language",
        "minor_languages": " (languages under {share} of the units, {languages}, are in "
                           "keywords_by_language.csv)",
        "first_of": " (first {shown} of {total} {what})",
        "documents": "documents",
        "topics_largest": "topics, the largest",
        "language_panel": "language: {language}",
        "mean_tfidf": "mean TF-IDF weight",
        "ctfidf": "c-TF-IDF weight",
        "theme_shares_per": "Theme shares per {level}",
        "document": "document",
        "language_level": "language ({n} documents; each one in document_themes.csv)",
        "language_row": "{language} ({n} documents)",
        "share_of_words": "share of the document's words (0–1)",
        "other": "other",
        "theme_share": "theme share (0–1)",
        "similarity": "Document similarity, within and across languages",
        "cosine_range": "cosine similarity ({low} to {high} here)",
        "topic_keywords": "Topic keywords (each topic's main language)",
        "unit_map": "Units by topic (PCA of centred embeddings, n={n})",
        "component": "component {k}",
        "themes_over_time": "Themes over time",
        "dated": " ({n} dated documents on {dates} dates)",
        "mean_theme_share": "mean theme share (0–1)",
        "publication_date": "publication date (n = documents on that date)",
        "document_length": "Document length",
        "words_after_cleaning": "words after cleaning",
    },
    "fr": {
        "keywords_by_document": "Principaux mots-clés par document",
        "keywords_by_language": "Principaux mots-clés par langue",
        "minor_languages": " (les langues de moins de {share} des unités, {languages}, sont "
                           "dans keywords_by_language.csv)",
        "first_of": " ({shown} premiers sur {total} {what})",
        "documents": "documents",
        "topics_largest": "sujets, les plus grands",
        "language_panel": "langue : {language}",
        "mean_tfidf": "poids TF-IDF moyen",
        "ctfidf": "poids c-TF-IDF",
        "theme_shares_per": "Part des thèmes par {level}",
        "document": "document",
        "language_level": "langue ({n} documents ; chacun dans document_themes.csv)",
        "language_row": "{language} ({n} documents)",
        "share_of_words": "part des mots du document (0–1)",
        "other": "autre",
        "theme_share": "part du thème (0–1)",
        "similarity": "Similarité des documents, dans une langue et d'une langue à l'autre",
        "cosine_range": "similarité cosinus (de {low} à {high} ici)",
        "topic_keywords": "Mots-clés des sujets (langue principale de chaque sujet)",
        "unit_map": "Unités par sujet (ACP des plongements centrés, n={n})",
        "component": "composante {k}",
        "themes_over_time": "Thèmes dans le temps",
        "dated": " ({n} documents datés, {dates} dates)",
        "mean_theme_share": "part moyenne du thème (0–1)",
        "publication_date": "date de publication (n = documents à cette date)",
        "document_length": "Longueur des documents",
        "words_after_cleaning": "mots après nettoyage",
    },
}

MONTHS = {
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
    "fr": ("janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.",
           "nov.", "déc."),
}


def say(key: str, lang: str = "en", **values) -> str:
    """The phrase ``key`` in ``lang`` (English for any other language)."""
    phrases = PHRASES.get(lang, PHRASES["en"])
    return phrases[key].format(**values)


def format_date(date, lang: str = "en") -> str:
    """A day as "03 Jan 2026" or "3 janv. 2026", without the machine's locale."""
    month = MONTHS.get(lang, MONTHS["en"])[date.month - 1]
    if lang == "fr":
        return f"{date.day} {month} {date.year}"
    return f"{date.day:02d} {month} {date.year}"


def report_language(requested: str | None, corpus) -> str:
    """``requested`` ("en" or "fr"), or else the language of most documents when it
    is one of those, else English."""
    if requested:
        return requested
    from collections import Counter

    counts = Counter(doc.language for doc in corpus if doc.language in LANGUAGES)
    if not counts:
        return "en"
    return max(sorted(counts), key=counts.__getitem__)
