package com.licenserecon.page;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.ModelAndView;

/**
 * What every page needs: the logged-in {@link Viewer} for the navigation, and errors as an HTML page. Ordered
 * before the API's problem-detail advice, and limited to the page controllers, so neither answers for the other.
 */
@ControllerAdvice(basePackageClasses = PageModel.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class PageModel {

    private static final Logger log = LoggerFactory.getLogger(PageModel.class);

    @ModelAttribute("viewer")
    Viewer viewer(Authentication authentication) {
        return authentication == null || authentication instanceof AnonymousAuthenticationToken ? null
                : Viewer.of(authentication);
    }

    @ExceptionHandler(ResponseStatusException.class)
    ModelAndView status(ResponseStatusException e, Authentication authentication) {
        return error(HttpStatus.valueOf(e.getStatusCode().value()), e.getReason(), authentication);
    }

    /** A hand-made address: a tenant id that is not a UUID, a form field missing. */
    @ExceptionHandler({TypeMismatchException.class, ServletRequestBindingException.class})
    ModelAndView badAddress(Exception e, Authentication authentication) {
        return error(HttpStatus.BAD_REQUEST, "The address or the form is not valid: start again from the customers.",
                authentication);
    }

    /** The last resort: the log has the cause, the page says only that it failed. */
    @ExceptionHandler(Exception.class)
    ModelAndView unexpected(Exception e, Authentication authentication) {
        log.error("page request failed", e);
        return error(HttpStatus.INTERNAL_SERVER_ERROR, "The page failed on the server; the service log says why.",
                authentication);
    }

    private ModelAndView error(HttpStatus status, String message, Authentication authentication) {
        ModelAndView page = new ModelAndView("error-page");
        page.setStatus(status);
        page.addObject("status", status.value());
        page.addObject("title", status.getReasonPhrase());
        page.addObject("message", message);
        page.addObject("viewer", viewer(authentication));
        return page;
    }
}
