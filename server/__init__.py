"""Everything that runs inside the Rasa server: our two channels (REST and the chat page),
the guard every request passes, the tracker store with its cache and retention, the fast
paths inside Rasa, and the start-up hook that sets them up (server/startup.py).

Nothing here imports the action server's package (actions/); what both processes need
lives in bot/.
"""
