"""The NumPy side of the speed comparison: cs231n-style vectorized minibatch SGD of a linear
classifier, float64, with the settings of `swift run -c release benchmark train`.

    python3 scripts/bench/numpy_reference.py --x X.npy --y Y.npy [--loss svm|softmax] [--epochs 6]

Scores S = X_B·Wᵀ + b with W (K×D) drawn as 0.001·N(0, 1) and b = 0. Data loss: the mean over the
batch of the multiclass SVM hinge Σ_{j≠y} max(0, s_j − s_y + 1) or of the softmax cross-entropy
(max subtracted), plus reg·ΣW² (b not regularized), so dW = dSᵀ·X_B + 2·reg·W and db = Σᵢ dSᵢ.
Each epoch draws a permutation from a seeded generator and walks it in batches of 200 (the last
one short), with learning rate 1e-7 and reg 2.5e4, as cs231n's assignment 1 does.

Prints one JSON line: the seconds of each epoch (the loop only, not the loading), their median,
minimum and maximum after the first epoch (a warm-up), and the final training accuracy and loss,
which `benchmark train --json` prints under the same keys.
"""
import argparse
import json
import time

import numpy as np


def svm_loss_and_gradient(scores, labels):
    batch = np.arange(len(labels))
    correct = scores[batch, labels][:, None]
    margins = np.maximum(0.0, scores - correct + 1.0)
    margins[batch, labels] = 0.0
    active = (margins > 0).astype(np.float64)
    active[batch, labels] = -active.sum(axis=1)
    return margins.sum() / len(labels), active / len(labels)


def softmax_loss_and_gradient(scores, labels):
    batch = np.arange(len(labels))
    shifted = scores - scores.max(axis=1, keepdims=True)
    exponentials = np.exp(shifted)
    probabilities = exponentials / exponentials.sum(axis=1, keepdims=True)
    loss = -np.log(probabilities[batch, labels]).sum() / len(labels)
    probabilities[batch, labels] -= 1.0
    return loss, probabilities / len(labels)


LOSSES = {"svm": svm_loss_and_gradient, "softmax": softmax_loss_and_gradient}


def train(x, y, loss, epochs, batch_size, learning_rate, strength, seed):
    generator = np.random.default_rng(seed)
    classes = int(y.max()) + 1
    weights = 0.001 * generator.standard_normal((classes, x.shape[1]))
    bias = np.zeros(classes)
    seconds = []
    for _ in range(epochs):
        start = time.perf_counter()
        order = generator.permutation(len(y))
        for first in range(0, len(y), batch_size):
            rows = order[first:first + batch_size]
            x_batch = x[rows]
            _, scores_gradient = loss(x_batch @ weights.T + bias, y[rows])
            weights -= learning_rate * (scores_gradient.T @ x_batch + 2.0 * strength * weights)
            bias -= learning_rate * scores_gradient.sum(axis=0)
        seconds.append(time.perf_counter() - start)
    return weights, bias, seconds


def blas():
    """The BLAS NumPy uses and its threads, when threadpoolctl is installed."""
    try:
        from threadpoolctl import threadpool_info
    except ImportError:
        return None
    return [{key: pool.get(key) for key in ("internal_api", "version", "architecture", "num_threads")}
            for pool in threadpool_info() if pool.get("user_api") == "blas"]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--x", required=True)
    parser.add_argument("--y", required=True)
    parser.add_argument("--loss", choices=sorted(LOSSES), default="svm")
    parser.add_argument("--epochs", type=int, default=6)
    parser.add_argument("--batch", type=int, default=200)
    parser.add_argument("--lr", type=float, default=1e-7)
    parser.add_argument("--reg", type=float, default=2.5e4)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    x = np.ascontiguousarray(np.load(args.x), dtype=np.float64)
    y = np.load(args.y).astype(np.int64)
    loss = LOSSES[args.loss]
    weights, bias, seconds = train(x, y, loss, args.epochs, args.batch, args.lr, args.reg, args.seed)
    scores = x @ weights.T + bias
    data_loss, _ = loss(scores, y)
    timed = seconds[1:] if len(seconds) > 1 else seconds
    print(json.dumps({
        "impl": "numpy", "loss": args.loss, "n": len(y), "d": x.shape[1], "k": weights.shape[0],
        "epochs": args.epochs, "batch": args.batch, "lr": args.lr, "reg": args.reg,
        "epoch_seconds": [round(s, 5) for s in seconds],
        "median_s": float(np.median(timed)), "min_s": min(timed), "max_s": max(timed),
        "train_accuracy": float(np.mean(scores.argmax(axis=1) == y)),
        "final_loss": float(data_loss + args.reg * np.sum(weights * weights)),
        "numpy": np.__version__, "blas": blas(),
    }))


if __name__ == "__main__":
    main()
