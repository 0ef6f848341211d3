"""gpu4j bench: numpy/OpenBLAS reference figures, run as a subprocess by org.gpu4j.bench.NumpyReference.

Usage: python3 numpy_ref.py --stream N[,N...] --sgemm N[,N...] --dgemm N[,N...] --runs R --warmup W
       python3 numpy_ref.py --serve
Prints one line per fact, easy to parse from Java:
  info <key> <value...>
  result <op> <size> <median_ns> <runs>
--serve: prints the info lines and `ready`, then reads commands line by line on stdin,
  <op> <size> <runs> <warmup>      op: copy, add, triad, dot, sum, rand-uniform, rand-normal (size elements),
                                   sgemm, dgemm (N x N)
answering each with `result <op> <size> <median_ns> <runs>` or `error <message>` (a result once this process has
  stopped using CPU, see quiesce); `bye` or end of input ends it.
Arrays are allocated once per (op, size) and kept, so the Java side can time numpy in alternation with other
workloads (paired rounds) without paying allocation each time.
Stream ops follow the STREAM byte convention on the Java side; note that numpy's triad is two passes
(z = s*y; z += x), as a numpy user would write it without temporaries.
"""
import argparse
import ctypes
import glob
import os
import sys
import time


def median(v):
    s = sorted(v)
    m = len(s) // 2
    return s[m] if len(s) % 2 else (s[m - 1] + s[m]) / 2


def timed(fn, runs, warmup):
    for _ in range(warmup):
        fn()
    t = []
    for _ in range(runs):
        s = time.perf_counter_ns()
        fn()
        t.append(time.perf_counter_ns() - s)
    return median(t), len(t)


def quiesce(limit_s=1.0, window_s=0.005):
    """Waits (at most limit_s) until this process stops using CPU: after a call, OpenBLAS keeps a worker thread
    spinning for about 0.1 s (OPENBLAS_THREAD_TIMEOUT), which would take a core from whatever the Java side times
    next. Measured here: 110 ms of CPU in the 200 ms after an sgemm of 1024, none with the timeout at its minimum."""
    end = time.monotonic() + limit_s
    while time.monotonic() < end:
        c0, w0 = time.process_time(), time.monotonic()
        time.sleep(window_s)
        if time.process_time() - c0 < 0.2 * (time.monotonic() - w0):
            return


def blas_kernel(np):
    """(description, core name or None) of the BLAS kernel that runs: threadpoolctl if present, else the library's
    own corename, else show_config."""
    try:
        import threadpoolctl
        for lib in threadpoolctl.threadpool_info():
            if lib.get("internal_api") in ("openblas", "mkl", "blis"):
                return ("%s %s, %s, %s threads (threadpoolctl)" % (lib.get("internal_api"), lib.get("version"),
                                                                     lib.get("architecture"), lib.get("num_threads")),
                        lib.get("architecture"))
    except Exception:
        pass
    try:
        libdir = os.path.join(os.path.dirname(np.__file__), os.pardir, "numpy.libs")
        for path in glob.glob(os.path.join(libdir, "*openblas*.so*")):
            lib = ctypes.CDLL(path)
            for prefix in ("scipy_openblas_", "openblas_"):
                for suffix in ("64_", ""):
                    fn = getattr(lib, prefix + "get_corename" + suffix, None)
                    if fn is None:
                        continue
                    fn.restype = ctypes.c_char_p
                    threads = getattr(lib, prefix + "get_num_threads" + suffix, None)
                    n = threads() if threads is not None else "?"
                    core = fn().decode()
                    return "OpenBLAS core %s, %s threads (%s)" % (core, n, os.path.basename(path)), core
    except Exception:
        pass
    try:
        cfg = np.show_config(mode="dicts")
        blas = cfg["Build Dependencies"]["blas"]
        return "%s %s (numpy.show_config; runtime kernel unknown)" % (blas.get("name"), blas.get("version")), None
    except Exception as e:
        return "unknown (%s)" % e, None


def ints(s):
    return [int(x) for x in s.split(",") if x.strip()] if s else []


def print_info(np):
    desc, core = blas_kernel(np)
    print("info numpy", np.__version__)
    print("info blas", desc)
    if core:
        print("info core", core)
    print("info env OPENBLAS_CORETYPE=%s OPENBLAS_L2_SIZE=%s" % (os.environ.get("OPENBLAS_CORETYPE", "(unset)"),
                                                                 os.environ.get("OPENBLAS_L2_SIZE", "(unset)")))
    sys.stdout.flush()


STREAM_OPS = ("copy", "add", "triad", "dot", "sum", "rand-uniform", "rand-normal")
GEMM_OPS = {"sgemm": "float32", "dgemm": "float64"}


def stream_fn(np, arrays, op):
    """The numpy call of a stream op over arrays (x, y, z, s): what a numpy user writes, without temporaries."""
    x, y, z, s = arrays
    if op == "copy":
        return lambda: np.copyto(z, x)
    if op == "add":
        return lambda: np.add(x, y, out=z)
    if op == "triad":
        def triad():
            np.multiply(y, s, out=z)
            np.add(z, x, out=z)
        return triad
    if op == "dot":
        return lambda: np.dot(x, y)
    if op == "rand-uniform":   # numpy's counter-based Philox (4x64-10) generator, float32 into z
        g = np.random.Generator(np.random.Philox(42))
        return lambda: g.random(dtype=np.float32, out=z)
    if op == "rand-normal":
        g = np.random.Generator(np.random.Philox(42))
        return lambda: g.standard_normal(dtype=np.float32, out=z)
    return lambda: np.sum(x)


def serve(np):
    """Answers `<op> <size> <runs> <warmup>` lines until `bye` or end of input; see the module docstring."""
    print_info(np)
    print("ready")
    sys.stdout.flush()
    rng = np.random.default_rng(42)
    stream = {}   # size -> (x, y, z, s), shared by the stream ops
    gemm = {}     # (op, n) -> the matmul call over its kept matrices
    for line in sys.stdin:
        f = line.split()
        if not f:
            continue
        if f[0] == "bye":
            break
        try:
            if len(f) != 4:
                raise ValueError("expected '<op> <size> <runs> <warmup>', got %r" % line.strip())
            op, n, runs, warmup = f[0], int(f[1]), int(f[2]), int(f[3])
            if n <= 0 or runs <= 0 or warmup < 0:
                raise ValueError("size and runs must be positive, warmup non-negative: %r" % line.strip())
            if op in STREAM_OPS:
                if n not in stream:
                    stream[n] = (rng.random(n, dtype=np.float32), rng.random(n, dtype=np.float32),
                                 np.empty(n, dtype=np.float32), np.float32(3.0))
                fn = stream_fn(np, stream[n], op)
            elif op in GEMM_OPS:
                if (op, n) not in gemm:
                    dt = getattr(np, GEMM_OPS[op])
                    A = rng.random((n, n)).astype(dt)
                    B = rng.random((n, n)).astype(dt)
                    C = np.empty((n, n), dtype=dt)
                    gemm[(op, n)] = lambda A=A, B=B, C=C: np.matmul(A, B, out=C)
                fn = gemm[(op, n)]
            else:
                raise ValueError("unknown op %r (copy, add, triad, dot, sum, rand-uniform, rand-normal, sgemm, dgemm)" % op)
            med, done = timed(fn, runs, warmup)
            quiesce()  # before answering, so that the Java side's next timing has every core
            print("result %s %d %.0f %d" % (op, n, med, done))
        except Exception as e:  # answer every command, so the Java side never waits for a line that will not come
            print("error %s" % str(e).replace("\n", " "))
        sys.stdout.flush()


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "--serve":
        import numpy as np
        serve(np)
        return
    ap = argparse.ArgumentParser()
    ap.add_argument("--stream", default="")
    ap.add_argument("--sgemm", default="")
    ap.add_argument("--dgemm", default="")
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--warmup", type=int, default=2)
    a = ap.parse_args()
    import numpy as np
    print_info(np)
    rng = np.random.default_rng(42)
    for n in ints(a.stream):
        x = rng.random(n, dtype=np.float32)
        y = rng.random(n, dtype=np.float32)
        z = np.empty_like(x)
        s = np.float32(3.0)

        def triad():
            np.multiply(y, s, out=z)
            np.add(z, x, out=z)

        cases = [("copy", lambda: np.copyto(z, x)),
                 ("add", lambda: np.add(x, y, out=z)),
                 ("triad", triad),
                 ("dot", lambda: np.dot(x, y)),
                 ("sum", lambda: np.sum(x)),
                 ("rand-uniform", stream_fn(np, (x, y, z, s), "rand-uniform")),
                 ("rand-normal", stream_fn(np, (x, y, z, s), "rand-normal"))]
        for name, fn in cases:
            med, runs = timed(fn, a.runs, a.warmup)
            print("result %s %d %.0f %d" % (name, n, med, runs))
            sys.stdout.flush()
    for op, dtype, sizes in (("sgemm", np.float32, ints(a.sgemm)), ("dgemm", np.float64, ints(a.dgemm))):
        for n in sizes:
            A = rng.random((n, n)).astype(dtype)
            B = rng.random((n, n)).astype(dtype)
            C = np.empty((n, n), dtype=dtype)
            med, runs = timed(lambda: np.matmul(A, B, out=C), max(3, a.runs if n < 2048 else min(a.runs, 5)), 1)
            print("result %s %d %.0f %d" % (op, n, med, runs))
            sys.stdout.flush()


if __name__ == "__main__":
    main()
