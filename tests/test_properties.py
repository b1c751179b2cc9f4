"""Property-based tests (hypothesis) of the loader, decoder, cleaner, segmenter,
analyser and one CLI round trip, on generated text, bytes, file names and folders.

Properties: no exception (only ``UserInputError`` for a corpus with nothing usable);
no text silently lost beyond the documented boilerplate, so a normal sentence always
survives; cleaning is idempotent; every skipped file is named; inputs are
byte-identical afterwards.

The bounded profile runs by default (about a minute); ``ANALYSIS_HYPOTHESIS=long``
runs twenty times as many examples with random seeds (see ``tests/strategies.py``).
"""

from __future__ import annotations

import contextlib
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, note, settings
from hypothesis import strategies as st

from analysis.cli import main
from analysis.errors import Problem, UserInputError
from analysis.io.corpus import decode_bytes, load_corpus
from analysis.text.analyzer import TextAnalyzer
from analysis.text.clean import clean_text
from analysis.text.segment import UNITS, split_units
from tests.strategies import (
    PROFILE,
    SENTENCES,
    any_text,
    file_bytes,
    folder_entries,
    mixed_text,
    named_in,
    no_hang,
    read_table,
    scaled,
    snapshot,
    surrogate_text,
    visible_paths,
    write_folder,
)

ANALYZER = TextAnalyzer(languages=("en", "fr"), max_n=3)
def _words(text: str) -> str:
    return " ".join(text.split())


def _check_problem(problem: Problem) -> None:
    assert isinstance(problem, Problem)
    assert isinstance(problem.source, str) and problem.source
    assert isinstance(problem.reason, str) and problem.reason.strip()
    assert isinstance(problem.action, str) and problem.action.strip()
    str(problem)  # printable


# -- decoder ----------------------------------------------------------------------------

@scaled(3000)
@given(data=file_bytes, source=surrogate_text)
def test_decode_bytes_never_raises_and_reports_what_it_skips(data, source):
    source = source or "file.txt"
    before = bytes(data)
    text, problem = decode_bytes(data, source)
    assert data == before
    assert text is None or isinstance(text, str)
    if text is None:  # skipped: always with a reason
        assert problem is not None and problem.skipped
    elif problem is not None:  # read with a caveat: a warning, not a skip
        assert not problem.skipped
    if problem is not None:
        _check_problem(problem)
        assert problem.source == source
    try:
        utf8 = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        utf8 = None
    if text is not None and utf8 is not None:  # valid UTF-8 is never misread
        assert text == utf8 and problem is None


# -- cleaner ----------------------------------------------------------------------------

@scaled(3000)
@given(text=st.one_of(any_text, surrogate_text))
def test_clean_text_never_raises_and_is_idempotent(text):
    once = clean_text(text)
    assert isinstance(once.text, str)
    for rule, removed in once.removed:
        assert isinstance(rule, str) and isinstance(removed, str)
    twice = clean_text(once.text)
    assert twice.text == once.text


@scaled(2000)
@given(before=st.lists(mixed_text, max_size=3), after=st.lists(mixed_text, max_size=3),
       lang=st.sampled_from(sorted(SENTENCES)))
def test_a_normal_sentence_survives_cleaning(before, after, lang):
    sentence = SENTENCES[lang]
    document = "\n\n".join([*before, sentence, *after])
    cleaned = clean_text(document).text
    note(f"cleaned: {cleaned!r}")
    assert _words(sentence) in _words(cleaned)


# -- segmenter and analyser -------------------------------------------------------------

@scaled(3000)
@given(text=st.one_of(any_text, surrogate_text), raw=st.booleans())
def test_segmenter_and_analyser_never_raise(text, raw):
    if not raw:
        text = clean_text(text).text
    for unit in UNITS:
        pieces = split_units(text, unit)
        assert all(isinstance(p, str) and p.strip() for p in pieces)
        for piece in pieces:
            for lang in ("en", "fr", None):
                terms = ANALYZER(piece, lang)
                assert all(isinstance(t, str) and t for t in terms)


# -- loader -----------------------------------------------------------------------------

@contextlib.contextmanager
def generated_folder(entries):
    """``(tmp, root, before)``: a temporary folder ``root`` holding ``entries``, its
    parent ``tmp`` (for outputs) and a snapshot of ``root`` taken before any run."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "corpus"
        root.mkdir()
        write_folder(root, entries)
        yield Path(tmp), root, snapshot(root)


@scaled(1000)
@given(entries=folder_entries)
def test_load_corpus_on_generated_folders(entries):
    with generated_folder(entries) as (_, root, before):
        good = [root.joinpath(*e.parts) for e in entries if e.good]
        note(f"paths: {[str(p.relative_to(root)) for p in visible_paths(root)]!r}")
        try:
            with no_hang():
                corpus = load_corpus(root)
        except UserInputError as err:
            note(f"UserInputError: {err}")
            assert not good, "a corpus with a good article was refused"
            return
        finally:
            assert snapshot(root) == before, "the input folder changed"
        sources = {d.source for d in corpus.documents}
        problems = corpus.problems
        note(f"documents: {sorted(sources)!r}")
        note(f"problems: {problems!r}")
        for problem in problems:
            _check_problem(problem)
        skipped = {p.source for p in problems if p.skipped}
        assert not sources & skipped, "a document is also reported as skipped"
        unaccounted = [p for p in visible_paths(root)
                       if not named_in(p, root, sources | {q.source for q in problems})]
        assert not unaccounted, f"silently left out: {unaccounted!r}"
        for path in good:
            doc = next(d for d in corpus.documents if named_in(path, root, [d.source]))
            assert any(_words(s) in _words(doc.clean) for s in SENTENCES.values())


# -- one CLI round trip -----------------------------------------------------------------

@scaled(25)
@given(entries=folder_entries)
def test_cli_round_trip_on_generated_folders(entries):
    with generated_folder(entries) as (tmp, root, before):
        out = tmp / "out"
        with pytest.MonkeyPatch.context() as mp:
            mp.setenv("ANALYSIS_CACHE_DIR", str(tmp / "cache"))
            mp.setenv("ANALYSIS_PROGRESS", "0")
            with no_hang():
                code = main(["run", "--corpus", str(root), "--out", str(out),
                             "--keywords-only", "-q"])
        assert snapshot(root) == before, "the input folder changed"
        good = [e for e in entries if e.good]
        assert code in (0, 2)
        if code == 2:
            assert not good, "a corpus with a good article was refused"
            return
        documents = [r["source"] for r in read_table(out / "tables" / "documents.csv")]
        problems = [r["source"] for r in read_table(out / "tables" / "problems.csv")]
        assert documents, "exit 0 without a document"
        unaccounted = [p for p in visible_paths(root)
                       if not named_in(p, root, documents + problems)]
        assert not unaccounted, f"in neither documents.csv nor problems.csv: {unaccounted!r}"


def test_profiles():
    """The bounded profile is reproducible and writes no example database."""
    from tests.strategies import LONG

    assert PROFILE.database is None and PROFILE.deadline is None
    assert PROFILE.derandomize != LONG


@settings(max_examples=300, deadline=None)
@given(form=st.text(alphabet="ab_é '-1", min_size=1, max_size=4),
       text=st.text(alphabet="ab_é '-1.\n", max_size=30))
def test_occurs_is_a_whole_word_match(form, text):
    """localise_labels' substring search finds a form exactly where the regex
    ``(?<!\\w)form(?!\\w)`` does."""
    import re

    from analysis.keywords.tfidf import _occurs

    text = text.lower()
    expected = re.search(rf"(?<!\w){re.escape(form.lower())}(?!\w)", text) is not None
    assert _occurs(form, text) == expected
