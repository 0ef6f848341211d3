package org.gpu4j.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.mllib.linalg.DenseMatrix;
import org.apache.spark.mllib.linalg.Matrix;
import org.apache.spark.mllib.linalg.distributed.BlockMatrix;
import org.gpu4j.Accelerator;
import org.gpu4j.DoubleMatrix;
import org.gpu4j.Matrices;
import scala.Tuple2;

/**
 * {@code C = A·B} for Spark MLlib {@link BlockMatrix}es, every block product on its task's accelerator.
 *
 * <p>Each block {@code A(i,k)} is sent to the C blocks {@code (i, j)} of its block row and each {@code B(k,j)} to those
 * of its block column (the same replication MLlib's {@code BlockMatrix.multiply} does); one task then computes the C
 * blocks of its partition, each as {@code Σ_k A(i,k)·B(k,j)} in increasing {@code k}, accumulated in one device
 * matrix by double-precision GEMM ({@code beta = 1}) and downloaded once. MLlib stores blocks column-major: a
 * column-major m×k block is the row-major k×m block Aᵀ, so the device computes {@code Cᵀ = Bᵀ·Aᵀ} row-major, which
 * read column-major is C, with no transposition pass (transposed blocks are passed as {@code Op.TRANSPOSE}; sparse
 * blocks are densified). The result has A's rows per block and B's columns per block, like MLlib's; blocks with no
 * pair of factors (sparse block matrices) are absent, as in MLlib.
 */
public final class GpuBlockMatrix {
    private GpuBlockMatrix() {}

    /** A factor block sent to a C block: its inner index k, which side it is from, its values. */
    record Piece(int k, boolean left, Matrix m) implements Serializable {}

    /**
     * {@code a·b} with one task per group of C blocks ({@code partitions} of them, at most one per C block).
     *
     * @throws IllegalArgumentException if the shapes or block sizes do not match, or partitions < 1
     */
    public static BlockMatrix multiply(GpuSpark gpu, BlockMatrix a, BlockMatrix b, int partitions) {
        if (a.numCols() != b.numRows()) {
            throw new IllegalArgumentException("A is " + a.numRows() + "x" + a.numCols() + ", B is " + b.numRows() + "x" + b.numCols() + ": A's columns must equal B's rows");
        }
        if (a.colsPerBlock() != b.rowsPerBlock()) {
            throw new IllegalArgumentException("A's columns per block (" + a.colsPerBlock() + ") must equal B's rows per block (" + b.rowsPerBlock() + ")");
        }
        if (partitions < 1) throw new IllegalArgumentException("partitions must be >= 1, got " + partitions);
        int rowBlocks = a.numRowBlocks(), colBlocks = b.numColBlocks();
        int parts = (int) Math.min(partitions, (long) rowBlocks * colBlocks);
        JavaPairRDD<Tuple2<Integer, Integer>, Piece> left = a.blocks().toJavaRDD().flatMapToPair(t -> {
            int i = (Integer) t._1()._1(), k = (Integer) t._1()._2();
            List<Tuple2<Tuple2<Integer, Integer>, Piece>> out = new ArrayList<>(colBlocks);
            for (int j = 0; j < colBlocks; j++) out.add(new Tuple2<>(new Tuple2<>(i, j), new Piece(k, true, t._2())));
            return out.iterator();
        });
        JavaPairRDD<Tuple2<Integer, Integer>, Piece> right = b.blocks().toJavaRDD().flatMapToPair(t -> {
            int k = (Integer) t._1()._1(), j = (Integer) t._1()._2();
            List<Tuple2<Tuple2<Integer, Integer>, Piece>> out = new ArrayList<>(rowBlocks);
            for (int i = 0; i < rowBlocks; i++) out.add(new Tuple2<>(new Tuple2<>(i, j), new Piece(k, false, t._2())));
            return out.iterator();
        });
        JavaRDD<Tuple2<Tuple2<Integer, Integer>, Iterable<Piece>>> grouped =
                left.union(right).groupByKey(new HashPartitioner(parts)).rdd().toJavaRDD();
        JavaRDD<Tuple2<Tuple2<Object, Object>, Matrix>> c = gpu.mapPartitions(grouped, (acc, it) -> {
            List<Tuple2<Tuple2<Object, Object>, Matrix>> out = new ArrayList<>();
            while (it.hasNext()) {
                Tuple2<Tuple2<Integer, Integer>, Iterable<Piece>> e = it.next();
                Matrix m = block(acc, e._2());
                if (m != null) out.add(new Tuple2<>(new Tuple2<>(e._1()._1(), e._1()._2()), m));
            }
            return out;
        });
        return new BlockMatrix(c.rdd(), a.rowsPerBlock(), b.colsPerBlock(), a.numRows(), b.numCols());
    }

    /** Σ_k A(i,k)·B(k,j) over the k present on both sides, on {@code acc}; null when there is none. */
    static Matrix block(Accelerator acc, Iterable<Piece> pieces) {
        Map<Integer, Matrix> as = new TreeMap<>(), bs = new TreeMap<>();
        for (Piece p : pieces) (p.left() ? as : bs).put(p.k(), p.m());
        List<Integer> ks = new ArrayList<>(as.keySet());
        ks.retainAll(bs.keySet());
        ks.sort(Comparator.naturalOrder());
        if (ks.isEmpty()) return null;
        int m = as.get(ks.get(0)).numRows(), n = bs.get(ks.get(0)).numCols();
        Matrices mx = acc.matrices();
        try (DoubleMatrix ct = acc.allocDoubleMatrix(n, m)) {       // zero-filled: C^T, row-major n x m
            for (int k : ks) {
                DenseMatrix am = dense(as.get(k)), bm = dense(bs.get(k));
                if (am.numRows() != m || bm.numCols() != n || am.numCols() != bm.numRows()) {
                    throw new IllegalArgumentException("block k = " + k + ": A block " + am.numRows() + "x" + am.numCols()
                            + " and B block " + bm.numRows() + "x" + bm.numCols() + " do not multiply into " + m + "x" + n);
                }
                try (DoubleMatrix at = upload(acc, am); DoubleMatrix bt = upload(acc, bm)) {
                    // a column-major block uploads as its transpose; a row-major (isTransposed) one as itself
                    mx.gemm(1.0, bt, op(bm), at, op(am), 1.0, ct);
                }
            }
            return new DenseMatrix(m, n, ct.data().toArray());        // row-major C^T = column-major C
        }
    }

    private static Matrices.Op op(DenseMatrix x) { return x.isTransposed() ? Matrices.Op.TRANSPOSE : Matrices.Op.NONE; }

    private static DenseMatrix dense(Matrix x) {
        return x instanceof DenseMatrix d ? d : new DenseMatrix(x.numRows(), x.numCols(), x.toArray());   // toArray: column-major
    }

    /** The block's values as a device matrix: column-major r x c as (c x r), row-major (isTransposed) as (r x c). */
    private static DoubleMatrix upload(Accelerator acc, DenseMatrix x) {
        return x.isTransposed() ? DoubleMatrix.wrap(acc.upload(x.values()), x.numRows(), x.numCols())
                : DoubleMatrix.wrap(acc.upload(x.values()), x.numCols(), x.numRows());
    }
}
