package org.gpu4j;

/**
 * A kernel source did not compile. Carries everything needed to reproduce the failure: the source name, the
 * build options, the device, the full build log, and the line and column of the first error when the log
 * names one (0 when unknown). The message contains the first error line of the log.
 */
public class KernelCompileException extends Gpu4jException {
    private final String sourceName;
    private final String options;
    private final String device;
    private final String buildLog;
    private final int line;
    private final int column;

    public KernelCompileException(String summary, String sourceName, String options, String device,
                                  String buildLog, int line, int column) {
        super(format(summary, sourceName, options, device, buildLog, line, column));
        this.sourceName = sourceName;
        this.options = options == null ? "" : options;
        this.device = device;
        this.buildLog = buildLog == null ? "" : buildLog;
        this.line = line;
        this.column = column;
    }

    private static String format(String summary, String sourceName, String options, String device,
                                 String log, int line, int column) {
        StringBuilder sb = new StringBuilder();
        sb.append(summary).append(": ").append(sourceName);
        if (line > 0) sb.append(':').append(line).append(column > 0 ? ":" + column : "");
        sb.append(" on ").append(device);
        if (options != null && !options.isBlank()) sb.append(" (options: ").append(options).append(')');
        String first = firstErrorLine(log);
        if (first != null) sb.append("\n  first error: ").append(first.strip());
        if (log != null && !log.isBlank()) sb.append("\n--- build log ---\n").append(log.strip());
        return sb.toString();
    }

    /** The first line of a build log that reports an error, or null. */
    public static String firstErrorLine(String log) {
        if (log == null) return null;
        for (String l : log.split("\\R")) {
            if (l.contains("error")) return l;
        }
        return null;
    }

    /**
     * Parses the position of the first error of a build log into {line, column}; {0, 0} if none. Understands clang
     * ({@code x.cl:3:5: error: ...}), PoCL ({@code error: /tmp/x.cl:3:5: ...}) and nvcc ({@code x.cu(3): error: ...},
     * column 0).
     */
    public static int[] parseLineColumn(String log) {
        if (log == null) return new int[] {0, 0};
        // The first line that reports an error and names a position. clang writes "x.cl:3:5: error: ...",
        // PoCL's build log "error: /tmp/x.cl:3:5: ...", nvcc "x.cu(3): error: ...".
        for (String l : log.split("\\R")) {
            if (!ERROR_WORD.matcher(l).find()) continue;
            java.util.regex.Matcher m = LINE_COLUMN.matcher(l);
            if (m.find()) return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))};
            m = NVCC_LINE.matcher(l);
            if (m.find()) return new int[] {Integer.parseInt(m.group(1)), 0};
        }
        return new int[] {0, 0};
    }

    private static final java.util.regex.Pattern ERROR_WORD = java.util.regex.Pattern.compile("\\berror\\b");
    private static final java.util.regex.Pattern LINE_COLUMN = java.util.regex.Pattern.compile("[^\\s:]+:(\\d+):(\\d+)\\b");
    private static final java.util.regex.Pattern NVCC_LINE = java.util.regex.Pattern.compile("\\((\\d+)\\)\\s*:\\s*(?:catastrophic |fatal )?error");

    public String sourceName() { return sourceName; }
    public String options() { return options; }
    public String device() { return device; }
    public String buildLog() { return buildLog; }
    /** 1-based line of the first error, 0 when the log names none. */
    public int line() { return line; }
    /** 1-based column of the first error, 0 when unknown. */
    public int column() { return column; }
}
