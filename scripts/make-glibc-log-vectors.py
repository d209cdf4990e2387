"""Writes test/fixtures/glibc-log-vectors.json: inputs and glibc log() outputs as 64-bit patterns (hex).

Run on x86-64 Linux with glibc >= 2.28 on a CPU with FMA and AVX2 (glibc then uses __log_fma, the variant
numpy's normals saw when the make_blobs reference data was made):

    python3 scripts/make-glibc-log-vectors.py > test/fixtures/glibc-log-vectors.json

CPython's math.log(x) calls the C library's log() directly for finite x > 0.
"""
import json
import math
import platform
import random
import struct

rng = random.Random(20240601)


def bits(x):
    return struct.unpack("<Q", struct.pack("<d", x))[0]


def from_bits(b):
    return struct.unpack("<d", struct.pack("<Q", b))[0]


inputs = []
# The values legacy_gauss feeds to log: r2 = x1^2 + x2^2 in (0, 1).
for _ in range(1500):
    x1, x2 = 2 * rng.random() - 1, 2 * rng.random() - 1
    r2 = x1 * x1 + x2 * x2
    if 0 < r2 < 1:
        inputs.append(r2)
# The near-1 path: [1 - 2^-4, 1 + float.fromhex("0x1.09p-4")).
inputs += [1 + rng.uniform(-0.0625, 0.0647) for _ in range(600)]
inputs += [1 + rng.uniform(-1e-8, 1e-8) for _ in range(100)]
# Any positive normal double: random significand and biased exponent.
inputs += [from_bits((rng.randrange(1, 2047) << 52) | rng.getrandbits(52)) for _ in range(600)]
# Subnormals.
inputs += [from_bits(rng.getrandbits(52) >> rng.randrange(0, 52) or 1) for _ in range(150)]
# Interval edges.
inputs += [0.9375, math.nextafter(0.9375, 0), 1 + float.fromhex("0x1.09p-4"), math.nextafter(1 + float.fromhex("0x1.09p-4"), 0), 2.0, 0.5,
           2.2250738585072014e-308, 5e-324, 1.7976931348623157e308, math.e, 10.0]

header = {
    "what": "glibc log() on x86-64 (__log_fma): [input bits, output bits] as 16-digit hex",
    "made_by": "python3 scripts/make-glibc-log-vectors.py (math.log)",
    "libc": " ".join(platform.libc_ver()),
}
rows = [json.dumps([f"{bits(x):016x}", f"{bits(math.log(x)):016x}"]) for x in inputs]
print(json.dumps(header)[:-1] + ', "cases": [\n' + ",\n".join(rows) + "\n]}")
