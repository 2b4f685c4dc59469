package govlens.lib.text;

/** Parses the small ordinals used for heading numbers (一 … 九十九, plus 〇/零 in compound forms). */
final class ChineseNumerals {
  private ChineseNumerals() {}

  /**
   * Value of a Chinese numeral such as 一, 十, 十二, 二十, 二十三; -1 when {@code s} is not one
   * (empty, unknown characters, or 100 and above — headings never go that far, and refusing large values
   * keeps words like 百 out of the ordinal patterns).
   */
  static int parse(String s) {
    if (s == null || s.isEmpty() || s.length() > 3) {
      return -1;
    }
    int ten = s.indexOf('十');
    if (ten < 0) {
      return s.length() == 1 ? digit(s.charAt(0)) : -1;
    }
    if (s.indexOf('十', ten + 1) >= 0) {
      return -1;
    }
    int tens;
    if (ten == 0) {
      tens = 1;
    } else if (ten == 1) {
      tens = digit(s.charAt(0));
      if (tens < 2) {
        return -1;
      }
    } else {
      return -1;
    }
    int units = 0;
    if (ten + 1 < s.length()) {
      if (ten + 2 != s.length()) {
        return -1;
      }
      units = digit(s.charAt(ten + 1));
      if (units < 1) {
        return -1;
      }
    }
    return tens * 10 + units;
  }

  private static int digit(char c) {
    return switch (c) {
      case '一' -> 1;
      case '二' -> 2;
      case '三' -> 3;
      case '四' -> 4;
      case '五' -> 5;
      case '六' -> 6;
      case '七' -> 7;
      case '八' -> 8;
      case '九' -> 9;
      default -> -1;
    };
  }
}
