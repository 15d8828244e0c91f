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

  /** The project's findings document: the contract as this repository keeps it. */
  static final Path CONTRACT = Path.of("..", "docs", "findings.md");

  /** The shared contract beside the repository, as CI and every developer have it. */
  static final Path SHARED_CONTRACT = Path.of("..", "..", "shared", "spec", "findings.md");

  @Test
  void everyConstantIsItsOwnName() throws IllegalAccessException {
    for (Field field : FindingCode.class.getFields()) {
      assertThat(Modifier.isStatic(field.getModifiers())).isTrue();
      assertThat(field.get(null)).as(field.getName()).isEqualTo(field.getName());
    }
  }

  @Test
  void constantsAreExactlyTheCodesOfTheContract() throws IOException {
    // given
    Set<String> contract = codesOf(CONTRACT);
    // when
    Set<String> constants = new TreeSet<>(Arrays.stream(FindingCode.class.getFields()).map(Field::getName).toList());
    // then
    assertThat(constants).isEqualTo(contract);
  }

  @Test
  void theRepositoryCopyHoldsTheCodesOfTheSharedContract() throws IOException {
    assumeTrue(Files.isReadable(SHARED_CONTRACT), "the shared findings contract is not beside this checkout");
    assertThat(codesOf(CONTRACT))
        .as("docs/findings.md must hold exactly the codes of ../shared/spec/findings.md: copy the new contract in")
        .isEqualTo(codesOf(SHARED_CONTRACT));
  }

  private static Set<String> codesOf(Path contract) throws IOException {
    Set<String> codes = new TreeSet<>();
    Matcher row = Pattern.compile("(?m)^\\| ([A-Z][A-Z0-9_]+) \\|").matcher(Files.readString(contract));
    while (row.find()) {
      codes.add(row.group(1));
    }
    return codes;
  }
}
