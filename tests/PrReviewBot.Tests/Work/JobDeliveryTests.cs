using System.Text;
using PrReviewBot.Service;
using PrReviewBot.Storage;
using PrReviewBot.Tests.Support;
using PrReviewBot.Work;

namespace PrReviewBot.Tests.Work;

/// <summary>
/// A stored delivery read again by its job, whichever way it was stored (<c>Storage:Utf8Payloads</c>): as UTF-8 bytes
/// or as text. Both must give the job the same typed values; bytes that cannot be read give a clear reason.
/// </summary>
public class JobDeliveryTests
{
    private static readonly DateTimeOffset Received = new(2026, 12, 3, 7, 0, 0, TimeSpan.Zero);
    private static readonly QueueOptions Queue = new();

    private static PendingDelivery Stored(string eventName, string? text, byte[]? utf8) =>
        new("d1", eventName, "created", Received, text) { Payload = utf8 };

    [Fact]
    public void CommandWithNonAsciiReason_ReadFromBytes_IsTheCommandReadFromText()
    {
        const string reason = "Réduire la latence: 日本語, naïve café 🚀";
        var body = IssuePayloads.Comment(Payloads.Number, "/perf-review override " + reason, onPullRequest: true);

        var fromBytes = JobDelivery.Read(Stored("issue_comment", null, Encoding.UTF8.GetBytes(body)), Queue);
        var fromText = JobDelivery.Read(Stored("issue_comment", body, null), Queue);

        Assert.Equal(reason, fromBytes.Command!.Command.Argument);
        Assert.Equal(fromText.Command, fromBytes.Command);
        Assert.Equal(fromText.Routing.Work, fromBytes.Routing.Work);
    }

    [Fact]
    public void BytesThatAreNotJson_SayTheBodyIsNotJson()
    {
        var e = Assert.Throws<MalformedPayloadException>(() =>
            JobDelivery.Read(Stored("pull_request", null, Encoding.UTF8.GetBytes("{\"action\": \"opened\", ")), Queue));

        Assert.Equal("The body is not valid JSON.", e.Message);
    }

    [Fact]
    public void BytesThatAreNotUtf8InAValueTheRouteReads_NameThatValue()
    {
        var body = Encoding.UTF8.GetBytes(IssuePayloads.Comment(Payloads.Number, "/perf-review override MARK", onPullRequest: true));
        var at = body.AsSpan().IndexOf("MARK"u8);
        body[at] = 0xC3; // a lead byte followed by ASCII: not UTF-8
        body[at + 1] = 0x28;

        var e = Assert.Throws<MalformedPayloadException>(() => JobDelivery.Read(Stored("issue_comment", null, body), Queue));

        Assert.Contains("'comment.body' is not valid text", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DeliveryStoredWithoutBody_SaysSo()
    {
        var e = Assert.Throws<MalformedPayloadException>(() => JobDelivery.Read(Stored("pull_request", null, null), Queue));

        Assert.Contains("without its body", e.Message, StringComparison.Ordinal);
    }
}
