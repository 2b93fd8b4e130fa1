package org.trackflow.pipeline.playlists;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Adjusted Rand index (Hubert and Arabie 1985) of two labellings: 1 identical, ~0 chance agreement. */
final class AdjustedRandIndex {
    private AdjustedRandIndex() {}

    static double of(List<String> a, List<String> b) {
        Map<String, Map<String, Integer>> table = new HashMap<>();
        Map<String, Integer> rows = new HashMap<>();
        Map<String, Integer> cols = new HashMap<>();
        for (int i = 0; i < a.size(); i++) {
            table.computeIfAbsent(a.get(i), k -> new HashMap<>()).merge(b.get(i), 1, Integer::sum);
            rows.merge(a.get(i), 1, Integer::sum);
            cols.merge(b.get(i), 1, Integer::sum);
        }
        double index = 0;
        for (Map<String, Integer> r : table.values()) {
            for (int n : r.values()) {
                index += pairs(n);
            }
        }
        double rowSum = rows.values().stream().mapToDouble(AdjustedRandIndex::pairs).sum();
        double colSum = cols.values().stream().mapToDouble(AdjustedRandIndex::pairs).sum();
        double expected = rowSum * colSum / pairs(a.size());
        double max = (rowSum + colSum) / 2;
        return max == expected ? 1 : (index - expected) / (max - expected);
    }

    private static double pairs(int n) {
        return n * (n - 1) / 2.0;
    }
}
