from django.apps import AppConfig


class LearningRoutesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "learning_routes"
