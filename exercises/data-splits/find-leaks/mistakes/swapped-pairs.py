# Puts the test index first, (j, i), instead of (i, j).
def find_leaks(train, test):
    where = {}
    for i, record in enumerate(train):
        where.setdefault(record, []).append(i)
    return sorted((j, i) for j, record in enumerate(test) for i in where.get(record, ()))
