package org.trackflow.pipeline.neighbours;

import java.io.IOException;
import org.trackflow.pipeline.catalog.CurrentView;
import org.trackflow.pipeline.similarity.FeatureSpace;

/** For tests in other packages: builds an output's index whatever the library's size. */
public final class NeighbourIndexAccess {
    private NeighbourIndexAccess() {}

    public static void build(CurrentView view, FeatureSpace space) throws IOException {
        IndexBuilder.build(view, space, view.output().index());
    }
}
