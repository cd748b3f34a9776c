# The PoQ image built from this machine's own build output (infra/poq-image.sh prepares the context: app/ from
# `dotnet publish`, dotnet/ with the runtime). The base is the locally built PostgreSQL image, a Debian bookworm root,
# so nothing is pulled; it also gives `poq` a psql for debugging.
FROM poq-postgres:15
COPY dotnet /usr/share/dotnet
COPY app /app
ENV DOTNET_ROOT=/usr/share/dotnet POQ_HOME=/var/lib/poq
WORKDIR /app
ENTRYPOINT ["/usr/share/dotnet/dotnet", "/app/poq.dll"]
CMD ["run"]
