package com.licenserecon.web;

import com.licenserecon.seatchange.ChangeKind;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A seat change's {@code change}: what {@link ChangeKind#parse} reads. {@code null} is left to {@code @NotNull}. */
@Documented
@Constraint(validatedBy = ChangeWord.Validator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface ChangeWord {

    String message() default "is not Additional or Less (also accepted: add, increase, decrease, remove)";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<ChangeWord, String> {

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || ChangeKind.parse(value).isPresent();
        }
    }
}
