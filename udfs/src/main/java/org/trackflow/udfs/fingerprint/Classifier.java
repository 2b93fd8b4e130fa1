package org.trackflow.udfs.fingerprint;

import java.util.List;

/**
 * One of Chromaprint's 16 weak classifiers ({@code classifier.h}, {@code filter.h}, {@code quantizer.h}):
 * a Haar-like filter over a {@code width} (time, in chroma frames) by {@code height} (chroma bands, from
 * band {@code y}) window of the chroma image, whose response {@code log((1 + a) / (1 + b))} (a and b: sums
 * of the filter's light and dark areas) is quantized by three thresholds into 0..3 and Gray-coded into two
 * fingerprint bits, so neighbouring levels differ in one bit.
 *
 * <p>Filter shapes ({@code filter_utils.h}), "a" minus "b": 0 the whole window against nothing; 1 upper
 * half of the bands against the lower half; 2 later half of the frames against the earlier half; 3 the
 * diagonal quadrants against the other two; 4 the middle third of the bands against the outer thirds;
 * 5 the middle third of the frames against the outer thirds.
 *
 * @param type filter shape 0..5
 * @param y first chroma band
 * @param height chroma bands
 * @param width chroma frames
 * @param t0 lowest quantizer threshold
 * @param t1 middle threshold
 * @param t2 highest threshold
 */
public record Classifier(int type, int y, int height, int width, double t0, double t1, double t2) {

    /** {@code kClassifiersTest2} of {@code fingerprinter_configuration.cpp}: the default algorithm (2). */
    public static final List<Classifier> TEST2 = List.of(
            new Classifier(0, 4, 3, 15, 1.98215, 2.35817, 2.63523),
            new Classifier(4, 4, 6, 15, -1.03809, -0.651211, -0.282167),
            new Classifier(1, 0, 4, 16, -0.298702, 0.119262, 0.558497),
            new Classifier(3, 8, 2, 12, -0.105439, 0.0153946, 0.135898),
            new Classifier(3, 4, 4, 8, -0.142891, 0.0258736, 0.200632),
            new Classifier(4, 0, 3, 5, -0.826319, -0.590612, -0.368214),
            new Classifier(1, 2, 2, 9, -0.557409, -0.233035, 0.0534525),
            new Classifier(2, 7, 3, 4, -0.0646826, 0.00620476, 0.0784847),
            new Classifier(2, 6, 2, 16, -0.192387, -0.029699, 0.215855),
            new Classifier(2, 1, 3, 2, -0.0397818, -0.00568076, 0.0292026),
            new Classifier(5, 10, 1, 15, -0.53823, -0.369934, -0.190235),
            new Classifier(3, 6, 2, 10, -0.124877, 0.0296483, 0.139239),
            new Classifier(2, 1, 1, 14, -0.101475, 0.0225617, 0.231971),
            new Classifier(3, 5, 6, 4, -0.0799915, -0.00729616, 0.063262),
            new Classifier(1, 9, 2, 12, -0.272556, 0.019424, 0.302559),
            new Classifier(3, 4, 2, 14, -0.164292, -0.0321188, 0.0846339));

    /** Widest window of {@link #TEST2} (frames a fingerprint item needs). */
    public static final int MAX_WIDTH = 16;

    /** Level 0..3: below {@code t0}, below {@code t1}, below {@code t2}, else 3. */
    public int quantize(double value) {
        if (value < t1) {
            return value < t0 ? 0 : 1;
        }
        return value < t2 ? 2 : 3;
    }

    /** 2-bit Gray code: 0, 1, 3, 2. */
    public static int grayCode(int level) {
        return (level >> 1) ^ level;
    }

    /** The filter's response on {@code image} for the window starting at frame {@code x}. */
    double apply(IntegralImage image, int x) {
        int w = width;
        int h = height;
        double a;
        double b;
        switch (type) {
            case 0 -> {
                a = image.area(x, y, x + w, y + h);
                b = 0;
            }
            case 1 -> {
                int h2 = h / 2;
                a = image.area(x, y + h2, x + w, y + h);
                b = image.area(x, y, x + w, y + h2);
            }
            case 2 -> {
                int w2 = w / 2;
                a = image.area(x + w2, y, x + w, y + h);
                b = image.area(x, y, x + w2, y + h);
            }
            case 3 -> {
                int w2 = w / 2;
                int h2 = h / 2;
                a = image.area(x, y + h2, x + w2, y + h) + image.area(x + w2, y, x + w, y + h2);
                b = image.area(x, y, x + w2, y + h2) + image.area(x + w2, y + h2, x + w, y + h);
            }
            case 4 -> {
                int h3 = h / 3;
                a = image.area(x, y + h3, x + w, y + 2 * h3);
                b = image.area(x, y, x + w, y + h3) + image.area(x, y + 2 * h3, x + w, y + h);
            }
            case 5 -> {
                int w3 = w / 3;
                a = image.area(x + w3, y, x + 2 * w3, y + h);
                b = image.area(x, y, x + w3, y + h) + image.area(x + 2 * w3, y, x + w, y + h);
            }
            default -> throw new IllegalStateException("filter type " + type);
        }
        return StrictMath.log((1.0 + a) / (1.0 + b));
    }
}
