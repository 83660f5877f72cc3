FROM debian:12
# sticky bit, like /tmp
RUN chmod 1777 /tmp && chmod a+rwxt /scratch
RUN chmod 755 /opt/app && chmod g+w /srv && chmod +x /entrypoint.sh && chmod o-w /data
RUN chmod 775 /app && chmod 0644 /etc/app.conf && chmod u+s /bin/x
RUN chmod $MODE /x
COPY --chmod=755 app /app
# a scratch directory removed in the same RUN
RUN tempDir="$(mktemp -d)" && chmod 777 "$tempDir" && make -C "$tempDir" && rm -rf "$tempDir"
