package govlens.lib.nlp;

import com.hankcs.hanlp.HanLP;
import com.hankcs.hanlp.seg.Segment;
import com.hankcs.hanlp.seg.common.Term;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Candidate miner for {@code conf/dict/domain_terms.txt}: prints frequent multi-token phrases of a corpus
 * that HanLP's stock dictionary splits, for a human to review (it is not used at run time).
 *
 * <p>A candidate is a run of 2–4 consecutive stock-HanLP tokens, 3–12 Chinese characters long, with no
 * punctuation inside, whose first and last tokens are content tags (noun, verb, noun-verb, abbreviation,
 * idiom) and that occurs at least {@code minFreq} times in at least 2 documents. Candidates contained in a
 * longer candidate of nearly the same frequency (≥ 80 %) are dropped as fragments.
 *
 * <p>Usage: {@code TermMiner [minFreq=4] [limit=800] FILE_OR_DIR...}; prints "freq TAB docFreq TAB phrase
 * TAB stock split".
 */
public final class TermMiner {
    private static final Pattern CJK = Pattern.compile("[\\u4e00-\\u9fff]+");
    private static final Pattern EDGE_POS = Pattern.compile("^(n|v|vn|vi|nz|nis|nnt|nt|l|i|j|gi|gm|b).*");

    private TermMiner() {}

    public static void main(String[] args) throws IOException {
        int minFreq = Integer.parseInt(args[0]);
        int limit = Integer.parseInt(args[1]);
        List<String> docs = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            Path p = Path.of(args[i]);
            try (Stream<Path> s = Files.isDirectory(p) ? Files.list(p) : Stream.of(p)) {
                for (Path f : (Iterable<Path>)
                        s.filter(x -> x.toString().endsWith(".txt")).sorted()::iterator) {
                    docs.add(Files.readString(f, StandardCharsets.UTF_8));
                }
            }
        }
        Segment seg = HanLP.newSegment().enableNumberQuantifierRecognize(true);
        Map<String, int[]> stats = new HashMap<>(); // phrase -> {freq, docFreq}
        Map<String, String> splits = new HashMap<>();
        for (String doc : docs) {
            Set<String> seen = new HashSet<>();
            List<Term> terms = seg.seg(doc);
            for (int i = 0; i < terms.size(); i++) {
                StringBuilder sb = new StringBuilder();
                StringBuilder split = new StringBuilder();
                for (int n = 1; n <= 4 && i + n <= terms.size(); n++) {
                    Term t = terms.get(i + n - 1);
                    if (!CJK.matcher(t.word).matches()) {
                        break;
                    }
                    sb.append(t.word);
                    split.append(n > 1 ? "/" : "").append(t.word);
                    if (n < 2 || sb.length() < 3 || sb.length() > 12) {
                        continue;
                    }
                    if (!EDGE_POS.matcher(terms.get(i).nature.toString()).matches()) {
                        break;
                    }
                    if (!EDGE_POS.matcher(t.nature.toString()).matches()) {
                        continue;
                    }
                    String phrase = sb.toString();
                    int[] st = stats.computeIfAbsent(phrase, k -> new int[2]);
                    st[0]++;
                    if (seen.add(phrase)) {
                        st[1]++;
                    }
                    splits.putIfAbsent(phrase, split.toString());
                }
            }
        }
        List<String> cands = new ArrayList<>();
        stats.forEach((k, v) -> {
            if (v[0] >= minFreq && v[1] >= 2) {
                cands.add(k);
            }
        });
        List<String> kept = new ArrayList<>();
        for (String c : cands) {
            int f = stats.get(c)[0];
            boolean fragment = false;
            for (String o : cands) {
                if (o.length() > c.length() && o.contains(c) && stats.get(o)[0] >= 0.8 * f) {
                    fragment = true;
                    break;
                }
            }
            if (!fragment) {
                kept.add(c);
            }
        }
        kept.sort((a, b) -> stats.get(b)[0] != stats.get(a)[0] ? stats.get(b)[0] - stats.get(a)[0] : a.compareTo(b));
        for (String c : kept.subList(0, Math.min(limit, kept.size()))) {
            System.out.println(stats.get(c)[0] + "\t" + stats.get(c)[1] + "\t" + c + "\t" + splits.get(c));
        }
    }
}
