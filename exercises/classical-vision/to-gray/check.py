"""Checks to_gray against OpenCV (cv2.cvtColor) when it is installed, else
against OpenCV's own fixed-point formula, which gives the same pixels."""

import numpy as np

import coursecheck as cc

try:
    import cv2
except ImportError:
    cv2 = None


def to_gray(img):
    """The reference: what OpenCV gives."""
    if cv2 is not None:
        return cv2.cvtColor(np.ascontiguousarray(img), cv2.COLOR_RGB2GRAY)
    y = (img.astype(np.uint32) * np.array([9798, 19235, 3735], np.uint32)).sum(axis=2) + (1 << 14)
    return (y >> 15).astype(np.uint8)


def exactly(actual, expected):
    return cc.image_difference(actual, expected, max_abs=0)


def like_opencv(actual, expected):
    # A float formula rounded with np.rint agrees with OpenCV's fixed point on
    # all but 0.14% of colours, by 1; truncating differs on about half the
    # pixels, which a 60 dB PSNR floor rejects on images of 256+ pixels.
    return cc.image_difference(actual, expected, max_abs=1, min_psnr=60)


def image(rows):
    return np.array(rows, dtype=np.uint8)


def test_to_gray_of_black_white_and_primaries_matches_opencv(learner):
    img = image([[[0, 0, 0], [255, 255, 255], [255, 0, 0]],
                 [[0, 255, 0], [0, 0, 255], [128, 128, 128]]])
    cc.compare(learner.to_gray, to_gray, img, differ=exactly)


def test_to_gray_does_not_overflow_on_bright_pixels(learner):
    img = image([[[255, 255, 255], [250, 250, 250], [255, 255, 0], [0, 255, 255], [255, 0, 255]]])
    cc.compare(learner.to_gray, to_gray, img, differ=exactly)


def test_to_gray_rounds_to_the_nearest_integer_like_opencv(learner):
    # Luminances 29.9, 58.7, 0.57 and 81.76: truncation gives 29, 58, 0, 81.
    img = image([[[100, 0, 0], [0, 100, 0], [0, 0, 5], [250, 10, 10]]])
    cc.compare(learner.to_gray, to_gray, img, differ=exactly)


def test_to_gray_uses_the_rgb_channel_order(learner):
    # Red and blue have very different weights (0.299 and 0.114).
    img = image([[[200, 0, 0], [0, 0, 200]], [[200, 50, 10], [10, 50, 200]]])
    cc.compare(learner.to_gray, to_gray, img, differ=exactly)


def test_to_gray_keeps_the_image_shape_for_thin_images(learner):
    for shape in [(1, 1, 3), (1, 7, 3), (9, 1, 3)]:
        img = np.full(shape, 77, dtype=np.uint8)
        img[..., 0] = 200
        cc.compare(learner.to_gray, to_gray, img, differ=exactly)


def test_to_gray_accepts_a_view_of_a_larger_image(learner):
    big = np.arange(6 * 8 * 3, dtype=np.uint8).reshape(6, 8, 3) * 5
    cc.compare(learner.to_gray, to_gray, big[1:5, ::2], differ=exactly)


def test_to_gray_matches_opencv_on_random_images(learner):
    for rng in cc.random_cases(25, seed=4):
        img = rng.image(rng.randint(16, 48), rng.randint(16, 48))
        cc.compare(learner.to_gray, to_gray, img, differ=like_opencv)


def test_to_gray_rejects_images_without_three_channels(learner):
    cc.expect_raises(ValueError, learner.to_gray, np.zeros((4, 4), np.uint8))
    cc.expect_raises(ValueError, learner.to_gray, np.zeros((4, 4, 4), np.uint8))
    cc.expect_raises(ValueError, learner.to_gray, np.zeros((4, 4, 1), np.uint8))
