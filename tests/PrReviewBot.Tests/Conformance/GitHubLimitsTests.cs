using PrReviewBot.Core.Gates;
using PrReviewBot.Core.Rendering;
using PrReviewBot.Work;

namespace PrReviewBot.Tests.Conformance;

/// <summary>GitHub's size limits: where GitHub's OpenAPI description states one, ours is that; every fitter uses ours.</summary>
public sealed class GitHubLimitsTests
{
    [Theory]
    [InlineData("summary")]
    [InlineData("text")]
    public void CheckOutputLimit_IsTheOneGitHubsOpenApiDescriptionStates(string field)
    {
        var (_, operation) = GitHubDescriptions.Rest.Find("POST", "/repos/o/r/check-runs")!.Value;
        var output = RestDescription.RequestSchema(operation).GetProperty("properties").GetProperty("output").GetProperty("properties");
        Assert.Equal(GitHubLimits.CheckOutputField, output.GetProperty(field).GetProperty("maxLength").GetInt32());
    }

    /// <summary>
    /// Fitters outside Core's Rendering folder still name their own constant (their folders belong to other work under
    /// way); until they refer to <see cref="GitHubLimits"/>, this keeps them from drifting apart.
    /// </summary>
    [Fact]
    public void EveryFitter_UsesGitHubsLimits()
    {
        Assert.Equal(GitHubLimits.CommentBody, CommentRenderer.MaxLength);
        Assert.Equal(GitHubLimits.CommentBody, GateCommentRenderer.MaxLength);
        Assert.Equal(GitHubLimits.CommentBody, ReviewRendering.MaxCommentLength);
        Assert.Equal(GitHubLimits.CheckOutputField, CheckRenderer.MaxOutputLength);
        Assert.Equal(GitHubLimits.CheckOutputField, ReviewRendering.MaxCheckFieldLength);
        Assert.Equal(GitHubLimits.StatusDescription, CheckRenderer.MaxStatusDescriptionLength);
        Assert.Equal(GitHubLimits.StatusDescription, ReviewRendering.MaxStatusDescriptionLength);
    }
}
