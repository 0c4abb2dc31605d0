package com.licenserecon.provider.partnercenter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.opencsv.CSVReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SkuMapTest {

    @Test
    void mapsAnOfferByProductAndSkuWhateverItsAvailability() {
        SkuMap map = SkuMap.parse(new StringReader("""
                \uFEFFSKU_Part_Number,Product_ID,notes,SKU_ID,Display_Name
                SPE_E3,CFQ7TTC0LFLX,,0001,Microsoft 365 E3
                O365_BUSINESS_ESSENTIALS,CFQ7TTC0LH18,basic,0001,Microsoft 365 Business Basic
                ENTERPRISEPACK,91FD106F-4B2C-4938-95AC-F54F74E9A239,legacy offer,,Office 365 E3
                """), "test");

        assertThat(map.size()).isEqualTo(3);
        assertThat(map.find("CFQ7TTC0LH18:0001")).contains(
                new SkuMap.Entry("O365_BUSINESS_ESSENTIALS", "Microsoft 365 Business Basic"));
        assertThat(map.find("cfq7ttc0lh18:0001:CFQ7TTC0K971")).contains(
                new SkuMap.Entry("O365_BUSINESS_ESSENTIALS", "Microsoft 365 Business Basic"));
        assertThat(map.find("91fd106f-4b2c-4938-95ac-f54f74e9a239")).contains(
                new SkuMap.Entry("ENTERPRISEPACK", "Office 365 E3"));
        assertThat(map.find("CFQ7TTC0LH18:0002")).isEmpty();
        assertThat(map.find("CFQ7TTC0LH18")).isEmpty();
        assertThat(map.find(null)).isEmpty();
    }

    @Test
    void aWrongMapIsRefusedNamingTheLine() {
        assertThatThrownBy(() -> SkuMap.parse(new StringReader("""
                product_id,sku_id,sku_part_number,display_name
                CFQ7TTC0LH18,0001,O365_BUSINESS_ESSENTIALS,Microsoft 365 Business Basic
                cfq7ttc0lh18,0001,SPB,Microsoft 365 Business Premium
                """), "sku-map.csv")).hasMessage(
                        "sku-map.csv line 3: offer CFQ7TTC0LH18:0001 is already mapped on line 2");
        assertThatThrownBy(() -> SkuMap.parse(new StringReader("product_id,sku_part_number\nX,Y\n"), "sku-map.csv"))
                .hasMessage("sku-map.csv: missing column sku_id");
        assertThatThrownBy(() -> SkuMap.parse(new StringReader("product_id,sku_id,sku_part_number\nX,0001,\n"),
                "sku-map.csv")).hasMessage("sku-map.csv line 2: sku_part_number is blank");
        assertThatThrownBy(() -> SkuMap.load(Path.of("no-such-dir", "sku-map.csv")))
                .hasMessageContaining("does not exist");
    }

    @Test
    void theBundledMapNamesEveryOfferOfTheSamplesAsTheSamplesDo() throws Exception {
        SkuMap map = SkuMap.load(Path.of("config", "sku-map.csv"));
        Map<String, List<String>> offers = new HashMap<>();
        try (Reader in = Files.newBufferedReader(Path.of("samples", "provider-licenses.csv"), StandardCharsets.UTF_8);
                CSVReader csv = new CSVReader(in)) {
            List<String> header = List.of(csv.readNext());
            int offer = header.indexOf("offer_id");
            int sku = header.indexOf("sku_part_number");
            int name = header.indexOf("display_name");
            String[] row;
            while ((row = csv.readNext()) != null) {
                if (!row[offer].isBlank()) {
                    offers.put(row[offer], List.of(row[sku], row[name]));
                }
            }
        }

        assertThat(offers).isNotEmpty();
        assertThat(map.size()).isEqualTo(offers.size());
        offers.forEach((offer, names) -> assertThat(map.find(offer)).as(offer)
                .contains(new SkuMap.Entry(names.get(0), names.get(1))));
    }
}
