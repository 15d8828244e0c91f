package io.github.tunneldiagnostics.core.internal.routetable;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A route table as read from its YAML file.
 *
 * @param file the table file
 * @param config the config it tests ({@code config:}, resolved against the table's directory), if named
 * @param cases the cases in file order
 */
public record RouteTable(Path file, @Nullable Path config, List<RouteCase> cases) {
  public RouteTable {
    Objects.requireNonNull(file, "file");
    cases = List.copyOf(cases);
  }

  public Optional<Path> configFile() {
    return Optional.ofNullable(config);
  }
}
