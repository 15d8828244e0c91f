package io.github.tunneldiagnostics.benchmarks;

import io.github.tunneldiagnostics.core.logs.LogAnalysis;
import io.github.tunneldiagnostics.core.logs.LogClassifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Log classification throughput on one core with a small heap, compared with {@code grep -c}.
 *
 * <p>Main-class run (what the numbers in the report come from):
 *
 * <pre>
 * mvn -q -o -pl benchmarks -am package -DskipTests
 * java -cp benchmarks/target/benchmarks.jar io.github.tunneldiagnostics.benchmarks.CloudflaredLogGenerator /tmp/cloudflared-1g.log 1g
 * taskset -c 0 java -Xmx64m -XX:ActiveProcessorCount=1 -cp benchmarks/target/benchmarks.jar \
 *     io.github.tunneldiagnostics.benchmarks.LogThroughputBenchmark /tmp/cloudflared-1g.log
 * </pre>
 *
 * It classifies the file once to warm up, then times a second pass, then times {@code grep -c 'Unable to
 * reach the origin service'} on the same file (page cache warm for both) and prints MB/s and the ratio.
 *
 * <p>JMH single-shot variant: {@code java -Dlogs.file=/tmp/cloudflared-1g.log -jar
 * benchmarks/target/benchmarks.jar LogThroughputBenchmark} (forks with {@code -Xmx64m}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx64m", "-XX:ActiveProcessorCount=1"})
public class LogThroughputBenchmark {

  @Benchmark
  public LogAnalysis classifyFile() throws IOException {
    return LogClassifier.builder().build().analyze(List.of(Path.of(System.getProperty("logs.file", "/tmp/cloudflared-1g.log"))));
  }

  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      System.err.println("usage: LogThroughputBenchmark FILE");
      System.exit(2);
    }
    Path file = Path.of(args[0]);
    long size = Files.size(file);
    LogClassifier classifier = LogClassifier.builder().build();

    classifier.analyze(List.of(file)); // warm-up pass: JIT and page cache
    java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
    long cpu0 = threads.getCurrentThreadCpuTime();
    long t0 = System.nanoTime();
    LogAnalysis analysis = classifier.analyze(List.of(file));
    long classifyNanos = System.nanoTime() - t0;
    long classifyCpuNanos = threads.getCurrentThreadCpuTime() - cpu0;

    long t1 = System.nanoTime();
    Process grep = new ProcessBuilder("grep", "-c", "Unable to reach the origin service", file.toString()).redirectErrorStream(true).start();
    String grepOut = new String(grep.getInputStream().readAllBytes()).trim();
    int exit = grep.waitFor();
    long grepNanos = System.nanoTime() - t1;
    long grepCpuNanos = grep.info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(-1L);

    double mb = size / 1e6;
    double classifyMbs = mb / (classifyNanos / 1e9);
    double grepMbs = mb / (grepNanos / 1e9);
    System.out.printf("file: %s, %.1f MB%n", file, mb);
    System.out.printf("heap max: %d MB, processors: %d%n", Runtime.getRuntime().maxMemory() >> 20, Runtime.getRuntime().availableProcessors());
    System.out.printf("classifier: wall %.2f s = %.0f MB/s; cpu %.2f s = %.0f MB/s; %s%n", classifyNanos / 1e9, classifyMbs, classifyCpuNanos / 1e9, mb / (classifyCpuNanos / 1e9), analysis.summary().describe());
    System.out.printf("findings: %d%n", analysis.findings().size());
    System.out.printf("grep -c: wall %.2f s = %.0f MB/s; count %s (exit %d)%n", grepNanos / 1e9, grepMbs, grepOut, exit);
    System.out.printf("ratio classifier/grep wall time: %.2f%n", (double) classifyNanos / grepNanos);
  }
}
