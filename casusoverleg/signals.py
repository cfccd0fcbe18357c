"""Events of the core that apps above it react to.

The core never imports those apps (dependencies run one way); an app that must
follow a change in the core connects a receiver in its ``AppConfig.ready``.
"""

from django.dispatch import Signal

#: A case's participants changed (sent inside the service's transaction, with
#: ``casus``): who may read what in a running meeting must be decided again.
deelnames_changed = Signal()

#: A case was opened or its data changed (sent inside the service's transaction,
#: with ``casus`` and ``ctx``): what follows from its data (a minor's terms and
#: tasks, ``casusoverleg.services.minderjarigen``) must be decided again.
casus_changed = Signal()

#: A user moved to another organisation or was (de)activated (sent inside the
#: service's transaction, with ``user``): their invitations must follow.
gebruiker_changed = Signal()

#: A case was opened directly, not from a signal (sent inside ``casus_open``'s
#: transaction, with ``casus`` and ``ctx``): its report to CoMensha becomes due.
casus_geopend = Signal()
