"""The hello world with the ASK SDK's DynamoDB persistence adapter: launch reads and saves a visit count.

Needs ask-sdk-dynamodb-persistence-adapter; the table name comes from PREFERENCES_TABLE, as in the skill.
"""

import os

import boto3
from ask_sdk_core.dispatch_components import AbstractRequestHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.skill_builder import CustomSkillBuilder
from ask_sdk_core.utils import is_intent_name, is_request_type
from ask_sdk_dynamodb.adapter import DynamoDbAdapter
from ask_sdk_model import Response

# Module level, as the ASK samples do: one resource per container, reused while it stays warm.
dynamodb_resource = boto3.resource("dynamodb")


class LaunchRequestHandler(AbstractRequestHandler):
    def can_handle(self, handler_input: HandlerInput) -> bool:
        return bool(is_request_type("LaunchRequest")(handler_input))

    def handle(self, handler_input: HandlerInput) -> Response:
        manager = handler_input.attributes_manager
        visits = int(manager.persistent_attributes.get("visits", 0)) + 1
        manager.persistent_attributes = {"visits": visits}
        manager.save_persistent_attributes()
        speech = "Welcome. You can say hello to me."
        return handler_input.response_builder.speak(speech).ask(speech).response


class HelloWorldIntentHandler(AbstractRequestHandler):
    def can_handle(self, handler_input: HandlerInput) -> bool:
        return bool(is_intent_name("HelloWorldIntent")(handler_input))

    def handle(self, handler_input: HandlerInput) -> Response:
        return handler_input.response_builder.speak("Hello world!").set_should_end_session(True).response


sb = CustomSkillBuilder(
    persistence_adapter=DynamoDbAdapter(
        table_name=os.environ["PREFERENCES_TABLE"], dynamodb_resource=dynamodb_resource
    )
)
sb.add_request_handler(LaunchRequestHandler())
sb.add_request_handler(HelloWorldIntentHandler())

lambda_handler = sb.lambda_handler()
