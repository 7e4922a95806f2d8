"""A fake Telegram Bot API server on 127.0.0.1 for the real ``Application`` to talk to.

It keeps the chats in memory, hands out updates through long polling (``getUpdates`` with
offset and timeout), records what the bot sends, and refuses what Telegram refuses: text
over 4096 characters, callback data over 64 bytes, HTML that does not parse. It can also
answer a call with 429 Too Many Requests and a ``retry_after``, answer a chat's calls
slowly (``slow``), or fail them with another error (``fail``).
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl

import tornado.httpserver
import tornado.netutil
import tornado.web
from telegram_html import EntityError, parse_html

TOKEN = "123456789:TEST-token-for-the-fake-api"
BOT = {
    "id": 123456789,
    "is_bot": True,
    "first_name": "Newsprov",
    "username": "newsprov_test_bot",
    "can_join_groups": True,
    "can_read_all_group_messages": True,
    "supports_inline_queries": True,
}
MAX_TEXT = 4096
MAX_CALLBACK_DATA = 64
MAX_INLINE_RESULTS = 50
MAX_RESULT_ID = 64  # bytes

JSON = dict[str, Any]


class ApiError(Exception):
    def __init__(self, code: int, description: str, parameters: JSON | None = None) -> None:
        super().__init__(description)
        self.code = code
        self.description = description
        self.parameters = parameters


def utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def text_entities(text: str) -> list[JSON]:
    """The entities Telegram's clients attach to typed text: bot commands and @mentions."""
    entities = []
    position = 0
    for word in text.split(" "):
        stripped = word.strip()
        if stripped and ((position == 0 and stripped.startswith("/")) or stripped.startswith("@")):
            kind = "bot_command" if stripped.startswith("/") else "mention"
            offset = utf16_length(text[: position + word.index(stripped)])
            entities.append({"type": kind, "offset": offset, "length": utf16_length(stripped)})
        position += len(word) + 1
    return entities


@dataclass
class Throttle:
    method: str
    retry_after: int
    times: int


@dataclass
class Slowdown:
    method: str
    seconds: float
    chat_id: int | None  # None: every chat


@dataclass
class Failure:
    method: str
    code: int
    description: str
    times: int


@dataclass
class FakeBotApi:
    token: str = TOKEN
    updates: list[JSON] = field(default_factory=list)
    calls: list[tuple[str, JSON]] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)  # (method, description)
    messages: dict[tuple[int, int], JSON] = field(default_factory=dict)  # everything in chats
    sent: list[JSON] = field(default_factory=list)  # what the bot sent, in order
    edits: list[JSON] = field(default_factory=list)
    inline_answers: list[JSON] = field(default_factory=list)  # answerInlineQuery calls, checked
    commands: dict[str, list[JSON]] = field(default_factory=dict)  # scope -> commands
    throttles: list[Throttle] = field(default_factory=list)
    slowdowns: list[Slowdown] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._ids = itertools.count(1)
        self._message_ids = itertools.count(1000)
        self._changed = asyncio.Condition()
        self._read: dict[int, int] = {}  # chat id -> how many of its bot messages were read
        self._server: tornado.httpserver.HTTPServer | None = None
        self.base_url = ""
        self.webhook: JSON | None = None
        self._closing = False
        self._inline_queries: set[str] = set()

    # The server

    async def start(self) -> str:
        app = tornado.web.Application([(r"/bot([^/]+)/(\w+)", _MethodHandler, {"api": self})])
        sockets = tornado.netutil.bind_sockets(0, "127.0.0.1")
        self._server = tornado.httpserver.HTTPServer(app)
        self._server.add_sockets(sockets)
        port = sockets[0].getsockname()[1]
        self.base_url = f"http://127.0.0.1:{port}"
        return self.base_url

    async def stop(self) -> None:
        if self._server is not None:
            self._server.stop()
            self._closing = True  # pending long polls return at once
            await self._notify()
            await asyncio.sleep(0.05)
            await self._server.close_all_connections()

    async def _notify(self) -> None:
        async with self._changed:
            self._changed.notify_all()

    async def wait_until(self, predicate: Callable[[], Any], *, within: float = 10.0) -> Any:
        """Wait until ``predicate()`` is truthy and return it (AssertionError on timeout)."""

        async def loop() -> Any:
            async with self._changed:
                while not (result := predicate()):
                    # Woken by every change; the short timeout also notices other events.
                    with contextlib.suppress(TimeoutError):
                        await asyncio.wait_for(self._changed.wait(), 0.05)
                return result

        try:
            return await asyncio.wait_for(loop(), within)
        except TimeoutError:
            raise AssertionError(f"gave up waiting after {within}s; sent: {self.sent}") from None

    # Driving the bot, as Telegram's users would

    def push(self, update: JSON) -> JSON:
        update = {"update_id": next(self._ids), **update}
        self.updates.append(update)
        asyncio.get_running_loop().create_task(self._notify())
        return update

    def user(self, user_id: int, name: str = "Ada") -> JSON:
        return {"id": user_id, "is_bot": False, "first_name": name, "username": f"user{user_id}"}

    def private_chat(self, user_id: int) -> JSON:
        return {"id": user_id, "type": "private", "first_name": "Ada"}

    def group_chat(self, chat_id: int = -1001) -> JSON:
        return {"id": chat_id, "type": "supergroup", "title": "Newsroom"}

    def send(
        self,
        text: str,
        *,
        user_id: int = 501,
        chat: JSON | None = None,
        reply_to: JSON | None = None,
        **extra: Any,
    ) -> JSON:
        """A user sends ``text`` (in a private chat unless ``chat`` is given), fetched by the
        bot through ``getUpdates``."""
        message = self.message(text, user_id=user_id, chat=chat, reply_to=reply_to, **extra)
        self.push({"message": message})
        return message

    def message(
        self,
        text: str,
        *,
        user_id: int = 501,
        chat: JSON | None = None,
        reply_to: JSON | None = None,
        **extra: Any,
    ) -> JSON:
        """A message from a user, known to the chats but not queued as an update."""
        chat = chat or self.private_chat(user_id)
        message: JSON = {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": chat,
            "from": self.user(user_id),
            "text": text,
            **extra,
        }
        if entities := text_entities(text):
            message["entities"] = entities
        if reply_to is not None:
            message["reply_to_message"] = reply_to
        self.messages[(chat["id"], message["message_id"])] = message
        return message

    def forward_channel_post(
        self,
        text: str,
        *,
        channel_title: str,
        channel_username: str | None,
        post_id: int,
        posted: int,
        user_id: int = 501,
    ) -> JSON:
        channel = {"id": -1002000000001, "type": "channel", "title": channel_title}
        if channel_username:
            channel["username"] = channel_username
        origin = {"type": "channel", "chat": channel, "message_id": post_id, "date": posted}
        return self.send(text, user_id=user_id, forward_origin=origin)

    def press(self, message: JSON, data: str, *, user_id: int = 501) -> JSON:
        """A user presses the inline button with ``data`` under the bot's ``message``."""
        current = self.messages[(message["chat"]["id"], message["message_id"])]
        query = {
            "id": str(next(self._ids)),
            "from": self.user(user_id),
            "chat_instance": "fake-instance",
            "data": data,
            "message": current,
        }
        return self.push({"callback_query": query})

    def inline_query(self, query: str, *, user_id: int = 501) -> JSON:
        """A user types ``@bot query`` in some chat; the bot is to call answerInlineQuery."""
        inline = {
            "id": str(next(self._ids)),
            "from": self.user(user_id),
            "query": query,
            "offset": "",
            "chat_type": "supergroup",
        }
        self._inline_queries.add(inline["id"])
        self.push({"inline_query": inline})
        return inline

    async def inline_answer(self, query: JSON, *, within: float = 15.0) -> JSON:
        """What the bot answered to ``query`` (its results, each with the message it sends)."""

        def answered() -> JSON | None:
            found = [a for a in self.inline_answers if a["inline_query_id"] == query["id"]]
            return found[0] if found else None

        return await self.wait_until(answered, within=within)  # type: ignore[no-any-return]

    async def next_reply(self, chat_id: int, *, within: float = 15.0) -> JSON:
        """The next message the bot sends to ``chat_id`` that the test has not read yet."""

        def unread() -> JSON | None:
            mine = [m for m in self.sent if m["chat"]["id"] == chat_id]
            if len(mine) > self._read.get(chat_id, 0):
                return mine[self._read.get(chat_id, 0)]
            return None

        reply = await self.wait_until(unread, within=within)
        self._read[chat_id] = self._read.get(chat_id, 0) + 1
        return reply  # type: ignore[no-any-return]

    def unread(self, chat_id: int) -> list[JSON]:
        mine = [m for m in self.sent if m["chat"]["id"] == chat_id]
        return mine[self._read.get(chat_id, 0) :]

    async def settle(self) -> None:
        """Wait until the bot has fetched every update pushed so far and had time to act."""
        last = self.updates[-1]["update_id"] if self.updates else 0
        await self.wait_until(lambda: self._confirmed >= last)
        await asyncio.sleep(0.3)

    _confirmed = 0

    def refusals(self, *methods: str) -> list[tuple[str, str]]:
        """The calls of ``methods`` (default: sending and editing) that were refused."""
        wanted = methods or ("sendMessage", "editMessageText", "answerCallbackQuery")
        return [(method, why) for method, why in self.refused if method in wanted]

    def throttle(self, method: str, *, retry_after: int = 1, times: int = 1) -> None:
        """Answer the next ``times`` calls of ``method`` with 429 and ``retry_after``."""
        self.throttles.append(Throttle(method, retry_after, times))

    def slow(self, method: str, seconds: float, *, chat_id: int | None = None) -> None:
        """Answer every call of ``method`` (to ``chat_id``, or any chat) ``seconds`` late."""
        self.slowdowns.append(Slowdown(method, seconds, chat_id))

    def fail(self, method: str, *, code: int = 500, description: str = "Internal Server Error",
             times: int = 1) -> None:  # fmt: skip
        """Answer the next ``times`` calls of ``method`` with this error."""
        self.failures.append(Failure(method, code, description, times))

    def buttons(self, message: JSON) -> list[JSON]:
        current = self.messages[(message["chat"]["id"], message["message_id"])]
        markup = current.get("reply_markup") or {}
        return [button for row in markup.get("inline_keyboard", []) for button in row]

    # The Bot API methods

    async def call(self, method: str, params: JSON) -> Any:
        self.calls.append((method, params))
        await self._notify()
        for throttle in self.throttles:
            if throttle.method == method and throttle.times > 0:
                throttle.times -= 1
                raise ApiError(
                    429,
                    f"Too Many Requests: retry after {throttle.retry_after}",
                    {"retry_after": throttle.retry_after},
                )
        for slowdown in self.slowdowns:
            if slowdown.method == method and slowdown.chat_id in (None, _chat_id(params)):
                await asyncio.sleep(slowdown.seconds)
        for failure in self.failures:
            if failure.method == method and failure.times > 0:
                failure.times -= 1
                raise ApiError(failure.code, failure.description)
        handler = getattr(self, f"_api_{method}", None)
        if handler is None:
            raise ApiError(404, "Not Found")
        return await handler(params)

    async def _api_getMe(self, params: JSON) -> JSON:
        return BOT

    async def _api_deleteWebhook(self, params: JSON) -> bool:
        self.webhook = None
        return True

    async def _api_setWebhook(self, params: JSON) -> bool:
        if not str(params.get("url", "")).startswith("https://"):
            raise ApiError(400, "Bad Request: bad webhook: An HTTPS URL must be provided")
        self.webhook = params
        return True

    async def _api_setMyCommands(self, params: JSON) -> bool:
        commands = _json(params.get("commands"))
        if not isinstance(commands, list):
            raise ApiError(400, "Bad Request: commands must be a list")
        for command in commands:
            if not 1 <= len(command["command"]) <= 32 or not command["command"].islower():
                raise ApiError(400, "Bad Request: BOT_COMMAND_INVALID")
            if not 1 <= len(command["description"]) <= 256:
                raise ApiError(400, "Bad Request: BOT_COMMAND_DESCRIPTION_INVALID")
        scope = _json(params.get("scope")) or {"type": "default"}
        if scope.get("type") == "chat" and not any(
            key[0] == int(scope["chat_id"]) for key in self.messages
        ):
            raise ApiError(400, "Bad Request: chat not found")
        key = scope["type"] + (f":{scope['chat_id']}" if "chat_id" in scope else "")
        self.commands[key] = commands
        return True

    async def _api_getUpdates(self, params: JSON) -> list[JSON]:
        offset = int(params.get("offset") or 0)
        timeout = float(params.get("timeout") or 0)
        limit = int(params.get("limit") or 100)
        if offset:
            self._confirmed = max(self._confirmed, offset - 1)
            self.updates = [u for u in self.updates if u["update_id"] >= offset]
            await self._notify()

        def pending() -> list[JSON]:
            return self.updates[:limit]

        def ready() -> bool:
            return self._closing or bool(pending())

        try:
            async with self._changed:
                await asyncio.wait_for(self._changed.wait_for(ready), timeout)
        except TimeoutError:
            pass
        return pending()

    async def _api_sendChatAction(self, params: JSON) -> bool:
        self._chat(params)
        return True

    async def _api_answerCallbackQuery(self, params: JSON) -> bool:
        text = params.get("text") or ""
        if len(text) > 200:
            raise ApiError(400, "Bad Request: MESSAGE_TOO_LONG")
        return True

    async def _api_answerInlineQuery(self, params: JSON) -> bool:
        """Refused as Telegram refuses: an unknown or answered query, too many results, a
        result id too long or repeated, message text that is empty, too long or bad HTML."""
        query_id = str(params.get("inline_query_id") or "")
        if query_id not in self._inline_queries:
            raise ApiError(400, "Bad Request: query is too old and response timeout expired")
        results = _json(params.get("results")) or []
        if len(results) > MAX_INLINE_RESULTS:
            raise ApiError(400, "Bad Request: RESULTS_TOO_MUCH")
        ids = [str(result.get("id", "")) for result in results]
        if len(set(ids)) != len(ids) or not all(1 <= len(i.encode()) <= MAX_RESULT_ID for i in ids):
            raise ApiError(400, "Bad Request: RESULT_ID_INVALID")
        answer: JSON = {"inline_query_id": query_id, "results": [], "params": params}
        for result in results:
            if result.get("type") != "article" or not result.get("title"):
                raise ApiError(400, "Bad Request: RESULT_TYPE_INVALID")
            content = result.get("input_message_content") or {}
            text = self._checked_text(
                {"text": content.get("message_text"), "parse_mode": content.get("parse_mode")}
            )
            answer["results"].append({**result, "text": text})
        button = _json(params.get("button"))
        answer["button"] = button
        self._inline_queries.discard(query_id)
        self.inline_answers.append(answer)
        await self._notify()
        return True

    async def _api_sendMessage(self, params: JSON) -> JSON:
        chat = self._chat(params)
        text = self._checked_text(params)
        message: JSON = {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": chat,
            "from": BOT,
            "text": text,
            "html": params.get("text"),
        }
        if markup := self._checked_markup(params):
            message["reply_markup"] = markup
        reply = _json(params.get("reply_parameters"))
        if reply:
            replied = self.messages.get((chat["id"], int(reply["message_id"])))
            if replied is None and not reply.get("allow_sending_without_reply"):
                raise ApiError(400, "Bad Request: message to be replied not found")
            message["reply_to_message"] = replied
        self.messages[(chat["id"], message["message_id"])] = message
        self.sent.append(message)
        await self._notify()
        return message

    async def _api_editMessageText(self, params: JSON) -> JSON:
        chat = self._chat(params)
        message = self.messages.get((chat["id"], int(params.get("message_id") or 0)))
        if message is None or message["from"]["id"] != BOT["id"]:
            raise ApiError(400, "Bad Request: message to edit not found")
        text = self._checked_text(params)
        markup = self._checked_markup(params)
        if text == message["text"] and markup == message.get("reply_markup"):
            raise ApiError(400, "Bad Request: message is not modified")
        message.update(text=text, html=params.get("text"), edit_date=int(time.time()))
        message.pop("reply_markup", None)
        if markup:
            message["reply_markup"] = markup
        self.edits.append(dict(message))
        await self._notify()
        return message

    def _chat(self, params: JSON) -> JSON:
        chat_id = int(params.get("chat_id") or 0)
        for (known, _), message in self.messages.items():
            if known == chat_id:
                return dict(message["chat"])
        raise ApiError(400, "Bad Request: chat not found")

    def _checked_text(self, params: JSON) -> str:
        raw = params.get("text") or ""
        text = raw
        if str(params.get("parse_mode", "")).upper() == "HTML":
            try:
                text = parse_html(raw)
            except EntityError as error:
                raise ApiError(400, f"Bad Request: {error}") from None
        if not text.strip():
            raise ApiError(400, "Bad Request: message text is empty")
        if len(text) > MAX_TEXT:
            raise ApiError(400, "Bad Request: message is too long")
        return text

    def _checked_markup(self, params: JSON) -> JSON | None:
        markup = _json(params.get("reply_markup"))
        if not markup:
            return None
        for row in markup.get("inline_keyboard", []):
            for button in row:
                data = button.get("callback_data")
                if data is not None and not 1 <= len(data.encode("utf-8")) <= MAX_CALLBACK_DATA:
                    raise ApiError(400, "Bad Request: BUTTON_DATA_INVALID")
        return markup  # type: ignore[no-any-return]


def _chat_id(params: JSON) -> int | None:
    try:
        return int(params["chat_id"])
    except (KeyError, TypeError, ValueError):
        return None


def _json(value: Any) -> Any:
    """Form bodies carry objects as JSON strings; JSON bodies carry them as objects."""
    if isinstance(value, str) and value[:1] in "[{":
        return json.loads(value)
    return value


class _MethodHandler(tornado.web.RequestHandler):
    def initialize(self, api: FakeBotApi) -> None:
        self.api = api

    async def get(self, token: str, method: str) -> None:
        await self.post(token, method)

    async def post(self, token: str, method: str) -> None:
        if token != self.api.token:
            return self._reply(401, {"ok": False, "error_code": 401, "description": "Unauthorized"})
        params = self._params()
        try:
            result = await self.api.call(method, params)
        except ApiError as error:
            self.api.refused.append((method, error.description))
            body: JSON = {"ok": False, "error_code": error.code, "description": error.description}
            if error.parameters:
                body["parameters"] = error.parameters
            return self._reply(error.code, body)
        self._reply(200, {"ok": True, "result": result})

    def _params(self) -> JSON:
        params: JSON = {k: v[-1].decode() for k, v in self.request.query_arguments.items()}
        content_type = self.request.headers.get("Content-Type", "")
        body = self.request.body
        if content_type.startswith("application/json") and body:
            params.update(json.loads(body))
        elif content_type.startswith("application/x-www-form-urlencoded") and body:
            params.update(parse_qsl(body.decode("utf-8"), keep_blank_values=True))
        elif content_type.startswith("multipart/form-data"):
            params.update({k: v[-1].decode() for k, v in self.request.body_arguments.items()})
        return params

    def _reply(self, status: int, body: JSON) -> None:
        self.set_status(status)
        self.set_header("Content-Type", "application/json")
        self.finish(json.dumps(body))
