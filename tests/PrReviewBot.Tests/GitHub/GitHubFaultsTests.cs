using System.Net;
using Octokit;
using PrReviewBot.GitHub;

namespace PrReviewBot.Tests.GitHub;

public class GitHubFaultsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    private static IResponse Response(HttpStatusCode status, string body, params (string, string)[] headers) =>
        new FakeResponse(status, body, headers.ToDictionary(h => h.Item1, h => h.Item2));

    private sealed class FakeResponse(HttpStatusCode status, string body, IReadOnlyDictionary<string, string> headers) : IResponse
    {
        public object Body { get; } = body;
        public IReadOnlyDictionary<string, string> Headers { get; } = headers;
        public ApiInfo ApiInfo { get; } = new(new Dictionary<string, Uri>(), [], [], "",
            headers.TryGetValue("x-ratelimit-reset", out var reset)
                ? new RateLimit(5000, 0, long.Parse(reset, System.Globalization.CultureInfo.InvariantCulture))
                : new RateLimit(5000, 4999, 0));
        public HttpStatusCode StatusCode { get; } = status;
        public string ContentType => "application/json";
    }

    [Fact]
    public void TooManyRequestsWithRetryAfter_WaitsExactlyThatLong()
    {
        var fault = GitHubFaults.Classify(new ApiException(Response((HttpStatusCode)429, "{}", ("Retry-After", "7"))), Now);

        Assert.Equal(FaultKind.RateLimited, fault.Kind);
        Assert.Equal(TimeSpan.FromSeconds(7), fault.Wait);
    }

    [Fact]
    public void PrimaryLimit_WaitsUntilTheReset()
    {
        var reset = Now.AddMinutes(12).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var e = new RateLimitExceededException(Response(HttpStatusCode.Forbidden, """{"message":"API rate limit exceeded"}""",
            ("x-ratelimit-remaining", "0"), ("x-ratelimit-limit", "5000"), ("x-ratelimit-reset", reset)));

        var fault = GitHubFaults.Classify(e, Now);

        Assert.Equal(FaultKind.RateLimited, fault.Kind);
        Assert.InRange(fault.Wait!.Value, TimeSpan.FromMinutes(12), TimeSpan.FromMinutes(12) + TimeSpan.FromSeconds(2));
    }

    [Fact]
    public void SecondaryLimitWithoutRetryAfter_WaitsAMinute()
    {
        var e = new SecondaryRateLimitExceededException(Response(HttpStatusCode.Forbidden, """{"message":"You have exceeded a secondary rate limit"}"""));

        Assert.Equal(TimeSpan.FromMinutes(1), GitHubFaults.Classify(e, Now).Wait);
    }

    [Fact]
    public void RetryAfterAsAnHttpDate_IsUnderstood()
    {
        var at = Now.AddSeconds(30).ToString("R", System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(TimeSpan.FromSeconds(30), GitHubFaults.RetryAfter(Response((HttpStatusCode)429, "{}", ("retry-after", at)), Now));
    }

    [Theory]
    [InlineData(500, FaultKind.Transient)]
    [InlineData(502, FaultKind.Transient)]
    [InlineData(503, FaultKind.Transient)]
    [InlineData(404, FaultKind.Permanent)]
    [InlineData(422, FaultKind.Permanent)]
    [InlineData(401, FaultKind.Unauthorized)]
    public void StatusCodes_AreSortedIntoWhatToDo(int status, FaultKind kind)
    {
        var response = Response((HttpStatusCode)status, """{"message":"x"}""");
        Exception e = status switch
        {
            401 => new AuthorizationException(response),
            404 => new NotFoundException(response),
            422 => new ApiValidationException(response),
            _ => new ApiException(response),
        };

        Assert.Equal(kind, GitHubFaults.Classify(e, Now).Kind);
    }

    [Fact]
    public void TimeoutsAndConnectionErrors_AreTransient()
    {
        Assert.Equal(FaultKind.Transient, GitHubFaults.Classify(new TimeoutException("slow"), Now).Kind);
        Assert.Equal(FaultKind.Transient, GitHubFaults.Classify(new HttpRequestException("reset"), Now).Kind);
    }

    /// <summary>
    /// A connection that drops outside the HTTP client's wrapping — "Transport endpoint is not connected" when a retry
    /// writes on a socket the peer reset, a reset while the answer is read — is retried, never a job failed for good.
    /// </summary>
    [Fact]
    public void ConnectionsDroppedOutsideTheHttpClient_AreTransientOutages()
    {
        var exceptions = new Exception[]
        {
            new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.NotConnected),
            new System.IO.IOException("Unable to read data from the transport connection: Connection reset by peer."),
            new InvalidOperationException("the request failed", new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.ConnectionReset)),
        };
        foreach (var e in exceptions)
        {
            var fault = GitHubFaults.Classify(e, Now);
            Assert.Equal(FaultKind.Transient, fault.Kind);
            Assert.Contains("connection to GitHub failed", fault.Summary, StringComparison.Ordinal);
        }
        Assert.True(GitHubFaults.IsOutage(exceptions[0]));
        Assert.Equal(FaultKind.Permanent, GitHubFaults.Classify(new InvalidOperationException("a bug of ours"), Now).Kind);
    }

    [Theory]
    [InlineData("7\u0001\u00e9\u0010 cut off here")]
    [InlineData("31415 and then noise")]
    [InlineData("<html><body>502 Bad Gateway</body></html>")]
    [InlineData("{\"token\":\"ghs_cut")]
    [InlineData("")]
    public void AGarbledAnswer_IsRetriedWhateverItsFirstCharacter(string body)
    {
        var e = Assert.ThrowsAny<Exception>(() => new OctokitJson().Deserialize<AccessToken>(body));

        var fault = GitHubFaults.Classify(e, Now);
        Assert.Equal(FaultKind.Transient, fault.Kind);
        Assert.Contains("could not be read", fault.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidJsonOfTheWrongShape_IsAnAnswerThatCouldNotBeMapped()
    {
        var e = Assert.ThrowsAny<Exception>(() => new OctokitJson().Deserialize<AccessToken>("42"));

        Assert.IsType<GitHubAnswerUnreadableException>(e);
        Assert.Equal(FaultKind.Transient, GitHubFaults.Classify(e, Now).Kind);
    }
}
