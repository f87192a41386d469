"""Read template.yaml in tests: a loader for CloudFormation short tags, and the preferences table as the
template defines it, so tests create the same table that deploys and the code and template cannot drift."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

REPO_ROOT = Path(__file__).resolve().parents[1]
TEMPLATE_PATH = REPO_ROOT / "template.yaml"

FUNCTION_ID = "TwitchGuideFunction"
TABLE_ID = "PreferencesTable"


class _CfnLoader(yaml.SafeLoader):
    """SafeLoader reading `!Ref x` as {"Ref": "x"} and `!Sub s` as {"Fn::Sub": s}, as CloudFormation does."""


def _construct_short_tag(loader: yaml.SafeLoader, tag_suffix: str, node: yaml.Node) -> dict[str, Any]:
    value: Any
    if isinstance(node, yaml.ScalarNode):
        value = loader.construct_scalar(node)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    elif isinstance(node, yaml.MappingNode):
        value = loader.construct_mapping(node, deep=True)
    else:
        raise yaml.constructor.ConstructorError(
            None, None, f"unexpected node for !{tag_suffix}", node.start_mark
        )
    if tag_suffix == "Ref":
        return {"Ref": value}
    if tag_suffix == "Condition":
        return {"Condition": value}
    if tag_suffix == "GetAtt" and isinstance(value, str):
        # `!GetAtt Resource.Attribute` is shorthand for the two-element list form.
        resource, _, attribute = value.partition(".")
        value = [resource, attribute]
    return {f"Fn::{tag_suffix}": value}


_CfnLoader.add_multi_constructor("!", _construct_short_tag)


def load_template(path: Path = TEMPLATE_PATH) -> dict[str, Any]:
    """Parse a CloudFormation/SAM template, short tags expanded to their long (JSON) form."""
    with path.open(encoding="utf-8") as stream:
        # A SafeLoader subclass: no arbitrary Python objects.
        document = yaml.load(stream, Loader=_CfnLoader)
    if not isinstance(document, dict):
        raise ValueError(f"{path} is not a YAML mapping")
    return document


@cache
def template() -> dict[str, Any]:
    """The repository's template.yaml, parsed once per test session (callers must not mutate it)."""
    return load_template()


def resource(logical_id: str) -> dict[str, Any]:
    """One resource of template.yaml (Type, Properties, Metadata...)."""
    resources: dict[str, Any] = template()["Resources"]
    return dict(resources[logical_id])


def function_properties(logical_id: str = FUNCTION_ID) -> dict[str, Any]:
    """A serverless function's properties as SAM deploys them: Globals.Function, then the resource's own.

    SAM merges Globals shallowly for scalars and lists (the resource wins), which is all this template uses.
    """
    merged = dict(template().get("Globals", {}).get("Function", {}))
    merged.update(resource(logical_id)["Properties"])
    return merged


def preferences_table_definition() -> dict[str, Any]:
    """Keyword arguments for boto3 `create_table`, from the template's PreferencesTable; add `TableName`.

    Example: `client.create_table(TableName="prefs", **preferences_table_definition())`.
    """
    properties = resource(TABLE_ID)["Properties"]
    return {
        "KeySchema": [dict(key) for key in properties["KeySchema"]],
        "AttributeDefinitions": [dict(attribute) for attribute in properties["AttributeDefinitions"]],
        "BillingMode": properties["BillingMode"],
    }


def ttl_attribute_name() -> str:
    """The attribute DynamoDB reads as the item's expiry time (epoch seconds), as the template declares it."""
    ttl = resource(TABLE_ID)["Properties"]["TimeToLiveSpecification"]
    if not ttl.get("Enabled"):
        raise ValueError("PreferencesTable has TimeToLiveSpecification disabled")
    return str(ttl["AttributeName"])
