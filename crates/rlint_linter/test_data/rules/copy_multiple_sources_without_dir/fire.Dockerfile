FROM node:22-slim
# two sources, destination without a slash
COPY package.json package-lock.json /app
# quoted destination: the slash goes inside the quotes
COPY a.txt b.txt "/data"
# JSON form
COPY ["x.js", "y.js", "/srv"]
# a relative destination
COPY --chown=node:node one two three dest
# a heredoc counts as a source
COPY <<EOT extra.txt /etc/conf
hello
EOT
