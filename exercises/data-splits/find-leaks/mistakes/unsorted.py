# Returns the pairs in the order of the test set instead of sorted by (i, j).
def find_leaks(train, test):
    where = {}
    for i, record in enumerate(train):
        where.setdefault(record, []).append(i)
    return [(i, j) for j, record in enumerate(test) for i in where.get(record, ())]
