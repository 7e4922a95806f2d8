"""The read-only web view: Starlette routes over the service, pages from Jinja2 templates.

Every page is a GET; nothing here ingests or changes anything. Templates autoescape, and the
only markup made in Python is the bot's own claim wording (``HtmlStyle`` escapes every string
it is given), so no article or user string reaches the page unescaped.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from importlib.resources import files
from typing import Protocol

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.templating import Jinja2Templates

from bot.answer.dispute import by_stance
from bot.answer.model import Answer, AnswerSet, ArticleRef
from bot.answer.provenance import Provenance
from bot.answer.views import ArticleView, SpeakerView
from bot.conversation.classify import MAX_QUESTION_CHARS
from bot.conversation.dialogue import PAGE_SIZE
from bot.conversation.render import MAX_CONTENT_CHARS, format_date, render_statement, stance_verb
from bot.conversation.style import HTML
from bot.errors import NotFoundError
from bot.sources.urls import is_web_url
from bot.web.marks import mark_pieces

ANSWERS = PAGE_SIZE  # answers a question page shows: as many as a reply of the bot
RECENT = 20  # articles on the front page
SPEAKER_CLAIMS = 50

# No script, no frame, no form posting elsewhere: a stored string that slipped through as
# markup still could not run.
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
        "base-uri 'none'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}


class WebService(Protocol):
    """What the pages read from the service (``Newsprov`` satisfies it)."""

    async def ask(self, question: str, *, limit: int = 3, offset: int = 0) -> AnswerSet: ...
    async def recent_articles(self, *, limit: int = 10) -> Sequence[ArticleRef]: ...
    async def article_view(self, article_id: int) -> ArticleView: ...
    async def speaker_view(self, speaker_id: int, *, limit: int = 50) -> SpeakerView: ...
    async def provenance(self, article_id: int) -> Provenance: ...


def statement(answer: Answer) -> Markup:
    """The verb and what was said, worded as the bot words it (escaped by ``HtmlStyle``)."""
    return Markup(render_statement(answer, HTML, MAX_CONTENT_CHARS))


def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("bot.web", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(date=format_date, statement=statement, verb=stance_verb)
    env.globals.update(is_web_url=is_web_url, max_question=MAX_QUESTION_CHARS)
    return env


def create_app(service: WebService) -> Starlette:
    templates = Jinja2Templates(env=environment())
    stylesheet = (files("bot.web") / "templates" / "style.css").read_bytes()

    def page(request: Request, name: str, status: int = 200, **context: object) -> Response:
        context["root"] = request.scope.get("root_path", "")
        response = templates.TemplateResponse(request, name, context, status_code=status)
        response.headers.update(SECURITY_HEADERS)
        return response

    async def home(request: Request) -> Response:
        articles = await service.recent_articles(limit=RECENT)
        return page(request, "home.html", articles=articles, question="")

    async def ask(request: Request) -> Response:
        started = time.perf_counter()
        question = " ".join(request.query_params.get("q", "").split())
        if not question:
            return await home(request)
        if len(question) > MAX_QUESTION_CHARS:
            message = f"Please ask in at most {MAX_QUESTION_CHARS} characters."
            return page(request, "error.html", 400, message=message, question=question[:200])
        found = await service.ask(question, limit=ANSWERS)
        groups = by_stance(found.answers) if found.dispute else {}
        response = page(request, "ask.html", found=found, groups=groups, question=question)
        took = (time.perf_counter() - started) * 1000
        response.headers["Server-Timing"] = f"app;dur={took:.1f}"  # bench/web_latency.py reads it
        return response

    async def article(request: Request) -> Response:
        try:
            view = await service.article_view(request.path_params["article_id"])
        except NotFoundError as error:
            raise HTTPException(404, str(error)) from None
        pieces = mark_pieces(view.text, view.claims)
        reuse = await service.provenance(view.article.id)
        return page(request, "article.html", view=view, pieces=pieces, reuse=reuse, question="")

    async def speaker(request: Request) -> Response:
        try:
            view = await service.speaker_view(
                request.path_params["speaker_id"], limit=SPEAKER_CLAIMS
            )
        except NotFoundError as error:
            raise HTTPException(404, str(error)) from None
        return page(request, "speaker.html", view=view, question="")

    async def style(request: Request) -> Response:
        headers = {"Cache-Control": "public, max-age=3600", **SECURITY_HEADERS}
        return Response(stylesheet, media_type="text/css", headers=headers)

    async def not_found(request: Request, exc: Exception) -> Response:
        detail = exc.detail if isinstance(exc, HTTPException) else "Not found."
        if detail == "Not Found":
            detail = "There is no such page."
        return page(request, "error.html", 404, message=detail, question="")

    async def failed(request: Request, exc: Exception) -> Response:
        message = "Something went wrong on our side; please try again later."
        return page(request, "error.html", 500, message=message, question="")

    routes = [
        Route("/", home, name="home"),
        Route("/ask", ask, name="ask"),
        Route("/articles/{article_id:int}", article, name="article"),
        Route("/speakers/{speaker_id:int}", speaker, name="speaker"),
        Route("/style.css", style, name="style"),
    ]
    handlers = {404: not_found, 500: failed}
    return Starlette(routes=routes, exception_handlers=handlers)
