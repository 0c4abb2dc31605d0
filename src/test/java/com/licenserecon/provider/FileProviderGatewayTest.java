package com.licenserecon.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file gateway's group of changes: each line written whole, in order, as one apply per change would write it. */
class FileProviderGatewayTest {

    private static final Instant AS_OF = Instant.parse("2026-11-26T02:00:00Z");

    @TempDir
    Path outbox;

    @Test
    void aGroupWritesTheLinesThatOneApplyPerChangeWouldAndAnswersEachSentInOrder() throws Exception {
        List<ProviderChange> changes = List.of(change(10, 12), change(7, 6), change(3, 4));
        Path alone = outbox.resolve("alone");
        FileProviderGateway oneByOne = new FileProviderGateway(alone);
        for (ProviderChange change : changes) {
            oneByOne.apply(change);
        }
        FileProviderGateway grouped = new FileProviderGateway(outbox.resolve("grouped"));
        List<UUID> answered = new ArrayList<>();

        grouped.applyAll(changes, answers(answered));

        assertThat(answered).containsExactlyElementsOf(changes.stream().map(ProviderChange::requestId).toList());
        assertThat(Files.readString(grouped.outboxFile(changes.get(0))))
                .isEqualTo(Files.readString(oneByOne.outboxFile(changes.get(0))));
        for (ProviderChange change : changes) {
            assertThat(grouped.hasApplied(change)).isTrue();
        }
        assertThat(grouped.hasApplied(change(1, 2))).isFalse();
    }

    @Test
    void aGroupAfterALineCutShortByACrashStartsOnANewLineAndWritesTheHeaderOnce() throws Exception {
        FileProviderGateway gateway = new FileProviderGateway(outbox);
        ProviderChange first = change(10, 12);
        gateway.apply(first);
        Path file = gateway.outboxFile(first);
        Files.writeString(file, "torn,line", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
        List<ProviderChange> group = List.of(change(5, 4), change(8, 9));

        gateway.applyAll(group, answers(new ArrayList<>()));

        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(5);
        assertThat(lines.get(0)).startsWith("request_id,");
        assertThat(lines.get(2)).isEqualTo("torn,line");
        assertThat(lines.get(3)).startsWith(group.get(0).requestId().toString());
        assertThat(lines.get(4)).startsWith(group.get(1).requestId().toString());
        assertThat(gateway.hasApplied(group.get(0))).isTrue();
        assertThat(gateway.hasApplied(group.get(1))).isTrue();
    }

    private static ProviderGateway.Answers answers(List<UUID> sent) {
        return new ProviderGateway.Answers() {
            @Override
            public void sent(ProviderChange change) {
                sent.add(change.requestId());
            }

            @Override
            public void refused(ProviderChange change, ProviderRefusedException refused) {
                throw new AssertionError("the file gateway refuses nothing");
            }

            @Override
            public void unknown(ProviderChange change, ProviderOutcomeUnknownException unknown) {
                throw new AssertionError("the file gateway always knows");
            }
        };
    }

    private static ProviderChange change(int before, int after) {
        return new ProviderChange(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
                after > before ? "Additional" : "Less", Math.abs(after - before), before, after, AS_OF,
                AS_OF.plusSeconds(before));
    }
}
