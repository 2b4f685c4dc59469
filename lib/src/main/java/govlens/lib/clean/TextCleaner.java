package govlens.lib.clean;

import java.text.Normalizer;
import java.util.List;

/** STUB — being replaced by the cleaning helper. Only folds widths and line ends. */
public final class TextCleaner {
  private TextCleaner() {}

  public static CleanResult clean(String raw) {
    String t = raw.replace("\r\n", "\n").replace('\r', '\n').replace("\uFEFF", "");
    StringBuilder sb = new StringBuilder(t.length());
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      if (c >= '\uFF01' && c <= '\uFF5E') sb.append((char) (c - 0xFEE0));
      else if (c == '\u3000') sb.append(' ');
      else sb.append(c);
    }
    return new CleanResult(Normalizer.normalize(sb.toString(), Normalizer.Form.NFC), List.of());
  }
}
