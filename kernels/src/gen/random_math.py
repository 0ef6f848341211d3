#!/usr/bin/env python3
"""Prints the polynomial coefficients of gpu4j's own transcendental functions (org.gpu4j.random.RandomMath and the
identical code in random.cl / random.cu), as hexadecimal floating-point literals that C99, OpenCL C, CUDA and Java
all read to the same value.

Why own functions: Box-Muller normals and exponentials need log, sin and cos; each backend's math library rounds
them differently (OpenCL allows 3-4 ulp), so the same seed would give different normals on the cpu backend, PoCL
and CUDA. These functions use only IEEE-exact operations (+, -, *, fma, integer and bit operations, int->float
conversion, and for double the correctly rounded sqrt), in the same order in all three dialects, so every backend
computes the same bits.

Fits (mpmath.chebyfit, Chebyshev interpolation then monomial form, near-minimax), rounded to the working type:
  log:  log(1+f) = f + f^2 R(f), R(f) = (log1p(f) - f) / f^2 on f in [sqrt(1/2) - 1, sqrt(2) - 1]
  sin:  sin(pi/2 x) = x S(x^2),  S(y) = sin(pi/2 sqrt y) / sqrt y   on y = x^2 in [0, 1/4]
  cos:  cos(pi/2 x) = C(x^2),    C(y) = cos(pi/2 sqrt y)            on y in [0, 1/4]
  exp:  exp(r) = 1 + r + r^2 E(r), E(r) = (exp(r) - 1 - r) / r^2    on r in [-ln2/2, ln2/2]  (monte-carlo sample)
Coefficients are printed lowest degree first; the code evaluates them by Horner's rule with fma, highest first.

Run:  python3 kernels/src/gen/random_math.py      (needs mpmath and numpy)
"""
import mpmath as mp
import numpy as np

mp.mp.dps = 60
HP = mp.pi / 2


def R(f):
    return mp.mpf(-0.5) if f == 0 else (mp.log1p(f) - f) / f ** 2


def S(y):
    return HP if y == 0 else mp.sin(HP * mp.sqrt(y)) / mp.sqrt(y)


def C(y):
    return mp.cos(HP * mp.sqrt(y))


def E(r):
    return mp.mpf(0.5) if r == 0 else (mp.exp(r) - 1 - r) / r ** 2


LOG_IV = [mp.sqrt(0.5) - 1, mp.sqrt(2) - 1]
TRIG_IV = [0, mp.mpf(0.25)]
EXP_IV = [-mp.log(2) / 2, mp.log(2) / 2]

# name, function, interval, number of coefficients for float, for double
FITS = [
    ("LOG", R, LOG_IV, 10, 21),
    ("SIN", S, TRIG_IV, 4, 8),
    ("COS", C, TRIG_IV, 5, 8),
    ("EXP", E, EXP_IV, 6, 11),
]


def lit(x, single):
    if single:
        v = float(np.float32(float(x)))
        return float.hex(v).replace("0000000p", "p") + "f"
    return float.hex(float(x))


for name, fn, iv, nf, nd in FITS:
    for single, n in ((True, nf), (False, nd)):
        p, err = mp.chebyfit(fn, iv, n, error=True)
        coeffs = list(reversed(p))  # chebyfit returns highest degree first
        t = "F32" if single else "F64"
        print(f"{name}_{t} (degree {n - 1}, fit error {mp.nstr(err, 3)}):")
        print("    " + ", ".join(lit(c, single) for c in coeffs))
