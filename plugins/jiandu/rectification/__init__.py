"""Rectification as the inspection office runs it: problems, measures, responsibilities, outcomes, 督办."""
