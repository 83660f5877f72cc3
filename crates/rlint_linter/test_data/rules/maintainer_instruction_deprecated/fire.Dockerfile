FROM alpine:3.20
# deprecated instruction
MAINTAINER Jane Doe <jane@example.com>
FROM alpine:3.20 AS unused
# reported in unreachable stages too
MAINTAINER ops@example.com
