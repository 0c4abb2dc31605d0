package com.licenserecon.page;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;

/** The login form (Spring Security checks it on POST /login), "/" for a browser, and the 403 page. */
@Controller
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class LoginController {

    @GetMapping(PageSecurityConfiguration.LOGIN)
    String login() {
        return "login";
    }

    @GetMapping("/")
    String root() {
        return "redirect:" + PageSecurityConfiguration.HOME;
    }

    /** Reached by a forward from the security chain, whatever the method of the refused request. */
    @RequestMapping(PageSecurityConfiguration.FORBIDDEN)
    @ResponseStatus(HttpStatus.FORBIDDEN)
    String forbidden() {
        return "forbidden";
    }
}
