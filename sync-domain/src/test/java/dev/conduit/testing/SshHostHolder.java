package dev.conduit.testing;

import java.io.OutputStream;

/**
 * A process that sets up an {@link SshHost} and holds it until its standard input ends or it is killed: prints the
 * host's namespace, its sshd's process id and its ssh_config, then waits. Killed with SIGKILL, it leaves its host
 * behind, as a test run killed mid-way would.
 */
public final class SshHostHolder {

    private SshHostHolder() {}

    public static void main(String[] arguments) throws Exception {
        try (SshHost host = SshHost.start()) {
            System.out.println(
                    host.namespace() + " " + host.sshdPid() + " " + host.sshConfig() + " " + host.isolated());
            System.out.flush();
            System.in.transferTo(OutputStream.nullOutputStream());
        }
    }
}
