# Removes every Unicode punctuation character (curly quotes, dashes) instead of only those in string.punctuation.
import unicodedata


def near_duplicates(train_texts, test_texts):
    def shingles(text):
        text = "".join(" " if unicodedata.category(c).startswith("P") or unicodedata.category(c) == "Sm"
                       or c in "$^`|~" else c for c in text.casefold())
        w = text.split()
        return {tuple(w)} if len(w) < 3 else {tuple(w[i:i + 3]) for i in range(len(w) - 2)}

    a, b = [shingles(t) for t in train_texts], [shingles(t) for t in test_texts]
    return sorted((i, j) for i, x in enumerate(a) for j, y in enumerate(b) if 2 * len(x & y) >= len(x | y))
