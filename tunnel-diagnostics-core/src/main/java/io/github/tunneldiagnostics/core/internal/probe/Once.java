package io.github.tunneldiagnostics.core.internal.probe;

import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/** Computes a value at most once, on first use, for one probe run; thread-safe. */
final class Once<T> implements Supplier<T> {
  private final Supplier<T> source;
  private @Nullable T value;

  Once(Supplier<T> source) {
    this.source = source;
  }

  @Override
  public synchronized T get() {
    if (value == null) {
      value = source.get();
    }
    return value;
  }
}
