FROM node:22-slim AS builder
# a builder stage used only through COPY --from is not checked
RUN yarn install

FROM node:22-slim
COPY --from=builder /app /app
RUN yarn install --frozen-lockfile && yarn cache clean
RUN yarn install && rm -rf /usr/local/share/.cache/yarn/*
RUN --mount=type=cache,target=/usr/local/share/.cache/yarn yarn install
RUN yarn --version && yarn build
RUN yarn add express@4.19.2 && yarn run test
RUN echo yarn install
