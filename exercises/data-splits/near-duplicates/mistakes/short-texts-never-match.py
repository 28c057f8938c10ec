# Gives a text of fewer than 3 words no shingles at all and skips empty sets, so short texts never match, not even identical ones.
import string


def near_duplicates(train_texts, test_texts):
    table = str.maketrans(string.punctuation, " " * len(string.punctuation))

    def shingles(text):
        w = text.casefold().translate(table).split()
        return {tuple(w[i:i + 3]) for i in range(len(w) - 2)}

    a, b = [shingles(t) for t in train_texts], [shingles(t) for t in test_texts]
    return sorted((i, j) for i, x in enumerate(a) for j, y in enumerate(b) if x and y and 2 * len(x & y) >= len(x | y))
