# Compares str(record), so the number 1 and the string "1" count as the same record.
def find_leaks(train, test):
    where = {}
    for i, record in enumerate(train):
        where.setdefault(str(record), []).append(i)
    return sorted((i, j) for j, record in enumerate(test) for i in where.get(str(record), ()))
