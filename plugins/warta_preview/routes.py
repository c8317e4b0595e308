"""Which call of the writer produces which output file, without rendering.

The preview records every ``write_file``/``write_feed`` call the generators
make, with the paths it would write (one per page of a listing, worked out
as the Writer's paginator does). To serve one page, the call is replayed
with a template that renders just that page.
"""

import io

from pelican.writers import Writer

from warta_output.plan import Source, paginated


class _Template:
    """Stands in for a Jinja template: renders only the page asked for."""

    def __init__(self, template, wanted):
        self.template = template
        self.wanted = wanted
        self.rendered = None

    def render(self, context):
        if context["output_file"] == self.wanted:
            self.rendered = self.template.render(context)
        return ""


class RouteRecorder(Writer):
    """A Writer that records calls instead of writing files."""

    def __init__(self, output_path, settings):
        super().__init__(output_path, settings=settings)
        self.routes = {}  # output path -> (method, args, kwargs)

    def write_file(self, name, template, context, *args, **kwargs):
        if not name:
            return
        call = ("file", (name, template, context, *args), kwargs)
        for path in self._pages(name, kwargs):
            self.routes[path] = call

    def _pages(self, name, kwargs):
        """Every output path of one write_file call (one per page of a listing)."""
        items = (kwargs.get("paginated") or {}).get("articles", kwargs.get("articles"))
        template_name = kwargs.get("template_name")
        if items is None or template_name not in self.settings["PAGINATED_TEMPLATES"]:
            return [name]
        return [
            path
            for path, _ in paginated(
                name,
                kwargs.get("url"),
                items,
                self.settings,
                template_name,
                Source("listing", name),
            )
        ]

    def write_feed(self, elements, context, path=None, *args, **kwargs):
        if path:
            self.routes[path] = ("feed", (list(elements), context, path, *args), kwargs)


class RouteRenderer(Writer):
    """Replays one recorded call and returns the bytes of one output."""

    def render(self, path, route):
        kind, args, kwargs = route
        if kind == "feed":
            return self._feed(*args, **kwargs)
        name, template, context, *rest = args
        probe = _Template(template, wanted=path)
        super().write_file(name, probe, context, *rest, **kwargs)
        return (probe.rendered or "").encode("utf-8")

    def _feed(self, elements, context, path, *args, **kwargs):
        feed = super().write_feed(elements, context, None, *args, **kwargs)
        # write_feed with no path returns the feed; its URL must still be the real one
        buffer = io.StringIO()
        feed.feed["feed_url"] = self.urljoiner(context.get("FEED_DOMAIN"), path)
        feed.write(buffer, "utf-8")
        return buffer.getvalue().encode("utf-8")

    def _open_w(self, filename, encoding, override=False):
        del filename, encoding, override
        return io.StringIO()
