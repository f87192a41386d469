"""template.yaml keeps its promises: runtime, Alexa trigger, least privilege, safe table, log retention."""

from __future__ import annotations

import ast
import re
from typing import Any

import boto3
import pytest
from moto import mock_aws

from template_support import (
    FUNCTION_ID,
    REPO_ROOT,
    TABLE_ID,
    function_properties,
    preferences_table_definition,
    resource,
    template,
    ttl_attribute_name,
)

ROLE_ID = "TwitchGuideFunctionRole"
LOG_GROUP_ID = "TwitchGuideLogGroup"
ALEXA_TIMEOUT_SECONDS = 8
DYNAMODB_ITEM_ACTIONS = {"dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem"}
LOG_WRITE_ACTIONS = {"logs:CreateLogStream", "logs:PutLogEvents"}


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def _role_statements() -> list[dict[str, Any]]:
    """Every statement of the function role's inline policies."""
    statements: list[dict[str, Any]] = []
    for policy in resource(ROLE_ID)["Properties"]["Policies"]:
        statements.extend(policy["PolicyDocument"]["Statement"])
    return statements


def _parameter_default(value: Any) -> Any:
    """A literal, or the default of the parameter it refers to."""
    if isinstance(value, dict) and set(value) == {"Ref"}:
        return template()["Parameters"][value["Ref"]]["Default"]
    return value


# --- runtime and build ---------------------------------------------------------------------------------


def test_runtime_is_python313_on_arm64_built_by_makefile() -> None:
    properties = function_properties()
    assert properties["Runtime"] == "python3.13"
    assert properties["Architectures"] == ["arm64"]
    assert properties["CodeUri"].rstrip("/") == "lambda"
    assert resource(FUNCTION_ID)["Metadata"]["BuildMethod"] == "makefile"


def test_makefile_builds_this_function_for_this_runtime() -> None:
    # SAM runs `make build-<LogicalId>`; the wheels must match the runtime's Python and CPU.
    makefile = (REPO_ROOT / "lambda" / "Makefile").read_text(encoding="utf-8")
    assert re.search(rf"^build-{FUNCTION_ID}:", makefile, re.MULTILINE)
    version = function_properties()["Runtime"].removeprefix("python")
    assert f"--python-version {version}" in makefile
    assert "--platform manylinux2014_aarch64" in makefile
    assert "--only-binary=:all:" in makefile


def test_handler_names_a_module_and_function_that_exist() -> None:
    module_name, _, function_name = function_properties()["Handler"].rpartition(".")
    code_dir = REPO_ROOT / function_properties()["CodeUri"]
    module_path = code_dir / f"{module_name.replace('.', '/')}.py"
    assert module_path.is_file(), f"the Handler's module {module_path.relative_to(REPO_ROOT)} does not exist"
    tree = ast.parse(module_path.read_text(encoding="utf-8"))
    defined = set()
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and len(node.args.args) == 2:
            defined.add(node.name)  # def handler(event, context)
        elif isinstance(node, ast.Assign):  # handler = skill.lambda_handler()
            defined.update(target.id for target in node.targets if isinstance(target, ast.Name))
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            defined.add(node.target.id)
    assert function_name in defined, (
        f"{module_path.name} defines no top-level {function_name}(event, context)"
    )


def test_timeout_is_under_alexas_wait() -> None:
    assert 1 <= function_properties()["Timeout"] < ALEXA_TIMEOUT_SECONDS


# --- the Alexa trigger and the skill ID ----------------------------------------------------------------


def test_only_the_configured_skill_can_invoke_the_function() -> None:
    events = function_properties()["Events"]
    assert [event["Type"] for event in events.values()] == ["AlexaSkill"]
    (event,) = events.values()
    # Without SkillId, SAM's permission would let any Alexa skill invoke the function.
    assert event["Properties"]["SkillId"] == {"Ref": "SkillId"}


def test_skill_id_reaches_the_code() -> None:
    assert function_properties()["Environment"]["Variables"]["SKILL_ID"] == {"Ref": "SkillId"}


@pytest.mark.parametrize(
    ("skill_id", "accepted"),
    [
        ("amzn1.ask.skill.0f3c5e2a-9b1d-4c7e-8a6f-2d4b6c8e0a1b", True),
        ("amzn1.ask.skill.0f3c5e2a-9b1d-4c7e-8a6f", False),
        ("amzn1.ask.skill.0f3c5e2a-9b1d-4c7e-8a6f-2d4b6c8e0a1b ", False),
        ("amzn1-ask-skill-0f3c5e2a-9b1d-4c7e-8a6f-2d4b6c8e0a1b", False),
        ("amzn1.echo-sdk-ams.app.0f3c5e2a-9b1d-4c7e-8a6f-2d4b6c8e0a1b", False),
        ("", False),
    ],
)
def test_skill_id_parameter_accepts_only_skill_ids(skill_id: str, accepted: bool) -> None:
    parameter = template()["Parameters"]["SkillId"]
    assert "Default" not in parameter  # a deploy must name its skill
    # CloudFormation matches AllowedPattern against the whole value.
    assert (re.fullmatch(parameter["AllowedPattern"], skill_id) is not None) is accepted


# --- least privilege ------------------------------------------------------------------------------------


def test_function_uses_the_templates_own_role_with_no_managed_policies() -> None:
    properties = function_properties()
    assert properties["Role"] == {"Fn::GetAtt": [ROLE_ID, "Arn"]}
    # SAM would add policies (and AWSLambdaBasicExecutionRole) to a role it generates, not to ours.
    assert "Policies" not in properties
    role = resource(ROLE_ID)["Properties"]
    assert "ManagedPolicyArns" not in role
    (trust,) = role["AssumeRolePolicyDocument"]["Statement"]
    assert trust["Principal"] == {"Service": "lambda.amazonaws.com"}


def test_role_reaches_only_the_table_items_and_its_own_log_group() -> None:
    table_arn = {"Fn::GetAtt": [TABLE_ID, "Arn"]}
    log_group_arn = {"Fn::GetAtt": [LOG_GROUP_ID, "Arn"]}
    statements = _role_statements()
    assert statements
    granted: set[str] = set()
    for statement in statements:
        assert statement["Effect"] == "Allow"
        assert "NotAction" not in statement
        assert "NotResource" not in statement
        actions = set(_as_list(statement["Action"]))
        resources = _as_list(statement["Resource"])
        assert not any("*" in action for action in actions), actions
        assert "*" not in resources
        if any(action.startswith("dynamodb:") for action in actions):
            assert actions <= DYNAMODB_ITEM_ACTIONS, actions
            assert resources == [table_arn]
        else:
            assert actions <= LOG_WRITE_ACTIONS, actions
            assert resources == [log_group_arn]
        granted |= actions
    # Everything the skill needs, and nothing more: "forget me" needs DeleteItem.
    assert granted == DYNAMODB_ITEM_ACTIONS | LOG_WRITE_ACTIONS


# --- the preferences table ------------------------------------------------------------------------------


def test_table_is_encrypted_recoverable_and_expires_items() -> None:
    properties = resource(TABLE_ID)["Properties"]
    assert resource(TABLE_ID)["Type"] == "AWS::DynamoDB::Table"
    assert properties["SSESpecification"]["SSEEnabled"] is True
    assert properties["PointInTimeRecoverySpecification"]["PointInTimeRecoveryEnabled"] is True
    assert properties["TimeToLiveSpecification"] == {"AttributeName": "expiresAt", "Enabled": True}
    assert ttl_attribute_name() == "expiresAt"
    assert properties["BillingMode"] == "PAY_PER_REQUEST"


def test_table_definition_is_keyed_by_id_string() -> None:
    definition = preferences_table_definition()
    assert definition["KeySchema"] == [{"AttributeName": "id", "KeyType": "HASH"}]
    assert definition["AttributeDefinitions"] == [{"AttributeName": "id", "AttributeType": "S"}]
    assert "TableName" not in definition


def test_function_is_told_the_table_name() -> None:
    variables = function_properties()["Environment"]["Variables"]
    assert variables["PREFERENCES_TABLE"] == {"Ref": TABLE_ID}
    assert _parameter_default(variables["LOG_LEVEL"]) == "INFO"


def test_a_moto_table_can_be_created_from_the_template(monkeypatch: pytest.MonkeyPatch) -> None:
    # Fake credentials and no metadata probe: nothing here may reach AWS.
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.delenv("AWS_SESSION_TOKEN", raising=False)
    monkeypatch.delenv("AWS_PROFILE", raising=False)
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    with mock_aws():
        client = boto3.client("dynamodb", region_name="us-east-1")
        client.create_table(TableName="preferences", **preferences_table_definition())
        client.update_time_to_live(
            TableName="preferences",
            TimeToLiveSpecification={"AttributeName": ttl_attribute_name(), "Enabled": True},
        )
        item = {"id": {"S": "amzn1.ask.account.TEST"}, ttl_attribute_name(): {"N": "4102444800"}}
        client.put_item(TableName="preferences", Item=item)

        assert client.get_item(TableName="preferences", Key={"id": item["id"]})["Item"] == item
        ttl = client.describe_time_to_live(TableName="preferences")["TimeToLiveDescription"]
        assert ttl == {"TimeToLiveStatus": "ENABLED", "AttributeName": "expiresAt"}


# --- logs -----------------------------------------------------------------------------------------------


def test_function_logs_to_its_own_group_with_a_retention() -> None:
    logging_config = function_properties()["LoggingConfig"]
    assert logging_config["LogGroup"] == {"Ref": LOG_GROUP_ID}
    log_group = resource(LOG_GROUP_ID)
    assert log_group["Type"] == "AWS::Logs::LogGroup"
    retention = _parameter_default(log_group["Properties"]["RetentionInDays"])
    assert isinstance(retention, int)
    assert 1 <= retention <= 365


# --- outputs --------------------------------------------------------------------------------------------


def test_outputs_give_the_endpoint_and_the_table() -> None:
    outputs = template()["Outputs"]
    values = [output["Value"] for output in outputs.values()]
    assert {"Fn::GetAtt": [FUNCTION_ID, "Arn"]} in values
    assert {"Ref": TABLE_ID} in values
