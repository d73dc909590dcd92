namespace PrReviewBot.Core.Tests.Detection;

/// <summary>
/// Forms of saying "this makes it faster or smaller" that carry no usual claim word, and shapes of performance work that
/// is not an optimization (a tool restyled, a panel added, a gate on a metric). All sentences are our own.
/// </summary>
public class ContentFormsTests
{
    [Theory]
    // a performance noun with boost / benefit / gain
    [InlineData("Bump the bench harness for a perf boost")]
    [InlineData("Use the vendored allocator for a performance benefit")]
    // N + 1 written with spaces before what it names
    [InlineData("Resolve the N + 1 query on the orders page")]
    // a page-speed score reached or raised
    [InlineData("Get the landing page to a Lighthouse score of 98")]
    [InlineData("Raise PageSpeed mobile to 90")]
    // a web vital as what a fix takes on, even beside a tooling step
    [InlineData("perf(web): fix hero image CLS, add a Lighthouse CI job")]
    [InlineData("Fix layout shift on the pricing cards")]
    // Android's startup profiles
    [InlineData("Generate baseline profiles for the app module")]
    // a platform limit the change works within
    [InlineData("Cope with the function size limit by zipping vendored libs")]
    public void TitleForms_AreInferred(string title)
    {
        var verdict = Review.Of("See the diff.", title: title);
        Assert.True(verdict.IsOptimization, verdict.DetectionReason);
    }

    [Theory]
    [InlineData("Aims to improve the importer's load time.")]
    [InlineData("改完之后吞吐提升明显。")]
    [InlineData("キャッシュを入れてスループットが大きく向上した。")]
    [InlineData("When both features are off this saves a lot of CPU time (about 200ms on a small VM).")]
    [InlineData("Skipping the unused modules saves about 250 ms of startup time on a cold boot.")]
    [InlineData("Dropping the unused fonts makes the release tarball smaller.")]
    [InlineData("Large exports are now built in a background job and mailed when ready.")]
    [InlineData("The table-driven writer improves encoding by roughly a factor of 2 on wide rows.")]
    [InlineData("Our CI provider has a 45-minute time limit per job. This splits the tests into four shards so each one finishes well within the limit.")]
    public void BodyForms_AreInferred(string body)
    {
        var verdict = Review.Of(body, title: "Rework the worker");
        Assert.True(verdict.IsOptimization, verdict.DetectionReason);
    }

    [Theory]
    [InlineData("We saw no performance gain from switching parsers, so this only tidies the code.")]
    [InlineData("The pager loop runs n + 1 times for the trailing page.")]
    [InlineData("The wizard saves 10 minutes of setup for new users.")]
    [InlineData("Makes the avatar images smaller on narrow screens.")]
    [InlineData("The client now stays within the rate limit of 100 requests per minute.")]
    public void LookalikeSentences_AreNotInferred(string body)
    {
        var verdict = Review.Of(body, title: "Rework the worker");
        Assert.False(verdict.IsOptimization, verdict.DetectionReason);
    }

    [Fact]
    public void HarnessVerdictAgainstTheBaseline_IsAClaim()
    {
        const string output = "copy/64k               time:   [1.20 ms 1.22 ms 1.25 ms]\n                 change:\n" +
                              "                        time:   [-41.0% -39.5% -38.1%] (p = 0.00 < 0.05)\n                        Performance has improved.\n";
        Assert.True(Review.Of("Frames are spliced between the sockets.\n\n```\n" + output + "```", title: "Splice frames between sockets").IsOptimization);
        var regressed = output.Replace("Performance has improved.", "Performance has regressed.", StringComparison.Ordinal);
        Assert.False(Review.Of("Frames are spliced between the sockets.\n\n```\n" + regressed + "```", title: "Splice frames between sockets").IsOptimization);
    }

    [Fact]
    public void CommitSubjectCutByGitHub_IsReadWhole()
    {
        var verdict = Review.Of("...ut allocations on the insert path\n\nNumbers are in the CI job.",
            title: "count allocs in the bench harness, vendor a gc-friendly hash, c...");
        Assert.True(verdict.IsOptimization, verdict.DetectionReason);
        Assert.Contains("cut allocations", verdict.DetectionReason);
    }

    [Fact]
    public void ToolingWordInsideARoute_IsAPartOfTheProduct()
    {
        var verdict = Review.Of("Encoding 5,000 results took 0.9 s before this change and 0.4 s after it.",
            title: "/v1/benchmarks/results: encode with msgpack");
        Assert.True(verdict.IsOptimization, verdict.DetectionReason);
    }

    [Fact]
    public void PerformanceIssueAsTheProblemTakenOn_IsNotTooling()
    {
        var verdict = Review.Of("The pool is now filled on demand, and the existing benchmark shows this is faster.",
            title: "performance issue: the object pool is emptied by every GC");
        Assert.True(verdict.IsOptimization, verdict.DetectionReason);
    }

    [Theory]
    [InlineData("Remove performance issue detection options")]
    [InlineData("Add performance issue templates")]
    [InlineData("Flame graph improvements")]
    [InlineData("Profiling tweaks")]
    [InlineData("feat(api): add p95 write latency percentile panels")]
    [InlineData("ci(web): gate bundle size and first-load time")]
    [InlineData("Add Lighthouse CI to the pipeline")]
    public void ToolingShapes_AreNotOptimizations(string title)
    {
        var verdict = Review.Of("The animation is faster now, and the slow requests stand out in the panel.", title: title);
        Assert.False(verdict.IsOptimization, verdict.DetectionReason);
    }

    [Fact]
    public void GatingWorkBehindACheck_IsNotAMetricGate()
    {
        var verdict = Review.Of("Recompute time went from 120 ms to 15 ms on the sample board.", title: "Gate the costly recompute time behind a dirty flag");
        Assert.True(verdict.IsOptimization, verdict.DetectionReason);
    }

    [Fact]
    public void AddingATechniqueForWhatAPanelShows_IsNotAddingAPanel()
    {
        var verdict = Review.Of("p95 of the search endpoint went from 480 ms to 60 ms.", title: "Add a covering index for the slow query behind the latency panels");
        Assert.True(verdict.IsOptimization, verdict.DetectionReason);
    }
}
