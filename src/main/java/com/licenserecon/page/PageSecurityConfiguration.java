package com.licenserecon.page;

import com.licenserecon.web.ApiRole;
import jakarta.servlet.DispatcherType;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The pages' security: a form login with a session and CSRF tokens, for the same users and roles as the API
 * ({@code license-recon.security.users}). It covers only {@code /ui/**}, {@code /login}, {@code /logout}, and
 * {@code /} when a browser asks for HTML; everything else stays with the API's chain (HTTP Basic, stateless),
 * which is ordered after this one. A role that does not allow a page gets a 403 page, never the page.
 *
 * <table>
 * <tr><th>path</th><th>roles</th></tr>
 * <tr><td>/login, /ui/app.css</td><td>anyone</td></tr>
 * <tr><td>POST /ui/customers/{tenant}/seat-changes (queue a change)</td><td>OPS, ADMIN</td></tr>
 * <tr><td>/ui/customers/**</td><td>OPS, FINANCE, ADMIN</td></tr>
 * <tr><td>/ui/seat-changes/** (the queue)</td><td>OPS, ADMIN</td></tr>
 * <tr><td>/ui/reports/**</td><td>FINANCE, ADMIN</td></tr>
 * <tr><td>/ui/jobs/**</td><td>ADMIN</td></tr>
 * </table>
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class PageSecurityConfiguration {

    private static final String OPS = ApiRole.OPS.name();
    private static final String FINANCE = ApiRole.FINANCE.name();
    private static final String ADMIN = ApiRole.ADMIN.name();

    static final String LOGIN = "/login";
    static final String HOME = "/ui/customers";
    static final String FORBIDDEN = "/ui/forbidden";

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityFilterChain pageSecurity(HttpSecurity http) throws Exception {
        PathPatternRequestMatcher.Builder path = PathPatternRequestMatcher.withDefaults();
        // "/" is the API's too (a 401 problem for a client); only a browser asking for HTML is sent to the pages.
        MediaTypeRequestMatcher html = new MediaTypeRequestMatcher(MediaType.TEXT_HTML);
        html.setIgnoredMediaTypes(java.util.Set.of(MediaType.ALL));
        RequestMatcher pages = new OrRequestMatcher(path.matcher("/ui/**"), path.matcher(LOGIN),
                path.matcher("/logout"), new AndRequestMatcher(path.matcher("/"), html));
        return http
                .securityMatcher(pages)
                .authorizeHttpRequests(requests -> requests
                        // The 403 page is reached by a forward; an error dispatch renders an error already decided.
                        .dispatcherTypeMatchers(DispatcherType.FORWARD, DispatcherType.ERROR).permitAll()
                        .requestMatchers(LOGIN, "/ui/app.css").permitAll()
                        .requestMatchers(path.matcher(org.springframework.http.HttpMethod.POST,
                                "/ui/customers/*/seat-changes")).hasAnyRole(OPS, ADMIN)
                        .requestMatchers("/ui/customers", "/ui/customers/**").hasAnyRole(OPS, FINANCE, ADMIN)
                        .requestMatchers("/ui/seat-changes", "/ui/seat-changes/**").hasAnyRole(OPS, ADMIN)
                        .requestMatchers("/ui/reports", "/ui/reports/**").hasAnyRole(FINANCE, ADMIN)
                        .requestMatchers("/ui/jobs", "/ui/jobs/**").hasRole(ADMIN)
                        .anyRequest().authenticated())
                .formLogin(form -> form.loginPage(LOGIN).defaultSuccessUrl(HOME, false).failureUrl(LOGIN + "?error")
                        .permitAll())
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl(LOGIN + "?logout"))
                .exceptionHandling(exceptions -> exceptions.accessDeniedPage(FORBIDDEN))
                .build();
    }
}
