package dev.conduit.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * "Another host" on this machine, for tests of remote endpoints: a network namespace joined to this one by a veth
 * pair, a real OpenSSH {@code sshd} in it on a host key made for the test, a client key made for the test and
 * authorized for the test's user, and an {@code ssh_config} that checks the host key strictly against a
 * {@code known_hosts} file written here ({@code BatchMode yes}: nothing ever prompts). {@code ssh -F CONFIG ALIAS}
 * reaches it; {@link #sshOption()} is the value of {@code --ssh}, {@link #endpoint} an endpoint {@code ALIAS:PATH}.
 *
 * <p>Only the network is another namespace: the "remote" side shares this machine's file system, so its roots are
 * temporary folders, and its {@code conduit agent} is this checkout's launcher, with a library of its own through a
 * wrapper script ({@link #remoteConduit}), the value of {@code --remote-conduit}.
 *
 * <p>Every host takes a slot (a lock file held while it lives) that names its namespace and interfaces and picks its
 * addresses, so test classes in parallel forks each have their own. A run killed before {@link #close} leaves a
 * namespace and an {@code sshd} behind: the next {@link #start} removes them (their slot's lock is free again).
 *
 * <p>Where namespaces are not allowed (not root, no {@code ip netns}), {@code sshd} listens on a loopback port of this
 * network instead, and the harness says so on standard error; {@link #isolated()} tells the two apart, and
 * {@link #netem} needs the namespace.
 */
public final class SshHost implements AutoCloseable {

    private static final int SLOTS = 250;
    private static final String NAMESPACE = "conduit-ssh-";
    private static final Path NETNS = Path.of("/run/netns");

    /**
     * The slots this JVM holds. Their lock files are never opened a second time here: closing any channel of a file
     * drops every lock this process holds on it.
     */
    private static final java.util.Set<Integer> HELD = new java.util.HashSet<>();

    private final int slot;
    private final FileChannel lockFile;
    private final FileLock lock;
    private final Path folder;
    private final boolean isolated;
    private final String address;
    private final int port;
    private final int unusedPort;
    private final Thread cleanup = new Thread(this::closeQuietly);
    private int agents;
    private Process sshd;
    private boolean closed;

    private SshHost(int slot, FileChannel lockFile, FileLock lock, Path folder, Optional<String> noNamespace)
            throws IOException {
        this.slot = slot;
        this.lockFile = lockFile;
        this.lock = lock;
        this.folder = folder;
        this.isolated = noNamespace.isEmpty();
        this.address = isolated ? subnet() + ".2" : "127.0.0.1";
        this.port = isolated ? 22 : freeLoopbackPort();
        this.unusedPort = isolated ? 22 : anotherFreeLoopbackPort(port);
        noNamespace.ifPresent(reason -> System.err.println("SshHost: no network namespace here (" + reason
                + "): sshd listens on 127.0.0.1:" + port + " of this network instead; no netem"));
    }

    /** Sets up the host and starts its {@code sshd}; returns once it accepts connections. */
    public static synchronized SshHost start() throws IOException {
        removeLeftovers();
        for (int slot = 0; slot < SLOTS; slot++) {
            if (HELD.contains(slot)) {
                continue;
            }
            FileChannel channel = lockChannel(slot);
            Optional<FileLock> lock = tryLock(channel);
            if (lock.isPresent()) {
                HELD.add(slot);
                Path folder = Files.createTempDirectory("conduit-ssh-host-" + slot + "-");
                record(channel, folder + "\n");
                Optional<String> noNamespace;
                try {
                    noNamespace = setUpNamespace(slot);
                } catch (RuntimeException | Error e) {
                    removeNamespace(slot);
                    HELD.remove(slot);
                    channel.close(); // releases the slot
                    deleteTree(folder);
                    throw e;
                }
                SshHost host = new SshHost(slot, channel, lock.get(), folder, noNamespace);
                Runtime.getRuntime().addShutdownHook(host.cleanup);
                try {
                    host.writeKeysAndConfigs();
                    host.startSshd();
                } catch (IOException | RuntimeException | Error e) {
                    host.close();
                    throw e;
                }
                return host;
            }
            channel.close();
        }
        throw new AssertionError("all " + SLOTS + " slots of SshHost are taken");
    }

    /** True when the host is a network namespace of its own; false on the loopback fallback. */
    public boolean isolated() {
        return isolated;
    }

    /** The host's name in the generated {@code ssh_config}: endpoints are {@code ALIAS:PATH}. */
    public String alias() {
        return "remote" + slot;
    }

    /** Another name for the same host whose login offers a key that is not authorized there. */
    public String aliasWithWrongKey() {
        return alias() + "-wrong-key";
    }

    /**
     * A name in the same ssh_config for an address where no host answers: on the namespace's link, an address nobody
     * has (no route to host, or the connect timeout of 5 s); on the loopback fallback, a port nobody listens on.
     */
    public String unreachableAlias() {
        return alias() + "-unreachable";
    }

    /** The endpoint {@code ALIAS:PATH} of a folder on the remote side. */
    public String endpoint(Path remote) {
        return alias() + ":" + remote.toAbsolutePath();
    }

    /** The remote side's address ({@code 127.0.0.1} on the loopback fallback). */
    public String remoteAddress() {
        return address;
    }

    /** This side's address on the link to the remote side ({@code 127.0.0.1} on the loopback fallback). */
    public String localAddress() {
        return isolated ? subnet() + ".1" : "127.0.0.1";
    }

    /** The generated {@code ssh_config}. */
    public Path sshConfig() {
        return folder.resolve("ssh_config");
    }

    /** The {@code ssh} command words: {@code ssh -F CONFIG}. */
    public List<String> sshCommand() {
        return List.of("ssh", "-F", sshConfig().toString());
    }

    /** The value of {@code --ssh} (or {@code $CONDUIT_SSH}, or rsync's {@code -e}): {@code ssh -F CONFIG}. */
    public String sshOption() {
        return "ssh -F " + quoted(sshConfig().toString());
    }

    /** The command words that run {@code command} (a shell command line) on the remote side. */
    public List<String> ssh(String command) {
        List<String> words = new ArrayList<>(sshCommand());
        words.add(alias());
        words.add(command);
        return words;
    }

    /**
     * The value of {@code --remote-conduit}: a script written here that runs {@code launcher} (this checkout's
     * {@code ./conduit}) with {@code CONDUIT_LIBRARY=library} and this JVM's {@code PATH} and {@code JAVA_HOME}, as
     * the remote side's {@code conduit}.
     */
    public Path remoteConduit(Path launcher, Path library) {
        return remoteConduit(launcher, library, Map.of());
    }

    /** {@link #remoteConduit(Path, Path)} with more environment for the agent (e.g. {@code CONDUIT_JAVA_OPTS}). */
    public Path remoteConduit(Path launcher, Path library, Map<String, String> environment) {
        StringBuilder script = new StringBuilder("#!/bin/sh\n");
        script.append("export CONDUIT_LIBRARY=")
                .append(quoted(library.toAbsolutePath().toString()))
                .append('\n');
        for (String inherited : List.of("PATH", "JAVA_HOME")) {
            Optional.ofNullable(System.getenv(inherited))
                    .ifPresent(value -> script.append("export ")
                            .append(inherited)
                            .append('=')
                            .append(quoted(value))
                            .append('\n'));
        }
        environment.forEach((name, value) -> script.append("export ")
                .append(name)
                .append('=')
                .append(quoted(value))
                .append('\n'));
        script.append("exec ")
                .append(quoted(launcher.toAbsolutePath().toString()))
                .append(" \"$@\"\n");
        try {
            Path wrapper = folder.resolve("conduit-" + ++agents);
            Files.writeString(wrapper, script);
            Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwxr-xr-x"));
            return wrapper;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Shapes the link with {@code tc netem} on both ends of the veth pair: each direction delayed by half of
     * {@code roundTripMs} and limited to {@code rateMbit}. Throws {@link UnsupportedOperationException} on the
     * loopback fallback and where the kernel has no {@code sch_netem}.
     */
    public void netem(double roundTripMs, int rateMbit) {
        requireNamespace("netem");
        long oneWayMicros = Math.round(roundTripMs * 500);
        for (List<String> device : List.of(
                List.of("tc", "qdisc", "replace", "dev", "cdh" + slot),
                List.of("ip", "netns", "exec", namespace(slot), "tc", "qdisc", "replace", "dev", "cdr" + slot))) {
            List<String> command = new ArrayList<>(device);
            command.addAll(List.of(
                    "root", "netem", "delay", oneWayMicros + "us", "rate", rateMbit + "mbit", "limit", "100000"));
            Outcome outcome = Outcome.of(command);
            if (outcome.exit() != 0) {
                throw new UnsupportedOperationException("tc netem failed (the kernel needs sch_netem): "
                        + String.join(" ", command) + ": " + outcome.output().strip());
            }
        }
    }

    /** Removes what {@link #netem} set: the link is as fast as the machine again. */
    public void clearNetem() {
        requireNamespace("netem");
        Outcome.of(List.of("tc", "qdisc", "del", "dev", "cdh" + slot, "root"));
        Outcome.of(List.of("ip", "netns", "exec", namespace(slot), "tc", "qdisc", "del", "dev", "cdr" + slot, "root"));
    }

    /** What {@code sshd} logged (connections, logins, errors): for a failing test's message. */
    public String sshdLog() {
        try {
            return Files.readString(folder.resolve("sshd.log"));
        } catch (IOException e) {
            return "(no sshd log: " + e + ")";
        }
    }

    /** The process id of the listening {@code sshd}. */
    public long sshdPid() {
        if (sshd == null) {
            throw new IllegalStateException("sshd is stopped");
        }
        return sshd.pid();
    }

    /** The processes of the remote side's sessions: every descendant of {@code sshd}. */
    public List<ProcessHandle> remoteProcesses() {
        return sshd == null ? List.of() : sshd.descendants().toList();
    }

    /**
     * Cuts every open connection: kills (SIGKILL) {@code sshd}'s per-connection processes, as a lost link would end
     * them; what they ran on the remote side loses its standard input and output. Fails when there was no
     * connection to cut; returns how many there were.
     */
    public int cutConnections() {
        List<ProcessHandle> connections =
                sshd == null ? List.of() : sshd.children().toList();
        if (connections.isEmpty()) {
            throw new AssertionError("no ssh connection to cut");
        }
        List<ProcessHandle> sessions = sshd.descendants()
                .filter(process -> process.info().command().orElse("").endsWith("/sshd"))
                .toList();
        sessions.forEach(ProcessHandle::destroyForcibly);
        sessions.forEach(SshHost::awaitExit);
        return connections.size();
    }

    /** Stops {@code sshd} and every session: the host no longer accepts connections (refused). */
    public void stop() {
        if (sshd == null) {
            return;
        }
        List<ProcessHandle> all = new ArrayList<>(sshd.descendants().toList());
        all.add(sshd.toHandle());
        all.forEach(ProcessHandle::destroyForcibly);
        all.forEach(SshHost::awaitExit);
        sshd = null;
    }

    /** Stops the host and removes its namespace, interfaces and files. */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        stop();
        if (isolated) {
            removeNamespace(slot);
        }
        deleteTree(folder);
        record(lockFile, "");
        lock.release();
        lockFile.close();
        synchronized (SshHost.class) {
            HELD.remove(slot);
        }
        try {
            Runtime.getRuntime().removeShutdownHook(cleanup);
        } catch (IllegalStateException shuttingDown) {
            // the hook is what runs this
        }
    }

    private void closeQuietly() {
        try {
            close();
        } catch (IOException | RuntimeException e) {
            System.err.println("SshHost: cleaning up failed: " + e);
        }
    }

    private void requireNamespace(String what) {
        if (!isolated) {
            throw new UnsupportedOperationException(what + " needs the network namespace (loopback fallback here)");
        }
    }

    private String subnet() {
        return "10.251." + slot;
    }

    private void writeKeysAndConfigs() throws IOException {
        for (String key : List.of("host_key", "client_key", "wrong_key")) {
            Shell.run(
                    "ssh-keygen",
                    "-q",
                    "-t",
                    "ed25519",
                    "-N",
                    "",
                    "-C",
                    "conduit-test-" + key,
                    "-f",
                    folder.resolve(key).toString());
        }
        Files.copy(folder.resolve("client_key.pub"), folder.resolve("authorized_keys"));
        Files.writeString(folder.resolve("known_hosts"), alias() + " " + publicKey("host_key") + "\n");
        Files.writeString(folder.resolve("sshd_config"), sshdConfig());
        Files.writeString(sshConfig(), sshConfigText());
        Files.setPosixFilePermissions(sshConfig(), PosixFilePermissions.fromString("rw-------"));
    }

    private String publicKey(String key) throws IOException {
        String[] fields = Files.readString(folder.resolve(key + ".pub")).strip().split(" ");
        return fields[0] + " " + fields[1];
    }

    private String sshdConfig() {
        return String.join(
                "\n",
                "ListenAddress " + address,
                "Port " + port,
                "HostKey " + folder.resolve("host_key"),
                "PidFile " + folder.resolve("sshd.pid"),
                "AuthorizedKeysFile " + folder.resolve("authorized_keys"),
                "PermitRootLogin prohibit-password",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "UsePAM no",
                "StrictModes no",
                "PrintMotd no",
                "MaxStartups 100",
                "MaxSessions 100",
                "");
    }

    private String sshConfigText() {
        String user = ChildJvm.isRoot() ? "root" : System.getProperty("user.name");
        return String.join(
                "\n",
                "Host " + alias(),
                "  IdentityFile " + folder.resolve("client_key"),
                "Host " + aliasWithWrongKey(),
                "  IdentityFile " + folder.resolve("wrong_key"),
                "Host " + unreachableAlias(),
                "  IdentityFile " + folder.resolve("client_key"),
                "  HostName " + (isolated ? subnet() + ".3" : "127.0.0.1"),
                "  Port " + (isolated ? 22 : unusedPort),
                "Host " + alias() + " " + aliasWithWrongKey() + " " + unreachableAlias(),
                "  HostName " + address,
                "  Port " + port,
                "  User " + user,
                "  HostKeyAlias " + alias(),
                "  UserKnownHostsFile " + folder.resolve("known_hosts"),
                "  GlobalKnownHostsFile /dev/null",
                "  StrictHostKeyChecking yes",
                "  BatchMode yes",
                "  IdentitiesOnly yes",
                "  IdentityAgent none",
                "  ConnectTimeout 5",
                "  ServerAliveInterval 5",
                "  ServerAliveCountMax 3",
                "  LogLevel ERROR",
                "");
    }

    private void startSshd() throws IOException {
        Path program = Stream.of("/usr/sbin/sshd", "/usr/bin/sshd", "/sbin/sshd")
                .map(Path::of)
                .filter(Files::isExecutable)
                .findFirst()
                .orElseThrow(() -> new AssertionError("sshd is needed (Debian's openssh-server; .ci/run installs it)"));
        if (ChildJvm.isRoot()) {
            Files.createDirectories(Path.of("/run/sshd")); // its privilege separation folder
        }
        List<String> command = new ArrayList<>();
        if (isolated) {
            command.addAll(List.of("ip", "netns", "exec", namespace(slot)));
        }
        command.addAll(List.of(
                program.toString(),
                "-D",
                "-e",
                "-f",
                folder.resolve("sshd_config").toString()));
        Path log = folder.resolve("sshd.log");
        sshd = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        record(lockFile, folder + "\n" + sshd.pid() + "\n");
        awaitListening(log);
    }

    private void awaitListening(Path log) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (!sshd.isAlive()) {
                throw new AssertionError("sshd did not start: " + Files.readString(log));
            }
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress(address, port), 500);
                return;
            } catch (IOException notYet) {
                pause(50);
            }
        }
        throw new AssertionError(
                "sshd did not listen on " + address + ":" + port + " in 20 s: " + Files.readString(log));
    }

    /** Empty when the namespace and its veth pair are set up; else why not (the loopback fallback then). */
    private static Optional<String> setUpNamespace(int slot) {
        if (!ChildJvm.isRoot()) {
            return Optional.of("not root");
        }
        String namespace = namespace(slot);
        Outcome added = Outcome.of(List.of("ip", "netns", "add", namespace));
        if (added.exit() != 0) {
            return Optional.of("ip netns add: " + added.output().strip());
        }
        String subnet = "10.251." + slot;
        String host = "cdh" + slot;
        String remote = "cdr" + slot;
        Shell.run("ip", "link", "add", host, "type", "veth", "peer", "name", remote);
        Shell.run("ip", "link", "set", remote, "netns", namespace);
        Shell.run("ip", "addr", "add", subnet + ".1/24", "dev", host);
        Shell.run("ip", "link", "set", host, "up");
        Shell.run("ip", "-n", namespace, "addr", "add", subnet + ".2/24", "dev", remote);
        Shell.run("ip", "-n", namespace, "link", "set", remote, "up");
        Shell.run("ip", "-n", namespace, "link", "set", "lo", "up");
        return Optional.empty();
    }

    /**
     * Removes what killed runs left behind: for every slot whose lock is free, its namespace (and every process in
     * it), its host-side interface, its folder and, on the loopback fallback, its {@code sshd}.
     */
    public static synchronized void removeLeftovers() throws IOException {
        for (int slot = 0; slot < SLOTS; slot++) {
            if (HELD.contains(slot) || !Files.exists(lockPath(slot))) {
                continue;
            }
            try (FileChannel channel = lockChannel(slot)) {
                Optional<FileLock> lock = tryLock(channel);
                if (lock.isPresent()) {
                    removeLeftovers(slot, channel);
                    lock.get().release();
                }
            }
        }
    }

    private static void removeLeftovers(int slot, FileChannel channel) throws IOException {
        if (Files.exists(NETNS.resolve(namespace(slot)))) {
            removeNamespace(slot);
        }
        channel.position(0);
        java.nio.ByteBuffer content = java.nio.ByteBuffer.allocate((int) channel.size());
        while (content.hasRemaining() && channel.read(content) > 0) {
            // reads the whole record
        }
        List<String> recorded =
                new String(content.array(), StandardCharsets.UTF_8).lines().toList();
        if (recorded.size() >= 2 && !recorded.get(1).isBlank()) {
            ProcessHandle.of(Long.parseLong(recorded.get(1).strip()))
                    .filter(process -> process.info()
                            .arguments()
                            .map(arguments -> String.join(" ", arguments).contains(recorded.get(0)))
                            .orElse(false))
                    .ifPresent(process -> {
                        process.descendants().forEach(ProcessHandle::destroyForcibly);
                        process.destroyForcibly();
                    });
        }
        if (!recorded.isEmpty() && recorded.get(0).contains("conduit-ssh-host-")) {
            deleteTree(Path.of(recorded.get(0)));
        }
        record(channel, "");
    }

    /** What a slot's lock file records: the host's folder, then its sshd's process id. */
    private static void record(FileChannel channel, String text) throws IOException {
        channel.truncate(0);
        channel.write(StandardCharsets.UTF_8.encode(text), 0);
        channel.force(false);
    }

    private static void removeNamespace(int slot) {
        String namespace = namespace(slot);
        if (Files.exists(NETNS.resolve(namespace))) {
            for (String pid : Outcome.of(List.of("ip", "netns", "pids", namespace))
                    .output()
                    .split("\\s+")) {
                if (!pid.isBlank()) {
                    ProcessHandle.of(Long.parseLong(pid)).ifPresent(process -> {
                        process.destroyForcibly();
                        awaitExit(process);
                    });
                }
            }
            Shell.run("ip", "netns", "del", namespace);
        }
        if (Files.exists(Path.of("/sys/class/net/cdh" + slot))) { // gone with the namespace, or soon
            Outcome deleted = Outcome.of(List.of("ip", "link", "del", "cdh" + slot));
            if (deleted.exit() != 0 && !deleted.output().contains("Cannot find device")) {
                throw new AssertionError("ip link del cdh" + slot + " failed: " + deleted.output());
            }
        }
    }

    /** The namespace of a slot: {@code ip netns exec NAME ...} runs there. */
    public static String namespace(int slot) {
        return NAMESPACE + slot;
    }

    /** This host's namespace ({@code ip netns exec NAME ...}); meaningless on the loopback fallback. */
    public String namespace() {
        return namespace(slot);
    }

    private static Path lockPath(int slot) {
        Path locks = ChildJvm.isRoot()
                ? Path.of("/run/conduit-ssh-hosts")
                : Path.of(System.getProperty("java.io.tmpdir"), "conduit-ssh-hosts-" + System.getProperty("user.name"));
        return locks.resolve("slot-" + slot + ".lock");
    }

    private static FileChannel lockChannel(int slot) throws IOException {
        Files.createDirectories(lockPath(slot).getParent());
        return FileChannel.open(
                lockPath(slot), StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    }

    private static Optional<FileLock> tryLock(FileChannel channel) throws IOException {
        try {
            return Optional.ofNullable(channel.tryLock());
        } catch (OverlappingFileLockException heldByThisJvm) {
            return Optional.empty();
        }
    }

    private static int anotherFreeLoopbackPort(int taken) throws IOException {
        int port = freeLoopbackPort();
        return port == taken ? anotherFreeLoopbackPort(taken) : port;
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void awaitExit(ProcessHandle process) {
        try {
            process.onExit().get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new AssertionError("process " + process.pid() + " did not end", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** A word for {@code sh}: single-quoted when it holds anything but safe characters. */
    static String quoted(String word) {
        return word.matches("[A-Za-z0-9_./=:,@%+-]+") ? word : "'" + word.replace("'", "'\\''") + "'";
    }

    private static void deleteTree(Path top) throws IOException {
        if (!Files.exists(top)) {
            return;
        }
        try (Stream<Path> all = Files.walk(top)) {
            for (Path path : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /** A command's exit code and what it said (both streams). */
    private record Outcome(int exit, String output) {
        static Outcome of(List<String> command) {
            try {
                Process process =
                        new ProcessBuilder(command).redirectErrorStream(true).start();
                String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    return new Outcome(-1, String.join(" ", command) + " did not end");
                }
                return new Outcome(process.exitValue(), output);
            } catch (IOException e) {
                return new Outcome(-1, e.toString().toLowerCase(Locale.ROOT));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }
}
