package dev.conduit.domain.generation;

import dev.conduit.domain.parse.Invalid;
import io.vavr.control.Either;

/**
 * Whether a sync reached its goal, found by resolving again once it is done: an empty plan means {@code verified};
 * otherwise {@code failed:<reason>}. {@code pending} while the sync runs (and for one that was killed).
 */
public sealed interface Verification {

    Verification PENDING = new Pending();
    Verification VERIFIED = new Verified();
    /** A sync stopped at a safe point as asked (pause, Ctrl-C): not done, and nothing to verify yet. */
    Verification PAUSED = new Failed("paused");
    /** A sync whose process died before its end (killed, crashed): the next sync carries it on. */
    Verification INTERRUPTED = new Failed("interrupted");

    String label();

    record Pending() implements Verification {
        @Override
        public String label() {
            return "pending";
        }
    }

    record Verified() implements Verification {
        @Override
        public String label() {
            return "verified";
        }
    }

    /** @param reason a few words, like {@code 3 actions left} */
    record Failed(String reason) implements Verification {

        public Failed {
            if (reason == null || reason.isBlank()) {
                throw new IllegalArgumentException("a failed verification says why");
            }
        }

        @Override
        public String label() {
            return "failed:" + reason;
        }
    }

    static Either<Invalid, Verification> parse(String label) {
        if ("pending".equals(label)) {
            return Either.right(PENDING);
        }
        if ("verified".equals(label)) {
            return Either.right(VERIFIED);
        }
        if (label != null && label.startsWith("failed:") && label.length() > "failed:".length()) {
            return Either.right(new Failed(label.substring("failed:".length())));
        }
        return Either.left(new Invalid("verification status", label, "not a verification status: " + label));
    }
}
