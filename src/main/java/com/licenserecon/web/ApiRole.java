package com.licenserecon.web;

/**
 * What an API user may do. {@code OPS}: seat changes and customer licenses; {@code FINANCE}: reports and
 * customer licenses, read-only; {@code ADMIN}: everything, including jobs, CT license import and actuator.
 */
public enum ApiRole {
    OPS, FINANCE, ADMIN;

    /** The Spring Security authority, {@code ROLE_<name>}. */
    public String authority() {
        return "ROLE_" + name();
    }
}
