# Deletes punctuation instead of replacing it by a space, so "hello,world" becomes one word "helloworld".
import string


def near_duplicates(train_texts, test_texts):
    table = str.maketrans("", "", string.punctuation)

    def shingles(text):
        w = text.casefold().translate(table).split()
        return {tuple(w)} if len(w) < 3 else {tuple(w[i:i + 3]) for i in range(len(w) - 2)}

    a, b = [shingles(t) for t in train_texts], [shingles(t) for t in test_texts]
    return sorted((i, j) for i, x in enumerate(a) for j, y in enumerate(b) if 2 * len(x & y) >= len(x | y))
