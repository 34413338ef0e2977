package org.meetups.local;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The template's Schedule (EventBridge rule) and ScheduleV2 (EventBridge Scheduler) events, firing
 * their functions on their expressions: {@code rate(5 minutes)}, {@code cron(0 9 ? * MON *)} in the
 * schedule's time zone, {@code at(2027-01-01T09:00:00)}. Any of them can also be fired at once.
 */
public final class Schedules implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern RATE =
            Pattern.compile("rate\\(\\s*(\\d+)\\s+(minute|minutes|hour|hours|day|days)\\s*\\)");
    private static final Pattern CRON = Pattern.compile("cron\\((.*)\\)");
    private static final Pattern AT = Pattern.compile("at\\((\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2})\\)");
    // EventBridge's cron is Quartz's without the seconds field: minutes hours day-of-month month day-of-week year
    private static final CronParser QUARTZ =
            new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.QUARTZ));

    /** One schedule of the template: {@code kind} is Schedule or ScheduleV2. */
    public record Schedule(
            String id,
            String function,
            String kind,
            String expression,
            ZoneId zone,
            String input,
            boolean enabled,
            String arn) {

        /** The first firing strictly after {@code after}, if any. {@code rate} counts from {@code origin}. */
        public Optional<Instant> nextAfter(Instant after, Instant origin) {
            Matcher rate = RATE.matcher(expression.strip());
            if (rate.matches()) {
                Duration every = Duration.of(
                        Long.parseLong(rate.group(1)),
                        switch (rate.group(2).charAt(0)) {
                            case 'm' -> ChronoUnit.MINUTES;
                            case 'h' -> ChronoUnit.HOURS;
                            default -> ChronoUnit.DAYS;
                        });
                long periods = Math.max(0, Duration.between(origin, after).toMillis() / every.toMillis()) + 1;
                return Optional.of(origin.plus(every.multipliedBy(periods)));
            }
            Matcher cron = CRON.matcher(expression.strip());
            if (cron.matches()) {
                ExecutionTime times =
                        ExecutionTime.forCron(QUARTZ.parse("0 " + cron.group(1).strip()));
                return times.nextExecution(after.atZone(zone)).map(ZonedDateTime::toInstant);
            }
            Matcher at = AT.matcher(expression.strip());
            if (at.matches()) {
                Instant when = LocalDateTime.parse(at.group(1)).atZone(zone).toInstant();
                return when.isAfter(after) ? Optional.of(when) : Optional.empty();
            }
            throw new IllegalArgumentException("unsupported schedule expression " + expression);
        }

        /** The event the function gets, as EventBridge (rule) or EventBridge Scheduler sends it. */
        public byte[] event(Instant scheduledTime, String region, String account) {
            String time = scheduledTime.truncatedTo(ChronoUnit.SECONDS).toString();
            if (input != null) {
                String payload = kind.equals("ScheduleV2")
                        ? input.replace("<aws.scheduler.schedule-arn>", arn)
                                .replace("<aws.scheduler.scheduled-time>", time)
                                .replace(
                                        "<aws.scheduler.execution-id>",
                                        UUID.randomUUID().toString())
                                .replace("<aws.scheduler.attempt-number>", "1")
                        : input;
                return payload.getBytes(StandardCharsets.UTF_8);
            }
            if (kind.equals("ScheduleV2")) {
                return "{}".getBytes(StandardCharsets.UTF_8);
            }
            ObjectNode event = JSON.createObjectNode();
            event.put("version", "0");
            event.put("id", UUID.randomUUID().toString());
            event.put("detail-type", "Scheduled Event");
            event.put("source", "aws.events");
            event.put("account", account);
            event.put("time", time);
            event.put("region", region);
            event.putArray("resources").add(arn);
            event.putObject("detail");
            return event.toString().getBytes(StandardCharsets.UTF_8);
        }
    }

    private final List<Schedule> schedules;
    private final Function<String, LambdaFunction> functions;
    private final String region;
    private final String account;
    private final Instant origin = Instant.now();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "schedules");
        t.setDaemon(true);
        return t;
    });

    public Schedules(
            List<Schedule> schedules, Function<String, LambdaFunction> functions, String region, String account) {
        this.schedules = List.copyOf(schedules);
        this.functions = functions;
        this.region = region;
        this.account = account;
    }

    public List<Schedule> all() {
        return schedules;
    }

    public void start() {
        for (Schedule schedule : schedules) {
            if (schedule.enabled()) {
                planNext(schedule, Instant.now());
            }
        }
    }

    public Optional<Instant> next(Schedule schedule) {
        return schedule.enabled() ? schedule.nextAfter(Instant.now(), origin) : Optional.empty();
    }

    private void planNext(Schedule schedule, Instant after) {
        schedule.nextAfter(after, origin).ifPresent(when -> {
            // nobody waits for a tick: fire reports its own failures, and the next tick is planned either way
            Future<?> unused = timer.schedule(
                    () -> {
                        try {
                            fire(schedule, when, "on schedule");
                        } finally {
                            planNext(schedule, when);
                        }
                    },
                    Math.max(0, Duration.between(Instant.now(), when).toMillis()),
                    TimeUnit.MILLISECONDS);
        });
    }

    /** Invokes the schedule's function now; returns the function's result as text. */
    public String fire(Schedule schedule, Instant scheduledTime, String why) {
        long started = System.nanoTime();
        try {
            byte[] result = functions.apply(schedule.function()).invoke(schedule.event(scheduledTime, region, account));
            System.out.printf(
                    "%s SCHEDULE %s -> %s ok %dms (%s)%n",
                    Instant.now().toString().substring(11, 23),
                    schedule.id(),
                    schedule.function(),
                    (System.nanoTime() - started) / 1_000_000,
                    why);
            return new String(result, StandardCharsets.UTF_8);
        } catch (LambdaFunction.FunctionError e) {
            // EventBridge retries asynchronous invocations; locally the next tick (or a manual trigger) does
            System.out.printf(
                    "%s SCHEDULE %s -> %s FUNCTION ERROR %s%n",
                    Instant.now().toString().substring(11, 23), schedule.id(), schedule.function(), e.getMessage());
            e.getCause().printStackTrace();
            throw e;
        }
    }

    public Optional<Schedule> find(String id) {
        return schedules.stream().filter(s -> s.id().equalsIgnoreCase(id)).findFirst();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    /** Parses the template's schedule event properties; throws on an expression it cannot fire. */
    static Schedule of(
            String function,
            String event,
            String kind,
            String expression,
            String timezone,
            String input,
            boolean enabled,
            String region,
            String account) {
        ZoneId zone = kind.equals("ScheduleV2") && timezone != null && !timezone.isBlank()
                ? ZoneId.of(timezone)
                : ZoneOffset.UTC;
        String arn = kind.equals("ScheduleV2")
                ? "arn:aws:scheduler:" + region + ":" + account + ":schedule/default/" + function + "-" + event
                : "arn:aws:events:" + region + ":" + account + ":rule/" + function + "-" + event;
        Schedule schedule =
                new Schedule(function + "." + event, function, kind, expression.strip(), zone, input, enabled, arn);
        schedule.nextAfter(Instant.now(), Instant.now());
        return schedule;
    }
}
