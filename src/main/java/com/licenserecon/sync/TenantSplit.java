package com.licenserecon.sync;

import com.licenserecon.reconcile.TenantRange;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.core.task.SimpleAsyncTaskExecutor;

/**
 * A step split by ranges of customer tenant ids ({@code query-parts}): Spring Batch runs one worker per
 * range at the same time, each on a thread and in a database session of its own, all reading the snapshot
 * the splitting step exports ({@link SharedSnapshot}).
 */
public final class TenantSplit {

    private static final String PART = "tenantSplit.part";
    private static final String PARTS = "tenantSplit.parts";

    /** Which part a worker is: {@code index} of {@code count}. */
    public record Part(int index, int count) {

        public TenantRange range() {
            return TenantRange.split(count).get(index);
        }

        public boolean isLast() {
            return index == count - 1;
        }
    }

    private TenantSplit() {
    }

    /** The splitting step {@code name}: {@code parts} runs of {@code worker}, named {@code <worker>:part<i>}. */
    public static Step step(String name, Step worker, int parts, JobRepository jobRepository, SharedSnapshot snapshot) {
        SimpleAsyncTaskExecutor threads = new SimpleAsyncTaskExecutor(name + "-");
        threads.setConcurrencyLimit(parts);
        return new StepBuilder(name, jobRepository)
                .partitioner(worker.getName(), gridSize -> {
                    Map<String, ExecutionContext> contexts = new LinkedHashMap<>();
                    for (int part = 0; part < gridSize; part++) {
                        ExecutionContext context = new ExecutionContext();
                        context.putInt(PART, part);
                        context.putInt(PARTS, gridSize);
                        contexts.put("part" + part, context);
                    }
                    return contexts;
                })
                .step(worker)
                .gridSize(parts)
                .taskExecutor(threads)
                .listener(snapshot.exporter())
                .build();
    }

    /** The part a worker's execution runs. */
    public static Part of(StepExecution worker) {
        return new Part(worker.getExecutionContext().getInt(PART), worker.getExecutionContext().getInt(PARTS));
    }
}
