package org.trackflow.udfs.fingerprint;

import java.util.Arrays;
import java.util.List;

/**
 * Chroma rows in, 32-bit fingerprint items out ({@code fingerprint_calculator.cpp} of Chromaprint): once
 * {@link Classifier#MAX_WIDTH} rows are in, every new row yields the item of the window that starts
 * {@code MAX_WIDTH - 1} rows back; classifier 0 gives the item's two most significant bits.
 */
final class FingerprintCalculator {
    private final List<Classifier> classifiers;
    private final IntegralImage image = new IntegralImage(12, 256);
    private int[] items = new int[1024];
    private int length;

    FingerprintCalculator(List<Classifier> classifiers) {
        this.classifiers = classifiers;
    }

    void addRow(double[] features) {
        image.addRow(features);
        if (image.rows() >= Classifier.MAX_WIDTH) {
            int offset = image.rows() - Classifier.MAX_WIDTH;
            int bits = 0;
            for (Classifier c : classifiers) {
                bits = (bits << 2) | Classifier.grayCode(c.quantize(c.apply(image, offset)));
            }
            if (length == items.length) {
                items = Arrays.copyOf(items, 2 * length);
            }
            items[length++] = bits;
        }
    }

    int[] fingerprint() {
        return Arrays.copyOf(items, length);
    }
}
