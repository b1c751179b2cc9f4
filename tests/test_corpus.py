import datetime as dt
import hashlib
from pathlib import Path

import pytest

from analysis.errors import UserInputError
from analysis.io.corpus import decode_bytes, load_corpus
from tests.conftest import CORPUS, SHARED


def test_bundled_corpus_metadata(corpus):
    assert len(corpus) == 5 and not corpus.problems
    by_id = {d.doc_id[:3]: d for d in corpus}
    assert by_id["000"].date == dt.date(2026, 1, 4)
    assert by_id["001"].date == dt.date(2026, 1, 3)
    assert by_id["002"].title == "XI urges sound progress"
    assert by_id["000"].title is None


def test_bad_files_are_reported_and_the_rest_runs(bad_folder):
    before = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in bad_folder.iterdir()}
    corpus = load_corpus(bad_folder)
    problems = {p.source.rsplit("/", 1)[-1]: p for p in corpus.problems}
    assert problems["empty.txt"].skipped and "empty" in problems["empty.txt"].reason
    assert problems["binary.txt"].skipped and "binary" in problems["binary.txt"].reason
    assert not problems["latin1.txt"].skipped and "cp1252" in problems["latin1.txt"].reason
    ids = sorted(d.doc_id for d in corpus)
    assert len(ids) == 5 and "latin1" in ids and "swahili" in ids
    latin = next(d for d in corpus if d.doc_id == "latin1")
    assert "économie numérique" in latin.clean
    after = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in bad_folder.iterdir()}
    assert before == after


@pytest.mark.skipif(not (SHARED / "bbc").exists(), reason="shared benchmarks not present")
def test_bbc_latin1_file():
    text, problem = decode_bytes((SHARED / "bbc/sport/199.txt").read_bytes(), "199.txt")
    assert not problem.skipped and "cp1252" in problem.reason and "199.txt" in str(problem)
    assert "a £15.8m signing" in text and "\ufffd" not in text  # byte 0xa3 is the pound sign


def test_missing_path_and_empty_corpus(tmp_path):
    with pytest.raises(UserInputError, match="no such file"):
        load_corpus(tmp_path / "nope")
    (tmp_path / "a.txt").write_text("")
    with pytest.raises(UserInputError, match="no usable document"):
        load_corpus(tmp_path)


def test_table_corpus_and_bad_column(tmp_path):
    csv = tmp_path / "c.csv"
    csv.write_text('id,body,section\n1,"La Chine accélère la transformation numérique.",eco\n'
                   '2,"AI governance rules were discussed in Beijing.",tech\n3,,x\n',
                   encoding="utf-8")
    corpus = load_corpus(csv, text_column="body", id_column="id")
    assert [d.doc_id for d in corpus] == ["1", "2"]
    assert corpus.documents[0].meta == {"section": "eco"}
    assert "row 3" in corpus.problems[0].source
    with pytest.raises(UserInputError, match="no text column 'text'"):
        load_corpus(csv)


def test_malformed_csv(tmp_path):
    csv = tmp_path / "bad.csv"
    csv.write_text('text,b\n"unterminated,1\nx,y,z,w\n', encoding="utf-8")
    with pytest.raises(UserInputError, match="bad.csv"):
        load_corpus(csv)


def test_huge_file_is_skipped(tmp_path):
    (tmp_path / "big.txt").write_text("word " * 1000)
    (tmp_path / "ok.txt").write_text("The digital economy grows quickly in China today.")
    corpus = load_corpus(tmp_path, max_bytes=2000)
    assert [d.doc_id for d in corpus] == ["ok"]
    assert "MB" in corpus.problems[0].reason and "big.txt" in corpus.problems[0].source


def test_single_document_corpus():
    """One file is a corpus of one document, read and cleaned exactly as it is in
    its folder."""
    path = sorted(CORPUS.glob("*.txt"))[4]
    corpus = load_corpus(path)
    assert [d.doc_id for d in corpus] == [path.stem] and not corpus.problems
    assert corpus.source == path.relative_to(Path.cwd()).as_posix() \
        if path.is_relative_to(Path.cwd()) else path.name
    same = next(d for d in load_corpus(CORPUS) if d.doc_id == path.stem)
    assert corpus.documents[0] == same  # text, clean text, title, date, removals
    assert "économie numérique" in same.clean
