from cim.events.models.events import Event, EventKind, EventProject, Session
from cim.events.models.registrations import Registration, SignupLink

__all__ = ["Event", "EventKind", "EventProject", "Registration", "Session", "SignupLink"]
