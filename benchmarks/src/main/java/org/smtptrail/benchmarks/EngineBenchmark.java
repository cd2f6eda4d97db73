package org.smtptrail.benchmarks;

import org.openjdk.jmh.annotations.Fork;

/**
 * Base of the benchmarks that run the engine: JMH inherits class annotations, and this is the one place for the fork's
 * flags. The engine's Chronicle Map state needs the same JDK internals opened as the fat jar's manifest does (a forked
 * JMH JVM runs from the class path, where manifest entries do not apply), analytics stay off, and the heap is capped
 * at 256 MB as the performance targets require.
 */
@Fork(value = 1, jvmArgsAppend = {"-Xmx256m", "-Dchronicle.analytics.disable=true",
    "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED", "--add-opens=java.base/java.util=ALL-UNNAMED",
    "--add-opens=java.base/java.nio=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED", "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-exports=jdk.unsupported/sun.misc=ALL-UNNAMED",
    "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
    "--add-opens=jdk.compiler/com.sun.tools.javac=ALL-UNNAMED",
    "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED", "--enable-native-access=ALL-UNNAMED"})
public abstract class EngineBenchmark {}
