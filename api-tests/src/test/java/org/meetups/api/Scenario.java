package org.meetups.api;

import java.util.List;
import java.util.Map;

/**
 * One scenario of the suite: its coordinator and the employees it names, their handles starting with
 * the scenario's name (so that no two scenarios share a person), and the meetups the coordinator creates.
 */
record Scenario(ApiTarget api, String name, TestUser coordinator) {
    /** Scenario {@code name} against this JVM's target, its coordinator signed up. */
    static Scenario named(String name) {
        ApiTarget api = ApiTarget.get();
        return new Scenario(api, name, api.user(name + "-coordinator", TestUser.Role.COORDINATOR));
    }

    TestUser employee(String handle) {
        return api.user(name + "-" + handle, TestUser.Role.EMPLOYEE);
    }

    /** {@code count} employees, their handles {@code prefix} followed by 0, 1, ... */
    List<TestUser> employees(String prefix, int count) {
        return api.employees(name + "-" + prefix, count);
    }

    /** Creates the meetup as the coordinator; returns its id. */
    String meetup(Map<String, Object> body) {
        return Meetups.create(api, coordinator, body);
    }

    /** A meetup 30 days ahead; returns its id. */
    String meetup(String title, int capacity, List<Map<String, Object>> roles) {
        return Meetups.create(api, coordinator, title, capacity, roles);
    }
}
