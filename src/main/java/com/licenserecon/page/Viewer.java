package com.licenserecon.page;

import com.licenserecon.web.ApiRole;
import java.util.EnumSet;
import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/**
 * The logged-in user as the pages need it: the name, and what the roles allow, so that a page shows only the
 * links and buttons the user may use (the security chain refuses the rest anyway).
 */
public record Viewer(String name, Set<ApiRole> roles) {

    public Viewer {
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
    }

    static Viewer of(Authentication authentication) {
        Set<ApiRole> roles = EnumSet.noneOf(ApiRole.class);
        for (GrantedAuthority authority : authentication.getAuthorities()) {
            for (ApiRole role : ApiRole.values()) {
                if (role.authority().equals(authority.getAuthority())) {
                    roles.add(role);
                }
            }
        }
        return new Viewer(authentication.getName(), roles);
    }

    /** OPS, ADMIN: queue and cancel seat changes. */
    public boolean canQueue() {
        return roles.contains(ApiRole.OPS) || roles.contains(ApiRole.ADMIN);
    }

    /** FINANCE, ADMIN: reports. */
    public boolean canReadReports() {
        return roles.contains(ApiRole.FINANCE) || roles.contains(ApiRole.ADMIN);
    }

    /** ADMIN: job runs and "Sync now". */
    public boolean canRunJobs() {
        return roles.contains(ApiRole.ADMIN);
    }

    public String roleNames() {
        return String.join(", ", roles.stream().map(ApiRole::name).sorted().toList());
    }
}
