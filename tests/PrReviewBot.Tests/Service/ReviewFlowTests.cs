using System.Net;
using PrReviewBot.Core.Rendering;
using PrReviewBot.Tests.Support;

namespace PrReviewBot.Tests.Service;

/// <summary>Signed deliveries in over HTTP, the real Octokit client out to the fake GitHub: what GitHub receives.</summary>
public class ReviewFlowTests : EndToEndTest
{
    [Fact]
    public async Task IncompleteDescription_GetsOneFailingCheckOnHeadAndOneCommentNamingWhatIsMissing()
    {
        AddOptimizationPr(Descriptions.Incomplete);
        var bot = await StartBotAsync();

        var response = await bot.SendAsync("pull_request", Payloads.PullRequest("opened"));
        await bot.WaitForIdleAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var check = Assert.Single(GitHub.CheckRuns);
        Assert.Equal("perf-review", check.Name);
        Assert.Equal(Payloads.HeadSha, check.HeadSha);
        Assert.Equal("completed", check.Status);
        Assert.Equal("failure", check.Conclusion);
        Assert.Equal("2", check.ExternalId);
        var comment = Assert.Single(GitHub.Comments);
        Assert.Equal(Pr, comment.Number);
        Assert.Contains(CommentRenderer.Marker, comment.Body);
        Assert.Contains("Rollback", comment.Body);
        Assert.Contains("Monitoring", comment.Body);
    }
}
