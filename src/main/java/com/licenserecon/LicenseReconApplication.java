package com.licenserecon;

import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
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
        System.exit(SpringApplication.exit(SpringApplication.run(LicenseReconApplication.class, args)));
    }

    /** All time is UTC (licensing rules); tests replace the clock to replay a night. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
