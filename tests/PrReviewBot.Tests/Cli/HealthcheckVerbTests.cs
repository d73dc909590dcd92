using System.Net;
using System.Net.Sockets;
using PrReviewBot.Cli;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace PrReviewBot.Tests.Cli;

/// <summary><c>prreviewbot healthcheck</c>, what the image's HEALTHCHECK runs: it follows the port the server uses.</summary>
public sealed class HealthcheckVerbTests
{
    [Theory]
    [InlineData(null, null, "http://127.0.0.1:8080")]
    [InlineData("9000", null, "http://127.0.0.1:9000")]
    [InlineData("9000;9001", null, "http://127.0.0.1:9000")]
    [InlineData("not-a-port", null, "http://127.0.0.1:8080")]
    [InlineData("9000", "http://+:7000", "http://127.0.0.1:7000")]
    [InlineData(null, "http://0.0.0.0:7001;https://*:7443", "http://127.0.0.1:7001")]
    [InlineData(null, "http://[::]:7002", "http://127.0.0.1:7002")]
    [InlineData(null, "http://10.0.0.5:7003/base", "http://10.0.0.5:7003/base")]
    public void Address_FollowsTheServersSettings(string? httpPorts, string? urls, string expected) =>
        Assert.Equal(expected, HealthcheckVerb.LocalUrl(httpPorts, urls));

    [Theory]
    [InlineData(200, CliApp.ExitPass)]
    [InlineData(503, CliApp.ExitFail)]
    public async Task ExitCode_FollowsTheAnswerOfHealthz(int status, int expectedExit)
    {
        using var server = WireMockServer.Start(new WireMockServerSettings { Urls = [$"http://127.0.0.1:{FreePort()}"], StartAdminInterface = false });
        server.Given(Request.Create().WithPath("/healthz").UsingGet()).RespondWith(Response.Create().WithStatusCode(status).WithBody("x"));

        var result = await CliRun.Run(null, "healthcheck", "--url", server.Urls[0]);

        Assert.Equal(expectedExit, result.ExitCode);
        Assert.Contains("/healthz", result.ExitCode == 0 ? result.Out : result.Error);
    }

    [Fact]
    public async Task NothingListening_IsUnhealthy()
    {
        var result = await CliRun.Run(null, "healthcheck", "--url", $"http://127.0.0.1:{FreePort()}", "--timeout", "2");

        Assert.Equal(CliApp.ExitFail, result.ExitCode);
        Assert.Contains("did not answer", result.Error);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
