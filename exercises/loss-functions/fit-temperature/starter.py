"""Temperature scaling for a binary classifier, fitted on validation data.

logits[i] is the model's logit for class 1 (the number before the sigmoid),
labels[i] is 0 or 1. Temperature scaling divides every logit by one number
T > 0. The loss of T is the mean binary cross-entropy (natural log) of
sigmoid(z / T) against the labels:

    loss(T) = mean over i of -( y ln sigmoid(z / T) + (1 - y) ln(1 - sigmoid(z / T)) )

Return the T in [0.05, 20] with the lowest loss, within 1e-4 of the exact
minimiser (the checker's reference solves for it to 1e-12). When the lowest
loss on [0.05, 20] is at an end of the interval, return that end. When every
logit is 0, the loss is ln 2 for every T: return 1.0. Logits can be large
(|z| up to 1000, so z / T up to 20000): compute the loss without overflow.

    fit_temperature([4.0, -4.0, 2.0, -2.0, 6.0], [1, 0, 0, 1, 1])  ->  3.2233 (within 1e-4)
    fit_temperature([3.0, -3.0], [1, 0])                            ->  0.05 (the end: always right)
    fit_temperature([0.0, 0.0], [1, 0])                             ->  1.0

Raise ValueError when the lists differ in length or are empty, or when a
label is not 0 or 1.
"""


def fit_temperature(logits, labels):
    """The temperature T in [0.05, 20] that minimises the mean log loss."""
    raise NotImplementedError("fit_temperature is not written yet")
