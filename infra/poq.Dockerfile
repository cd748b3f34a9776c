# The PoQ pipeline as a container, for docker-compose.yml (users with Docker and internet; this image is
# not built on the development machines, which cannot pull base images).
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/Cli/PoQ.Cli.csproj -c Release -o /app

FROM mcr.microsoft.com/dotnet/runtime:10.0
# librdkafka's portable build needs these at run time (the NuGet package ships the library itself).
RUN apt-get update && apt-get install -y --no-install-recommends libsasl2-2 libssl3 ca-certificates && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app .
ENV POQ_HOME=/var/lib/poq
ENTRYPOINT ["dotnet", "/app/poq.dll"]
CMD ["run"]
