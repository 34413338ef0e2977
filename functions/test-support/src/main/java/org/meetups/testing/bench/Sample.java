package org.meetups.testing.bench;

/**
 * What one round measured of one subject.
 *
 * @param wallMs    the cold-start JVM's wall time, process start to exit
 * @param classes   classes that JVM loaded
 * @param initMs    handler construction (null for the baseline JVM)
 * @param requestMs the first request, the handler constructed (null for the baseline JVM)
 * @param request   what was served and how it went: event, outcome, AWS calls
 * @param steady    the steady-state JVM's figures, or null when there was none
 */
record Sample(long wallMs, long classes, Double initMs, Double requestMs, String request, Steady steady) {

    /** One JVM serving the event repeatedly: after the priming hook (if any), the first request and the median of the next ones. */
    record Steady(boolean primed, double primeMs, double firstMs, double steadyMs) {
        double firstOverSteady() {
            return firstMs / steadyMs;
        }
    }

    Sample withSteady(Steady figures) {
        return new Sample(wallMs, classes, initMs, requestMs, request, figures);
    }
}
