package org.trackflow.udfs.fingerprint;

/**
 * Rolling integral image of the chroma rows ({@code utils/rolling_integral_image.h} of Chromaprint):
 * {@code I[r][c]} is the sum of all features in rows {@code 0..r} and columns {@code 0..c}, so any
 * rectangle sums in four look-ups. Only the last {@code maxRows + 1} rows are kept; the sums run from the
 * first row of the track (in double, in Chromaprint's order, so the rounding is the same).
 */
final class IntegralImage {
    private final int columns;
    private final int capacity;
    private final double[] data;
    private int rows;

    IntegralImage(int columns, int maxRows) {
        this.columns = columns;
        this.capacity = maxRows + 1;
        this.data = new double[capacity * columns];
    }

    int rows() {
        return rows;
    }

    void addRow(double[] features) {
        int row = (rows % capacity) * columns;
        double acc = 0;
        for (int c = 0; c < columns; c++) {
            acc += features[c];
            data[row + c] = acc;
        }
        if (rows > 0) {
            int last = ((rows - 1) % capacity) * columns;
            for (int c = 0; c < columns; c++) {
                data[row + c] = data[last + c] + data[row + c];
            }
        }
        rows++;
    }

    /** Sum over rows {@code [r1, r2)} and columns {@code [c1, c2)}. */
    double area(int r1, int c1, int r2, int c2) {
        if (r1 == r2 || c1 == c2) {
            return 0.0;
        }
        int row2 = ((r2 - 1) % capacity) * columns;
        if (r1 == 0) {
            return c1 == 0 ? data[row2 + c2 - 1] : data[row2 + c2 - 1] - data[row2 + c1 - 1];
        }
        int row1 = ((r1 - 1) % capacity) * columns;
        if (c1 == 0) {
            return data[row2 + c2 - 1] - data[row1 + c2 - 1];
        }
        return data[row2 + c2 - 1] - data[row1 + c2 - 1] - data[row2 + c1 - 1] + data[row1 + c1 - 1];
    }
}
