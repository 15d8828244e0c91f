package io.github.tunneldiagnostics.api.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Finding codes are public API: FindingCode holds exactly the codes of the shared findings contract. */
class FindingCodeTest {

  /** The contract beside the repository (../shared), as CI and every developer have it. */
  static final Path CONTRACT = Path.of("..", "..", "shared", "spec", "findings.md");

  @Test
  void everyConstantIsItsOwnName() throws IllegalAccessException {
    for (Field field : FindingCode.class.getFields()) {
      assertThat(Modifier.isStatic(field.getModifiers())).isTrue();
      assertThat(field.get(null)).as(field.getName()).isEqualTo(field.getName());
    }
  }

  @Test
  void constantsAreExactlyTheCodesOfTheContract() throws IOException {
    assumeTrue(Files.isReadable(CONTRACT), "the shared findings contract is not beside this checkout");
    // given
    Set<String> contract = new TreeSet<>();
    Matcher row = Pattern.compile("(?m)^\\| ([A-Z][A-Z0-9_]+) \\|").matcher(Files.readString(CONTRACT));
    while (row.find()) {
      contract.add(row.group(1));
    }
    // when
    Set<String> constants = new TreeSet<>(Arrays.stream(FindingCode.class.getFields()).map(Field::getName).toList());
    // then
    assertThat(constants).isEqualTo(contract);
  }
}
