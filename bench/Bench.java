// Conduit's benchmark entry point: deterministic workloads, and side-by-side timings with peer tools.
//
//   java bench/Bench.java generate many-small|mixed|big DIR [--seed N] [--files N]
//   java bench/Bench.java index [--work DIR] [--runs N] [--seed N]
//   java bench/Bench.java sync [--work DIR] [--runs N] [--seed N] [--only many-small,mixed,big]
//   java bench/Bench.java plan-million [--work DIR]
//   java bench/Bench.java durability [--work DIR] [--runs N] [--only many-small,mixed]
//   java bench/Bench.java bidirectional [--work DIR] [--runs N] [--only many-small,mixed]
//   java bench/Bench.java parallel [--work DIR] [--runs N] [--only mixed,big]
//   java bench/Bench.java remote [--work DIR] [--runs N] [--only many-small,mixed,large] [--files N] [--links lan,wan]
//                                [--tools conduit,conduit-daemon,rsync,unison]  (as root: a network namespace and an sshd;
//                                 conduit-daemon: the same commands answered by `conduit daemon` on the local library)
//   java bench/Bench.java link [--work DIR] [--links wan]   (as root: the remote mode's other host and link, held
//                                 until standard input ends, for experiments by hand: prints the --ssh to use)
//
// Runs in the JDK's single-file source mode: no build step, nothing to install but the peers it compares against
// (rsync; unison and rclone for the bidirectional runs). Timings come from /usr/bin/time (wall, user+sys CPU, peak RSS); each figure is the median of --runs runs.
// Trees are written into fresh paths and old ones are deleted only at the end (ext4 is very slow at creating many
// files right after deleting many).

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

public class Bench {

    static final Path PROJECT = Path.of(System.getProperty("user.dir"));

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            usage();
        }
        Options options;
        try {
            options = Options.parse(Arrays.copyOfRange(args, 1, args.length));
        } catch (RuntimeException bad) {
            System.err.println("bench: bad option (" + bad.getMessage() + ")");
            usage();
            return;
        }
        try {
            requireTools(args[0], options);
            run(args[0], options);
        } catch (IllegalArgumentException bad) {
            System.err.println("bench: " + bad.getMessage());
            System.exit(2);
        }
    }

    /**
     * The peers and system tools a benchmark runs, checked before any tree is made: a missing one is one line naming
     * it and the Debian package that has it (exit 2), not an exit 127 from deep inside a run.
     */
    static void requireTools(String command, Options options) {
        List<String> needed = switch (command) {
            case "sync", "durability", "copy", "parallel" -> List.of("rsync", "time");
            case "bidirectional" -> List.of("unison", "rclone", "time");
            case "cost" -> options.only.contains("bidirectional") || options.only.equals(Workload.NAMES)
                ? List.of("rsync", "unison", "time") : List.of("rsync", "time");
            case "daemon" -> List.of("rsync", "unison", "time");
            case "remote" -> List.of("rsync", "unison", "ssh", "ssh-keygen", "ip", "time");
            case "link" -> List.of("ssh", "ssh-keygen", "ip");
            default -> List.of();
        };
        java.util.Map<String, String> packages = java.util.Map.of("time", "time", "ssh", "openssh-client",
            "ssh-keygen", "openssh-client", "ip", "iproute2");
        for (String tool : needed) {
            boolean found = Arrays.stream(System.getenv().getOrDefault("PATH", "/usr/bin").split(":"))
                .anyMatch(folder -> Files.isExecutable(Path.of(folder, tool)));
            if (!found) {
                throw new IllegalArgumentException("`" + command + "` runs " + tool + ", which is not on PATH: install"
                    + " it (apt-get install " + packages.getOrDefault(tool, tool) + ") and run the benchmark again");
            }
        }
    }

    static void run(String command, Options options) throws Exception {
        switch (command) {
            case "generate" -> {
                if (options.positional.size() != 2) {
                    usage();
                }
                Workload.generate(options.positional.get(0), Path.of(options.positional.get(1)), options.seed,
                    options.files);
            }
            case "index" -> IndexBenchmark.run(options);
            case "sync" -> SyncBenchmark.run(options);
            case "plan-million" -> SyncBenchmark.planMillion(options);
            case "durability" -> SyncBenchmark.durability(options);
            case "bidirectional" -> BidirectionalBenchmark.run(options);
            case "parallel" -> ParallelBenchmark.run(options);
            case "concurrent" -> ConcurrentBenchmark.run(options);
            case "startup" -> StartupBenchmark.run(options);
            case "cost" -> CostBenchmark.run(options);
            case "daemon" -> DaemonBenchmark.run(options);
            case "remote" -> RemoteBenchmark.run(options);
            case "link" -> RemoteBenchmark.hold(options);
            case "copy" -> CopyBenchmark.run(options);
            default -> usage();
        }
    }

    static void usage() {
        System.err.println("usage: java bench/Bench.java generate many-small|mixed|big DIR [--seed N] [--files N]");
        System.err.println("       java bench/Bench.java index [--work DIR] [--runs N] [--seed N]");
        System.err.println("       java bench/Bench.java sync [--work DIR] [--runs N] [--seed N] [--only W1,W2]");
        System.err.println("       java bench/Bench.java plan-million [--work DIR]");
        System.err.println("       java bench/Bench.java durability [--work DIR] [--runs N] [--only W1,W2]");
        System.err.println("       java bench/Bench.java bidirectional [--work DIR] [--runs N] [--only W1,W2]");
        System.err.println("       java bench/Bench.java parallel [--work DIR] [--runs N] [--only W1,W2]");
        System.err.println("       java bench/Bench.java concurrent [--work DIR] [--runs N] [--only W1,W2]"
            + " [--no-status]");
        System.err.println("       java bench/Bench.java startup [--work DIR] [--runs N] [--java JDK1,JDK2]"
            + " [--drop-caches]");
        System.err.println("       java bench/Bench.java cost [--work DIR] [--runs N] [--sizes 10000,50000,200000]"
            + " [--only mirror,bidirectional]");
        System.err.println("       java bench/Bench.java daemon [--work DIR] [--runs N] [--sizes 50000,200000]");
        System.err.println("       java bench/Bench.java remote [--work DIR] [--runs N] [--only W1,W2] [--files N]"
            + " [--links lan,wan] [--tools conduit,rsync,unison]");
        System.err.println("       java bench/Bench.java copy [--work DIR] [--runs N] [--only W1,W2] [--tree DIR]");
        System.err.println("CONDUIT_BENCH_LAUNCHER=PATH measures another build's launcher (default: ./conduit)");
        System.err.println("CONDUIT_BENCH_BEFORE=PATH: remote --tools conduit,conduit-before runs that build beside it");
        System.exit(2);
    }

    static final class Options {
        final List<String> positional = new ArrayList<>();
        long seed = 42;
        int runs = 5;
        int files = -1;
        Path work = Path.of("/tmp/conduit-bench");
        List<String> only = Workload.NAMES;
        List<Integer> sizes = List.of(10_000, 50_000, 200_000);
        final List<Path> trees = new ArrayList<>();
        List<String> links = List.of("lan", "wan");
        List<String> tools = List.of("conduit", "rsync", "unison");
        List<String> javas = List.of();
        boolean dropCaches;
        /** concurrent: no loop of read commands (status, list, …) during the two syncs (its CPU is taken from theirs). */
        boolean noStatus;

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--seed" -> o.seed = Long.parseLong(args[++i]);
                    case "--runs" -> o.runs = Integer.parseInt(args[++i]);
                    case "--files" -> o.files = Integer.parseInt(args[++i]);
                    case "--work" -> o.work = Path.of(args[++i]);
                    case "--only" -> o.only = List.of(args[++i].split(","));
                    case "--tree" -> o.trees.add(Path.of(args[++i]));
                    case "--sizes" -> o.sizes = Arrays.stream(args[++i].split(",")).map(Integer::valueOf).toList();
                    case "--links" -> o.links = List.of(args[++i].split(","));
                    case "--tools" -> o.tools = List.of(args[++i].split(","));
                    case "--java" -> o.javas = List.of(args[++i].split(","));
                    case "--drop-caches" -> o.dropCaches = true;
                    case "--no-status" -> o.noStatus = true;
                    default -> o.positional.add(args[i]);
                }
            }
            return o;
        }
    }

    /** The project's workloads, the same bytes for the same seed. Content is incompressible (PRNG output). */
    static final class Workload {

        static final List<String> NAMES = List.of("many-small", "mixed", "big");

        /** Workloads only the remote mode asks for by name: {@code large}, a few files of 32 MiB (changed in place). */
        static final List<String> REMOTE = List.of("large");

        /** Generates the workload and says how many bytes it holds. */
        static long generateSized(String name, Path root, long seed, int files) throws IOException {
            generate(name, root, seed, files);
            try (var walk = Files.walk(root)) {
                return walk.filter(Files::isRegularFile).mapToLong(file -> file.toFile().length()).sum();
            }
        }

        static void generate(String name, Path root, long seed, int files) throws IOException {
            if (!NAMES.contains(name) && !REMOTE.contains(name)) {
                throw new IllegalArgumentException("unknown workload '" + name + "': use one of " + NAMES + " or "
                    + REMOTE);
            }
            if (Files.exists(root)) {
                throw new IllegalArgumentException(root + " exists: workloads are written into fresh paths");
            }
            Files.createDirectories(root);
            SplittableRandom random = new SplittableRandom(seed);
            long started = System.nanoTime();
            long bytes;
            switch (name) {
                // ~50,000 files of 1-16 KiB in ~2,500 folders up to 5 deep
                case "many-small" -> {
                    int count = files > 0 ? files : 50_000;
                    List<Path> folders = folders(root, Math.max(1, count / 20), 5, random);
                    bytes = 0;
                    for (int i = 0; i < count; i++) {
                        bytes += write(folders.get(random.nextInt(folders.size())).resolve("f" + i + ".dat"),
                            1024 + random.nextInt(15 * 1024 + 1), random);
                    }
                }
                // ~5,000 files, ~1 GiB: mostly 4-64 KiB, some 1-8 MiB, a few 32-64 MiB
                case "mixed" -> {
                    int count = files > 0 ? files : 5_000;
                    List<Path> folders = folders(root, Math.max(1, count / 20), 4, random);
                    bytes = 0;
                    for (int i = 0; i < count; i++) {
                        int roll = random.nextInt(1000);
                        long size = roll < 2 ? mib(32) + random.nextLong(mib(32) + 1)
                            : roll < 20 ? mib(1) + random.nextLong(mib(7) + 1)
                            : 4096 + random.nextInt(60 * 1024 + 1);
                        bytes += write(folders.get(random.nextInt(folders.size())).resolve("m" + i + ".bin"), size,
                            random);
                    }
                }
                // 4 files of 32 MiB (remote mode: large files changed in place)
                case "large" -> {
                    bytes = 0;
                    for (int i = 0; i < (files > 0 ? files : 4); i++) {
                        bytes += write(root.resolve("large" + i + ".bin"), mib(32), random);
                    }
                }
                // 4 files of 256 MiB
                case "big" -> {
                    bytes = 0;
                    for (int i = 0; i < (files > 0 ? files : 4); i++) {
                        bytes += write(root.resolve("big" + i + ".bin"), mib(256), random);
                    }
                }
                default -> throw new IllegalArgumentException("unknown workload " + name);
            }
            System.err.printf(Locale.ROOT, "generated %s in %s: %,d bytes in %.1f s%n", name, root, bytes,
                (System.nanoTime() - started) / 1e9);
        }

        static long mib(long n) {
            return n * 1024 * 1024;
        }

        /** Folders placed one by one under a random existing folder that is less than maxDepth deep. */
        static List<Path> folders(Path root, int count, int maxDepth, SplittableRandom random) throws IOException {
            List<Path> folders = new ArrayList<>(List.of(root));
            List<Integer> depths = new ArrayList<>(List.of(0));
            while (folders.size() < count) {
                int parent = random.nextInt(folders.size());
                if (depths.get(parent) >= maxDepth) {
                    continue;
                }
                Path folder = folders.get(parent).resolve("d" + folders.size());
                Files.createDirectory(folder);
                folders.add(folder);
                depths.add(depths.get(parent) + 1);
            }
            return folders;
        }

        static long write(Path file, long size, SplittableRandom random) throws IOException {
            byte[] buffer = new byte[(int) Math.min(size, 1 << 20)];
            try (OutputStream out = Files.newOutputStream(file)) {
                long left = size;
                while (left > 0) {
                    int n = (int) Math.min(left, buffer.length);
                    for (int i = 0; i < n; i += 8) {
                        long word = random.nextLong();
                        for (int b = 0; b < 8 && i + b < n; b++) {
                            buffer[i + b] = (byte) (word >>> (8 * b));
                        }
                    }
                    out.write(buffer, 0, n);
                    left -= n;
                }
            }
            return size;
        }
    }

    /** One measured process: wall seconds, CPU seconds (user + sys), peak resident memory. */
    record Sample(double wall, double cpu, long peakKib) {
    }

    static Sample time(List<String> command) throws IOException, InterruptedException {
        return time(command, java.util.Map.of());
    }

    static Sample time(List<String> command, java.util.Map<String, String> environment)
        throws IOException, InterruptedException {
        return time(command, environment, 1);
    }

    /** The command timed; an exit code above {@code worstExit} is a failure of the benchmark. */
    static Sample time(List<String> command, java.util.Map<String, String> environment, int worstExit)
        throws IOException, InterruptedException {
        Path report = Files.createTempFile("bench-time", ".txt");
        List<String> timed = new ArrayList<>(List.of("/usr/bin/time", "-f", "%e %U %S %M", "-o", report.toString()));
        timed.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(timed).redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().putAll(environment);
        Process process = builder.start();
        int code = process.waitFor();
        String[] fields = Files.readAllLines(report).get(Files.readAllLines(report).size() - 1).trim().split(" ");
        Files.delete(report);
        if (code > worstExit) {
            throw new IllegalStateException(String.join(" ", command) + " exited " + code);
        }
        return new Sample(Double.parseDouble(fields[0]), Double.parseDouble(fields[1]) + Double.parseDouble(fields[2]),
            Long.parseLong(fields[3]));
    }

    /** Median of each column over several runs. */
    static Sample median(List<Sample> samples) {
        double[] wall = samples.stream().mapToDouble(Sample::wall).sorted().toArray();
        double[] cpu = samples.stream().mapToDouble(Sample::cpu).sorted().toArray();
        long[] peak = samples.stream().mapToLong(Sample::peakKib).sorted().toArray();
        int mid = samples.size() / 2;
        return new Sample(wall[mid], cpu[mid], peak[mid]);
    }

    /**
     * The launcher measured: this checkout's, or another build's with {@code CONDUIT_BENCH_LAUNCHER} (to put the
     * commit before a change beside it, e.g. a worktree of that commit: its own {@code ./conduit}).
     */
    static final String LAUNCHER = java.util.Optional.ofNullable(System.getenv("CONDUIT_BENCH_LAUNCHER"))
            .orElse(PROJECT.resolve("conduit").toString());

    /** Another build's launcher, measured beside {@link #LAUNCHER} as the tool {@code conduit-before} (remote). */
    static final String BEFORE = System.getenv("CONDUIT_BENCH_BEFORE");

    static List<String> conduit(String... args) {
        List<String> command = new ArrayList<>(List.of(LAUNCHER));
        command.addAll(List.of(args));
        return command;
    }

    static final class IndexBenchmark {

        static final String CAPPED_HEAP = "48m";

        static void run(Options options) throws Exception {
            Path work = options.work.resolve("index-" + System.currentTimeMillis());
            Files.createDirectories(work);
            // make sure the jar is built before anything is timed
            new ProcessBuilder(conduit("--version")).inheritIO().start().waitFor();
            List<String> rows = new ArrayList<>();
            for (String[] workload : new String[][] {{"many-small", "50000"}, {"many-small", "200000"},
                {"mixed", "5000"}}) {
                String name = workload[0] + "-" + workload[1];
                Path tree = work.resolve(name);
                Workload.generate(workload[0], tree, options.seed, Integer.parseInt(workload[1]));
                rows.addAll(measure(name, tree, work, options.runs));
            }
            System.out.println();
            System.out.println("| workload | what | wall (s) | CPU (s) | peak RSS (MiB) | wall vs rsync no-op |");
            System.out.println("|---|---|---:|---:|---:|---:|");
            rows.forEach(System.out::println);
            System.err.println("cleaning up " + work);
            deleteTree(work);
        }

        static List<String> measure(String name, Path tree, Path work, int runs) throws Exception {
            List<Sample> initial = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                initial.add(time(conduit("--library", work.resolve(name + "-lib-" + i).toString(), "-q", "index",
                    tree.toString())));
            }
            Path library = work.resolve(name + "-lib-0");
            time(conduit("--library", library.toString(), "-q", "index", tree.toString()));   // settle racy files
            List<Sample> rescan = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                rescan.add(time(conduit("--library", library.toString(), "-q", "index", tree.toString())));
            }
            // the same rescan with the heap capped: it must still succeed, memory does not grow with the tree
            List<Sample> capped = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                capped.add(time(conduit("--library", library.toString(), "-q", "index", tree.toString()),
                    java.util.Map.of("CONDUIT_JAVA_OPTS", "-Xmx" + CAPPED_HEAP)));
            }
            Path mirror = work.resolve(name + "-rsync");
            time(List.of("rsync", "-a", "--delete", tree + "/", mirror + "/"));
            List<Sample> rsync = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                rsync.add(time(List.of("rsync", "-a", "--delete", tree + "/", mirror + "/")));
            }
            Sample rsyncMedian = median(rsync);
            return List.of(
                row(name, "conduit index (initial)", median(initial), rsyncMedian),
                row(name, "conduit index (no change)", median(rescan), rsyncMedian),
                row(name, "conduit index (no change, -Xmx" + CAPPED_HEAP + ")", median(capped), rsyncMedian),
                row(name, "rsync -a --delete (no-op)", rsyncMedian, rsyncMedian));
        }

        static String row(String workload, String what, Sample sample, Sample reference) {
            return String.format(Locale.ROOT, "| %s | %s | %.2f | %.2f | %.0f | %.2f× |", workload, what, sample.wall(),
                sample.cpu(), sample.peakKib() / 1024.0, sample.wall() / reference.wall());
        }
    }

    /**
     * Mirror syncs side by side with rsync -a --delete (also with --fsync, since Conduit flushes what it writes) and
     * cp -a: an initial mirror into an empty target (a fresh library each run: indexing is part of the cost), a
     * no-op re-sync, and a re-sync after rewriting 1% of the files.
     */
    static final class SyncBenchmark {

        static void run(Options options) throws Exception {
            Path work = options.work.resolve("sync-" + System.currentTimeMillis());
            Files.createDirectories(work);
            new ProcessBuilder(conduit("--version")).inheritIO().start().waitFor();
            List<String> rows = new ArrayList<>();
            for (String name : options.only) {
                Path source = work.resolve(name);
                Workload.generate(name, source, options.seed, -1);
                rows.addAll(measure(name, source, work, options.runs, options.seed));
            }
            System.out.println();
            System.out.println("| workload | what | wall (s) | CPU (s) | peak RSS (MiB) | wall vs rsync |");
            System.out.println("|---|---|---:|---:|---:|---:|");
            rows.forEach(System.out::println);
            System.err.println("cleaning up " + work);
            deleteTree(work);
        }

        static List<String> measure(String name, Path source, Path work, int runs, long seed) throws Exception {
            String from = source + "/";
            List<Sample> conduitInitial = new ArrayList<>();
            List<Sample> rsyncInitial = new ArrayList<>();
            List<Sample> rsyncFsyncInitial = new ArrayList<>();
            List<Sample> cpInitial = new ArrayList<>();
            for (int i = 0; i < runs; i++) {                       // every run writes into fresh paths
                conduitInitial.add(time(conduit("--library", work.resolve(name + "-lib-" + i).toString(), "-q",
                    "sync", source.toString(), work.resolve(name + "-conduit-" + i).toString())));
                rsyncInitial.add(time(List.of("rsync", "-a", "--delete", from, work.resolve(name + "-rsync-" + i)
                    + "/")));
                rsyncFsyncInitial.add(time(List.of("rsync", "-a", "--delete", "--fsync", from,
                    work.resolve(name + "-rsync-fsync-" + i) + "/")));
                cpInitial.add(time(List.of("cp", "-a", source.toString(), work.resolve(name + "-cp-" + i).toString())));
            }
            String library = work.resolve(name + "-lib-0").toString();
            String rsyncTarget = work.resolve(name + "-rsync-0") + "/";
            List<Sample> conduitNoop = new ArrayList<>();
            List<Sample> rsyncNoop = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                conduitNoop.add(time(conduit("--library", library, "-q", "sync", "1")));
                rsyncNoop.add(time(List.of("rsync", "-a", "--delete", from, rsyncTarget)));
            }
            List<Sample> conduitChanged = new ArrayList<>();
            List<Sample> rsyncChanged = new ArrayList<>();
            SplittableRandom random = new SplittableRandom(seed + 1);
            for (int i = 0; i < runs; i++) {
                changeOnePercent(source, random);
                conduitChanged.add(time(conduit("--library", library, "-q", "sync", "1")));
                rsyncChanged.add(time(List.of("rsync", "-a", "--delete", from, rsyncTarget)));
            }
            Sample rsyncFirst = median(rsyncInitial);
            return List.of(
                IndexBenchmark.row(name, "initial: conduit sync", median(conduitInitial), rsyncFirst),
                IndexBenchmark.row(name, "initial: rsync -a --delete", rsyncFirst, rsyncFirst),
                IndexBenchmark.row(name, "initial: rsync -a --delete --fsync", median(rsyncFsyncInitial), rsyncFirst),
                IndexBenchmark.row(name, "initial: cp -a", median(cpInitial), rsyncFirst),
                IndexBenchmark.row(name, "no-op: conduit sync", median(conduitNoop), median(rsyncNoop)),
                IndexBenchmark.row(name, "no-op: rsync -a --delete", median(rsyncNoop), median(rsyncNoop)),
                IndexBenchmark.row(name, "1% changed: conduit sync", median(conduitChanged), median(rsyncChanged)),
                IndexBenchmark.row(name, "1% changed: rsync -a --delete", median(rsyncChanged), median(rsyncChanged)));
        }

        /**
         * Changes every file of 8 MiB or more in place, as a database or a disk image is: 16 bytes overwritten at 1 % of
         * its 256 KiB blocks (at least one), chosen at random; sizes stay.
         */
        static void changeInPlace(Path root, SplittableRandom random) throws IOException {
            List<Path> files;
            try (var walk = Files.walk(root)) {
                files = walk.filter(Files::isRegularFile).filter(file -> file.toFile().length() >= (8 << 20)).sorted()
                    .toList();
            }
            byte[] bytes = new byte[16];
            for (Path file : files) {
                long blocks = file.toFile().length() / (256 << 10);
                try (var out = new java.io.RandomAccessFile(file.toFile(), "rw")) {
                    for (long i = 0; i < Math.max(1, blocks / 100); i++) {
                        random.nextBytes(bytes);
                        out.seek(random.nextLong(blocks) * (256 << 10) + random.nextInt((256 << 10) - 16));
                        out.write(bytes);
                    }
                }
            }
        }

        /** Rewrites 1% of the files (at least one) with new bytes of the same size. */
        static void changeOnePercent(Path root, SplittableRandom random) throws IOException {
            List<Path> files;
            try (var walk = Files.walk(root)) {
                files = walk.filter(Files::isRegularFile).sorted().toList();
            }
            int count = Math.max(1, files.size() / 100);
            for (int i = 0; i < count; i++) {
                Path file = files.get(random.nextInt(files.size()));
                Workload.write(file, Files.size(file), random);
            }
        }

        /**
         * How copies are made durable, A/B in the same run (alternating order, fresh paths): one {@code syncfs} per
         * batch of temp files against one {@code fsync} per file and per folder.
         */
        static void durability(Options options) throws Exception {
            Path work = options.work.resolve("durability-" + System.currentTimeMillis());
            Files.createDirectories(work);
            new ProcessBuilder(conduit("--version")).inheritIO().start().waitFor();
            List<String> rows = new ArrayList<>();
            for (String name : options.only) {
                if (name.equals("big")) {
                    continue;                                     // four files: one flush each either way
                }
                Path source = work.resolve(name);
                Workload.generate(name, source, options.seed, name.equals("many-small") ? 20_000 : -1);
                java.util.Map<String, List<Sample>> samples = new java.util.TreeMap<>();
                for (int i = 0; i < options.runs; i++) {
                    List<String> modes = i % 2 == 0 ? List.of("syncfs", "fsync") : List.of("fsync", "syncfs");
                    for (String mode : modes) {
                        samples.computeIfAbsent(mode, m -> new ArrayList<>()).add(time(conduit("--library",
                            work.resolve(name + "-lib-" + mode + "-" + i).toString(), "-q", "sync", source.toString(),
                            work.resolve(name + "-" + mode + "-" + i).toString()),
                            java.util.Map.of("CONDUIT_JAVA_OPTS", "-Dconduit.copy.durability=" + mode)));
                    }
                }
                Sample reference = median(samples.get("fsync"));
                for (String mode : samples.keySet()) {
                    rows.add(IndexBenchmark.row(name + (name.equals("many-small") ? " (20,000)" : ""),
                        "initial conduit sync, " + mode, median(samples.get(mode)), reference));
                }
            }
            System.out.println();
            System.out.println("| workload | what | wall (s) | CPU (s) | peak RSS (MiB) | wall vs fsync |");
            System.out.println("|---|---|---:|---:|---:|---:|");
            rows.forEach(System.out::println);
            System.err.println("cleaning up " + work);
            deleteTree(work);
        }

        /**
         * The plan of a million entries, resolved from the index and streamed out with the heap capped: the peak
         * memory must not grow with the plan. The tree is a million empty files in 50,000 folders.
         */
        static void planMillion(Options options) throws Exception {
            Path work = options.work.resolve("million-" + System.currentTimeMillis());
            Path source = work.resolve("source");
            long started = System.nanoTime();
            for (int folder = 0; folder < 50_000; folder++) {
                Path dir = Files.createDirectories(source.resolve("d" + folder % 100).resolve("e" + folder));
                for (int file = 0; file < 19; file++) {
                    Files.createFile(dir.resolve("f" + file));
                }
            }
            System.err.printf(Locale.ROOT, "made 1,000,100 entries in %.0f s%n", (System.nanoTime() - started) / 1e9);
            String library = work.resolve("library").toString();
            time(conduit("--library", library, "-q", "add", source.toString(), work.resolve("target").toString()));
            time(conduit("--library", library, "-q", "index", source.toString()));
            List<String> rows = new ArrayList<>();
            for (String heap : new String[] {"", "-Xmx64m"}) {
                Sample plan = time(conduit("--library", library, "--json", "plan", "1"),       // a plan exits 0:
                    java.util.Map.of("CONDUIT_JAVA_OPTS", heap), 0);      // a run that failed is never a row
                rows.add(String.format(Locale.ROOT, "| conduit plan (1,000,100 operations)%s | %.2f | %.2f | %.0f |",
                    heap.isEmpty() ? "" : ", " + heap, plan.wall(), plan.cpu(), plan.peakKib() / 1024.0));
            }
            // the first sync of the million entries into an empty target, in the small heap (issue 19), with the
            // share of its time spent in GC pauses from the JVM's own log
            // (the default heap first, into a second conduit of the same source: each sync gets an empty target)
            for (String heap : new String[] {"", "-Xmx64m"}) {
                Path gcLog = work.resolve("gc" + heap + ".log");
                List<String> command = heap.isEmpty()
                    ? conduit("--library", library, "-q", "sync", source.toString(), work.resolve("target-2").toString())
                    : conduit("--library", library, "-q", "sync", "1");
                Sample sync = time(command, java.util.Map.of("CONDUIT_JAVA_OPTS", heap + " -Xlog:gc:file=" + gcLog), 0);
                double pausedSeconds = Files.readAllLines(gcLog).stream()
                    .map(line -> java.util.regex.Pattern.compile("Pause.* ([0-9.]+)ms$").matcher(line))
                    .filter(java.util.regex.Matcher::find)
                    .mapToDouble(found -> Double.parseDouble(found.group(1)) / 1000)
                    .sum();
                rows.add(String.format(Locale.ROOT,
                    "| conduit sync, first (1,000,100 entries)%s; GC pauses %.1f s = %.1f %% of wall | %.2f | %.2f | %.0f |",
                    heap.isEmpty() ? "" : ", " + heap, pausedSeconds, 100 * pausedSeconds / sync.wall(), sync.wall(),
                    sync.cpu(), sync.peakKib() / 1024.0));
            }
            System.out.println();
            System.out.println("| what | wall (s) | CPU (s) | peak RSS (MiB) |");
            System.out.println("|---|---:|---:|---:|");
            rows.forEach(System.out::println);
            System.err.println("cleaning up " + work);
            deleteTree(work);
        }
    }

    /**
     * Bidirectional syncs side by side with {@code unison -batch} and {@code rclone bisync}: the first sync of a full
     * tree against an empty folder, a no-op sync, and a sync after a mixed set of changes on both sides (files
     * modified, created and deleted on each side, and a few files modified on both: conflicts). Every tool syncs its
     * own pair of fresh folders; the changes are the same for all of them.
     */
    static final class BidirectionalBenchmark {

        static final List<String> TOOLS = List.of("conduit", "unison", "rclone");

        static void run(Options options) throws Exception {
            Path work = options.work.resolve("bidirectional-" + System.currentTimeMillis());
            Files.createDirectories(work);
            new ProcessBuilder(conduit("--version")).inheritIO().start().waitFor();
            List<String> rows = new ArrayList<>();
            List<String> only = options.only.equals(Workload.NAMES) ? List.of("many-small", "mixed") : options.only;
            for (String name : only) {
                Path tree = work.resolve(name);
                Workload.generate(name, tree, options.seed, options.files);
                rows.addAll(measure(name, tree, work, options.runs, options.seed));
            }
            System.out.println();
            System.out.println("| workload | what | wall (s) | CPU (s) | peak RSS (MiB) | wall vs the faster peer |");
            System.out.println("|---|---|---:|---:|---:|---:|");
            rows.forEach(System.out::println);
            System.err.println("cleaning up " + work);
            deleteTree(work);
        }

        /** The command that syncs {@code left} and {@code right} with a tool, keeping its state in {@code state}. */
        static List<String> command(String tool, Path left, Path right, Path state, boolean first) {
            return switch (tool) {
                case "conduit" -> first
                    ? conduit("--library", state.toString(), "-q", "sync", left.toString(), right.toString(),
                        "--mode", "bidirectional")
                    : conduit("--library", state.toString(), "-q", "sync", "1");
                case "unison" -> List.of("unison", left.toString(), right.toString(), "-batch", "-times",
                    "-prefer", "newer", "-confirmbigdel=false", "-silent");
                case "rclone" -> {
                    List<String> rclone = new ArrayList<>(List.of("rclone", "bisync", left.toString(),
                        right.toString(), "--workdir", state.toString(), "--transfers", "4", "-q"));
                    if (first) {
                        rclone.add("--resync");
                    }
                    yield rclone;
                }
                default -> throw new IllegalArgumentException(tool);
            };
        }

        static java.util.Map<String, String> environment(String tool, Path state) {
            return tool.equals("unison") ? java.util.Map.of("UNISON", state.toString()) : java.util.Map.of();
        }

        static List<String> measure(String name, Path tree, Path work, int runs, long seed) throws Exception {
            java.util.Map<String, List<Sample>> first = new java.util.TreeMap<>();
            java.util.Map<String, List<Sample>> noop = new java.util.TreeMap<>();
            java.util.Map<String, List<Sample>> changed = new java.util.TreeMap<>();
            for (int i = 0; i < runs; i++) {
                for (String tool : TOOLS) {                          // fresh paths and fresh state for every run
                    Path left = work.resolve(name + "-" + tool + "-" + i + "-left");
                    Path right = Files.createDirectories(work.resolve(name + "-" + tool + "-" + i + "-right"));
                    Path state = Files.createDirectories(work.resolve(name + "-" + tool + "-" + i + "-state"));
                    time(List.of("cp", "-a", tree.toString(), left.toString()));
                    new ProcessBuilder("sync").start().waitFor();
                    first.computeIfAbsent(tool, t -> new ArrayList<>()).add(
                        time(command(tool, left, right, state, true), environment(tool, state), 2));
                }
            }
            for (int i = 0; i < runs; i++) {
                for (String tool : TOOLS) {
                    noop.computeIfAbsent(tool, t -> new ArrayList<>()).add(time(command(tool,
                        work.resolve(name + "-" + tool + "-0-left"), work.resolve(name + "-" + tool + "-0-right"),
                        work.resolve(name + "-" + tool + "-0-state"), false),
                        environment(tool, work.resolve(name + "-" + tool + "-0-state")), 2));
                }
            }
            for (int i = 0; i < runs; i++) {
                long round = seed + 100 + i;
                for (String tool : TOOLS) {
                    Path left = work.resolve(name + "-" + tool + "-0-left");
                    Path right = work.resolve(name + "-" + tool + "-0-right");
                    change(left, right, round);
                    changed.computeIfAbsent(tool, t -> new ArrayList<>()).add(time(command(tool, left, right,
                        work.resolve(name + "-" + tool + "-0-state"), false),
                        environment(tool, work.resolve(name + "-" + tool + "-0-state")), 2));
                }
            }
            List<String> rows = new ArrayList<>();
            rows.addAll(rows(name, "first sync", first));
            rows.addAll(rows(name, "no-op", noop));
            rows.addAll(rows(name, "changes on both sides", changed));
            for (String tool : TOOLS) {
                Path left = work.resolve(name + "-" + tool + "-0-left");
                Path right = work.resolve(name + "-" + tool + "-0-right");
                System.err.printf(Locale.ROOT, "%s %s: sides identical after the runs: %s%n", name, tool,
                    listing(left).equals(listing(right)));
            }
            return rows;
        }

        static List<String> rows(String name, String what, java.util.Map<String, List<Sample>> samples) {
            double peer = Math.min(median(samples.get("unison")).wall(), median(samples.get("rclone")).wall());
            List<String> rows = new ArrayList<>();
            for (String tool : TOOLS) {
                Sample sample = median(samples.get(tool));
                rows.add(String.format(Locale.ROOT, "| %s | %s: %s | %.2f | %.2f | %.0f | %.2f× |", name, what,
                    label(tool), sample.wall(), sample.cpu(), sample.peakKib() / 1024.0, sample.wall() / peer));
            }
            return rows;
        }

        static String label(String tool) {
            return switch (tool) {
                case "conduit" -> "conduit sync (bidirectional)";
                case "unison" -> "unison -batch -prefer newer";
                default -> "rclone bisync --transfers 4";
            };
        }

        /**
         * The same mixed changes for every tool: on each side 0.5% of the files rewritten, 20 files created and 20
         * deleted (different files on the two sides), and 10 files rewritten on both sides (conflicts).
         */
        static void change(Path left, Path right, long round) throws IOException {
            List<Path> files;
            try (var walk = Files.walk(left)) {
                files = walk.filter(Files::isRegularFile).map(left::relativize).sorted().toList();
            }
            SplittableRandom random = new SplittableRandom(round);
            int rewrites = Math.max(1, files.size() / 200);
            java.util.Set<Path> used = new java.util.HashSet<>();
            java.util.function.Supplier<Path> pick = () -> {
                Path file;
                do {
                    file = files.get(random.nextInt(files.size()));
                } while (!used.add(file));
                return file;
            };
            for (Path side : List.of(left, right)) {
                for (int i = 0; i < rewrites; i++) {
                    Path file = side.resolve(pick.get());
                    Workload.write(file, Files.size(file), random);
                }
                for (int i = 0; i < 20; i++) {
                    Files.delete(side.resolve(pick.get()));
                    Workload.write(side.resolve(pick.get()).resolveSibling("new-" + round + "-" + i + "-"
                        + side.getFileName() + ".dat"), 1024 + random.nextInt(8192), random);
                }
            }
            for (int i = 0; i < 10; i++) {
                Path file = pick.get();
                Workload.write(left.resolve(file), 2048, random);
                Workload.write(right.resolve(file), 4096, random);
            }
        }

        /** Every file's path and size: enough to see that two sides agree after the syncs. */
        static java.util.Map<String, Long> listing(Path root) throws IOException {
            java.util.Map<String, Long> listing = new java.util.TreeMap<>();
            try (var walk = Files.walk(root)) {
                for (Path file : walk.filter(Files::isRegularFile).toList()) {
                    String relative = root.relativize(file).toString();
                    if (!relative.startsWith(".conduit")) {
                        listing.put(relative, Files.size(file));
                    }
                }
            }
            return listing;
        }
    }

    /**
     * The initial mirror with 1, 2 and 4 parallel copies, side by side with rsync, cp -a and {@code rclone sync
     * --transfers 4} (and 1), every run into fresh paths: throughput and CPU of the copy path. Conduit's copies are on
     * disk when it returns; the others leave theirs in the page cache, so each of them is also timed followed by
     * {@code sync -f} on its target (like for like). Before every run, everything written so far is flushed (untimed):
     * no run pays for the previous one's writes.
     */
    static final class ParallelBenchmark {

        static void run(Options options) throws Exception {
            Path work = options.work.resolve("parallel-" + System.currentTimeMillis());
            Files.createDirectories(work);
            new ProcessBuilder(conduit("--version")).inheritIO().start().waitFor();
            List<String> only = options.only.equals(Workload.NAMES) ? List.of("mixed", "big") : options.only;
            List<String> rows = new ArrayList<>();
            for (String name : only) {
                Path source = work.resolve(name);
                long bytes = Workload.generateSized(name, source, options.seed, options.files);
                java.util.Map<String, List<Sample>> samples = new java.util.LinkedHashMap<>();
                for (int i = 0; i < options.runs; i++) {
                    for (int parallel : new int[] {1, 2, 4}) {
                        sample(samples, "conduit sync --parallel " + parallel, conduit("--library",
                            work.resolve(name + "-lib-" + parallel + "-" + i).toString(), "-q", "sync",
                            source.toString(), work.resolve(name + "-conduit-" + parallel + "-" + i).toString(),
                            "--parallel", Integer.toString(parallel)));
                    }
                    Path rsync = work.resolve(name + "-rsync-" + i);
                    sample(samples, "rsync -a --delete", List.of("rsync", "-a", "--delete", source + "/", rsync + "/"));
                    sample(samples, "rsync -a --delete; sync -f", flushed(List.of("rsync", "-a", "--delete",
                        source + "/", rsync + "-flushed/"), rsync + "-flushed"));
                    Path cp = work.resolve(name + "-cp-" + i);
                    sample(samples, "cp -a", List.of("cp", "-a", source.toString(), cp.toString()));
                    sample(samples, "cp -a; sync -f", flushed(List.of("cp", "-a", source.toString(), cp + "-flushed"),
                        cp + "-flushed"));
                    for (int transfers : new int[] {1, 4}) {
                        sample(samples, "rclone sync --transfers " + transfers, List.of("rclone", "sync",
                            source.toString(), work.resolve(name + "-rclone-" + transfers + "-" + i).toString(),
                            "--transfers", Integer.toString(transfers), "-q"));
                    }
                }
                Sample rsync = median(samples.get("rsync -a --delete"));
                Sample cp = median(samples.get("cp -a"));
                Sample rsyncFlushed = median(samples.get("rsync -a --delete; sync -f"));
                Sample cpFlushed = median(samples.get("cp -a; sync -f"));
                for (java.util.Map.Entry<String, List<Sample>> tool : samples.entrySet()) {
                    Sample sample = median(tool.getValue());
                    rows.add(String.format(Locale.ROOT,
                        "| %s | %s | %.2f | %.2f | %.0f | %.0f | %.2f× | %.2f× | %.2f× | %.2f× |", name, tool.getKey(),
                        sample.wall(), sample.cpu(), sample.peakKib() / 1024.0, bytes / 1048576.0 / sample.wall(),
                        sample.wall() / rsync.wall(), sample.wall() / cp.wall(), sample.wall() / rsyncFlushed.wall(),
                        sample.wall() / cpFlushed.wall()));
                }
            }
            System.out.println();
            System.out.println("| workload | what | wall (s) | CPU (s) | peak RSS (MiB) | MiB/s | vs rsync | vs cp"
                + " | vs rsync; sync | vs cp; sync |");
            System.out.println("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
            rows.forEach(System.out::println);
            System.err.println("cleaning up " + work);
            deleteTree(work);
        }

        /** One timed run, after everything written before it has reached the disk. */
        private static void sample(java.util.Map<String, List<Sample>> samples, String what, List<String> command)
            throws IOException, InterruptedException {
            new ProcessBuilder("sync").inheritIO().start().waitFor();
            samples.computeIfAbsent(what, k -> new ArrayList<>()).add(time(command));
        }

        /** The command, then a flush of the file system it wrote to: its copies on disk, as Conduit's are. */
        private static List<String> flushed(List<String> command, String target) {
            return List.of("sh", "-c", String.join(" ", command.stream().map(word -> "'" + word + "'").toList())
                + " && sync -f '" + target + "'");
        }
    }

    /**
     * Many processes, one library (issue 17): two conduits that share a source, their initial mirrors run one after
     * the other and at the same moment (alternating which comes first, the disk flushed before each), every run into
     * fresh targets and a fresh library; and how long the commands people run meanwhile take while both sync:
     * {@code status}, {@code list}, {@code history}, {@code conflicts}, the {@code plan} of a third conduit and of
     * one of the two, in turn (none with {@code --no-status}).
     */
    static final class ConcurrentBenchmark {

        static void run(Options options) throws Exception {
            Path work = options.work.resolve("concurrent-" + System.currentTimeMillis());
            Files.createDirectories(work);
            new ProcessBuilder(conduit("--version")).inheritIO().start().waitFor();
            List<String> only = options.only.equals(Workload.NAMES) ? List.of("many-small") : options.only;
            List<String> rows = new ArrayList<>();
            for (String name : only) {
                Path source = work.resolve(name);
                Workload.generateSized(name, source, options.seed, options.files);
                List<Sample> oneByOne = new ArrayList<>();
                List<Sample> together = new ArrayList<>();
                java.util.Map<String, List<Double>> reads = new java.util.LinkedHashMap<>();
                ROTATION.forEach(read -> reads.put(read, new ArrayList<>()));
                Path small = work.resolve(name + "-reads-source");                // the third conduit's, for plan
                Workload.generate("many-small", small, options.seed, 200);
                for (int i = 0; i < options.runs; i++) {
                    for (boolean concurrent : i % 2 == 0 ? new boolean[] {false, true} : new boolean[] {true, false}) {
                        String run = name + (concurrent ? "-together-" : "-one-by-one-") + i;
                        Path library = work.resolve(run + "-lib");
                        for (String conduit : List.of("a", "b")) {
                            List<String> add = conduit("--library", library.toString(), "-q", "add",
                                source.toString(), work.resolve(run + "-" + conduit).toString(), "--name", conduit);
                            if (new ProcessBuilder(add).inheritIO().start().waitFor() != 0) {
                                throw new IllegalStateException("add failed: " + add);
                            }
                        }
                        List<String> third = conduit("--library", library.toString(), "-q", "add", small.toString(),
                            work.resolve(run + "-c").toString(), "--name", "c");
                        if (new ProcessBuilder(third).inheritIO().start().waitFor() != 0) {
                            throw new IllegalStateException("add failed: " + third);
                        }
                        String sync = conduit("--library", library.toString(), "-q", "sync").stream()
                            .map(word -> "'" + word + "'").collect(java.util.stream.Collectors.joining(" "));
                        List<String> command = List.of("sh", "-c", concurrent
                            ? sync + " a & a=$!; " + sync + " b & b=$!; wait $a && wait $b"
                            : sync + " a && " + sync + " b");
                        new ProcessBuilder("sync").inheritIO().start().waitFor();
                        if (concurrent) {
                            Process watcher = options.noStatus ? null : readsWatcher(library, reads);
                            together.add(time(command));
                            if (watcher != null) {
                                watcher.destroy();
                            }
                        } else {
                            oneByOne.add(time(command));
                        }
                    }
                }
                Sample sequential = median(oneByOne);
                Sample parallel = median(together);
                rows.add(String.format(Locale.ROOT, "| %s | two initial mirrors one after the other | %.2f | %.2f | |",
                    name, sequential.wall(), sequential.cpu()));
                rows.add(String.format(Locale.ROOT, "| %s | the same two at once | %.2f | %.2f | %.2f× |", name,
                    parallel.wall(), parallel.cpu(), parallel.wall() / sequential.wall()));
                for (java.util.Map.Entry<String, List<Double>> read : reads.entrySet()) {
                    double[] latencies = read.getValue().stream().mapToDouble(Double::doubleValue).sorted().toArray();
                    if (latencies.length > 0) {
                        rows.add(String.format(Locale.ROOT, "| %s | `conduit %s` during them (%d calls): median %.2f s,"
                            + " slowest %.2f s | | | |", name, read.getKey(), latencies.length,
                            latencies[latencies.length / 2], latencies[latencies.length - 1]));
                    }
                }
            }
            System.out.println();
            System.out.println("| workload | what | wall (s) | CPU (s) | at once / one by one |");
            System.out.println("|---|---|---:|---:|---:|");
            rows.forEach(System.out::println);
            System.err.println("cleaning up " + work);
            deleteTree(work);
        }

        /**
         * The commands people run while syncs go on, by what the timing rows call them: they read the library
         * (status, list, history, conflicts), plan a third conduit {@code c} of 200 files of its own (a plan scans its
         * roots), or plan {@code a}, one of the two syncing (its source is being scanned by a sync: ADR 0050).
         */
        static final java.util.Map<String, List<String>> READS = java.util.Map.of(
            "status", List.of("status"),
            "list", List.of("list"),
            "history a", List.of("history", "a"),
            "conflicts", List.of("conflicts"),
            "plan c", List.of("plan", "c"),
            "plan a", List.of("plan", "a"));

        /** In the order they take turns. */
        static final List<String> ROTATION =
            List.of("status", "list", "history a", "conflicts", "plan c", "status", "plan a");

        /**
         * Runs the read commands ({@link #ROTATION}) one after the other, again and again, in a thread of its own,
         * half a second apart (after the first 1.5 s, when both syncs are under way), recording how long each took.
         */
        private static Process readsWatcher(Path library, java.util.Map<String, List<Double>> latencies)
                throws IOException {
            Process marker = new ProcessBuilder("sleep", "3600").start();       // destroyed to stop the loop
            Thread loop = new Thread(() -> {
                try {
                    Thread.sleep(1_500);                                          // both syncs under way
                    for (int turn = 0; marker.isAlive(); turn++) {
                        String read = ROTATION.get(turn % ROTATION.size());
                        List<String> command = new ArrayList<>(conduit("--library", library.toString()));
                        command.addAll(READS.get(read));
                        long started = System.nanoTime();
                        int exit = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                            .redirectError(ProcessBuilder.Redirect.DISCARD).start().waitFor();
                        if (exit == 0 && marker.isAlive()) {
                            synchronized (latencies) {
                                latencies.get(read).add((System.nanoTime() - started) / 1e9);
                            }
                        }
                        Thread.sleep(500);
                    }
                } catch (IOException | InterruptedException stopped) {
                    Thread.currentThread().interrupt();
                }
            });
            loop.setDaemon(true);
            loop.start();
            return marker;
        }
    }

    static void deleteTree(Path top) throws IOException {
        Files.walkFileTree(top, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /**
     * Start-up (issue 13, ADR 0044): {@code conduit --version}, {@code --help}, {@code list} and {@code status} on a
     * library with one conduit, and a no-op {@code sync} of a 10,000-file {@code many-small} tree, beside
     * {@code java -version}; medians, ratios to {@code java -version} of the same JVM. With {@code --java
     * HOME1,HOME2} each command runs on each of those JDKs (the launcher's {@code CONDUIT_JAVA}: Java 17 with its CDS
     * archive, 25 or later with its AOT cache), so two JVMs are compared in one run. Every run is in a rotated order
     * over all commands and JVMs, after {@code sync} (and, with {@code --drop-caches}, as root, an emptied page
     * cache); one untimed run of each first, which trains the launcher's archive for that JVM.
     */
    static final class StartupBenchmark {

        record Timed(String jvm, String name, List<String> command, java.util.Map<String, String> environment) {
            String key() {
                return jvm + " | " + name;
            }
        }

        static void run(Options options) throws Exception {
            Path work = options.work.resolve("startup-" + System.currentTimeMillis());
            Files.createDirectories(work.resolve("a"));
            String library = work.resolve("lib").toString();
            String big = work.resolve("lib-10k").toString();
            Path tree = work.resolve("tree-10k");
            Workload.generate("many-small", tree, options.seed, 10_000);
            List<String> jvms = options.javas.isEmpty() ? java.util.Collections.singletonList(null) : options.javas;
            List<Timed> timed = new ArrayList<>();
            for (String home : jvms) {
                java.util.Map<String, String> environment = home == null ? java.util.Map.of()
                    : java.util.Map.of("CONDUIT_JAVA", home);
                String jvm = home == null ? "launcher's" : "Java " + featureVersion(Path.of(home));
                String javaCommand = home == null ? "java" : Path.of(home, "bin", "java").toString();
                timed.add(new Timed(jvm, "java -version", List.of(javaCommand, "-version"), java.util.Map.of()));
                timed.add(new Timed(jvm, "conduit --version", conduit("--version"), environment));
                timed.add(new Timed(jvm, "conduit --help", conduit("--library", library, "--help"), environment));
                timed.add(new Timed(jvm, "conduit list", conduit("--library", library, "list"), environment));
                timed.add(new Timed(jvm, "conduit status", conduit("--library", library, "status"), environment));
                timed.add(new Timed(jvm, "conduit sync (no-op, 10k files)",
                    conduit("--library", big, "-q", "sync", "1"), environment));
            }
            // the libraries are made by the first JVM; every run before the timed ones is untimed (and trains)
            java.util.Map<String, String> first = timed.get(1).environment();
            time(conduit("--library", library, "-q", "add", work.resolve("a").toString(),
                work.resolve("b").toString(), "--name", "a"), first);
            time(conduit("--library", big, "-q", "add", tree.toString(), work.resolve("tree-10k-copy").toString(),
                "--name", "big"), first);
            time(conduit("--library", big, "-q", "sync", "1"), first, 0);
            for (Timed run : timed) {
                time(run.command(), run.environment(), 0);
            }
            java.util.Map<String, List<Sample>> samples = new java.util.HashMap<>();
            for (int i = 0; i < options.runs; i++) {
                for (int k = 0; k < timed.size(); k++) {
                    Timed run = timed.get((i + k) % timed.size());
                    flush(options.dropCaches);
                    samples.computeIfAbsent(run.key(), n -> new ArrayList<>())
                        .add(time(run.command(), run.environment(), 0));
                }
            }
            System.out.println();
            System.out.println("| JVM | command | wall (s) | CPU (s) | peak RSS (MiB) | wall vs java -version |");
            System.out.println("|---|---|---:|---:|---:|---:|");
            for (Timed run : timed) {
                Sample sample = median(samples.get(run.key()));
                Sample reference = median(samples.get(run.jvm() + " | java -version"));
                System.out.printf(Locale.ROOT, "| %s | %s | %.3f | %.2f | %d | %.1f× |%n", run.jvm(), run.name(),
                    sample.wall(), sample.cpu(), sample.peakKib() / 1024, sample.wall() / reference.wall());
            }
            System.out.println("(medians of " + options.runs + " runs each, in rotated order, every run exited 0; "
                + (options.dropCaches ? "page cache dropped" : "sync") + " before each)");
            deleteTree(work);
        }

        static String featureVersion(Path home) throws IOException {
            for (String line : Files.readAllLines(home.resolve("release"))) {
                if (line.startsWith("JAVA_VERSION=\"")) {
                    return line.substring("JAVA_VERSION=\"".length()).split("[.\"]")[0];
                }
            }
            throw new IllegalArgumentException(home + " has no JAVA_VERSION in its release file: not a JDK");
        }

        /** Writes out what is dirty; with {@code drop}, also empties the page cache (root only). */
        static void flush(boolean drop) throws Exception {
            new ProcessBuilder("sync").start().waitFor();
            if (drop) {
                Files.writeString(Path.of("/proc/sys/vm/drop_caches"), "3");
            }
        }
    }

    /**
     * How the cost of a sync grows with the tree (issue 13): no-op and 1 %-changed syncs of {@code many-small} trees
     * of several sizes, Conduit beside {@code rsync -a --delete} (mirror) and {@code unison -batch} (bidirectional).
     * Each tool syncs its own copy of the tree; every round applies the same change to each tool's copy, then runs
     * the tools in an order that alternates between rounds, with everything written so far flushed (untimed) before
     * each run. A run that exits with an error ends the benchmark: it is never a sample.
     */
    static final class CostBenchmark {

        static void run(Options options) throws Exception {
            Path work = options.work.resolve("cost-" + System.currentTimeMillis());
            Files.createDirectories(work);
            new ProcessBuilder(conduit("--version")).inheritIO().start().waitFor();
            List<String> modes = options.only.equals(Workload.NAMES) ? List.of("mirror", "bidirectional")
                : options.only;
            List<String> rows = new ArrayList<>();
            for (int size : options.sizes) {
                Path tree = work.resolve("tree-" + size);
                Workload.generate("many-small", tree, options.seed, size);
                for (String mode : modes) {
                    rows.addAll(switch (mode) {
                        case "mirror" -> mirror(size, tree, work, options);
                        case "bidirectional" -> bidirectional(size, tree, work, options);
                        default -> throw new IllegalArgumentException("no such mode: " + mode);
                    });
                }
                deleteTree(work.resolve("tree-" + size));
            }
            System.out.println();
            System.out.println("| files | mode | what | tool | wall (s) | CPU (s) | peak RSS (MiB) | wall vs peer |");
            System.out.println("|---:|---|---|---|---:|---:|---:|---:|");
            rows.forEach(System.out::println);
            System.out.println("(medians of " + options.runs + " runs each; order alternated, flushed before each)");
            System.err.println("cleaning up " + work);
            deleteTree(work);
        }

        static List<String> mirror(int size, Path tree, Path work, Options options) throws Exception {
            Path library = work.resolve("mirror-lib-" + size);
            Path conduitTarget = work.resolve("mirror-conduit-" + size);
            Path rsyncTarget = work.resolve("mirror-rsync-" + size);
            time(conduit("--library", library.toString(), "-q", "sync", tree.toString(), conduitTarget.toString()));
            time(List.of("rsync", "-a", "--delete", tree + "/", rsyncTarget + "/"));
            java.util.Map<String, List<String>> tools = new java.util.LinkedHashMap<>();
            tools.put("conduit", conduit("--library", library.toString(), "-q", "sync", "1"));
            tools.put("rsync", List.of("rsync", "-a", "--delete", tree + "/", rsyncTarget + "/"));
            java.util.Map<String, List<Sample>> noop = rounds(tools, options.runs, round -> { });
            SplittableRandom random = new SplittableRandom(options.seed + size);
            java.util.Map<String, List<Sample>> changed = rounds(tools, options.runs,
                round -> SyncBenchmark.changeOnePercent(tree, random));
            if (!BidirectionalBenchmark.listing(conduitTarget).equals(BidirectionalBenchmark.listing(rsyncTarget))) {
                throw new IllegalStateException("the two mirrors of " + size + " files differ: a benchmark error");
            }
            deleteTree(conduitTarget);
            deleteTree(rsyncTarget);
            List<String> rows = new ArrayList<>(rows(size, "mirror", "no-op", noop, "rsync"));
            rows.addAll(rows(size, "mirror", "1 % changed", changed, "rsync"));
            return rows;
        }

        static List<String> bidirectional(int size, Path tree, Path work, Options options) throws Exception {
            java.util.Map<String, List<String>> tools = new java.util.LinkedHashMap<>();
            java.util.Map<String, Path[]> pairs = new java.util.HashMap<>();
            for (String tool : List.of("conduit", "unison")) {
                Path left = work.resolve("bi-" + tool + "-" + size + "-left");
                Path right = Files.createDirectories(work.resolve("bi-" + tool + "-" + size + "-right"));
                Path state = Files.createDirectories(work.resolve("bi-" + tool + "-" + size + "-state"));
                time(List.of("cp", "-a", tree.toString(), left.toString()));
                time(BidirectionalBenchmark.command(tool, left, right, state, true),
                    BidirectionalBenchmark.environment(tool, state), 0);
                tools.put(tool, BidirectionalBenchmark.command(tool, left, right, state, false));
                pairs.put(tool, new Path[] {left, right, state});
            }
            java.util.Map<String, List<Sample>> noop = rounds(tools, options.runs, pairs, round -> { });
            java.util.Map<String, List<Sample>> changed = rounds(tools, options.runs, pairs, round -> {
                for (Path[] pair : pairs.values()) {
                    BidirectionalBenchmark.change(pair[0], pair[1], options.seed + 1000 + round);
                }
            });
            for (Path[] pair : pairs.values()) {
                deleteTree(pair[0]);
                deleteTree(pair[1]);
            }
            List<String> rows = new ArrayList<>(rows(size, "bidirectional", "no-op", noop, "unison"));
            rows.addAll(rows(size, "bidirectional", "1 % changed on both sides", changed, "unison"));
            return rows;
        }

        interface Change {
            void apply(int round) throws IOException;
        }

        static java.util.Map<String, List<Sample>> rounds(java.util.Map<String, List<String>> tools, int runs,
            Change change) throws Exception {
            return rounds(tools, runs, java.util.Map.of(), change);
        }

        static java.util.Map<String, List<Sample>> rounds(java.util.Map<String, List<String>> tools, int runs,
            java.util.Map<String, Path[]> pairs, Change change) throws Exception {
            return rounds(tools, runs, pairs, change, (name, command, environment) -> time(command, environment, 0));
        }

        /** How one tool's command of a round is timed. */
        interface Timing {
            Sample time(String tool, List<String> command, java.util.Map<String, String> environment)
                throws Exception;
        }

        /** Each round: the change, then every tool once, in an order that rotates, flushed before each run. */
        static java.util.Map<String, List<Sample>> rounds(java.util.Map<String, List<String>> tools, int runs,
            java.util.Map<String, Path[]> pairs, Change change, Timing timing) throws Exception {
            List<String> names = new ArrayList<>(tools.keySet());
            java.util.Map<String, List<Sample>> samples = new java.util.TreeMap<>();
            for (int round = 0; round < runs; round++) {
                change.apply(round);
                for (int k = 0; k < names.size(); k++) {
                    String name = names.get((round + k) % names.size());
                    new ProcessBuilder("sync").start().waitFor();
                    java.util.Map<String, String> environment = pairs.containsKey(name)
                        ? BidirectionalBenchmark.environment(name, pairs.get(name)[2]) : java.util.Map.of();
                    samples.computeIfAbsent(name, n -> new ArrayList<>())
                        .add(timing.time(name, tools.get(name), environment));
                }
            }
            return samples;
        }

        static List<String> rows(int size, String mode, String what, java.util.Map<String, List<Sample>> samples,
            String peer) {
            Sample reference = median(samples.get(peer));
            List<String> rows = new ArrayList<>();
            for (var tool : samples.entrySet()) {
                Sample sample = median(tool.getValue());
                rows.add(String.format(Locale.ROOT, "| %d | %s | %s | %s | %.2f | %.2f | %.0f | %.2f× |", size, mode,
                    what, tool.getKey(), sample.wall(), sample.cpu(), sample.peakKib() / 1024.0,
                    sample.wall() / reference.wall()));
            }
            return rows;
        }
    }

    /**
     * The service (issue 14), per tree size: how long a one-file change takes to reach the target of an
     * {@code instant} conduit under {@code conduit daemon --quiet-period 200ms} (20 changes, median and worst), beside
     * {@code rsync -a --delete} of the same tree after the same change; no-op and 1 %-changed syncs answered by the
     * daemon beside {@code rsync} (mirror) and {@code unison} (bidirectional), alternating, flushed before each; and the
     * daemon idle for 60 s: CPU and resident memory, and how long it took to watch the tree.
     */
    static final class DaemonBenchmark {

        static void run(Options options) throws Exception {
            Path work = options.work.resolve("daemon-" + System.currentTimeMillis());
            Files.createDirectories(work);
            new ProcessBuilder(conduit("--version")).inheritIO().start().waitFor();
            List<Integer> sizes = options.sizes.equals(List.of(10_000, 50_000, 200_000)) ? List.of(50_000, 200_000)
                : options.sizes;
            List<String> rows = new ArrayList<>();
            for (int size : sizes) {
                rows.addAll(measure(size, work, options));
            }
            System.out.println();
            System.out.println("| files | what | conduit (daemon) | peer | peer's figure | ratio |");
            System.out.println("|---:|---|---:|---|---:|---:|");
            rows.forEach(System.out::println);
            System.err.println("cleaning up " + work);
            deleteTree(work);
        }

        static List<String> measure(int size, Path work, Options options) throws Exception {
            Path tree = work.resolve("tree-" + size);
            Workload.generate("many-small", tree, options.seed, size);
            Path library = work.resolve("lib-" + size);
            Path target = work.resolve("target-" + size);
            Path rsyncTarget = work.resolve("rsync-" + size);
            Path left = work.resolve("left-" + size);
            Path right = Files.createDirectories(work.resolve("right-" + size));
            Path unisonLeft = work.resolve("unison-left-" + size);
            Path unisonRight = Files.createDirectories(work.resolve("unison-right-" + size));
            Path unisonState = Files.createDirectories(work.resolve("unison-state-" + size));
            String lib = library.toString();
            time(conduit("--library", lib, "-q", "add", tree.toString(), target.toString(), "--name", "m",
                "--schedule", "instant"), java.util.Map.of(), 0);
            time(conduit("--library", lib, "-q", "sync", "m"), java.util.Map.of("CONDUIT_NO_DAEMON", "1"), 0);
            time(List.of("rsync", "-a", "--delete", tree + "/", rsyncTarget + "/"), java.util.Map.of(), 0);
            time(List.of("cp", "-a", tree.toString(), left.toString()), java.util.Map.of(), 0);
            time(List.of("cp", "-a", tree.toString(), unisonLeft.toString()), java.util.Map.of(), 0);
            time(conduit("--library", lib, "-q", "add", left.toString(), right.toString(), "--name", "b", "--mode",
                "bidirectional"), java.util.Map.of(), 0);
            time(conduit("--library", lib, "-q", "sync", "b"), java.util.Map.of("CONDUIT_NO_DAEMON", "1"), 0);
            time(BidirectionalBenchmark.command("unison", unisonLeft, unisonRight, unisonState, true),
                BidirectionalBenchmark.environment("unison", unisonState), 0);
            new ProcessBuilder("sync").start().waitFor();

            Path log = work.resolve("daemon-" + size + ".log");
            long started = System.nanoTime();
            Process daemon = new ProcessBuilder(conduit("--library", lib, "daemon", "--quiet-period", "200ms"))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            double watching = untilWatching(lib, daemon, log, started);
            List<String> rows = new ArrayList<>();
            try {
                rows.add(row(size, "start to both roots watched (s)", watching, "—", Double.NaN));
                rows.addAll(latency(size, tree, target, rsyncTarget, options.runs));
                rows.addAll(answered(size, lib, tree, rsyncTarget, left, right, unisonLeft, unisonRight, unisonState,
                    options));
                rows.addAll(idle(size, daemon));
            } finally {
                daemon.destroy();                                           // SIGTERM: it stops at a safe point
                if (!daemon.waitFor(120, java.util.concurrent.TimeUnit.SECONDS) || daemon.exitValue() != 0) {
                    daemon.destroyForcibly();
                    throw new IllegalStateException("the daemon did not stop with exit 0: " + Files.readString(log));
                }
            }
            for (Path path : List.of(tree, target, rsyncTarget, left, right, unisonLeft, unisonRight)) {
                deleteTree(path);
            }
            return rows;
        }

        /** Seconds from the daemon's start until its status says both roots of conduit m are watched live. */
        static double untilWatching(String library, Process daemon, Path log, long started) throws Exception {
            while (System.nanoTime() - started < java.util.concurrent.TimeUnit.MINUTES.toNanos(10)) {
                if (!daemon.isAlive()) {
                    throw new IllegalStateException("the daemon died: " + Files.readString(log));
                }
                Process status = new ProcessBuilder(conduit("--library", library, "--json", "status", "m"))
                    .redirectErrorStream(true).start();
                String out = new String(status.getInputStream().readAllBytes());
                if (status.waitFor() == 0 && out.contains("\"watching\":true")) {
                    return (System.nanoTime() - started) / 1e9;
                }
                Thread.sleep(100);
            }
            throw new IllegalStateException("the daemon did not watch its roots in 10 minutes");
        }

        /** A new file in the source, timed until it is in the target; then rsync of the same tree, timed. */
        static List<String> latency(int size, Path tree, Path target, Path rsyncTarget, int runs) throws Exception {
            List<Double> conduit = new ArrayList<>();
            List<Double> rsync = new ArrayList<>();
            int changes = Math.max(20, runs);
            for (int i = 0; i < changes; i++) {
                Thread.sleep(1000);                                          // quiet: the last sync has settled
                String name = "change-" + i + ".txt";
                long written = System.nanoTime();
                Files.writeString(tree.resolve(name), "change " + i);
                while (!Files.isRegularFile(target.resolve(name))) {
                    if (System.nanoTime() - written > 60_000_000_000L) {
                        throw new IllegalStateException(name + " did not reach the target in 60 s");
                    }
                    Thread.sleep(2);
                }
                conduit.add((System.nanoTime() - written) / 1e9);
                rsync.add(time(List.of("rsync", "-a", "--delete", tree + "/", rsyncTarget + "/"),
                    java.util.Map.of(), 0).wall());
            }
            double[] sorted = conduit.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            double rsyncMedian = rsync.stream().mapToDouble(Double::doubleValue).sorted().toArray()[rsync.size() / 2];
            return List.of(
                row(size, "one file changed → in the target, median of " + changes + " (s)",
                    sorted[sorted.length / 2], "rsync -a --delete", rsyncMedian),
                row(size, "one file changed → in the target, worst of " + changes + " (s)",
                    sorted[sorted.length - 1], "rsync -a --delete", rsyncMedian));
        }

        /** Syncs asked of the daemon from the command line (a process each), beside the peers, rotated, flushed. */
        static List<String> answered(int size, String lib, Path tree, Path rsyncTarget, Path left, Path right,
            Path unisonLeft, Path unisonRight, Path unisonState, Options options) throws Exception {
            java.util.Map<String, List<String>> mirror = new java.util.LinkedHashMap<>();
            mirror.put("conduit", conduit("--library", lib, "-q", "sync", "m"));
            mirror.put("rsync", List.of("rsync", "-a", "--delete", tree + "/", rsyncTarget + "/"));
            java.util.Map<String, List<Sample>> mirrorNoop = CostBenchmark.rounds(mirror, options.runs, round -> { });
            java.util.Map<String, List<String>> both = new java.util.LinkedHashMap<>();
            both.put("conduit", conduit("--library", lib, "-q", "sync", "b"));
            both.put("unison", BidirectionalBenchmark.command("unison", unisonLeft, unisonRight, unisonState, false));
            java.util.Map<String, Path[]> state = java.util.Map.of("unison", new Path[] {unisonLeft, unisonRight,
                unisonState});
            java.util.Map<String, List<Sample>> bothNoop = CostBenchmark.rounds(both, options.runs, state,
                round -> { });
            java.util.Map<String, List<Sample>> bothChanged = CostBenchmark.rounds(both, options.runs, state,
                round -> {
                    BidirectionalBenchmark.change(left, right, options.seed + 2000 + round);
                    BidirectionalBenchmark.change(unisonLeft, unisonRight, options.seed + 2000 + round);
                });
            return List.of(
                ratio(size, "mirror no-op, sync answered by the daemon (s)", mirrorNoop, "rsync"),
                ratio(size, "bidirectional no-op, answered by the daemon (s)", bothNoop, "unison"),
                ratio(size, "bidirectional 1 % changed on both sides, answered by the daemon (s)", bothChanged,
                    "unison"));
        }

        /** The daemon left alone for 60 s: CPU used (share of one core) and resident memory before and after. */
        static List<String> idle(int size, Process daemon) throws Exception {
            Thread.sleep(5000);
            long[] before = cpuAndRss(daemon.pid());
            Thread.sleep(60_000);
            long[] after = cpuAndRss(daemon.pid());
            double ticks = 100.0;                                            // USER_HZ
            double share = (after[0] - before[0]) / ticks / 60.0 * 100;
            return List.of(
                row(size, "idle 60 s: CPU (% of one core)", share, "—", Double.NaN),
                row(size, "idle: resident memory at start / after 60 s (MiB)", after[1] / 1024.0, "before",
                    before[1] / 1024.0));
        }

        /** utime + stime in clock ticks, and VmRSS in KiB, of a process. */
        static long[] cpuAndRss(long pid) throws IOException {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long cpu = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            long rss = Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream()
                .filter(line -> line.startsWith("VmRSS:")).map(line -> line.replaceAll("[^0-9]", ""))
                .mapToLong(Long::parseLong).findFirst().orElse(-1);
            return new long[] {cpu, rss};
        }

        static String ratio(int size, String what, java.util.Map<String, List<Sample>> samples, String peer) {
            return row(size, what + ", medians of " + samples.get("conduit").size(), median(samples.get("conduit"))
                .wall(), peer, median(samples.get(peer)).wall());
        }

        static String row(int size, String what, double value, String peer, double reference) {
            return String.format(Locale.ROOT, "| %d | %s | %.3f | %s | %s | %s |", size, what, value, peer,
                Double.isNaN(reference) ? "—" : String.format(Locale.ROOT, "%.3f", reference),
                Double.isNaN(reference) ? "—" : String.format(Locale.ROOT, "%.2f×", value / reference));
        }
    }

    /**
     * Remote endpoints (issue 15): syncs to another host across a network namespace's veth pair, with a real sshd on
     * the other side and the link shaped as a LAN (1 Gbit/s, 0.5 ms round trip) and a WAN (50 Mbit/s, 40 ms round
     * trip) — with {@code tc netem} where the kernel has it, else with a relay in this JVM that delays and paces each
     * direction (the output says which). On {@code many-small} and {@code mixed}: the initial mirror into a fresh
     * remote folder (fresh libraries and state every run), a no-op sync and a sync after 1 % of the files changed,
     * Conduit ({@code conduit sync LOCAL HOST:PATH}, its agent started by ssh) beside {@code rsync -a --delete -e ssh}
     * and {@code unison LOCAL ssh://HOST//PATH -force LOCAL} (a one-way sync, as the others). Every tool uses the same
     * ssh (one connection per run, no multiplexing); the order of the tools rotates between runs, everything written
     * is flushed (untimed) before each run, and a run that exits with an error ends the benchmark: it is never a
     * sample. The other host shares this machine's disk: only the network is remote. Needs root.
     */
    static final class RemoteBenchmark {

        record Profile(String name, double roundTripMs, int mbit) {
        }

        static final java.util.Map<String, Profile> PROFILES = java.util.Map.of(
            "lan", new Profile("LAN 1 Gbit/s, 0.5 ms", 0.5, 1000),
            "wan", new Profile("WAN 50 Mbit/s, 40 ms", 40, 50));

        static void run(Options options) throws Exception {
            if (!"root".equals(System.getProperty("user.name"))) {
                throw new IllegalArgumentException("remote needs root (a network namespace and an sshd)");
            }
            Path work = options.work.resolve("remote-" + System.currentTimeMillis());
            Files.createDirectories(work);
            if (options.tools.contains("conduit")) {
                new ProcessBuilder(conduit("--version")).inheritIO().start().waitFor();
            }
            List<String> only = options.only.equals(Workload.NAMES) ? List.of("many-small", "mixed") : options.only;
            List<String> rows = new ArrayList<>();
            List<String> shaping = new ArrayList<>();
            try (Link link = Link.open(work.resolve("link"))) {
                java.util.Map<String, Path> trees = new java.util.LinkedHashMap<>();
                for (String name : only) {
                    trees.put(name, work.resolve(name));
                    Workload.generate(name, trees.get(name), options.seed, options.files);
                }
                for (String linkName : options.links) {
                    Profile profile = PROFILES.get(linkName);
                    if (profile == null) {
                        throw new IllegalArgumentException("no such link: " + linkName + " (lan, wan)");
                    }
                    shaping.add(profile.name() + ": " + link.shape(profile));
                    rows.add(floor(link, profile, options.runs));
                    for (var tree : trees.entrySet()) {
                        rows.addAll(measure(link, profile, tree.getKey(), tree.getValue(), work, options));
                    }
                }
            }
            System.out.println();
            System.out.println("| link | workload | what | tool | wall (s) | CPU (s) | peak RSS (MiB) | wall vs rsync |");
            System.out.println("|---|---|---|---|---:|---:|---:|---:|");
            rows.forEach(System.out::println);
            System.out.println("(medians of " + options.runs + " runs each; order rotated, flushed before each; "
                + "shaping: " + String.join("; ", shaping) + ")");
            System.err.println("cleaning up " + work);
            deleteTree(work);
        }

        /** The other host and the first link of --links, held until standard input ends (for experiments by hand). */
        static void hold(Options options) throws Exception {
            Path work = Files.createDirectories(options.work.resolve("link-" + System.currentTimeMillis()));
            try (Link link = Link.open(work.resolve("link"))) {
                Profile profile = PROFILES.get(options.links.get(0));
                if (profile == null) {
                    throw new IllegalArgumentException("no such link: " + options.links.get(0) + " (lan, wan)");
                }
                System.out.println(profile.name() + ": " + link.shape(profile));
                System.out.println("--ssh '" + link.ssh() + "' (host " + Link.HOST + "); an agent's launcher: "
                    + link.agent(work.resolve("remote-library")));
                System.out.println("held until standard input ends");
                System.in.readAllBytes();
            } finally {
                deleteTree(work);
            }
        }

        /**
         * {@code ssh HOST true}: a connection, a login and the remote user's shell starting, which every run of every
         * tool pays once; the floor under all the figures of the link.
         */
        static String floor(Link link, Profile profile, int runs) throws Exception {
            List<Sample> samples = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                samples.add(time(List.of("ssh", "-F", link.config().toString(), Link.HOST, "true"), java.util.Map.of(),
                    0));
            }
            Sample sample = median(samples);
            return String.format(Locale.ROOT, "| %s | — | one connection and login: ssh HOST true | ssh | %.2f | %.2f | %.0f"
                + " | — |", profile.name(), sample.wall(), sample.cpu(), sample.peakKib() / 1024.0);
        }

        static List<String> measure(Link link, Profile profile, String name, Path tree, Path work, Options options)
            throws Exception {
            try (Daemons daemons = new Daemons()) {
                return measure(link, profile, name, tree, work, options, daemons);
            }
        }

        static List<String> measure(Link link, Profile profile, String name, Path tree, Path work, Options options,
            Daemons daemons) throws Exception {
            String run = name + "-" + profile.mbit() + "-" + options.files;
            java.util.Map<String, List<Sample>> initial = new java.util.TreeMap<>();
            for (int i = 0; i < options.runs; i++) {                // fresh remote folders, libraries and state
                for (int k = 0; k < options.tools.size(); k++) {
                    String tool = options.tools.get((i + k) % options.tools.size());
                    Path state = Files.createDirectories(work.resolve(run + "-" + tool + "-state-" + i));
                    daemons.startFor(tool, state);
                    new ProcessBuilder("sync").start().waitFor();
                    initial.computeIfAbsent(tool, t -> new ArrayList<>()).add(daemons.time(state, command(link, tool,
                        tree, work.resolve(run + "-" + tool + "-remote-" + i), state, true), environment(tool, state)));
                }
            }
            for (int i = 1; i < options.runs; i++) {                // only the first run's copies are synced again
                for (String tool : options.tools) {
                    daemons.stop(work.resolve(run + "-" + tool + "-state-" + i));
                    deleteTree(work.resolve(run + "-" + tool + "-remote-" + i));
                }
            }
            java.util.Map<String, List<String>> again = new java.util.LinkedHashMap<>();
            java.util.Map<String, Path[]> pairs = new java.util.HashMap<>();
            for (String tool : options.tools) {
                Path remote = work.resolve(run + "-" + tool + "-remote-0");
                Path state = work.resolve(run + "-" + tool + "-state-0");
                again.put(tool, command(link, tool, tree, remote, state, false));
                pairs.put(tool, new Path[] {tree, remote, state});
            }
            CostBenchmark.Timing timing = (tool, command, environment) -> daemons.time(pairs.get(tool)[2], command,
                environment);                                   // a tool answered by a daemon: with its CPU
            java.util.Map<String, List<Sample>> noop = CostBenchmark.rounds(again, options.runs, pairs, round -> { },
                timing);
            SplittableRandom random = new SplittableRandom(options.seed + profile.mbit());
            java.util.Map<String, List<Sample>> changed = CostBenchmark.rounds(again, options.runs, pairs,
                round -> SyncBenchmark.changeOnePercent(tree, random), timing);
            boolean large = name.equals("large");                  // its files changed in place: what delta saves
            java.util.Map<String, List<Sample>> inPlace = large ? CostBenchmark.rounds(again, options.runs, pairs,
                round -> SyncBenchmark.changeInPlace(tree, random), timing) : java.util.Map.of();
            for (String tool : options.tools) {
                Path remote = work.resolve(run + "-" + tool + "-remote-0");
                if (!BidirectionalBenchmark.listing(remote).equals(BidirectionalBenchmark.listing(tree))) {
                    throw new IllegalStateException(tool + "'s remote copy of " + name + " differs: a benchmark error");
                }
                for (String file : large ? BidirectionalBenchmark.listing(tree).keySet() : java.util.Set.<String>of()) {
                    if (Files.mismatch(tree.resolve(file), remote.resolve(file)) != -1) { // changed in place: bytes
                        throw new IllegalStateException(tool + "'s remote copy of " + file + " differs in content");
                    }
                }
                deleteTree(remote);
            }
            List<String> rows = new ArrayList<>(rows(profile, name, "initial mirror", initial));
            rows.addAll(rows(profile, name, "no-op", noop));
            rows.addAll(rows(profile, name, "1 % changed", changed));
            if (large) {
                rows.addAll(rows(profile, name, "changed in place (1 % of blocks)", inPlace));
            }
            return rows;
        }

        /** The command that makes {@code remote} (on the other host) a copy of {@code tree} with a tool. */
        static List<String> command(Link link, String tool, Path tree, Path remote, Path state, boolean first) {
            return switch (tool) {
                case "conduit", "conduit-daemon", "conduit-before" -> {
                    String launcher = tool.equals("conduit-before") ? BEFORE : LAUNCHER;
                    if (launcher == null) {
                        throw new IllegalArgumentException("conduit-before needs CONDUIT_BENCH_BEFORE=PATH (a launcher)");
                    }
                    List<String> command = new ArrayList<>(List.of(launcher, "--library",
                        state.resolve("library").toString(), "-q", "sync"));
                    command.addAll(first
                        ? List.of(tree.toString(), Link.HOST + ":" + remote, "--ssh", link.ssh(), "--remote-conduit",
                            link.agent(state.resolve("remote-library"), launcher).toString())
                        : List.of("1"));
                    yield command;
                }
                case "rsync" -> List.of("rsync", "-a", "--delete", "-e", link.ssh(), tree + "/",
                    Link.HOST + ":" + remote + "/");
                case "unison" -> List.of("unison", tree.toString(), "ssh://" + Link.HOST + "/" + remote, "-sshargs",
                    "-F " + link.config(), "-servercmd", "env UNISON=" + state.resolve("remote") + " unison",
                    "-batch", "-times", "-force", tree.toString(), "-confirmbigdel=false", "-silent");
                default -> throw new IllegalArgumentException("no such tool: " + tool + " (conduit, rsync, unison)");
            };
        }

        /**
         * {@code conduit daemon} on the local library of each conduit-daemon run (in its state folder), started before
         * its first command and stopped (SIGTERM, exit 0) after its last; the CPU a command cost adds what the daemon
         * (its JVM and the ssh it keeps) spent since its previous command. No command of any tool is timed before
         * every daemon is idle.
         */
        static final class Daemons implements AutoCloseable {
            final java.util.Map<Path, Process> running = new java.util.HashMap<>();

            void startFor(String tool, Path state) throws Exception {
                if (!tool.equals("conduit-daemon")) {
                    return;
                }
                Path log = state.resolve("daemon.log");
                Process daemon = new ProcessBuilder(conduit("--library", state.resolve("library").toString(),
                    "daemon")).redirectErrorStream(true).redirectOutput(log.toFile()).start();
                running.put(state, daemon);
                long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(2);
                while (!Files.readString(log).contains("Serving ")) {
                    if (!daemon.isAlive() || System.nanoTime() > deadline) {
                        throw new IllegalStateException("the daemon did not start: " + Files.readString(log));
                    }
                    Thread.sleep(50);
                }
            }

            /** A daemon's CPU when its last command ended: what it spent between two commands is the next one's. */
            final java.util.Map<Path, Double> cpuAfterLast = new java.util.HashMap<>();

            /**
             * Times one tool's command once every daemon is idle (a daemon's live index follows the source's changes
             * of a round: no tool is timed while a daemon works on two shared cores); a daemon's command counts the
             * CPU its daemon spent since its previous command, the live index's work included.
             */
            Sample time(Path state, List<String> command, java.util.Map<String, String> environment)
                throws Exception {
                quiet();
                Process daemon = running.get(state);
                double before = daemon == null ? 0 : cpuAfterLast.getOrDefault(state, cpu(daemon.toHandle()));
                Sample sample = Bench.time(command, environment, 0);
                if (daemon == null) {
                    return sample;
                }
                double after = cpu(daemon.toHandle());
                cpuAfterLast.put(state, after);
                return new Sample(sample.wall(), sample.cpu() + after - before, sample.peakKib());
            }

            /** Waits (at most 20 s) until no running daemon spent CPU for 0.3 s. */
            void quiet() throws Exception {
                long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
                double last = daemonsCpu();
                while (!running.isEmpty() && System.nanoTime() < deadline) {
                    Thread.sleep(300);
                    double now = daemonsCpu();
                    if (now - last < 0.01) {
                        return;
                    }
                    last = now;
                }
            }

            /** Seconds of CPU of every running daemon and what runs under them, now. */
            double daemonsCpu() {
                return running.values().stream().mapToDouble(daemon -> cpu(daemon.toHandle())).sum();
            }

            /** Seconds of CPU of a process and those under it now. */
            static double cpu(ProcessHandle process) {
                return java.util.stream.Stream.concat(java.util.stream.Stream.of(process), process.descendants())
                    .mapToDouble(handle -> handle.info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(0.0))
                    .sum();
            }

            void stop(Path state) throws Exception {
                Process daemon = running.remove(state);
                if (daemon == null) {
                    return;
                }
                daemon.destroy();
                if (!daemon.waitFor(120, java.util.concurrent.TimeUnit.SECONDS) || daemon.exitValue() != 0) {
                    daemon.destroyForcibly();
                    throw new IllegalStateException("the daemon did not stop with exit 0: "
                        + Files.readString(state.resolve("daemon.log")));
                }
            }

            @Override
            public void close() throws Exception {
                for (Path state : new ArrayList<>(running.keySet())) {
                    stop(state);
                }
            }
        }

        /** As {@link CostBenchmark#rounds} sets it: the local unison's state in the state folder itself. */
        static java.util.Map<String, String> environment(String tool, Path state) {
            return BidirectionalBenchmark.environment(tool, state);
        }

        static List<String> rows(Profile profile, String name, String what,
            java.util.Map<String, List<Sample>> samples) {
            Sample reference = samples.containsKey("rsync") ? median(samples.get("rsync")) : null;
            List<String> rows = new ArrayList<>();
            for (var tool : samples.entrySet()) {
                Sample sample = median(tool.getValue());
                rows.add(String.format(Locale.ROOT, "| %s | %s | %s | %s | %.2f | %.2f | %.0f | %s |", profile.name(),
                    name, what, label(tool.getKey()), sample.wall(), sample.cpu(), sample.peakKib() / 1024.0,
                    reference == null ? "—" : String.format(Locale.ROOT, "%.2f×", sample.wall() / reference.wall())));
            }
            return rows;
        }

        static String label(String tool) {
            return switch (tool) {
                case "conduit" -> "conduit sync LOCAL host:PATH";
                case "conduit-before" -> "conduit (CONDUIT_BENCH_BEFORE) sync LOCAL host:PATH";
                case "conduit-daemon" -> "conduit sync, answered by conduit daemon (CPU: client + daemon)";
                case "rsync" -> "rsync -a --delete -e ssh";
                default -> "unison ssh:// -batch -force LOCAL";
            };
        }
    }

    /**
     * The other host: a network namespace joined by a veth pair ({@code cdbh}/{@code cdbr}, 10.252.0.1 and .2), an
     * sshd in it on a host key made here, a client key authorized for root, and an ssh_config with strict host key
     * checking against a known_hosts file written here. What a killed earlier run left (the namespace and its
     * processes) is removed first. (The tests' harness, dev.conduit.testing.SshHost, does the same for many hosts at
     * once; this file runs on its own, in the JDK's source mode.)
     */
    static final class Link implements AutoCloseable {

        static final String HOST = "bench-remote";
        static final String NAMESPACE = "conduit-bench-ssh";
        static final String ADDRESS = "10.252.0.2";

        final Path folder;
        Process sshd;
        Relay relay;
        int agents;

        Link(Path folder) {
            this.folder = folder;
        }

        static Link open(Path folder) throws Exception {
            removeLeftovers();
            Files.createDirectories(folder);
            Link link = new Link(folder);
            try {
                shell("ip", "netns", "add", NAMESPACE);
                shell("ip", "link", "add", "cdbh", "type", "veth", "peer", "name", "cdbr");
                shell("ip", "link", "set", "cdbr", "netns", NAMESPACE);
                shell("ip", "addr", "add", "10.252.0.1/24", "dev", "cdbh");
                shell("ip", "link", "set", "cdbh", "up");
                shell("ip", "-n", NAMESPACE, "addr", "add", ADDRESS + "/24", "dev", "cdbr");
                shell("ip", "-n", NAMESPACE, "link", "set", "cdbr", "up");
                shell("ip", "-n", NAMESPACE, "link", "set", "lo", "up");
                link.startSshd();
            } catch (Exception | Error e) {
                link.close();
                throw e;
            }
            return link;
        }

        void startSshd() throws Exception {
            for (String key : List.of("host_key", "client_key")) {
                shell("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", folder.resolve(key).toString());
            }
            Files.copy(folder.resolve("client_key.pub"), folder.resolve("authorized_keys"));
            String[] hostKey = Files.readString(folder.resolve("host_key.pub")).strip().split(" ");
            Files.writeString(folder.resolve("known_hosts"), HOST + " " + hostKey[0] + " " + hostKey[1] + "\n");
            Files.writeString(folder.resolve("sshd_config"), String.join("\n", "ListenAddress " + ADDRESS,
                "HostKey " + folder.resolve("host_key"), "PidFile " + folder.resolve("sshd.pid"),
                "AuthorizedKeysFile " + folder.resolve("authorized_keys"), "PermitRootLogin prohibit-password",
                "PasswordAuthentication no", "KbdInteractiveAuthentication no", "UsePAM no", "StrictModes no",
                "MaxStartups 100", "MaxSessions 100", ""));
            Files.createDirectories(Path.of("/run/sshd"));
            sshd = new ProcessBuilder("ip", "netns", "exec", NAMESPACE, "/usr/sbin/sshd", "-D", "-e", "-f",
                folder.resolve("sshd_config").toString()).redirectErrorStream(true)
                .redirectOutput(folder.resolve("sshd.log").toFile()).start();
            writeConfig(ADDRESS, 22);
            for (int attempt = 0; ; attempt++) {
                Process probe = new ProcessBuilder("ssh", "-F", config().toString(), HOST, "true")
                    .redirectErrorStream(true).start();
                String said = new String(probe.getInputStream().readAllBytes());
                if (probe.waitFor() == 0) {
                    return;
                }
                if (attempt == 100 || !sshd.isAlive()) {
                    throw new IllegalStateException("the other host's sshd does not answer: " + said
                        + Files.readString(folder.resolve("sshd.log")));
                }
                Thread.sleep(100);
            }
        }

        void writeConfig(String address, int port) throws IOException {
            Files.writeString(config(), String.join("\n", "Host " + HOST, "  HostName " + address, "  Port " + port,
                "  User root", "  IdentityFile " + folder.resolve("client_key"), "  IdentitiesOnly yes",
                "  IdentityAgent none", "  HostKeyAlias " + HOST, "  UserKnownHostsFile " + folder.resolve("known_hosts"),
                "  GlobalKnownHostsFile /dev/null", "  StrictHostKeyChecking yes", "  BatchMode yes",
                "  ControlMaster no", "  ControlPath none", "  LogLevel ERROR", ""));
            Files.setPosixFilePermissions(config(), java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        }

        Path config() {
            return folder.resolve("ssh_config");
        }

        /** The remote shell command for --ssh and rsync's -e. */
        String ssh() {
            return "ssh -F " + config();
        }

        /** A launcher for the other host's conduit: this checkout's, with a library of its own. */
        Path agent(Path library) {
            return agent(library, LAUNCHER);
        }

        /** The same with another build's launcher (both sides of a conduit-before run are that build). */
        Path agent(Path library, String launcher) {
            try {
                Path wrapper = folder.resolve("conduit-" + ++agents);
                Files.writeString(wrapper, "#!/bin/sh\nexport CONDUIT_LIBRARY='" + library + "'\nexport PATH='"
                    + System.getenv("PATH") + "'\nexec '" + launcher + "' \"$@\"\n");
                wrapper.toFile().setExecutable(true);
                return wrapper;
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        /**
         * Shapes both directions: {@code tc netem} (half the round trip each way, and the rate) on both ends of the
         * veth pair where the kernel has sch_netem; else a relay in this JVM on the path of every connection. Says
         * which.
         */
        String shape(RemoteBenchmark.Profile profile) throws Exception {
            if (relay != null) {
                relay.close();
                relay = null;
            }
            writeConfig(ADDRESS, 22);
            String delay = Math.round(profile.roundTripMs() * 500) + "us";
            String rate = profile.mbit() + "mbit";
            List<String> netem = List.of("root", "netem", "delay", delay, "rate", rate, "limit", "100000");
            List<String> here = new ArrayList<>(List.of("tc", "qdisc", "replace", "dev", "cdbh"));
            here.addAll(netem);
            List<String> there = new ArrayList<>(List.of("ip", "netns", "exec", NAMESPACE, "tc", "qdisc", "replace",
                "dev", "cdbr"));
            there.addAll(netem);
            Process tried = new ProcessBuilder(here).redirectErrorStream(true).start();
            String said = new String(tried.getInputStream().readAllBytes());
            if (tried.waitFor() == 0) {
                shell(there.toArray(String[]::new));
                return "tc netem delay " + delay + " rate " + rate + " on both ends";
            }
            System.err.println("bench: no tc netem here (" + said.strip() + "): a relay in this JVM delays and paces"
                + " each direction instead");
            relay = new Relay(ADDRESS, 22, profile.roundTripMs() / 2, profile.mbit());
            writeConfig("127.0.0.1", relay.port());
            return "a relay in the bench's JVM, " + delay + " and " + rate + " each way (no sch_netem)";
        }

        @Override
        public void close() throws Exception {
            if (relay != null) {
                relay.close();
            }
            removeLeftovers();
        }

        static void removeLeftovers() throws Exception {
            if (Files.exists(Path.of("/run/netns", NAMESPACE))) {
                Process pids = new ProcessBuilder("ip", "netns", "pids", NAMESPACE).start();
                for (String pid : new String(pids.getInputStream().readAllBytes()).split("\\s+")) {
                    if (!pid.isBlank()) {
                        ProcessHandle.of(Long.parseLong(pid)).ifPresent(process -> {
                            process.destroyForcibly();
                            process.onExit().join();
                        });
                    }
                }
                shell("ip", "netns", "del", NAMESPACE);
            }
            for (int wait = 0; wait < 50 && Files.exists(Path.of("/sys/class/net/cdbh")); wait++) {
                Thread.sleep(100);                                 // the pair goes with the namespace
            }
            if (Files.exists(Path.of("/sys/class/net/cdbh"))) {
                shell("ip", "link", "del", "cdbh");
            }
        }

        static void shell(String... command) throws IOException, InterruptedException {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String said = new String(process.getInputStream().readAllBytes());
            if (process.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + said);
            }
        }
    }

    /**
     * Where the kernel has no netem: a TCP relay on a loopback port in front of the other host's sshd that holds
     * every chunk it reads for the one-way delay and sends each direction no faster than the rate (a link with that
     * latency and bandwidth, and a 16 MiB buffer each way).
     */
    static final class Relay implements AutoCloseable {

        final java.net.ServerSocket server;
        final String address;
        final int port;
        final long delayNanos;
        final double nanosPerByte;

        Relay(String address, int port, double oneWayMs, int mbit) throws IOException {
            this.server = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
            this.address = address;
            this.port = port;
            this.delayNanos = Math.round(oneWayMs * 1_000_000);
            this.nanosPerByte = 8_000.0 / mbit;
            Thread accepting = new Thread(this::accept, "relay");
            accepting.setDaemon(true);
            accepting.start();
        }

        int port() {
            return server.getLocalPort();
        }

        void accept() {
            while (!server.isClosed()) {
                try {
                    java.net.Socket client = server.accept();
                    java.net.Socket upstream = new java.net.Socket(address, port);
                    client.setTcpNoDelay(true);
                    upstream.setTcpNoDelay(true);
                    direction(client, upstream);
                    direction(upstream, client);
                } catch (IOException closed) {
                    // the relay was closed, or the other host refused: ssh says so
                }
            }
        }

        record Chunk(long due, byte[] bytes, int length) {
        }

        /** A reader that stamps what it reads and a writer that sends it when due, paced at the rate. */
        void direction(java.net.Socket from, java.net.Socket to) {
            java.util.concurrent.BlockingQueue<Chunk> queue = new java.util.concurrent.LinkedBlockingQueue<>(256);
            Thread reader = new Thread(() -> {
                try (var in = from.getInputStream()) {
                    while (true) {
                        byte[] buffer = new byte[64 * 1024];
                        int n = in.read(buffer);
                        queue.put(new Chunk(System.nanoTime() + delayNanos, buffer, Math.max(n, 0)));
                        if (n < 0) {
                            return;
                        }
                    }
                } catch (IOException | InterruptedException e) {
                    queue.offer(new Chunk(0, new byte[0], 0));
                }
            });
            Thread writer = new Thread(() -> {
                long free = 0;                                    // when the link is free to send the next byte
                try (var out = to.getOutputStream()) {
                    while (true) {
                        Chunk chunk = queue.take();
                        if (chunk.length() == 0) {
                            to.shutdownOutput();
                            return;
                        }
                        long start = Math.max(chunk.due(), free);
                        free = start + Math.round(chunk.length() * nanosPerByte);
                        for (long wait = free - System.nanoTime(); wait > 0; wait = free - System.nanoTime()) {
                            java.util.concurrent.locks.LockSupport.parkNanos(wait);   // sent when serialized
                        }
                        out.write(chunk.bytes(), 0, chunk.length());
                        out.flush();
                    }
                } catch (IOException | InterruptedException e) {
                    try {
                        from.close();
                        to.close();
                    } catch (IOException ignored) {
                        // closed already
                    }
                }
            });
            for (Thread thread : List.of(reader, writer)) {
                thread.setDaemon(true);
                thread.start();
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }

    /**
     * The copy path (issue 16): an initial mirror into an empty target, Conduit (a fresh library each run) beside
     * {@code rsync -a --delete} and {@code cp -a}, each followed by {@code sync -f} of its target so that both sides
     * are durable; the order rotates every round and the disk is flushed before every run. On real trees given with
     * {@code --tree} (default {@code /usr/share}) and on generated workloads ({@code --only}, default many-small). Then
     * a no-op re-sync beside rsync's; the library's size per entry and the WAL left after each command; and, from one
     * more run under {@code strace} (not timed), the bytes written to the library per entry and the system calls per
     * file.
     */
    static final class CopyBenchmark {

        static void run(Options options) throws Exception {
            Path work = options.work.resolve("copy-" + System.currentTimeMillis());
            Files.createDirectories(work);
            new ProcessBuilder(conduit("--version")).inheritIO().start().waitFor();
            java.util.Map<String, Path> trees = new java.util.LinkedHashMap<>();
            for (Path tree : options.trees.isEmpty() ? List.of(Path.of("/usr/share")) : options.trees) {
                trees.put(tree.toString(), tree);
            }
            for (String name : options.only == Workload.NAMES ? List.of("many-small") : options.only) {
                if (name.equals("none")) {
                    continue;
                }
                Path generated = work.resolve("tree-" + name);
                Workload.generate(name, generated, options.seed, -1);
                trees.put(name, generated);
            }
            List<String> rows = new ArrayList<>();
            List<String> library = new ArrayList<>();
            for (var tree : trees.entrySet()) {
                measure(tree.getKey(), tree.getValue(), work, options.runs, rows, library);
            }
            System.out.println();
            System.out.println("| tree | files | MB | what | wall (s) | CPU (s) | CPU per file (µs) | MB/s "
                + "| wall vs rsync + sync -f |");
            System.out.println("|---|---:|---:|---|---:|---:|---:|---:|---:|");
            rows.forEach(System.out::println);
            System.out.println();
            System.out.println("| tree | library per entry | WAL after the command (median) | written to the library "
                + "per entry | system calls per file |");
            System.out.println("|---|---:|---:|---:|---:|");
            library.forEach(System.out::println);
            System.err.println("cleaning up " + work);
            deleteTree(work);
        }

        private static void measure(String name, Path source, Path work, int runs, List<String> rows,
            List<String> library) throws Exception {
            long[] size = size(source);                          // files (and links), bytes
            String slug = name.replaceAll("[^A-Za-z0-9]+", "-");
            java.util.Map<String, List<Sample>> samples = new java.util.TreeMap<>();
            List<Long> wal = new ArrayList<>();
            List<Long> libraryBytes = new ArrayList<>();
            List<String> tools = List.of("conduit", "rsync", "cp");
            for (int round = 0; round < runs; round++) {
                for (int k = 0; k < tools.size(); k++) {
                    String tool = tools.get((round + k) % tools.size());
                    Path target = work.resolve(slug + "-" + tool + "-" + round);
                    Path lib = work.resolve(slug + "-lib-" + round);
                    List<String> command = switch (tool) {
                        case "conduit" -> conduit("--library", lib.toString(), "-q", "sync", source.toString(),
                            target.toString());
                        case "rsync" -> flushed(List.of("rsync", "-a", "--delete", source + "/", target + "/"),
                            target);
                        default -> flushed(List.of("cp", "-a", source.toString(), target.toString()), target);
                    };
                    new ProcessBuilder("sync").start().waitFor();
                    samples.computeIfAbsent(tool, t -> new ArrayList<>()).add(time(command, java.util.Map.of(), 0));
                    if (tool.equals("conduit")) {
                        wal.add(sizeOf(lib.resolve("library.db-wal")));
                        libraryBytes.add(sizeOf(lib.resolve("library.db")));
                    }
                }
            }
            Sample reference = median(samples.get("rsync"));
            for (String tool : tools) {
                Sample sample = median(samples.get(tool));
                rows.add(String.format(Locale.ROOT, "| %s | %,d | %.0f | initial: %s | %.2f | %.2f | %.0f | %.0f | %.2f× |",
                    name, size[0], size[1] / 1e6, label(tool), sample.wall(), sample.cpu(),
                    sample.cpu() * 1e6 / size[0], size[1] / 1e6 / sample.wall(), sample.wall() / reference.wall()));
            }
            noop(name, source, work.resolve(slug + "-lib-0"), work.resolve(slug + "-conduit-0"),
                work.resolve(slug + "-rsync-0"), runs, size, rows, wal);
            java.util.Collections.sort(libraryBytes);
            java.util.Collections.sort(wal);
            long[] traced = traced(source, work.resolve(slug + "-traced"), work.resolve(slug + "-lib-traced"));
            library.add(String.format(Locale.ROOT, "| %s | %.0f B | %s | %.0f B | %.1f |", name,
                (double) libraryBytes.get(libraryBytes.size() / 2) / (size[0] * 2), bytes(wal.get(wal.size() / 2)),
                (double) traced[0] / (size[0] * 2), (double) traced[1] / size[0]));
        }

        /** The no-op re-sync of a tree already mirrored, beside rsync's, alternating, flushed before each. */
        private static void noop(String name, Path source, Path lib, Path conduitTarget, Path rsyncTarget, int runs,
            long[] size, List<String> rows, List<Long> wal) throws Exception {
            List<Sample> conduitRuns = new ArrayList<>();
            List<Sample> rsyncRuns = new ArrayList<>();
            for (int round = 0; round < runs; round++) {
                for (int k = 0; k < 2; k++) {
                    boolean conduitFirst = round % 2 == 0;
                    boolean isConduit = (k == 0) == conduitFirst;
                    new ProcessBuilder("sync").start().waitFor();
                    if (isConduit) {
                        conduitRuns.add(time(conduit("--library", lib.toString(), "-q", "sync", source.toString(),
                            conduitTarget.toString()), java.util.Map.of(), 0));
                        wal.add(sizeOf(lib.resolve("library.db-wal")));
                    } else {
                        rsyncRuns.add(time(List.of("rsync", "-a", "--delete", source + "/", rsyncTarget + "/")));
                    }
                }
            }
            Sample reference = median(rsyncRuns);
            rows.add(String.format(Locale.ROOT, "| %s | %,d | %.0f | no-op: conduit sync | %.2f | %.2f | %.0f | — | %.2f× |",
                name, size[0], size[1] / 1e6, median(conduitRuns).wall(), median(conduitRuns).cpu(),
                median(conduitRuns).cpu() * 1e6 / size[0], median(conduitRuns).wall() / reference.wall()));
            rows.add(String.format(Locale.ROOT, "| %s | %,d | %.0f | no-op: rsync -a --delete | %.2f | %.2f | %.0f | — | 1.00× |",
                name, size[0], size[1] / 1e6, reference.wall(), reference.cpu(), reference.cpu() * 1e6 / size[0]));
        }

        /**
         * One more initial mirror under strace (not timed): the bytes written into the library's files, and every
         * system call of the process and its threads.
         */
        private static long[] traced(Path source, Path target, Path lib) throws Exception {
            Path trace = Files.createTempFile("bench-strace", ".txt");
            Path summary = Files.createTempFile("bench-strace-summary", ".txt");
            try {
                List<String> command = new ArrayList<>(List.of("strace", "-f", "-y", "-qq", "-e", "trace=pwrite64,write",
                    "-o", trace.toString()));
                command.addAll(conduit("--library", lib.toString(), "-q", "sync", source.toString(),
                    target.resolve("a").toString()));
                run(command);
                long written = 0;
                String marker = lib.toString();
                try (var lines = Files.lines(trace)) {
                    written = lines.filter(line -> line.contains(marker))
                        .map(line -> line.substring(line.lastIndexOf('=') + 1).trim())
                        .filter(value -> value.matches("\\d+"))
                        .mapToLong(Long::parseLong).sum();
                }
                List<String> counted = new ArrayList<>(List.of("strace", "-f", "-c", "-qq", "-o", summary.toString()));
                counted.addAll(conduit("--library", lib + "-c", "-q", "sync", source.toString(),
                    target.resolve("b").toString()));
                run(counted);
                long calls = 0;
                for (String line : Files.readAllLines(summary)) {
                    String[] fields = line.trim().split("\\s+");
                    if (fields.length >= 5 && fields[fields.length - 1].equals("total")) {
                        calls = Long.parseLong(fields[3]);
                    }
                }
                return new long[] {written, calls};
            } finally {
                Files.deleteIfExists(trace);
                Files.deleteIfExists(summary);
            }
        }

        private static void run(List<String> command) throws Exception {
            Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            if (process.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed");
            }
        }

        private static List<String> flushed(List<String> command, Path target) {
            return List.of("sh", "-c", String.join(" ", command.stream().map(word -> "'" + word + "'").toList())
                + " && sync -f '" + target + "'");
        }

        private static String label(String tool) {
            return switch (tool) {
                case "conduit" -> "conduit sync";
                case "rsync" -> "rsync -a --delete + sync -f";
                default -> "cp -a + sync -f";
            };
        }

        /** Files and links (what is copied one by one), and their bytes. */
        private static long[] size(Path root) throws IOException {
            long[] size = new long[2];
            Files.walkFileTree(root, new java.nio.file.SimpleFileVisitor<>() {
                @Override
                public java.nio.file.FileVisitResult visitFile(Path file,
                    java.nio.file.attribute.BasicFileAttributes attributes) {
                    size[0]++;
                    size[1] += attributes.isRegularFile() ? attributes.size() : 0;
                    return java.nio.file.FileVisitResult.CONTINUE;
                }
            });
            return size;
        }

        private static long sizeOf(Path file) throws IOException {
            return Files.exists(file) ? Files.size(file) : 0;
        }

        private static String bytes(long n) {
            return n < 1024 * 1024 ? String.format(Locale.ROOT, "%.0f KiB", n / 1024.0)
                : String.format(Locale.ROOT, "%.1f MiB", n / 1048576.0);
        }
    }
}
