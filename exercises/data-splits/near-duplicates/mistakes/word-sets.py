# Compares sets of single words instead of 3-word shingles, so reordered or lightly edited texts look identical.
import string


def near_duplicates(train_texts, test_texts):
    table = str.maketrans(string.punctuation, " " * len(string.punctuation))

    def words(text):
        return set(text.casefold().translate(table).split()) or {""}

    a, b = [words(t) for t in train_texts], [words(t) for t in test_texts]
    return sorted((i, j) for i, x in enumerate(a) for j, y in enumerate(b) if 2 * len(x & y) >= len(x | y))
