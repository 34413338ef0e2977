package org.meetups.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What people do from their mail and calendar app: a one-click link shows a page, acts once and
 * gives the seat to the first person waiting; a personal feed lists their meetups until it is
 * replaced. Every address handed out leads to this API.
 */
class LinksAndFeedsTest {
    private final ApiTarget api = ApiTarget.get();

    @Test
    void aOneClickLinkFromTheMailCancelsOnceAndPromotesTheFirstWaiting() {
        Scenario links = Scenario.named("links");
        TestUser eva = links.employee("eva");
        TestUser otto = links.employee("otto");
        String id = links.meetup("One seat, one link", 1, List.of());
        assertEquals(
                "GOING",
                api.request("PUT", "/meetups/" + id + "/rsvp")
                        .as(eva)
                        .send()
                        .json()
                        .path("status")
                        .asText());
        assertEquals(
                "WAITLISTED",
                api.request("PUT", "/meetups/" + id + "/rsvp")
                        .as(otto)
                        .send()
                        .json()
                        .path("status")
                        .asText());
        api.awaitMails(
                id,
                List.of(eva, otto),
                Mails.include(List.of("RSVP_CONFIRMED " + eva.email(), "WAITLISTED " + otto.email())));

        String link = api.link(eva, "RSVP_CONFIRMED", id);
        assertTrue(link.startsWith(api.baseUrl() + "/links/"), link + " leads to " + api.baseUrl());
        Http.Response page = Http.request("GET", link).send();
        assertEquals(200, page.status(), page::toString);
        assertTrue(page.header("content-type").orElseThrow().startsWith("text/html"));
        assertEquals("GOING", rsvp(id, eva), "showing the page changes nothing");

        Http.Response acted = Http.request("POST", link).send();
        assertEquals(200, acted.status(), acted::toString);
        assertEquals("CANCELLED", rsvp(id, eva));
        assertEquals("GOING", rsvp(id, otto), "the seat went to the first person waiting");
        assertEquals(409, Http.request("POST", link).send().status(), "a link acts once");

        // eva's cancellation is her own second change within the mail window her confirmation opened: held
        // (one mail with the latest state when the window ends); otto's promotion is not his doing: mailed
        List<String> expected =
                List.of("RSVP_CONFIRMED " + eva.email(), "WAITLISTED " + otto.email(), "PROMOTED " + otto.email());
        List<SentMail> mails = api.awaitMails(id, List.of(eva, otto), Mails.include(expected));
        assertEquals(
                expected.stream().sorted().toList(),
                mails.stream().map(SentMail::what).sorted().toList());
        mails.stream()
                .flatMap(m -> m.links().stream())
                .forEach(url ->
                        assertTrue(url.startsWith(api.baseUrl() + "/"), url + " in a mail leads to " + api.baseUrl()));
    }

    @Test
    void aPersonalFeedListsTheirMeetupsUntilReplaced() {
        Scenario feeds = Scenario.named("feeds");
        TestUser noor = feeds.employee("noor");
        String id = feeds.meetup("In my calendar", 10, List.of());
        assertEquals(
                200,
                api.request("PUT", "/meetups/" + id + "/rsvp").as(noor).send().status());

        Http.Response ics =
                api.request("GET", "/meetups/" + id + "/calendar.ics").as(noor).send();
        assertEquals(200, ics.status(), ics::toString);
        assertTrue(ics.body().contains("UID:meetup-" + id + "@"), ics.body());

        String first = newFeedUrl(noor);
        assertTrue(first.startsWith(api.baseUrl() + "/calendar/") && first.endsWith(".ics"), first);
        Http.Response feed = Http.request("GET", first).send();
        assertEquals(200, feed.status(), feed::toString);
        assertTrue(feed.header("content-type").orElseThrow().startsWith("text/calendar"));
        assertTrue(feed.body().contains("UID:meetup-" + id + "@"), feed.body());

        String second = newFeedUrl(noor);
        assertEquals(404, Http.request("GET", first).send().status(), "a replaced feed is gone");
        assertEquals(200, Http.request("GET", second).send().status());
    }

    private String rsvp(String id, TestUser person) {
        return api.request("GET", "/meetups/" + id + "/rsvp")
                .as(person)
                .send()
                .json()
                .path("status")
                .asText();
    }

    /** Asks for a new personal feed (which replaces the one before) and returns its address. */
    private String newFeedUrl(TestUser who) {
        return api.request("POST", "/me/calendar-feed")
                .as(who)
                .send()
                .json()
                .path("url")
                .asText();
    }
}
