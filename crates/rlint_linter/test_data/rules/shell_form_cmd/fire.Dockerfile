FROM node:22-slim
# shell-form CMD
CMD node server.js
# shell-form ENTRYPOINT
ENTRYPOINT /usr/local/bin/start.sh --verbose
# broken JSON (single quotes) falls back to shell form
CMD ['node', 'server.js']
# HEALTHCHECK CMD in shell form, as hadolint reports
HEALTHCHECK --interval=30s CMD curl -f http://localhost:3000/ || exit 1
# a continuation inside the command
CMD npm run \
    start
