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
import org.junit.jupiter.api.Tag;
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

  /**
   * Code points whose IDNA status Unicode 16 changed (ICU follows it; our table, like Go's x/net idna that
   * cloudflared uses, is Unicode 15): Cyrillic palochka and Georgian capitals became mapped, Hangul and
   * other fillers became ignored, a few compatibility characters became valid or mapped.
   */
  private static final Set<Integer> CHANGED_IN_UNICODE_16 = Set.of(
      0x04C0, 0x10A0, 0x10A1, 0x10A2, 0x10A3, 0x10A4, 0x10A5, 0x10A6, 0x10A7, 0x10A8, 0x10A9, 0x10AA, 0x10AB, 0x10AC,
      0x10AD, 0x10AE, 0x10AF, 0x10B0, 0x10B1, 0x10B2, 0x10B3, 0x10B4, 0x10B5, 0x10B6, 0x10B7, 0x10B8, 0x10B9, 0x10BA,
      0x10BB, 0x10BC, 0x10BD, 0x10BE, 0x10BF, 0x10C0, 0x10C1, 0x10C2, 0x10C3, 0x10C4, 0x10C5, 0x115F, 0x1160, 0x17B4,
      0x17B5, 0x1806, 0x180E, 0x1D173, 0x1D174, 0x1D175, 0x1D176, 0x1D177, 0x1D178, 0x1D179, 0x1D17A, 0x2061, 0x2062,
      0x2063, 0x206A, 0x206B, 0x206C, 0x206D, 0x206E, 0x206F, 0x2132, 0x2183, 0x2F868, 0x2F874, 0x2F91F, 0x2F95F,
      0x2F9BF, 0x3164, 0xFFA0);

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
    "ශ්\u200dර.example | xn--10cl1a711o.example",
    "::1 | null",
  })
  void convertsLikeIcu(String domain, @Nullable String expected) {
    // given / when
    String ours = Uts46.toAscii(domain);

    // then
    assertThat(ours).isEqualTo(expected).isEqualTo(icu(domain));
  }

  @Test
  void agreesWithIcuOnEverySixteenthStableCodePoint() {
    // given / when
    List<String> differences = new ArrayList<>();
    int compared = compareWithIcu(16, differences);

    // then
    assertThat(compared).isGreaterThan(500_000 / 16);
    assertThat(differences).isEmpty();
  }

  @Test
  @Tag("slow") // about 30 s: mvn -B verify -Pslow
  void agreesWithIcuOnEveryStableCodePoint() {
    // given / when
    List<String> differences = new ArrayList<>();
    int compared = compareWithIcu(1, differences);

    // then
    assertThat(compared).isGreaterThan(500_000);
    assertThat(differences).isEmpty();
  }

  /** Compares a label with each code point inside and at its start; returns how many domains were compared. */
  private static int compareWithIcu(int step, List<String> differences) {
    int compared = 0;
    for (int c = 0; c <= Character.MAX_CODE_POINT; c += step) {
      VersionInfo age = UCharacter.getAge(c);
      if (age.compareTo(JDK_UNICODE) > 0 || age.equals(VersionInfo.getInstance(0)) || CHANGED_IN_UNICODE_16.contains(c)) {
        continue; // assigned after the JDK's Unicode 13, unassigned, or changed after our table's Unicode 15.1
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
    return compared;
  }
}
