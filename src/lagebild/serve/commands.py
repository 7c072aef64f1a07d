"""``lagebild serve``: the REST API and the web page."""

from __future__ import annotations

import click

from lagebild.store.commands import db_option


@click.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to bind; the default serves this machine only.")
@click.option("--port", type=click.IntRange(1, 65535), default=8080, show_default=True)
@click.option("--token", envvar="LAGEBILD_TOKEN", help="Bearer token that allows writes (POST /api/articles); "
              "without one the server is read-only. Env LAGEBILD_TOKEN.")
def serve(db: str, host: str, port: int, token: str | None) -> None:
    """Serve the situation picture: a map of events, a timeline, filters, articles with their facts
    highlighted, conflicting figures side by side; and the REST API under /api (OpenAPI at
    /api/openapi.json).

    \b
    Example:
      lagebild serve --db var/lagebild.sqlite
      LAGEBILD_TOKEN=$(openssl rand -hex 16) lagebild serve --host 0.0.0.0 --port 8080
    """
    import uvicorn

    from lagebild.serve.app import create_app
    from lagebild.store import Store

    store = Store.open(db)
    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(f"lagebild: serving on {host}: reachable from other machines", err=True)
    click.echo(f"lagebild: http://{'[' + host + ']' if ':' in host else host}:{port}/ ({store.display_url}, "
               f"{'writes need the token' if token else 'read-only'})", err=True)
    try:
        uvicorn.run(create_app(store, token=token), host=host, port=port, log_level="warning",
                    server_header=False)
    finally:
        store.close()
