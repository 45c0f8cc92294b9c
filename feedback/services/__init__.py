"""feedback's services: invitations (sending), answers (saving and the loop), direct feedback, stored figures."""
