"""Prints the CloudFormation template the SAM transform makes of a SAM template (as JSON).

cfn-lint checks the SAM template as it is written; CloudFormation deploys what the transform
makes of it, where for example an HTTP API's definition refers to every function it invokes,
so a function whose environment refers to that API would be a dependency cycle. Linting the
transformed template catches that. Local CodeUris become placeholders (the transform wants S3
locations); parameters take their defaults. Usage: python sam_transform.py template.yaml
"""
import json
import os
import sys

from cfnlint.decode import decode
from samtranslator.translator.transform import transform


class NoManagedPolicies:
    def load(self):
        return {}


def main():
    template, errors = decode(sys.argv[1])
    if errors:
        sys.exit("cannot read %s: %s" % (sys.argv[1], errors))
    for resource in template.get("Resources", {}).values():
        properties = resource.get("Properties") or {}
        if resource.get("Type") == "AWS::Serverless::Function" and isinstance(properties.get("CodeUri"), str):
            properties["CodeUri"] = "s3://placeholder/" + properties["CodeUri"].strip("/").replace("/", "-") + ".zip"
    os.environ.setdefault("AWS_DEFAULT_REGION", "eu-west-1")
    json.dump(transform(template, {}, NoManagedPolicies()), sys.stdout, indent=1)


if __name__ == "__main__":
    main()
