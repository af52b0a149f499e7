package dev.conduit.adapter.jobs.remote;

import dev.conduit.application.port.in.IndexFailure;
import dev.conduit.application.port.in.ScanProblem;
import dev.conduit.application.port.out.PeerIndex;
import dev.conduit.domain.index.FileSystemTraits;
import dev.conduit.domain.index.TimeGranularity;
import dev.conduit.domain.path.RelativePath;
import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vavr.collection.Seq;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** An index exchange's request and its end (the peer's state, or why its root could not be indexed) on the wire. */
final class IndexCodec {

    private IndexCodec() {}

    static void writeScan(DataOutput out, PeerIndex.PeerScan scan, io.vavr.control.Option<PeerIndex.PeerPosition> since)
            throws IOException {
        Wire.string(out, scan.root());
        Wire.strings(out, scan.ignorePatterns());
        out.writeBoolean(scan.readIgnoreFiles());
        out.writeBoolean(scan.hashNewFiles());
        out.writeBoolean(since.isDefined());
        if (since.isDefined()) {
            Wire.string(out, since.get().library());
            out.writeLong(since.get().position());
        }
    }

    static void writeState(DataOutput out, PeerIndex.PeerState state) throws IOException {
        Wire.string(out, state.position().library());
        out.writeLong(state.position().position());
        out.writeBoolean(state.whole());
        RootCodec.writeIdentity(out, state.identity());
        FileSystemTraits traits = state.traits();
        Wire.string(out, traits.mtime().name());
        out.writeBoolean(traits.permissions());
        out.writeBoolean(traits.symlinks());
        out.writeBoolean(traits.hardLinks());
        out.writeBoolean(traits.caseSensitive());
        out.writeBoolean(traits.userXattrs());
        out.writeInt(state.ignoreFiles().size());
        for (var file : state.ignoreFiles()) {
            PathCodec.write(out, file._1);
            Wire.strings(out, file._2);
        }
        out.writeInt(state.problems().size());
        for (ScanProblem problem : state.problems()) {
            Wire.string(out, problem.path());
            FailureCodec.write(out, problem.failure());
            out.writeBoolean(problem.error());
        }
        out.writeLong(state.errorCount());
        out.writeLong(state.warningCount());
        out.writeInt(state.temporaries().size());
        for (RelativePath temporary : state.temporaries()) {
            PathCodec.write(out, temporary);
        }
    }

    static PeerIndex.PeerState readState(DataInput in) throws IOException {
        PeerIndex.PeerPosition position = new PeerIndex.PeerPosition(Wire.string(in), in.readLong());
        boolean whole = in.readBoolean();
        var identity = RootCodec.readIdentity(in);
        FileSystemTraits traits;
        try {
            traits = new FileSystemTraits(
                    TimeGranularity.valueOf(Wire.string(in)),
                    in.readBoolean(),
                    in.readBoolean(),
                    in.readBoolean(),
                    in.readBoolean(),
                    in.readBoolean());
        } catch (IllegalArgumentException unknown) {
            throw new ProtocolException("a time granularity this side does not know");
        }
        Map<RelativePath, Seq<String>> ignoreFiles = LinkedHashMap.empty();
        for (int i = in.readInt(); i > 0; i--) {
            ignoreFiles = ignoreFiles.put(PathCodec.read(in), Wire.strings(in));
        }
        java.util.List<ScanProblem> problems = new java.util.ArrayList<>();
        for (int i = in.readInt(); i > 0; i--) {
            problems.add(new ScanProblem(Wire.string(in), FailureCodec.read(in), in.readBoolean()));
        }
        long errors = in.readLong();
        long warnings = in.readLong();
        java.util.List<RelativePath> temporaries = new java.util.ArrayList<>();
        for (int i = in.readInt(); i > 0; i--) {
            temporaries.add(PathCodec.read(in));
        }
        return new PeerIndex.PeerState(
                position,
                whole,
                identity,
                traits,
                ignoreFiles,
                List.ofAll(problems),
                errors,
                warnings,
                List.ofAll(temporaries));
    }

    static void writeFailure(DataOutput out, IndexFailure failure) throws IOException {
        Wire.string(out, failure.path());
        if (failure instanceof IndexFailure.RootMissing) {
            out.writeByte(0);
        } else if (failure instanceof IndexFailure.NotADirectory) {
            out.writeByte(1);
        } else {
            out.writeByte(2);
            Wire.string(
                    out,
                    failure instanceof IndexFailure.RootUnreadable unreadable
                            ? unreadable.reason()
                            : failure.describe());
        }
    }

    static IndexFailure readFailure(DataInput in) throws IOException {
        String path = Wire.string(in);
        int kind = in.readUnsignedByte();
        return switch (kind) {
            case 0 -> new IndexFailure.RootMissing(path);
            case 1 -> new IndexFailure.NotADirectory(path);
            case 2 -> new IndexFailure.RootUnreadable(path, Wire.string(in));
            default -> throw new ProtocolException("an index failure of unknown kind " + kind);
        };
    }
}
