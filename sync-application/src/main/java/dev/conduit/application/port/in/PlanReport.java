package dev.conduit.application.port.in;

import dev.conduit.domain.conduit.Conduit;
import io.vavr.control.Option;

/**
 * What a plan amounts to.
 *
 * @param moves         files the receiving side renames instead of receiving them again
 * @param deletes       files and links the plan removes from the receiving side (renamed ones not counted)
 * @param receivingFiles files and links on the receiving side now
 * @param refusal       why {@code sync} would refuse this plan without {@code --force}, if it would
 */
public record PlanReport(Conduit conduit, long actions, long filesToCopy, long bytesToCopy, long moves, long deletes,
                         long receivingFiles, Option<String> refusal) {
}
