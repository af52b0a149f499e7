// Which way of copying a file, hashed, is fastest here? Compares, on one file in the page cache, without fsync:
//   read-hash-write   a 1 MiB direct buffer: read, digest, write (what the copy job does: one pass, hashed as copied)
//   transfer+hash     FileChannel.transferTo (in-kernel copy), then a second read to hash
//   files.copy+hash   Files.copy, then a second read to hash
//   transfer          FileChannel.transferTo alone, no hash (the floor)
//
//   java bench/CopyBench.java [--size-mib N] [--runs N] [--dir DIR]
//
// Each figure is the median of --runs runs, in MiB/s of file size.

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

public class CopyBench {

    interface Copier {
        void copy(Path from, Path to) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        int sizeMib = 512;
        int runs = 7;
        Path dir = Path.of("/tmp/conduit-copybench");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--size-mib" -> sizeMib = Integer.parseInt(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--dir" -> dir = Path.of(args[++i]);
                default -> throw new IllegalArgumentException(args[i]);
            }
        }
        Path work = Files.createDirectories(dir.resolve("run-" + System.currentTimeMillis()));
        Path source = work.resolve("source.bin");
        byte[] block = new byte[1 << 20];
        SplittableRandom random = new SplittableRandom(1);
        try (FileChannel out = FileChannel.open(source, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            for (int i = 0; i < sizeMib; i++) {
                for (int j = 0; j < block.length; j++) {
                    block[j] = (byte) random.nextInt();
                }
                out.write(ByteBuffer.wrap(block));
            }
        }
        String[] names = {"read-hash-write", "transfer+hash", "files.copy+hash", "transfer"};
        Copier[] copiers = {CopyBench::readHashWrite, (a, b) -> { transfer(a, b); hash(a); },
            (a, b) -> { Files.copy(a, b, StandardCopyOption.REPLACE_EXISTING); hash(a); }, CopyBench::transfer};
        System.out.println("| method | MiB/s (median of " + runs + ") |");
        System.out.println("|---|---:|");
        int n = 0;
        for (int m = 0; m < names.length; m++) {
            List<Double> speeds = new ArrayList<>();
            for (int r = 0; r < runs + 1; r++) {                  // the first run warms the JIT and is dropped
                Path target = work.resolve("copy-" + n++);
                long started = System.nanoTime();
                copiers[m].copy(source, target);
                double seconds = (System.nanoTime() - started) / 1e9;
                if (r > 0) {
                    speeds.add(sizeMib / seconds);
                }
                Files.delete(target);
            }
            double[] sorted = speeds.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            System.out.printf(Locale.ROOT, "| %s | %.0f |%n", names[m], sorted[sorted.length / 2]);
        }
        Files.delete(source);
        Files.delete(work);
    }

    static void readHashWrite(Path from, Path to) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20);
        try (FileChannel in = FileChannel.open(from, StandardOpenOption.READ);
             FileChannel out = FileChannel.open(to, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            while (in.read(buffer.clear()) >= 0) {
                buffer.flip();
                digest.update(buffer.duplicate());
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
            }
        }
        digest.digest();
    }

    static void transfer(Path from, Path to) throws IOException {
        try (FileChannel in = FileChannel.open(from, StandardOpenOption.READ);
             FileChannel out = FileChannel.open(to, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            long size = in.size();
            long done = 0;
            while (done < size) {
                done += in.transferTo(done, size - done, out);
            }
        }
    }

    static void hash(Path file) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20);
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            while (in.read(buffer.clear()) >= 0) {
                buffer.flip();
                digest.update(buffer);
            }
        }
        digest.digest();
    }
}
