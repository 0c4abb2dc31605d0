package com.licenserecon.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;

/** hash-password: the first line of stdin becomes a {bcrypt} hash; the password itself is never printed. */
class HashPasswordCommandTest {

    private final HashPasswordCommand command = new HashPasswordCommand();

    private String hash(String stdin) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = command.hash(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(exit).isZero();
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void printsABcryptHashThatMatchesThePassword() throws Exception {
        String printed = hash("correct horse battery staple\nsecond line\n");

        assertThat(printed).startsWith("{bcrypt}$2a$10$").endsWith(System.lineSeparator())
                .doesNotContain("correct horse");
        assertThat(PasswordEncoderFactories.createDelegatingPasswordEncoder()
                .matches("correct horse battery staple", printed.strip())).isTrue();
    }

    @Test
    void twoHashesOfOnePasswordDiffer() throws Exception {
        assertThat(hash("s3cret\n")).isNotEqualTo(hash("s3cret\n"));
    }

    @Test
    void anEmptyStdinIsRefused() {
        assertThatThrownBy(() -> hash("")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("stdin");
        assertThatThrownBy(() -> hash("\n")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void takesNoArguments() {
        CommandArguments extra = CommandArguments.parse(new String[] {"hash-password", "secret"}, java.util.Set.of());

        assertThatThrownBy(() -> command.run(extra, System.out)).isInstanceOf(UsageException.class);
    }
}
