"""Articles written for the delete and export tests: a report, a copy that repeats most of
it (so the two are linked as text reuse), and an unrelated one."""

from __future__ import annotations

from bot.sources.draft import ArticleDraft, Origin

REPORT_TITLE = "Tarsk <bridge> & tunnel tolls"
REPORT = (
    "Transport minister Ilse Maranow said on Monday that tolls on the Tarsk bridge would rise "
    "by a third in March.\n\n"
    "Hauliers' spokesman Oren Dask accused the ministry of hiding the cost of the repairs from "
    "drivers.\n\n"
    "The city council denied that it had agreed to the new tolls before the vote.\n\n"
    "Maranow said the money would pay for a second tunnel under the Tarsk estuary, which the "
    "ministry expects to open in six years."
)
COPY_TITLE = "Tarsk tolls to rise, minister says"
COPY = (
    "Transport minister Ilse Maranow said on Monday that tolls on the Tarsk bridge would rise "
    "by a third in March.\n\n"
    "Hauliers' spokesman Oren Dask accused the ministry of hiding the cost of the repairs from "
    "drivers.\n\n"
    "The city council denied that it had agreed to the new tolls before the vote.\n\n"
    "Ferry operator Hanne Lute said her company would add two evening crossings while the "
    "bridge works last."
)
OTHER_TITLE = "Velden orchard harvest"
OTHER = (
    "Farmers' union head Piet Ankers said the Velden apple harvest was the smallest in ten "
    "years after the late frost.\n\n"
    "The agriculture office confirmed that growers could apply for frost relief until June."
)


def draft(title: str, text: str, url: str | None = None) -> ArticleDraft:
    return ArticleDraft(title=title, text=text, origin=Origin.FILE, url=url)
