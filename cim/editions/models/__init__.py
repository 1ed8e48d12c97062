from cim.editions.models.applications import ParticipationApplication
from cim.editions.models.editions import Edition, FeedbackMoment
from cim.editions.models.invitations import Invitation
from cim.editions.models.login_codes import LoginCode
from cim.editions.models.participations import Participation, ParticipationMember, ScanStatus
from cim.editions.models.programmes import FunderAccess, Programme, ProgrammeStaff

__all__ = [
    "Edition",
    "FeedbackMoment",
    "FunderAccess",
    "Invitation",
    "LoginCode",
    "Participation",
    "ParticipationApplication",
    "ParticipationMember",
    "Programme",
    "ProgrammeStaff",
    "ScanStatus",
]
