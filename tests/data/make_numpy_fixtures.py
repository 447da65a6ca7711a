# Regenerates the .npz fixtures that tests/engine/test_npz.cpp checks against (known contents).
# Run with Debian's interpreter: /usr/bin/python3 tests/data/make_numpy_fixtures.py
import os
import numpy as np

here = os.path.dirname(os.path.abspath(__file__))
arrays = {
    "f32": np.arange(6, dtype="<f4").reshape(2, 3) / 4,          # i / 4
    "f64": np.arange(5, dtype="<f8") * -1.5,                      # i * -1.5
    "i32": np.arange(24, dtype="<i4").reshape(2, 3, 4) - 7,       # i - 7
    "i64": np.arange(4, dtype="<i8") * 10**12,                    # i * 1e12
    "b1": np.arange(5) % 2 == 0,                                  # i even
    "scalar": np.array(2.5),                                      # 0-d float64
    "empty": np.zeros((0, 3), dtype="<i4"),
    "fortran": np.asfortranarray(np.arange(6, dtype="<f8").reshape(2, 3)),  # fortran_order True
    "big_endian": (np.arange(3) + 100).astype(">i4"),             # i + 100, stored as >i4
    "predictor/l1/W": np.arange(6, dtype="<f4").reshape(3, 2),    # a nested key
}
np.savez(os.path.join(here, "numpy_savez.npz"), **arrays)
np.savez_compressed(os.path.join(here, "numpy_savez_compressed.npz"), **arrays)
