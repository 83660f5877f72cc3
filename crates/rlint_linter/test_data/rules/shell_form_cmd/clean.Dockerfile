FROM node:22-slim
CMD ["node", "server.js"]
ENTRYPOINT ["/usr/local/bin/start.sh", "--verbose"]
HEALTHCHECK --interval=30s CMD ["curl", "-f", "http://localhost:3000/"]
HEALTHCHECK NONE
# ONBUILD is not checked (as hadolint)
ONBUILD CMD node trigger.js
