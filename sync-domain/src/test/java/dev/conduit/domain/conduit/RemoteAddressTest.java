package dev.conduit.domain.conduit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.domain.host.RemoteHost;
import io.vavr.control.Option;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RemoteAddressTest {

    @ParameterizedTest(name = "{0} is remote: host {1}, path {2}")
    @CsvSource({
        "host:docs, host, docs",
        "ada@host:/home/ada/docs, ada@host, /home/ada/docs",
        "ssh://ada@host:2222/srv/docs, ada@host:2222, /srv/docs",
        "ssh://host/docs, host, /docs",
        "[::1]:/srv, [::1], /srv",
        "ssh://[::1]:22/srv, [::1]:22, /srv"
    })
    void remoteForms(String raw, String host, String path) {
        assertThat(RemoteAddress.isRemote(raw)).isTrue();
        assertThat(RemoteAddress.parse(raw).get().get())
                .isEqualTo(new RemoteAddress(RemoteHost.parse(host).get(), path));
    }

    @ParameterizedTest(name = "{0} is a local folder")
    @ValueSource(strings = {"docs", "./a:b", "/media/usb/a:b", "../x:y", ":docs", "/abs/path"})
    void localForms(String raw) {
        assertThat(RemoteAddress.parse(raw)).isEmpty();
        assertThat(RemoteAddress.isRemote(raw)).isFalse();
    }

    @ParameterizedTest(name = "{0} is remote but malformed")
    @ValueSource(
            strings = {
                "host:",
                "ssh://host",
                "ssh://host/",
                "ssh://host:0/docs",
                "ssh://host:65536/docs",
                "ssh://host:22x/docs",
                "ssh://host:/docs",
                "ssh:///docs",
                "ssh://-oProxyCommand=x/docs",
                "-oProxyCommand=x:docs",
                "@host:docs"
            })
    void malformed(String raw) {
        assertThat(RemoteAddress.isRemote(raw)).isTrue();
        assertThat(RemoteAddress.parse(raw).get().isLeft()).as(raw).isTrue();
        assertThat(RemoteAddress.parse(raw).get().getLeft().message()).isNotBlank();
    }

    @ParameterizedTest(name = "{0} is written {1}")
    @CsvSource({
        "alice@nas:/backup/docs, alice@nas:/backup/docs",
        "ssh://alice@nas/backup/docs, alice@nas:/backup/docs",
        "ssh://nas:2222/backup, ssh://nas:2222/backup"
    })
    void writtenForPeople(String raw, String written) {
        assertThat(RemoteAddress.parse(raw).get().get().written()).isEqualTo(written);
    }

    @org.junit.jupiter.api.Test
    void portsAndUsersAreKept() {
        RemoteHost host =
                RemoteAddress.parse("ssh://bob@nas:2200/x").get().get().host();
        assertThat(host.user()).isEqualTo(Option.some("bob"));
        assertThat(host.port()).isEqualTo(Option.some(2200));
        assertThat(host.destination()).isEqualTo("bob@nas");
        assertThat(RemoteHost.parse(host.key()).get()).isEqualTo(host);
    }
}
