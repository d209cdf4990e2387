#!/usr/bin/env python3
"""Writes test/fixtures/python-number-vectors.json: Python's own float formatting of many doubles.

The TypeScript port in src/format/python-number.ts must print exactly what Python prints, so its tests
compare against this file. Re-run after changing the case list:

    python3 scripts/make-python-number-vectors.py > test/fixtures/python-number-vectors.json

Doubles travel as repr() strings, which read back exactly in JavaScript (`Number(text)`).
"""
import json
import math
import random
import struct
import sys

FIXED_DIGITS = [0, 1, 2, 4, 6]
EXP_DIGITS = [0, 2, 4]

HAND_PICKED = [
    0.0, -0.0, 0.5, 1.5, 2.5, 3.5, -2.5, 0.125, 0.375, 0.03125, -0.03125, 0.0625, 1.0 / 3.0, 0.1, 0.2,
    0.3, 0.7, 0.87261, 0.8726, 1.3877, 0.00123, 0.001, -0.001, 0.0010001, 0.000999, 0.00099999,
    0.00012345, 1.2345e-4, 9.99995, 0.99995, 9.5, 99.5, 0.05, 0.15, 0.25, 0.35, 0.45, 123456789.125,
    1e-7, 1e-5, 1e-4, 1e-3, 1e15, 1e16, 1e17, 1e22, 1e23, 1e100, 1e300, 1.7976931348623157e308,
    2.2250738585072014e-308, 5e-324, 1.5e-323, 123.456, -987.654321, 0.999999, 999999.5, 1234567.0,
    math.pi, math.e, 0.145, 1.005, 2.675, float("nan"), float("inf"), float("-inf"),
]


def as_float32(x):
    return struct.unpack("<f", struct.pack("<f", x))[0]


def random_cases(rng):
    out = []
    for _ in range(150):  # everyday magnitudes, both signs
        out.append(rng.choice([-1, 1]) * 10 ** rng.uniform(-12, 12))
    for _ in range(100):  # dyadic rationals: many exact ties at 0-6 decimals
        out.append(rng.randint(-4000, 4000) / 2 ** rng.randint(0, 12))
    for _ in range(100):  # float32 values, as Keras metrics are
        out.append(as_float32(rng.uniform(0, 3)))
    for _ in range(60):  # arbitrary finite bit patterns, subnormals included
        while True:
            x = struct.unpack("<d", rng.getrandbits(64).to_bytes(8, "little"))[0]
            if math.isfinite(x):
                out.append(x)
                break
    return out


def keras_metric(v, signed=False):
    magnitude = v if signed else abs(v)
    return f"{v:.4f}" if magnitude > 1e-3 else f"{v:.4e}"


def case(x):
    return {
        "x": repr(x),
        "fixed": [f"{x:.{d}f}" for d in FIXED_DIGITS],
        "exp": [f"{x:.{d}e}" for d in EXP_DIGITS],
        "repr": repr(x),
        "keras": keras_metric(x),
        "kerasSigned": keras_metric(x, signed=True),
    }


def main():
    rng = random.Random(20261128)
    values = HAND_PICKED + random_cases(rng)
    ints = [0, 7, 999, 1000, -1000, 529, 1234567, -9876543210, 2**53 - 1]
    ints += [rng.randint(-10**12, 10**12) for _ in range(40)]
    doc = {
        "generator": "scripts/make-python-number-vectors.py",
        "python": sys.version.split()[0],
        "fixedDigits": FIXED_DIGITS,
        "expDigits": EXP_DIGITS,
        "cases": [case(x) for x in values],
        "thousands": [{"n": n, "text": f"{n:,}"} for n in ints],
    }
    # One case per line keeps the file readable and its diffs small.
    head = {k: v for k, v in doc.items() if k not in ("cases", "thousands")}
    lines = [json.dumps(head)[:-1] + ","]
    for key in ("cases", "thousands"):
        items = ",\n".join(json.dumps(item) for item in doc[key])
        lines.append(f'"{key}": [\n{items}\n]' + ("," if key == "cases" else ""))
    sys.stdout.write("\n".join(lines) + "}\n")


if __name__ == "__main__":
    main()
