"""Red, amber, green: the one status scale the action log and the MARAC review plan share."""

from django.db import models


class Rag(models.TextChoices):
    RED = "red", "Red"
    AMBER = "amber", "Amber"
    GREEN = "green", "Green"
