package org.gpu4j.matrix;

import org.gpu4j.*;
import java.util.*;
/**
 * Manual sgemm harness (not a unit test: no timing asserts): N reps backends, e.g. {@code 2048 5 numpy,opencl,cpu}.
 * Prints the median GFLOP/s of {@code acc.matrices().multiply} per backend (upload excluded, packing included), and
 * numpy/OpenBLAS in a subprocess, twice, interleaved, in one run. Run with core, kernels, opencl and JOCL on the
 * class path.
 */
public class SgemmHarness {
  public static void main(String[] args) throws Exception {
    int n = Integer.parseInt(args[0]); int reps = Integer.parseInt(args[1]);
    Random r = new Random(1); float[][] a = new float[n][n], b = new float[n][n];
    for (float[] row : a) for (int j = 0; j < n; j++) row[j] = r.nextFloat() - 0.5f;
    for (float[] row : b) for (int j = 0; j < n; j++) row[j] = r.nextFloat() - 0.5f;
    for (int round = 0; round < 2; round++) {
      for (String sel : args[2].split(",")) {
        if (sel.equals("numpy")) {
          Process p = org.gpu4j.spi.Subprocesses.withoutSignalChaining(new ProcessBuilder("python3", "-c",
            "import numpy as np,time\nn=" + n + "\na=np.random.rand(n,n).astype(np.float32);b=np.random.rand(n,n).astype(np.float32)\na@b\nts=[]\nfor i in range(" + reps + "):\n t=time.perf_counter();a@b;ts.append(time.perf_counter()-t)\nts.sort();print('%.1f'%(2*n**3/ts[len(ts)//2]/1e9))")).redirectErrorStream(true).start();
          String out = new String(p.getInputStream().readAllBytes()).trim(); p.waitFor();
          System.out.printf("N=%d %-8s median %s GFLOP/s%n", n, "numpy", out);
          continue;
        }
        try (Accelerator acc = Gpu4j.open(sel); FloatMatrix A = acc.upload(a); FloatMatrix B = acc.upload(b);
             FloatMatrix C = acc.allocFloatMatrix(n, n)) {
          Matrices mx = acc.matrices();
          mx.multiply(A, B, C); acc.finish();
          double[] g = new double[reps];
          for (int i = 0; i < reps; i++) { long t = System.nanoTime(); mx.multiply(A, B, C); acc.finish(); g[i] = 2.0*n*n*n/(System.nanoTime()-t); }
          Arrays.sort(g);
          System.out.printf("N=%d %-8s median %.1f GFLOP/s (best %.1f) %s%n", n, sel, g[reps/2], g[reps-1], acc.device());
        }
      }
    }
  }
}
