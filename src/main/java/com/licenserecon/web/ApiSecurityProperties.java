package com.licenserecon.web;

import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The API's users ({@code license-recon.security.users}), each with a bcrypt hash of its password (made with
 * {@code java -jar license-recon.jar hash-password}) and its roles. No user is built in: a service with no
 * users configured refuses every request but health.
 *
 * <pre>
 * license-recon:
 *   security:
 *     users:
 *       - name: ops.carol
 *         password-hash: "{bcrypt}$2a$10$..."
 *         roles: [OPS]
 * </pre>
 */
@ConfigurationProperties("license-recon.security")
public record ApiSecurityProperties(List<ApiUser> users) {

    public ApiSecurityProperties {
        users = users == null ? List.of() : List.copyOf(users);
    }

    /**
     * @param name         the user name, recorded as the requester of the user's seat changes
     * @param passwordHash a bcrypt hash, {@code {bcrypt}$2a$...} or bare {@code $2a$...}
     * @param roles        one or more of OPS, FINANCE, ADMIN
     */
    public record ApiUser(String name, String passwordHash, Set<ApiRole> roles) {

        public ApiUser {
            roles = roles == null ? Set.of() : Set.copyOf(roles);
        }

        /** Never shows the hash: settings get logged and printed. */
        @Override
        public String toString() {
            return "ApiUser[name=" + name + ", passwordHash=******, roles=" + roles + "]";
        }
    }
}
