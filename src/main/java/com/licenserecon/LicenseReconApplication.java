package com.licenserecon;

import com.licenserecon.command.FailureReason;
import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

@SpringBootApplication
@ConfigurationPropertiesScan
public class LicenseReconApplication {

    /** The profile of {@code serve}: web server, Quartz on the database, no command line runner. */
    public static final String SERVE = "serve";

    public static void main(String[] args) {
        if (args.length > 0 && SERVE.equals(args[0])) {
            SpringApplication service = new SpringApplication(LicenseReconApplication.class);
            service.setAdditionalProfiles(SERVE);
            service.run(args);
            return;
        }
        ConfigurableApplicationContext context;
        try {
            context = SpringApplication.run(LicenseReconApplication.class, args);
        } catch (RuntimeException e) {
            // A command that cannot start (most often: no database) says why in one line, like one that fails;
            // the log keeps the whole trace.
            System.err.println("license-recon: cannot start: " + FailureReason.of(e));
            System.exit(1);
            return;
        }
        System.exit(SpringApplication.exit(context));
    }

    /** All time is UTC (licensing rules); tests replace the clock to replay a night. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
