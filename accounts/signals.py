from django.db.models.signals import post_migrate
from django.dispatch import receiver


@receiver(post_migrate)
def sync_roles_after_migrate(sender, **kwargs) -> None:
    # Groups and permissions are data the code defines; keep them in step after every migrate.
    # Runs after each app's migrate signal: permissions of apps migrated later exist only by then.
    from .services import roles_sync

    roles_sync()
