FROM node:20 AS base
EXPOSE 3000
CMD ["node", "server.js"]

FROM base AS dev
# not needed by the final stage: may be a --target
CMD ["npm", "run", "dev"]

FROM golang:1.22 AS build
RUN go build -o /app .

FROM base AS prod
COPY --from=build /app /app
EXPOSE 8080
CMD ["/app"]

FROM php:8.3-fpm AS app
COPY . /app
VOLUME /app/storage
CMD ["php-fpm"]

FROM nginx:1.27
# `app` is its own image (--target app) that nginx also copies assets from
COPY --from=app /app/public /usr/share/nginx/html
COPY --from=prod /app /app
