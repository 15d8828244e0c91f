package io.github.tunneldiagnostics.core.internal.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.tunneldiagnostics.re2j.internal.Pattern;
import java.util.List;
import org.junit.jupiter.api.Test;

class PathPatternTest {

  @Test
  void answersPlainFormsExactlyAsTheRegexEngineDoes() {
    // given
    List<String> regexes = List.of("/api", "^/api", "/api$", "^/api$", "^", "$", "^$", "", "/a.b", "^/v1/", "(?i)/API", "^/(v1|v2)/");
    List<String> paths = List.of("", "/", "/api", "/api/", "/v2/api", "/apix", "/API", "/a.b", "/axb", "/v1/x", "/api\n", "x/api");
    int shortcutDifferences = 0;

    // when
    for (String regex : regexes) {
      PathPattern pattern = PathPattern.compile(regex);
      for (String path : paths) {
        if (pattern.find(path) != Pattern.compile(regex).matcher(path).find()) {
          shortcutDifferences++;
        }
      }
    }

    // then
    assertThat(shortcutDifferences).isZero();
  }

  @Test
  void keepsGoErrorTextForExpressionsThatDoNotCompile() {
    // given / when
    PathPattern pattern = PathPattern.compile("[z-a]");

    // then
    assertThat(pattern.compiles()).isFalse();
    assertThat(pattern.error()).isEqualTo("error parsing regexp: invalid character class range: `z-a`");
    assertThat(pattern.find("/")).isFalse();
  }
}
