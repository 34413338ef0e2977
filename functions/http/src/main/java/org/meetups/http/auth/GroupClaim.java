package org.meetups.http.auth;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.meetups.runtime.json.Json;

/**
 * The group names a token's group claim lists, read exactly: a caller is in a group only when one
 * of these names equals the group's name, character for character. The claim reaches a function
 * in one of three forms, told apart by their shape:
 * <ol>
 *   <li><b>a JSON array of strings</b>, {@code ["staff","coordinators"]}: each element is one name,
 *       spaces and punctuation included (what some identity providers put in a string claim);</li>
 *   <li><b>the HTTP API's flattened array</b>, {@code [staff coordinators]}: API Gateway passes an
 *       array claim as its elements between brackets, separated by single spaces; each space-separated
 *       part is one name (so names with spaces cannot be told apart in this form, and the groups the
 *       functions check may not contain whitespace);</li>
 *   <li><b>a single value</b>, {@code coordinators}: anything else is one name, as it is (a comma, a
 *       quote or a space is part of that name).</li>
 * </ol>
 * A value that starts with {@code [} and ends with {@code ]} but is not a JSON array of strings is
 * read as the flattened form. An absent or empty claim lists no group.
 */
public final class GroupClaim {
    private GroupClaim() {}

    public static List<String> names(String claim) {
        if (claim == null || claim.isEmpty()) {
            return List.of();
        }
        if (!claim.startsWith("[") || !claim.endsWith("]")) {
            return List.of(claim);
        }
        List<String> json = jsonArrayOfStrings(claim);
        if (json != null) {
            return json;
        }
        String inner = claim.substring(1, claim.length() - 1);
        return inner.isEmpty()
                ? List.of()
                : Arrays.stream(inner.split(" ", -1)).filter(n -> !n.isEmpty()).toList();
    }

    public static boolean isMember(String claim, String group) {
        return names(claim).contains(group);
    }

    private static List<String> jsonArrayOfStrings(String claim) {
        try {
            JsonNode node = Json.MAPPER.readTree(claim);
            if (node == null || !node.isArray()) {
                return null;
            }
            List<String> names = new ArrayList<>();
            for (JsonNode element : node) {
                if (!element.isTextual()) {
                    return null;
                }
                names.add(element.textValue());
            }
            return names;
        } catch (IOException e) {
            return null;
        }
    }
}
