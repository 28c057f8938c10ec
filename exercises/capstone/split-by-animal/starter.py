"""Split Oxford-IIIT Pet photos by animal, stratified by breed.

Write split_by_animal(filenames, animals, fractions, seed).

filenames[i] is a photo's file name as the data set names it,
"<breed>_<number>.<extension>" ("Bengal_12.jpg", "great_pyrenees_7.jpg").
The breed is everything before the LAST underscore (breed names contain
underscores themselves), and the number after it is one or more digits.
animals[i] is the id (a string) of the animal in photo i: the data set has
no such ids, so the lesson's grouping step produces them.

Return (train, val, test), three lists of file names, each sorted, that
together hold every file name exactly once, with every photo of an animal
on the same side. fractions = (train, val, test) are fractions of a
breed's ANIMALS, not of its photos. Do this, exactly:

    rng = random.Random(seed)            # one generator for the whole call
    for each breed, in sorted order:
        take the breed's distinct animal ids, sorted, and rng.shuffle them;
        n_test = floor(f_test * A + 0.5)  # A animals; halves round up,
        n_val  = floor(f_val * A + 0.5)   # unlike Python's round()
        the first n_test animals go to test, the next n_val to val (fewer
        if the breed runs out), the rest to train.

The same seed gives the same split, and the global random module's state is
left alone. Raise ValueError when filenames and animals differ in length,
a file name appears twice, a file name is not of the form above, one animal
id has photos of two breeds, or fractions is not three numbers >= 0 that
sum to 1 (within 1e-9).
"""

import random


def split_by_animal(filenames, animals, fractions, seed):
    """Return (train, val, test), sorted lists of file names."""
    names = list(filenames)
    random.Random(seed).shuffle(names)
    n_test = round(fractions[2] * len(names))
    n_val = round(fractions[1] * len(names))
    # TODO: this splits photos, so one animal's photos land on several sides.
    return sorted(names[n_test + n_val:]), sorted(names[n_test:n_test + n_val]), sorted(names[:n_test])
