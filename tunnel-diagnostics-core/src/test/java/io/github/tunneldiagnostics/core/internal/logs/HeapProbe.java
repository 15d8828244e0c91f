package io.github.tunneldiagnostics.core.internal.logs;

import java.nio.file.Path;
import java.util.List;

/** Run by {@link HeapBoundTest} in a JVM of its own with a small heap: classifies one file, prints its summary. */
public final class HeapProbe {
  private HeapProbe() {}

  public static void main(String[] args) throws Exception {
    LogAnalysis analysis = LogClassifier.builder().threads(2).parallelFrom(8L << 20).build().analyze(List.of(Path.of(args[0])));
    System.out.println(analysis.summary().failedRequests() + " failed, " + analysis.summary().skippedLines() + " skipped, "
        + analysis.findings().size() + " findings");
  }
}
