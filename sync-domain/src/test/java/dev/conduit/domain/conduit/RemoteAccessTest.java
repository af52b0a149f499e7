package dev.conduit.domain.conduit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.domain.host.RemoteHost;
import dev.conduit.domain.index.RootIdentity;
import io.vavr.collection.List;
import io.vavr.control.Option;
import org.junit.jupiter.api.Test;

class RemoteAccessTest {

    private static final RemoteHost NAS =
            RemoteAddress.parse("ssh://alice@nas:2222/x").get().get().host();

    @Test
    void wordsAreSplitAsAShellSplitsThem() {
        assertThat(ShellWords.split("ssh -p 2222 -i 'my key' -o \"User=a b\" x\\ y")
                        .get())
                .containsExactly("ssh", "-p", "2222", "-i", "my key", "-o", "User=a b", "x y");
        assertThat(ShellWords.split("  a\t''  b ").get()).containsExactly("a", "", "b");
        assertThat(ShellWords.split("a 'open").isLeft()).isTrue();
        assertThat(ShellWords.split("a \"open").isLeft()).isTrue();
        assertThat(ShellWords.split("a\\").isLeft()).isTrue();
    }

    @Test
    void theConduitsSshComesFirstThenTheEnvironmentThenSsh() {
        RemoteAccess given = new RemoteAccess(Option.some("ssh -i 'k k'"), "/opt/conduit/conduit --quiet");
        assertThat(given.command(NAS, Option.some("other")))
                .containsExactly(
                        "ssh", "-i", "k k", "-p", "2222", "alice@nas", "/opt/conduit/conduit", "--quiet", "agent");
        assertThat(RemoteAccess.DEFAULTS.command(RemoteHost.named("nas"), Option.some("myssh -v")))
                .containsExactly("myssh", "-v", "nas", "conduit", "agent");
        assertThat(RemoteAccess.DEFAULTS.command(RemoteHost.named("nas"), Option.none()))
                .containsExactly("ssh", "nas", "conduit", "agent");
    }

    @Test
    void settingsChangeParsesBothOptionsAndRefusesBadOnes() {
        SettingsChange change = new SettingsChange(
                Option.none(),
                Option.none(),
                Option.none(),
                Option.none(),
                Option.none(),
                Option.none(),
                Option.none(),
                Option.none(),
                Option.some("ssh -p 2"),
                Option.some("bin/conduit"));
        ConduitSettings changed = change.applyTo(ConduitSettings.DEFAULTS).get();
        assertThat(changed.remote()).isEqualTo(new RemoteAccess(Option.some("ssh -p 2"), "bin/conduit"));
        SettingsChange reset = new SettingsChange(
                Option.none(),
                Option.none(),
                Option.none(),
                Option.none(),
                Option.none(),
                Option.none(),
                Option.none(),
                Option.none(),
                Option.some(""),
                Option.none());
        assertThat(reset.applyTo(changed).get().remote().ssh()).isEmpty();
        SettingsChange bad = new SettingsChange(
                Option.none(),
                Option.none(),
                Option.none(),
                Option.none(),
                Option.none(),
                Option.none(),
                Option.none(),
                Option.none(),
                Option.some("ssh 'x"),
                Option.none());
        assertThat(bad.applyTo(ConduitSettings.DEFAULTS).isInvalid()).isTrue();
        assertThat(bad.applyTo(ConduitSettings.DEFAULTS).getError().head().message())
                .startsWith("--ssh");
    }

    @Test
    void overlapIsOnlyOnOneMachine() {
        RootIdentity id = new RootIdentity("1", "2");
        Conduit existing = new Conduit(
                new ConduitId(1),
                ConduitName.parse("docs").get(),
                new Endpoint("/home/a/docs", id),
                new Endpoint("/backup/docs", id, Option.some(RemoteHost.named("nas"))),
                ConduitSettings.DEFAULTS,
                true,
                Option.none());
        Roots.Place local = Roots.Place.local("/data");
        assertThat(Roots.problemWith(
                        local, new Roots.Place(Option.some(RemoteHost.named("NAS")), "/backup"), List.of(existing)))
                .singleElement()
                .asString()
                .contains("nas:/backup/docs");
        assertThat(Roots.problemWith(
                        local, new Roots.Place(Option.some(RemoteHost.named("other")), "/backup"), List.of(existing)))
                .isEmpty();
        assertThat(Roots.problemWith(local, Roots.Place.local("/backup/docs"), List.of(existing)))
                .isEmpty();
        assertThat(Roots.problemWith(
                        Roots.Place.local("/x"),
                        new Roots.Place(Option.some(RemoteHost.named("nas")), "/x"),
                        List.empty()))
                .isEmpty();
        assertThat(existing.target().written()).isEqualTo("nas:/backup/docs");
    }
}
