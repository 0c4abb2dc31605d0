package com.licenserecon.command;

import com.licenserecon.csv.FileRefusedException;
import com.licenserecon.ctlicense.CtLicenseImporter;
import com.licenserecon.csv.FieldError;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Set;
import org.springframework.stereotype.Component;

/** {@code import-ct FILE}: loads CT license records, all or nothing. */
@Component
public class ImportCtCommand implements Command {

    private final CtLicenseImporter importer;

    public ImportCtCommand(CtLicenseImporter importer) {
        this.importer = importer;
    }

    @Override
    public String name() {
        return "import-ct";
    }

    @Override
    public String usage() {
        return "import-ct FILE";
    }

    @Override
    public int run(CommandArguments arguments, PrintStream out) {
        arguments.allowOnly(Set.of(), 1);
        try {
            var result = importer.importFile(Path.of(arguments.positional().get(0)));
            out.printf("import-ct %s: %d rows read, %d inserted, %d updated%n",
                    result.file(), result.rowsRead(), result.inserted(), result.updated());
            return 0;
        } catch (FileRefusedException e) {
            for (FieldError error : e.errors()) {
                System.err.println("  " + error.describe());
            }
            if (e.errorCount() > e.errors().size()) {
                System.err.printf("  ... and %d more%n", e.errorCount() - e.errors().size());
            }
            throw e;
        }
    }
}
