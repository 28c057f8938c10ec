"""Checks split_by_animal by the procedure its text states: every file name
on exactly one side, every photo of an animal on the same side, per breed
n_test = floor(f_test * A + 0.5) and n_val = floor(f_val * A + 0.5) animals
(halves round up; val takes fewer when the breed runs out), the three lists
sorted, and the animals chosen by one random.Random(seed) that shuffles each
breed's sorted animal ids, breeds in sorted order; so the whole answer is
exact. The global random state is left alone and bad input raises ValueError."""

import math
import random

import coursecheck as cc

BREEDS = ["Abyssinian", "Bengal", "Sphynx", "american_bulldog", "american_pit_bull_terrier",
          "great_pyrenees", "yorkshire_terrier", "shiba_inu", "Ragdoll", "basset_hound"]


def catalogue(rows):
    """rows: (breed, animal, photos) -> (filenames, animals), images numbered per breed."""
    filenames, animals, number = [], [], {}
    for breed, animal, photos in rows:
        for _ in range(photos):
            number[breed] = number.get(breed, 0) + 1
            filenames.append(f"{breed}_{number[breed]}.jpg")
            animals.append(animal)
    return filenames, animals


EDGE_CASES = [
    # one breed, one animal with three photos: all of them go together
    (catalogue([("Bengal", "b1", 3)]), (0.8, 0.1, 0.1), 0),
    # two animals of one breed, 0.5 test: 1 animal each side
    (catalogue([("Bengal", "b1", 2), ("Bengal", "b2", 1)]), (0.5, 0.0, 0.5), 1),
    # 5 animals at 0.5 test: 2.5 rounds half up to 3 (round() gives 2)
    (catalogue([("Sphynx", f"s{i}", 1 + i % 3) for i in range(5)]), (0.5, 0.0, 0.5), 2),
    # 10 animals at (0.5, 0.25, 0.25): 2.5 -> 3 test and 3 val, 4 train
    (catalogue([("shiba_inu", f"a{i:02d}", 1 + i % 2) for i in range(10)]), (0.5, 0.25, 0.25), 3),
    # 1 animal at (0, 0.5, 0.5): test takes it, val runs out
    (catalogue([("Ragdoll", "r1", 4)]), (0.0, 0.5, 0.5), 4),
    # 3 animals at (0, 0.5, 0.5): 2 test, val gets the 1 left of its 2
    (catalogue([("Ragdoll", f"r{i}", 2) for i in range(3)]), (0.0, 0.5, 0.5), 5),
    # breed names with underscores, two breeds that share a first word
    (catalogue([("american_bulldog", f"ab{i}", 2) for i in range(4)]
               + [("american_pit_bull_terrier", f"ap{i}", 1) for i in range(4)]), (0.5, 0.25, 0.25), 6),
    # photos of one animal not next to each other, animals listed out of order
    ((["Bengal_3.jpg", "Bengal_1.jpg", "Bengal_10.jpg", "Bengal_2.jpg", "Bengal_7.jpg", "Bengal_4.jpg"],
      ["zoe", "kit", "zoe", "ash", "kit", "max"]), (0.5, 0.25, 0.25), 7),
    # several breeds, small fractions: 0.1 * 4 = 0.4 rounds to 0
    (catalogue([(b, f"{b[:3]}{i}", 1 + (i * 7) % 4) for b in BREEDS[:4] for i in range(4)]), (0.8, 0.1, 0.1), 8),
    # other extensions and multi-digit numbers
    ((["Bengal_101.jpeg", "Bengal_20.png", "basset_hound_7.JPG", "basset_hound_8.jpg"],
      ["b1", "b2", "h1", "h2"]), (0.5, 0.0, 0.5), 9),
    # no photos at all
    (([], []), (0.7, 0.15, 0.15), 10),
]


def _breed(name):
    stem = name.rpartition(".")[0]
    return stem.rpartition("_")[0]


def _check(learner, ref, data, fractions, seed):
    filenames, animals = data
    n = len(filenames)
    call = f"split_by_animal({cc.show(filenames, 80)}, {cc.show(animals, 60)}, {fractions!r}, {seed})"
    animal_of = dict(zip(filenames, animals))

    def differ(actual, expected):
        ok = isinstance(actual, (tuple, list)) and len(actual) == 3 and all(isinstance(p, list) for p in actual)
        cc.expect(ok, f"{call}: it should return three lists (train, val, test), got {cc.show(actual, 200)}",
                  expected="(train, val, test)", actual=cc.show(actual))
        names = ("train", "val", "test")
        seen = {}
        for side, part in zip(names, actual):
            for f in part:
                cc.expect(f in animal_of, f"{call}: {f!r} in {side} is not one of the file names given",
                          actual=cc.show(actual))
                cc.expect(f not in seen, f"{call}: {f!r} is in {seen.get(f)} and in {side}; every photo goes to exactly one side",
                          actual=cc.show(actual))
                seen[f] = side
        missing = [f for f in filenames if f not in seen]
        cc.expect(not missing, f"{call}: {len(missing)} of {n} file names are on no side (first: {missing[:3]})",
                  expected=f"all {n} file names", actual=cc.show(actual))
        sides = {}
        for f in filenames:
            sides.setdefault(animal_of[f], {}).setdefault(seen[f], []).append(f)
        for animal, where in sides.items():
            cc.expect(len(where) == 1,
                      f"{call}: animal {animal!r} has photos in {' and '.join(where)} ({cc.show(where, 160)}); "
                      "all photos of one animal must go to the same side, or the model is tested on an animal it trained on",
                      expected=f"animal {animal!r} on one side", actual=cc.show(where, 200))
        for side, part in zip(names, actual):
            cc.expect(part == sorted(part), f"{call}: the {side} list is not sorted; return sorted(...) of each list",
                      expected=cc.show(sorted(part)), actual=cc.show(part))
        # animals per breed and side, against the stated rounding rule
        breed_animals = {}
        for f, a in zip(filenames, animals):
            breed_animals.setdefault(_breed(f), set()).add(a)
        for breed in sorted(breed_animals):
            group = breed_animals[breed]
            a_count = len(group)
            want_test = math.floor(fractions[2] * a_count + 0.5)
            want_val = min(math.floor(fractions[1] * a_count + 0.5), a_count - want_test)
            got = {s: sum(1 for a in group if s in sides[a]) for s in names}
            want = {"train": a_count - want_test - want_val, "val": want_val, "test": want_test}
            cc.expect(got == want,
                      f"{call}: breed {breed!r} has {a_count} animals; fractions are of a breed's animals, with "
                      f"n_test = floor({fractions[2]} * {a_count} + 0.5) = {want_test} and "
                      f"n_val = floor({fractions[1]} * {a_count} + 0.5), capped at the {a_count - want_test} left, = {want_val} "
                      "(halves round up, unlike Python's round(); the breed is the file name before its last underscore)",
                      expected=f"animals of {breed!r} per side {want}", actual=f"{got}")
        if list(actual) != list(expected):
            cc.expect(False, f"{call}: the counts are right, but not the animals the stated procedure picks: "
                      "one rng = random.Random(seed) for the call; for each breed in sorted order, its distinct "
                      "animal ids sorted, then rng.shuffle; the first n_test to test, the next n_val to val",
                      expected=cc.show(expected), actual=cc.show(actual))
        return None

    cc.compare(learner.split_by_animal, ref.split_by_animal, filenames, animals, fractions, seed, differ=differ)


def test_keeps_animals_whole_and_stratifies_on_edge_cases(learner, ref):
    for data, fractions, seed in EDGE_CASES:
        _check(learner, ref, data, fractions, seed)


def random_data(rng):
    breeds = rng.sample(BREEDS, rng.randint(1, 5))
    rows = []
    for b in breeds:
        for i in range(rng.randint(1, 9)):
            rows.append((b, f"{b.lower()[:4]}-{rng.randint(0, 999):03d}-{i}", rng.randint(1, 4)))
    filenames, animals = catalogue(rows)
    order = list(range(len(filenames)))
    rng.shuffle(order)
    return [filenames[i] for i in order], [animals[i] for i in order]


FRACTIONS = [(0.8, 0.1, 0.1), (0.5, 0.25, 0.25), (0.6, 0.2, 0.2), (0.5, 0.0, 0.5), (0.7, 0.15, 0.15),
             (0.0, 0.5, 0.5), (1.0, 0.0, 0.0), (0.34, 0.33, 0.33)]


def test_keeps_animals_whole_and_stratifies_on_random_catalogues(learner, ref):
    for rng in cc.random_cases(30, seed=41):
        _check(learner, ref, random_data(rng), rng.choice(FRACTIONS), rng.randint(0, 10**6))


def test_the_same_seed_gives_the_same_split(learner):
    filenames, animals = catalogue([(b, f"{b}-{i}", 1 + i % 3) for b in BREEDS[:3] for i in range(6)])
    for seed in (0, 9):
        first = cc.call(learner.split_by_animal, filenames, animals, (0.6, 0.2, 0.2), seed)
        random.random()
        second = cc.call(learner.split_by_animal, filenames, animals, (0.6, 0.2, 0.2), seed)
        cc.expect(first == second, f"split_by_animal(..., (0.6, 0.2, 0.2), {seed}) returned different splits "
                  "on two calls; use rng = random.Random(seed)", expected=cc.show(first), actual=cc.show(second))


def test_different_seeds_give_different_splits(learner):
    filenames, animals = catalogue([("Bengal", f"cat{i}", 2) for i in range(12)])
    seen = {}
    for seed in range(4):
        parts = cc.call(learner.split_by_animal, filenames, animals, (0.5, 0.25, 0.25), seed)
        key = repr(parts)
        cc.expect(key not in seen, f"split_by_animal(12 Bengal cats, (0.5, 0.25, 0.25), seed) gave the same split for "
                  f"seeds {seen.get(key)} and {seed}; the seed must choose the animals",
                  expected="a different split for each seed", actual=cc.show(parts))
        seen[key] = seed


def test_leaves_the_global_random_state_alone(learner):
    filenames, animals = catalogue([("Sphynx", f"s{i}", 2) for i in range(8)])
    random.seed(5)
    before = random.random()
    random.seed(5)
    cc.call(learner.split_by_animal, filenames, animals, (0.5, 0.25, 0.25), 3)
    after = random.random()
    cc.expect(before == after, "split_by_animal(...) changed the global random generator (random.seed or "
              "random.shuffle); use a private random.Random(seed)",
              expected=f"random.random() after the call = {before!r}", actual=repr(after))


def test_rejects_mismatched_lengths_and_repeated_file_names(learner):
    fn = learner.split_by_animal
    cc.expect_raises(ValueError, fn, ["Bengal_1.jpg", "Bengal_2.jpg"], ["b1"], (0.8, 0.1, 0.1), 0)
    cc.expect_raises(ValueError, fn, ["Bengal_1.jpg"], ["b1", "b2"], (0.8, 0.1, 0.1), 0)
    cc.expect_raises(ValueError, fn, ["Bengal_1.jpg", "Bengal_1.jpg"], ["b1", "b1"], (0.8, 0.1, 0.1), 0)


def test_rejects_file_names_not_of_the_form_breed_number_extension(learner):
    fn = learner.split_by_animal
    for bad in ("Bengal_1", "Bengal.jpg", "_12.jpg", "Bengal_x.jpg", "Bengal_.jpg", "Bengal_1a.jpg"):
        cc.expect_raises(ValueError, fn, ["Sphynx_1.jpg", bad], ["s1", "b1"], (0.5, 0.0, 0.5), 0)


def test_rejects_an_animal_with_two_breeds(learner):
    cc.expect_raises(ValueError, learner.split_by_animal, ["Bengal_1.jpg", "Sphynx_1.jpg", "Sphynx_2.jpg"],
                     ["x", "x", "s1"], (0.5, 0.0, 0.5), 0)
    cc.expect_raises(ValueError, learner.split_by_animal, ["Bengal_1.jpg", "Bengal_2.jpg", "Sphynx_1.jpg"],
                     ["pet", "pet", "pet"], (0.5, 0.0, 0.5), 0)


def test_rejects_fractions_that_are_not_three_non_negative_numbers_summing_to_1(learner):
    fn = learner.split_by_animal
    data = ["Bengal_1.jpg", "Bengal_2.jpg"], ["b1", "b2"]
    for bad in ((0.8, 0.2), (0.5, 0.25, 0.25, 0.0), (0.8, 0.1, 0.2), (0.5, 0.2, 0.2), (1.2, -0.2, 0.0),
                (0.5, 0.6, -0.1), (0.25, 0.25, 0.25)):
        cc.expect_raises(ValueError, fn, *data, bad, 0)
