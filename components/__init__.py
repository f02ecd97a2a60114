"""Bouwgesprek's own parts of Rasa's NLU pipeline (config.yml)."""
