package dev.conduit.domain.reconcile;

import dev.conduit.domain.conduit.Side;

/** How a conflict is settled: one side's version wins, both are kept, or the user is asked. */
public sealed interface Settlement {

    /** In a few words, for plans and the conflict history: {@code source wins}, {@code kept both}, {@code pending}. */
    String label();

    /** The winner's version is propagated; the loser's goes to the trash (as a conflict loser) first. */
    record Winner(Side side, String rule) implements Settlement {
        @Override
        public String label() {
            return side.label() + " wins (" + rule + ")";
        }
    }

    /**
     * Both versions stay: the loser is renamed beside the winner under a conflict name on its own side, and from
     * there both names are propagated like any new file.
     */
    record KeepBoth(Side loser, String rule) implements Settlement {
        @Override
        public String label() {
            return "kept both (" + rule + "; the " + loser.label() + "'s version renamed)";
        }
    }

    /** Nothing is touched on either side until the user resolves it. */
    record Pending() implements Settlement {
        @Override
        public String label() {
            return "pending";
        }
    }
}
