"""KL divergence between two discrete distributions.

p and q are lists of probabilities over the same outcomes. The
Kullback-Leibler divergence of q from p, in nats, is

    KL(p || q) = sum over k of p[k] * ln(p[k] / q[k])

with two rules for zero entries:
  - a term with p[k] = 0 is 0, whatever q[k] is (0 * ln 0 = 0);
  - a term with p[k] > 0 and q[k] = 0 makes the result math.inf.

    kl_divergence([0.5, 0.5], [0.9, 0.1])  ->  0.5108256237659907
    kl_divergence([1.0, 0.0], [0.5, 0.5])  ->  0.6931471805599453  (= ln 2)
    kl_divergence([0.5, 0.5], [1.0, 0.0])  ->  inf

Raise ValueError when the lists differ in length or are empty, when an entry
is negative, or when a list does not sum to 1 within 1e-6.
"""


def kl_divergence(p, q):
    """KL(p || q) in nats."""
    raise NotImplementedError("kl_divergence is not written yet")
