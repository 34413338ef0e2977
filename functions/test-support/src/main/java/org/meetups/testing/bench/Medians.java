package org.meetups.testing.bench;

import java.util.ArrayList;
import java.util.List;

/** The statistics of the benchmark: medians, and medians of paired ratios (robust to a noisy machine). */
public final class Medians {
    private Medians() {}

    /** The middle value; the mean of the two middle values for an even count. */
    public static double of(List<? extends Number> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no values");
        }
        double[] sorted =
                values.stream().mapToDouble(Number::doubleValue).sorted().toArray();
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /**
     * The median of {@code numerators[i] / denominators[i]}: values measured side by side in the
     * same round are divided first, so a round slowed down by other load cancels out.
     */
    public static double ofRatios(List<? extends Number> numerators, List<? extends Number> denominators) {
        if (numerators.size() != denominators.size()) {
            throw new IllegalArgumentException(
                    numerators.size() + " numerators for " + denominators.size() + " denominators");
        }
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < numerators.size(); i++) {
            ratios.add(numerators.get(i).doubleValue() / denominators.get(i).doubleValue());
        }
        return of(ratios);
    }
}
