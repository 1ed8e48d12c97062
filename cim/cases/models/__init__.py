from cim.cases.models.lessons import Lesson
from cim.cases.models.material import Material
from cim.cases.models.projects import Masterclass4Choice, Project, ProjectPhaseChange
from cim.cases.models.tags import Tag

__all__ = ["Lesson", "Masterclass4Choice", "Material", "Project", "ProjectPhaseChange", "Tag"]
