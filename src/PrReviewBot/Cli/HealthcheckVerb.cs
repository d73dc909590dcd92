using System.CommandLine;

namespace PrReviewBot.Cli;

/// <summary>
/// <c>prreviewbot healthcheck</c>: asks a running bot's <c>/healthz</c> and exits 0 when it answers 200. The image's
/// HEALTHCHECK runs it, so the probe follows the port the server really listens on (<c>ASPNETCORE_HTTP_PORTS</c> or
/// <c>ASPNETCORE_URLS</c>, read the way the server reads them) instead of a port written into the Dockerfile, and needs
/// no curl in the image.
/// </summary>
public static class HealthcheckVerb
{
    public const int DefaultPort = 8080;

    public static Command Create(CliConsole console)
    {
        var url = new Option<string?>("--url")
        {
            HelpName = "URL",
            Description = "The bot's base address (default: from ASPNETCORE_HTTP_PORTS or ASPNETCORE_URLS, else http://127.0.0.1:8080).",
        };
        var timeout = new Option<int>("--timeout")
        {
            HelpName = "SECONDS",
            Description = "How long to wait for the answer.",
            DefaultValueFactory = _ => 3,
        };
        var command = new Command("healthcheck", "Exit 0 when the bot on this machine answers GET /healthz with 200 (for container health checks).")
        {
            url, timeout,
        };
        command.SetAction((parse, ct) => RunAsync(console, parse.GetValue(url), TimeSpan.FromSeconds(Math.Clamp(parse.GetValue(timeout), 1, 300)), ct));
        return command;
    }

    private static async Task<int> RunAsync(CliConsole console, string? baseUrl, TimeSpan timeout, CancellationToken ct)
    {
        var target = baseUrl ?? LocalUrl(Environment.GetEnvironmentVariable("ASPNETCORE_HTTP_PORTS"), Environment.GetEnvironmentVariable("ASPNETCORE_URLS"));
        if (!Uri.TryCreate(target, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            await console.Error.WriteLineAsync($"error: '{target}' is not an http(s) address");
            return CliApp.ExitUsage;
        }
        var health = new Uri(uri, "/healthz");
        using var http = new HttpClient { Timeout = timeout };
        try
        {
            using var response = await http.GetAsync(health, ct);
            if (response.IsSuccessStatusCode)
            {
                await console.Out.WriteLineAsync($"ok: {health} answered {(int)response.StatusCode}");
                return CliApp.ExitPass;
            }
            await console.Error.WriteLineAsync($"unhealthy: {health} answered {(int)response.StatusCode}");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            await console.Error.WriteLineAsync($"unhealthy: {health} did not answer ({e.Message})");
        }
        return CliApp.ExitFail;
    }

    /// <summary>
    /// Where the server on this machine listens: the first of <c>ASPNETCORE_URLS</c> (which wins over the ports, as in
    /// ASP.NET), else the first of <c>ASPNETCORE_HTTP_PORTS</c>, else 8080. Wildcard hosts become 127.0.0.1.
    /// </summary>
    internal static string LocalUrl(string? httpPorts, string? urls)
    {
        var firstUrl = (urls ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        if (firstUrl is not null)
        {
            var schemeEnd = firstUrl.IndexOf("://", StringComparison.Ordinal);
            if (schemeEnd > 0)
            {
                var rest = firstUrl[(schemeEnd + 3)..];
                var hostEnd = rest.StartsWith('[') ? rest.IndexOf(']', StringComparison.Ordinal) + 1 : rest.IndexOfAny([':', '/']);
                var host = hostEnd <= 0 ? rest : rest[..hostEnd];
                var tail = hostEnd <= 0 ? "" : rest[hostEnd..];
                if (host is "+" or "*" or "0.0.0.0" or "[::]" or "localhost" or "")
                {
                    host = "127.0.0.1";
                }
                return firstUrl[..(schemeEnd + 3)] + host + tail;
            }
        }
        var port = (httpPorts ?? "").Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        return $"http://127.0.0.1:{(int.TryParse(port, out var p) && p is > 0 and < 65536 ? p : DefaultPort)}";
    }
}
