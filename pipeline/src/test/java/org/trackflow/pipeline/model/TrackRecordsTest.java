package org.trackflow.pipeline.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.trackflow.schemas.TrackRecord;
import org.trackflow.udfs.analysis.FrameFeature;
import org.trackflow.udfs.analysis.FrameFeatures;
import org.trackflow.udfs.analysis.TrackFeature;
import org.trackflow.udfs.analysis.WholeTrackFeatures;

/** The Avro schema has a column of the right type for every column of the frame- and whole-track-feature registries. */
class TrackRecordsTest {
    @Test
    void everyRegisteredColumnIsInTheSchemaWithItsType() {
        for (FrameFeature.Column c : FrameFeatures.columns()) {
            Schema.Field field = TrackRecord.getClassSchema().getField(c.name());
            assertThat(field).as("schema column %s", c.name()).isNotNull();
            List<Schema> union = field.schema().getTypes();
            assertThat(union).as("%s is nullable", c.name()).extracting(Schema::getType).contains(Schema.Type.NULL);
            Schema value = union.stream().filter(s -> s.getType() != Schema.Type.NULL).findFirst().orElseThrow();
            if (c.feature().width() == 1) {
                assertThat(value.getType()).as(c.name()).isEqualTo(Schema.Type.DOUBLE);
            } else {
                assertThat(value.getType()).as(c.name()).isEqualTo(Schema.Type.ARRAY);
                assertThat(value.getElementType().getType()).as(c.name()).isEqualTo(Schema.Type.FLOAT);
            }
        }
    }

    @Test
    void everyWholeTrackColumnIsInTheSchemaWithItsType() {
        for (TrackFeature.Column<?> c : WholeTrackFeatures.columns()) {
            Schema value = nullable(c.name());
            switch (c.kind()) {
                case DOUBLE -> assertThat(value.getType()).as(c.name()).isEqualTo(Schema.Type.DOUBLE);
                case STRING -> assertThat(value.getType()).as(c.name()).isEqualTo(Schema.Type.STRING);
                case FLOATS -> {
                    assertThat(value.getType()).as(c.name()).isEqualTo(Schema.Type.ARRAY);
                    assertThat(value.getElementType().getType()).as(c.name()).isEqualTo(Schema.Type.FLOAT);
                }
            }
        }
    }

    private static Schema nullable(String column) {
        Schema.Field field = TrackRecord.getClassSchema().getField(column);
        assertThat(field).as("schema column %s", column).isNotNull();
        List<Schema> union = field.schema().getTypes();
        assertThat(union).as("%s is nullable", column).extracting(Schema::getType).contains(Schema.Type.NULL);
        return union.stream().filter(s -> s.getType() != Schema.Type.NULL).findFirst().orElseThrow();
    }
}
