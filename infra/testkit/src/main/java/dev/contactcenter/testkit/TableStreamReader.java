package dev.contactcenter.testkit;

import dev.contactcenter.core.webhooks.EventDispatcher;
import dev.contactcenter.core.webhooks.ItemChange;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Plays Lambda's event-source mapping for the table's stream in the local runtime and tests: reads
 * DynamoDB Local's stream shard by shard (a child shard after its parent, records in order) and hands
 * each page of records to the same {@link EventDispatcher} the dispatcher function runs. A record that
 * fails is retried, with the ones after it, until it goes through, as Lambda does.
 */
public final class TableStreamReader implements AutoCloseable {
    private static final long POLL_MILLIS = 100;
    private static final long RETRY_MILLIS = 1000;

    private final DynamoDbStreamsClient streams;
    private final String streamArn;
    private final EventDispatcher dispatcher;
    private final Map<String, String> iterators = new LinkedHashMap<>();
    private final Set<String> finished = new HashSet<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long pagesRead;

    private TableStreamReader(DynamoDbStreamsClient streams, String streamArn, EventDispatcher dispatcher) {
        this.streams = streams;
        this.streamArn = streamArn;
        this.dispatcher = dispatcher;
        this.thread = new Thread(this::run, "table-stream-reader");
        thread.setDaemon(true);
    }

    /** Starts reading the table's stream from its oldest record. */
    public static TableStreamReader start(
            DynamoDbClient dynamo, String endpoint, String table, EventDispatcher dispatcher) {
        String arn = dynamo.describeTable(b -> b.tableName(table)).table().latestStreamArn();
        if (arn == null) {
            throw new IllegalStateException("Table " + table + " has no stream");
        }
        DynamoDbStreamsClient streams = DynamoDbStreamsClient.builder()
                .endpointOverride(URI.create(endpoint))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        TableStreamReader reader = new TableStreamReader(streams, arn, dispatcher);
        reader.thread.start();
        return reader;
    }

    /** How many GetRecords answers were read (tests wait for the reader to catch up). */
    public long pagesRead() {
        return pagesRead;
    }

    private void run() {
        while (running) {
            try {
                discoverShards();
                boolean any = false;
                for (String shard : List.copyOf(iterators.keySet())) {
                    any |= readShard(shard);
                }
                if (!any) {
                    Thread.sleep(POLL_MILLIS);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                System.err.println("table stream reader: " + e);
                sleepQuietly(RETRY_MILLIS);
            }
        }
    }

    private void discoverShards() {
        for (Shard shard : streams.describeStream(b -> b.streamArn(streamArn))
                .streamDescription()
                .shards()) {
            String id = shard.shardId();
            boolean parentPending = shard.parentShardId() != null && iterators.containsKey(shard.parentShardId());
            if (!iterators.containsKey(id) && !finished.contains(id) && !parentPending) {
                iterators.put(
                        id,
                        streams.getShardIterator(b -> b.streamArn(streamArn)
                                        .shardId(id)
                                        .shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                                .shardIterator());
            }
        }
    }

    /** Reads one page of a shard; true when it had records. */
    private boolean readShard(String shard) {
        GetRecordsResponse page = streams.getRecords(b -> b.shardIterator(iterators.get(shard)));
        pagesRead++;
        List<Record> records = page.records();
        List<ItemChange> changes = new ArrayList<>(records.size());
        for (Record r : records) {
            Instant at = r.dynamodb().approximateCreationDateTime() == null
                    ? Instant.now()
                    : r.dynamodb().approximateCreationDateTime();
            changes.add(new ItemChange(
                    r.eventID(), at, r.dynamodb().oldImage(), r.dynamodb().newImage()));
        }
        while (!changes.isEmpty() && running) {
            Optional<String> failed = dispatcher.dispatch(changes);
            if (failed.isEmpty()) {
                break;
            }
            for (int i = 0; i < changes.size(); i++) {
                if (changes.get(i).recordId().equals(failed.get())) {
                    changes = changes.subList(i, changes.size());
                    break;
                }
            }
            sleepQuietly(RETRY_MILLIS);
        }
        if (page.nextShardIterator() == null) {
            iterators.remove(shard);
            finished.add(shard);
        } else {
            iterators.put(shard, page.nextShardIterator());
        }
        return !records.isEmpty();
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        // no interrupt: a page being dispatched finishes, then the loop sees the flag
        running = false;
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        streams.close();
    }
}
