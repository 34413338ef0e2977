"""Backfills MEETUP#<id> / SEATS items (see tools/backfill-seats)."""

import argparse
import sys

import boto3
from botocore.exceptions import ClientError

# what the seats item copies from the meetup item, and the counters it takes over
COPIED = ["status", "rsvpDeadline", "startsAt", "capacity", "version"]
COUNTERS = ["goingCount", "waitlistCount", "waitlistSequence"]


def seats_item(meetup):
    item = {"PK": meetup["PK"], "SK": {"S": "SEATS"}}
    for name in COPIED:
        item[name] = meetup[name]
    item["attendanceClosed"] = {"BOOL": meetup.get("attendanceClosed", {}).get("BOOL", False)}
    for name in COUNTERS:
        item[name] = meetup.get(name, {"N": "0"})
    return item


def unchanged_condition(meetup):
    """The meetup item still holds the copied attributes and counters as read."""
    names, values, parts = {}, {}, []
    for i, name in enumerate(COPIED + COUNTERS + ["attendanceClosed"]):
        names[f"#a{i}"] = name
        if name in meetup:
            values[f":a{i}"] = meetup[name]
            parts.append(f"#a{i} = :a{i}")
        else:
            parts.append(f"attribute_not_exists(#a{i})")
    return " AND ".join(parts), names, values


def backfill(client, table, meetup):
    condition, names, values = unchanged_condition(meetup)
    remove = ", ".join(f"#c{i}" for i in range(len(COUNTERS)))
    names.update({f"#c{i}": name for i, name in enumerate(COUNTERS)})
    update = {
        "TableName": table,
        "Key": {"PK": meetup["PK"], "SK": meetup["SK"]},
        "UpdateExpression": "REMOVE " + remove,
        "ConditionExpression": condition,
        "ExpressionAttributeNames": names,
    }
    if values:
        update["ExpressionAttributeValues"] = values
    try:
        client.transact_write_items(
            TransactItems=[
                {
                    "Put": {
                        "TableName": table,
                        "Item": seats_item(meetup),
                        "ConditionExpression": "attribute_not_exists(PK)",
                    }
                },
                {"Update": update},
            ]
        )
        return "created"
    except ClientError as e:
        if e.response["Error"]["Code"] != "TransactionCanceledException":
            raise
        reasons = e.response.get("CancellationReasons", [])
        if reasons and reasons[0].get("Code") == "ConditionalCheckFailed":
            return "present"
        return "changed"  # the meetup changed meanwhile (or a conflict): read it again


def main(argv):
    parser = argparse.ArgumentParser(description="Backfill meetups' seats items")
    parser.add_argument("--table", required=True)
    parser.add_argument("--region")
    args = parser.parse_args(argv)
    client = boto3.client("dynamodb", region_name=args.region)
    counts = {"created": 0, "present": 0}
    # a one-off migration reads the whole table once; no request path or schedule ever scans
    for page in client.get_paginator("scan").paginate(
        TableName=args.table,
        ConsistentRead=True,
        FilterExpression="SK = :meta",
        ExpressionAttributeValues={":meta": {"S": "META"}},
    ):
        for meetup in page["Items"]:
            for _ in range(5):
                outcome = backfill(client, args.table, meetup)
                if outcome != "changed":
                    counts[outcome] += 1
                    break
                meetup = client.get_item(
                    TableName=args.table,
                    Key={"PK": meetup["PK"], "SK": meetup["SK"]},
                    ConsistentRead=True,
                )["Item"]
            else:
                print(f"{meetup['PK']['S']}: kept changing, run again", file=sys.stderr)
                return 1
    print(f"seats items created: {counts['created']}, already present: {counts['present']}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
