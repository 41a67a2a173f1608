"""The auditor workbench (审计工作台): a FastAPI application over the flags and their dispositions.

Runs inside Airflow (plugins/jiandu_workbench_plugin.py) or on its own (`jiandu serve`).
"""
