"""Near-duplicate texts across a train/test split (reference solution)."""

import string

# Every ASCII punctuation character (string.punctuation) becomes a space.
_PUNCTUATION_TO_SPACE = str.maketrans(string.punctuation, " " * len(string.punctuation))
K = 3  # words per shingle


def normalise(text):
    """Casefold, punctuation to spaces, whitespace runs to one space, stripped."""
    return " ".join(text.casefold().translate(_PUNCTUATION_TO_SPACE).split())


def shingles(text):
    """The set of word 3-shingles of a normalised text, as tuples of words.
    A text of fewer than 3 words (none included) is one shingle: all its words."""
    words = text.split()
    if len(words) < K:
        return {tuple(words)}
    return {tuple(words[i:i + K]) for i in range(len(words) - K + 1)}


def near_duplicates(train_texts, test_texts):
    """Every pair (i, j), sorted, whose normalised texts have word 3-shingle
    sets with a Jaccard similarity of at least 1/2."""
    train = [shingles(normalise(t)) for t in train_texts]
    test = [shingles(normalise(t)) for t in test_texts]
    pairs = []
    for i, a in enumerate(train):
        for j, b in enumerate(test):
            if 2 * len(a & b) >= len(a | b):  # |A ∩ B| / |A ∪ B| >= 1/2, in integers
                pairs.append((i, j))
    return sorted(pairs)
