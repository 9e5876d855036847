package dev.entrabridge.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.InputStream;

import static org.assertj.core.api.Assertions.assertThat;

class ModelViewTest {

    @Test
    void dropsAnnotationsNullsAndEmptiesAtEveryLevel() throws Exception {
        JsonNode page;
        try (InputStream in = getClass().getResourceAsStream("/graph/users-page-with-annotations.json")) {
            page = new ObjectMapper().readTree(in);
        }

        JsonNode trimmed = ModelView.trim(page);

        assertThat(trimmed.toString()).isEqualTo("{\"value\":[{\"id\":\"4782e723-f4f4-4af3-a76e-25e3bab0d896\","
                + "\"displayName\":\"Alex Wilber\",\"mail\":\"AlexW@contoso.com\"},{\"id\":\"c03e6eaa-b6ab-46d7-905b-73ec7ea1f755\","
                + "\"displayName\":\"Allan Deyoung\",\"jobTitle\":\"IT Admin\",\"businessPhones\":[\"+1 425 555 0109\"]}]}");
        assertThat(page.has("@odata.context")).as("the input is not changed").isTrue();
        assertThat(ModelView.trim(new ObjectMapper().readTree("{\"@odata.etag\":\"W/x\",\"location\":{\"displayName\":\"\"}}")))
                .isNull();
    }
}
