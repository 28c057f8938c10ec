"""Find near-duplicate texts across a train/test split.

Write near_duplicates(train_texts, test_texts). Both arguments are lists of
strings. Return the sorted list of every pair (i, j), as tuples, such that
train_texts[i] and test_texts[j] are near-duplicates; i indexes the training
list, j the test list.

First normalise each text, in this order:
  1. casefold it (str.casefold, so "STRASSE" and "Straße" agree);
  2. replace every character of string.punctuation (the 32 ASCII punctuation
     characters) by a space; other characters, such as “curly quotes”, stay;
  3. collapse every run of whitespace (as str.split sees it: spaces, tabs,
     newlines, non-breaking spaces) to one space, and strip both ends.

    "  Don't STOP—now!\t"  ->  "don t stop—now"

Then turn each normalised text into its set of word 3-shingles: every run of
3 consecutive words, as a tuple. A text with fewer than 3 words (none
included) has exactly one shingle, the tuple of all its words.

    "the cat sat on"  ->  {("the", "cat", "sat"), ("cat", "sat", "on")}

Two texts are near-duplicates when the Jaccard similarity of their shingle
sets, |A ∩ B| / |A ∪ B|, is at least 1/2 (so texts equal after normalisation
always are). A similarity of exactly 1/2 counts.

    near_duplicates(["The cat sat on the mat.", "a b c d e"],
                    ["the CAT sat on the mat", "a b c d x", "hello"])
        ->  [(0, 0), (1, 1)]

Leave both lists unchanged.
"""


def near_duplicates(train_texts, test_texts):
    """Every (i, j), sorted, whose normalised texts share at least half their 3-shingles."""
    pairs = []
    for i, a in enumerate(train_texts):
        for j, b in enumerate(test_texts):
            # TODO: this finds exact copies only; normalise and compare shingles.
            if a == b:
                pairs.append((i, j))
    return pairs
