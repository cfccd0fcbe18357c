"""The breadcrumb trail of a page (NL Design System breadcrumb navigation).

    {% load kruimelpad %}
    {% block breadcrumbs %}{% kruimelpad %}
      {% kruimel _("Mijn casussen") "casusoverleg:casus-list" %}
      {% kruimel casus.nummer "casusoverleg:casus-detail" casus.public_id %}
      {% kruimel _("Deelnemers") %}
    {% endkruimelpad %}{% endblock %}

"Start" always comes first; a crumb without a URL name is the current page.
"""

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

register = template.Library()


@register.simple_tag
def kruimel(label, url_name=None, *args):
    if url_name is None:
        return format_html(
            '<li class="utrecht-breadcrumb-nav__item"><span class="utrecht-breadcrumb-nav__link '
            'utrecht-breadcrumb-nav__link--current" aria-current="page">{}</span></li>',
            label,
        )
    return format_html(
        '<li class="utrecht-breadcrumb-nav__item"><a class="utrecht-link utrecht-link--html-a '
        'utrecht-breadcrumb-nav__link" href="{}">{}</a></li>',
        reverse(url_name, args=args),
        label,
    )


class KruimelpadNode(template.Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        return format_html(
            '<nav class="utrecht-breadcrumb-nav" aria-label="{}">'
            '<ol class="utrecht-breadcrumb-nav__list utrecht-breadcrumb-nav__list--html-ol">'
            '<li class="utrecht-breadcrumb-nav__item"><a class="utrecht-link utrecht-link--html-a '
            'utrecht-breadcrumb-nav__link utrecht-breadcrumb-nav__link--first" href="{}">{}</a>'
            "</li>"
            "{}</ol></nav>",
            _("Kruimelpad"),
            reverse("casusoverleg:home"),
            _("Start"),
            self.nodelist.render(context),
        )


@register.tag
def kruimelpad(parser, token):
    nodelist = parser.parse(("endkruimelpad",))
    parser.delete_first_token()
    return KruimelpadNode(nodelist)
