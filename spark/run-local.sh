#!/usr/bin/env bash
# Runs gpu4j-spark's example job or its block-matmul benchmark on this machine, in a real local Spark cluster
# (local-cluster: a master and two workers in the driver JVM, each executor a JVM of its own) with fake GPU
# addresses, from a test-only SPARK_HOME built from the Maven class path (as the tests do).
#
#   spark/run-local.sh example [paths] [partitions] [n] [blocks]   # addresses 0, 1 -> cpu, opencl:0
#   spark/run-local.sh bench [n] [blocks] [pairs] [strategy]       # N = 4096 in 4 x 4 blocks: gpu4j on PoCL vs MLlib
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -o -q -pl spark -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile=target/local.classpath >/dev/null
cd spark
JAVA_BIN="${JAVA_HOME:+$JAVA_HOME/bin/}java"
JHOME="$(dirname "$(dirname "$(readlink -f "$(command -v "$JAVA_BIN")")")")"
CP="$PWD/target/test-classes:$PWD/target/classes:$(cat target/local.classpath)"
export SPARK_HOME="$PWD/target/spark-home" SPARK_SCALA_VERSION=2.13
# PoCL's LLVM installs signal handlers: chain them through the JVM's (executors get it from spark.executorEnv)
export LD_PRELOAD="$JHOME/lib/libjsig.so"
exec "$JAVA_BIN" -Xss4m -Xmx2g --add-modules jdk.incubator.vector -Dgpu4j.spark.target="$PWD/target" \
    -Dlog4j2.configurationFile="$PWD/src/test/resources/log4j2-test.properties" \
    -cp "$CP" org.gpu4j.spark.LocalClusterMain "$@"
