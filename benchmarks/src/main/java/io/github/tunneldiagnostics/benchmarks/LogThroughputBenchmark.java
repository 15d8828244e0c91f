package io.github.tunneldiagnostics.benchmarks;

import io.github.tunneldiagnostics.core.internal.logs.LogAnalysis;
import io.github.tunneldiagnostics.core.internal.logs.LogClassifier;
import java.nio.charset.StandardCharsets;
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
    if (args.length < 1) {
      System.err.println("usage: LogThroughputBenchmark FILE [PASSES]");
      System.exit(2);
    }
    Path file = Path.of(args[0]);
    int passes = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    long size = Files.size(file);
    double mb = size / 1e6;
    LogClassifier classifier = LogClassifier.builder().build();
    java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();

    LogAnalysis analysis = classifier.analyze(List.of(file)); // warm-up pass: JIT and page cache
    long bestWall = Long.MAX_VALUE;
    long bestCpu = Long.MAX_VALUE;
    for (int i = 0; i < passes; i++) {
      long cpu0 = threads.getCurrentThreadCpuTime();
      long process0 = os.getProcessCpuTime();
      long t0 = System.nanoTime();
      analysis = classifier.analyze(List.of(file));
      long wall = System.nanoTime() - t0;
      long cpu = threads.getCurrentThreadCpuTime() - cpu0;
      long process = os.getProcessCpuTime() - process0;
      System.out.printf(
          "pass %d: wall %.2f s = %.0f MB/s, thread cpu %.2f s = %.0f MB/s, process cpu (GC and JIT included) %.2f s%n",
          i + 1, wall / 1e9, mb / (wall / 1e9), cpu / 1e9, mb / (cpu / 1e9), process / 1e9);
      bestWall = Math.min(bestWall, wall);
      bestCpu = Math.min(bestCpu, cpu);
    }

    // grep's own user+sys time, measured by bash's time builtin
    long t1 = System.nanoTime();
    Process grep =
        new ProcessBuilder("bash", "-c", "TIMEFORMAT='%3U %3S'; time grep -c 'Unable to reach the origin service' \"$0\"", file.toString())
            .start();
    String count = new String(grep.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    String[] userSys = new String(grep.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).trim().split("\\s+");
    int exit = grep.waitFor();
    long grepWall = System.nanoTime() - t1;
    double grepCpu = userSys.length == 2 ? Double.parseDouble(userSys[0]) + Double.parseDouble(userSys[1]) : Double.NaN;

    System.out.printf("file: %s, %.1f MB; heap max %d MB; processors %d; load average %.1f%n", file, mb, Runtime.getRuntime().maxMemory() >> 20, Runtime.getRuntime().availableProcessors(), java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    System.out.printf("classifier best of %d: wall %.2f s = %.0f MB/s; cpu %.2f s = %.0f MB/s%n", passes, bestWall / 1e9, mb / (bestWall / 1e9), bestCpu / 1e9, mb / (bestCpu / 1e9));
    System.out.printf("summary: %s; findings: %d%n", analysis.summary().describe(), analysis.findings().size());
    System.out.printf("grep -c: wall %.2f s = %.0f MB/s; cpu %.2f s = %.0f MB/s; count %s (exit %d)%n", grepWall / 1e9, mb / (grepWall / 1e9), grepCpu, mb / grepCpu, count, exit);
    System.out.printf("ratio classifier/grep: wall %.2f, cpu %.2f%n", (double) bestWall / grepWall, bestCpu / 1e9 / grepCpu);
  }
}
