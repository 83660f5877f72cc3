# This file has mistakes on purpose: rlint reports each with its exact place.
FROM alpine:3.22
RUNN echo "typo in the keyword"
COPY --form=builder /out /app
CMD ['sh', '-c', 'echo single quotes are not JSON']
RUN <<EOF
echo "this heredoc never ends"
