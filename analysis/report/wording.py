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
        "topic_keywords": "Topic keywords (in each language with a quarter of the topic's "
                          "units)",
        "unit_map": "Units by topic (PCA of centred embeddings, n={n})",
        "component": "component {k}",
        "themes_over_time": "Themes over time",
        "dated": " ({n} dated documents on {dates} dates)",
        "mean_theme_share": "mean theme share (0–1)",
        "publication_date": "publication date (n = documents on that date)",
        "document_length": "Document length",
        "words_after_cleaning": "words after cleaning",
        "report_title": "Corpus report: {corpus}",
        "lede": "What the run found, its figures and its main tables, in one file that opens "
                "offline. The tables and figure files it links to lie beside it.",
        "summary": "Summary",
        "figures": "Figures",
        "tables": "Tables",
        "files": "Files",
        "csv_tables": "Tables (CSV)",
        "interactive_views": "Interactive views",
        "no_views": "None: this run has no topic model to draw.",
        "other_files": "Other files",
        "summary_file": "{name} (this summary, as Markdown)",
        "footer": "Written by the <code>analysis</code> package (<code>python -m analysis "
                  "run</code>). Links are relative to this file.",
        "all_rows": "all {total} {what}",
        "first_rows": "first {shown} of {total} {what}",
        "full_table": "{count}; full table in {link}.",
        "not_shown": " Not shown here: {columns} ({why}).",
        "table_topics": "Topics",
        "table_keywords": "Keywords per document",
        "table_themes": "Theme shares per document",
        "what_topics": "topics",
        "what_documents": "documents",
        "top_keywords": "top {top} keywords",
        "shown_as_png": " Shown as PNG: the SVG is {mb} MB, too large to hold in this page.",
        "too_large": " The figure is too large to hold in this page.",
        "name_left_out": "the first terms of the terms columns",
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
        "topic_keywords": "Mots-clés des sujets (dans chaque langue qui a le quart de ses "
                          "unités)",
        "unit_map": "Unités par sujet (ACP des plongements centrés, n={n})",
        "component": "composante {k}",
        "themes_over_time": "Thèmes dans le temps",
        "dated": " ({n} documents datés, {dates} dates)",
        "mean_theme_share": "part moyenne du thème (0–1)",
        "publication_date": "date de publication (n = documents à cette date)",
        "document_length": "Longueur des documents",
        "words_after_cleaning": "mots après nettoyage",
        "report_title": "Rapport sur le corpus : {corpus}",
        "lede": "Ce que l'analyse a trouvé, ses figures et ses tableaux principaux, dans un seul "
                "fichier qui s'ouvre hors ligne. Les tableaux et les fichiers des figures "
                "auxquels il renvoie sont à côté de lui.",
        "summary": "Résumé",
        "figures": "Figures",
        "tables": "Tableaux",
        "files": "Fichiers",
        "csv_tables": "Tableaux (CSV)",
        "interactive_views": "Vues interactives",
        "no_views": "Aucune : cette analyse n'a pas de modèle de sujets à dessiner.",
        "other_files": "Autres fichiers",
        "summary_file": "{name} (ce résumé, en Markdown)",
        "footer": "Écrit par le paquet <code>analysis</code> (<code>python -m analysis "
                  "run</code>). Les liens sont relatifs à ce fichier.",
        "all_rows": "les {total} {what}",
        "first_rows": "{shown} premiers sur {total} {what}",
        "full_table": "{count} ; tableau complet dans {link}.",
        "not_shown": " Non montré ici : {columns} ({why}).",
        "table_topics": "Sujets",
        "table_keywords": "Mots-clés par document",
        "table_themes": "Part des thèmes par document",
        "what_topics": "sujets",
        "what_documents": "documents",
        "top_keywords": "{top} principaux mots-clés",
        "shown_as_png": " Montrée en PNG : le SVG fait {mb} Mo, trop pour cette page.",
        "too_large": " La figure est trop grande pour cette page.",
        "name_left_out": "les premiers termes des colonnes terms",
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


CAPTIONS = {
    "en": {
        "keywords_by_document": "Top keywords per document: each document's terms and "
        "phrases with the highest TF-IDF weight, on one scale across panels (at most the "
        "first {docs} documents; every one is in keywords_by_document.csv).",
        "keywords_by_language": "Top keywords per language: the terms with the highest "
        "TF-IDF weight over all units in each language (a language with under {share} of "
        "the units has no panel).",
        "topic_keywords": "Topic keywords: each topic's top terms (class-based TF-IDF) in "
        "each language that holds a quarter of its units, one panel each (at most the "
        "{topics} largest topics).",
        "theme_shares_by_document": "Theme shares: the part of each document's words that "
        "goes to each theme, stacked, with the rest as \u201cother\u201d (per language past "
        "{themes} documents).",
        "theme_heatmap": "Theme shares as a grid, one cell per document and theme, with the "
        "value in each cell (per language past {themes} documents).",
        "crosslingual_similarity": "Document similarity: the cosine between the documents' "
        "embeddings, within and across languages; translations of one story stand out as "
        "high values (at most the first {similar} documents).",
        "unit_map": "Map of the units: each unit placed by the first two principal "
        "components of its language-centred embedding; colour is the topic, marker the "
        "language.",
        "themes_over_time": "Theme shares over time: the mean share of each theme among the "
        "documents of each date.",
    },
    "fr": {
        "keywords_by_document": "Principaux mots-clés par document : les termes et "
        "expressions de plus fort poids TF-IDF de chaque document, sur une même échelle "
        "(au plus les {docs} premiers documents ; tous sont dans keywords_by_document.csv).",
        "keywords_by_language": "Principaux mots-clés par langue : les termes de plus fort "
        "poids TF-IDF sur toutes les unités de chaque langue (une langue de moins de {share} "
        "des unités n'a pas de panneau).",
        "topic_keywords": "Mots-clés des sujets : les premiers termes de chaque sujet "
        "(TF-IDF par classe) dans chaque langue qui a le quart de ses unités, un panneau "
        "par langue (au plus les {topics} plus grands sujets).",
        "theme_shares_by_document": "Part des thèmes : la part des mots de chaque document "
        "qui revient à chaque thème, empilée, le reste étant « autre » (par langue au-delà "
        "de {themes} documents).",
        "theme_heatmap": "Part des thèmes en grille, une case par document et par thème, "
        "avec la valeur dans chaque case (par langue au-delà de {themes} documents).",
        "crosslingual_similarity": "Similarité des documents : le cosinus entre les "
        "plongements des documents, dans une langue et d'une langue à l'autre ; les "
        "traductions d'un même article ressortent par des valeurs élevées (au plus les "
        "{similar} premiers documents).",
        "unit_map": "Carte des unités : chaque unité placée selon les deux premières "
        "composantes principales de son plongement centré par langue ; la couleur est le "
        "sujet, le marqueur la langue.",
        "themes_over_time": "Part des thèmes dans le temps : la part moyenne de chaque thème "
        "parmi les documents de chaque date.",
    },
}
