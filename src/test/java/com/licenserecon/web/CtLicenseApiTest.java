package com.licenserecon.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.licenserecon.support.SampleData;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/** POST /api/ct-licenses: ADMIN loads CT license records, all or nothing, as import-ct does. */
class CtLicenseApiTest extends WebApiTest {

    private static final String HEADER =
            "ct_license_id,customer_tenant_id,subscription_id,sku_part_number,display_name,ct_licenses,renewal_date,status,auto_renew,unit_price,currency\n";

    private MvcTestResult upload(String csv, String user) {
        return mvc.post().uri("/api/ct-licenses").with(as(user)).contentType("text/csv").content(csv).exchange();
    }

    @Test
    void importingIsForAdminAndInsertsThenUpdates() throws Exception {
        String samples = Files.readString(SampleData.CT_LICENSES);
        assertRefused(() -> mvc.post().uri("/api/ct-licenses").contentType("text/csv").content(samples), OPS, FINANCE);
        assertThat(count("SELECT COUNT(*) FROM ct_license")).isZero();
        long rows = Files.readAllLines(SampleData.CT_LICENSES).size() - 1;

        MvcTestResult first = upload(samples, ADMIN);

        assertThat(first).hasStatusOk();
        assertThat(first).bodyJson().isStrictlyEqualTo("{\"rowsRead\": %d, \"inserted\": %d, \"updated\": 0}"
                .formatted(rows, rows));
        assertThat(count("SELECT COUNT(*) FROM ct_license")).isEqualTo(rows);

        MvcTestResult second = upload(samples, ADMIN);
        assertThat(second).bodyJson().isStrictlyEqualTo("{\"rowsRead\": %d, \"inserted\": 0, \"updated\": %d}"
                .formatted(rows, rows));
    }

    @Test
    void aFileWithBadValuesIsRefusedWholeListingEachOne() {
        MvcTestResult refused = upload(HEADER
                + "c-1,b8a1abcd-1a69-46c7-8da4-f9fc3c6da5d7,,SPE_E3,Microsoft 365 E3,10,2027-01-01,Active,Yes,36.00,USD\n"
                + "c-2,b8a1abcd-1a69-46c7-8da4-f9fc3c6da5d7,,SPE_E3,Microsoft 365 E3,-4,2027-02-30,Active,Maybe,,USD\n"
                + "c-1,b8a1abcd-1a69-46c7-8da4-f9fc3c6da5d7,,SPE_E5,Microsoft 365 E5,1,2027-01-01,Active,No,,\n", ADMIN);

        assertProblem(refused, 400);
        assertThat(refused).bodyJson().extractingPath("$.detail").asString()
                .isEqualTo("the uploaded file: 4 bad values, nothing was loaded");
        List<Map<String, Object>> errors = json(refused, "$.errors");
        assertThat(errors).extracting(e -> e.get("line"), e -> e.get("column"), e -> e.get("value")).containsExactly(
                org.assertj.core.groups.Tuple.tuple(3, "ct_licenses", "-4"),
                org.assertj.core.groups.Tuple.tuple(3, "renewal_date", "2027-02-30"),
                org.assertj.core.groups.Tuple.tuple(3, "auto_renew", "Maybe"),
                org.assertj.core.groups.Tuple.tuple(4, "ct_license_id", "c-1"));
        assertThat(errors.get(3).get("reason")).isEqualTo("duplicate ct_license_id, first seen on line 2");
        assertThat(refused).bodyJson().extractingPath("$.errorCount").isEqualTo(4);
        assertThat(count("SELECT COUNT(*) FROM ct_license")).isZero();
    }

    @Test
    void anEmptyBodyOrAnotherMediaTypeIsA4xxProblem() {
        assertProblem(upload("", ADMIN), 400);
        assertProblem(mvc.post().uri("/api/ct-licenses").with(as(ADMIN)).contentType("application/json")
                .content("{}").exchange(), 415);
    }
}
