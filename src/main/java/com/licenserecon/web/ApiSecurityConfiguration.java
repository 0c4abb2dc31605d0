package com.licenserecon.web;

import jakarta.servlet.DispatcherType;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The API's security (only in the web service, {@code serve}): HTTP Basic on every request, no session, no
 * CSRF token (nothing is kept between requests, so there is no session for a forged request to ride on),
 * users and roles from {@link ApiSecurityProperties}. Refusals are problem details: 401 for missing or wrong
 * credentials, 403 for a role that does not allow the request. Anything not listed below needs a login.
 *
 * <table>
 * <tr><th>path</th><th>roles</th></tr>
 * <tr><td>/actuator/health/**</td><td>anyone</td></tr>
 * <tr><td>/actuator/** (prometheus, info)</td><td>ADMIN</td></tr>
 * <tr><td>/api/seat-changes/**</td><td>OPS, ADMIN</td></tr>
 * <tr><td>/api/customers/**</td><td>OPS, FINANCE, ADMIN</td></tr>
 * <tr><td>/api/reports/**</td><td>FINANCE, ADMIN</td></tr>
 * <tr><td>/api/jobs/**</td><td>ADMIN</td></tr>
 * <tr><td>/api/ct-licenses</td><td>ADMIN</td></tr>
 * <tr><td>anything else</td><td>any authenticated user</td></tr>
 * </table>
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class ApiSecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ApiSecurityConfiguration.class);

    /** A bcrypt hash as {@link BCryptPasswordEncoder} writes it, with or without the {@code {bcrypt}} prefix. */
    private static final Pattern BCRYPT_HASH = Pattern.compile("(\\{bcrypt})?\\$2[aby]?\\$\\d\\d\\$[./A-Za-z0-9]{53}");

    private static final String OPS = ApiRole.OPS.name();
    private static final String FINANCE = ApiRole.FINANCE.name();
    private static final String ADMIN = ApiRole.ADMIN.name();

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, SecurityProblems problems) throws Exception {
        return http
                .authorizeHttpRequests(requests -> requests
                        // An error dispatch renders the error of a request that was already let through or refused.
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .requestMatchers("/actuator/prometheus", "/actuator", "/actuator/**").hasRole(ADMIN)
                        .requestMatchers("/api/seat-changes", "/api/seat-changes/**").hasAnyRole(OPS, ADMIN)
                        .requestMatchers("/api/customers/**").hasAnyRole(OPS, FINANCE, ADMIN)
                        .requestMatchers("/api/reports", "/api/reports/**").hasAnyRole(FINANCE, ADMIN)
                        .requestMatchers("/api/jobs/**").hasRole(ADMIN)
                        .requestMatchers("/api/ct-licenses", "/api/ct-licenses/**").hasRole(ADMIN)
                        .anyRequest().authenticated())
                .httpBasic(basic -> basic.realmName(SecurityProblems.REALM).authenticationEntryPoint(problems))
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .build();
    }

    /**
     * bcrypt for every stored hash: {@code {bcrypt}$2a$...} by its prefix, a bare {@code $2a$...} by default.
     * Any other prefix ({@code {noop}} a clear-text password above all) does not match.
     */
    @Bean
    PasswordEncoder passwordEncoder() {
        BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder();
        DelegatingPasswordEncoder encoder = new DelegatingPasswordEncoder("bcrypt", Map.of("bcrypt", bcrypt));
        encoder.setDefaultPasswordEncoderForMatches(bcrypt);
        return encoder;
    }

    @Bean
    UserDetailsService apiUsers(ApiSecurityProperties properties) {
        List<UserDetails> users = properties.users().stream().map(ApiSecurityConfiguration::user).toList();
        Set<String> names = new HashSet<>();
        for (UserDetails user : users) {
            if (!names.add(user.getUsername())) {
                throw new IllegalStateException("license-recon.security.users: the user " + user.getUsername()
                        + " is listed twice");
            }
        }
        if (users.isEmpty()) {
            log.warn("no API users are configured (license-recon.security.users): every request but health is refused");
        } else {
            log.info("API users: {}", users.stream()
                    .map(u -> u.getUsername() + " " + u.getAuthorities().stream()
                            .map(a -> a.getAuthority().substring("ROLE_".length())).sorted().toList())
                    .sorted().toList());
        }
        return new InMemoryUserDetailsManager(users);
    }

    /** Checks one configured user; a message names the user and never shows the hash. */
    private static UserDetails user(ApiSecurityProperties.ApiUser user) {
        String name = user.name() == null ? "" : user.name().strip();
        if (name.isEmpty()) {
            throw new IllegalStateException("license-recon.security.users: a user has no name");
        }
        String hash = user.passwordHash() == null ? "" : user.passwordHash().strip();
        if (!BCRYPT_HASH.matcher(hash).matches()) {
            throw new IllegalStateException("license-recon.security.users: the password-hash of " + name
                    + " is not a bcrypt hash; make one with: java -jar license-recon.jar hash-password");
        }
        if (user.roles().isEmpty()) {
            throw new IllegalStateException("license-recon.security.users: " + name
                    + " has no roles; give one or more of OPS, FINANCE, ADMIN");
        }
        return User.withUsername(name)
                .password(hash)
                .roles(user.roles().stream().map(ApiRole::name).toArray(String[]::new))
                .build();
    }
}
