package org.meetups.involvement.mail;

import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.meetups.directory.Directory;
import org.meetups.involvement.domain.MonthlyChart;
import org.meetups.mail.Messages;
import org.meetups.mail.OutgoingMail;
import org.meetups.mail.Templates;

/**
 * One manager's monthly involvement mail: the department's chart as an SVG image part the HTML shows
 * through {@code cid:} (mail clients that block SVG inside HTML still show a related image part), and
 * the same figures as a table in both the HTML and the text part, for readers who cannot see the picture.
 */
public final class MonthlyMails {
    public static final String KIND = "INVOLVEMENT_MONTHLY";
    static final String CHART_ID = "involvement-chart";
    /** Plot geometry of chart.svg.mustache: baseline, left edge, slot and bar widths. */
    private static final int BASELINE = 210;

    private static final int LEFT = 40;
    private static final int SLOT = 48;
    private static final int BAR = 32;

    public OutgoingMail compose(MonthlyChart chart, YearMonth month, Directory.Entry to, String language) {
        Messages texts = Messages.of(language);
        Templates plain = Templates.text();
        Locale locale = Locale.forLanguageTag(language);
        DateTimeFormatter monthName = DateTimeFormatter.ofPattern(texts.get(KIND + ".month.pattern"), locale);
        DateTimeFormatter shortName = DateTimeFormatter.ofPattern(texts.get(KIND + ".month.short"), locale);
        String name = to.name() == null || to.name().isBlank() ? to.email() : to.name();
        Map<String, Object> values =
                Map.of("department", chart.department(), "month", monthName.format(month), "name", name);

        String subject = plain.snippet(texts.get(KIND + ".subject"), values);
        Map<String, Object> page = new HashMap<>();
        page.put("lang", language);
        page.put("subject", subject);
        page.put("greeting", plain.snippet(texts.get("greeting"), values));
        page.put("intro", plain.snippet(texts.get(KIND + ".intro"), values));
        page.put("chartId", CHART_ID);
        page.put("chartAlt", plain.snippet(texts.get(KIND + ".chart.alt"), values));
        page.put(
                "columns",
                List.of(
                        texts.get(KIND + ".month"),
                        texts.get(KIND + ".activities"),
                        texts.get(KIND + ".involved"),
                        texts.get(KIND + ".participation")));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (MonthlyChart.Month m : chart.months()) {
            rows.add(Map.of(
                    "month",
                    monthName.format(m.month()),
                    "activities",
                    m.activities(),
                    "involved",
                    m.involved(),
                    "participation",
                    m.participation() == null ? "-" : m.participation() + "%"));
        }
        page.put("rows", rows);
        String target = chart.targetPerMonth() == null ? null : format(chart.targetPerMonth());
        page.put(
                "targetLine",
                target == null
                        ? plain.snippet(texts.get(KIND + ".target.none"), values)
                        : plain.snippet(
                                texts.get(KIND + ".target"),
                                Map.of(
                                        "target",
                                        target,
                                        "perQuarter",
                                        format(chart.targetPerMonth() * 3 / chart.headcount()),
                                        "headcount",
                                        chart.headcount())));
        page.put("footer", plain.snippet(texts.get(KIND + ".footer"), values));

        String svg = Templates.html()
                .file("involvement/chart.svg.mustache", chartScope(chart, texts, shortName, target, values));
        return OutgoingMail.rendered(KIND, language, to.email(), name, subject, "involvement/monthly", page)
                .withImages(List.of(new OutgoingMail.InlineImage(
                        CHART_ID,
                        "image/svg+xml",
                        "involvement-" + month + ".svg",
                        svg.getBytes(StandardCharsets.UTF_8))));
    }

    /** The chart template's numbers: each bar's place and height (from {@link MonthlyChart}), the target line. */
    private static Map<String, Object> chartScope(
            MonthlyChart chart,
            Messages texts,
            DateTimeFormatter shortName,
            String target,
            Map<String, Object> values) {
        Map<String, Object> scope = new HashMap<>();
        scope.put("title", Templates.text().snippet(texts.get(KIND + ".chart"), values));
        scope.put("baseline", BASELINE);
        List<Map<String, Object>> bars = new ArrayList<>();
        int i = 0;
        for (MonthlyChart.Month m : chart.months()) {
            int height = chart.barHeight(m);
            int x = LEFT + i * SLOT + (SLOT - BAR) / 2;
            Map<String, Object> bar = new HashMap<>();
            bar.put("month", m.month().toString());
            bar.put("value", m.activities());
            bar.put("x", x);
            bar.put("y", BASELINE - height);
            bar.put("width", BAR);
            bar.put("height", height);
            bar.put("middle", x + BAR / 2);
            bar.put("valueY", BASELINE - height - 4);
            bar.put("labelY", BASELINE + 16);
            bar.put("label", shortName.format(m.month()));
            bars.add(bar);
            i++;
        }
        scope.put("bars", bars);
        Integer targetHeight = chart.targetHeight();
        if (targetHeight != null) {
            scope.put(
                    "target",
                    Map.of(
                            "y",
                            BASELINE - targetHeight,
                            "labelY",
                            BASELINE - targetHeight - 4,
                            "value",
                            target,
                            "label",
                            Templates.text().snippet(texts.get(KIND + ".target.label"), Map.of("target", target))));
        }
        return scope;
    }

    /** At most one decimal, no trailing zero. */
    private static String format(double value) {
        double rounded = Math.round(value * 10) / 10.0;
        return rounded == Math.rint(rounded) ? Long.toString((long) rounded) : Double.toString(rounded);
    }
}
