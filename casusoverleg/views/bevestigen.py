"""One confirmation step for every irreversible action.

The action's own form posts as before; without ``bevestigd=1`` the view answers
with a page that says what will happen and to whom, carrying the posted fields
(a reason, say) along, and a danger button that posts them again with
``bevestigd=1``. Plain HTML, so it works without JavaScript. The view calls this
only after its access lookup and after validating its own form, so an outsider
still gets 404 and a missing reason is still reported on the form itself.
"""

from django.shortcuts import render

BEVESTIGD = "bevestigd"
NIET_DOORGEVEN = {"csrfmiddlewaretoken", BEVESTIGD}


def is_bevestigd(request) -> bool:
    return request.POST.get(BEVESTIGD) == "1"


def bevestiging(request, *, titel, tekst, knop, terug, casus=None):
    """The confirmation page for this POST, or None when the user has confirmed.

    ``tekst`` says what happens and to whom (a case number, a meeting date, an
    organisation; never a victim's name). ``terug`` is where "Annuleren" leads.
    """
    if is_bevestigd(request):
        return None
    velden = [
        (naam, waarde)
        for naam, waarden in request.POST.lists()
        if naam not in NIET_DOORGEVEN
        for waarde in waarden
    ]
    return render(
        request,
        "bevestigen.html",
        {
            "titel": titel,
            "tekst": tekst,
            "knop": knop,
            "terug": terug,
            "velden": velden,
            "actie": request.path,
            "casus": casus,
        },
    )
