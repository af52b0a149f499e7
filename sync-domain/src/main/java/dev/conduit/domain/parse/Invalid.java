package dev.conduit.domain.parse;

/**
 * Why a value given as text (typed by a person, or read back from the library) is not valid: the setting it was for,
 * the value as given, and one line for a person saying what is wrong and what is accepted.
 *
 * @param setting what the value was for, in words ({@code mode}, {@code schedule}, {@code conduit name}, …)
 * @param value   the value as given; empty when none was
 * @param message the line shown to a person, naming the bad value and what is accepted
 */
public record Invalid(String setting, String value, String message) {

    public Invalid {
        value = value == null ? "" : value;
    }

    @Override
    public String toString() {
        return message;
    }
}
