package dev.conduit.domain.conduit;

import dev.conduit.domain.parse.Invalid;
import io.vavr.control.Either;

/**
 * At most this many bytes per second for one conduit's transfers, or {@link #UNLIMITED}. Written like rsync and
 * rclone: a number of bytes with an optional K, M or G suffix in powers of 1024 ({@code 512K}, {@code 10M}).
 */
public record BandwidthLimit(long bytesPerSecond) {

    public static final BandwidthLimit UNLIMITED = new BandwidthLimit(0);

    public BandwidthLimit {
        if (bytesPerSecond < 0) {
            throw new IllegalArgumentException("a bandwidth limit cannot be negative");
        }
    }

    public boolean isLimited() {
        return bytesPerSecond > 0;
    }

    private static final String SETTING = "bandwidth limit";

    /** {@code 0}, {@code none} and {@code off} mean no limit. */
    public static Either<Invalid, BandwidthLimit> parse(String raw) {
        if (raw == null || raw.isEmpty()) {
            return Either.left(new Invalid(SETTING, raw, "a bandwidth limit cannot be empty (like 512K, 10M or 1G)"));
        }
        if (raw.equals("none") || raw.equals("off")) {
            return Either.right(UNLIMITED);
        }
        char last = Character.toUpperCase(raw.charAt(raw.length() - 1));
        int shift = switch (last) {
            case 'K' -> 10;
            case 'M' -> 20;
            case 'G' -> 30;
            default -> 0;
        };
        String digits = shift == 0 ? raw : raw.substring(0, raw.length() - 1);
        if (digits.isEmpty() || digits.length() > 12 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Either.left(new Invalid(
                    SETTING, raw, "not a bandwidth limit: '" + raw + "' (bytes per second, like 512K, 10M or 1G)"));
        }
        return Either.right(new BandwidthLimit(Long.parseLong(digits) << shift));
    }

    /** The shortest exact spelling: {@code 10M} rather than {@code 10485760}; {@code none} when unlimited. */
    public String label() {
        if (!isLimited()) {
            return "none";
        }
        String[] suffixes = {"", "K", "M", "G"};
        long value = bytesPerSecond;
        int unit = 0;
        while (unit < 3 && value % 1024 == 0) {
            value /= 1024;
            unit++;
        }
        return value + suffixes[unit];
    }
}
