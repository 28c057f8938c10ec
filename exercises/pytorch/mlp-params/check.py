"""Checks mlp by its layers (an nn.Sequential of Linear and ReLU, in order)
and by what it computes (parameter shapes, count and output with the same
weights), count_parameters on models with frozen and shared parts and with
buffers, and hidden_width_for_budget, each against the reference."""

import torch
from torch import nn

import coursecheck as cc


def behaviour(build):
    """Wraps an mlp builder: what the model it builds computes."""

    def mlp(sizes):
        model = build(sizes)
        expect_module(model, sizes)
        g = torch.Generator().manual_seed(0)
        x = torch.randn(5, sizes[0], generator=g)
        params = list(model.parameters())
        with torch.no_grad():
            for p in params:  # the same weights on both sides
                p.copy_(torch.randn(p.shape, generator=g))
            y = model(x)
        return {
            "parameter shapes": [tuple(p.shape) for p in params],
            "parameters": sum(p.numel() for p in params),
            "output on 5 random inputs": y,
        }

    return mlp


def expect_module(model, sizes):
    cc.expect(isinstance(model, nn.Module), f"mlp({sizes}) should return an nn.Module",
              expected="an nn.Module (nn.Sequential)", actual=cc.show(model))


def model_for(rng):
    """A random small model, some of it frozen and sometimes a shared layer."""
    sizes = [rng.randint(1, 6) for _ in range(rng.randint(2, 4))]
    layers = []
    for a, b in zip(sizes, sizes[1:]):
        layers.append(nn.Linear(a, b, bias=rng.random() < 0.8))
        layers.append(nn.Tanh())
    if rng.random() < 0.3:
        layers.append(nn.LayerNorm(sizes[-1]))
    if rng.random() < 0.3:
        layers.append(nn.BatchNorm1d(sizes[-1]))  # two parameters, three buffers
    model = nn.Sequential(*layers)
    for p in model.parameters():
        if rng.random() < 0.3:
            p.requires_grad_(False)
    return model


def test_mlp_builds_linear_layers_with_relu_between(learner, ref):
    for sizes in ([1, 1], [4, 3], [4, 8, 3], [2, 16, 16, 1], [10, 1, 10]):
        cc.compare(behaviour(learner.mlp), behaviour(ref.mlp), sizes, rtol=1e-5, atol=1e-6)


def test_mlp_matches_the_reference_on_random_sizes(learner, ref):
    for rng in cc.random_cases(20, seed=5):
        sizes = [rng.randint(1, 12) for _ in range(rng.randint(2, 5))]
        cc.compare(behaviour(learner.mlp), behaviour(ref.mlp), sizes, rtol=1e-5, atol=1e-6)


def layers(build):
    """Wraps an mlp builder: the layers of the nn.Sequential it builds, in order."""

    def mlp(sizes):
        model = build(sizes)
        cc.expect(isinstance(model, nn.Sequential), f"mlp({sizes}) should return an nn.Sequential",
                  expected="nn.Sequential", actual=type(model).__name__)

        def describe(m):
            if isinstance(m, nn.Linear):
                return f"Linear({m.in_features}, {m.out_features}, bias={m.bias is not None})"
            return type(m).__name__

        return [describe(m) for m in model]

    return mlp


def test_mlp_is_a_sequential_of_linear_and_relu_layers(learner, ref):
    for sizes in ([4, 8, 3], [5, 1], [2, 16, 16, 1]):
        cc.compare(layers(learner.mlp), layers(ref.mlp), sizes)


def test_mlp_output_can_be_negative(learner):
    model = cc.call(learner.mlp, [3, 4, 2])
    expect_module(model, [3, 4, 2])
    with torch.no_grad():
        for p in model.parameters():
            p.fill_(-1.0)
        y = model(torch.ones(1, 3))
    cc.expect(bool((y < 0).all()), "with every weight -1 the output should be negative; "
              "is there a ReLU after the last layer?", expected="tensor([[-5., -5.]])", actual=cc.show(y))


def test_count_parameters_of_single_layers(learner, ref):
    for layer in (nn.Linear(3, 2), nn.Linear(3, 2, bias=False), nn.Conv2d(3, 8, 3), nn.Sequential(), nn.ReLU()):
        cc.compare(learner.count_parameters, ref.count_parameters, layer)


def test_count_parameters_skips_frozen_parameters(learner, ref):
    model = nn.Sequential(nn.Linear(4, 3), nn.ReLU(), nn.Linear(3, 2))
    for p in model[0].parameters():
        p.requires_grad_(False)
    cc.compare(learner.count_parameters, ref.count_parameters, model)


def test_count_parameters_leaves_out_buffers(learner, ref):
    # BatchNorm1d(3): weight and bias (6 numbers) are parameters; running_mean,
    # running_var and num_batches_tracked (7 numbers) are buffers.
    for model in (nn.BatchNorm1d(3), nn.Sequential(nn.Linear(2, 3), nn.BatchNorm1d(3), nn.ReLU(), nn.Linear(3, 1))):
        cc.compare(learner.count_parameters, ref.count_parameters, model)


def test_count_parameters_counts_a_shared_layer_once(learner, ref):
    shared = nn.Linear(3, 3)
    cc.compare(learner.count_parameters, ref.count_parameters, nn.Sequential(shared, nn.ReLU(), shared))


def test_count_parameters_matches_the_reference_on_random_models(learner, ref):
    for rng in cc.random_cases(20, seed=6):
        cc.compare(learner.count_parameters, ref.count_parameters, model_for(rng))


def test_count_parameters_agrees_with_mlp(learner, ref):
    got = cc.call(learner.count_parameters, ref.mlp([784, 128, 10]))
    cc.expect(got == 101770, "mlp([784, 128, 10]) has 784*128 + 128 + 128*10 + 10 = 101770 parameters",
              expected="101770", actual=cc.show(got))


def test_hidden_width_for_budget_on_edge_cases(learner, ref):
    # 11 * 10 + 11 * 1 = 121 parameters exactly fit h = 10 for (10, 1).
    for args in ((10, 1, 121), (10, 1, 120), (10, 1, 133), (1, 1, 4), (1, 1, 3), (3, 2, 0), (5, 5, 10**6)):
        cc.compare(learner.hidden_width_for_budget, ref.hidden_width_for_budget, *args)


def test_hidden_width_for_budget_matches_the_reference_on_random_budgets(learner, ref):
    for rng in cc.random_cases(25, seed=7):
        n_in, n_out = rng.randint(1, 100), rng.randint(1, 20)
        cc.compare(learner.hidden_width_for_budget, ref.hidden_width_for_budget,
                   n_in, n_out, rng.randint(0, 50_000))


def test_hidden_width_for_budget_fits_and_is_the_largest(learner, ref):
    for n_in, n_out, budget in ((8, 3, 500), (32, 10, 20_000)):
        h = cc.call(learner.hidden_width_for_budget, n_in, n_out, budget)
        size = lambda h: ref.count_parameters(ref.mlp([n_in, h, n_out]))
        cc.expect(isinstance(h, int) and h >= 1 and size(h) <= budget < size(h + 1),
                  f"hidden_width_for_budget({n_in}, {n_out}, {budget}) should be the largest h with at most "
                  f"{budget} parameters", actual=cc.show(h))
