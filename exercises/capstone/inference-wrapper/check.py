"""Checks the pet classifier's inference wrapper against the eager model.

The model is torchvision's ResNet-18 (weights=None, num_classes=37, seeded,
with BatchNorm statistics and a head that training would have moved),
scripted and saved in training mode, as a file saved straight after training
is. load_model must put it in eval mode; preprocess must follow the stated
resize, centre crop and ImageNet normalisation exactly; predict must run
without autograd and return the top k by the softmax, ties in increasing
class index. Images are small (32-64 pixels, crop 32) and torch uses one
thread, so the check stays fast.

The tolerance, 1e-5 on probabilities and on preprocessed values, is float32
round-off with a margin: float32 keeps about 7 significant digits, and
computing the same pipeline in another order (dividing by 255 before or after
the resize, fusing the normalisation, TorchScript instead of eager) moves
inputs and logits by about 1e-6 at most, which softmax does not enlarge
(no derivative of a softmax output exceeds 1/4). Every real preprocessing
error tried (a crop one pixel off, no normalisation, BGR order, a squashed
aspect ratio) moves some probability by more than 1e-3 here."""

import atexit
import os
import shutil
import tempfile

import torch
import torchvision
from torch import nn

import coursecheck as cc

torch.set_num_threads(1)
# Run TorchScript without the profiling executor's re-optimisation on every
# new batch shape: the same results, seconds faster for a short check.
torch._C._set_graph_executor_optimize(False)
TOL = 1e-5
CLASSES = ["Abyssinian", "American Bulldog", "American Pit Bull Terrier", "Basset Hound", "Beagle", "Bengal",
           "Birman", "Bombay", "Boxer", "British Shorthair", "Chihuahua", "Egyptian Mau", "English Cocker Spaniel",
           "English Setter", "German Shorthaired", "Great Pyrenees", "Havanese", "Japanese Chin", "Keeshond",
           "Leonberger", "Maine Coon", "Miniature Pinscher", "Newfoundland", "Persian", "Pomeranian", "Pug",
           "Ragdoll", "Russian Blue", "Saint Bernard", "Samoyed", "Scottish Terrier", "Shiba Inu", "Siamese",
           "Sphynx", "Staffordshire Bull Terrier", "Wheaten Terrier", "Yorkshire Terrier"]
FOLDER = tempfile.mkdtemp(prefix="pets-check-", dir=os.getcwd())  # inside the check's own folder, removed with it
atexit.register(shutil.rmtree, FOLDER, True)
_CACHE = {}


def pets_model():
    """(eager model in eval mode, path of its TorchScript saved in training mode)."""
    if "pets" not in _CACHE:
        torch.manual_seed(0)
        model = torchvision.models.resnet18(weights=None, num_classes=37)
        with torch.no_grad():
            for m in model.modules():
                if isinstance(m, nn.BatchNorm2d):
                    m.running_mean.copy_(torch.randn(m.num_features) * 0.2)
                    m.running_var.copy_(torch.rand(m.num_features) + 0.5)
            model.fc.weight.mul_(20)
        path = os.path.join(FOLDER, "pets_resnet18.ts")
        torch.jit.save(torch.jit.script(model.train()), path)
        _CACHE["pets"] = (model.eval(), path)
    return _CACHE["pets"]


def loaded_pets(ref):
    """The saved pets model as the reference load_model returns it (loaded once)."""
    if "loaded" not in _CACHE:
        _CACHE["loaded"] = ref.load_model(pets_model()[1])
    return _CACHE["loaded"]


def eager_rows(ref, spec):
    """[{label: probability}] of every class for each image of spec, by the eager model (one batch)."""
    key = ("rows", spec["seed"], tuple(spec["sizes"]), spec["resize"], spec["crop"])
    if key not in _CACHE:
        eager, _ = pets_model()
        rows = ref.predict(eager, CLASSES, imgs(spec["sizes"], spec["seed"]), 37, spec["resize"], spec["crop"])
        _CACHE[key] = [dict(row) for row in rows]
    return _CACHE[key]


class Spec(dict):
    """The input of one predict call; its repr is what the learner reads."""

    def __repr__(self):
        sizes = ", ".join(f"{h}x{w}" for h, w in self["sizes"])
        if self.get("defaults"):
            return f"<{len(self['sizes'])} uint8 RGB image(s) of (H x W) {sizes}, seed {self['seed']}; no k, resize or crop given>"
        return (f"<{len(self['sizes'])} uint8 RGB image(s) of (H x W) {sizes}, seed {self['seed']}; "
                f"k={self['k']}, resize={self['resize']}, crop={self['crop']}>")


def images_for(sizes, seed):
    g = torch.Generator().manual_seed(seed)
    return [torch.randint(0, 256, (3, h, w), generator=g, dtype=torch.uint8) for h, w in sizes]


class Images(list):
    """A list of images that shows as their sizes."""

    def __repr__(self):
        return "[" + ", ".join(f"uint8 tensor (3, {t.shape[1]}, {t.shape[2]})" for t in self) + "]"


def imgs(sizes, seed):
    return Images(images_for(sizes, seed))


# preprocess -------------------------------------------------------------

PRE_EDGE = [
    ([(32, 32)], 32, 32, 1),        # already the size: resize and crop change nothing
    ([(40, 57)], 36, 32, 2),        # wide: 36 x int(36 * 57 / 40) = 36 x 51, crop from column round(9.5) = 10
    ([(57, 40)], 36, 32, 3),        # tall: 51 x 36
    ([(45, 50)], 37, 32, 4),        # margins of 5 and int(37*50/45) - 32 = 9: rows from round(2.5) = 2 (not 3)
    ([(33, 61)], 33, 32, 5),        # long side int(33 * 61 / 33) = 61; margins 1 and 29 -> round(0.5) = 0, round(14.5) = 14
    ([(64, 64), (33, 47), (50, 35)], 40, 32, 6),   # a batch of mixed sizes
    ([(3, 7)], 34, 32, 7),          # a tiny image is enlarged
    ([(50, 50)], 35, 32, 8),        # margin 3: rows and columns from round(1.5) = 2 (not 3 // 2 = 1)
]


def test_preprocess_matches_the_stated_pipeline_on_edge_cases(learner, ref):
    for sizes, resize, crop, seed in PRE_EDGE:
        cc.compare(learner.preprocess, ref.preprocess, imgs(sizes, seed), resize, crop, rtol=0, atol=TOL)


def test_preprocess_defaults_to_resize_256_and_crop_224(learner, ref):
    cc.compare(learner.preprocess, ref.preprocess, imgs([(60, 90)], 8), rtol=0, atol=TOL)


def test_preprocess_matches_on_random_images(learner, ref):
    for rng in cc.random_cases(20, seed=21):
        n = rng.randint(1, 3)
        sizes = [(rng.randint(20, 64), rng.randint(20, 64)) for _ in range(n)]
        crop = rng.randint(16, 40)
        resize = crop + rng.randint(0, 9)
        cc.compare(learner.preprocess, ref.preprocess, imgs(sizes, rng.randint(0, 10**6)), resize, crop,
                   rtol=0, atol=TOL)


def test_preprocess_returns_float32_of_shape_n_3_crop_crop(learner):
    x = cc.call(learner.preprocess, imgs([(40, 50), (50, 40)], 9), 36, 32)
    cc.expect(isinstance(x, torch.Tensor) and x.dtype == torch.float32 and tuple(x.shape) == (2, 3, 32, 32),
              "preprocess(two images, resize=36, crop=32) should return a float32 tensor of shape (2, 3, 32, 32)",
              expected="torch.float32, (2, 3, 32, 32)",
              actual=f"{getattr(x, 'dtype', type(x).__name__)}, {tuple(getattr(x, 'shape', ()))}")


def test_preprocess_rejects_empty_input_a_crop_larger_than_resize_and_non_images(learner):
    fn = learner.preprocess
    cc.expect_raises(ValueError, fn, [], 36, 32)
    cc.expect_raises(ValueError, fn, imgs([(40, 40)], 1), 32, 36)
    good = images_for([(40, 40)], 1)[0]
    for bad in (good.permute(1, 2, 0).contiguous(), good[:1], good.to(torch.float32), good[0]):
        cc.expect_raises(ValueError, fn, [bad], 36, 32)


# load_model -------------------------------------------------------------

class Small(nn.Module):
    """A tiny classifier with BatchNorm and Dropout, for load_model's cases."""

    def __init__(self, classes: int, width: int, p: float):
        super().__init__()
        self.conv = nn.Conv2d(3, width, 3, padding=1)
        self.bn = nn.BatchNorm2d(width)
        self.drop = nn.Dropout(p)
        self.fc = nn.Linear(width, classes)

    def forward(self, x):
        return self.fc(self.drop(torch.relu(self.bn(self.conv(x))).mean((2, 3))))


class SmallSpec(dict):
    def __repr__(self):
        return (f"<a TorchScript file of a small CNN (Conv2d(3, {self['width']}), BatchNorm2d, ReLU, "
                f"Dropout({self['p']}), Linear to {self['classes']} classes) saved in training mode; seed {self['seed']}>")


def small(spec):
    torch.manual_seed(spec["seed"])
    m = Small(spec["classes"], spec["width"], spec["p"])
    with torch.no_grad():
        m.bn.running_mean.copy_(torch.randn(spec["width"]))
        m.bn.running_var.copy_(torch.rand(spec["width"]) + 0.5)
    return m


def scripted_small(spec):
    """small(spec) scripted, in training mode (one compilation per shape, new weights each time)."""
    key = ("small", spec["classes"], spec["width"], spec["p"])
    if key not in _CACHE:
        _CACHE[key] = torch.jit.script(small(spec))
    m = _CACHE[key]
    m.load_state_dict(small(spec).state_dict())
    return m.train()


def small_inputs(spec):
    g = torch.Generator().manual_seed(spec["seed"] + 1)
    return torch.randn(3, 3, 8, 8, generator=g)


def learner_loaded(fn):
    def load_model(spec):
        path = os.path.join(FOLDER, f"small-{spec['seed']}.ts")
        torch.jit.save(scripted_small(spec), path)
        m = fn(path)
        cc.expect(isinstance(m, torch.jit.ScriptModule), "load_model(path) should return the module torch.jit.load returns",
                  expected="a torch.jit.ScriptModule", actual=type(m).__name__)
        with torch.no_grad():
            return m(small_inputs(spec))
    return load_model


def eager_small():
    def load_model(spec):
        with torch.no_grad():
            return small(spec).eval()(small_inputs(spec))
    return load_model


SMALL_EDGE = [SmallSpec(seed=1, classes=37, width=8, p=0.5), SmallSpec(seed=2, classes=3, width=4, p=0.2)]


def test_load_model_returns_the_module_in_eval_mode(learner):
    _, path = pets_model()
    m = cc.call(learner.load_model, path)
    cc.expect(isinstance(m, torch.jit.ScriptModule), "load_model(path) should return the module torch.jit.load returns",
              expected="a torch.jit.ScriptModule", actual=type(m).__name__)
    training = [name or "the model" for name, sub in m.named_modules() if sub.training]
    cc.expect(not training, "load_model(pets_resnet18.ts, saved in training mode) should return the module in eval "
              "mode (model.eval()); a scripted module keeps the training flag it was saved with, and these "
              "modules are still training", expected="[]", actual=cc.show(training[:8]))


def test_load_model_gives_the_eager_eval_outputs(learner):
    for spec in SMALL_EDGE:
        cc.compare(learner_loaded(learner.load_model), eager_small(), spec, rtol=0, atol=TOL)


def test_load_model_gives_the_eager_eval_outputs_on_random_models(learner):
    for rng in cc.random_cases(20, seed=22):
        spec = SmallSpec(seed=rng.randint(0, 10**6), classes=rng.choice([3, 37]), width=rng.choice([4, 8]),
                         p=rng.choice([0.2, 0.5]))
        cc.compare(learner_loaded(learner.load_model), eager_small(), spec, rtol=0, atol=TOL)


# predict ----------------------------------------------------------------

def learner_predicted(learner, ref):
    def predict(spec):
        model = loaded_pets(ref)
        args = (model, CLASSES, imgs(spec["sizes"], spec["seed"]))
        if spec.get("defaults"):
            return learner.predict(*args)
        if spec["k"] is None:
            return learner.predict(*args, resize=spec["resize"], crop=spec["crop"])
        return learner.predict(*args, spec["k"], spec["resize"], spec["crop"])
    return predict


def eager_predicted(ref):
    def predict(spec):
        k = spec["k"] or 5
        return [sorted(row.items(), key=lambda item: (-item[1], CLASSES.index(item[0])))[:k]
                for row in eager_rows(ref, spec)]
    return predict


def predict_differ(spec, ref):
    def differ(actual, expected):
        where = repr(spec)
        cc.expect(isinstance(actual, list) and len(actual) == len(expected),
                  f"predict({where}) should return a list with one entry per image ({len(expected)})",
                  expected=cc.show(expected, 300), actual=cc.show(actual, 300))
        for n, (got, want) in enumerate(zip(actual, expected)):
            cc.expect(isinstance(got, list) and len(got) == len(want)
                      and all(isinstance(p, tuple) and len(p) == 2 for p in got),
                      f"predict({where}): image {n} should get a list of {len(want)} (label, probability) tuples",
                      expected=cc.show(want, 300), actual=cc.show(got, 300))
            ref_p = dict(want)
            labels = [label for label, _ in got]
            cc.expect(len(set(labels)) == len(labels), f"predict({where}): image {n} lists a label twice",
                      expected=cc.show(want, 300), actual=cc.show(got, 300))
            for j, (label, p) in enumerate(got):
                cc.expect(type(p) is float, f"predict({where}): image {n}, entry {j}: the probability should be a Python "
                          "float (.tolist() or float(...)), not a tensor or numpy number",
                          expected="float", actual=type(p).__name__)
                cc.expect(label in CLASSES, f"predict({where}): image {n}, entry {j}: {label!r} is not one of the class "
                          "names; return classes[i], not the index", expected=cc.show(want[j]), actual=cc.show((label, p)))
            full = eager_rows(ref, spec)[n]
            for j, (label, p) in enumerate(got):
                cc.expect(abs(p - full[label]) <= TOL,
                          f"predict({where}): image {n}, entry {j}: {label!r} has probability {full[label]:.7f} in the "
                          f"eager model in eval mode, not {p:.7f} (tolerance {TOL}); check the preprocessing, eval "
                          "mode and the softmax over the class dimension",
                          expected=cc.show(want, 300), actual=cc.show(got, 300))
                cc.expect(abs(full[label] - want[j][1]) <= TOL,
                          f"predict({where}): image {n}, entry {j} should be the {j + 1}. most probable class, "
                          f"{want[j][0]!r} ({want[j][1]:.7f}); got {label!r} ({full[label]:.7f}): sort by "
                          "probability, largest first", expected=cc.show(want, 300), actual=cc.show(got, 300))
        return None
    return differ


PREDICT_EDGE = [
    Spec(sizes=[(40, 52)], seed=1, k=5, resize=36, crop=32),                       # a batch of one
    Spec(sizes=[(40, 52), (64, 33), (32, 32), (45, 50)], seed=2, k=5, resize=37, crop=32),  # a batch of four
    Spec(sizes=[(48, 40)], seed=3, k=1, resize=40, crop=32),
    Spec(sizes=[(36, 36), (50, 60)], seed=4, k=37, resize=36, crop=32),           # every class
    Spec(sizes=[(44, 38)], seed=5, k=None, resize=36, crop=32),                    # k defaults to 5
]


def test_predict_matches_the_eager_model_on_batches_of_1_and_n(learner, ref):
    for spec in PREDICT_EDGE:
        cc.compare(learner_predicted(learner, ref), eager_predicted(ref), spec, differ=predict_differ(spec, ref))


def test_predict_defaults_to_k_5_resize_256_and_crop_224(learner, ref):
    spec = Spec(sizes=[(60, 90)], seed=6, k=5, resize=256, crop=224, defaults=True)
    cc.compare(learner_predicted(learner, ref), eager_predicted(ref), spec, differ=predict_differ(spec, ref))


def test_predict_matches_the_eager_model_on_random_images(learner, ref):
    for rng in cc.random_cases(20, seed=23):
        sizes = [(rng.randint(24, 64), rng.randint(24, 64)) for _ in range(rng.randint(1, 3))]
        spec = Spec(sizes=sizes, seed=rng.randint(0, 10**6), k=rng.randint(1, 37), resize=rng.randint(32, 40), crop=32)
        cc.compare(learner_predicted(learner, ref), eager_predicted(ref), spec, differ=predict_differ(spec, ref))


def test_predict_gives_an_image_the_same_answer_alone_and_in_a_batch(learner, ref):
    model = loaded_pets(ref)
    images = imgs([(40, 52), (64, 33), (50, 50)], 11)
    together = cc.call(learner.predict, model, CLASSES, images, 3, 36, 32)
    for n, image in enumerate(images):
        alone = cc.call(learner.predict, model, CLASSES, Images([image]), 3, 36, 32)[0]
        same = [a[0] for a in alone] == [t[0] for t in together[n]] and all(
            abs(a[1] - t[1]) <= TOL for a, t in zip(alone, together[n]))
        cc.expect(same, f"predict: image {n} of a batch of 3 gets {cc.show(together[n])}, alone "
                  f"{cc.show(alone)}; in eval mode an image's answer must not depend on the others",
                  expected=cc.show(alone), actual=cc.show(together[n]))


class Fixed(nn.Module):
    """Returns the same logits for every image; refuses to run with autograd on."""

    def __init__(self, logits: torch.Tensor):
        super().__init__()
        self.register_buffer("logits", logits)

    def forward(self, x):
        if torch.is_grad_enabled():
            raise RuntimeError("the model was called with autograd enabled")
        return self.logits.unsqueeze(0).expand(x.shape[0], -1) + 0.0 * x.mean()


def fixed(logits):
    return torch.jit.script(Fixed(torch.tensor(logits, dtype=torch.float32)).eval())


def test_predict_runs_the_model_without_autograd(learner):
    model = fixed([0.0, 1.0, 2.0])
    try:
        learner.predict(model, ["a", "b", "c"], imgs([(34, 34)], 12), 2, 32, 32)
    except RuntimeError as e:
        if "autograd enabled" in str(e):
            cc.expect(False, "predict called the model with autograd on; run it inside `with torch.inference_mode():` "
                      "(or torch.no_grad()), so no graph is recorded", expected="torch.is_grad_enabled() is False "
                      "inside the model", actual="True")
        raise


def test_predict_orders_equal_probabilities_by_class_index(learner):
    names = ["a", "b", "c", "d", "e", "f"]
    model = fixed([2.0, 5.0, 5.0, 1.0, 5.0, 2.0])
    got = cc.call(learner.predict, model, names, imgs([(34, 34), (40, 36)], 13), 5, 32, 32)
    want = ["b", "c", "e", "a", "f"]
    for row in got:
        cc.expect([label for label, _ in row] == want,
                  "predict with logits [2, 5, 5, 1, 5, 2] for classes a-f and k=5: b, c and e tie, then a and f; "
                  "equal probabilities go in increasing class index", expected=cc.show(want), actual=cc.show(row))


def test_predict_rejects_k_outside_1_to_the_number_of_classes(learner, ref):
    model = loaded_pets(ref)
    for k in (0, 38, -1):
        cc.expect_raises(ValueError, learner.predict, model, CLASSES, imgs([(34, 34)], 14), k, 32, 32)
