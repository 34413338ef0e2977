package org.meetups.testing;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import java.util.stream.Collectors;
import org.meetups.emulator.ProjectFiles;

/** Checks responses against api/openapi.yaml, the API's published contract. */
public final class OpenApiContract {
    private static OpenApiInteractionValidator validator;

    private OpenApiContract() {}

    private static synchronized OpenApiInteractionValidator validator() {
        if (validator == null) {
            validator = OpenApiInteractionValidator.createForSpecificationUrl(
                            ProjectFiles.resolve("api/openapi.yaml").toUri().toString())
                    .build();
        }
        return validator;
    }

    /** Throws AssertionError describing every way the response departs from the document. */
    public static void assertConforms(String method, String path, ApiResult response) {
        SimpleResponse.Builder builder = SimpleResponse.Builder.status(response.status());
        response.headers().forEach(builder::withHeader);
        if (response.body() != null) {
            builder.withBody(response.body());
        }
        ValidationReport report = validator().validateResponse(path, Request.Method.valueOf(method), builder.build());
        if (report.hasErrors()) {
            throw new AssertionError("response to " + method + " " + path + " (" + response.status()
                    + ") does not match api/openapi.yaml:\n"
                    + report.getMessages().stream()
                            .map(m -> "  " + m.getKey() + ": " + m.getMessage())
                            .collect(Collectors.joining("\n"))
                    + "\nbody: " + response.body());
        }
    }
}
