package com.licenserecon.command;

import org.springframework.batch.core.job.JobExecution;

/** A job that ended other than COMPLETED; the message is the first failure's own reason, in one line. */
public class JobFailedException extends RuntimeException {

    public JobFailedException(String what, JobExecution execution) {
        super("%s failed (execution %d, %s): %s".formatted(what, execution.getId(), execution.getStatus(),
                reason(execution)));
    }

    private static String reason(JobExecution execution) {
        return execution.getAllFailureExceptions().stream().findFirst()
                .map(JobFailedException::ownReason)
                .orElse(execution.getExitStatus().getExitDescription());
    }

    /** The deepest cause says what went wrong; the wrappers only say where. */
    static String ownReason(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return message.replaceAll("\\s*\\R\\s*", " ");
    }
}
