# Records only the first training copy of each test record, missing the other duplicates.
def find_leaks(train, test):
    first = {}
    for i, record in enumerate(train):
        first.setdefault(record, i)
    return sorted((first[r], j) for j, r in enumerate(test) if r in first)
