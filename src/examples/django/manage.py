#!/usr/bin/env python3
"""Django's command-line entry point for the example backend (``python3 manage.py test`` runs its tests)."""
import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "backend.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
