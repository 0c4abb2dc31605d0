package com.licenserecon.web;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A customer's licenses, CT records beside the provider's data (roles OPS, FINANCE, ADMIN). */
@RestController
@RequestMapping("/api/customers")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class CustomerController {

    private final CustomerLicenses licenses;
    private final Clock clock;

    public CustomerController(CustomerLicenses licenses, Clock clock) {
        this.licenses = licenses;
        this.clock = clock;
    }

    /** @param asOf the instant the decrease windows are told at; default now */
    @GetMapping("/{tenantId}/licenses")
    public CustomerLicenses.CustomerView licenses(@PathVariable UUID tenantId,
            @RequestParam(required = false) Instant asOf) {
        return licenses.of(tenantId, asOf == null ? clock.instant() : asOf).orElseThrow(() -> Problems.notFound(
                "Neither a CT license record nor the latest provider data knows the tenant " + tenantId + "."));
    }
}
