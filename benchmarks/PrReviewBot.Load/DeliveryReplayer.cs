using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace PrReviewBot.Load;

/// <summary>One delivery as sent: when it was due, when it was answered, what it asked about.</summary>
public sealed class SentDelivery
{
    public required int Number { get; init; }
    public required string HeadSha { get; init; }
    public required long Installation { get; init; }
    public required long DueAt { get; init; }
    public long AnsweredAt { get; set; }
    public int Status { get; set; }
    public string? Error { get; set; }
}

/// <summary>
/// Replays real <c>pull_request</c> payloads (the fixtures, with the PR number and head SHA changed), signed with the
/// serve's secret, open loop: delivery i is due at start + i/rate and is sent then, however slow earlier answers are,
/// and its acknowledgement latency is counted from when it was due (no coordinated omission).
/// </summary>
public sealed class DeliveryReplayer(HttpClient http, FakeGitHubServer gitHub, LoadOptions o)
{
    private const string NumberToken = "987654321";
    private const string ShaToken = "feedfacefeedfacefeedfacefeedfacefeedface";
    private const string InstallationToken = "876543219";

    /// <summary>The installation PR <paramref name="number"/> belongs to: round-robin over <c>--installations</c>.</summary>
    public static long InstallationOf(int number, int installations) => 1 + (number - 1) % installations;

    private readonly string _template = Template(o.Action);
    private readonly Dictionary<int, int> _pushes = [];
    private int _nextNewPullRequest = 1;

    /// <param name="rate">Deliveries per second; <c>--rate</c> unless given.</param>
    public async Task<IReadOnlyList<SentDelivery>> RunAsync(TimeSpan length, string label, double? rate = null)
    {
        var perSecond = rate ?? o.Rate;
        var count = (int)Math.Round(length.TotalSeconds * perSecond);
        var sent = new SentDelivery[count];
        var inFlight = new List<Task>(count);
        var ticksPerDelivery = Stopwatch.Frequency / perSecond;
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < count; i++)
        {
            var due = start + (long)(i * ticksPerDelivery);
            while (Stopwatch.GetTimestamp() < due)
            {
                var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
                if (wait > TimeSpan.FromMilliseconds(2))
                {
                    await Task.Delay(wait - TimeSpan.FromMilliseconds(1));
                }
                else
                {
                    Thread.Yield();
                }
            }
            var number = o.PullRequests == 0 ? _nextNewPullRequest++ : i % o.PullRequests + 1;
            var push = _pushes.GetValueOrDefault(number) + 1;
            _pushes[number] = push;
            var sha = FakeGitHubServer.Sha(number, push);
            gitHub.SetHead(number, sha);
            var delivery = new SentDelivery { Number = number, HeadSha = sha, Installation = InstallationOf(number, o.Installations), DueAt = due };
            sent[i] = delivery;
            inFlight.Add(SendAsync(delivery, $"{label}-{i}-{Guid.NewGuid():N}"));
        }
        await Task.WhenAll(inFlight);
        return sent;
    }

    private async Task SendAsync(SentDelivery d, string deliveryId)
    {
        var body = _template.Replace(NumberToken, d.Number.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace(ShaToken, d.HeadSha, StringComparison.Ordinal)
            .Replace(InstallationToken, d.Installation.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        try
        {
            using var request = Signed("pull_request", body, deliveryId, ServeUnderLoad.Secret);
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            d.AnsweredAt = Stopwatch.GetTimestamp();
            d.Status = (int)response.StatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            d.AnsweredAt = Stopwatch.GetTimestamp();
            d.Error = e.GetType().Name + ": " + e.Message;
        }
    }

    public static HttpRequestMessage Signed(string eventName, string body, string deliveryId, string secret)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/github/webhooks") { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-GitHub-Event", eventName);
        request.Headers.Add("X-GitHub-Delivery", deliveryId);
        request.Headers.Add("X-GitHub-Hook-ID", "292430182");
        request.Headers.Add("X-Hub-Signature-256", "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), bytes)));
        request.Headers.UserAgent.ParseAdd("GitHub-Hookshot/044aadd");
        return request;
    }

    /// <summary>The fixture payload with tokens where the PR number and head SHA go (replaced per delivery).</summary>
    private static string Template(string action)
    {
        var file = action == "synchronize" ? "synchronize.json" : "opened.json";
        var payload = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", file)))!;
        payload["action"] = action;
        payload["number"] = int.Parse(NumberToken, CultureInfo.InvariantCulture);
        payload["pull_request"]!["number"] = int.Parse(NumberToken, CultureInfo.InvariantCulture);
        payload["pull_request"]!["head"]!["sha"] = ShaToken;
        payload["installation"]!["id"] = long.Parse(InstallationToken, CultureInfo.InvariantCulture);
        var text = payload.ToJsonString();
        if (text.Split(NumberToken).Length != 3 || text.Split(ShaToken).Length != 2 || text.Split(InstallationToken).Length != 2)
        {
            throw new InvalidOperationException("the fixture already contains a replacement token");
        }
        return text;
    }
}
