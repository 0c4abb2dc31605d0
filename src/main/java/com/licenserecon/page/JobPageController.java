package com.licenserecon.page;

import com.licenserecon.schedule.JobStarter;
import com.licenserecon.web.JobRunHistory;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Job runs (ADMIN), newest first, with "Sync now" and "Run seat changes now". */
@Controller
@RequestMapping("/ui/jobs")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class JobPageController {

    /** Runs shown per job. */
    static final int SHOWN = 20;

    private final JobRunHistory history;
    private final JobStarter starter;

    public JobPageController(JobRunHistory history, JobStarter starter) {
        this.history = history;
        this.starter = starter;
    }

    @GetMapping
    String runs(Model model) {
        Map<String, Object> jobs = new LinkedHashMap<>();
        for (String job : new String[] {JobStarter.SYNC, JobStarter.SEAT_CHANGES}) {
            jobs.put(job, history.runs(JobRunHistory.JOBS.get(job)).stream().limit(SHOWN).toList());
        }
        model.addAttribute("jobs", jobs);
        return "jobs";
    }

    /** Starts the job in the background, as its schedule would, and comes back to the runs. */
    @PostMapping("/{name}/runs")
    String start(@PathVariable String name, RedirectAttributes redirect) {
        JobRunHistory.batchJob(name).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                "There is no job " + name + "."));
        starter.startNow(name);
        redirect.addFlashAttribute("flash", "Started " + name + ": it runs in the background; reload to see it below.");
        return "redirect:/ui/jobs";
    }
}
