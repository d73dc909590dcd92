# PrReviewBot: multi-stage image. Build:  docker build -t prreviewbot:0.1.0 .
#   (podman: podman build --format docker -t prreviewbot:0.1.0 .  — see HEALTHCHECK below)
# Serve:  docker run -p 127.0.0.1:8080:8080 -v prreviewbot-data:/app/data -e Server__PublicUrl=https://bot.example.com prreviewbot:0.1.0
#         (then open http://localhost:8080/ for one-click setup). See README "Docker and Kubernetes".
# CLI:    docker run -i --rm prreviewbot:0.1.0 check --body-file - --labels perf < pr.md
#         Any verb (check, gates, plan, validate-config, action, serve …) can follow the image name.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Restore first, from the project files only, so source edits reuse the restored layer.
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/PrReviewBot.Core/PrReviewBot.Core.csproj src/PrReviewBot.Core/
COPY src/PrReviewBot/PrReviewBot.csproj src/PrReviewBot/
RUN dotnet restore src/PrReviewBot/PrReviewBot.csproj
COPY src/ src/
RUN dotnet publish src/PrReviewBot/PrReviewBot.csproj -c Release -o /app --no-restore -p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
LABEL org.opencontainers.image.title="PrReviewBot" \
      org.opencontainers.image.description="Holds performance-optimization PRs to a process: a GitHub App, Action and CLI" \
      org.opencontainers.image.licenses="MIT"
WORKDIR /app
COPY --from=build /app ./
COPY LICENSE ./
# The data folder holds the SQLite database and, after one-click setup, the App's credentials (mode 0600).
RUN mkdir -p /app/data && chown "$APP_UID":"$APP_UID" /app/data && chmod 0700 /app/data
# The base image listens on ASPNETCORE_HTTP_PORTS=8080; change the port with -e ASPNETCORE_HTTP_PORTS=9000.
# (No ASPNETCORE_URLS here: it would override ASPNETCORE_HTTP_PORTS and ASP.NET warns about it at every start.)
ENV DOTNET_CLI_TELEMETRY_OPTOUT=1 \
    Storage__ConnectionString=/app/data/prreviewbot.db \
    Setup__CredentialsPath=/app/data/github-app.json \
    Logging__Console=json
VOLUME ["/app/data"]
EXPOSE 8080
# The non-root user the .NET images ship (uid 1654).
USER $APP_UID
# The bot's own probe asks /healthz on the port the server uses (ASPNETCORE_HTTP_PORTS or ASPNETCORE_URLS), so
# changing the port does not break it. HEALTHCHECK is a Docker-format instruction: OCI images (podman's and
# buildah's default format) drop it, so build with --format docker to keep it. Kubernetes ignores it either way and
# uses the probes in deploy/kubernetes/deployment.yaml.
HEALTHCHECK --interval=30s --timeout=5s --start-period=15s --retries=3 \
  CMD ["dotnet", "prreviewbot.dll", "healthcheck", "--timeout", "4"]
# The verb comes from CMD, so `docker run IMAGE` serves and `docker run IMAGE check …` runs that verb instead.
ENTRYPOINT ["dotnet", "prreviewbot.dll"]
CMD ["serve"]
