FROM node:22-slim AS base
# no cache clean (base is the parent of the final stage)
RUN yarn install --frozen-lockfile

FROM base
# a bare `yarn` installs too
RUN yarn && yarn build
# clean before the install does not count
RUN yarn cache clean && yarn install
# an unrelated cache mount
RUN --mount=type=cache,target=/root/.npm yarn install
# behind sudo
RUN sudo yarn install --production
# an ONBUILD trigger
ONBUILD RUN yarn install
