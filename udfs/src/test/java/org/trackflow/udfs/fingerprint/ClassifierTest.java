package org.trackflow.udfs.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClassifierTest {
    @Test
    void grayCodeChangesOneBitBetweenNeighbouringLevels() {
        assertThat(new int[] {Classifier.grayCode(0), Classifier.grayCode(1), Classifier.grayCode(2),
                Classifier.grayCode(3)}).containsExactly(0, 1, 3, 2);
        for (int level = 0; level < 3; level++) {
            assertThat(Integer.bitCount(Classifier.grayCode(level) ^ Classifier.grayCode(level + 1))).isEqualTo(1);
        }
    }

    @Test
    void quantizerThresholdsBelongToTheUpperLevel() {
        Classifier c = new Classifier(0, 0, 1, 1, -0.5, 0.0, 0.5);
        assertThat(c.quantize(-0.51)).isZero();
        assertThat(c.quantize(-0.5)).isEqualTo(1);
        assertThat(c.quantize(-0.01)).isEqualTo(1);
        assertThat(c.quantize(0.0)).isEqualTo(2);
        assertThat(c.quantize(0.49)).isEqualTo(2);
        assertThat(c.quantize(0.5)).isEqualTo(3);
        assertThat(c.quantize(Double.POSITIVE_INFINITY)).isEqualTo(3);
    }

    @Test
    void defaultAlgorithmHasSixteenOrderedClassifiersWithinTheChromaImage() {
        assertThat(Classifier.TEST2).hasSize(16);
        int widest = 0;
        for (Classifier c : Classifier.TEST2) {
            assertThat(c.t0()).isLessThanOrEqualTo(c.t1());
            assertThat(c.t1()).isLessThanOrEqualTo(c.t2());
            assertThat(c.type()).isBetween(0, 5);
            assertThat(c.y() + c.height()).isLessThanOrEqualTo(12);
            widest = Math.max(widest, c.width());
        }
        assertThat(widest).isEqualTo(Classifier.MAX_WIDTH);
        // Chromaprint's first classifier of TEST2 and the one whose thresholds are closest together.
        assertThat(Classifier.TEST2.get(0)).isEqualTo(new Classifier(0, 4, 3, 15, 1.98215, 2.35817, 2.63523));
        assertThat(Classifier.TEST2.get(9)).isEqualTo(new Classifier(2, 1, 3, 2, -0.0397818, -0.00568076, 0.0292026));
    }

    @Test
    void filtersCompareTheAreasOfTheIntegralImage() {
        IntegralImage image = new IntegralImage(12, 256);
        for (int r = 0; r < 4; r++) {
            double[] row = new double[12];
            for (int c = 0; c < 12; c++) {
                row[c] = r < 2 ? 1 : 3; // frames 2, 3 three times as strong as frames 0, 1
            }
            image.addRow(row);
        }
        assertThat(image.area(0, 0, 4, 12)).isEqualTo(2 * 12 + 2 * 36);
        assertThat(image.area(1, 2, 3, 5)).isEqualTo(3 * 1 + 3 * 3);
        // Type 2: later half of the frames (a = 2 * 3 * 3) against the earlier half (b = 2 * 3 * 1).
        Classifier later = new Classifier(2, 0, 3, 4, -1, 0, 1);
        assertThat(later.apply(image, 0)).isCloseTo(Math.log((1.0 + 18) / (1.0 + 6)), org.assertj.core.api.Assertions.within(1e-12));
        // Type 0: the whole window against nothing.
        Classifier whole = new Classifier(0, 0, 12, 4, 0, 1, 2);
        assertThat(whole.apply(image, 0)).isCloseTo(Math.log(1.0 + 96), org.assertj.core.api.Assertions.within(1e-12));
    }
}
