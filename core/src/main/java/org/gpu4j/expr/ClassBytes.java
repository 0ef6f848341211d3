package org.gpu4j.expr;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A minimal class-file writer for {@link Jit}: a constant pool, methods with one {@code Code} attribute each, and
 * forward and backward jumps. It writes class-file version 49 (Java 5), which the JVM verifies by type inference, so
 * no stack map frames are needed; such classes are defined as hidden classes and compiled by C2 like any other.
 * Not thread-safe: one writer per generated class.
 */
final class ClassBytes {
    /** Java 5: verified by the type-inferencing verifier, so no StackMapTable is needed. */
    static final int MAJOR = 49;

    private final ByteArrayOutputStream poolBytes = new ByteArrayOutputStream();
    private final DataOutputStream pool = new DataOutputStream(poolBytes);
    private final Map<String, Integer> entries = new HashMap<>();
    private int poolCount = 1;
    private final List<byte[]> methods = new ArrayList<>();

    // ------------------------------------------------------------------ constant pool

    private int entry(String key, int slots, PoolWriter w) {
        Integer k = entries.get(key);
        if (k != null) return k;
        int at = poolCount;
        try {
            w.write(pool);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        poolCount += slots;
        if (poolCount > 65535) throw new IllegalStateException("constant pool too large");
        entries.put(key, at);
        return at;
    }

    private interface PoolWriter { void write(DataOutputStream o) throws IOException; }

    int utf8(String s) { return entry("U" + s, 1, o -> { o.writeByte(1); o.writeUTF(s); }); }

    int classRef(String internalName) {
        int n = utf8(internalName);
        return entry("C" + internalName, 1, o -> { o.writeByte(7); o.writeShort(n); });
    }

    int string(String s) {
        int n = utf8(s);
        return entry("S" + s, 1, o -> { o.writeByte(8); o.writeShort(n); });
    }

    int intConst(int v) { return entry("I" + v, 1, o -> { o.writeByte(3); o.writeInt(v); }); }

    int floatConst(float v) {
        int bits = Float.floatToRawIntBits(v);
        return entry("F" + bits, 1, o -> { o.writeByte(4); o.writeInt(bits); });
    }

    int longConst(long v) { return entry("J" + v, 2, o -> { o.writeByte(5); o.writeLong(v); }); }

    int doubleConst(double v) {
        long bits = Double.doubleToRawLongBits(v);
        return entry("D" + bits, 2, o -> { o.writeByte(6); o.writeLong(bits); });
    }

    private int nameAndType(String name, String desc) {
        int n = utf8(name), d = utf8(desc);
        return entry("N" + name + ":" + desc, 1, o -> { o.writeByte(12); o.writeShort(n); o.writeShort(d); });
    }

    int fieldRef(String owner, String name, String desc) { return member(9, owner, name, desc); }

    int methodRef(String owner, String name, String desc) { return member(10, owner, name, desc); }

    private int member(int tag, String owner, String name, String desc) {
        int c = classRef(owner), nt = nameAndType(name, desc);
        return entry("M" + tag + owner + "." + name + ":" + desc, 1, o -> { o.writeByte(tag); o.writeShort(c); o.writeShort(nt); });
    }

    // ------------------------------------------------------------------ methods and the class

    void method(int access, String name, String desc, Code code) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (DataOutputStream o = new DataOutputStream(b)) {
            byte[] bytes = code.bytes();
            o.writeShort(access);
            o.writeShort(utf8(name));
            o.writeShort(utf8(desc));
            o.writeShort(1);
            o.writeShort(utf8("Code"));
            o.writeInt(12 + bytes.length);
            o.writeShort(code.maxStack);
            o.writeShort(code.maxLocals);
            o.writeInt(bytes.length);
            o.write(bytes);
            o.writeShort(0); // exception table
            o.writeShort(0); // attributes
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        methods.add(b.toByteArray());
    }

    byte[] toBytes(int access, String thisClass, String superClass, String... interfaces) {
        int self = classRef(thisClass), sup = classRef(superClass);
        int[] ifs = new int[interfaces.length];
        for (int k = 0; k < ifs.length; k++) ifs[k] = classRef(interfaces[k]);
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (DataOutputStream o = new DataOutputStream(b)) {
            o.writeInt(0xCAFEBABE);
            o.writeShort(0);
            o.writeShort(MAJOR);
            o.writeShort(poolCount);
            pool.flush();
            o.write(poolBytes.toByteArray());
            o.writeShort(access);
            o.writeShort(self);
            o.writeShort(sup);
            o.writeShort(ifs.length);
            for (int k : ifs) o.writeShort(k);
            o.writeShort(0); // fields
            o.writeShort(methods.size());
            for (byte[] m : methods) o.write(m);
            o.writeShort(0); // attributes
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return b.toByteArray();
    }

    /** A jump target; placed once, referenced by any number of jumps before or after. */
    static final class Label {
        int at = -1;
        final List<int[]> uses = new ArrayList<>(); // {position of the opcode, position of the offset}
    }

    /** The bytes of one method's code, with labels resolved when {@link #bytes} is called. */
    static final class Code {
        private byte[] b = new byte[256];
        private int len;
        private final List<Label> labels = new ArrayList<>();
        int maxStack, maxLocals;

        int length() { return len; }

        private void ensure(int more) {
            if (len + more > b.length) b = java.util.Arrays.copyOf(b, Math.max(b.length * 2, len + more));
        }

        Code u1(int v) { ensure(1); b[len++] = (byte) v; return this; }

        Code u2(int v) { ensure(2); b[len++] = (byte) (v >> 8); b[len++] = (byte) v; return this; }

        Code op(int opcode) { return u1(opcode); }

        Code op(int opcode, int u2) { return u1(opcode).u2(u2); }

        /** A load or store ({@code iload}, {@code fstore}...) of a local, in its wide form when the index needs it. */
        Code local(int opcode, int index) {
            if (index > 255) return u1(0xc4).u1(opcode).u2(index);
            return u1(opcode).u1(index);
        }

        Code iinc(int index, int by) {
            if (index > 255 || by < -128 || by > 127) return u1(0xc4).u1(0x84).u2(index).u2(by);
            return u1(0x84).u1(index).u1(by);
        }

        Code jump(int opcode, Label l) {
            if (!labels.contains(l)) labels.add(l);
            l.uses.add(new int[] {len, len + 1});
            return u1(opcode).u2(0);
        }

        Code place(Label l) {
            if (l.at >= 0) throw new IllegalStateException("label placed twice");
            if (!labels.contains(l)) labels.add(l);
            l.at = len;
            return this;
        }

        byte[] bytes() {
            for (Label l : labels) {
                if (l.at < 0) throw new IllegalStateException("label never placed");
                for (int[] u : l.uses) {
                    int off = l.at - u[0];
                    if (off < Short.MIN_VALUE || off > Short.MAX_VALUE) throw new IllegalStateException("jump too far");
                    b[u[1]] = (byte) (off >> 8);
                    b[u[1] + 1] = (byte) off;
                }
            }
            return java.util.Arrays.copyOf(b, len);
        }
    }
}
