package io.pinpipe.connect.partition;

import com.fasterxml.jackson.databind.JsonNode;
import io.pinpipe.connect.format.JsonLines;
import io.pinpipe.connect.format.BadRecordException;
import org.apache.kafka.connect.sink.SinkRecord;

import java.util.List;

/**
 * Folders from fields of the value, like Confluent's FieldPartitioner: {@code <field>=<value>/...} in the order the
 * fields are listed. A value without the field, or with an object or array there, is a bad record.
 */
public final class FieldPartitioner implements Partitioner {

    private final List<String> fields;

    public FieldPartitioner(List<String> fields) {
        this.fields = List.copyOf(fields);
    }

    @Override
    public String folder(SinkRecord record, byte[] line) {
        JsonNode value = JsonLines.tree(line);
        StringBuilder folder = new StringBuilder();
        for (String field : fields) {
            JsonNode item = value.get(field);
            if (item == null || item.isNull() || item.isContainerNode()) {
                throw new BadRecordException("value has no plain field '" + field + "' for the field partitioner");
            }
            if (folder.length() > 0) {
                folder.append('/');
            }
            folder.append(field).append('=').append(item.asText().replace('/', '_'));
        }
        return folder.toString();
    }
}
