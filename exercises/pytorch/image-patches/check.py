"""Checks to_patches and from_patches against the reference on small images
whose patches are easy to read, non-square images, p = 1 and a single
patch, integer dtypes, random images; that sides which are not multiples of
p raise ValueError; that from_patches inverts to_patches; and that the
learner's file has no Python loop."""

import ast
import linecache

import torch

import coursecheck as cc

torch.set_num_threads(1)


def image(h, w, dtype=torch.int64):
    """An image whose pixel at (r, c) is 100*r + c: every value says where it came from."""
    r = torch.arange(h)[:, None] * 100
    c = torch.arange(w)[None, :]
    return (r + c).to(dtype)


def test_patches_of_a_4_by_4_image(learner, ref):
    cc.compare(learner.to_patches, ref.to_patches, image(4, 4), 2)


def test_patches_of_a_wide_image(learner, ref):
    cc.compare(learner.to_patches, ref.to_patches, image(4, 6), 2)
    cc.compare(learner.to_patches, ref.to_patches, image(6, 9), 3)


def test_patches_of_size_1_and_a_single_patch(learner, ref):
    cc.compare(learner.to_patches, ref.to_patches, image(3, 5), 1)
    cc.compare(learner.to_patches, ref.to_patches, image(4, 4), 4)


def test_patches_keep_the_dtype(learner, ref):
    g = torch.Generator().manual_seed(1)
    img = torch.randint(0, 256, (4, 6), generator=g, dtype=torch.uint8)
    cc.compare(learner.to_patches, ref.to_patches, img, 2)
    cc.compare(learner.to_patches, ref.to_patches, torch.rand(6, 4, generator=g, dtype=torch.float64), 2)


def test_sides_that_are_not_multiples_of_p_raise_value_error(learner):
    cc.expect_raises(ValueError, learner.to_patches, image(5, 4), 2)
    cc.expect_raises(ValueError, learner.to_patches, image(4, 5), 2)
    cc.expect_raises(ValueError, learner.to_patches, image(2, 2), 3)


def test_patches_match_the_reference_on_random_images(learner, ref):
    for rng in cc.random_cases(20, seed=31):
        g = torch.Generator().manual_seed(rng.getrandbits(32))
        p = rng.randint(1, 4)
        h, w = p * rng.randint(1, 4), p * rng.randint(1, 4)
        cc.compare(learner.to_patches, ref.to_patches, torch.rand(h, w, generator=g), p)


def test_from_patches_of_a_4_by_6_image(learner, ref):
    cc.compare(learner.from_patches, ref.from_patches, ref.to_patches(image(4, 6), 2), 4, 6)


def test_from_patches_inverts_to_patches_on_random_images(learner, ref):
    for rng in cc.random_cases(20, seed=32):
        g = torch.Generator().manual_seed(rng.getrandbits(32))
        p = rng.randint(1, 4)
        h, w = p * rng.randint(1, 4), p * rng.randint(1, 4)
        img = torch.rand(h, w, generator=g, dtype=torch.float64)
        cc.compare(learner.from_patches, ref.from_patches, ref.to_patches(img, p), h, w, rtol=0, atol=0)


def test_file_has_no_python_loop(learner):
    source = "".join(linecache.getlines(learner.__file__))
    names = {ast.For: "for", ast.AsyncFor: "for", ast.While: "while", ast.ListComp: "list comprehension",
             ast.SetComp: "set comprehension", ast.DictComp: "dict comprehension", ast.GeneratorExp: "generator expression"}
    loops = [f"a {names[type(n)]} at line {n.lineno}" for n in ast.walk(ast.parse(source)) if type(n) in names]
    cc.expect(not loops, "your file has a Python loop: " + ", ".join(loops) +
              "; use reshape and permute instead", input="your file",
              expected="no for, while or comprehension", actual=", ".join(loops))
