package com.licenserecon;

import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

@SpringBootApplication
@ConfigurationPropertiesScan
public class LicenseReconApplication {

    public static void main(String[] args) {
        System.exit(SpringApplication.exit(SpringApplication.run(LicenseReconApplication.class, args)));
    }

    /** All time is UTC (licensing rules); tests replace the clock to replay a night. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
