# PrReviewBot: multi-stage image. Build: docker build -t prreviewbot .
# Run:   docker run -p 8080:8080 -v prreviewbot-data:/app/data -e Server__PublicUrl=https://bot.example.com prreviewbot
# (then open http://localhost:8080/ for one-click setup). See README "Docker and Kubernetes".

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
WORKDIR /app
COPY --from=build /app ./
# The data folder holds the SQLite database and, after one-click setup, the App's credentials (mode 0600).
RUN mkdir -p /app/data && chown "$APP_UID":"$APP_UID" /app/data && chmod 0700 /app/data
ENV ASPNETCORE_URLS=http://+:8080 \
    DOTNET_CLI_TELEMETRY_OPTOUT=1 \
    Storage__ConnectionString=/app/data/prreviewbot.db \
    Setup__CredentialsPath=/app/data/github-app.json \
    Logging__Console=json
VOLUME ["/app/data"]
EXPOSE 8080
# The non-root user the .NET images ship (uid 1654).
USER $APP_UID
# No curl in the runtime image: ask /healthz over bash's /dev/tcp.
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /healthz HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
ENTRYPOINT ["dotnet", "prreviewbot.dll", "serve"]
