using PrReviewBot.Core;
using PrReviewBot.Core.Config;
using PrReviewBot.Core.Model;

namespace PrReviewBot.Core.Tests;

public class SmokeTests
{
    [Fact]
    public void ReviewReturnsFiveItems()
    {
        var verdict = Reviewer.Default.Review(PullRequestDescription.FromBody("hello"), ReviewConfig.Default);
        Assert.Equal(5, verdict.Items.Count);
    }
}
