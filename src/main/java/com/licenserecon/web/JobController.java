package com.licenserecon.web;

import com.licenserecon.schedule.JobStarter;
import com.licenserecon.web.JobRunHistory.JobRun;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The batch jobs (role ADMIN): start one now, the way its schedule would, and read its runs from Spring
 * Batch's job repository. {@code sync} is {@code licenseSyncJob} (the newest provider file in the inbox),
 * {@code seat-changes} is {@code seatChangeJob} (the queued requests on the latest provider data).
 */
@RestController
@RequestMapping("/api/jobs")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class JobController {

    private final JobStarter starter;
    private final JobRunHistory history;

    public JobController(JobStarter starter, JobRunHistory history) {
        this.starter = starter;
        this.history = history;
    }

    public record Started(String job, String batchJob, String runs) {
    }

    /** 202: the job starts in the background; its runs say how it went. */
    @PostMapping("/{name}/runs")
    public ResponseEntity<Started> start(@PathVariable String name) {
        String batchJob = batchJob(name);
        starter.startNow(name);
        String runs = ServletUriComponentsBuilder.fromCurrentRequestUri().build().toUriString();
        return ResponseEntity.accepted().location(java.net.URI.create(runs)).body(new Started(name, batchJob, runs));
    }

    /** The newest runs first, at most {@value JobRunHistory#RUNS_LISTED}. */
    @GetMapping("/{name}/runs")
    public List<JobRun> runs(@PathVariable String name) {
        return history.runs(batchJob(name));
    }

    private static String batchJob(String name) {
        return JobRunHistory.batchJob(name).orElseThrow(() -> Problems.notFound("There is no job " + name
                + "; the jobs are " + JobStarter.SYNC + " and " + JobStarter.SEAT_CHANGES + "."));
    }
}
