#!/usr/bin/env bash
# Start the action server (127.0.0.1:$ACTION_PORT) and Rasa (REST on $PORT, or a terminal
# chat with "shell"). Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-server}
VENV=.venv
# Rasa 3.6's dependencies print pages of deprecation warnings that users cannot act on.
export PYTHONWARNINGS=ignore
# Ports, database and retention: settings.env, overridden by the environment.
settings=$("$VENV/bin/python" -m bot.settings shell)
eval "$settings"
umask 077  # var/ (the database, logs, the web secret) is this user's alone
mkdir -p var
"$VENV/bin/python" -m bot.settings endpoints var/endpoints.yml

SANIC_HOST=127.0.0.1 "$VENV/bin/python" -m rasa_sdk --actions actions --port "$ACTION_PORT" --quiet >var/actions.log 2>&1 &
actions_pid=$!
cleanup() {
  trap - INT TERM EXIT
  [ -n "${rasa_pid:-}" ] && kill "$rasa_pid" 2>/dev/null || true
  kill "$actions_pid" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap cleanup INT TERM EXIT

for _ in $(seq 1 120); do
  if "$VENV/bin/python" -c "import urllib.request,sys; urllib.request.urlopen('http://127.0.0.1:$ACTION_PORT/health', timeout=1)" 2>/dev/null; then
    break
  fi
  if ! kill -0 "$actions_pid" 2>/dev/null; then
    echo "The action server stopped; see var/actions.log:" >&2
    tail -20 var/actions.log >&2
    exit 1
  fi
  sleep 0.5
done

model=models/bouwgesprek.tar.gz
if [ "$mode" = shell ]; then
  "$VENV/bin/rasa" shell --model "$model" --endpoints var/endpoints.yml -i "$HOST" --port "$PORT"
  exit $?
fi

# Rasa's HTTP API (trackers, model) stays off unless a token is configured.
api=()
if [ -n "${RASA_API_TOKEN:-}" ]; then
  api=(--enable-api --auth-token "$RASA_API_TOKEN")
fi
# Rasa's own log (loading, warnings, errors) goes to a file; the terminal gets a few lines.
log=var/rasa.log
echo "Starting Bouwgesprek (about 40 seconds; Rasa's log: $log)"
"$VENV/bin/rasa" run --model "$model" --endpoints var/endpoints.yml --credentials credentials.yml \
  -i "$HOST" --port "$PORT" "${api[@]}" >"$log" 2>&1 &
rasa_pid=$!
started=$SECONDS
until "$VENV/bin/python" -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$PORT/webhooks/rest/', timeout=1)" 2>/dev/null; do
  if ! kill -0 "$rasa_pid" 2>/dev/null; then
    [ -t 1 ] && printf '\r%30s\r' ''
    tail -30 "$log" >&2
    echo "The Rasa server stopped; the whole log is in $log" >&2
    exit 1
  fi
  [ -t 1 ] && printf '\r  starting ... %d s' $((SECONDS - started))
  sleep 1
done
[ -t 1 ] && printf '\r%30s\r' 
# An example id of its own for every start: a guessable one ("ik") is anyone's conversation.
example_id="probeer-$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')"
cat <<MSG

Bouwgesprek is running. Open the chat page:  http://127.0.0.1:$PORT/chat/
  REST for clients:              http://127.0.0.1:$PORT/webhooks/rest/webhook
  Chat in the terminal instead:  make shell
  Or send a message:             curl -s http://127.0.0.1:$PORT/webhooks/rest/webhook \\
                                   -H 'Content-Type: application/json' \\
                                   -d '{"sender": "$example_id", "message": "hallo"}'
  Rasa's log:                    $log (the action server's: var/actions.log)
  Stop with Ctrl-C.

MSG
wait "$rasa_pid"
