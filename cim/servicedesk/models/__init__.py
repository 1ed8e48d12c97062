from cim.servicedesk.models.announcements import Announcement
from cim.servicedesk.models.calendar import CalendarFeed
from cim.servicedesk.models.guidance import GuidanceItem
from cim.servicedesk.models.reminders import ReminderPause, SentReminder
from cim.servicedesk.models.suggestions import Suggestion
from cim.servicedesk.models.threads import Attachment, Message, Thread

__all__ = [
    "Announcement",
    "Attachment",
    "CalendarFeed",
    "GuidanceItem",
    "Message",
    "ReminderPause",
    "SentReminder",
    "Suggestion",
    "Thread",
]
