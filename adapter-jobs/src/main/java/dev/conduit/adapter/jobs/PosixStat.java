package dev.conduit.adapter.jobs;

import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.concurrent.TimeUnit;

/**
 * The full {@code st_mode} of an lstat, and its change time, as cheaply as the JDK allows.
 *
 * <p>{@link PosixFileAttributes} is one lstat and no boxing, but its permission set drops the setuid, setgid and
 * sticky bits, and its file key is only a string. The object the JDK returns holds the raw mode, device and inode,
 * readable when {@code java.base/sun.nio.fs} is opened
 * to Conduit (the jar's manifest and the launcher do so). Where it is not, the {@code unix:mode} attribute gives the
 * same number at about twice the cost: the answer never depends on how the JVM was started, only the speed does.
 */
public final class PosixStat {

    private static final LinkOption[] NO_FOLLOW = {LinkOption.NOFOLLOW_LINKS};
    private static final MethodHandle RAW_MODE = accessor("mode", int.class);
    private static final MethodHandle RAW_DEVICE = accessor("dev", long.class);
    private static final MethodHandle RAW_INODE = accessor("ino", long.class);
    private static final MethodHandle RAW_CTIME = accessor("ctime", FileTime.class);
    private static final MethodHandle RAW_UID = accessor("uid", int.class);
    private static final MethodHandle RAW_GID = accessor("gid", int.class);

    private PosixStat() {}

    public static PosixFileAttributes lstat(Path path) throws IOException {
        return Files.readAttributes(path, PosixFileAttributes.class, NO_FOLLOW);
    }

    /** The whole mode: file-type bits and 07777. */
    public static int mode(Path path, PosixFileAttributes attributes) throws IOException {
        if (RAW_MODE != null) {
            try {
                return (int) RAW_MODE.invoke(attributes);
            } catch (Throwable unexpected) {
                // fall through to the attribute view
            }
        }
        return (Integer) Files.getAttribute(path, "unix:mode", NO_FOLLOW);
    }

    /** "device:inode" in decimal, as the {@code unix:dev} and {@code unix:ino} attributes give them. */
    public static String fileKey(Path path, PosixFileAttributes attributes) throws IOException {
        if (RAW_DEVICE != null && RAW_INODE != null) {
            try {
                long device = (long) RAW_DEVICE.invoke(attributes);
                long inode = (long) RAW_INODE.invoke(attributes);
                return Long.toUnsignedString(device) + ":" + Long.toUnsignedString(inode);
            } catch (Throwable unexpected) {
                // fall through to the attribute view
            }
        }
        return Files.getAttribute(path, "unix:dev", NO_FOLLOW) + ":" + Files.getAttribute(path, "unix:ino", NO_FOLLOW);
    }

    /**
     * The device of what {@code path} leads to, links followed (a folder held open is reached as
     * {@code /proc/self/fd/N}, a link): one stat, no map of named attributes.
     */
    public static long device(Path path) throws IOException {
        PosixFileAttributes attributes = Files.readAttributes(path, PosixFileAttributes.class);
        if (RAW_DEVICE != null) {
            try {
                return (long) RAW_DEVICE.invoke(attributes);
            } catch (Throwable unexpected) {
                // fall through to the attribute view
            }
        }
        return ((Number) Files.getAttribute(path, "unix:dev")).longValue();
    }

    /**
     * What tells one file from every other while it exists, of what {@code path} leads to (links followed): its device
     * and inode, as an object that is equal for the same pair.
     */
    public static Object identity(Path path) throws IOException {
        Object key = Files.readAttributes(path, PosixFileAttributes.class).fileKey();
        return key != null ? key : Files.getAttribute(path, "unix:dev") + ":" + Files.getAttribute(path, "unix:ino");
    }

    /** The change time (st_ctime) in nanoseconds since the epoch. */
    public static long ctime(Path path, PosixFileAttributes attributes) throws IOException {
        if (RAW_CTIME != null) {
            try {
                return ((FileTime) RAW_CTIME.invoke(attributes)).to(TimeUnit.NANOSECONDS);
            } catch (Throwable unexpected) {
                // fall through to the attribute view
            }
        }
        return ((FileTime) Files.getAttribute(path, "unix:ctime", NO_FOLLOW)).to(TimeUnit.NANOSECONDS);
    }

    /** The owner's numeric user id (st_uid), as the bits of a {@code uid_t}. */
    public static int uid(Path path, PosixFileAttributes attributes) throws IOException {
        return id(RAW_UID, "unix:uid", path, attributes);
    }

    /** The group's numeric id (st_gid). */
    public static int gid(Path path, PosixFileAttributes attributes) throws IOException {
        return id(RAW_GID, "unix:gid", path, attributes);
    }

    private static int id(MethodHandle raw, String attribute, Path path, PosixFileAttributes attributes)
            throws IOException {
        if (raw != null) {
            try {
                return (int) raw.invoke(attributes);
            } catch (Throwable unexpected) {
                // fall through to the attribute view
            }
        }
        return (Integer) Files.getAttribute(path, attribute, NO_FOLLOW);
    }

    public static boolean fastPath() {
        return RAW_MODE != null && RAW_CTIME != null;
    }

    private static MethodHandle accessor(String name, Class<?> returns) {
        try {
            Class<?> type = Class.forName("sun.nio.fs.UnixFileAttributes");
            var method = type.getDeclaredMethod(name);
            method.setAccessible(true);
            return MethodHandles.lookup().unreflect(method).asType(MethodType.methodType(returns, Object.class));
        } catch (ReflectiveOperationException | RuntimeException notOpened) {
            return null;
        }
    }
}
