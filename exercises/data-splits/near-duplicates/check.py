"""Checks near_duplicates against the reference: each normalisation step
(casefold, ASCII punctuation to spaces, whitespace), word 3-shingles as sets,
short texts, the Jaccard threshold of 1/2 at its boundary, the order of the
pairs, and random texts with edits."""

import coursecheck as cc


def _expect_pairs(learner, train, test, want, why):
    got = cc.call(learner.near_duplicates, train, test)
    cc.expect(got == want, f"near_duplicates returned {cc.show(got)}, want {want!r}: {why}",
              expected=repr(want), actual=cc.show(got))


def test_matches_the_example(learner):
    _expect_pairs(learner, ["The cat sat on the mat.", "a b c d e"], ["the CAT sat on the mat", "a b c d x", "hello"],
                  [(0, 0), (1, 1)],
                  "the first texts are equal after normalisation; 'a b c d e' and 'a b c d x' share 2 of their 4 "
                  "distinct 3-shingles (Jaccard exactly 1/2)")


def test_casefolds_rather_than_lowercases(learner):
    _expect_pairs(learner, ["HELLO World"], ["hello wORLD"], [(0, 0)], "case is ignored")
    _expect_pairs(learner, ["Main STRASSE"], ["main straße"], [(0, 0)],
                  "str.casefold turns 'ß' into 'ss', so both normalise to 'main strasse'; str.lower keeps 'ß'")


def test_replaces_ascii_punctuation_by_a_space(learner):
    _expect_pairs(learner, ["hello,world"], ["hello world"], [(0, 0)],
                  "the comma becomes a space, so 'hello,world' normalises to 'hello world'")
    _expect_pairs(learner, ["dont"], ["don't"], [],
                  "the apostrophe becomes a space: 'don t' (two words) is not 'dont' (one); deleting punctuation "
                  "instead would make them equal")
    _expect_pairs(learner, ["(x) {y} [z]"], ["x; y: z!"], [(0, 0)],
                  "every character of string.punctuation becomes a space, brackets and braces included")


def test_keeps_punctuation_outside_string_punctuation(learner):
    _expect_pairs(learner, ["“hello”"], ["hello"], [],
                  "curly quotes are not in string.punctuation (ASCII only), so they stay: '“hello”' is not 'hello'")
    _expect_pairs(learner, ["stop—now"], ["stop now"], [], "the em dash is not in string.punctuation, so it stays")


def test_collapses_and_strips_whitespace(learner):
    _expect_pairs(learner, ["  a \t b\n\nc  "], ["a b c"], [(0, 0)], "runs of whitespace become one space, and the ends are stripped")
    _expect_pairs(learner, ["a\u00a0b\u2003c"], ["a b c"], [(0, 0)],
                  "str.split also splits on non-breaking and em spaces, which are whitespace too")


def test_uses_word_shingles_of_three_words(learner):
    _expect_pairs(learner, ["a b c d e f"], ["f e d c b a"], [],
                  "the same words in reverse order share no 3-word shingle (a set of single words would call them equal)")
    ten = "w1 w2 w3 w4 w5 w6 w7 w8 w9 w10"
    _expect_pairs(learner, [ten], [ten.replace("w5", "x")], [],
                  "changing the 5th of 10 words leaves 5 of 11 distinct 3-shingles shared: Jaccard 5/11 < 1/2 "
                  "(with 2-word shingles it would be 7/11)")
    _expect_pairs(learner, ["the quick brown fox"], ["the quick brown dog"], [],
                  "3-shingles: {the quick brown, quick brown fox} and {the quick brown, quick brown dog} share 1 of 3, "
                  "Jaccard 1/3")


def test_compares_sets_of_shingles(learner):
    _expect_pairs(learner, ["x y z x y z"], ["x y z x y z x y z x y z"], [(0, 0)],
                  "both texts have the same shingle set {x y z, y z x, z x y}; repeats do not count twice")
    _expect_pairs(learner, ["a b c a b c a b c"], ["a b c"], [],
                  "{a b c, b c a, c a b} against {a b c}: Jaccard 1/3")


def test_treats_a_text_of_fewer_than_three_words_as_one_shingle(learner):
    _expect_pairs(learner, ["great movie", "ok"], ["awful movie", "ok!"], [(1, 1)],
                  "a 1- or 2-word text is one shingle, the tuple of its words: 'great movie' and 'awful movie' differ, "
                  "'ok' and 'ok!' are equal after normalisation")
    _expect_pairs(learner, ["good"], ["good film"], [], "('good',) and ('good', 'film') are different shingles")


def test_treats_texts_that_normalise_to_nothing_as_equal(learner):
    _expect_pairs(learner, ["", "hello"], ["?!", "   ", "hello"], [(0, 0), (0, 1), (1, 2)],
                  "'', '?!' and '   ' all normalise to the empty text, whose one shingle is the empty tuple; "
                  "it matches only other empty texts")


def test_counts_a_jaccard_of_exactly_one_half(learner):
    _expect_pairs(learner, ["a b c d e"], ["a b c d x"], [(0, 0)],
                  "{abc, bcd, cde} and {abc, bcd, cdx} share 2 of 4: Jaccard exactly 1/2, which counts")
    _expect_pairs(learner, ["a b c d e f"], ["a b c d x y"], [],
                  "{abc, bcd, cde, def} and {abc, bcd, cdx, dxy} share 2 of 6: Jaccard 1/3")


def test_returns_sorted_pairs_with_the_training_index_first(learner):
    train = ["one two three", "red green blue", "one two three four"]
    test = ["red, green, blue!", "one two three", "nothing alike here", "RED green BLUE"]
    _expect_pairs(learner, train, test, [(0, 1), (1, 0), (1, 3), (2, 1)],
                  "pairs are (training index, test index) tuples, sorted by i and then j")


def test_matches_the_reference_on_edge_cases(learner, ref):
    cases = [
        ([], []),
        (["a b c"], []),
        ([], ["a b c"]),
        (["Same text."] * 3, ["same TEXT"] * 2),
        (["a-b-c-d"], ["a b c d"]),
        (["tab\there"], ["tab here"]),
    ]
    for train, test in cases:
        cc.compare(learner.near_duplicates, ref.near_duplicates, train, test)


WORDS = ["the", "cat", "dog", "sat", "on", "mat", "ran", "far", "big", "red"]


def _edit(rng, words):
    """A copy of a word list with a few edits: replace, drop, insert, or restyle."""
    out = list(words)
    for _ in range(rng.randint(0, 3)):
        kind = rng.randrange(4)
        if kind == 0 and out:
            out[rng.randrange(len(out))] = rng.choice(WORDS)
        elif kind == 1 and len(out) > 1:
            del out[rng.randrange(len(out))]
        elif kind == 2:
            out.insert(rng.randint(0, len(out)), rng.choice(WORDS))
        elif out:
            i = rng.randrange(len(out))
            out[i] = rng.choice([out[i].upper(), out[i] + ",", out[i] + "!", "(" + out[i] + ")"])
    return out


def test_matches_the_reference_on_random_texts(learner, ref):
    for rng in cc.random_cases(30, seed=16):
        originals = [[rng.choice(WORDS) for _ in range(rng.randint(0, 8))] for _ in range(rng.randint(1, 3 + rng.case // 5))]
        train = [rng.choice([" ", "  ", "\t"]).join(_edit(rng, w)) for w in originals]
        test = [" ".join(_edit(rng, rng.choice(originals))) for _ in range(rng.randint(1, 4))]
        cc.compare(learner.near_duplicates, ref.near_duplicates, train, test)
