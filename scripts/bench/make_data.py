"""Seeded synthetic data sets for the speed comparison, written as NumPy .npy pairs.

    python3 scripts/bench/make_data.py [--out bench-data] [--sets NAME ...] [--seed 2024]

For each set NAME it writes OUT/NAME-X.npy (N×D float64, C order) and OUT/NAME-y.npy (N int64
labels 0…K−1), in class order (the trainers shuffle):

  cifar-like   N 49,000  D 3,072  K 10   the shape of CIFAR-10's training set as cs231n uses it
               (32×32×3 pixels, float64, the mean image subtracted). Each class has a template image
               made of a few smooth colour waves; an example is its class's template, a random mix
               of all templates (so the classes overlap), and pixel noise, rounded to 0…255 and then
               centred. A linear classifier with cs231n's settings reaches about 0.55–0.6 training
               accuracy in a few epochs, as on the real images.
  mid          N 100,000 D 100    K 10   standardized-scale Gaussian blobs (class means N(0, 0.3²)
               per feature, unit noise): many short rows.
  small-step   N 20,000  D 200    K 10   Gaussian blobs, the shape whose SGD steps are small (0.8 M
               multiply–adds each): where handing work to other threads costs the most.
  spiral       N 300     D 2      K 3    the cs231n spiral, 100 points per class: start-up cost only.

Memory: cifar-like is written a class at a time into a memory-mapped .npy, so the script needs
about one class of it (120 MB) besides the file.
"""
import argparse
import os

import numpy as np


def cifar_like(rng, out_x, n=49_000, side=32, channels=3, classes=10):
    d = side * side * channels
    rows, cols = np.meshgrid(np.arange(side), np.arange(side), indexing="ij")
    templates = np.empty((classes, side, side, channels))
    for c in range(classes):
        image = np.full((side, side, channels), 120.0)
        for _ in range(4):  # four colour waves of random direction, frequency and phase per class
            direction = rng.uniform(0, 2 * np.pi)
            frequency = rng.uniform(0.05, 0.4)
            phase = rng.uniform(0, 2 * np.pi)
            wave = np.cos(frequency * (np.cos(direction) * rows + np.sin(direction) * cols) + phase)
            image += wave[:, :, None] * rng.uniform(-25, 25, channels)
        templates[c] = image
    flat = templates.reshape(classes, d)
    deviations = flat - flat.mean(axis=0)  # what tells the classes apart
    y = np.arange(n) * classes // n
    x = np.lib.format.open_memmap(out_x, mode="w+", dtype=np.float64, shape=(n, d))
    total = np.zeros(d)
    for c in range(classes):
        members = np.flatnonzero(y == c)
        mixing = 0.5 * rng.standard_normal((len(members), classes))
        block = flat[c] + mixing @ deviations + 35.0 * rng.standard_normal((len(members), d))
        np.clip(np.rint(block), 0, 255, out=block)
        x[members] = block
        total += block.sum(axis=0)
    mean = total / n
    for c in range(classes):  # subtract the mean image, as cs231n does before training
        members = np.flatnonzero(y == c)
        x[members] -= mean
    x.flush()
    return y


def blobs(rng, n, d, k, spread):
    centres = spread * rng.standard_normal((k, d))
    y = np.arange(n) * k // n
    return centres[y] + rng.standard_normal((n, d)), y


def spiral(rng, per_class=100, k=3):
    x = np.empty((per_class * k, 2))
    y = np.repeat(np.arange(k), per_class)
    for c in range(k):
        radius = np.linspace(0.0, 1.0, per_class)
        angle = np.linspace(4 * c, 4 * (c + 1), per_class) + 0.2 * rng.standard_normal(per_class)
        x[c * per_class:(c + 1) * per_class] = np.c_[radius * np.sin(angle), radius * np.cos(angle)]
    return x, y


SETS = {
    "cifar-like": None,  # written straight to its file
    "mid": lambda rng: blobs(rng, 100_000, 100, 10, 0.3),
    "small-step": lambda rng: blobs(rng, 20_000, 200, 10, 0.3),
    "spiral": spiral,
}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", default="bench-data")
    parser.add_argument("--sets", nargs="*", choices=list(SETS), default=list(SETS))
    parser.add_argument("--seed", type=int, default=2024)
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    for index, name in enumerate(args.sets):
        rng = np.random.default_rng([args.seed, list(SETS).index(name)])
        x_path, y_path = (os.path.join(args.out, f"{name}-{part}.npy") for part in "Xy")
        if name == "cifar-like":
            y = cifar_like(rng, x_path)
            shape = (len(y), 3072)
        else:
            x, y = SETS[name](rng)
            np.save(x_path, np.ascontiguousarray(x, dtype=np.float64))
            shape = x.shape
        np.save(y_path, y.astype(np.int64))
        print(f"{name}: X {shape[0]}×{shape[1]} float64, {y.max() + 1} classes -> {x_path}, {y_path}")


if __name__ == "__main__":
    main()
