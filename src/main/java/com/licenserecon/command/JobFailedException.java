package com.licenserecon.command;

import org.springframework.batch.core.job.JobExecution;

/** A job that ended other than COMPLETED; the message is its failure's reason, in one line ({@link FailureReason}). */
public class JobFailedException extends RuntimeException {

    public JobFailedException(String what, JobExecution execution) {
        super("%s failed (execution %d, %s): %s".formatted(what, execution.getId(), execution.getStatus(),
                reason(execution)));
    }

    private static String reason(JobExecution execution) {
        return execution.getAllFailureExceptions().isEmpty() ? execution.getExitStatus().getExitDescription()
                : FailureReason.of(execution.getAllFailureExceptions());
    }
}
