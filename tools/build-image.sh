#!/usr/bin/env bash
# Builds the self-contained gpu4j image: a jlink Java runtime, every runtime jar (gpu4j, JOCL, JCuda with its
# linux-x86_64 natives, picocli) and a `gpu4j` launcher, in dist/gpu4j/ and packed as dist/gpu4j.tar.gz.
# The image runs on a Linux x86-64 host with no Java installed (the GPU host needs only the NVIDIA driver, and
# libOpenCL.so.1 for OpenCL).
#
#   tools/build-image.sh            # builds the jars (offline, tests skipped) and the image
#   JLINK_JDK=/path/to/jdk tools/.. # the JDK whose jlink (and jmods) to use; default $JAVA_HOME, then javac's JDK
#   dist/gpu4j/bin/gpu4j devices    # then, on any Linux x86-64 host: tar xzf gpu4j.tar.gz && gpu4j/bin/gpu4j ...
#
# Fails if the packed image is larger than 60 MB.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
dist=$root/dist
image=$dist/gpu4j
max_mb=${GPU4J_IMAGE_MAX_MB:-60}
main_class=${GPU4J_MAIN_CLASS:-org.gpu4j.samples.Gpu4jCommand}

# ---- the JDK that links the runtime
jdk=${JLINK_JDK:-${JAVA_HOME:-}}
if [ -z "$jdk" ] || [ ! -x "$jdk/bin/jlink" ]; then
  javac_path=$(command -v javac || true)
  [ -n "$javac_path" ] && jdk=$(dirname "$(dirname "$(readlink -f "$javac_path")")")
fi
if [ -z "$jdk" ] || [ ! -x "$jdk/bin/jlink" ]; then
  echo "build-image: no JDK with jlink found (set JLINK_JDK or JAVA_HOME)" >&2; exit 1
fi
jdk_feature=$("$jdk/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
if [ ! -d "$jdk/jmods" ] && [ "${jdk_feature:-0}" -lt 24 ]; then
  echo "build-image: $jdk has no jmods/ folder (install the JDK's jmods package, e.g. openjdk-17-jmods)" >&2; exit 1
fi
echo "build-image: linking with $jdk (Java $jdk_feature)"

# ---- the jars
rm -rf "$image" "$dist/gpu4j.tar.gz"
mkdir -p "$image/lib" "$image/bin"
mvn_args=(-B -q -pl samples,bench -am -Dmaven.javadoc.skip=true -Dmaven.source.skip=true)
# One reactor run: packaging makes the module jars that copy-dependencies then copies (nothing is installed).
mvn "${mvn_args[@]}" package dependency:copy-dependencies -DskipTests -DincludeScope=runtime -DexcludeTransitive=false \
    -Dmdep.useBaseVersion=true -DoutputDirectory="$image/lib"
for m in core kernels opencl cuda samples bench; do
  jar=$(ls "$root/$m"/target/gpu4j-"$m"-*.jar 2>/dev/null | grep -v -e '-tests.jar' -e '-sources.jar' | head -1 || true)
  [ -n "$jar" ] && cp "$jar" "$image/lib/"
done
# core's test jar carries the stress scenarios (org.gpu4j.reliability.StressMain, plain main methods, no JUnit) that
# tools/gpu-check.sh runs on a GPU host; the JUnit contract suites in it need JUnit, which the image does not ship.
tests_jar=$(ls "$root"/core/target/gpu4j-core-*-tests.jar 2>/dev/null | head -1 || true)
[ -n "$tests_jar" ] && cp "$tests_jar" "$image/lib/"
# Only the natives this image can use (linux-x86_64); other platforms' native jars would only add size.
find "$image/lib" -name '*-natives-*' ! -name '*linux-x86_64*' -delete
for need in jocl jcuda-natives picocli gpu4j-core gpu4j-cuda; do
  ls "$image/lib" | grep -q "^$need" || { echo "build-image: $need jar missing from $image/lib" >&2; exit 1; }
done

# ---- the runtime: the modules the jars use (jdeps), plus the ones needed by code loaded by reflection
modules=$("$jdk/bin/jdeps" --print-module-deps --ignore-missing-deps --multi-release 17 "$image"/lib/*.jar 2>/dev/null \
          | grep -E '^[a-z][a-z0-9.]*(,[a-z][a-z0-9.]*)*$' | tail -1 || true)
# jdk.incubator.vector: the Java CPU backend's Vector API GEMM (the launcher adds it; see JavaGemm)
modules="java.base,java.logging,jdk.unsupported,jdk.incubator.vector${modules:+,$modules}"
modules=$(echo "$modules" | tr ',' '\n' | sort -u | paste -sd, -)
compress=zip-6
"$jdk/bin/jlink" --help 2>&1 | grep -q 'zip-\[0-9\]' || compress=2
echo "build-image: runtime modules $modules"
"$jdk/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files \
    --compress="$compress" --output "$image/runtime"

# ---- the launcher
cat > "$image/bin/gpu4j" <<'LAUNCHER'
#!/usr/bin/env bash
# gpu4j launcher: runs the bundled Java runtime; JAVA_OPTS adds JVM options (e.g. -Dgpu4j.device=cuda).
here=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
main=${GPU4J_MAIN:-@MAIN@}
enc=()
# With no locale at all (env -i, minimal containers) Java would print non-ASCII output as '?': assume UTF-8.
if [ -z "${LC_ALL:-}${LC_CTYPE:-}${LANG:-}" ]; then enc=(-Dsun.stdout.encoding=UTF-8 -Dsun.stderr.encoding=UTF-8 -Dstdout.encoding=UTF-8 -Dstderr.encoding=UTF-8); fi
# PoCL compiles kernels with LLVM, whose signal handlers can take over the JVM's: preload the JVM's signal-chaining
# library (GPU4J_SIGNAL_CHAINING=off leaves it out).
if [ "${GPU4J_SIGNAL_CHAINING:-on}" != off ] && [ -f "$here/runtime/lib/libjsig.so" ]; then
  export LD_PRELOAD="$here/runtime/lib/libjsig.so${LD_PRELOAD:+:$LD_PRELOAD}"
fi
# The Vector API module makes the Java CPU backend's float/double GEMM about 3x faster; the JVM then prints one
# "Using incubator modules" warning. GPU4J_VECTOR_API=off leaves it out.
vec=(--add-modules jdk.incubator.vector)
[ "${GPU4J_VECTOR_API:-on}" = off ] && vec=()
exec "$here/runtime/bin/java" "${enc[@]}" "${vec[@]}" ${JAVA_OPTS:-} -cp "$here/lib/*" "$main" "$@"
LAUNCHER
sed -i "s|@MAIN@|$main_class|" "$image/bin/gpu4j"
cp "$root/tools/gpu-check.sh" "$image/bin/gpu-check"   # the prepared device check, runnable from the image
chmod +x "$image/bin/gpu4j" "$image/bin/gpu-check"

# ---- pack
tar -C "$dist" -czf "$dist/gpu4j.tar.gz" gpu4j
bytes=$(stat -c %s "$dist/gpu4j.tar.gz")
unpacked=$(du -sb "$image" | cut -f1)
printf 'build-image: %s: %.1f MB packed (%.1f MB unpacked, %d jars)\n' "$dist/gpu4j.tar.gz" \
    "$(echo "$bytes / 1000000" | bc -l)" "$(echo "$unpacked / 1000000" | bc -l)" "$(ls "$image/lib" | wc -l)"
if [ "$bytes" -gt $((max_mb * 1000 * 1000)) ]; then
  echo "build-image: FAILED: the packed image is larger than $max_mb MB" >&2; exit 1
fi
if ! unzip -l "$image"/lib/gpu4j-samples-*.jar 2>/dev/null | grep -q "${main_class//.//}.class"; then
  echo "build-image: NOTE: $main_class is not in the samples jar yet; run a class with GPU4J_MAIN=<class> $image/bin/gpu4j"
fi
