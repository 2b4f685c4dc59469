package govlens.lib.nlp;

import com.hankcs.hanlp.HanLP;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Single-thread throughput of {@link Tokenizer} against plain {@code HanLP.segment} over a folder of .txt
 * files concatenated into one string (not a unit test: timings depend on the machine).
 *
 * <p>Usage: {@code TokenizerBench [dir=../shared/corpus/external] [rounds=5]}. Plain HanLP is timed first,
 * before the domain dictionary exists, then again after it is installed (HanLP's custom dictionary is
 * JVM-global), then {@code tokenize} and {@code contentTokens}. Each runs 2 warm-up rounds first.
 */
public final class TokenizerBench {
    private TokenizerBench() {}

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "../shared/corpus/external");
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        String text;
        try (Stream<Path> s = Files.list(dir)) {
            text = s.filter(p -> p.toString().endsWith(".txt"))
                    .sorted()
                    .map(TokenizerBench::read)
                    .collect(Collectors.joining("\n\n"));
        }
        System.out.printf("corpus: %s, %,d chars%n", dir, text.length());
        report(
                "HanLP.segment (stock dictionary)",
                text,
                rounds,
                t -> HanLP.segment(t).size());
        Tokenizer tok = Tokenizer.fromClasspath();
        long t0 = System.nanoTime();
        tok.tokenize("初始化");
        System.out.printf("dictionary install + segmenter init: %.2f s%n", (System.nanoTime() - t0) / 1e9);
        report(
                "HanLP.segment (with domain dictionary)",
                text,
                rounds,
                t -> HanLP.segment(t).size());
        report("Tokenizer.tokenize", text, rounds, t -> tok.tokenize(t).size());
        report(
                "Tokenizer.contentTokens",
                text,
                rounds,
                t -> tok.contentTokens(t).size());
    }

    private static void report(String name, String text, int rounds, ToIntFunction<String> f) {
        // Warm-up rounds keep their result, so the JIT cannot drop the work as dead code.
        int tokens = 0;
        for (int i = 0; i < 2; i++) {
            tokens = f.applyAsInt(text);
        }
        long best = Long.MAX_VALUE;
        long total = 0;
        for (int i = 0; i < rounds; i++) {
            long t0 = System.nanoTime();
            tokens = f.applyAsInt(text);
            long dt = System.nanoTime() - t0;
            best = Math.min(best, dt);
            total += dt;
        }
        System.out.printf(
                "%-42s %,12.0f chars/s (mean of %d), best %,12.0f chars/s, %,d tokens%n",
                name, text.length() / (total / 1e9 / rounds), rounds, text.length() / (best / 1e9), tokens);
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
