"""The fast paths of the scale work give the numbers of the plain rules."""

import unicodedata

from analysis.text.width import char_width, display_width


def test_ascii_width_is_its_length_and_the_shortcut_agrees():
    # display_width reads ASCII text by its length: every ASCII character,
    # controls included, is one column by the character rule
    for i in range(128):
        c = chr(i)
        assert not unicodedata.combining(c)
        assert unicodedata.category(c) not in ("Mn", "Me", "Cf")
        assert unicodedata.east_asian_width(c) not in ("W", "F")
        assert char_width(c) == 1
    text = "".join(map(chr, range(128))) * 3
    assert display_width(text) == len(text) == sum(char_width(c) for c in text)
    assert display_width("été 人工智能\u0301") == 3 + 1 + 8 + 0


def test_term_arrays_are_made_once_per_fitted_vocabulary():
    import numpy as np

    from analysis.keywords.tfidf import term_arrays

    class Vectorizer:
        def __init__(self):
            self.vocabulary_ = {f"w{i}": i for i in range(300)}
            self.made = 0

        def get_feature_names_out(self):
            self.made += 1
            return np.array(sorted(self.vocabulary_, key=self.vocabulary_.get), dtype=object)

    v = Vectorizer()
    first = term_arrays(v)
    assert term_arrays(v) is first and v.made == 2  # terms and labels, once
    v.vocabulary_ = {**v.vocabulary_, "new": 300}  # a refit replaces the vocabulary
    again = term_arrays(v)
    assert again is not first and list(again[0][-1:]) == ["new"]
    v.vocabulary_["more"] = 301  # changed in place: its size tells
    assert list(term_arrays(v)[0][-1:]) == ["more"]
