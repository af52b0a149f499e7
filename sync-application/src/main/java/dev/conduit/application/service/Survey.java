package dev.conduit.application.service;

/**
 * What a mode's survey of the indexes found, handed as a value to every later step of the pipeline: the plan counted
 * (for the delete limit, the jobs to queue, and the progress totals), and whatever the mode's phases need from it.
 */
interface Survey {

    PlanCount count();
}
