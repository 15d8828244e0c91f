package io.github.tunneldiagnostics.core.internal.idna;

import static org.assertj.core.api.Assertions.assertThat;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.text.IDNA;
import com.ibm.icu.util.VersionInfo;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Our UTS #46 against ICU4J's (test scope only), configured as the engine used it before: non-transitional,
 * STD3 rules, CheckBidi, CheckJoiners, and the empty-label and length errors Go's Lookup does not check
 * ignored. Compared over every code point whose properties are stable between the table's Unicode 15.1,
 * the JDK's Unicode 13 (normalisation, bidi class, general category) and ICU's newer Unicode.
 */
class Uts46ConformanceTest {
  private static final IDNA ICU = IDNA.getUTS46Instance(
      IDNA.NONTRANSITIONAL_TO_ASCII | IDNA.USE_STD3_RULES | IDNA.CHECK_BIDI | IDNA.CHECK_CONTEXTJ);
  private static final Set<IDNA.Error> NOT_CHECKED_BY_GO =
      EnumSet.of(IDNA.Error.EMPTY_LABEL, IDNA.Error.LABEL_TOO_LONG, IDNA.Error.DOMAIN_NAME_TOO_LONG);
  private static final VersionInfo JDK_UNICODE = VersionInfo.getInstance(13, 0);

  private static @Nullable String icu(String domain) {
    IDNA.Info info = new IDNA.Info();
    StringBuilder out = new StringBuilder();
    ICU.nameToASCII(domain, out, info);
    EnumSet<IDNA.Error> errors = info.getErrors().isEmpty() ? EnumSet.noneOf(IDNA.Error.class) : EnumSet.copyOf(info.getErrors());
    errors.removeAll(NOT_CHECKED_BY_GO);
    return errors.isEmpty() ? out.toString() : null;
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', nullValues = "null", value = {
    "bücher.example.de | xn--bcher-kva.example.de",
    "ß.example.de | xn--zca.example.de",
    "BÜCHER.Example.DE | xn--bcher-kva.example.de",
    "xn--caf-dma.example.de | xn--caf-dma.example.de",
    "XN--ZCA.example | xn--zca.example",
    "app.example.com | app.example.com",
    "*.example.com | null",
    "my_host.example | null",
    "-leading.example | null",
    "ab--c.example | null",
    "xn--a.example | null",
    "a..b | a..b",
    "example.com. | example.com.",
    "日本語。ＪＰ | xn--wgv71a119e.jp",
    "עברית.example | xn--5dbqzzl.example",
    "a\u200db.example | null",
    "ශ්\u200dර.example | xn--10cl1a0b660p.example",
    "::1 | null",
  })
  void convertsLikeIcu(String domain, @Nullable String expected) {
    // given / when
    String ours = Uts46.toAscii(domain);

    // then
    assertThat(ours).isEqualTo(expected).isEqualTo(icu(domain));
  }

  @Test
  void agreesWithIcuOnEveryStableCodePointInALabel() {
    // given
    List<String> differences = new ArrayList<>();
    int compared = 0;

    // when
    for (int c = 0; c <= Character.MAX_CODE_POINT; c++) {
      VersionInfo age = UCharacter.getAge(c);
      if (age.compareTo(JDK_UNICODE) > 0 || age.equals(VersionInfo.getInstance(0))) {
        continue; // assigned after the JDK's Unicode 13, or unassigned
      }
      for (String domain : List.of("a" + Character.toString(c) + "b.example", Character.toString(c) + ".example")) {
        compared++;
        String ours = Uts46.toAscii(domain);
        String theirs = icu(domain);
        if (ours == null ? theirs != null : !ours.equals(theirs)) {
          differences.add(String.format("U+%04X %s: ours %s, ICU %s", c, domain, ours, theirs));
        }
      }
    }

    // then
    assertThat(compared).isGreaterThan(250_000);
    assertThat(differences).isEmpty();
  }
}
