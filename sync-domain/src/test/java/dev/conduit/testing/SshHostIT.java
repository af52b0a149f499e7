package dev.conduit.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The two-host harness itself: a real sshd in another network namespace, reached with a real ssh. */
class SshHostIT {

    private static SshHost host;

    @TempDir
    Path work;

    @BeforeAll
    static void startTheOtherHost() throws Exception {
        host = SshHost.start();
    }

    @AfterAll
    static void stopTheOtherHost() throws Exception {
        host.close();
    }

    private record Run(int exit, String output) {}

    private static Run run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), output);
    }

    @Test
    void sshRunsACommandOnTheOtherHostThatSeesTheOtherNamespacesAddress() throws Exception {
        Run run = run(host.ssh("ip -4 -o addr show; echo user=$(id -un)"));

        assertThat(run.exit()).as(run.output()).isZero();
        String user = ChildJvm.isRoot() ? "root" : System.getProperty("user.name");
        assertThat(run.output()).contains("user=" + user);
        if (host.isolated()) {
            assertThat(run.output())
                    .as("the remote side has the namespace's address, not this side's")
                    .contains(" " + host.remoteAddress() + "/")
                    .doesNotContain(" " + host.localAddress() + "/");
            assertThat(addressesOfThisSide()).contains(host.localAddress()).doesNotContain(host.remoteAddress());
        } else {
            System.err.println("SshHostIT: loopback fallback, the two sides share one network namespace");
        }
    }

    @Test
    void theHostKeyIsCheckedAndAnUnauthorizedKeyIsRefused() throws Exception {
        Path config = work.resolve("ssh_config");
        Path empty = Files.createFile(work.resolve("known_hosts"));
        Files.writeString(
                config,
                Files.readString(host.sshConfig())
                        .replaceAll(
                                "UserKnownHostsFile .*",
                                java.util.regex.Matcher.quoteReplacement("UserKnownHostsFile " + empty)));
        Files.setPosixFilePermissions(config, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));

        Run unknownHost = run(List.of("ssh", "-F", config.toString(), host.alias(), "true"));
        Run wrongKey = run(List.of("ssh", "-F", host.sshConfig().toString(), host.aliasWithWrongKey(), "true"));

        assertThat(unknownHost.exit()).isEqualTo(255);
        assertThat(unknownHost.output()).contains("Host key verification failed");
        assertThat(wrongKey.exit()).isEqualTo(255);
        assertThat(wrongKey.output()).contains("Permission denied");
    }

    @Test
    void theUnreachableNameReachesNoHost() throws Exception {
        Run unreachable = run(List.of("ssh", "-F", host.sshConfig().toString(), host.unreachableAlias(), "true"));

        assertThat(unreachable.exit()).isEqualTo(255);
        assertThat(unreachable.output())
                .containsAnyOf("No route to host", "timed out", "Connection refused", "Host is unreachable");
    }

    @Test
    void rsyncOverSshCopiesAFileToTheOtherHost() throws Exception {
        Path source = Files.createDirectories(work.resolve("source"));
        byte[] content = new byte[300_000];
        new Random(15).nextBytes(content);
        Files.write(source.resolve("a.bin"), content);
        Path remote = work.resolve("remote");

        Run rsync = run(List.of("rsync", "-a", "-e", host.sshOption(), source + "/", host.endpoint(remote) + "/"));

        assertThat(rsync.exit()).as(rsync.output()).isZero();
        assertThat(Files.readAllBytes(remote.resolve("a.bin"))).isEqualTo(content);
    }

    @Test
    void theAgentWrapperRunsTheLauncherWithItsOwnLibraryOnTheOtherHost() throws Exception {
        Path launcher = work.resolve("fake-conduit");
        Files.writeString(launcher, "#!/bin/sh\necho \"library=$CONDUIT_LIBRARY args=$*\"\n");
        launcher.toFile().setExecutable(true);
        Path library = work.resolve("remote library");

        Path wrapper = host.remoteConduit(launcher, library);
        Run run = run(host.ssh(SshHost.quoted(wrapper.toString()) + " agent 'a b'"));

        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.output().strip()).isEqualTo("library=" + library + " args=agent a b");
    }

    @Test
    void aCutEndsATransferUnderWay() throws Exception {
        Process session = new ProcessBuilder(host.ssh("echo started; exec sleep 600"))
                .redirectErrorStream(true)
                .start();
        try {
            BufferedReader said =
                    new BufferedReader(new InputStreamReader(session.getInputStream(), StandardCharsets.UTF_8));
            assertThat(said.readLine()).isEqualTo("started");
            assertThat(awaitRemote("sleep"))
                    .as("the session runs on the other host")
                    .isTrue();

            int cut = host.cutConnections();

            assertThat(cut).isEqualTo(1);
            assertThat(session.waitFor(15, TimeUnit.SECONDS))
                    .as("the client ends when its connection is cut")
                    .isTrue();
            assertThat(session.exitValue()).isEqualTo(255);
            Run next = run(host.ssh("echo again"));
            assertThat(next.output()).as("the host itself is still up").contains("again");
        } finally {
            session.destroyForcibly();
        }
    }

    /** Whether a program of that name runs in a session of the other host within 10 s. */
    private static boolean awaitRemote(String program) throws InterruptedException {
        for (int poll = 0; poll < 200; poll++) {
            if (host.remoteProcesses().stream()
                    .anyMatch(process -> process.info().command().orElse("").endsWith("/" + program))) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    @Test
    void cuttingWithoutAConnectionFails() throws Exception {
        for (int poll = 0; poll < 200 && !host.remoteProcesses().isEmpty(); poll++) {
            Thread.sleep(50); // the sessions of the other tests end after their clients
        }
        assertThat(host.remoteProcesses()).isEmpty();

        org.assertj.core.api.Assertions.assertThatThrownBy(host::cutConnections)
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("no ssh connection");
    }

    @Test
    void netemDelaysTheLink() throws Exception {
        Assumptions.assumeTrue(host.isolated(), "netem needs the namespace (loopback fallback here)");
        double plain = connectMillis();
        try {
            host.netem(200, 100);
        } catch (UnsupportedOperationException noNetem) {
            Assumptions.abort("no netem in this kernel: " + noNetem.getMessage());
        }
        try {
            double shaped = connectMillis();

            assertThat(shaped).as("a TCP handshake is one round trip").isGreaterThanOrEqualTo(190);
            assertThat(plain).isLessThan(100);
        } finally {
            host.clearNetem();
        }
        assertThat(connectMillis()).isLessThan(100);
    }

    @Test
    void aStoppedHostRefusesConnectionsAndAKilledRunsLeftoversAreRemoved() throws Exception {
        Process holder = ChildJvm.of(SshHostHolder.class).start();
        String[] held = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8))
                .readLine()
                .split(" ");
        String namespace = held[0];
        long sshd = Long.parseLong(held[1]);
        Path config = Path.of(held[2]);
        boolean isolated = Boolean.parseBoolean(held[3]);
        holder.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook runs
        assertThat(ProcessHandle.of(sshd).map(ProcessHandle::isAlive))
                .as("its sshd is left")
                .contains(true);
        if (isolated) {
            assertThat(Path.of("/run/netns", namespace))
                    .as("its namespace is left")
                    .exists();
        }

        SshHost.removeLeftovers();

        assertThat(ProcessHandle.of(sshd).map(ProcessHandle::isAlive).orElse(false))
                .as("the left sshd")
                .isFalse();
        assertThat(Path.of("/run/netns", namespace)).doesNotExist();
        assertThat(config.getParent()).as("its folder").doesNotExist();

        try (SshHost stopped = SshHost.start()) {
            assertThat(run(stopped.ssh("true")).exit()).isZero();
            stopped.stop();
            Run refused = run(stopped.ssh("true"));
            assertThat(refused.exit()).isEqualTo(255);
            assertThat(refused.output()).contains("Connection refused");
        }
    }

    private static double connectMillis() throws Exception {
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            long started = System.nanoTime();
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(host.remoteAddress(), 22), 5000);
            }
            times.add(System.nanoTime() - started);
        }
        return Collections.min(times) / 1e6;
    }

    private static List<String> addressesOfThisSide() throws Exception {
        return Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                .flatMap(NetworkInterface::inetAddresses)
                .map(address -> address.getHostAddress())
                .toList();
    }
}
