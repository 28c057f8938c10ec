# Deduplicates the records with set(), so a repeated record yields one pair instead of one per copy.
def find_leaks(train, test):
    common = set(train) & set(test)
    return sorted((train.index(r), test.index(r)) for r in common)
