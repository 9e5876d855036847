"""Translates a SAM template to CloudFormation offline, as `sam deploy` would before CloudFormation sees it.

usage: python3 sam-translate.py TEMPLATE  -> the CloudFormation template as JSON on stdout (exit 0), or the
translator's errors on stderr (exit 1). Local CodeUri paths are rewritten to s3:// first (what `sam package`
uploads them to); the managed-policy loader answers nothing, since no AWS account is asked.
"""
import json
import os
import sys

os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")

from samtranslator.public.exceptions import InvalidDocumentException  # noqa: E402
from samtranslator.translator.transform import transform  # noqa: E402
from samtranslator.yaml_helper import yaml_parse  # noqa: E402


class NoManagedPolicies:
    def load(self):
        return {}


def to_s3(code_uri):
    if isinstance(code_uri, str) and not code_uri.startswith("s3://"):
        return "s3://sam-package-bucket/" + os.path.basename(code_uri)
    return code_uri


def main(path):
    with open(path, encoding="utf-8") as f:
        template = yaml_parse(f.read())
    function_globals = template.get("Globals", {}).get("Function", {})
    if "CodeUri" in function_globals:
        function_globals["CodeUri"] = to_s3(function_globals["CodeUri"])
    for resource in template.get("Resources", {}).values():
        properties = resource.get("Properties") or {}
        if resource.get("Type") == "AWS::Serverless::Function" and "CodeUri" in properties:
            properties["CodeUri"] = to_s3(properties["CodeUri"])
    try:
        translated = transform(template, {}, NoManagedPolicies())
    except InvalidDocumentException as e:
        for cause in e.causes:
            print(cause.message, file=sys.stderr)
        return 1
    json.dump(translated, sys.stdout, indent=1, sort_keys=True, default=str)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
