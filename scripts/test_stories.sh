#!/usr/bin/env bash
# Conversation tests: tests/test_stories.yml through the trained model; any wrong intent
# or action fails the run.
set -euo pipefail
cd "$(dirname "$0")/.."
.venv/bin/rasa test core --model models/bouwgesprek.tar.gz --stories tests/test_stories.yml \
  --fail-on-prediction-errors --out results/stories --no-plot
