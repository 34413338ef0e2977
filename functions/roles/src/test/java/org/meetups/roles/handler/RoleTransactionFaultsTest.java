package org.meetups.roles.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.meetups.testing.ApiResult;
import org.meetups.testing.FaultInjector;

/** Transaction conflicts injected into the SDK's pipeline: taking and releasing a role retry them, written once. */
class RoleTransactionFaultsTest {
    static final RolesTestSupport roles = new RolesTestSupport();

    @BeforeEach
    @AfterEach
    void healthy() {
        FaultInjector.clear();
    }

    @Test
    void takingAndReleasingARoleRetryConflictsAndWriteOnce() {
        String id = roles.meetup("host:2:1");
        FaultInjector.fail(FaultInjector.DYNAMODB, "TransactWriteItems", 2, FaultInjector::transactionConflict);
        ApiResult taken = roles.volunteer(id, "host", RolesTestSupport.user(1));
        assertEquals(201, taken.status(), taken::toString);
        assertEquals(3, FaultInjector.attempts(FaultInjector.DYNAMODB, "TransactWriteItems"));
        roles.assertCountsMatchItems(id);
        assertEquals(1, roles.stored(id).roles().get("host").filled());

        FaultInjector.clear();
        FaultInjector.fail(FaultInjector.DYNAMODB, "TransactWriteItems", 2, FaultInjector::transactionConflict);
        assertEquals(204, roles.withdraw(id, "host", RolesTestSupport.user(1)).status());
        assertEquals(3, FaultInjector.attempts(FaultInjector.DYNAMODB, "TransactWriteItems"));
        roles.assertCountsMatchItems(id);
        assertEquals(0, roles.stored(id).roles().get("host").filled());
    }
}
