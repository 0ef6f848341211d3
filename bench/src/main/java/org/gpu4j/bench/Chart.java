package org.gpu4j.bench;

import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * A PNG bar chart of throughput per operation (GB/s or GFLOP/s, log scale) and backend, references included.
 * Launch-latency rows are in the table, not the chart. Rendered off-screen; needs no display.
 */
final class Chart {
    private Chart() {}

    static Path write(Report report, Path file) throws IOException {
        System.setProperty("java.awt.headless", "true");
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        Set<String> categories = new LinkedHashSet<>();
        double min = Double.MAX_VALUE, max = 0;
        for (Row r : report.rows) {
            if (r.op().unit == Op.Unit.LAUNCHES || !(r.value() > 0)) continue;
            min = Math.min(min, r.value());
            max = Math.max(max, r.value());
            String cat = r.op().id + " " + r.sizeLabel() + " [" + r.op().unit.label + "]";
            categories.add(cat);
            data.addValue(r.value(), seriesName(r), cat);
        }
        JFreeChart chart = ChartFactory.createBarChart("gpu4j throughput per operation and backend (log scale)",
                null, "GB/s or GFLOP/s", data, PlotOrientation.HORIZONTAL, true, false, false);
        CategoryPlot plot = chart.getCategoryPlot();
        LogAxis axis = new LogAxis("GB/s (memory-bound ops) or GFLOP/s (gemm), log scale");
        axis.setSmallestValue(0.01);
        axis.setNumberFormatOverride(new java.text.DecimalFormat("0.##"));
        if (max > 0) {
            axis.setRange(Math.pow(10, Math.floor(Math.log10(min))), Math.pow(10, Math.ceil(Math.log10(max * 1.3))));
        }
        plot.setRangeAxis(axis);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        plot.getDomainAxis().setTickLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        BarRenderer renderer = (BarRenderer) plot.getRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setItemMargin(0.02);
        renderer.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator("{2}", new java.text.DecimalFormat("0.#")));
        renderer.setDefaultItemLabelsVisible(true);
        renderer.setDefaultItemLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 9));
        for (int i = 0; i < data.getRowCount(); i++) {
            renderer.setSeriesPaint(i, colour(String.valueOf(data.getRowKey(i))));
        }
        chart.setBackgroundPaint(Color.WHITE);
        int seriesCount = Math.max(1, data.getRowCount());
        int height = Math.max(400, 140 + categories.size() * (18 * seriesCount + 16));
        Files.createDirectories(file.toAbsolutePath().getParent());
        ChartUtils.saveChartAsPNG(file.toFile(), chart, 1200, height);
        return file;
    }

    /** Strong colours for gpu4j backends, muted ones for the references. */
    private static Color colour(String series) {
        if (series.startsWith("gpu4j opencl")) return new Color(0xD9, 0x5F, 0x02);
        if (series.startsWith("gpu4j cuda")) return new Color(0x1B, 0x9E, 0x77);
        if (series.startsWith("gpu4j cpu")) return new Color(0x75, 0x70, 0xB3);
        if (series.contains("numpy") && series.contains("env")) return new Color(0xC8, 0xC8, 0xC8);
        if (series.contains("numpy")) return new Color(0x99, 0x99, 0x99);
        if (series.contains("parallel")) return new Color(0x66, 0xA6, 0x1E, 0xC0);
        if (series.contains("1 thread")) return new Color(0xA6, 0xD8, 0x54);
        return new Color(0x44, 0x44, 0x44);
    }

    static String seriesName(Row r) {
        return switch (r.backend()) {
            case BenchContext.JAVA_1T -> "ref: Java loop, 1 thread";
            case BenchContext.JAVA_PAR -> "ref: Java loop, parallel";
            case BenchContext.NUMPY -> "ref: numpy/OpenBLAS, own-choice kernel";
            case BenchContext.NUMPY_ENV -> "ref: numpy/OpenBLAS, kernel from the environment";
            case BenchContext.JOCL -> "ref: raw JOCL";
            default -> "gpu4j " + r.backend() + " (" + r.device().split(" ", 2)[0] + ")";
        };
    }
}
