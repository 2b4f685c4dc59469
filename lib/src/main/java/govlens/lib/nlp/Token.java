package govlens.lib.nlp;

import java.io.Serializable;

/**
 * One token of a text as produced by {@link Tokenizer}.
 *
 * @param term the token exactly as written: {@code text.substring(charStart, charEnd)}
 * @param pos HanLP (PKU-style) part-of-speech tag, e.g. "n", "vn", "ns", "nz", "mq", "w"
 * @param charStart UTF-16 offset into the tokenized text, inclusive
 * @param charEnd exclusive
 */
public record Token(String term, String pos, int charStart, int charEnd) implements Serializable {}
