package dev.conduit.domain.conduit;

import static org.assertj.core.api.Assertions.assertThat;

import io.vavr.control.Option;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RemoteAddressTest {

    @ParameterizedTest(name = "{0} is remote: host {1}, path {2}")
    @CsvSource({
        "host:docs, host, docs",
        "ada@host:/home/ada/docs, ada@host, /home/ada/docs",
        "host:, host, ''",
        "ssh://ada@host:2222/srv/docs, ada@host:2222, /srv/docs",
        "ssh://host/docs, host, /docs"
    })
    void remoteForms(String raw, String host, String path) {
        assertThat(RemoteAddress.parse(raw)).isEqualTo(Option.some(new RemoteAddress(host, path)));
    }

    @ParameterizedTest(name = "{0} is a local folder")
    @ValueSource(strings = {"docs", "./a:b", "/media/usb/a:b", "../x:y", ":docs", "/abs/path"})
    void localForms(String raw) {
        assertThat(RemoteAddress.parse(raw)).isEmpty();
    }
}
