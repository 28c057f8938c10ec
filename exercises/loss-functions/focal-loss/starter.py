"""Class-weighted cross-entropy and focal loss.

Both take a batch of logits (a list of rows, one logit per class) and the
true class index of each row. Let l_i = -log softmax(logits[i])[targets[i]]
be the ordinary cross-entropy of row i and p_t = exp(-l_i) the probability
it gives its true class.

weighted_cross_entropy(logits, targets, weights) weights each row by the
weight of its true class and, like PyTorch's F.cross_entropy(weight=...),
divides by the sum of the weights used:

    sum_i weights[t_i] * l_i / sum_i weights[t_i]

focal_loss(logits, targets, gamma=2.0, alpha=None) down-weights easy rows:

    mean over i of  -alpha[t_i] * (1 - p_t) ** gamma * log(p_t)

with alpha[t_i] taken as 1 when alpha is None. gamma = 0 without alpha is
plain cross-entropy.

    weighted_cross_entropy([[2.0, 0.0], [2.0, 0.0]], [0, 1], [1.0, 3.0])  ->  1.6269...
    focal_loss([[2.0, 0.0], [2.0, 0.0]], [0, 1], gamma=2.0)               ->  0.8259...
    focal_loss([[2.0, 0.0], [2.0, 0.0]], [0, 1], gamma=0.0)               ->  1.1269...

Logits may be as large as ±1000. Raise ValueError for an empty batch, rows
and targets of different lengths, a target that is not a class index of its
row, weights (or alpha) whose length differs from the number of classes or
with a negative entry, weights that sum to 0 over the batch's targets, and a
negative gamma. A weight (or alpha) of 0 is allowed: it leaves its class out.
"""


def weighted_cross_entropy(logits, targets, weights):
    """Cross-entropy with per-class weights, normalised by the weights used."""
    raise NotImplementedError("weighted_cross_entropy is not written yet")


def focal_loss(logits, targets, gamma=2.0, alpha=None):
    """Mean focal loss: -alpha[t] * (1 - p_t)**gamma * log(p_t) over the rows."""
    raise NotImplementedError("focal_loss is not written yet")
