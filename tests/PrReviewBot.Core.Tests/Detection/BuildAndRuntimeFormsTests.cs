namespace PrReviewBot.Core.Tests.Detection;

/// <summary>
/// Optimization PRs that carry no speed word: caching in a build or CI run, a multi-stage image, a minified bundle, the
/// runtime's memory and CPU knobs, unneeded work skipped, smoothness restored, something removed because it costs
/// performance — and the lookalikes that stay out (a cache turned off, a time traced, a switch that will not turn off).
/// All sentences are our own.
/// </summary>
public class BuildAndRuntimeFormsTests
{
    [Theory]
    // a cache for a build or CI run
    [InlineData("Cache the Go module downloads in CI")]
    [InlineData("Gradle caching for the release workflow")]
    [InlineData("Improve the docker layer caching")]
    [InlineData("chore(ci): reuse the compiler cache across jobs")]
    // a multi-stage image build adopted
    [InlineData("Use a multi-stage Dockerfile for the api service")]
    [InlineData("Switch the worker to a multi-stage build")]
    // a bundle switched to its minified form
    [InlineData("Serve the minified stylesheet")]
    [InlineData("Switch the widget script to the minified copy")]
    // the runtime's memory and CPU knobs
    [InlineData("Set GOGC from the chart values")]
    [InlineData("Limit malloc arenas for the agent")]
    [InlineData("Tune the JVM heap to the pod size")]
    // unneeded work not done
    [InlineData("Avoid hashing unused columns in the exporter")]
    [InlineData("Skip parsing redundant headers")]
    // smoothness brought back or made better
    [InlineData("Restore smooth scrolling in the timeline")]
    [InlineData("Smoother list animations on old phones")]
    // N+1 with a factor, allocations improved, out-of-memory taken on
    [InlineData("Fix the 3N+1 lookups on the invoices page")]
    [InlineData("Improve parser allocations")]
    [InlineData("Read the archive in slices to prevent OOM kills")]
    // the performance of a thing fixed; a long object between "improve" and "performance"
    [InlineData("Fix the invoice export performance")]
    [InlineData("Improve batched upserts into the ledger and general pool performance")]
    public void TitleForms_AreInferred(string title)
    {
        var verdict = Review.Of("See the diff.", title: title);
        Assert.True(verdict.IsOptimization, verdict.DetectionReason);
    }

    [Theory]
    [InlineData("Rows are copied in whole spans instead of being checked bit by bit.")]
    [InlineData("The importer hands the driver whole batches now, instead of one at a time.")]
    [InlineData("The sidebar tree is no longer rebuilt per keystroke.")]
    public void BodyForms_AreInferred(string body)
    {
        var verdict = Review.Of(body, title: "Rework the worker");
        Assert.True(verdict.IsOptimization, verdict.DetectionReason);
    }

    [Theory]
    [InlineData("Remove the second watcher from the sync loop", "Each watcher costs memory and keeps a socket open.")]
    [InlineData("fix(dev): disable the remote artifact cache for local runs", "The remote cache is very slow from home networks.")]
    [InlineData("[ABC-12] Drop the extra status poller", "The poller costs CPU on idle nodes.")]
    public void SomethingRemovedThatCostsPerformance_IsInferred(string title, string body)
    {
        var verdict = Review.Of(body, title: title);
        Assert.True(verdict.IsOptimization, verdict.DetectionReason);
    }

    [Theory]
    [InlineData("Remove the trial countdown", "Showing it costs time for the support staff.")]
    [InlineData("Add the trial countdown", "The old banner costs memory.")]
    [InlineData("Remove the retry banner", "Reviewers said the old flow is slow to review.")]
    public void LookalikeRemovals_AreNotInferred(string title, string body)
    {
        var verdict = Review.Of(body, title: title);
        Assert.False(verdict.IsOptimization, verdict.DetectionReason);
    }

    [Fact]
    public void TechniqueFromTheTitle_BacksACostCut()
    {
        var verdict = Review.Of("Packing the icons together cuts the draw calls of the HUD.", title: "Pack the HUD icons into a sprite atlas");
        Assert.True(verdict.IsOptimization, verdict.DetectionReason);
    }

    [Fact]
    public void NagleTurnedOffByDefault_IsATechniqueMadeTheDefault()
    {
        var verdict = Review.Of("See the diff.", title: "feat: add a latency benchmark and set TCP_NODELAY on client sockets by default");
        Assert.True(verdict.IsOptimization, verdict.DetectionReason);
    }

    [Theory]
    [InlineData("Fix the nightly performance test job")]
    [InlineData("Fix flaky performance benchmarks on arm runners")]
    [InlineData("Disable the build cache for release tags")]
    [InlineData("ci: bypass the gradle cache on tagged builds")]
    [InlineData("Rename the stage in the multi-stage Dockerfile")]
    [InlineData("Drop the unused `heap` profile from the debug command")]
    public void Lookalikes_AreNotInferred(string title)
    {
        var verdict = Review.Of("See the diff.", title: title);
        Assert.False(verdict.IsOptimization, verdict.DetectionReason);
    }

    [Theory]
    [InlineData("Measure the app's startup time")]
    [InlineData("Close #12 Trace cold-start time")]
    [InlineData("fix: the minifier option cannot be disabled")]
    [InlineData("fix(build): optimizations can't be turned off in dev builds")]
    public void ToolingAndSwitchFixes_AreNotOptimizations(string title)
    {
        var verdict = Review.Of("Start-up is a little faster on the emulator too.", title: title);
        Assert.False(verdict.IsOptimization, verdict.DetectionReason);
    }

    [Theory]
    [InlineData("Stop walking the frame stack in the input hook", "Walking the whole stack is expensive on older devices.")]
    public void SomethingStoppedThatIsExpensiveWork_IsInferred(string title, string body)
    {
        var verdict = Review.Of(body, title: title);
        Assert.True(verdict.IsOptimization, verdict.DetectionReason);
    }

    [Fact]
    public void AnExpensivePlan_IsMoneyNotWork()
    {
        var verdict = Review.Of("The premium plan is expensive for small teams.", title: "Remove the premium plan from the pricing page");
        Assert.False(verdict.IsOptimization, verdict.DetectionReason);
    }

    [Fact]
    public void WorkRepeatedForEachItem_TakenAway_IsLessWork()
    {
        var verdict = Review.Of("Headers are now shared by reference instead of cloning them for every request.", title: "Rework the proxy");
        Assert.True(verdict.IsOptimization, verdict.DetectionReason);
    }

    [Fact]
    public void TitleTechnique_BackedByATarget_IsInferred()
    {
        var verdict = Review.Of("The statement page has to render in under 2 s at p95, see #412.", title: "Batch the ledger reads");
        Assert.True(verdict.IsOptimization, verdict.DetectionReason);
    }

    [Fact]
    public void TitleTechnique_BackedByALoadTestRun_IsInferred()
    {
        const string run = "```\n$ wrk -t4 -c64 -d30s http://localhost:8080/routes\nRunning 30s test @ http://localhost:8080/routes\nRequests/sec:   5120.33\n```";
        var verdict = Review.Of("Route tables are built when the server boots.\n\n" + run, title: "Precompute the route tables");
        Assert.True(verdict.IsOptimization, verdict.DetectionReason);
    }

    [Theory]
    [InlineData("fix: wasm bundle size")]
    [InlineData("Fix the APK size")]
    public void AFixOfTheShippedSize_IsInferred(string title)
    {
        var verdict = Review.Of("See the diff.", title: title);
        Assert.True(verdict.IsOptimization, verdict.DetectionReason);
    }

    [Fact]
    public void AFixOfTheSizeReport_IsNot()
    {
        var verdict = Review.Of("See the diff.", title: "fix: bundle size report in the PR comment");
        Assert.False(verdict.IsOptimization, verdict.DetectionReason);
    }

    [Theory]
    [InlineData("Turn on ParallelScan by default")]
    [InlineData("reader: enable prefetch_pages by default")]
    public void ASwitchNamedForSpeed_MadeTheDefault_IsInferred(string title)
    {
        var verdict = Review.Of("See the diff.", title: title);
        Assert.True(verdict.IsOptimization, verdict.DetectionReason);
    }

    [Theory]
    [InlineData("Turn on StrictMode by default")]
    [InlineData("kv: enable audit.log.enabled by default")]
    // "fast" names protocols and features as often as speed (an armoring scheme, a fast-forward merge)
    [InlineData("auth: add an enable_fast_armor option, on by default")]
    public void ASwitchNamedForSomethingElse_MadeTheDefault_IsNot(string title)
    {
        var verdict = Review.Of("See the diff.", title: title);
        Assert.False(verdict.IsOptimization, verdict.DetectionReason);
    }

    [Fact]
    public void TracingJoinedToAFix_StaysAnOptimization()
    {
        var verdict = Review.Of("See the diff.", title: "Trace startup time and lazy-load the settings module");
        Assert.True(verdict.IsOptimization, verdict.DetectionReason);
    }
}
