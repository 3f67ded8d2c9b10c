"""Writes the tiny .npy fixtures of NumPyFileTests with NumPy itself (run from this folder).

The tests read these committed files and need no Python; rerun this only to change them.
"""
import numpy as np

features = np.array([[0, 1], [2, 3], [250, 7]])
for dtype, name in [("<f8", "f8"), ("<f4", "f4"), ("<i8", "i8"), ("<i4", "i4"), ("|u1", "u1")]:
    array = features.astype(dtype)
    for version in [(1, 0), (2, 0), (3, 0)]:
        with open(f"features-{name}-v{version[0]}.npy", "wb") as file:
            np.lib.format.write_array(file, array, version=version)

for dtype, name in [("<i8", "i8"), ("<i4", "i4"), ("|u1", "u1"), ("<f8", "f8")]:
    np.save(f"labels-{name}.npy", np.array([2, 0, 2]).astype(dtype))

np.save("fortran.npy", np.asfortranarray(features.astype("<f8")))
np.save("big-endian.npy", features.astype(">f8"))
np.save("complex.npy", features.astype("<c16"))
np.save("one-dimensional.npy", np.array([1.0, 2.0, 3.0]))
np.save("labels-fraction.npy", np.array([0.0, 1.5, 1.0]))
np.save("labels-two.npy", np.array([0, 1], dtype="<i8"))
with open("truncated.npy", "wb") as file:
    file.write(open("features-f8-v1.npy", "rb").read()[:-5])
