package dev.conduit.bootstrap;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** {@code java -jar conduit.jar}: the real process, with the real streams and environment. */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        if (AgentProcess.asks(args)) {
            java.io.OutputStream frames = new java.io.FileOutputStream(java.io.FileDescriptor.out);
            System.setOut(System.err); // stdout carries frames only: a stray print goes to stderr
            System.exit(AgentProcess.run(
                    args, System.getenv(), new java.io.FileInputStream(java.io.FileDescriptor.in), frames, System.err));
        }
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        String names = System.getProperty("sun.jnu.encoding", "");
        if (!names.equalsIgnoreCase("UTF-8")) {
            err.println("conduit: warning: file names are decoded as " + names + ", so names outside ASCII may be "
                    + "mangled: run Conduit through ./conduit, or set LC_ALL=C.UTF-8");
        }
        int status = ConduitCli.run(args, out, err, System.getenv(), System.console() != null);
        System.exit(status);
    }
}
