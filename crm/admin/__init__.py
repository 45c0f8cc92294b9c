"""Django admin for the customer register, one module per group of models (like crm.models).

Leads and offers have their own admin in leads.admin.
"""

from . import activity, organisation, people, reference  # noqa: F401  (registers the model admins)
