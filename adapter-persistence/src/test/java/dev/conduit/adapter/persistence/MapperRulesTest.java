package dev.conduit.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.Arrays;
import org.apache.ibatis.annotations.Options;
import org.junit.jupiter.api.Test;

/** Rules the mappers keep because of how the library opens its connections. */
class MapperRulesTest {

    /** The driver fetches no generated keys (ADR 0037): a mapper asking for them would silently get no id. */
    @Test
    void noStatementAsksTheDriverForGeneratedKeys() {
        assertThat(SqliteLibrary.MAPPERS).isNotEmpty();
        assertThat(SqliteLibrary.MAPPERS.stream()
                        .flatMap(mapper -> Arrays.stream(mapper.getDeclaredMethods()))
                        .filter(method -> asksForKeys(method))
                        .map(method -> method.getDeclaringClass().getSimpleName() + "." + method.getName()))
                .isEmpty();
    }

    @Test
    void theRuleSeesAStatementThatWouldAsk() throws NoSuchMethodException {
        assertThat(asksForKeys(Asking.class.getDeclaredMethod("insert"))).isTrue();
    }

    private static boolean asksForKeys(Method method) {
        Options options = method.getAnnotation(Options.class);
        return options != null && options.useGeneratedKeys();
    }

    private interface Asking {
        @Options(useGeneratedKeys = true, keyProperty = "id")
        void insert();
    }
}
