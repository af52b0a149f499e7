package dev.conduit.adapter.jobs.remote;

import dev.conduit.adapter.jobs.sync.TrashFolder;
import dev.conduit.application.port.out.FileTree;
import java.time.Clock;

/** This machine's side of a session's copies: its file tree, its library's trash, its clock. */
public record LocalSide(FileTree tree, TrashFolder trash, Clock clock) {}
