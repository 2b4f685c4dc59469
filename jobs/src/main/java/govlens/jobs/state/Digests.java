package govlens.jobs.state;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 digests of named parts, the one hashing routine of the fingerprints and model ids. */
public final class Digests {
    private Digests() {}

    /** Hex SHA-256 of a string (UTF-8). */
    public static String of(String text) {
        return builder().add("", text.getBytes(StandardCharsets.UTF_8)).hex();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Accumulates named parts; each part is framed by its name and length, so ("ab", "c") and ("a", "bc")
     * differ.
     */
    public static final class Builder {
        private final MessageDigest sha;

        private Builder() {
            try {
                sha = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
            }
        }

        public Builder add(String name, byte[] content) {
            byte[] n = name.getBytes(StandardCharsets.UTF_8);
            sha.update(frame(n.length));
            sha.update(n);
            sha.update(frame(content.length));
            sha.update(content);
            return this;
        }

        public Builder add(String name, String content) {
            return add(name, content.getBytes(StandardCharsets.UTF_8));
        }

        /** The digest in hex; the builder must not be used afterwards. */
        public String hex() {
            return HexFormat.of().formatHex(sha.digest());
        }

        private static byte[] frame(int n) {
            return new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n};
        }
    }
}
