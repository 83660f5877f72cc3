FROM node:20 AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY src/ ./src/
# other stages and URLs are not in the context
COPY --from=build /app/node_modules ./node_modules
ADD https://example.com/debug.log /tmp/
# logs in subdirectories are not matched by *.log
COPY logs/app.log /tmp/
COPY . /app
