"""What every page's navigation may show, as the access module answers it."""

from functools import partial

from .permissions import may_access_cases, may_read_meldingen


def toegang(request):
    """The menu's answers, asked only when a template uses them."""
    user = request.user
    return {
        "mag_casussen": partial(may_access_cases, user),
        "mag_meldingen_lezen": partial(may_read_meldingen, user),
    }
