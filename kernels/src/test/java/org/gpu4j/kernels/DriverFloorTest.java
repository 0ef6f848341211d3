package org.gpu4j.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Every shipped {@code .ptx} declares a PTX ISA no newer than the documented driver floor
 * ({@code cuda-floor.properties}: ISA 8.0, CUDA 12.0, R525) and targets sm_75; every shipped {@code .fatbin} holds
 * exactly the documented SASS architectures and no PTX. The parsers are checked on their own too, so the test
 * cannot pass by reading nothing.
 */
class DriverFloorTest {
    static final Path BUILT = Path.of("target/classes/org/gpu4j/kernels");
    private static final Pattern VERSION = Pattern.compile("(?m)^\\.version\\s+(\\d+)\\.(\\d+)\\s*$");
    private static final Pattern TARGET = Pattern.compile("(?m)^\\.target\\s+(\\S+?)\\s*$");

    static Properties floor() throws Exception {
        Properties p = new Properties();
        try (InputStream in = DriverFloorTest.class.getResourceAsStream("/org/gpu4j/kernels/cuda-floor.properties")) {
            assertTrue(in != null, "cuda-floor.properties is not on the class path");
            p.load(in);
        }
        return p;
    }

    /** {@code major * 10 + minor} of a PTX text's {@code .version}, or -1. */
    static int isa(String ptx) {
        Matcher m = VERSION.matcher(ptx);
        return m.find() ? Integer.parseInt(m.group(1)) * 10 + Integer.parseInt(m.group(2)) : -1;
    }

    static String target(String ptx) {
        Matcher m = TARGET.matcher(ptx);
        return m.find() ? m.group(1) : null;
    }

    /**
     * The SASS architectures of the ELF cubins in a fatbin (75 for sm_75), read from each ELF's {@code e_flags}
     * (bits 8-15 in nvcc 13's cubins); a PTX entry is reported as -1. Fatbin layout: a 16-byte header (magic
     * 0xBA55ED50, version, header size, payload size) then entries, each a header (kind 1 = PTX, 2 = ELF; its own
     * size at offset 4, the payload size at offset 8) followed by its payload.
     */
    static List<Integer> fatbinArchs(byte[] fb) {
        ByteBuffer b = ByteBuffer.wrap(fb).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0xBA55ED50, b.getInt(0), "not a fatbin");
        int headerSize = Short.toUnsignedInt(b.getShort(6));
        long end = headerSize + b.getLong(8);
        List<Integer> archs = new ArrayList<>();
        long at = headerSize;
        while (at < end) {
            int kind = Short.toUnsignedInt(b.getShort((int) at));
            int eh = b.getInt((int) at + 4);
            long size = b.getLong((int) at + 8);
            int payload = (int) (at + eh);
            if (kind == 2) {
                assertEquals(0x7f, fb[payload], "fatbin entry of kind ELF is not an ELF (compressed?)");
                assertEquals('E', fb[payload + 1]);
                assertEquals(190, b.getShort(payload + 18), "not a CUDA ELF (e_machine)");
                archs.add((b.getInt(payload + 48) >>> 8) & 0xff);
            } else {
                archs.add(-1);
            }
            at = payload + size;
        }
        return archs;
    }

    @Test void parsersReadVersionsTargetsAndArchitectures() {
        assertEquals(80, isa("//\n.version 8.0\n.target sm_75\n"));
        assertEquals(90, isa(".version 9.0\n"));
        assertEquals(-1, isa("no header"));
        assertEquals("sm_75", target(".version 8.0\n.target sm_75\n.address_size 64\n"));
        byte[] fb = new byte[16 + 16 + 64];
        ByteBuffer b = ByteBuffer.wrap(fb).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0, 0xBA55ED50).putShort(4, (short) 1).putShort(6, (short) 16).putLong(8, 16 + 64);
        b.putShort(16, (short) 2).putInt(20, 16).putLong(24, 64);
        fb[32] = 0x7f; fb[33] = 'E'; fb[34] = 'L'; fb[35] = 'F';
        b.putShort(32 + 18, (short) 190).putInt(32 + 48, 0x6005604);
        assertEquals(List.of(86), fatbinArchs(fb));
    }

    @Test void everyShippedPtxAndFatbinMeetsTheDocumentedFloor() throws Exception {
        Properties floor = floor();
        String[] v = floor.getProperty("ptx.isa").split("\\.");
        int maxIsa = Integer.parseInt(v[0]) * 10 + Integer.parseInt(v[1]);
        String target = floor.getProperty("ptx.target");
        TreeSet<Integer> sass = new TreeSet<>();
        for (String a : floor.getProperty("sass.archs").trim().split("\\s+")) sass.add(Integer.parseInt(a));
        assertEquals(80, maxIsa, "README documents PTX ISA 8.0 (CUDA 12.0, R525) as the floor: change both together");

        List<Path> cus = Nvcc.cuFiles();
        assertFalse(cus.isEmpty());
        if (Nvcc.find() == null) {
            String why = "nvcc not found: the build shipped no PTX or fatbin to check";
            if (Nvcc.required("nvcc")) fail(why + ", and GPU4J_REQUIRE names nvcc");
            Assumptions.abort(why);
        }
        List<String> bad = new ArrayList<>();
        int checked = 0;
        for (Path cu : cus) {
            String name = cu.getFileName().toString().replace(".cu", "");
            Path ptx = BUILT.resolve(name + ".ptx");
            Path fatbin = BUILT.resolve(name + ".fatbin");
            if (!Files.exists(ptx)) { bad.add(name + ".ptx: not built"); continue; }
            String text = Files.readString(ptx, StandardCharsets.UTF_8);
            int isa = isa(text);
            if (isa < 0 || isa > maxIsa) bad.add(name + ".ptx: .version " + isa / 10 + "." + isa % 10 + " is newer than the floor " + v[0] + "." + v[1]);
            if (!target.equals(target(text))) bad.add(name + ".ptx: .target " + target(text) + ", expected " + target);
            if (!Files.exists(fatbin)) { bad.add(name + ".fatbin: not built"); continue; }
            List<Integer> archs = fatbinArchs(Files.readAllBytes(fatbin));
            if (!new TreeSet<>(archs).equals(sass) || archs.size() != sass.size()) {
                bad.add(name + ".fatbin: architectures " + archs + " (-1 = PTX), expected SASS only for " + sass);
            }
            checked++;
        }
        System.out.println("[DriverFloorTest] " + checked + " .ptx (ISA <= " + floor.getProperty("ptx.isa") + ", " + target
                + ") and .fatbin (sm " + sass + ") pairs checked");
        if (!bad.isEmpty()) fail(String.join("\n", bad));
        assertEquals(cus.size(), checked);
    }
}
