package io.github.tunneldiagnostics.core.internal.idna;

/** The Bidi Rule of RFC 5893 §2, for one label of a domain that contains right-to-left text. */
final class Bidi {
  private Bidi() {}

  static boolean satisfiesRule(int[] label) {
    byte first = Character.getDirectionality(label[0]);
    boolean rtl;
    if (first == Character.DIRECTIONALITY_RIGHT_TO_LEFT || first == Character.DIRECTIONALITY_RIGHT_TO_LEFT_ARABIC) {
      rtl = true;
    } else if (first == Character.DIRECTIONALITY_LEFT_TO_RIGHT) {
      rtl = false;
    } else {
      return false; // rule 1
    }
    boolean hasEuropeanNumber = false;
    boolean hasArabicNumber = false;
    int last = label.length - 1;
    while (last > 0 && Character.getDirectionality(label[last]) == Character.DIRECTIONALITY_NONSPACING_MARK) {
      last--;
    }
    for (int i = 0; i < label.length; i++) {
      byte d = Character.getDirectionality(label[i]);
      if (rtl ? !isRtlAllowed(d) : !isLtrAllowed(d)) {
        return false; // rules 2 and 5
      }
      hasEuropeanNumber |= d == Character.DIRECTIONALITY_EUROPEAN_NUMBER;
      hasArabicNumber |= d == Character.DIRECTIONALITY_ARABIC_NUMBER;
    }
    byte end = Character.getDirectionality(label[last]);
    if (rtl) {
      boolean endsWell = end == Character.DIRECTIONALITY_RIGHT_TO_LEFT || end == Character.DIRECTIONALITY_RIGHT_TO_LEFT_ARABIC
          || end == Character.DIRECTIONALITY_EUROPEAN_NUMBER || end == Character.DIRECTIONALITY_ARABIC_NUMBER;
      return endsWell && !(hasEuropeanNumber && hasArabicNumber); // rules 3 and 4
    }
    return end == Character.DIRECTIONALITY_LEFT_TO_RIGHT || end == Character.DIRECTIONALITY_EUROPEAN_NUMBER; // rule 6
  }

  private static boolean isRtlAllowed(byte d) {
    return d == Character.DIRECTIONALITY_RIGHT_TO_LEFT || d == Character.DIRECTIONALITY_RIGHT_TO_LEFT_ARABIC
        || d == Character.DIRECTIONALITY_ARABIC_NUMBER || isShared(d);
  }

  private static boolean isLtrAllowed(byte d) {
    return d == Character.DIRECTIONALITY_LEFT_TO_RIGHT || isShared(d);
  }

  /** EN, ES, CS, ET, ON, BN, NSM: allowed in labels of either direction. */
  private static boolean isShared(byte d) {
    return d == Character.DIRECTIONALITY_EUROPEAN_NUMBER || d == Character.DIRECTIONALITY_EUROPEAN_NUMBER_SEPARATOR
        || d == Character.DIRECTIONALITY_COMMON_NUMBER_SEPARATOR || d == Character.DIRECTIONALITY_EUROPEAN_NUMBER_TERMINATOR
        || d == Character.DIRECTIONALITY_OTHER_NEUTRALS || d == Character.DIRECTIONALITY_BOUNDARY_NEUTRAL
        || d == Character.DIRECTIONALITY_NONSPACING_MARK;
  }
}
