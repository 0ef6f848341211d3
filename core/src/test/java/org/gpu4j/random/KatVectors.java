package org.gpu4j.random;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The Random123 philox4x32 known-answer vectors of {@code philox4x32_kat_vectors.txt} (source named in the file). */
public record KatVectors(String line, int rounds, int[] counter, int[] key, int[] expected) {
    public static final String RESOURCE = "org/gpu4j/random/philox4x32_kat_vectors.txt";

    public static List<KatVectors> load() {
        List<KatVectors> all = new ArrayList<>();
        try (InputStream in = KatVectors.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException("no " + RESOURCE + " on the test classpath");
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            for (String line; (line = r.readLine()) != null; ) {
                if (line.isBlank() || line.startsWith("#")) continue;
                String[] f = line.trim().split("\\s+");
                if (f.length != 12 || !f[0].equals("philox4x32")) throw new IllegalStateException("bad KAT line: " + line);
                int[] w = new int[10];
                for (int i = 0; i < 10; i++) w[i] = Integer.parseUnsignedInt(f[2 + i], 16);
                all.add(new KatVectors(line, Integer.parseInt(f[1]), java.util.Arrays.copyOfRange(w, 0, 4),
                        java.util.Arrays.copyOfRange(w, 4, 6), java.util.Arrays.copyOfRange(w, 6, 10)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (all.size() != 6) throw new IllegalStateException("expected 6 philox4x32 KAT rows, found " + all.size());
        return all;
    }
}
