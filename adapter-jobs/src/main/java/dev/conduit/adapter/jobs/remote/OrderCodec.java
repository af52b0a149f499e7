package dev.conduit.adapter.jobs.remote;

import dev.conduit.application.port.out.JobOrder;
import dev.conduit.domain.conduit.BandwidthLimit;
import dev.conduit.domain.conduit.ConduitId;
import dev.conduit.domain.conduit.Side;
import io.vavr.control.Option;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A job's order on the wire: the agent's root (the one it writes in, or reads from), how many at once, and the trash
 * bins. The other root is this machine's: the agent never sees it. Asked to stop, the side that hands out actions
 * stops handing them out.
 */
final class OrderCodec {

    private OrderCodec() {}

    static void write(DataOutput out, JobOrder order, Path agentRoot) throws IOException {
        Wire.string(out, agentRoot.toString());
        out.writeInt(order.parallel());
        out.writeLong(order.bandwidth().bytesPerSecond());
        writeBin(out, order.trash());
        writeBin(out, order.losers());
        out.writeBoolean(order.owners());
    }

    /** The agent's root and the order it runs, its other root {@code otherRoot} (a placeholder: never read). */
    static Ordered read(DataInput in) throws IOException {
        String root = Wire.string(in);
        int parallel = in.readInt();
        long bandwidth = in.readLong();
        Option<JobOrder.TrashBin> trash = readBin(in);
        Option<JobOrder.TrashBin> losers = readBin(in);
        boolean owners = in.readBoolean();
        if (parallel < 1 || parallel > 64 || bandwidth < 0) {
            throw new ProtocolException("an order of " + parallel + " workers at " + bandwidth + " bytes/s");
        }
        return new Ordered(root, parallel, new BandwidthLimit(bandwidth), trash, losers, owners);
    }

    /** An order as the agent read it. */
    record Ordered(
            String root,
            int parallel,
            BandwidthLimit bandwidth,
            Option<JobOrder.TrashBin> trash,
            Option<JobOrder.TrashBin> losers,
            boolean owners) {

        /** The order with the agent's root as {@code to} (it receives) or {@code from} (it sends). */
        JobOrder receiving(Path agentRoot) {
            return new JobOrder(
                    Path.of("/nonexistent-peer"), agentRoot, parallel, bandwidth, trash, losers, () -> false, owners);
        }
    }

    private static void writeBin(DataOutput out, Option<JobOrder.TrashBin> bin) throws IOException {
        out.writeBoolean(bin.isDefined());
        if (bin.isDefined()) {
            out.writeLong(bin.get().conduit().value());
            out.writeLong(bin.get().generation());
            out.writeByte(bin.get().side().ordinal());
        }
    }

    private static Option<JobOrder.TrashBin> readBin(DataInput in) throws IOException {
        if (!in.readBoolean()) {
            return Option.none();
        }
        return Option.some(
                new JobOrder.TrashBin(new ConduitId(in.readLong()), in.readLong(), Wire.enumOf(Side.class, in)));
    }
}
