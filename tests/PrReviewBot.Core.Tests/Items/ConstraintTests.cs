using PrReviewBot.Core.Model;

namespace PrReviewBot.Core.Tests.Items;

public class ConstraintTests
{
    [Fact]
    public void TargetWithIssueLink_IsPresent()
    {
        var verdict = Review.Of("**Constraint:** item detail p95 < 80 ms at 2,500 RPS — see #311.");
        Assert.True(verdict.Item(ItemKind.Constraint).Present);
        var target = Assert.Single(verdict.Targets);
        Assert.Equal(("p95", "<", 80.0, "ms"), (target.Percentile, target.Comparator, target.Value, target.Unit));
        Assert.Contains("#311", verdict.ConstraintLinks);
    }

    [Fact]
    public void FreeFormTargetWithClosingIssueUrl_IsPresent()
    {
        const string body = """
            Exports for big events can't finish: the platform cuts every request off at 30 seconds.
            This moves large exports to a background job.

            closes https://github.com/acme/bank/issues/3130
            """;
        var verdict = Review.Of(body);
        Assert.True(verdict.Item(ItemKind.Constraint).Present);
        Assert.Equal(30, Assert.Single(verdict.Targets).Value);
    }

    [Fact]
    public void SloDocumentLinkNextToTarget_IsPresent()
    {
        var body = "## SLO / target\nLIST calls must stay at p99 <= 30s per cluster-day (https://example.com/slos/api_call_latency.md).";
        var verdict = Review.Of(body);
        Assert.True(verdict.Item(ItemKind.Constraint).Present);
        Assert.Equal("<=", verdict.Targets[0].Comparator);
    }

    [Fact]
    public void TargetWithoutLink_IsMissingAndSaysSo()
    {
        var item = Review.Item("## Target\nP95 of wide queries at least 5x faster than base (the milestone we agreed).", ItemKind.Constraint);
        Assert.False(item.Present);
        Assert.Contains("no link", Assert.Single(item.Messages));
    }

    [Fact]
    public void LinkWithoutTarget_IsMissingAndSaysSo()
    {
        var item = Review.Item("Fixes #54. Scrolling now holds 60 fps even on weak machines.", ItemKind.Constraint);
        Assert.False(item.Present);
        Assert.Contains("no measurable target", Assert.Single(item.Messages));
    }

    [Fact]
    public void ResultIsNotATarget()
    {
        var verdict = Review.Of("p95 went from 240 ms to 80 ms. Fixes #12.");
        Assert.Empty(verdict.Targets);
    }

    [Fact]
    public void StackedPullRequestIsNotWhereATargetComesFrom()
    {
        var item = Review.Item("Builds on #146085. Goal: p99 < 50 ms.", ItemKind.Constraint);
        Assert.False(item.Present);
    }

    [Fact]
    public void ImageAndCiLinksDoNotDefineTargets()
    {
        const string body = """
            Target: p95 < 80 ms.
            ![graph](https://user-images.githubusercontent.com/1/graph.png)
            Run: https://github.com/acme/app/actions/runs/30480743630
            """;
        Assert.False(Review.Present(body, ItemKind.Constraint));
    }

    [Fact]
    public void TemplateLeftoverSection_IsEmpty()
    {
        var item = Review.Item("### Target\n<!-- e.g. \"ClickBench q23 < 1s\" -->\n\n### Rollback\nN/A", ItemKind.Constraint);
        Assert.False(item.Present);
        Assert.Contains("empty or says N/A", item.Messages[0]);
    }

    [Fact]
    public void ItemsOfAListItsLeadInCallsBudgets_AreTargets()
    {
        var verdict = Review.Of("Closes #8. Checks the three budgets the spec sets:\n\n- 150 ms cold start\n- 45 fps while scrolling\n- 2 s to the first chart");
        Assert.Equal(3, verdict.Targets.Count);
        Assert.True(verdict.Item(ItemKind.Constraint).Present);
    }

    [Fact]
    public void ItemsOfAListOfResults_AreNotTargets()
    {
        var verdict = Review.Of("Refs #8. Results against the budgets:\n\n- 140 ms cold start\n- 52 fps while scrolling");
        Assert.Empty(verdict.Targets);
    }

    [Theory]
    [InlineData("Error budget: < 0.1% errors, per the SLO in #77.", "<", 0.1, "%")]
    [InlineData("CPU budget: average < 65% on app nodes (Gate 1 table in #418).", "<", 65, "%")]
    [InlineData("Goal (see #9): must handle 2,500 RPS sustained.", ">=", 2500, "RPS")]
    [InlineData("Constraint: less than 1% of rule evaluations missed, see https://example.com/alerts.yaml", "<", 1, "%")]
    public void TargetsAreRead(string body, string comparator, double value, string unit)
    {
        var verdict = Review.Of(body);
        var target = Assert.Single(verdict.Targets);
        Assert.Equal((comparator, value, unit), (target.Comparator, target.Value, target.Unit));
        Assert.True(verdict.Item(ItemKind.Constraint).Present);
    }

    [Theory]
    [InlineData("For our largest tenants we need report generation p95 under 3 s; the SRE group holds us to it (#51).", "<", 3, "s")]
    [InlineData("Goal (#61): nightly export median no worse than 42 s, where it was before the regression.", "<=", 42, "s")]
    [InlineData("Checkout is held to 400 RPS or more by the capacity plan in #12: at least 400 RPS per node.", ">=", 400, "RPS")]
    // a platform's limit written as a hyphenated adjective
    [InlineData("Refs #88. Packaging has to stay under the 30-minute runner limit, so the slow steps move to a cache.", "<", 30, "min")]
    // the same goal in Spanish, Portuguese and German
    [InlineData("Closes #7. La búsqueda debe responder en menos de 2 segundos con 500 usuarios.", "<", 2, "s")]
    [InlineData("Closes #7. A exportação deve terminar em no máximo 40 segundos.", "<=", 40, "s")]
    [InlineData("Closes #7. Der Import muss mindestens 300 req/s schaffen.", ">=", 300, "req/s")]
    // a platform timeout given in brackets, the change staying under it
    [InlineData("Closes #19. The hosted runner timeout (45 minutes) is close; the matrix now splits so each job stays well under it.", "<", 45, "min")]
    // "inside" a cap
    [InlineData("Refs #4. Both suites now finish inside the 30-minute cap of the shared runners.", "<", 30, "min")]
    // a time limit written after its value, minutes as one letter included
    [InlineData("Refs #31. The integration job now runs the suite with a 12m timeout and four workers.", "<=", 12, "min")]
    [InlineData("Refs #31. Each shard gets a 20-minute time limit so a stuck test cannot hold a runner.", "<=", 20, "min")]
    public void AGoalStatedAsANeed_IsATarget(string body, string comparator, double value, string unit)
    {
        var target = Assert.Single(Review.Of(body).Targets);
        Assert.Equal((comparator, value, unit), (target.Comparator, target.Value, target.Unit));
    }

    [Fact]
    public void WhatWasNeededAsAResult_WithoutAComparator_IsNotATarget() =>
        Assert.Empty(Review.Of("The import needed 40 s before this change and needs 9 s now.").Targets);
}

public class ConstraintAlertConditionTests
{
    [Fact]
    public void AlertConditionIsNotATarget()
    {
        var verdict = Review.Of("## Monitoring\nAlert `FeedSlow` fires when p95 > 80ms for 10 minutes: https://grafana.example.com/d/abc/feed");
        Assert.Empty(verdict.Targets);
        Assert.DoesNotContain(verdict.Findings, f => f.Rule == PrReviewBot.Core.Findings.FindingIds.TargetMissed);
    }

    [Fact]
    public void CurrencyBudget_IsACostTarget()
    {
        var target = Assert.Single(Review.Of("## Constraint\nKeep the inference bill under $4,000/month.").Targets);
        Assert.Equal(("cost", "<", 4000.0, "USD/month"), (target.Metric, target.Comparator, target.Value, target.Unit));
    }

    [Theory]
    [InlineData("## 目標\n応答時間は 200ms 以下にする。", "<=")]
    [InlineData("## 목표\n응답 시간 200ms 미만.", "<")]
    [InlineData("## 目标\nP99 延迟低于 200ms。", "<")]
    public void CjkComparators_AreRead(string body, string comparator)
    {
        var target = Assert.Single(Review.Of(body).Targets);
        Assert.Equal((comparator, 200.0, "ms"), (target.Comparator, target.Value, target.Unit));
    }

    [Fact]
    public void KeepWithoutABound_IsNotATarget()
    {
        Assert.Empty(Review.Of("We keep 30 s of history in the buffer and keep 512 MB for the page cache.").Targets);
    }

    [Theory]
    [InlineData("Feed endpoint: p95 240ms, target 80ms. See #12.")]
    [InlineData("The feed's p95 is 240 ms today; the goal is 80 ms (#12).")]
    public void CurrentValueBeforeTheGoalWord_IsNotTheTarget(string body)
    {
        var target = Assert.Single(Review.Of(body).Targets);
        Assert.Equal((80.0, "ms"), (target.Value, target.Unit));
    }

    [Fact]
    public void GoalWordAfterTheValue_StillNamesIt()
    {
        var target = Assert.Single(Review.Of("## Constraint\nThe 200 ms budget for checkout (SLO doc: https://example.com/slo).").Targets);
        Assert.Equal(200.0, target.Value);
    }

    [Fact]
    public void ScoreWithAComparator_IsATargetInPoints()
    {
        var target = Assert.Single(Review.Of("Goal from #310: the checkout page's accessibility score must reach at least 95.").Targets);
        Assert.Equal((">=", 95.0, "points"), (target.Comparator, target.Value, target.Unit));
    }

    [Fact]
    public void CountOfThingsThatGoWrong_IsATarget()
    {
        var target = Assert.Single(Review.Of("Target: 0 dropped webhook retries during a deploy (see #77).").Targets);
        Assert.Equal(0.0, target.Value);
    }

    [Fact]
    public void AnIssueThatAsksForALimit_GivesTheTarget()
    {
        var verdict = Review.Of("Splits the admin bundle; fixes https://github.com/acme/shop/issues/12, which asks for every route chunk to stay under 150 kB.");
        Assert.True(verdict.Item(ItemKind.Constraint).Present, string.Join(" | ", verdict.Item(ItemKind.Constraint).Messages));
    }

    [Fact]
    public void AScoreMentionedInPassing_IsNotATarget()
    {
        Assert.Empty(Review.Of("The benchmark score went up to 91 after the change.").Targets);
    }

    [Fact]
    public void AReferenceToAChangeThatLanded_IsNotWhereTheTargetComesFrom()
    {
        var verdict = Review.Of("#4410 (the parser rewrite) is already in. The target is a frame under 16 ms on the reference phone.");
        Assert.NotEmpty(verdict.Targets);
        Assert.False(verdict.Item(ItemKind.Constraint).Present);
    }

    [Theory]
    // a platform's limit, named with its owner
    [InlineData("The function bundle has to stay under Vercel's 50 MB limit.", "<", 50.0, "MB")]
    // "no bigger than"
    [InlineData("The store needs an APK no bigger than 150 MB.", "<=", 150.0, "MB")]
    // a limit with its value in brackets
    [InlineData("Each export must fit the mailbox quota (25 MB).", "<", 25.0, "MB")]
    // what a platform refuses above a value is a ceiling, not a floor
    [InlineData("The runner kills any step that runs for more than 45 minutes.", "<=", 45.0, "min")]
    public void ALimitSomeoneElseSets_IsATarget(string sentence, string comparator, double value, string unit)
    {
        var target = Assert.Single(Review.Of(sentence).Targets);
        Assert.Equal((comparator, value, unit), (target.Comparator, target.Value, target.Unit));
    }

    [Fact]
    public void AnOwnerBeforeANumberWithoutALimit_IsNotATarget()
    {
        Assert.Empty(Review.Of("Vercel's 50 MB bundle was mostly source maps.").Targets);
    }

    [Theory]
    [InlineData("The nightly export has to stay at 40 minutes maximum (#31).", "<=", 40.0, "min")]
    [InlineData("Each page should render in ~2s or even less on a mid-range phone (#31).", "<=", 2.0, "s")]
    [InlineData("The ingest node needs to take 3,000 RPS or more (#31).", ">=", 3000.0, "RPS")]
    [InlineData("The container image needs to be less than 2G to fit the edge cache (#31).", "<", 2.0, "GB")]
    [InlineData("The smoke suite should finish within twelve minutes (#31).", "<=", 12.0, "min")]
    [InlineData("A first step towards a 4 second cold start (#31).", "<", 4.0, "s")]
    [InlineData("Требование (#31): ответ API не более 200 мс.", "<=", 200.0, "ms")]
    [InlineData("Цель (#31): отчёт строится менее 5 минут.", "<", 5.0, "min")]
    public void BoundsWrittenAfterTheValue_SpelledOut_OrInRussian_AreTargets(string body, string comparator, double value, string unit)
    {
        var target = Assert.Single(Review.Of(body).Targets);
        Assert.Equal((comparator, value, unit), (target.Comparator, target.Value, target.Unit));
    }

    [Theory]
    // a statistic of a run, and spelled-out words that are not numbers of a unit, are not targets
    [InlineData("Load test: p50 20 ms, 750 ms max over the ten minutes.")]
    [InlineData("One of the two workers was idle for most of the run.")]
    public void MaxOfARun_AndNumberWordsWithoutAGoal_AreNotTargets(string body)
    {
        Assert.Empty(Review.Of(body).Targets);
    }
}
